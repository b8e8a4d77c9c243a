// The charts' arithmetic: axis ticks, scaling and how figures read.
import { describe, expect, it } from 'vitest';
import {
  formatCell,
  formatShort,
  formatTotal,
  isEmpty,
  layoutCategories,
  layoutPeriods,
  linearScale,
  listNames,
  markerPath,
  MARKERS,
  moneyCents,
  niceTicks,
  toNumber,
  wrapLabel,
} from '$lib/components/charts/chartScale';

describe('niceTicks', () => {
  it.each([
    [0, [0, 1]],
    [1, [0, 1]],
    [3, [0, 1, 2, 3]],
    [7, [0, 2, 4, 6, 8]],
    [9, [0, 2, 4, 6, 8, 10]],
    [10, [0, 2, 4, 6, 8, 10]],
    [100, [0, 25, 50, 75, 100]],
    [12_345, [0, 5_000, 10_000, 15_000]],
    [950_000, [0, 250_000, 500_000, 750_000, 1_000_000]],
  ])('max %d gives %j', (max, ticks) => {
    expect(niceTicks(0, max)).toEqual(ticks);
  });

  it('reaches below zero, keeps zero, and uses whole steps', () => {
    const ticks = niceTicks(-300, 900);
    expect(ticks).toContain(0);
    expect(ticks[0]).toBeLessThanOrEqual(-300);
    expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(900);
    expect(ticks.every(Number.isInteger)).toBe(true);
    expect(ticks.length).toBeLessThanOrEqual(6);
  });

  it('gives 4 to 6 ticks covering the maximum for a range of maxima', () => {
    for (const max of [4, 5, 6, 11, 17, 23, 42, 77, 99, 101, 333, 999, 1234, 5000, 87_654, 3_000_001]) {
      const ticks = niceTicks(0, max);
      expect(ticks.length, `max ${max}`).toBeGreaterThanOrEqual(4);
      expect(ticks.length, `max ${max}`).toBeLessThanOrEqual(6);
      expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(max);
    }
  });

  it('treats nonsense as nothing', () => {
    expect(niceTicks(Number.NaN, Number.POSITIVE_INFINITY)).toEqual([0, 1]);
  });
});

describe('linearScale', () => {
  it('maps the domain onto the range, upside down for an axis', () => {
    const y = linearScale([0, 100], [300, 20]);
    expect(y(0)).toBe(300);
    expect(y(100)).toBe(20);
    expect(y(50)).toBe(160);
  });
  it('does not divide by zero', () => {
    expect(linearScale([5, 5], [0, 10])(5)).toBe(0);
  });
});

describe('values', () => {
  it('reads numbers and money text, and nothing else', () => {
    expect(toNumber('12345.67')).toBe(12345.67);
    expect(toNumber(7)).toBe(7);
    expect(toNumber(null)).toBeNull();
    expect(toNumber('')).toBeNull();
    expect(toNumber('n/a')).toBeNull();
    expect(toNumber(Number.NaN)).toBeNull();
  });
  it('is empty when only zeros and gaps', () => {
    expect(isEmpty([])).toBe(true);
    expect(isEmpty([0, null, '0.00'])).toBe(true);
    expect(isEmpty([0, 1])).toBe(false);
  });
});

describe('formatting', () => {
  it('shortens figures for the axis and the bars', () => {
    expect(formatShort(12345, 'count')).toBe('12,345');
    expect(formatShort(12345.67, 'money')).toBe('$12,346');
    expect(formatShort(-250, 'money')).toBe('−$250');
    expect(formatShort(1, 'days')).toBe('1 day');
    expect(formatShort(12.5, 'days')).toBe('12.5 days');
    expect(formatShort(42.25, 'percent')).toBe('42.3%');
  });
  it('shows money with cents in the table, worked out from the text', () => {
    expect(formatCell('12345.6', 'money')).toBe('$12,345.60');
    expect(formatCell('277', 'money')).toBe('$277.00');
    expect(formatCell(277, 'money')).toBe('$277.00');
    expect(formatCell('-5.25', 'money')).toBe('−$5.25');
    expect(formatCell('1.005', 'money')).toBe('$1.01');
    expect(formatCell(null, 'money')).toBe('—');
    expect(formatCell('', 'money')).toBe('—');
    expect(formatCell(1234, 'count')).toBe('1,234');
    expect(formatCell(null, 'days')).toBe('—');
  });
  it('adds money exactly, in cents', () => {
    expect(moneyCents('0.10')).toBe(10);
    expect(formatTotal(['0.10', '0.20', null], 'money')).toBe('$0.30');
    expect(formatTotal([null, null], 'count')).toBe('—');
    expect(formatTotal([3, 4], 'days')).toBe('7 days');
  });
  it('lists names in plain English', () => {
    expect(listNames(['A'])).toBe('A');
    expect(listNames(['A', 'B'])).toBe('A and B');
    expect(listNames(['A', 'B', 'C'])).toBe('A, B and C');
  });
});

describe('labels', () => {
  it('wraps long labels on words and cuts what does not fit', () => {
    expect(wrapLabel('Permanent supportive housing', 12)).toEqual(['Permanent', 'supportive', 'housing']);
    expect(wrapLabel('Rapid rehousing', 20)).toEqual(['Rapid rehousing']);
    expect(wrapLabel('one two three four five', 5, 2)).toEqual(['one', 'two…']);
    expect(wrapLabel('Extraordinarily', 6)).toEqual(['Extra…']);
  });
  it('wraps under wide bands and turns labels under narrow ones', () => {
    const wide = layoutCategories(['Permanent supportive housing', 'Rapid rehousing'], 200, 13);
    expect(wide.mode).toBe('wrap');
    const narrow = layoutCategories(['Permanent supportive housing', 'Rapid rehousing'], 30, 13);
    expect(narrow.mode).toBe('rotate');
    expect(narrow.height).toBeGreaterThan(wide.height);
  });
  it('shows every other month when they do not fit under each point', () => {
    const months = ['Jan 2025', 'Feb 2025', 'Mar 2025', 'Apr 2025'];
    expect(layoutPeriods(months, 80, 13).every).toBe(1);
    const tight = layoutPeriods(months, 20, 13);
    expect(tight.every).toBeGreaterThan(1);
    expect(tight.lines[1]).toEqual([]);
    expect(tight.lines[0]?.join(' ')).toBe('Jan 2025');
  });
  it('draws every marker shape as a closed path', () => {
    for (const m of MARKERS) expect(markerPath(m, 10, 10)).toMatch(/^M.*Z$/);
  });
});
