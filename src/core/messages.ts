// The sentences core writes for people — warnings, reject reasons, how a file was recognised — as
// templates with named slots. Core fills them in English (the text JSON, the quarantine file and the
// store keep); a renderer finds the template and slots again (`parseMessage`) and words them in the
// reader's language (src/render/labels/messages.ts). One template, so the two can never drift.
//
// Slots: `{name}` is text (worded again when it is itself a message: a reject's shown value),
// `{name:n}` is a number written plainly in English (`5216`, `94.3`), regrouped per language.

export const MESSAGES = {
  // run warnings (src/core/warnings.ts, session.ts, journey/map.ts)
  quarantined: '{path}: {rejected:n} of {records:n} rows quarantined (see journey validate)',
  unmatched: '{kind}: {unmatched:n} of {rows:n} rows match no touchpoint (coverage {coverage:n}%)',
  headerOnly: '{path}: header only, 0 data rows',
  notRecognised: '{path}: skipped: not a recognised export (its header matches no preset and no kind). To read it, add it under sources: with kind: and columns: (docs/config.md), or name it alone to see what is missing',
  queryEmpty: '{path}: the query gave 0 rows',
  keySkipped: '{path}: skipped; it is the pseudonymisation key, which is never read as data',
  keyCreated: 'created a new pseudonymisation key at {path} (keep it private; the same key links customers across runs)',
  storeOtherKey: 'the store was built with another pseudonymisation key than {path}: its customer keys do not match this key\'s',
  inputRejected: '{path}: {rejected:n} of {records:n} records could not be read into input "{name}" (see journey validate)',
  inputUnused: '{path}: named "{name}" but read by no derived source\'s query; give it kind: to read it as a source',
  identityShared: 'identity: {shared:n} identifier(s) seen with more than {max:n} customer ids (shared devices or addresses) link nothing; raise identity.max_customer_ids to let them',
  personalData: '{path}: column {column} holds personal data ({count:n} distinct value(s): {kinds}); shown as <email>, <phone number> or <IBAN> in every output',
  // loading (src/core/sources/ingest/*)
  rowsSkipped: '{path}: {count:n} row(s) skipped: {reason}',
  repeatedHeaders: '{path}: {count:n} repeated header row(s) dropped (line {lines}); were two exports pasted together?',
  cutOff: '{path}: the last record is cut off (a quoted field is never closed before the end of the file); it is rejected, the rest is read',
  nulBytes: '{path}: {count:n} NUL byte(s) removed',
  multipleTables: '{path}: this download holds more than one table; only the first is read, the {count:n} line(s) from the next "#" block on are skipped (download each report on its own)',
  columnReadAs: '{path}: column "{column}" read as {format}, decided from all {count:n} values',
  twoDigitYears: '{path}: column "{column}" has two-digit years in {count:n} value(s); decided from all values: 00-68 are read as 2000-2068 and 69-99 as 1969-1999. If that is wrong, export the column with four-digit years.',
  twoDigitYearsFound: '{path}: column "{column}" has two-digit years in {count:n} value(s); decided from all values: 00-68 are read as 2000-2068 and 69-99 as 1969-1999 (years found: {years}). If that is wrong, export the column with four-digit years.',
  ambiguousColumn: '{path}: column "{column}" is ambiguous (every value also reads as {others}); read as {format}. If that is wrong, export the column as ISO dates (YYYY-MM-DD) or with a decimal point.',
  orderLines: '{path}: {rows:n} order rows have {ids:n} distinct order ids: the rows of each of {repeated:n} repeated id(s) (order lines) are collapsed into one order with their amounts summed ({merged:n} row(s) merged); the first row gives the other columns',
  repeatedIds: '{path}: {count:n} row(s) repeat the {column} of an earlier row ({repeated:n} id(s) repeated); the first row of each is kept, the others are skipped',
  refunds: '{path}: {count:n} order(s) with a negative total (credit notes or cancellations, together {total:n}) are counted as refunded, not as paid orders or revenue',
  noScores: '{path}: no NPS, CSAT or CES answers found, so no survey KPI can be measured from it. Map a question in journey.yaml, e.g. columns: { survey: { csat: "<question>" } }, and word answers with values: { survey: { csat: { Very satisfied: 5, ... } } } (docs/config.md)',
  noScoresColumns: '{path}: no NPS, CSAT or CES answers found, so no survey KPI can be measured from it; its other columns are {columns}. Map a question in journey.yaml, e.g. columns: { survey: { csat: "<question>" } }, and word answers with values: { survey: { csat: { Very satisfied: 5, ... } } } (docs/config.md)',
  noAdditive: '{path}: no sessions, users or page views that can be added up, so no traffic KPI is measured from it (in a report by event name one user or session is on many rows, so its users and sessions are not summed); export a report by date, channel, source or page for traffic totals',
  droppedValues: '{path}: {count:n} {column} value(s) are not a score on the {column} scale and are left empty (the rows are kept): {values}; map them under values: { {column}: { ... } } (docs/config.md)',
  // analyses (src/core/analysis/*)
  frictionNoData: 'friction needs survey, ticket or web data; none is loaded',
  frictionNoMapped: 'no rows are mapped to a touchpoint, so there is nothing to rank (add touchpoints with match rules to the config)',
  compareOneValue: 'segment {segment} has one value ({value}) in the period: nothing to compare it with',
  compareNoInitiativeData: 'touchpoint {touchpoint} has no data in either period',
  themesNoTerms: 'no theme terms: the config sets themes.bundled to false and defines no themes of its own',
  themesNoData: 'no survey or ticket data: there are no comments to read',
  themesNoComments: 'no survey comments or ticket subjects in the period',
  driversNegative: '{id}: higher scores go with lower NPS once the other predictors are held fixed (negative coefficient); read its weight with care',
  afterNoIdentity: 'no identity: section in the config: tickets and answers count only where their customer key equals the order\'s (docs/identity.md)',
  pathsNoIdentity: 'no identity: section in the config: a person is one customer key, and web visits count only where they carry a customer_id (docs/identity.md)',
  integrityNoValues: 'no scored answers have a value in {by}',
  integrityUnassigned: '{count:n} scored answers have no {by} and are not assessed',
  integrityNoComments: 'the survey rows have no comments, so top scores without a comment are not assessed',
  integrityOneGroup: 'only one {by} in the data: there is no other group to compare with',
  funnelKindMissing: 'funnel {funnel}, step {step}: none of its kinds ({kinds}) is loaded; nobody can reach it',
  // reject reasons (src/core/sources/ingest/checks.ts, kinds/*): `{shown}` is a value or what it looks like
  requiredEmpty: 'required value is empty',
  notDateTime: '{shown} is not a date-time (use ISO 8601, e.g. 2025-03-01 14:30:00)',
  notDateTimeIn: '{shown} is not a date-time in this column\'s format, {format}',
  notDate: '{shown} is not a date (use YYYY-MM-DD)',
  notDateIn: '{shown} is not a date in this column\'s format, {format}',
  yearBefore: '{shown} reads as a year before {year} (a two-digit year?); write the year with four digits',
  notWhole: '{shown} is not a whole number from {lo:n} to {hi:n}',
  notNonNegative: '{shown} is not a non-negative number',
  notNonNegativeIn: '{shown} is not a non-negative number in this column\'s format, {format}',
  notNumber: '{shown} is not a number (use a decimal point, e.g. 129.95)',
  notNumberIn: '{shown} is not a number in this column\'s format, {format}',
  notAllowed: '{column} "{value}" is not one of {allowed}; map it under values:',
  longNumber: 'a long number (not shown: it may be a phone number)',
  textValue: 'a text value ({length:n} characters)',
  convertedMoreThan: 'converted_sessions (sessions with a conversion) is more than sessions',
  before: '{later} is before {earlier}',
  moreThan: '{part} is more than {whole}',
  repeatedHeader: 'repeated header row (were two exports pasted together?); not data',
  lineFewer: 'line has fewer fields than the header ({count:n} columns)',
  lineMore: 'line has more fields than the header ({count:n} columns)',
  lineEncoding: 'line is not valid UTF-8',
  lineTooLong: 'line is longer than the 2 MB line limit',
  lineCast: 'line has a value that cannot be read',
  lineTextAfterQuote: 'line has text after a closing quote (a quote inside a value is written as two quotes "")',
  lineCutOff: 'line is cut off: a quoted field is never closed before the end of the file (a truncated export?)',
  // column formats (src/core/sources/formats.ts FAMILY_LABEL)
  familyIso: 'ISO 8601 (2025-12-31 23:59)',
  familyDayFirst: 'day-month-year (31-12-2025 23:59)',
  familyMonthFirst: 'month/day/year (12/31/2025 11:59 PM)',
  familyPoint: 'decimal point (1234.56)',
  familyComma: 'decimal comma (1.234,56)',
  familyThousands: 'thousands comma (1,234.56)',
  familyNative: 'the Parquet file\'s own type',
  // how a file was recognised (src/core/sources/detect.ts)
  detectedHeader: 'header has {matched} ({count:n} canonical columns)',
  detectedForcedColumns: 'forced (config source with columns)',
  detectedForced: 'forced (KIND=PATH)',
  detectedDerived: 'derived source, a query in the config',
} as const;

