// How a text cell becomes a timestamp or a number, decided once per column from all of its values
// (never guessed row by row): ISO dates or day-first (31-12-2025) or month-first (12/31/2025);
// a decimal point, a decimal comma (1.234,56) or a point with thousands commas (1,234.56).
import { say } from '../messages.js';
import { quoteLiteral } from '../db.js';
import type { ColumnType } from './kinds/types.js';

export type TimeFamily = 'iso' | 'day-first' | 'month-first';
export type NumberFamily = 'point' | 'comma' | 'point-thousands';
/** 'native': a Parquet column already of the canonical type (ingest/native.ts), read as it is. */
export type Family = TimeFamily | NumberFamily | 'native';

const clock = ['%H:%M:%S', '%H:%M', '%I:%M:%S %p', '%I:%M %p'];
const withClock = (dates: string[]) => dates.flatMap((d) => [...clock.map((c) => `${d} ${c}`), d]);

/**
 * strptime formats per family; DuckDB tries each in order (`strptime(text, [list])`). Two-digit
 * years come first: `%y` fails on `2025` (digits left over), while `%Y` would read `25` as the
 * year 0025. Month names (`22-Apr-15`, `22 april 2015`, `April 22, 2015`) are English here; Dutch
 * names are translated first (`translatedMonths`).
 */
export const TIME_FORMATS: Record<Exclude<TimeFamily, 'iso'>, string[]> = {
  'day-first': withClock([
    '%d-%m-%y', '%d/%m/%y', '%d.%m.%y', '%d-%m-%Y', '%d/%m/%Y', '%d.%m.%Y',
    '%d-%b-%y', '%d-%b-%Y', '%d %B %Y', '%d %b %Y', '%d %B %y', '%d %b %y',
  ]),
  'month-first': withClock(['%m/%d/%y', '%m/%d/%Y', '%m-%d-%Y', '%B %d, %Y', '%b %d, %Y', '%b %d %Y']),
};

/** Dutch month names (and abbreviations that differ from English) to English, longest first. */
const DUTCH_MONTHS: [string, string][] = [
  ['januari', 'january'], ['februari', 'february'], ['maart', 'march'], ['augustus', 'august'],
  ['oktober', 'october'], ['juni', 'june'], ['juli', 'july'], ['mei', 'may'], ['mrt', 'mar'], ['okt', 'oct'],
];

/** SQL: the text lower-cased with Dutch month names spelled in English. */
function translatedMonths(raw: string): string {
  return DUTCH_MONTHS.reduce((sql, [nl, en]) => `replace(${sql}, '${nl}', '${en}')`, `lower(trim(${raw}))`);
}

/**
 * SQL: `TRY_STRPTIME(text, formats)` tried only against the formats that can match the value's
 * shape — its separator after the leading day or month (`-`, `/`, `.`, a space, or a month name
 * first) and its number of colons. strptime fails on any other format's literal characters, so
 * the result is the same as trying the whole list, in the same order; it is 4x faster because a
 * failed strptime costs more than a successful one (300k day-first timestamps: 2.6 s -> 0.6 s).
 */
function strptimeByShape(raw: string, formats: string[]): string {
  const t = `trim(${raw})`;
  // Month names are translated only where a format reads them; strptime's %b and %p ignore case,
  // so lower-casing every value of such a group reads what the letters-only translation read.
  const text = (fs: string[]) => (fs.some((f) => /%[bB]/.test(f)) ? translatedMonths(raw) : t);
  const separator = `CASE WHEN ${t}[1] BETWEEN '0' AND '9' THEN (CASE WHEN ${t}[2] BETWEEN '0' AND '9' THEN ${t}[3] ELSE ${t}[2] END) ELSE 'letter' END`;
  const colons = `(length(${t}) - length(replace(${t}, ':', '')))`;
  const bySeparator = new Map<string, Map<number, string[]>>();
  for (const format of formats) {
    const sep = /^%[dm]/.test(format) ? format[2]! : 'letter';
    const byColons = bySeparator.get(sep) ?? new Map<number, string[]>();
    const n = format.split(':').length - 1;
    byColons.set(n, [...(byColons.get(n) ?? []), format]);
    bySeparator.set(sep, byColons);
  }
  const list = (fs: string[]) => `[${fs.map(quoteLiteral).join(', ')}]`;
  const branches = [...bySeparator].map(([sep, byColons]) =>
    `WHEN ${separator} = ${quoteLiteral(sep)} THEN CASE ${[...byColons].map(([n, fs]) => `WHEN ${colons} = ${n} THEN TRY_STRPTIME(${text(fs)}, ${list(fs)})`).join(' ')} END`);
  return `CASE ${branches.join(' ')} END`;
}

/** Years before this are never a date in an export: `22-04-15` read as ISO is the year 0022. */
export const MIN_YEAR = 1900;

