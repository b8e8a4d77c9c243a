// Pure helpers for the charts: axis ticks, scaling, label text and the look
// of each series. No DOM here, so everything is tested without a browser.
//
// Money comes from Rust as text ("11604.50"). It is turned into a number only
// to work out where to draw; the table's figures are made from the text.

export type ChartFormat = 'count' | 'money' | 'days' | 'percent';
export type RawValue = number | string | null | undefined;

/** A value as a number for drawing; null when missing or not a number. */
export function toNumber(raw: RawValue): number | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'string') {
    if (raw.trim() === '') return null;
    const n = Number(raw.trim());
    return Number.isFinite(n) ? n : null;
  }
  return Number.isFinite(raw) ? raw : null;
}

/** True when there is nothing worth drawing: no values, or only zeros and gaps. */
export function isEmpty(values: RawValue[]): boolean {
  return values.every((v) => {
    const n = toNumber(v);
    return n === null || n === 0;
  });
}

const STEPS = [1, 2, 2.5, 5];

/**
 * Round ticks for an axis from `min` to `max` (zero is always included):
 * whole-number steps of 1, 2, 2.5 or 5 times a power of ten; 4 or 5 ticks
 * when that can be done, else up to 6 (fewer only for the smallest ranges).
 * niceTicks(0, 7) → [0, 2, 4, 6, 8]; niceTicks(0, 12345) → [0, 5000, 10000, 15000].
 */
export function niceTicks(min: number, max: number): number[] {
  const lo = Math.min(0, Number.isFinite(min) ? min : 0);
  let hi = Math.max(0, Number.isFinite(max) ? max : 0);
  if (lo === hi) hi = 1;
  const count = (step: number) => Math.ceil(hi / step) - Math.floor(lo / step) + 1;
  let upTo5: number | null = null;
  let upTo6: number | null = null;
  for (let power = 1; upTo5 === null; power *= 10) {
    for (const s of STEPS) {
      const step = s * power;
      if (!Number.isInteger(step)) continue;
      if (upTo6 === null && count(step) <= 6) upTo6 = step;
      if (count(step) <= 5) {
        upTo5 = step;
        break;
      }
    }
  }
  const step = count(upTo5) >= 4 ? upTo5 : (upTo6 ?? upTo5);
  const ticks: number[] = [];
  for (let i = Math.floor(lo / step); i <= Math.ceil(hi / step); i++) ticks.push(i * step || 0);
  return ticks;
}

/** A linear map from a domain to a range (e.g. values to pixels). */
export function linearScale(domain: [number, number], range: [number, number]): (v: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

const whole = (n: number) => Math.round(n).toLocaleString('en-US');
const upToOne = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
const minus = (text: string) => text.replace(/^-/, '−');

/**
 * A number as it reads on the chart (axis ticks and value labels): money in
 * whole dollars ($12,345), days with the word, percent as 0–100 points.
 */
export function formatShort(n: number, format: ChartFormat): string {
  switch (format) {
    case 'money':
      return n < 0 ? `−$${whole(-n)}` : `$${whole(n)}`;
    case 'days':
      return minus(`${upToOne(n)} ${Math.abs(n) === 1 ? 'day' : 'days'}`);
    case 'percent':
      return minus(`${upToOne(n)}%`);
    default:
      return minus(upToOne(n));
  }
}

/** Whole cents of a money amount; from the text when it is text. */
export function moneyCents(raw: number | string): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? Math.round(raw * 100) : null;
  const m = /^\s*(-?)\$?([\d,]*)(?:\.(\d*))?\s*$/.exec(raw);
  if (!m || (m[2] === '' && !m[3])) return null;
  const [, sign = '', dollarsText = '', centsText = ''] = m;
  const digits = `${centsText}000`;
  let cents = Number(dollarsText.replace(/,/g, '') || '0') * 100 + Number(digits.slice(0, 2));
  if (Number(digits[2]) >= 5) cents += 1;
  return sign === '-' ? -cents : cents;
}

