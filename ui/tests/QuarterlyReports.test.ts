// The quarterly reports and the grant budget on the Reports page: the
// figures are grouped by the Guide's aims with their meaning; producing a
// report says where it went beside the buttons; a budget amount Rust refuses
// is named beside its category and what was typed stays.
import { describe, expect, it, vi, beforeEach } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { QuarterlyPreview } from '../src/lib/bindings/QuarterlyPreview';
import type { BudgetView } from '../src/lib/bindings/BudgetView';

const quarterlyReportPreview = vi.fn();
const produceQuarterlyReport = vi.fn();
const grantBudget = vi.fn();
const saveGrantBudget = vi.fn();
vi.mock('../src/lib/api', () => ({
  api: {
    quarterlyReportPreview: (...a: unknown[]) => quarterlyReportPreview(...a),
    produceQuarterlyReport: (...a: unknown[]) => produceQuarterlyReport(...a),
    grantBudget: (...a: unknown[]) => grantBudget(...a),
    saveGrantBudget: (...a: unknown[]) => saveGrantBudget(...a),
  },
  isApiError: (e: unknown) => !!e && typeof e === 'object' && 'fields' in e,
  toApiError: (e: unknown) => e,
}));

const { choices, emptyChoices } = await import('../src/lib/choices.svelte');
const { default: QuarterlyReports } = await import('../src/pages/reports/QuarterlyReports.svelte');
const { default: GrantBudget } = await import('../src/pages/reports/GrantBudget.svelte');

function preview(): QuarterlyPreview {
  return {
    due_on: '2026-10-30',
    figures: {
      first: '2026-07-01', last: '2026-09-30', period: 'July–September 2026', fiscal_year: 2027, fiscal_year_start: '2026-07-01',
      housed_at_end: 12,
      measures: [
        { aim: 'reach', label: 'Housed', kind: 'count', value: '4', note: 'Moved in for the first time.' },
        { aim: 'reach', label: 'Median days from referral to housing', kind: 'days', value: '41.5', note: '' },
        { aim: 'prevent_institutionalization', label: 'Returns to homelessness', kind: 'count', value: '0', note: 'Exits to a shelter.' },
        { aim: 'health_and_recovery', label: 'Engagement standard met', kind: 'percent', value: '87.5', note: '' },
        { aim: 'state_costs', label: 'Spent in the quarter', kind: 'money', value: '12345.6', note: '' },
      ],
      exits_by_destination: [['Rental with an ongoing subsidy', 2]],
      engagement: [],
      spending: [
        { category: 'security_deposit', label: 'Security deposit', budget: '10000.00', quarter: '2000.00', year_to_date: '12000.00', remaining: '-2000.00' },
      ],
      budget_total: '10000.00', quarter_total: '2000.00', year_to_date_total: '12000.00', remaining_total: '-2000.00',
    },
  };
}

function budget(over: Partial<BudgetView> = {}): BudgetView {
  return {
    fiscal_year: 2027, label: 'FY2027: 07/01/2026 to 06/30/2027', total: '0', editable: true,
    years: [2026, 2027, 2028].map((y) => ({ year: y, label: `FY${y}: 07/01/${y - 1} to 06/30/${y}` })),
    lines: [
      { category: 'security_deposit', label: 'Security deposit', amount: null },
      { category: 'signing_bonus', label: 'Signing bonus', amount: '500.00' },
    ],
    ...over,
  };
}

beforeEach(() => {
  for (const f of [quarterlyReportPreview, produceQuarterlyReport, grantBudget, saveGrantBudget]) f.mockReset();
  choices.set({
    ...emptyChoices(),
    aims: [
      { code: 'reach', label: 'Referral, eligibility and housing' },
      { code: 'prevent_institutionalization', label: 'Aim 1: preventing institutionalization and overdose deaths' },
      { code: 'health_and_recovery', label: 'Aim 2: improving health outcomes and access to recovery support' },
      { code: 'state_costs', label: 'Aim 3: reducing State costs' },
    ],
  });
});

