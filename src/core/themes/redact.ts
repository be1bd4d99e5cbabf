// Personal data out of a quote before anyone sees it: emails, phone numbers, IBANs, Dutch and UK
// postcodes, and the names in the response's own name columns. The email, IBAN and phone patterns
// are personal.ts's, unanchored to find them inside a sentence.
import { EMAIL_RE, IBAN_RE, PHONE_RE } from '../sources/personal.js';

const EMAIL = new RegExp(EMAIL_RE.source, 'g');
const IBAN = new RegExp(`\\b${IBAN_RE.source.slice(1, -1)}\\b`, 'g');
const PHONE = new RegExp(`(?<![\\w+])${PHONE_RE.source.slice(1, -1)}(?!\\w)`, 'g');
/** 1234 AB / 1234AB (Dutch), SW1A 1AA / M1 1AE (UK). Over-masking "2025 de" is the price of safety. */
const POSTCODE_NL = /\b[1-9][0-9]{3} ?[A-Za-z]{2}\b/g;
const POSTCODE_UK = /\b[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}\b/g;

const digits = (s: string) => s.replace(/[^0-9]/g, '').length;
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text with every recognised piece of personal data replaced by a marker naming what it was. */
export function redactQuote(text: string, names: readonly string[]): string {
  let out = text.replace(EMAIL, '<email>').replace(IBAN, '<IBAN>');
  out = out.replace(PHONE, (m) => (digits(m) >= 9 && digits(m) <= 15 ? '<phone number>' : m));
  out = out.replace(POSTCODE_NL, '<postcode>').replace(POSTCODE_UK, '<postcode>');
  // Each word of a name on its own ("Jan de Vries": Jan, Vries), whole words, any case.
  const words = [...new Set(names.flatMap((n) => n.split(/[\s,]+/)).filter((w) => w.length >= 2 && !/^(de|van|der|den|het|ter|ten|la|le|du)$/i.test(w)))];
  for (const word of words.sort((a, b) => b.length - a.length)) {
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegex(word)}(?![\\p{L}\\p{N}])`, 'giu'), '<name>');
  }
  return out;
}
