// The program charts: drawn from what Rust counted, each with its numbers in
// a table; the home page's compact variant shows two of them and a link to
// the rest; a refusal is shown, not a blank space.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import type { ProgramCharts as Charts } from '../src/lib/bindings/ProgramCharts';
import type { ChartMonth } from '../src/lib/bindings/ChartMonth';

const programCharts = vi.fn();
vi.mock('../src/lib/api', () => ({
  api: { programCharts: (...a: unknown[]) => programCharts(...a) },
  isApiError: (e: unknown) => !!e && typeof e === 'object' && 'fields' in e,
  toApiError: (e: unknown) => e,
}));

const { default: ProgramCharts } = await import('../src/pages/reports/ProgramCharts.svelte');

function month(label: string, first: string, over: Partial<ChartMonth> = {}): ChartMonth {
  return {
    month: first, label, counted_on: first, referred: 0, eligible: 0, enrolled: 0, housed: 0, moved_in: 0,
    median_days_to_housing: null, average_days_to_housing: null, ended: true, held_to_standard: 0,
    engagement_met: 0, engagement_percent: null, ...over,
  };
}

function charts(): Charts {
  return {
    as_of: '2026-11-23',
    period: 'September 2026 to November 2026',
    months: [
      month('Sep 2026', '2026-09-01', { referred: 3, eligible: 1, enrolled: 2, housed: 1, moved_in: 1, median_days_to_housing: 43, average_days_to_housing: 43, held_to_standard: 1, engagement_met: 0, engagement_percent: 0 }),
      month('Oct 2026', '2026-10-01', { referred: 2, eligible: 1, enrolled: 1, housed: 4, moved_in: 3, median_days_to_housing: 14, average_days_to_housing: 20.3, held_to_standard: 4, engagement_met: 3, engagement_percent: 75 }),
      month('Nov 2026', '2026-11-01', { counted_on: '2026-11-23', referred: 5, housed: 4, ended: false }),
    ],
    spending: {
      fiscal_year: 2027, from: '2026-07-01', through: '2026-11-23',
      lines: [
        { category: 'security_deposit', label: 'Security deposits', spent: '2300.00', budget: '10000.00' },
        { category: 'rental_assistance_payment', label: 'Rental assistance payments', spent: '45080.50', budget: '120000.00' },
      ],
      spent_total: '47380.50', budget_total: '130000.00',
    },
  };
}

/** The rows of the numbers table under the chart titled `title`. */
function numbers(title: string): string[][] {
  const figure = screen.getByText(title, { selector: 'figcaption' }).closest('figure') as HTMLElement;
  const table = within(figure.querySelector('details') as HTMLElement).getByRole('table', { hidden: true });
  return [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent?.trim() ?? ''));
}

beforeEach(() => programCharts.mockReset());

describe('ProgramCharts', () => {
  it('draws the five charts from the figures, each with its table of numbers', async () => {
    programCharts.mockResolvedValue(charts());
    const { container } = render(ProgramCharts);
    expect(screen.getByRole('heading', { name: 'The program in charts' })).toBeInTheDocument();
    expect(await screen.findByText('Housed', { selector: 'figcaption' })).toBeInTheDocument();
    const titles = [...container.querySelectorAll('figcaption')].map((f) => f.textContent);
    expect(titles).toEqual([
      'Participants by stage',
      'Housed',
      'Days from referral to housing',
      'Engagement standard met',
      'Spending by category against the budget',
    ]);
    expect(numbers('Participants by stage')).toEqual([
      ['Sep 2026', '3', '1', '2', '1', '7'],
      ['Oct 2026', '2', '1', '1', '4', '8'],
      ['Nov 2026', '5', '0', '0', '4', '9'],
    ]);
    expect(numbers('Housed').map((r) => r[1])).toEqual(['1', '4', '4']);
    expect(numbers('Days from referral to housing')).toEqual([
      ['Sep 2026', '43 days', '43 days'],
      ['Oct 2026', '14 days', '20.3 days'],
      ['Nov 2026', '—', '—'],
    ]);
    expect(numbers('Engagement standard met').map((r) => r[1])).toEqual(['0%', '75%', '—']);
    expect(numbers('Spending by category against the budget')).toEqual([
      ['Security deposits', '$2,300.00', '$10,000.00'],
      ['Rental assistance payments', '$45,080.50', '$120,000.00'],
    ]);
    expect(screen.getByText(/\$47,380\.50 spent of \$130,000\.00 budgeted/)).toBeInTheDocument();
    expect(screen.getAllByText(/this month: 11\/23\/2026/, { selector: 'p.chart-note' })).toHaveLength(2);
    const svgs = screen.getAllByRole('img');
    expect(svgs).toHaveLength(5);
    expect(svgs[3]?.getAttribute('aria-label')).toContain('Engagement standard met');
  });

  it('shows only the housed count and engagement on the home page, with a link to the rest', async () => {
    programCharts.mockResolvedValue(charts());
    const { container } = render(ProgramCharts, { compact: true });
    expect(screen.getByRole('heading', { name: 'The last 12 months' })).toBeInTheDocument();
    expect(await screen.findByText('Housed', { selector: 'figcaption' })).toBeInTheDocument();
    const titles = [...container.querySelectorAll('figcaption')].map((f) => f.textContent);
    expect(titles).toEqual(['Housed', 'Engagement standard met']);
    expect(screen.getByRole('link', { name: 'More charts on the Reports page' })).toHaveAttribute('href', '#/reports');
  });

  it('says when no budget is entered', async () => {
    programCharts.mockResolvedValue({ ...charts(), spending: { ...charts().spending, budget_total: null } });
    render(ProgramCharts);
    expect(await screen.findByText(/No budget is entered for the year/)).toBeInTheDocument();
  });

  it('shows a refusal in words', async () => {
    programCharts.mockRejectedValueOnce({ code: 'forbidden', message: 'Office staff and supervisors produce the reports.', fields: [] });
    render(ProgramCharts, { compact: true });
    expect((await screen.findByRole('alert')).textContent).toContain('Office staff and supervisors produce the reports.');
  });
});
