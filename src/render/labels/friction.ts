// Words of the friction ranking (`journey friction` and the report's top 5). One catalogue per
// language with the same keys; `frictionLabels(lang)` picks one. (The `why` sentences come from
// core, in English, and are not translated yet.)
import type { Lang } from '../format.js';

export const FRICTION_LABELS = {
  title: 'Friction ranking',
  top: 'Friction: top 5 touchpoints',
  rank: '#',
  score: 'Score',
  contributors: 'Main contributors (% of score)',
  why: 'Why',
  component: 'Component',
  affected: 'Affected / n',
  share: 'Share [95% CI]',
  journey: 'Journey',
  excess: 'Excess',
  contribution: 'Contribution',
  none: 'no friction above the journey',
  empty: 'no touchpoint has survey, ticket or web data',
  formula: 'score = Σ max(0, Wilson 95% lower bound − journey-wide share) × n, per component',
  baselines: 'Journey-wide shares (the baselines)',
  slowAfter: 'slow = resolved later than the journey median of',
  method: 'How the score is computed',
  moments: 'Moments of truth',
  momentsNote: 'importance = correlation of a customer\'s CSAT / CES here with their relationship NPS; gap = share of bad answers here minus journey-wide (points)',
  marked: 'Config',
  fromData: 'Data',
  measure: 'Measure',
  importance: 'r [95% CI]',
  customers: 'n',
  gap: 'Gap',
  verdict: 'Verdict',
  markedByConfig: 'Marked in the config',
  foundInData: 'Found in the data',
  noneFound: 'none',
  sql: 'SQL',
  sqlNote: 'run after the statements of `journey sql` (they create the mapped views and the period variables)',
} as const;

export const FRICTION_LABELS_NL: { [K in keyof typeof FRICTION_LABELS]: string } = {
  title: 'Frictieranglijst',
  top: 'Frictie: top 5 touchpoints',
  rank: '#',
  score: 'Score',
  contributors: 'Grootste bijdragen (% van score)',
  why: 'Waarom',
  component: 'Component',
  affected: 'Getroffen / n',
  share: 'Aandeel [95%-BI]',
  journey: 'Klantreis',
  excess: 'Overschot',
  contribution: 'Bijdrage',
  none: 'geen frictie boven de klantreis',
  empty: 'geen touchpoint heeft enquête-, ticket- of webdata',
  formula: 'score = Σ max(0, Wilson 95%-ondergrens − aandeel over de hele klantreis) × n, per component',
  baselines: 'Aandelen over de hele klantreis (de basislijnen)',
  slowAfter: 'traag = later opgelost dan de mediaan van de klantreis,',
  method: 'Hoe de score wordt berekend',
  moments: 'Moments of truth',
  momentsNote: 'belang = correlatie van de CSAT / CES van een klant hier met diens relatie-NPS; kloof = aandeel slechte antwoorden hier min dat over de hele klantreis (punten)',
  marked: 'Config',
  fromData: 'Data',
  measure: 'Maat',
  importance: 'r [95%-BI]',
  customers: 'n',
  gap: 'Kloof',
  verdict: 'Oordeel',
  markedByConfig: 'Gemarkeerd in de configuratie',
  foundInData: 'Gevonden in de data',
  noneFound: 'geen',
  sql: 'SQL',
  sqlNote: 'voer uit na de statements van `journey sql` (die maken de gekoppelde views en de periodevariabelen)',
};

export function frictionLabels(lang: Lang = 'en'): { [K in keyof typeof FRICTION_LABELS]: string } {
  return lang === 'nl' ? FRICTION_LABELS_NL : FRICTION_LABELS;
}

const VERDICT_LABELS: Record<string, string> = {
  fix_first: 'fix first',
  protect: 'protect',
  no_evidence: 'not a driver',
  too_few: 'too few',
};

export function verdictLabel(verdict: string): string {
  return VERDICT_LABELS[verdict] ?? verdict.replace(/_/g, ' ');
}
