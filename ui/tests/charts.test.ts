// The bar and line charts: what a screen reader, a printer and a reader of
// the table get, and that the drawing matches the figures.
import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import BarChart from '$lib/components/charts/BarChart.svelte';
import LineChart from '$lib/components/charts/LineChart.svelte';

const spending = {
  title: 'Spending against budget',
  categories: ['Rapid rehousing', 'Permanent supportive housing', 'Prevention'],
  format: 'money' as const,
  series: [
    { name: 'Rent', values: ['12345.67', '8000', null] },
    { name: 'Deposits', values: ['1500.5', null, '250.00'] },
    { name: 'Budget', values: ['15000.00', '9000.00', '1000.00'], kind: 'target' as const },
  ],
};

const numbersTable = (container: HTMLElement) => {
  const details = container.querySelector('details');
  expect(details).not.toBeNull();
  expect(within(details as HTMLElement).getByText('Show the numbers').tagName).toBe('SUMMARY');
  return within(details as HTMLElement).getByRole('table', { hidden: true });
};
const cells = (table: HTMLElement) =>
  [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent?.trim()));
const bars = (container: HTMLElement) => [...container.querySelectorAll<SVGRectElement>('rect[data-bar]')];
const bar = (container: HTMLElement, series: number, category: number) =>
  container.querySelector<SVGRectElement>(`rect[data-bar][data-series="${series}"][data-category="${category}"]`);

