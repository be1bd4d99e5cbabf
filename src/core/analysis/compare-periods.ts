// Periods for `journey compare`: `A..B` ranges of inclusive dates or of moments (either end may be
// left open), checked as usage errors, and the before/after split at an initiative's start date.
import { UsageError } from '../errors.js';
import { isDate, type Period } from '../period.js';

const DAY_MS = 86_400_000;

/** A local date-time in the config's zone: 2025-03-01T12:00 or 2025-03-01T12:00:30 (a space for the T also reads). */
const MOMENT = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The end as written, a space read as T; undefined when it is neither a real date nor a real moment. */
function endOf(text: string): string | undefined {
  if (isDate(text)) return text;
  const m = MOMENT.exec(text);
  if (!m || !isDate(m[1]) || Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4] ?? 0) > 59) return undefined;
  return `${m[1]}T${m[2]}:${m[3]}${m[4] === undefined ? '' : `:${m[4]}`}`;
}

/**
 * `2025-01-01..2025-03-31`, `..2025-03-31`, `2025-04-01..`, or with moments `..2025-03-01T12:00`,
 * `2025-03-01T12:00..`. A date includes its whole day; a moment at the start is included, a moment at
 * the end is where the period stops (excluded), so `..T12:00` and `T12:00..` meet without a gap.
 */
export function parseRange(flag: string, text: string): Period {
  const parts = text.split('..');
  if (parts.length !== 2 || (parts[0] === '' && parts[1] === '')) {
    throw new UsageError(`--${flag} ${text}: use a range of dates or moments, YYYY-MM-DD..YYYY-MM-DD or YYYY-MM-DDTHH:MM..YYYY-MM-DDTHH:MM (either end may be left open)`);
  }
  const ends = parts.map((p) => (p === '' ? null : endOf(p.trim())));
  const bad = parts.find((p, i) => p !== '' && ends[i] === undefined);
  if (bad !== undefined) throw new UsageError(`--${flag} ${text}: ${bad} is not a date or a moment; use YYYY-MM-DD or YYYY-MM-DDTHH:MM (in the config's time zone)`);
  const period = { since: ends[0] ?? null, until: ends[1] ?? null };
  const span = instants(period);
  if (span.start !== null && span.end !== null && span.start >= span.end) {
    throw new UsageError(`--${flag} ${text}: the range ends before it starts`);
  }
  return period;
}

function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
}

const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
const full = (moment: string) => (moment.length === 16 ? `${moment}:00` : moment);

/** [start, end) as comparable local date-times: a date's end is the next midnight, a moment's end itself. */
function instants(p: Period): { start: string | null; end: string | null } {
  return {
    start: p.since === null ? null : p.since.includes('T') ? full(p.since) : `${p.since}T00:00:00`,
    end: p.until === null ? null : p.until.includes('T') ? full(p.until) : `${dayAfter(p.until)}T00:00:00`,
  };
}

/** Ranges overlap unless one ends before (or where) the other starts; open ends reach forever. */
function overlaps(a: Period, b: Period): boolean {
  const x = instants(a);
  const y = instants(b);
  const endsFirst = (p: typeof x, q: typeof x) => p.end !== null && q.start !== null && p.end <= q.start;
  return !endsFirst(x, y) && !endsFirst(y, x);
}

/** Two independent samples need two periods that share no moment. */
export function checkPeriods(before: Period, after: Period): void {
  if (overlaps(before, after)) {
    throw new UsageError(`--before ${rangeText(before)} and --after ${rangeText(after)} overlap; the periods must not share a day or a moment`);
  }
}

function rangeText(p: Period): string {
  return `${p.since ?? ''}..${p.until ?? ''}`;
}

/** Before = up to the day before the start, after = from the start; `bounds` (--since/--until) clip both. */
export function splitAt(started: string, bounds: Period): { before: Period; after: Period } {
  const before = { since: bounds.since, until: dayBefore(started) };
  const after = { since: started, until: bounds.until };
  if (before.since && before.since > before.until) {
    throw new UsageError(`--since ${bounds.since} is on or after the initiative's start (${started}): nothing is left to compare before it`);
  }
  if (after.until && after.until < after.since) {
    throw new UsageError(`--until ${bounds.until} is before the initiative's start (${started}): nothing is left to compare after it`);
  }
  return { before, after };
}