export type MessageCode = keyof typeof MESSAGES;
export type MessageParams = Record<string, string | number>;

const SLOT = /\{(\w+)(?::n)?\}/g;

/** The English sentence of a template with its slots filled. */
export function say(code: MessageCode, params: MessageParams = {}): string {
  return MESSAGES[code].replace(SLOT, (_, name: string) => {
    if (!(name in params)) throw new Error(`message ${code}: no value for {${name}}`);
    return String(params[name]);
  });
}

/**
 * The same sentence as a SQL expression, for reasons the load statement writes per row: `sql`
 * slots are SQL expressions that bind tighter than `||` (a function call, a CASE), concatenated;
 * the others are filled as literals with `quote`.
 */
export function saySql(code: MessageCode, params: MessageParams, sql: Record<string, string>, quote: (s: string) => string): string {
  const parts: string[] = [];
  let literal = '';
  let last = 0;
  for (const m of MESSAGES[code].matchAll(SLOT)) {
    literal += MESSAGES[code].slice(last, m.index);
    last = m.index! + m[0].length;
    const name = m[1]!;
    if (name in sql) {
      if (literal) parts.push(quote(literal));
      parts.push(sql[name]!);
      literal = '';
    } else if (name in params) literal += String(params[name]);
    else throw new Error(`message ${code}: no value for {${name}}`);
  }
  literal += MESSAGES[code].slice(last);
  if (literal) parts.push(quote(literal));
  return parts.join(' || ');
}