/** Whole cents as `$12,345.67` (a minus sign in front when below zero). */
export function formatCents(cents: number): string {
  const abs = Math.abs(cents);
  const dollars = Math.floor(abs / 100).toLocaleString('en-US');
  const rest = String(abs % 100).padStart(2, '0');
  return `${cents < 0 ? '−' : ''}$${dollars}.${rest}`;
}

/** A value as it reads in the table of numbers: money with cents, "—" when missing. */
export function formatCell(raw: RawValue, format: ChartFormat): string {
  if (format === 'money' && raw !== null && raw !== undefined && raw !== '') {
    const cents = moneyCents(raw);
    return cents === null ? '—' : formatCents(cents);
  }
  const n = toNumber(raw);
  if (n === null) return '—';
  return formatShort(n, format);
}

/** Sum of values for the table (money exactly, in cents); null when all are missing. */
export function formatTotal(raws: RawValue[], format: ChartFormat): string {
  const present = raws.filter((r) => toNumber(r) !== null) as (number | string)[];
  if (present.length === 0) return '—';
  if (format === 'money') return formatCents(present.reduce<number>((sum, r) => sum + (moneyCents(r) ?? 0), 0));
  return formatShort(present.reduce<number>((sum, r) => sum + (toNumber(r) ?? 0), 0), format);
}

/** Rough width in pixels of a line of text (system sans-serif). */
export function textWidth(text: string, fontPx: number): number {
  return text.length * fontPx * 0.6;
}

/**
 * Words of a label broken into lines of at most `maxChars` characters; at most
 * `maxLines` lines, the last ending in "…" when something was left out.
 */
export function wrapLabel(label: string, maxChars: number, maxLines = 3): string[] {
  const limit = Math.max(1, Math.floor(maxChars));
  const lines: string[] = [];
  let current = '';
  for (const word of label.trim().split(/\s+/)) {
    if (!word) continue;
    if (!current) current = word;
    else if (current.length + 1 + word.length <= limit) current += ` ${word}`;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current) lines.push(current);
  const cut = (line: string) => (line.length > limit ? `${line.slice(0, Math.max(1, limit - 1))}…` : line);
  if (lines.length <= maxLines) return lines.map(cut);
  const kept = lines.slice(0, maxLines);
  const lastLine = kept[maxLines - 1] ?? '';
  kept[maxLines - 1] = `${lastLine.slice(0, Math.max(1, limit - 1))}…`;
  return kept.map(cut);
}

export type CategoryLayout =
  | { mode: 'wrap'; lines: string[][]; height: number }
  | { mode: 'rotate'; lines: string[][]; height: number };

/**
 * How category labels fit under bands of `band` pixels: wrapped onto up to
 * three lines, or (when bands are too narrow for a word) turned 45°.
 */
export function layoutCategories(labels: string[], band: number, fontPx: number): CategoryLayout {
  const lineHeight = fontPx * 1.25;
  const maxChars = Math.floor((band - 4) / (fontPx * 0.6));
  const longestWord = Math.max(0, ...labels.flatMap((l) => l.split(/\s+/).map((w) => w.length)));
  if (maxChars >= Math.min(longestWord, 8) && maxChars >= 3) {
    const lines = labels.map((l) => wrapLabel(l, maxChars, 3));
    const most = Math.max(1, ...lines.map((l) => l.length));
    return { mode: 'wrap', lines, height: most * lineHeight + 6 };
  }
  const lines = labels.map((l) => [l.length > 24 ? `${l.slice(0, 23)}…` : l]);
  const longest = Math.max(1, ...lines.map((l) => textWidth(l[0] ?? '', fontPx)));
  return { mode: 'rotate', lines, height: longest * Math.SQRT1_2 + fontPx + 8 };
}

/**
 * Labels along a time axis: each wrapped onto up to two lines, and when even
 * a word does not fit under its point, only every `every`-th one is shown
 * (the others get no lines).
 */
