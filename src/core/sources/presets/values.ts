// SQL fragments the vendor presets share: header signatures, vendor timestamps made castable,
// durations, value maps (statuses, ratings) and amounts in minor units. Each takes and returns a
// SQL expression; constants come from code, never from the data.
import { quoteLiteral } from '../../db.js';
import { typedExpr } from '../formats.js';
import type { PresetContext } from './types.js';

/**
 * The reason a header is this vendor's export, or undefined: every name in `required` and at least
 * one name of each `oneOf` group is present (trimmed, case-insensitive).
 */
export function signature(header: readonly string[], vendor: string, required: string[], oneOf: string[][] = []): string | undefined {
  const present = new Map(header.map((h) => [h.trim().toLowerCase(), h.trim()]));
  const found = required.map((name) => present.get(name.toLowerCase()));
  for (const group of oneOf) found.push(group.map((name) => present.get(name.toLowerCase())).find(Boolean));
  if (found.some((name) => name === undefined)) return undefined;
  return `${vendor}: header has ${found.join(', ')}`;
}

/** Trimmed text of any source value; NULL when empty. */
export function textOf(expr: string): string {
  return `nullif(trim(CAST(${expr} AS VARCHAR)), '')`;
}

const DATE_TIME = '[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{1,2}:[0-9]{2}';
const ZONE = '(?:Z|[+-][0-9]{2}(?::?[0-9]{2})?)';

/**
 * An ISO date-time as vendors write it, made castable to TIMESTAMPTZ: `2022-04-06 21:52:40 -0400`
 * becomes `2022-04-06 21:52:40-04:00`, and a zoned value without seconds gets `:00` (DuckDB
 * refuses `15:04-04:00`). Values without a zone are left alone (they are read in the config's
 * time zone), and so is anything that is not ISO, so the usual validation sees it unchanged.
 */
export function isoTimestamp(expr: string): string {
  const text = textOf(expr);
  const seconds = `regexp_replace(${text}, ${quoteLiteral(`^(${DATE_TIME})\\s*(${ZONE})$`)}, '\\1:00\\2')`;
  const full = `${DATE_TIME}:[0-9]{2}(?:\\.[0-9]+)?`;
  const offset = `regexp_replace(${seconds}, ${quoteLiteral(`^(${full})\\s*([+-][0-9]{2}):?([0-9]{2})$`)}, '\\1\\2:\\3')`;
  return `regexp_replace(${offset}, ${quoteLiteral(`^(${full})\\s+(Z|[+-][0-9]{2})$`)}, '\\1\\2')`;
}

/**
 * A timestamp the vendor writes in UTC (a `(UTC)` header, JSON `...Z`), castable and marked as
 * UTC when it carries no zone. Also right for a JSON value DuckDB already typed as TIMESTAMP:
 * its text is the UTC wall time.
 */
export function utcTimestamp(expr: string): string {
  const text = textOf(expr);
  const zoneless = `regexp_full_match(${text}, ${quoteLiteral(`${DATE_TIME}(?::[0-9]{2}(?:\\.[0-9]+)?)?`)})`;
  return isoTimestamp(`CASE WHEN ${zoneless} THEN ${text} || 'Z' ELSE ${text} END`);
}

/**
 * A timestamp plus a duration in seconds, as text with its offset. The start is read the way the
 * canonical column is (offset-less = the session's, i.e. the config's, zone) and the duration is
 * elapsed time, so a span across a DST change stays exact. NULL when either part is missing; the
 * duration text itself when it cannot be read, so the row is rejected rather than losing a value.
 */
export function plusSeconds(start: string, seconds: string, durationText: string, spelled: StartSpelling = 'iso'): string {
  const from = spelled === 'iso' ? `TRY_CAST(${start} AS TIMESTAMPTZ)`
    : spelled === 'any' ? startTimestamp(start)
    // CASE, not coalesce: each branch runs only for the rows the ones before it could not read.
    // (an ISO value passes the rewrite unchanged and is cast as it is).
    : `(CASE WHEN ${reordered(start, spelled)} IS NOT NULL THEN ${reordered(start, spelled)}
             ELSE ${typedExpr(start, 'timestamp', spelled)} END)`;
  return `CASE WHEN ${durationText} IS NULL THEN NULL
              WHEN ${seconds} IS NULL THEN ${durationText}
              ELSE CAST(${from} + to_microseconds(CAST(round(${seconds} * 1000000) AS BIGINT)) AS VARCHAR) END`;
}

/**
 * A day-first or month-first date with a four-digit year and an optional 24-hour time, rewritten as
 * ISO by one regular expression and cast: far cheaper than trying every format (strptime), which
 * is left for what this does not read (two-digit years, 12-hour clocks, month names).
 */
function reordered(start: string, family: 'day-first' | 'month-first'): string {
  const to = family === 'day-first' ? '\\3-\\2-\\1\\4' : '\\3-\\1-\\2\\4';
  return `TRY_CAST(regexp_replace(${start}, '^\\s*(\\d{1,2})[-/.](\\d{1,2})[-/.](\\d{4})(\\s|$)', '${to}') AS TIMESTAMPTZ)`;
}

/**
 * How a start time is written: ISO throughout; day-first or month-first, as the file's first rows
 * show beyond doubt (a first number above 12, a second number above 12, a month name); or not
 * known from those rows ('any').
 */
export type StartSpelling = 'iso' | 'day-first' | 'month-first' | 'any';

