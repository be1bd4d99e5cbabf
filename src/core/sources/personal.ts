// Personal data recognised by value, not only by header name: email addresses, phone numbers and
// IBANs. Used to keep such values out of messages (a header that is an email, a first line that
// is data) and, in SQL, to find text columns whose values would become labels, groups or segments.

// The same patterns as the SQL in maskSql below (RE2 there, JS here): what one finds, the other masks.
export const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
/** IBAN: country code, two check digits, groups of letters and digits (single spaces allowed). */
export const IBAN_RE = /^[A-Za-z]{2}[0-9]{2}( ?[A-Za-z0-9]{4}){2,7}( ?[A-Za-z0-9]{1,4})?$/;
/** Phone numbers: 9 to 15 digits, optional + or 00, spaces, dashes, dots, brackets. */
export const PHONE_RE = /^(\+|00)?[0-9][0-9 ().-]{7,18}[0-9]$/;

const digits = (s: string) => s.replace(/[^0-9]/g, '').length;

/** What kind of personal data a single value is, if any (the order maskSql tests in). */
export function personalKind(value: string): 'email' | 'phone number' | 'IBAN' | null {
  if (EMAIL_RE.test(value)) return 'email';
  const trimmed = value.replace(/^ +| +$/g, '');
  if (IBAN_RE.test(trimmed)) return 'IBAN';
  if (PHONE_RE.test(trimmed) && digits(value) >= 9 && digits(value) <= 15) return 'phone number';
  return null;
}

/**
 * SQL: could the VARCHAR expression be personal data? A cheap test (an @, or seven digits with at
 * most two non-letters between them) that every email, phone number and IBAN passes; the
 * distinct values that pass are then classified by personalKind.
 */
export function candidateSql(expr: string, idColumn: boolean): string {
  const email = `contains(${expr}, '@')`;
  if (idColumn) return email;
  const run = Array.from({ length: 7 }, () => '[0-9]').join('[^A-Za-z]{0,2}');
  return `(${email} OR regexp_matches(${expr}, '${run}'))`;
}

/** A header shown in a message only when it reads like a column name and is not personal data. */
function showable(header: string): boolean {
  return header.length <= 80 && !/[\u0000-\u001f\u007f\ufffd]/.test(header) && personalKind(header) === null;
}

/** A cell value rather than a column name: a number, a date or a time. */
const looksLikeValue = (header: string) => /^\s*[-+]?[0-9][0-9 .,:/T+-]*\s*$/.test(header);

/**
 * Headers for a message: as they are when they look like column names. When any of them is a
 * value (a number, a date, an email, a phone number, binary or very long text), the first line
 * is probably data — a headerless file — and none is printed.
 */
export function showHeaders(headers: string[]): string {
  if (headers.length === 0) return '(no columns)';
  if (headers.some((h) => !showable(h) || looksLikeValue(h))) {
    return `${headers.length} column(s), not printed: the first line does not look like a header`;
  }
  return headers.join(', ');
}

/**
 * SQL that keeps a text value unless it is personal data, which becomes a marker naming what it
 * was (`<email>`, `<IBAN>`, `<phone number>`). For identifier columns (order numbers can look like
 * phone numbers) only emails are masked.
 */
export function maskSql(expr: string, idColumn: boolean): string {
  const email = `regexp_matches(${expr}, '${EMAIL_SQL}')`;
  if (idColumn) return `CASE WHEN ${email} THEN '<email>' ELSE ${expr} END`;
  const digitCount = `length(regexp_replace(${expr}, '[^0-9]', '', 'g'))`;
  return `CASE WHEN ${email} THEN '<email>'` +
    ` WHEN regexp_full_match(trim(${expr}), '${IBAN_SQL}') THEN '<IBAN>'` +
    ` WHEN regexp_full_match(trim(${expr}), '${PHONE_SQL}') AND ${digitCount} BETWEEN 9 AND 15 THEN '<phone number>'` +
    ` ELSE ${expr} END`;
}

// The same patterns for RE2, without the anchors (regexp_full_match anchors them itself).
const EMAIL_SQL = EMAIL_RE.source;
const IBAN_SQL = IBAN_RE.source.slice(1, -1);
const PHONE_SQL = PHONE_RE.source.slice(1, -1);
