// SQL fragments the web-analytics presets share: vendor number, rate, date and URL formats turned
// into the canonical text the validator reads (docs/presets-web.md).
import { quoteLiteral } from '../../db.js';
import { hmacSql } from '../keys.js';
import type { PresetContext } from './types.js';

/** The first of these header names the file has (case-insensitive), or undefined. */
export function firstColumn(ctx: PresetContext, names: readonly string[]): string | undefined {
  return names.find((n) => ctx.has(n));
}

/** Quoted source column for the first name present, or NULL. */
export function firstCol(ctx: PresetContext, names: readonly string[]): string {
  const name = firstColumn(ctx, names);
  return name === undefined ? 'NULL' : ctx.col(name);
}

/**
 * A count without thousands separators: "1,200" and "1 200" give "1200". A dot is left alone, so
 * "1.5" stays a fraction the validator rejects rather than silently becoming 15.
 */
export const countText = (col: string) => `regexp_replace(trim(${col}), '[,\\s\\x{00A0}\\x{202F}]', '', 'g')`;

/** A rate as a fraction: "62.5%", "62,5 %" and "0.625" all give 0.625; anything else NULL. */
export const rateValue = (col: string) =>
  `CASE WHEN contains(${col}, '%') ` +
  `THEN TRY_CAST(replace(regexp_replace(${col}, '[%\\s]', '', 'g'), ',', '.') AS DOUBLE) / 100 ` +
  `ELSE TRY_CAST(replace(trim(${col}), ',', '.') AS DOUBLE) END`;

/** round(count x rate) as a whole number: a count the export gives only as a rate of sessions. */
export const countFromRate = (count: string, rate: string) =>
  `CAST(round(TRY_CAST(${countText(count)} AS DOUBLE) * (${rateValue(rate)})) AS BIGINT)`;

/** YYYYMMDD -> YYYY-MM-DD; a value that is not such a date passes through for the validator to name. */
export const compactDate = (col: string) =>
  `coalesce(strftime(try_strptime(trim(${col}), '%Y%m%d'), '%Y-%m-%d'), ${col})`;

/** A date literal from digits already checked by a regular expression (YYYY-MM-DD). */
export const dateLiteral = (isoDate: string) => quoteLiteral(isoDate);

/** The path of a URL ("https://shop.example/a/b?x=1" -> "/a/b"); a bare path stays as it is. */
export const urlPath = (url: string) =>
  `CASE WHEN nullif(trim(${url}), '') IS NOT NULL ` +
  `THEN coalesce(nullif(regexp_extract(${url}, '^(?:[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*)?([^?#]*)', 1), ''), '/') END`;

/** Microseconds since the epoch (GA4) as an ISO timestamp in UTC with its offset. */
export const microsUtc = (col: string) =>
  `strftime(make_timestamp(CAST(${col} AS BIGINT)), '%Y-%m-%d %H:%M:%S.%f') || '+00'`;

const EMAIL_LIKE = `'[^@\\s]+@[^@\\s]+\\.[^@\\s]+'`;
const emailKey = (id: string) => `'h:' || left(${hmacSql(`trim(${id})`)}, 32)`;

/**
 * An id that may be an email address (PostHog's distinct_id after identify, a GA4 user_id set to
 * the login): an address becomes the customer key ingest gives that email (`h:` + keyed hash), so
 * it links to orders and never reaches a table; any other id stays as it is.
 */
export const pseudonymised = (id: string) =>
  `CASE WHEN regexp_full_match(trim(${id}), ${EMAIL_LIKE}) THEN ${emailKey(id)} ELSE ${id} END`;

/** The same, for the customer: an email-like id becomes its customer key, any other id is not a customer id. */
export const customerFromEmail = (id: string) =>
  `CASE WHEN regexp_full_match(trim(${id}), ${EMAIL_LIKE}) THEN ${emailKey(id)} END`;
