// Periods for `journey compare`: `A..B` ranges of inclusive dates (either end may be left open),
// checked as usage errors, and the before/after split at an initiative's start date.
import { UsageError } from '../errors.js';
import { isDate, type Period } from '../period.js';

const DAY_MS = 86_400_000;

/** `2025-01-01..2025-03-31`, `..2025-03-31` or `2025-04-01..`; both ends inclusive. */
export function parseRange(flag: string, text: string): Period {
  const parts = text.split('..');
  if (parts.length !== 2 || (parts[0] === '' && parts[1] === '')) {
    throw new UsageError(`--${flag} ${text}: use a date range as YYYY-MM-DD..YYYY-MM-DD (either end may be left open)`);
  }
  const period = { since: parts[0] || null, until: parts[1] || null };
  const bad = [period.since, period.until].find((d) => d !== null && !isDate(d));
  if (bad) throw new UsageError(`--${flag} ${text}: ${bad} is not a date; use YYYY-MM-DD`);
  if (period.since && period.until && period.since > period.until) {
    throw new UsageError(`--${flag} ${text}: the range ends before it starts`);
  }
  return period;
}

function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
}

/** Inclusive ranges overlap unless one ends before the other starts (open ends reach forever). */
function overlaps(a: Period, b: Period): boolean {
  const startsBefore = (x: Period, y: Period) => x.until !== null && y.since !== null && x.until < y.since;
  return !startsBefore(a, b) && !startsBefore(b, a);
}

/** Two independent samples need two periods that share no day. */
export function checkPeriods(before: Period, after: Period): void {
  if (overlaps(before, after)) {
    throw new UsageError(`--before ${rangeText(before)} and --after ${rangeText(after)} overlap; the periods must not share a day`);
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
