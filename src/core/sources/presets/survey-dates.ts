// Survey tools write response times in the account's locale (`5/10/2026 09:15:00`,
// `2026/09/27 3:00:00 PM GMT+3`). This turns such a column into ISO 8601 text DuckDB reads as
// TIMESTAMPTZ, deciding day/month order once for the whole column (docs/presets-surveys.md).
import { quoteLiteral } from '../../db.js';

/** A zone after the time: `GMT+3`, `GMT-5:30`, `UTC`, `GMT`, `+0200`, `Z`. */
const ZONE = String.raw`(?:GMT|UTC)?\s*[+-]\d{1,2}(?::?\d{2})?|GMT|UTC|Z`;
/** Four-digit years only: strptime's %Y also takes `12`, which would read `10/11/12` as the year 12. */
const YEAR_LAST = String.raw`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(.*?)\s*(?:${ZONE})?$`;
const YEAR_FIRST = String.raw`^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(.*?)\s*(?:${ZONE})?$`;
const SLASH = String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})`;
const ZONE_AFTER_TIME = String.raw`\d:\d{2}(?::\d{2})?(?:[.,]\d+)?(?:\s*[AaPp][Mm])?\s*(${ZONE})$`;
const ISO = String.raw`^\d{4}-\d{1,2}-\d{1,2}([ T]|$)`;
const ISO_WITH_ZONE = String.raw`\d:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}(:?\d{2})?|[A-Za-z_]+/[A-Za-z_/+-]+|UTC|GMT)$`;
/** After reordering the date to year-month-day: 24 or 12-hour clock, with or without seconds. */
const FORMATS = ['%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y-%m-%d %I:%M:%S %p', '%Y-%m-%d %I:%M %p', '%Y-%m-%d'];

/** Whether a sampled value has one of the shapes read here (used by detection, not by ingest). */
export function looksLikeSurveyTimestamp(value: string): boolean {
  const v = value.trim();
  return [ISO, YEAR_LAST, YEAR_FIRST].some((shape) => new RegExp(shape).test(v));
}

/** IANA names, `Z` or `UTC` only: the zone is written into SQL, so anything else is ignored. */
export function safeZone(zone: string | undefined): string | undefined {
  if (!zone) return undefined;
  if (zone === 'Z' || zone.toUpperCase() === 'UTC') return 'UTC';
  return /^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+$/.test(zone) ? zone : undefined;
}

export interface TimestampOptions {
  /** Zone of offset-less values, from the file (Qualtrics' row 3); without it the config's zone applies. */
  zone?: string;
}

/**
 * SQL over `source` (a quoted column of text) giving ISO 8601 text: `YYYY-MM-DD HH:MM:SS` plus the
 * value's own offset, else the file's zone, else nothing (then the config's time zone applies).
 * A value it cannot read is passed on unchanged, so validation rejects it and shows it.
 *
 * Day or month first in `a/b/yyyy` is decided over the whole column with window aggregates, never per
 * row: a first field above 12 proves day-first, a second field above 12 proves month-first, and the
 * order with more proof wins (values contradicting it are rejected). Without proof, the order under
 * which the responses span fewer days wins (a misread column scatters over months); on a tie,
 * month-first, as in Google's and SurveyMonkey's default en-US locale. `d-m-yyyy` and `d.m.yyyy` are
 * always day-first; `yyyy/m/d` is year-first.
 */
export function surveyTimestampSql(source: string, options: TimestampOptions = {}): string {
  const x = `trim(${source})`;
  const zone = safeZone(options.zone);
  const fileZone = zone ? quoteLiteral(zone === 'UTC' ? '+00:00' : ` ${zone}`) : undefined;
  const field = (n: number) => `TRY_CAST(regexp_extract(${x}, ${quoteLiteral(SLASH)}, ${n}) AS INTEGER)`;
  const proof = (n: number) => `count(*) FILTER (WHERE ${field(n)} > 12) OVER ()`;
  // Days since year 0, roughly, under each reading: enough to compare how far the responses spread.
  const day = (d: number, m: number) => `(${field(3)} * 372 + ${field(m)} * 31 + ${field(d)})`;
  const span = (d: number, m: number) => `(max(${day(d, m)}) OVER () - min(${day(d, m)}) OVER ())`;
  const columnIsDayFirst =
    `CASE sign(${proof(1)} - ${proof(2)}) WHEN 1 THEN true WHEN -1 THEN false\n` +
    `             ELSE coalesce(${span(1, 2)} < ${span(2, 1)}, false) END`;
  const reordered = [
    `CASE WHEN regexp_matches(${x}, '^\\d{4}') THEN regexp_replace(${x}, ${quoteLiteral(YEAR_FIRST)}, '\\1-\\2-\\3\\4')`,
    `           WHEN NOT regexp_matches(${x}, '^\\d{1,2}/') OR ${columnIsDayFirst}`,
    `           THEN regexp_replace(${x}, ${quoteLiteral(YEAR_LAST)}, '\\3-\\2-\\1\\4')`,
    `           ELSE regexp_replace(${x}, ${quoteLiteral(YEAR_LAST)}, '\\3-\\1-\\2\\4') END`,
  ].join('\n');
  const zoneText = `regexp_extract(${x}, ${quoteLiteral(ZONE_AFTER_TIME)}, 1)`;
  // `GMT+3` -> `+03`, `GMT-5:30` -> `-05:30`: forms DuckDB reads after a time.
  const offset =
    `CASE WHEN ${zoneText} = '' THEN ${fileZone ?? `''`}\n` +
    `            WHEN regexp_matches(${zoneText}, '[+-]') THEN regexp_replace(regexp_replace(${zoneText}, '^(GMT|UTC)?\\s*', ''), '^([+-])(\\d)(\\D|$)', '\\10\\2\\3')\n` +
    `            ELSE '+00:00' END`;
  const iso = fileZone
    ? `${x} || CASE WHEN regexp_matches(${x}, ${quoteLiteral(ISO_WITH_ZONE)}) THEN '' ELSE ${fileZone} END`
    : x;
  return [
    `CASE WHEN regexp_matches(${x}, ${quoteLiteral(ISO)}) THEN ${iso}`,
    `     ELSE coalesce(strftime(try_strptime(`,
    `         ${reordered},`,
    `         [${FORMATS.map(quoteLiteral).join(', ')}]), '%Y-%m-%d %H:%M:%S')`,
    `       || ${offset}, ${x}) END`,
  ].join('\n');
}
