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

/**
 * Period bounds as session variables: [since 00:00, day after until 00:00) in the config's zone. An
 * end given as a moment (`2025-03-01T12:00`, journey compare) is that moment: [since, until).
 */
export async function setPeriod(db: Db, period: Period, churnDays: number, record = true): Promise<void> {
  const moment = (end: string | null) => end !== null && end.includes('T');
  await db.exec(moment(period.since)
    ? 'SET VARIABLE journey_since = CAST($since AS TIMESTAMP)::TIMESTAMPTZ'
    : "SET VARIABLE journey_since = coalesce(CAST($since AS DATE)::TIMESTAMPTZ, '-infinity'::TIMESTAMPTZ)",
  { since: period.since }, record);
  if (moment(period.until)) {
    await db.exec('SET VARIABLE journey_until = CAST($until AS TIMESTAMP)::TIMESTAMPTZ', { until: period.until }, record);
    await db.exec('SET VARIABLE journey_asof = CAST($until AS TIMESTAMP)::TIMESTAMPTZ', { until: period.until }, record);
  } else {
    await db.exec(
      "SET VARIABLE journey_until = coalesce((CAST($until AS DATE) + 1)::TIMESTAMPTZ, 'infinity'::TIMESTAMPTZ)",
      { until: period.until }, record);
    await db.exec('SET VARIABLE journey_asof = (CAST($until AS DATE) + 1)::TIMESTAMPTZ', { until: period.until }, record);
  }
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

// ---- Named periods (--period, --as-of): calendar arithmetic on plain dates, ISO weeks ----------

/** The named presets --period accepts besides 2025-W10, 2025-03, 2025-Q1 and 2025. */
export const PERIOD_PRESETS = ['last-week', 'this-week', 'last-month', 'month-to-date', 'last-quarter', 'quarter-to-date',
  'last-year', 'year-to-date'] as const;

/** A resolved --period: its name (as given, or the calendar name of a preset) and its inclusive days. */
export interface NamedPeriod {
  /** 2025-W10, 2025-03, 2025-Q1, 2025 for whole calendar units; the dates for a to-date range. */
  name: string;
  since: string;
  until: string;
}

const DAY = 86_400_000;

function utc(y: number, m: number, d: number): Date {
  return new Date(Date.UTC(y, m - 1, d));
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY);
}

/** Today (or `now`) as YYYY-MM-DD in an IANA time zone. */
export function todayIn(now: Date, timezone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Monday of ISO week 1 of `year`: the week holding 4 January. */
function isoWeekOneMonday(year: number): Date {
  const jan4 = utc(year, 1, 4);
  return addDays(jan4, -((jan4.getUTCDay() + 6) % 7));
}

/** ISO year and week of a day. */
export function isoWeekOf(day: string): { year: number; week: number } {
  const date = new Date(`${day}T00:00:00Z`);
  // The Thursday of the same week decides the year.
  const thursday = addDays(date, 3 - ((date.getUTCDay() + 6) % 7));
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - isoWeekOneMonday(year).getTime()) / (7 * DAY)) + 1;
  return { year, week };
}

/** Weeks in an ISO year: 53 when 28 December falls in week 53, else 52. */
export function isoWeeksIn(year: number): number {
  return isoWeekOf(iso(utc(year, 12, 28))).week;
}

function isoWeek(year: number, week: number): NamedPeriod {
  const monday = addDays(isoWeekOneMonday(year), (week - 1) * 7);
  return { name: `${year}-W${String(week).padStart(2, '0')}`, since: iso(monday), until: iso(addDays(monday, 6)) };
}

function month(year: number, m: number): NamedPeriod {
  return { name: `${year}-${String(m).padStart(2, '0')}`, since: iso(utc(year, m, 1)), until: iso(utc(year, m + 1, 0)) };
}

function quarter(year: number, q: number): NamedPeriod {
  return { name: `${year}-Q${q}`, since: iso(utc(year, 3 * q - 2, 1)), until: iso(utc(year, 3 * q + 1, 0)) };
}

function year(y: number): NamedPeriod {
  return { name: String(y), since: `${String(y).padStart(4, '0')}-01-01`, until: `${String(y).padStart(4, '0')}-12-31` };
}

function toDate(whole: NamedPeriod, asOf: string): NamedPeriod {
  return { name: `${whole.since}..${asOf}`, since: whole.since, until: asOf };
}

/**
 * `--period` resolved against `asOf` (a YYYY-MM-DD in the config's zone). Whole units (last-week,
 * last-month, 2025-W10 ...) run Monday–Sunday, first to last day of the month, quarter or year;
 * this-week and the *-to-date presets run from the unit's first day up to and including asOf.
 */
