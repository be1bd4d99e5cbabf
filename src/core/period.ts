// The reporting period (--since/--until): one date check, the session variables that hold the
// bounds, the one SQL predicate every analysis filters with, and a scoped change for analyses that
// measure several periods in one session (compare, trends) so no period leaks into the next.
import type { Db } from './db.js';
import { UsageError } from './errors.js';

/** Inclusive first and last day (YYYY-MM-DD); null leaves that end open. */
export interface Period {
  since: string | null;
  until: string | null;
}

/** The session variables, as SQL: [since 00:00, day after until 00:00) in the config's zone. */
export const PERIOD_SQL = {
  since: "getvariable('journey_since')",
  until: "getvariable('journey_until')",
  /** The day after --until, or NULL when it is open (churn then runs as of the latest order). */
  asof: "getvariable('journey_asof')",
  churnDays: "getvariable('journey_churn_days')",
} as const;

/** Rows of `column` (a TIMESTAMPTZ) inside the period. */
export function inPeriod(column: string): string {
  return `${column} >= ${PERIOD_SQL.since} AND ${column} < ${PERIOD_SQL.until}`;
}

/** A real calendar date as YYYY-MM-DD (2025-02-30 is refused, though JavaScript would roll it over). */
export function isDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text)) &&
    new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;
}

/** --since and --until as usage errors: real dates, in order. */
export function checkPeriod(period: Period): void {
  for (const [flag, value] of Object.entries(period)) {
    if (value !== null && !isDate(value)) throw new UsageError(`--${flag} ${value}: use a date as YYYY-MM-DD`);
  }
  if (period.since && period.until && period.since > period.until) {
    throw new UsageError(`--since ${period.since} is after --until ${period.until}`);
  }
}

/** The period each open database is set to, so withPeriod can put it back. */
const current = new WeakMap<Db, { period: Period; churnDays: number }>();

/** Period bounds as session variables: [since 00:00, day after until 00:00) in the config's zone. */
export async function setPeriod(db: Db, period: Period, churnDays: number, record = true): Promise<void> {
  await db.exec(
    "SET VARIABLE journey_since = coalesce(CAST($since AS DATE)::TIMESTAMPTZ, '-infinity'::TIMESTAMPTZ)",
    { since: period.since }, record);
  await db.exec(
    "SET VARIABLE journey_until = coalesce((CAST($until AS DATE) + 1)::TIMESTAMPTZ, 'infinity'::TIMESTAMPTZ)",
    { until: period.until }, record);
  await db.exec('SET VARIABLE journey_asof = (CAST($until AS DATE) + 1)::TIMESTAMPTZ', { until: period.until }, record);
  await db.exec('SET VARIABLE journey_churn_days = CAST($days AS INTEGER)', { days: churnDays }, record);
  current.set(db, { period, churnDays });
}

/**
 * Runs `fn` with the period set, then puts the previous period back, also when `fn` throws. The
 * restore is not logged: `journey sql` and --explain show the statements behind the numbers.
 */
export async function withPeriod<T>(db: Db, period: Period, churnDays: number, fn: () => Promise<T>): Promise<T> {
  const previous = current.get(db);
  await setPeriod(db, period, churnDays);
  try {
    return await fn();
  } finally {
    if (previous) {
      await setPeriod(db, previous.period, previous.churnDays, false);
    } else {
      for (const v of ['journey_since', 'journey_until', 'journey_asof', 'journey_churn_days']) {
        await db.exec(`RESET VARIABLE ${v}`, undefined, false);
      }
      current.delete(db);
    }
  }
}
