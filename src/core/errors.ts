// User-facing errors: each carries an exit code (DESIGN §6) and a message written for the person
// who has to fix it. Bugs stay plain Errors; main.ts turns them into "unexpected error".
import { EMAIL_RE } from './sources/personal.js';

export class JourneyError extends Error {
  constructor(message: string, readonly exitCode: number, readonly code: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class UsageError extends JourneyError {
  constructor(message: string) { super(message, 2, 'usage'); }
}

export class DataError extends JourneyError {
  constructor(message: string) { super(message, 65, 'data'); }
}

export class InputNotFoundError extends JourneyError {
  constructor(message: string) { super(message, 66, 'input'); }
}

export class OutputError extends JourneyError {
  constructor(message: string) { super(message, 73, 'output'); }
}

export class ConfigError extends JourneyError {
  /** problems: one line per problem, each starting with its dotted config path. */
  constructor(readonly file: string, readonly problems: string[]) {
    super(`${file}: invalid config\n${problems.map((p) => `  - ${p}`).join('\n')}`, 78, 'config');
  }
}

/** Another run holds the store (its lock, or DuckDB's lock on the file): try again later (EX_TEMPFAIL). */
/** DuckDB needed more memory than --memory-limit allows, even with spilling to disk. */
export class OutOfMemoryError extends JourneyError {
  constructor(message: string) { super(message, 71, 'memory'); }
}

export class LockedError extends JourneyError {
  constructor(message: string) { super(message, 75, 'locked'); }
}

/** Alerts fired (targets: missed, a significant decline): files are written, the lines are on stderr already. */
export class AlertsFired extends JourneyError {
  constructor(readonly count: number) { super(`${count} alert${count === 1 ? '' : 's'} fired`, 3, 'alert'); }
}

const EMAIL = new RegExp(EMAIL_RE.source, 'g');
const IBAN = /\b[A-Z]{2}[0-9]{2} ?[A-Z]{4}(?: ?[0-9]{2,4}){2,5}\b/g;
/** International (+31 6 1234 5678, 0031...) or a Dutch 10-digit number starting with 0 (0612345678). */
const PHONE = /(?:\+|\b00)[1-9][0-9 ()-]{7,16}[0-9]\b|\b0[1-9][0-9]{8}\b|\b0[1-9]-[0-9]{8}\b/g;

/**
 * DuckDB error text can quote raw input rows ("Original Line: ...") and values; strip both so
 * no customer data reaches stderr, logs or cron mail (DESIGN §10).
 */
export function redact(text: string): string {
  return text
    .replace(/(Original Line:)[^\n]*/g, '$1 <redacted>')
    .replace(/(Line:\s*\d+\s*\n)(?!\s*Original)[^\n]*/g, '$1')
    .replace(EMAIL, '<email>')
    .replace(IBAN, '<IBAN>')
    .replace(PHONE, '<phone number>');
}

/** First line of a DuckDB error, redacted: good enough to show a user next to our own context. */
export function duckMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return redact(text.split('\n').slice(0, 2).join(' ').trim());
}

/**
 * A failure of config SQL without the cell it failed on (the cell can be personal data): quoted
 * values become <value>, and the text of `error(...)` — which is whatever the rule passed it,
 * often a column's value — is not shown at all.
 */
export function withoutValues(message: string): string {
  if (/^Invalid Input Error:/.test(message)) return 'Invalid Input Error: <message not shown: it may quote a value from the data>';
  return message.replace(/(string|value) '[^']*'/gi, '$1 <value>').replace(/"[^"]*" (?=to|can't|cannot)/g, '<value> ');
}