export function resolvePeriod(spec: string, asOf: string): NamedPeriod {
  const usage = `--period ${spec}: use ${PERIOD_PRESETS.join(', ')}, or a week, month, quarter or year (2025-W10, 2025-03, 2025-Q1, 2025)`;
  const [y, m] = asOf.split('-').map(Number);
  const q = Math.floor((m - 1) / 3) + 1;
  const week = isoWeekOf(asOf);
  switch (spec) {
    case 'this-week': return toDate(isoWeek(week.year, week.week), asOf);
    case 'last-week': {
      const prev = isoWeekOf(iso(addDays(new Date(`${asOf}T00:00:00Z`), -7)));
      return isoWeek(prev.year, prev.week);
    }
    case 'month-to-date': return toDate(month(y, m), asOf);
    case 'last-month': return m === 1 ? month(y - 1, 12) : month(y, m - 1);
    case 'quarter-to-date': return toDate(quarter(y, q), asOf);
    case 'last-quarter': return q === 1 ? quarter(y - 1, 4) : quarter(y, q - 1);
    case 'year-to-date': return toDate(year(y), asOf);
    case 'last-year': return year(y - 1);
  }
  const unit = calendarUnit(spec);
  if (!unit) throw new UsageError(usage);
  if (unit.unit === 'week' && (unit.n < 1 || unit.n > isoWeeksIn(unit.year))) {
    throw new UsageError(`--period ${spec}: ISO year ${unit.year} has weeks W01 to W${isoWeeksIn(unit.year)}`);
  }
  if (unit.unit === 'month' && (unit.n < 1 || unit.n > 12)) throw new UsageError(usage);
  return unitPeriod(unit);
}

type CalendarUnit = { unit: 'week' | 'month' | 'quarter' | 'year'; year: number; n: number };

/** 2025-W10, 2025-03, 2025-Q1, 2025 as a unit; null for anything else. */
function calendarUnit(name: string): CalendarUnit | null {
  const m = /^(\d{4})(?:-(W|Q)?(\d{1,2}))?$/.exec(name);
  if (!m) return null;
  const y = Number(m[1]);
  if (m[3] === undefined) return { unit: 'year', year: y, n: 1 };
  const n = Number(m[3]);
  if (m[2] === 'W') return m[3].length === 2 ? { unit: 'week', year: y, n } : null;
  if (m[2] === 'Q') return m[3].length === 1 && n >= 1 && n <= 4 ? { unit: 'quarter', year: y, n } : null;
  return m[3].length === 2 ? { unit: 'month', year: y, n } : null;
}

function unitPeriod(u: CalendarUnit): NamedPeriod {
  switch (u.unit) {
    case 'week': return isoWeek(u.year, u.n);
    case 'month': return month(u.year, u.n);
    case 'quarter': return quarter(u.year, u.n);
    case 'year': return year(u.year);
  }
}

/**
 * The period before, for --vs: `previous` is the unit before (the week before a week, the month
 * before a month; for an arbitrary or to-date range, the same number of days just before it);
 * `last-year` is the same range a year earlier (ISO week 10 for ISO week 10, the same dates else).
 */
export function comparisonPeriod(period: NamedPeriod, vs: 'previous' | 'last-year'): NamedPeriod {
  const u = calendarUnit(period.name);
  if (u) {
    if (vs === 'last-year') {
      return unitPeriod({ ...u, year: u.year - 1, n: u.unit === 'week' ? Math.min(u.n, isoWeeksIn(u.year - 1)) : u.n });
    }
    if (u.n > 1) return unitPeriod({ ...u, n: u.n - 1 });
    const last = { week: isoWeeksIn(u.year - 1), month: 12, quarter: 4, year: 1 }[u.unit];
    return unitPeriod({ ...u, year: u.year - 1, n: last });
  }
  const since = new Date(`${period.since}T00:00:00Z`);
  const until = new Date(`${period.until}T00:00:00Z`);
  if (vs === 'last-year') {
    const back = (d: Date) => {
      const shifted = utc(d.getUTCFullYear() - 1, d.getUTCMonth() + 1, d.getUTCDate());
      // 29 February a year back is 28 February.
      return shifted.getUTCMonth() === d.getUTCMonth() ? shifted : addDays(shifted, -1);
    };
    const first = iso(back(since));
    const last = iso(back(until));
    return { name: `${first}..${last}`, since: first, until: last };
  }
  const days = Math.round((until.getTime() - since.getTime()) / DAY) + 1;
  const first = iso(addDays(since, -days));
  const last = iso(addDays(since, -1));
  return { name: `${first}..${last}`, since: first, until: last };
}