export interface ParsedMessage {
  code: MessageCode;
  /** Slot values as they appear in the English text. */
  params: Record<string, string>;
  /** The slots that hold numbers (`{name:n}`). */
  numbers: Set<string>;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const PATTERNS = (Object.keys(MESSAGES) as MessageCode[]).map((code) => {
  const template = MESSAGES[code];
  const names: string[] = [];
  const numbers = new Set<string>();
  let source = '';
  let last = 0;
  for (const m of template.matchAll(SLOT)) {
    source += escapeRegex(template.slice(last, m.index));
    last = m.index! + m[0].length;
    names.push(m[1]!);
    if (m[0].endsWith(':n}')) {
      numbers.add(m[1]!);
      source += '(-?[0-9]+(?:\\.[0-9]+)?)';
    } else source += '(.+?)';
  }
  source += escapeRegex(template.slice(last));
  return { code, names, numbers, regex: new RegExp(`^${source}$`, 's') };
});

/** The template and slot values of an English sentence core wrote, or undefined for any other text. */
export function parseMessage(text: string): ParsedMessage | undefined {
  for (const p of PATTERNS) {
    const m = p.regex.exec(text);
    if (m) return { code: p.code, params: Object.fromEntries(p.names.map((n, i) => [n, m[i + 1]!])), numbers: p.numbers };
  }
  return undefined;
}
