// Words of `journey themes` and the theme names everywhere they are shown (friction, the map).
// One catalogue per language with the same keys; `themesLabels(lang)` picks one.
import type { Lang } from '../format.js';

export const THEMES_LABELS = {
  title: 'Comment themes',
  method: 'share = responses whose comment mentions the theme / commented responses; detractors: NPS 0-6 or CSAT 1-3, promoters: NPS 9-10 or CSAT 4-5; difference with Newcombe 95% CI, Benjamini-Hochberg adjusted',
  comments: 'comments',
  distinct: 'distinct',
  dutch: 'Dutch',
  english: 'English',
  themed: 'themed',
  unthemed: 'without a theme',
  scope: 'Scope',
  theme: 'Theme',
  n: 'n',
  share: 'Share',
  detractors: 'Detractors',
  promoters: 'Promoters',
  difference: 'Diff. [95% CI]',
  q: 'q (FDR)',
  journey: 'Whole journey',
  quotes: 'Example quotes (personal data removed)',
  quotesWithheld: 'quotes withheld: fewer than {min} responses mention this theme here',
  untagged: 'Most frequent words in comments without a theme',
  untaggedNone: 'none occurs in {min} or more comments',
  noComments: 'No comments in the period.',
  explain: 'Which terms matched',
  term: 'Term',
  words: 'Words matched',
  sql: 'SQL (runs after the statements of `journey sql`)',
  withheld: 'withheld',
  themesLine: 'Why (comment themes, detractors vs promoters)',
  frictionThemes: 'Comment themes',
  ofDetractors: 'of detractors vs',
};

export const THEMES_LABELS_NL: { [K in keyof typeof THEMES_LABELS]: string } = {
  title: 'Thema\'s in opmerkingen',
  method: 'aandeel = reacties waarvan de opmerking het thema noemt / reacties met een opmerking; criticasters: NPS 0-6 of CSAT 1-3, promotors: NPS 9-10 of CSAT 4-5; verschil met Newcombe-95%-BI, Benjamini-Hochberg-gecorrigeerd',
  comments: 'opmerkingen',
  distinct: 'verschillend',
  dutch: 'Nederlands',
  english: 'Engels',
  themed: 'met thema',
  unthemed: 'zonder thema',
  scope: 'Onderdeel',
  theme: 'Thema',
  n: 'n',
  share: 'Aandeel',
  detractors: 'Criticasters',
  promoters: 'Promotors',
  difference: 'Verschil [95%-BI]',
  q: 'q (FDR)',
  journey: 'Hele klantreis',
  quotes: 'Voorbeeldcitaten (persoonsgegevens verwijderd)',
  quotesWithheld: 'citaten weggelaten: minder dan {min} reacties noemen dit thema hier',
  untagged: 'Meest voorkomende woorden in opmerkingen zonder thema',
  untaggedNone: 'geen enkel woord komt in {min} of meer opmerkingen voor',
  noComments: 'Geen opmerkingen in de periode.',
  explain: 'Welke termen pasten',
  term: 'Term',
  words: 'Gevonden woorden',
  sql: 'SQL (draait na de statements van `journey sql`)',
  withheld: 'weggelaten',
  themesLine: 'Waarom (thema\'s in opmerkingen, criticasters vs promotors)',
  frictionThemes: 'Thema\'s in opmerkingen',
  ofDetractors: 'van criticasters vs',
};

export function themesLabels(lang: Lang = 'en'): { [K in keyof typeof THEMES_LABELS]: string } {
  return lang === 'nl' ? THEMES_LABELS_NL : THEMES_LABELS;
}

const THEME_NAMES: Record<Lang, Record<string, string>> = {
  en: {
    delivery: 'delivery', returns: 'returns', price: 'price', payment: 'payment', website: 'website/app',
    product_quality: 'product quality', staff: 'staff friendliness', waiting_time: 'waiting time', communication: 'communication', stock: 'stock',
  },
  nl: {
    delivery: 'levering', returns: 'retouren', price: 'prijs', payment: 'betalen', website: 'website/app',
    product_quality: 'productkwaliteit', staff: 'vriendelijkheid personeel', waiting_time: 'wachttijd', communication: 'communicatie', stock: 'voorraad',
  },
};

/**
 * One line for a friction entry: the themes detractors mention more than promoters there, e.g.
 * "Comment themes: waiting time 29% of detractors vs 0%*, communication 31% vs 11%*" (* significant).
 */
export function frictionThemesLine(themes: readonly { theme: string; detractors: number; promoters: number; significant: boolean }[], lang: Lang = 'en'): string | null {
  if (themes.length === 0) return null;
  const L = themesLabels(lang);
  const pct = (x: number) => `${x.toFixed(0)}%`;
  return `${L.frictionThemes}: ${themes.map((t, i) => `${themeName(t.theme, lang)} ${pct(t.detractors)} ${i === 0 ? L.ofDetractors : 'vs'} ${pct(t.promoters)}${t.significant ? '*' : ''}`).join(', ')}`;
}

/** A theme's name to show: the bundled ones translated, a config's own as written. */
export function themeName(id: string, lang: Lang = 'en'): string {
  return THEME_NAMES[lang][id] ?? id;
}
