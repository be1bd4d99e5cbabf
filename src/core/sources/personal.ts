// Personal data recognised by value, not only by header name: email addresses, phone numbers and
// IBANs. Used to keep such values out of messages (a header that is an email, a first line that
// is data) and, in SQL, to find text columns whose values would become labels, groups or segments.

export const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
/** International or Dutch-style phone numbers: 9 to 15 digits, optional +, spaces, dashes, dots, brackets. */
export const PHONE_RE = /^\s*(\+|00)?[0-9][0-9 ().-]{7,18}[0-9]\s*$/;
/** IBAN: country code, two check digits, 11 to 30 letters and digits (spaces allowed in groups of 4). */
export const IBAN_RE = /^\s*[A-Z]{2}[0-9]{2}(\s?[A-Z0-9]{4}){2,7}(\s?[A-Z0-9]{1,4})?\s*$/i;

const digits = (s: string) => s.replace(/[^0-9]/g, '').length;

/** What kind of personal data a single value is, if any. */
export function personalKind(value: string): 'email' | 'phone number' | 'IBAN' | null {
  if (EMAIL_RE.test(value)) return 'email';
  if (IBAN_RE.test(value) && /[0-9]/.test(value.slice(2, 4))) return 'IBAN';
  if (PHONE_RE.test(value) && digits(value) >= 9 && digits(value) <= 15) return 'phone number';
  return null;
}

/**
 * SQL for the same test over a VARCHAR expression (DuckDB regular expressions, RE2): true when the
 * value is an email address, a phone number or an IBAN.
 */
export function personalSql(expr: string): string {
  const digitCount = `length(regexp_replace(${expr}, '[^0-9]', '', 'g'))`;
  return `(regexp_matches(${expr}, '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}')` +
    ` OR regexp_full_match(trim(${expr}), '[A-Za-z]{2}[0-9]{2}( ?[A-Za-z0-9]{4}){2,7}( ?[A-Za-z0-9]{1,4})?')` +
    ` OR (regexp_full_match(trim(${expr}), '(\\+|00)?[0-9][0-9 ().-]{7,18}[0-9]') AND ${digitCount} BETWEEN 9 AND 15))`;
}

/** A header shown in a message only when it reads like a column name and is not personal data. */
function showable(header: string): boolean {
  return header.length <= 80 && !/[\u0000-\u001f\u007f\ufffd]/.test(header) && personalKind(header) === null;
}

/**
 * Headers for a message: as they are when they look like column names; a header that is an
 * email, a phone number, binary or very long is replaced by its position; when most of them are
 * like that the first line is probably data, and none is printed.
 */
export function showHeaders(headers: string[]): string {
  const hidden = headers.filter((h) => !showable(h)).length;
  if (headers.length === 0) return '(no columns)';
  if (hidden * 2 > headers.length) return `${headers.length} column(s), not printed: the first line does not look like a header`;
  return headers.map((h, i) => (showable(h) ? h : `<column ${i + 1}: not shown>`)).join(', ');
}
