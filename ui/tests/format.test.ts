import { describe, expect, it } from 'vitest';
import { count, daysUntil, dollars, localToday, parseUsDate, relativeDays, usDate, usDateOfTimestamp } from '../src/lib/format';

describe('format', () => {
  it('shows ISO dates the US office way', () => {
    expect(usDate('1984-03-15')).toBe('03/15/1984');
    expect(usDate(null)).toBe('');
  });

  it('counts days across a month end and a leap day', () => {
    expect(daysUntil('2026-12-01', '2026-11-23')).toBe(8);
    expect(daysUntil('2028-03-01', '2028-02-28')).toBe(2);
    expect(daysUntil('2026-11-20', '2026-11-23')).toBe(-3);
  });

  it('reads a typed date only once it is a whole, real date', () => {
    expect(parseUsDate('12/7/2026')).toBe('2026-12-07');
    expect(parseUsDate('2026-12-07')).toBe('2026-12-07');
    expect(parseUsDate('02/29/2028')).toBe('2028-02-29');
    expect(parseUsDate('02/29/2027')).toBeNull();
    expect(parseUsDate('12/7/20')).toBeNull();
    expect(parseUsDate('')).toBeNull();
  });

  it('says days in words', () => {
    expect([0, 1, -1, 5, -3].map(relativeDays)).toEqual(['today', 'tomorrow', 'yesterday', 'in 5 days', '3 days ago']);
  });

  it('knows the local day', () => {
    expect(localToday(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });

  it('shows money from its text, grouped, never through a float', () => {
    expect(dollars('11604.00')).toBe('$11,604.00');
    expect(dollars('277')).toBe('$277');
    expect(dollars('1234567.89')).toBe('$1,234,567.89');
    expect(dollars('0.10')).toBe('$0.10');
    expect(dollars('1479.5')).toBe('$1,479.50'); // a decimal rounded to the cent may drop its last zero
    expect(dollars('-5.00')).toBe('−$5.00');
    expect(dollars('')).toBe('');
  });

  it('counts with the right noun', () => {
    expect(count(1, 'person', 'people')).toBe('1 person');
    expect(count(10000, 'participant')).toBe('10,000 participants');
  });
});

describe('usDateOfTimestamp', () => {
  it('shows a stored UTC moment on the day it was where the office is', () => {
    const evening = new Date(2026, 11, 4, 21, 30); // 9:30 pm on 12/04, local
    expect(usDateOfTimestamp(evening.toISOString())).toBe('12/04/2026');
  });
});

describe('longDateTime', () => {
  it('says a timestamp in words for a sentence, and leaves what is not one as it is', async () => {
    const { longDateTime } = await import('../src/lib/format');
    expect(longDateTime('2026-12-04T16:23:00')).toBe('December 4, 2026 at 4:23 PM');
    expect(longDateTime('not a time')).toBe('not a time');
  });
});
