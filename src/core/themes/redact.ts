// Personal data out of a quote before anyone sees it: emails, phone numbers, IBANs, Dutch and UK
// postcodes. The email, IBAN and phone patterns are personal.ts's, unanchored to find them inside
// a sentence. (Names in the row's own name columns are taken out of the comment at ingest, plan.ts.)
import { EMAIL_RE, IBAN_RE, PHONE_RE } from '../sources/personal.js';

const EMAIL = new RegExp(EMAIL_RE.source, 'g');
const IBAN = new RegExp(`\\b${IBAN_RE.source.slice(1, -1)}\\b`, 'g');
const PHONE = new RegExp(`(?<![\\w+])${PHONE_RE.source.slice(1, -1)}(?!\\w)`, 'g');
/** 1234 AB / 1234AB (Dutch), SW1A 1AA / M1 1AE (UK). Over-masking "2025 de" is the price of safety. */
const POSTCODE_NL = /\b[1-9][0-9]{3} ?[A-Za-z]{2}\b/g;
const POSTCODE_UK = /\b[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}\b/g;

const digits = (s: string) => s.replace(/[^0-9]/g, '').length;
/** The text with every recognised piece of personal data replaced by a marker naming what it was. */
export function redactQuote(text: string): string {
  let out = text.replace(EMAIL, '<email>').replace(IBAN, '<IBAN>');
  out = out.replace(PHONE, (m) => (digits(m) >= 9 && digits(m) <= 15 ? '<phone number>' : m));
  out = out.replace(POSTCODE_NL, '<postcode>').replace(POSTCODE_UK, '<postcode>');
  return out;
}