/**
 * SQL: the typed value `expr` when it is one: a finite number (NaN, Infinity and 1e309, read as
 * inf, are not values: NULL here, so the row check quarantines the row with a reason instead of the
 * run failing on a cast or summing to NaN), a DATE or TIMESTAMPTZ from MIN_YEAR on (the literal is
 * read in the session's zone, so this is year(expr) >= MIN_YEAR without a calendar lookup per row),
 * else NULL. A CASE computes its operand twice: the load statement reads a column unguarded
 * (typedExpr with guarded = false) in one step and guards it in the next, on a value computed once.
 */
export function valueGuard(expr: string, type: ColumnType): string {
  if (isNumberType(type)) return `CASE WHEN isfinite(${expr}) THEN ${expr} END`;
  return `CASE WHEN ${expr} >= ${type === 'date' ? 'DATE' : 'TIMESTAMPTZ'} '${MIN_YEAR}-01-01' THEN ${expr} END`;
}

/** Values written with a two-digit year (`1-2-25`, `22-Apr-15 3:53 PM`): counted per column for the warning. */
export const TWO_DIGIT_YEAR = String.raw`^\s*\d{1,2}[-/. ][0-9A-Za-z]{1,9}[-/. ]\d{2}(\s|$)|^\s*[A-Za-z]{3,9} \d{1,2},? \d{2}(\s|$)`;

export const FAMILY_LABEL: Record<Family, string> = {
  iso: say('familyIso'),
  'day-first': say('familyDayFirst'),
  'month-first': say('familyMonthFirst'),
  point: say('familyPoint'),
  comma: say('familyComma'),
  'point-thousands': say('familyThousands'),
  native: say('familyNative'),
};

export function isTimeType(type: ColumnType): boolean {
  return type === 'timestamp' || type === 'date';
}

export function isNumberType(type: ColumnType): boolean {
  return type === 'integer' || type === 'number';
}

const COMMA_NUMBER = String.raw`-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?`;
const THOUSANDS_NUMBER = String.raw`-?\d{1,3}(,\d{3})+(\.\d+)?`;

/** SQL turning the text `raw` into the column's type under one family; NULL when it does not fit. */
export function typedExpr(raw: string, type: ColumnType, family: Family | undefined, guarded = true): string {
  const read = typedRead(raw, type, family);
  return guarded ? valueGuard(read, type) : read;
}

function typedRead(raw: string, type: ColumnType, family: Family | undefined): string {
  const target = type === 'date' ? 'DATE' : type === 'timestamp' ? 'TIMESTAMPTZ' : 'DOUBLE';
  switch (family) {
    case 'native':
      // The same value the text path reads from this cell's text (a TIMESTAMP in the session's zone).
      // In UTC that is the value's own epoch: make_timestamptz skips the calendar lookup a cast to
      // TIMESTAMPTZ does per row (0.8 -> 0.06 CPU-s per 10M values; equal for TIMESTAMP, _NS, _MS,
      // _S, DATE and TIMESTAMPTZ). DuckDB folds the zone test to a constant.
      return type === 'timestamp'
        ? `CASE WHEN current_setting('TimeZone') = 'UTC' THEN make_timestamptz(epoch_us(${raw})) ELSE CAST(${raw} AS TIMESTAMPTZ) END`
        : `CAST(${raw} AS ${target})`;
    case 'day-first':
    case 'month-first': {
      return `CAST(${strptimeByShape(raw, TIME_FORMATS[family])} AS ${target})`;
    }
    case 'comma':
      return `CASE WHEN regexp_full_match(trim(${raw}), '${COMMA_NUMBER}') THEN TRY_CAST(replace(replace(trim(${raw}), '.', ''), ',', '.') AS DOUBLE) END`;
    case 'point-thousands':
      return `CASE WHEN regexp_full_match(trim(${raw}), '${THOUSANDS_NUMBER}') THEN TRY_CAST(replace(trim(${raw}), ',', '') AS DOUBLE) ELSE TRY_CAST(${raw} AS DOUBLE) END`;
    default:
      return `TRY_CAST(${raw} AS ${target})`;
  }
}

export function candidates(type: ColumnType): Family[] {
  if (isTimeType(type)) return ['iso', 'day-first', 'month-first'];
  if (isNumberType(type)) return ['point', 'comma', 'point-thousands'];
  return [];
}

/**
 * The family that reads the most values. Ties go to the standard family, then — for dates that
 * are all ambiguous (01-02-2025) — to day-first, and for numbers that are all ambiguous (1,234)
 * to the decimal comma when the file is `;`-separated (a European export), else thousands.
 */
export function decide(
  type: ColumnType, counts: Partial<Record<Family, number>>, delimiter: string | undefined,
): { family: Family; ambiguous: boolean } {
  const order = candidates(type);
  if (isNumberType(type) && delimiter !== ';') order.splice(1, 2, 'point-thousands', 'comma');
  let best = order[0];
  for (const family of order) if ((counts[family] ?? 0) > (counts[best] ?? 0)) best = family;
  const rivals = order.filter((f) => f !== best && (counts[f] ?? 0) === (counts[best] ?? 0) && (counts[best] ?? 0) > 0);
  const standard = order[0];
  return { family: best, ambiguous: best !== standard && rivals.length > 0 };
}
