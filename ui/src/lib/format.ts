// How dates and counts read on screen: US office style (MM/DD/YYYY), as
// staff write them on paper. Rust accepts both this and YYYY-MM-DD.

/** `1984-03-15` → `03/15/1984`; empty for null. */
export function usDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[2]}/${m[3]}/${m[1]}` : iso;
}

/** Whole days from `today` to `iso` (both `YYYY-MM-DD`), negative when past. */
export function daysUntil(iso: string, today: string): number {
  const a = Date.UTC(+today.slice(0, 4), +today.slice(5, 7) - 1, +today.slice(8, 10));
  const b = Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10));
  return Math.round((b - a) / 86_400_000);
}

/** "today", "tomorrow", "in 5 days", "3 days ago". */
export function relativeDays(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

/** The local calendar day as `YYYY-MM-DD`. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A stored UTC timestamp (`2026-12-04T23:30:00Z`) as the day it was here, `MM/DD/YYYY`. */
export function usDateOfTimestamp(timestamp: string): string {
  const d = new Date(timestamp);
  return Number.isNaN(d.getTime()) ? usDate(timestamp.slice(0, 10)) : usDate(localToday(d));
}

/** A stored UTC timestamp as words for a sentence, here: `December 4, 2026 at 4:23 PM`. */
export function longDateTime(timestamp: string): string {
  const d = new Date(timestamp);
  return Number.isNaN(d.getTime()) ? timestamp : d.toLocaleString('en-US', { dateStyle: 'long', timeStyle: 'short' });
}

/** A stored UTC timestamp as this computer's local time: `03/15/2026 2:05 PM`. */
export function usDateTime(timestamp: string): string {
  const d = new Date(timestamp);
  if (Number.isNaN(d.getTime())) return timestamp;
  const hours = d.getHours();
  const minutes = String(d.getMinutes()).padStart(2, '0');
  return `${usDate(localToday(d))} ${hours % 12 || 12}:${minutes} ${hours < 12 ? 'AM' : 'PM'}`;
}

export function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** `"11604.00"` → `"$11,604.00"`; `"277"` → `"$277"`; `"1479.5"` → `"$1,479.50"`. Works on the text, never a float. */
export function dollars(amount: string | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '';
  const negative = amount.startsWith('-');
  const [whole = '0', cents] = (negative ? amount.slice(1) : amount).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '−' : ''}$${grouped}${cents !== undefined ? `.${cents.padEnd(2, '0')}` : ''}`;
}

/** A date typed as `MM/DD/YYYY` or `YYYY-MM-DD`, as `YYYY-MM-DD`; null while it is not a whole date yet. */
export function parseUsDate(typed: string): string | null {
  const t = typed.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return t;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (!m) return null;
  const [, mm = '', dd = '', yyyy = ''] = m;
  const d = new Date(Date.UTC(+yyyy, +mm - 1, +dd));
  if (d.getUTCMonth() !== +mm - 1 || d.getUTCDate() !== +dd) return null;
  return `${yyyy}-${mm.padStart(2, '0')}-${dd.padStart(2, '0')}`;
}
