// How a text cell becomes a timestamp or a number, decided once per column from all of its values
// (never guessed row by row): ISO dates or day-first (31-12-2025) or month-first (12/31/2025);
// a decimal point, a decimal comma (1.234,56) or a point with thousands commas (1,234.56).
import { quoteLiteral } from '../db.js';
import type { ColumnType } from './kinds/types.js';

export type TimeFamily = 'iso' | 'day-first' | 'month-first';
export type NumberFamily = 'point' | 'comma' | 'point-thousands';
export type Family = TimeFamily | NumberFamily;

const clock = ['%H:%M:%S', '%H:%M', '%I:%M:%S %p', '%I:%M %p'];
const withClock = (dates: string[]) => dates.flatMap((d) => [...clock.map((c) => `${d} ${c}`), d]);

/** strptime formats per family; DuckDB tries each in order (`strptime(text, [list])`). */
export const TIME_FORMATS: Record<Exclude<TimeFamily, 'iso'>, string[]> = {
  'day-first': withClock(['%d-%m-%Y', '%d/%m/%Y', '%d.%m.%Y', '%d-%m-%y', '%d/%m/%y', '%d.%m.%y']),
  'month-first': withClock(['%m/%d/%Y', '%m-%d-%Y', '%m/%d/%y']),
};

export const FAMILY_LABEL: Record<Family, string> = {
  iso: 'ISO 8601 (2025-12-31 23:59)',
  'day-first': 'day-month-year (31-12-2025 23:59)',
  'month-first': 'month/day/year (12/31/2025 11:59 PM)',
  point: 'decimal point (1234.56)',
  comma: 'decimal comma (1.234,56)',
  'point-thousands': 'thousands comma (1,234.56)',
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
export function typedExpr(raw: string, type: ColumnType, family: Family | undefined): string {
  // NaN, Infinity and 1e309 (read as inf) are not values: NULL here, so the row check quarantines
  // the row with a reason instead of the run failing on a cast or summing to NaN.
  const read = typedRead(raw, type, family);
  return isNumberType(type) ? `CASE WHEN isfinite(${read}) THEN ${read} END` : read;
}

function typedRead(raw: string, type: ColumnType, family: Family | undefined): string {
  const target = type === 'date' ? 'DATE' : type === 'timestamp' ? 'TIMESTAMPTZ' : 'DOUBLE';
  switch (family) {
    case 'day-first':
    case 'month-first': {
      const formats = `[${TIME_FORMATS[family].map(quoteLiteral).join(', ')}]`;
      return `CAST(TRY_STRPTIME(trim(${raw}), ${formats}) AS ${target})`;
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
