// Words of `journey after`. One catalogue per language with the same keys; `afterLabels(lang)`
// picks one.
import type { Lang } from '../format.js';

export const AFTER_LABELS = {
  title: 'After a touchpoint',
  intro: 'customers with a paid order in the period; a touchpoint counts as met within',
  ofFirstOrder: 'of their first paid order',
  touchpoint: 'Touchpoint',
  group: 'Group',
  met: 'met',
  notMet: 'not met',
  customers: 'Customers',
  repeat: 'Repeat purchase',
  nps: 'NPS (n)',
  difference: 'Δ [95% CI]',
  pAdjusted: 'p (BH)',
  method: 'Repeat purchase: another paid order after the first (Wilson; difference Newcombe, two-proportion z). NPS: each customer\'s latest answer at or after the first order (adjusted Wald; z test). Benjamini-Hochberg over all tests; * = p (BH) < 0.05. An association, not an effect: customers who meet a touchpoint differ in other ways too.',
  sql: 'SQL',
} as const;

export type AfterLabels = { [K in keyof typeof AFTER_LABELS]: string };

export const AFTER_LABELS_NL: AfterLabels = {
  title: 'Na een touchpoint',
  intro: 'klanten met een betaalde bestelling in de periode; een touchpoint telt als ontmoet binnen',
  ofFirstOrder: 'na hun eerste betaalde bestelling',
  touchpoint: 'Touchpoint',
  group: 'Groep',
  met: 'ontmoet',
  notMet: 'niet ontmoet',
  customers: 'Klanten',
  repeat: 'Herhaalaankoop',
  nps: 'NPS (n)',
  difference: 'Δ [95%-BI]',
  pAdjusted: 'p (BH)',
  method: 'Herhaalaankoop: nog een betaalde bestelling na de eerste (Wilson; verschil Newcombe, z-toets voor twee proporties). NPS: het laatste antwoord van elke klant op of na de eerste bestelling (aangepaste Wald; z-toets). Benjamini-Hochberg over alle toetsen; * = p (BH) < 0,05. Een samenhang, geen effect: klanten die een touchpoint ontmoeten verschillen ook op andere punten.',
  sql: 'SQL',
};

export const afterLabels = (lang: Lang): AfterLabels => (lang === 'nl' ? AFTER_LABELS_NL : AFTER_LABELS);