export function layoutPeriods(labels: string[], band: number, fontPx: number): { every: number; lines: string[][]; height: number } {
  const longestWord = Math.max(1, ...labels.flatMap((l) => l.split(/\s+/).map((w) => w.length)));
  const charsIn = (space: number) => Math.floor((space - 6) / (fontPx * 0.6));
  let every = 1;
  while (every < labels.length && charsIn(band * every) < Math.min(longestWord, 10)) every++;
  const maxChars = Math.max(3, charsIn(band * every));
  const lines = labels.map((l, i) => (i % every === 0 ? wrapLabel(l, maxChars, 2) : []));
  const most = Math.max(1, ...lines.map((l) => l.length));
  return { every, lines, height: most * fontPx * 1.25 + 6 };
}

/**
 * Series colors: dark enough to print in grayscale, and never the only
 * difference: each also has its own fill pattern, line dash and marker.
 */
export const SERIES_COLORS = ['#0b5f6b', '#a33b00', '#4c2c92', '#1d4f91', '#3d4448', '#00703c'] as const;
export const PATTERNS = ['solid', 'diagonal', 'dots', 'crosshatch', 'horizontal', 'vertical'] as const;
export const DASHES = ['', '8 4', '2 4', '12 4 2 4', '4 4', '14 6'] as const;
export const MARKERS = ['circle', 'square', 'triangle', 'diamond', 'cross', 'plus'] as const;
export type Marker = (typeof MARKERS)[number];
export type PatternKind = (typeof PATTERNS)[number];

export function seriesColor(i: number): string {
  return SERIES_COLORS[i % SERIES_COLORS.length] ?? '#0b5f6b';
}
export function seriesPattern(i: number): PatternKind {
  return PATTERNS[i % PATTERNS.length] ?? 'solid';
}
export function seriesDash(i: number): string {
  return DASHES[i % DASHES.length] ?? '';
}
export function seriesMarker(i: number): Marker {
  return MARKERS[i % MARKERS.length] ?? 'circle';
}

/** SVG path of a marker of the given shape centred on (x, y). */
export function markerPath(shape: Marker, x: number, y: number, r = 5): string {
  const f = (n: number) => Number(n.toFixed(2));
  switch (shape) {
    case 'square':
      return `M${f(x - r)} ${f(y - r)}h${f(2 * r)}v${f(2 * r)}h${f(-2 * r)}Z`;
    case 'triangle':
      return `M${f(x)} ${f(y - r * 1.2)}L${f(x + r * 1.15)} ${f(y + r * 0.9)}L${f(x - r * 1.15)} ${f(y + r * 0.9)}Z`;
    case 'diamond':
      return `M${f(x)} ${f(y - r * 1.3)}L${f(x + r * 1.3)} ${f(y)}L${f(x)} ${f(y + r * 1.3)}L${f(x - r * 1.3)} ${f(y)}Z`;
    case 'cross': {
      const a = r * 0.45;
      return `M${f(x - r)} ${f(y - r + a)}L${f(x - r + a)} ${f(y - r)}L${f(x)} ${f(y - a)}L${f(x + r - a)} ${f(y - r)}L${f(x + r)} ${f(y - r + a)}L${f(x + a)} ${f(y)}L${f(x + r)} ${f(y + r - a)}L${f(x + r - a)} ${f(y + r)}L${f(x)} ${f(y + a)}L${f(x - r + a)} ${f(y + r)}L${f(x - r)} ${f(y + r - a)}L${f(x - a)} ${f(y)}Z`;
    }
    case 'plus': {
      const a = r * 0.38;
      return `M${f(x - a)} ${f(y - r)}h${f(2 * a)}v${f(r - a)}h${f(r - a)}v${f(2 * a)}h${f(a - r)}v${f(r - a)}h${f(-2 * a)}v${f(a - r)}h${f(a - r)}v${f(-2 * a)}h${f(r - a)}Z`;
    }
    default:
      return `M${f(x - r)} ${f(y)}a${f(r)} ${f(r)} 0 1 0 ${f(2 * r)} 0a${f(r)} ${f(r)} 0 1 0 ${f(-2 * r)} 0Z`;
  }
}

/** "a", "a and b", "a, b and c". */
export function listNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