describe('BarChart', () => {
  it('has its title as the caption and a summary for screen readers', () => {
    const { container } = render(BarChart, spending);
    expect(container.querySelector('figure > figcaption')).toHaveTextContent('Spending against budget');
    const svg = screen.getByRole('img');
    expect(svg.tagName.toLowerCase()).toBe('svg');
    const label = svg.getAttribute('aria-label') ?? '';
    expect(label).toContain('Spending against budget. Bar chart of Rent and Deposits for 3 categories');
    expect(label).toContain('Budget shown as a line across each category');
    expect(label).toContain('Highest: $12,346 (Rent, Rapid rehousing)');
  });

  it('puts every figure in a table, money with cents and gaps as a dash', () => {
    const { container } = render(BarChart, spending);
    const table = numbersTable(container);
    expect(table.querySelector('caption')).toHaveTextContent('Spending against budget');
    const heads = [...table.querySelectorAll('thead th')];
    expect(heads.map((h) => h.textContent)).toEqual(['Category', 'Rent', 'Deposits', 'Budget']);
    expect(heads.every((h) => h.getAttribute('scope') === 'col')).toBe(true);
    expect([...table.querySelectorAll('tbody th')].every((h) => h.getAttribute('scope') === 'row')).toBe(true);
    expect(cells(table)).toEqual([
      ['Rapid rehousing', '$12,345.67', '$1,500.50', '$15,000.00'],
      ['Permanent supportive housing', '$8,000.00', '—', '$9,000.00'],
      ['Prevention', '—', '$250.00', '$1,000.00'],
    ]);
  });

  it('has a copy of the table for print, outside the details', () => {
    const { container } = render(BarChart, spending);
    const copy = container.querySelector('.print-numbers table');
    expect(copy).not.toBeNull();
    expect(copy?.closest('details')).toBeNull();
    expect(cells(copy as HTMLElement)).toEqual(cells(numbersTable(container)));
  });

  it('draws a bar for each value and none for a gap', () => {
    const { container } = render(BarChart, spending);
    expect(bars(container)).toHaveLength(4);
    expect(bar(container, 0, 2)).toBeNull();
    expect(bar(container, 1, 1)).toBeNull();
    expect(bar(container, 0, 0)).not.toBeNull();
  });

  it('draws the target as a line across each category', () => {
    const { container } = render(BarChart, spending);
    const marks = container.querySelectorAll('[data-target]');
    expect(marks).toHaveLength(3);
    const first = container.querySelector('[data-target][data-category="0"] line');
    const rent = bar(container, 0, 0) as SVGRectElement;
    const deposits = bar(container, 1, 0) as SVGRectElement;
    // The line reaches past both bars of its group, above the taller one.
    expect(Number(first?.getAttribute('x1'))).toBeLessThan(Number(rent.getAttribute('x')));
    expect(Number(first?.getAttribute('x2'))).toBeGreaterThan(Number(deposits.getAttribute('x')) + Number(deposits.getAttribute('width')));
    expect(Number(first?.getAttribute('y1'))).toBeLessThan(Number(rent.getAttribute('y')));
  });

  it('labels bars with their values in whole dollars', () => {
    const { container } = render(BarChart, spending);
    const labels = [...container.querySelectorAll('text.value')].map((t) => t.textContent);
    expect(labels).toContain('$12,346');
    expect(labels).toContain('$250');
  });

  it('places bars side by side, or one on another when stacked', () => {
    const data = { title: 'Move-ins', categories: ['Jan', 'Feb'], series: [{ name: 'Adults', values: [5, 3] }, { name: 'Families', values: [2, 4] }] };
    const grouped = render(BarChart, data).container;
    const g0 = bar(grouped, 0, 0) as SVGRectElement;
    const g1 = bar(grouped, 1, 0) as SVGRectElement;
    expect(g1.getAttribute('x')).not.toBe(g0.getAttribute('x'));
    expect(g1.getAttribute('y')).not.toBe(g0.getAttribute('y'));

    const stacked = render(BarChart, { ...data, stacked: true }).container;
    const s0 = bar(stacked, 0, 0) as SVGRectElement;
    const s1 = bar(stacked, 1, 0) as SVGRectElement;
    expect(s1.getAttribute('x')).toBe(s0.getAttribute('x'));
    // The second sits on top of the first: its bottom edge is the first's top.
    expect(Number(s1.getAttribute('y')) + Number(s1.getAttribute('height'))).toBeCloseTo(Number(s0.getAttribute('y')), 5);
    expect(Number(s0.getAttribute('width'))).toBeGreaterThan(Number(g0.getAttribute('width')));
    expect(stacked.querySelector('svg[role="img"]')?.getAttribute('aria-label')).toContain('Stacked bar chart');

    const table = numbersTable(stacked);
    expect([...table.querySelectorAll('thead th')].map((h) => h.textContent)).toEqual(['Category', 'Adults', 'Families', 'Total']);
    expect(cells(table)).toEqual([
      ['Jan', '5', '2', '7'],
      ['Feb', '3', '4', '7'],
    ]);
  });

  it('reads counts and days plainly', () => {
    const counts = render(BarChart, { title: 'Referrals', categories: ['Hospital'], series: [{ name: 'People', values: [1234] }] });
    expect(cells(numbersTable(counts.container))).toEqual([['Hospital', '1,234']]);
    const days = render(BarChart, {
      title: 'Days to move in',
      categories: ['Shelter', 'Street'],
      series: [{ name: 'Average', values: [1, 42.5] }],
      format: 'days',
    });
    expect(cells(numbersTable(days.container))).toEqual([
      ['Shelter', '1 day'],
      ['Street', '42.5 days'],
    ]);
  });

  it('says so plainly when there is nothing to show', () => {
    const none = render(BarChart, { title: 'Exits', categories: [], series: [] });
    expect(none.container.querySelector('figcaption')).toHaveTextContent('Exits');
    expect(none.container).toHaveTextContent('Nothing to show yet for this period.');
    expect(none.container.querySelector('svg')).toBeNull();
    expect(none.container.querySelector('table')).toBeNull();

    const zeros = render(BarChart, { title: 'Evictions', categories: ['Jan', 'Feb'], series: [{ name: 'Evictions', values: [0, null] }], note: 'From the case notes.' });
    expect(zeros.container).toHaveTextContent('Nothing to show yet for this period.');
    expect(zeros.container).toHaveTextContent('From the case notes.');
    expect(zeros.container.querySelector('svg')).toBeNull();
  });

  it('gives each chart its own pattern ids, and the bars and legend use them', () => {
    const a = render(BarChart, spending).container;
    const b = render(BarChart, spending).container;
    const ids = [...document.querySelectorAll('pattern')].map((p) => p.id);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of [a, b]) {
      const own = [...c.querySelectorAll('pattern')].map((p) => p.id);
      const fill = bar(c, 1, 0)?.getAttribute('fill');
      expect(fill).toMatch(/^url\(#.+\)$/);
      expect(own).toContain(fill?.slice(5, -1));
      expect(c.querySelector('.legend')).toHaveTextContent('Deposits');
      expect(c.querySelector(`.legend rect[fill="${fill}"]`)).not.toBeNull();
    }
  });

  it('wraps long category names instead of running them together', () => {
    const { container } = render(BarChart, spending);
    const label = [...container.querySelectorAll('text.category')].find((t) => t.textContent?.includes('Permanent'));
    expect(label?.querySelectorAll('tspan').length).toBeGreaterThan(1);
  });
});

describe('LineChart', () => {
  const occupancy = {
    title: 'People housed each month',
    series: ['Rapid rehousing', 'Permanent supportive housing'],
    points: [
      { label: 'Oct 2025', values: [10, 30] },
      { label: 'Nov 2025', values: [12, null] },
      { label: 'Dec 2025', values: [null, 33] },
      { label: 'Jan 2026', values: [15, 34] },
    ],
  };

  it('has its title, a summary, and the figures in a table', () => {
    const { container } = render(LineChart, occupancy);
    expect(container.querySelector('figure > figcaption')).toHaveTextContent('People housed each month');
    const label = screen.getByRole('img').getAttribute('aria-label') ?? '';
    expect(label).toContain('Line chart of Rapid rehousing and Permanent supportive housing from Oct 2025 to Jan 2026');
    expect(label).toContain('Rapid rehousing: 10 in Oct 2025, 15 in Jan 2026');
    const table = numbersTable(container);
    expect([...table.querySelectorAll('thead th')].map((h) => h.textContent)).toEqual(['Period', 'Rapid rehousing', 'Permanent supportive housing']);
    expect(cells(table)).toEqual([
      ['Oct 2025', '10', '30'],
      ['Nov 2025', '12', '—'],
      ['Dec 2025', '—', '33'],
      ['Jan 2026', '15', '34'],
    ]);
    expect(container.querySelector('.print-numbers table')).not.toBeNull();
  });

  it('marks each value and breaks the line at a gap', () => {
    const { container } = render(LineChart, occupancy);
    expect(container.querySelectorAll('[data-series="0"] [data-point]')).toHaveLength(3);
    expect(container.querySelectorAll('[data-series="1"] [data-point]')).toHaveLength(3);
    // Oct–Nov, then Jan alone (a point, no line); and Oct alone, then Dec–Jan.
    expect(container.querySelectorAll('[data-series="0"] path[data-line]')).toHaveLength(1);
    expect(container.querySelectorAll('[data-series="1"] path[data-line]')).toHaveLength(1);
    expect(container.querySelectorAll('[data-series] path[data-line]')[0]?.getAttribute('d')?.match(/[ML]/g)).toEqual(['M', 'L']);
    // Different dashes and markers, not just colors.
    const dashes = [...container.querySelectorAll('path[data-line]')].map((p) => p.getAttribute('stroke-dasharray'));
    expect(new Set(dashes).size).toBe(2);
  });

  it('shows money from text with cents in the table', () => {
    const { container } = render(LineChart, {
      title: 'Rent paid',
      series: ['Rent'],
      format: 'money',
      points: [
        { label: 'Nov 2025', values: ['10250.5'] },
        { label: 'Dec 2025', values: ['11604.00'] },
      ],
    });
    expect(cells(numbersTable(container))).toEqual([
      ['Nov 2025', '$10,250.50'],
      ['Dec 2025', '$11,604.00'],
    ]);
    expect([...container.querySelectorAll('text.tick')].map((t) => t.textContent)).toContain('$5,000');
  });

  it('says so plainly when there is nothing to show', () => {
    const { container } = render(LineChart, { title: 'Exits', series: ['Exits'], points: [{ label: 'Jan 2026', values: [null] }] });
    expect(container).toHaveTextContent('Nothing to show yet for this period.');
    expect(container.querySelector('svg')).toBeNull();
  });
});
