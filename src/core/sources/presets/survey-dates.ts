// Survey tools write response times in the account's locale (`5/10/2026 09:15:00`,
// `2026/09/27 3:00:00 PM GMT+3`). This turns such a column into ISO 8601 text DuckDB reads as
// TIMESTAMPTZ, deciding day/month order once for the whole column (docs/presets-surveys.md).
import { quoteLiteral } from '../../db.js';

const TIME_FORMATS = ['%H:%M:%S', '%H:%M', '%I:%M:%S %p', '%I:%M %p'];
const withTimes = (date: string) => [...TIME_FORMATS.map((t) => `${date} ${t}`), date];
const YEAR_FIRST = [...withTimes('%Y/%m/%d'), ...withTimes('%Y.%m.%d')];
/** `d-m-yyyy` (Dutch) and `d.m.yyyy` (German) are day-first in every locale that writes them. */
const DAY_FIRST_OTHER = [...withTimes('%d-%m-%Y'), ...withTimes('%d.%m.%Y')];
const SLASH_DAY_FIRST = withTimes('%d/%m/%Y');
const SLASH_MONTH_FIRST = withTimes('%m/%d/%Y');
/** Four-digit years only: strptime's %Y also takes `12`, which would read `10/11/12` as the year 12. */
const LOCAL_DATE = String.raw`^(\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}[/.]\d{1,2}[/.]\d{1,2})([ T,]|$)`;

/** A trailing zone after a time: `GMT+3`, `GMT-5:30`, `UTC`, `GMT`, `+0200`, `Z`. */
const ZONE_AFTER_TIME = String.raw`(\d:\d{2}(?::\d{2})?(?:[.,]\d+)?(?:\s*[AaPp][Mm])?)\s*(GMT|UTC|Z|(?:GMT|UTC)?\s*([+-])(\d{1,2}):?(\d{2})?)$`;
const ISO = String.raw`^\d{4}-\d{1,2}-\d{1,2}([ T]|$)`;
const ISO_WITH_ZONE = String.raw`\d:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}(:?\d{2})?|[A-Za-z_]+/[A-Za-z_/+-]+|UTC|GMT)$`;
const SLASH_FIELDS = String.raw`^(\d{1,2})/(\d{1,2})/\d{2,4}\b`;

/** Whether a sampled value has one of the shapes read here (used by detection, not by ingest). */
export function looksLikeSurveyTimestamp(value: string): boolean {
  const v = value.trim();
  return new RegExp(ISO).test(v) || new RegExp(LOCAL_DATE).test(v);
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

const list = (formats: string[]) => `[${formats.map(quoteLiteral).join(', ')}]`;

/**
 * SQL over `source` (a quoted column of text) giving ISO 8601 text: `YYYY-MM-DD HH:MM:SS` plus the
 * value's own offset, else the file's zone, else nothing (then the config's time zone applies).
 * A value it cannot read is passed on unchanged, so validation rejects it and shows it.
 *
 * Day or month first in `a/b/yyyy` is decided over the whole column with window aggregates, never per
 * row: a first field above 12 proves day-first, a second field above 12 proves month-first, and the
 * order with more proof wins (values contradicting it are rejected). Without proof, the order under
 * which the responses span less time wins (a misread column scatters over months); on a tie,
 * month-first, as in Google's default en-US locale.
 */
export function surveyTimestampSql(source: string, options: TimestampOptions = {}): string {
  const x = `trim(${source})`;
  const zone = safeZone(options.zone);
  const fileZone = zone ? quoteLiteral(zone === 'UTC' ? '+00:00' : ` ${zone}`) : `''`;
  const core = `regexp_replace(${x}, ${quoteLiteral(ZONE_AFTER_TIME)}, '\\1')`;
  const reading = (slash: string[]) => `try_strptime(${core}, ${list([...slash, ...DAY_FIRST_OTHER, ...YEAR_FIRST])})`;
  const dayFirst = reading(SLASH_DAY_FIRST);
  const monthFirst = reading(SLASH_MONTH_FIRST);
  const proof = (field: 1 | 2) =>
    `count(*) FILTER (WHERE TRY_CAST(nullif(regexp_extract(${x}, ${quoteLiteral(SLASH_FIELDS)}, ${field}), '') AS INTEGER) > 12) OVER ()`;
  const span = (read: string) => `(max(${read}) OVER () - min(${read}) OVER ())`;
  const columnIsDayFirst =
    `CASE WHEN ${proof(1)} <> ${proof(2)} THEN ${proof(1)} > ${proof(2)}\n` +
    `           ELSE coalesce(${span(dayFirst)} < ${span(monthFirst)}, false) END`;
  const zoneParts = `regexp_extract(${x}, ${quoteLiteral(ZONE_AFTER_TIME)}, ['time', 'zone', 'sign', 'hours', 'minutes'])`;
  const offset =
    `CASE WHEN ${zoneParts}.sign <> '' THEN ${zoneParts}.sign || lpad(${zoneParts}.hours, 2, '0') || ':' || coalesce(nullif(${zoneParts}.minutes, ''), '00')\n` +
    `         WHEN ${zoneParts}.zone <> '' THEN '+00:00' ELSE ${fileZone} END`;
  return [
    `CASE WHEN ${x} = '' THEN NULL`,
    `     WHEN regexp_matches(${x}, ${quoteLiteral(ISO)})`,
    `       THEN ${x} || CASE WHEN regexp_matches(${x}, ${quoteLiteral(ISO_WITH_ZONE)}) THEN '' ELSE ${fileZone} END`,
    `     WHEN NOT regexp_matches(${x}, ${quoteLiteral(LOCAL_DATE)}) THEN ${x}`,
    `     ELSE coalesce(strftime(CASE WHEN ${columnIsDayFirst}`,
    `         THEN ${dayFirst}`,
    `         ELSE ${monthFirst} END, '%Y-%m-%d %H:%M:%S')`,
    `       || ${offset}, ${x}) END`,
  ].join('\n');
}