describe('the quarterly reports', () => {
  it('groups the figures by aim, reads each as people write it, and flags a category over budget', async () => {
    quarterlyReportPreview.mockResolvedValue(preview());
    render(QuarterlyReports, { due: [], onproduced: vi.fn() });
    const measures = await screen.findByRole('table', { name: 'Performance against the triple aim' });
    expect(within(measures).getByRole('rowheader', { name: 'Aim 1: preventing institutionalization and overdose deaths' })).toBeTruthy();
    const row = (name: string) => within(measures).getByRole('rowheader', { name }).closest('tr')!.textContent;
    expect(row('Median days from referral to housing')).toContain('41.5 days');
    expect(row('Engagement standard met')).toContain('87.5%');
    expect(row('Spent in the quarter')).toContain('$12,345.60');
    const spending = screen.getByRole('table', { name: /Spending by eligible-cost category, FY2027/ });
    const deposit = within(spending).getByRole('rowheader', { name: 'Security deposit' }).closest('tr')!;
    expect(deposit.className).toContain('overdue-text');
    expect(deposit.textContent).toContain('−$2,000.00');
  });

  it('produces the report chosen and says where it was saved beside the buttons', async () => {
    quarterlyReportPreview.mockResolvedValue(preview());
    produceQuarterlyReport.mockResolvedValue({ id: 9, file_name: 'Quarterly financial 2026 Q3.xlsx' });
    const onproduced = vi.fn().mockResolvedValue('Saved: /home/maria/PFR.xlsx');
    render(QuarterlyReports, { due: [], onproduced });
    await userEvent.click(await screen.findByRole('button', { name: 'Financial workbook' }));
    expect(produceQuarterlyReport).toHaveBeenCalledWith(expect.stringMatching(/^\d{4}-Q[1-4]$/), 'quarterly_financial', 'workbook');
    expect((await screen.findByRole('status')).textContent).toBe('Saved: /home/maria/PFR.xlsx');
    expect(onproduced).toHaveBeenCalledWith(expect.objectContaining({ id: 9 }));
  });
});

describe('the grant budget', () => {
  it('shows the amount Rust refused beside its category and keeps what was typed', async () => {
    grantBudget.mockResolvedValue(budget());
    saveGrantBudget.mockRejectedValue({
      code: 'validation', message: '1 field needs correcting',
      fields: [{ field: 'budget_security_deposit', message: 'Enter the budget for security deposit as an amount, like 967.50.' }],
    });
    render(GrantBudget, {});
    const input = await screen.findByLabelText('Security deposit');
    await userEvent.type(input, 'ten thousand');
    await userEvent.click(screen.getByRole('button', { name: 'Save the budget' }));
    await screen.findByText('Enter the budget for security deposit as an amount, like 967.50.', { selector: 'p.error-message' });
    expect((input as HTMLInputElement).value).toBe('ten thousand');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(saveGrantBudget).toHaveBeenCalledWith({
      fiscal_year: 2027,
      amounts: [{ category: 'security_deposit', amount: 'ten thousand' }, { category: 'signing_bonus', amount: '500.00' }],
    });
  });

  it('keeps what was typed for a year while another year is looked at', async () => {
    grantBudget.mockImplementation((y: number | null) => Promise.resolve(budget({ fiscal_year: y ?? 2027, label: `FY${y ?? 2027}` })));
    render(GrantBudget, {});
    const input = await screen.findByLabelText('Security deposit');
    await userEvent.type(input, '12000');
    const year = screen.getByLabelText('Fiscal year') as HTMLSelectElement;
    const other = [...year.options].map((o) => o.value).find((v) => v !== year.value);
    const current = year.value;
    await userEvent.selectOptions(year, other!);
    await screen.findByRole('table', { name: `FY${other}` });
    expect((screen.getByLabelText('Security deposit') as HTMLInputElement).value).toBe('');
    await userEvent.selectOptions(year, current);
    await screen.findByRole('table', { name: `FY${current}` });
    expect((screen.getByLabelText('Security deposit') as HTMLInputElement).value).toBe('12000');
  });

  it('is read-only for office staff', async () => {
    grantBudget.mockResolvedValue(budget({ editable: false }));
    render(GrantBudget, {});
    await screen.findByText('A supervisor or an administrator enters the budget.');
    expect(screen.queryByRole('button', { name: 'Save the budget' })).toBeNull();
    expect(screen.queryByRole('textbox')).toBeNull();
  });
});