/**
 * How the values of `header` are written, from the file's first rows. ISO needs one cast. A file
 * re-saved by Excel writes `1-3-2024 10:00`: when the first rows show which number is the day, the
 * start is read that way — the way its created column is then decided from all values (a column
 * with a day above 12 reads day-first, ingest/column-formats.ts); when they do not, the whole
 * column is looked at (startTimestamp).
 */
export function startSpelling(ctx: PresetContext, header: string): StartSpelling {
  const rows = ctx.sample.rows;
  const at = (rows[0] ?? []).findIndex((h) => h.trim().toLowerCase() === header.toLowerCase());
  if (at < 0) return 'iso';
  const values = rows.slice(1).map((r) => (r[at] ?? '').trim()).filter((v) => v && !/^\d{4}-\d{2}-\d{2}/.test(v));
  if (values.length === 0) return 'iso';
  const parts = values.map((v) => /^(\d{1,2})[-/.](\d{1,2})[-/.]/.exec(v));
  if (parts.some((m) => m && Number(m[1]) > 12) || values.some((v) => /^\d{1,2}\.? [A-Za-z]/.test(v))) return 'day-first';
  if (parts.some((m) => m && Number(m[2]) > 12) || values.some((v) => /^[A-Za-z]/.test(v))) return 'month-first';
  return 'any';
}

/**
 * The start when the first rows could not tell day-first from month-first: an ISO value as such,
 * else month-first when the whole column has a second number above 12 and no first number above 12
 * (or starts with a month name), else day-first — the same choice the created column's own decision
 * comes to. Looks at every row (a window), so only used when the first rows leave it open.
 */
function startTimestamp(start: string): string {
  const first = `TRY_CAST(regexp_extract(${start}, '^\\s*(\\d{1,2})[-/. ]', 1) AS INTEGER)`;
  const second = `TRY_CAST(regexp_extract(${start}, '^\\s*\\d{1,2}[-/.](\\d{1,2})[-/.]', 1) AS INTEGER)`;
  const monthFirst = `(coalesce(max(${first}) OVER (), 0) <= 12 AND (coalesce(max(${second}) OVER (), 0) > 12 OR regexp_matches(${start}, '^\\s*[A-Za-z]')))`;
  return `(CASE WHEN TRY_CAST(${start} AS TIMESTAMPTZ) IS NOT NULL THEN TRY_CAST(${start} AS TIMESTAMPTZ)
               WHEN ${monthFirst} THEN ${typedExpr(start, 'timestamp', 'month-first')}
               ELSE ${typedExpr(start, 'timestamp', 'day-first')} END)`;
}

/** Seconds in a duration written `HH:MM:SS` or `HH:MM` (hours may pass 24) or as decimal hours. */
export function hoursToSeconds(text: string): string {
  const parts = `string_split(${text}, ':')`;
  return `CASE WHEN regexp_full_match(${text}, '[0-9]+:[0-5][0-9](?::[0-5][0-9](?:\\.[0-9]+)?)?')
                THEN CAST(${parts}[1] AS DOUBLE) * 3600 + CAST(${parts}[2] AS DOUBLE) * 60 + coalesce(CAST(${parts}[3] AS DOUBLE), 0)
              ELSE TRY_CAST(${text} AS DOUBLE) * 3600 END`;
}

/** Seconds in a number of minutes; NULL when not a number. */
export function minutesToSeconds(text: string): string {
  return `TRY_CAST(${text} AS DOUBLE) * 60`;
}

/**
 * Vendor vocabulary -> canonical value, compared on lower(trim()). Values listed as null become
 * NULL; a value not in the table is passed through as written, so validation rejects the row and
 * says which value it was instead of it silently vanishing.
 */
export function mapValues(expr: string, table: Record<string, string | null>): string {
  const key = `lower(${textOf(expr)})`;
  const arms = Object.entries(table).map(([from, to]) =>
    `WHEN ${quoteLiteral(from)} THEN ${to === null ? 'NULL' : quoteLiteral(to)}`);
  return `CASE ${key} ${arms.join(' ')} ELSE ${textOf(expr)} END`;
}

/** Currencies without a minor unit (ISO 4217 exponent 0, as Stripe lists them): never divided by 100. */
export const ZERO_DECIMAL_CURRENCIES = [
  'BIF', 'CLP', 'DJF', 'GNF', 'JPY', 'KMF', 'KRW', 'MGA', 'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF',
];

/**
 * Whether a whole amount column is in minor units (cents), decided over every row of the file with
 * window aggregates: no value has a decimal part, and the median is at least 1000. A column of
 * whole amounts with a median below 1000 is read as major units (see docs/presets-tickets-orders.md).
 */
export function amountInCents(amount: string): string {
  const text = textOf(amount);
  return `(count(*) FILTER (WHERE regexp_full_match(${text}, '-?[0-9]*[.,][0-9]+')) OVER () = 0
           AND median(TRY_CAST(${text} AS DOUBLE)) OVER () >= 1000)`;
}

/**
 * An amount in major units as text: divided by 100 (exactly, in decimal) when `inCents` holds and
 * the currency has a minor unit; otherwise as written.
 */
export function majorUnits(amount: string, currency: string, inCents: string): string {
  const text = textOf(amount);
  const zeroDecimal = ZERO_DECIMAL_CURRENCIES.map(quoteLiteral).join(', ');
  return `CASE WHEN ${inCents} AND coalesce(upper(${textOf(currency)}), '') NOT IN (${zeroDecimal})
                 AND regexp_full_match(${text}, '-?[0-9]+')
               THEN CAST(CAST(${text} AS DECIMAL(38, 0)) / 100 AS DECIMAL(38, 2))::VARCHAR
               ELSE ${text} END`;
}
