// Words of identity coverage (validate, and the note every data command prints with `identity:`).
// One catalogue per language with the same keys; `identityLabels(lang)` picks one.
import type { IdentityCoverageResult } from '../../core/contracts/identity.js';
import { formatCount, formatNumber, type Lang } from '../format.js';

export const IDENTITY_LABELS = {
  heading: 'Identity (persons stitched across kinds)',
  answers: 'survey answers',
  tickets: 'tickets',
  orders: 'orders',
  sessions: 'web sessions',
  linked: 'link to a person seen in another kind',
  withOrders: 'to a customer with orders',
  of: 'of',
  none: 'none loaded',
  details: 'journey validate shows the counts',
  short: 'Stitched across kinds',
  answersShort: 'answers',
  sessionsShort: 'web sessions',
  method: 'Over every loaded row, not only the period: how far numbers that join kinds (loyalty, funnels, repeat purchase of promoters) can be trusted. Method: docs/identity.md.',
} as const;

export type IdentityLabels = { [K in keyof typeof IDENTITY_LABELS]: string };

export const IDENTITY_LABELS_NL: IdentityLabels = {
  heading: 'Identiteit (personen gekoppeld over soorten data)',
  answers: 'enquêteantwoorden',
  tickets: 'tickets',
  orders: 'bestellingen',
  sessions: 'websessies',
  linked: 'horen bij een persoon die ook in andere data voorkomt',
  withOrders: 'bij een klant met bestellingen',
  of: 'van',
  none: 'geen geladen',
  details: 'journey validate toont de aantallen',
  short: 'Gekoppeld aan andere data',
  answersShort: 'antwoorden',
  sessionsShort: 'websessies',
  method: 'Over alle geladen rijen, niet alleen de periode: hoe ver cijfers die soorten data combineren (loyaliteit, trechters, herhaalaankopen van promotors) te vertrouwen zijn. Methode: docs/identity.md.',
};

/** One line for every command's stderr: "100% of survey answers, 95% of orders ... link to a person seen in another kind". */
export function identityLine(coverage: IdentityCoverageResult[], lang: Lang = 'en'): string {
  const L = identityLabels(lang);
  const parts = coverage.filter((c) => c.units > 0).map((c) => `${pct(c.linked, c.units, lang)} ${L.of} ${L[c.unit]}`);
  return parts.length ? `${parts.join(', ')} ${L.linked} (${L.details})` : L.none;
}

/** The report's footer line: "Stitched across kinds: answers 100%, tickets 100%, orders 95%, web sessions 9%". */
export function identityShortLine(coverage: IdentityCoverageResult[], lang: Lang = 'en'): string {
  const L = identityLabels(lang);
  const word = { answers: L.answersShort, tickets: L.tickets, orders: L.orders, sessions: L.sessionsShort };
  const parts = coverage.filter((c) => c.units > 0).map((c) => `${word[c.unit]} ${pct(c.linked, c.units, lang)}`);
  return `${L.short}: ${parts.length ? parts.join(', ') : L.none}`;
}

export const identityLabels = (lang: Lang): IdentityLabels => (lang === 'nl' ? IDENTITY_LABELS_NL : IDENTITY_LABELS);

const pct = (part: number, whole: number, lang: Lang) => `${formatNumber(whole ? (100 * part) / whole : 0, 0, false, lang)}%`;

/** "75% of survey answers (3 of 4) link to a person seen in another kind; 50% to a customer with orders". */
export function identitySentence(c: IdentityCoverageResult, lang: Lang = 'en'): string {
  const L = identityLabels(lang);
  if (c.units === 0) return `${L[c.unit]}: ${L.none}`;
  const head = `${pct(c.linked, c.units, lang)} ${L.of} ${L[c.unit]} (${formatCount(c.linked, lang)} ${L.of} ${formatCount(c.units, lang)}) ${L.linked}`;
  return c.with_orders === null ? head : `${head}; ${pct(c.with_orders, c.units, lang)} ${L.withOrders}`;
}
