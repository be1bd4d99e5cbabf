// Words of the friction ranking (`journey friction` and the report's top 5). One catalogue per
// language with the same keys; `frictionLabels(lang)` picks one. The `why` sentence is put together
// from these words by render/friction-why.ts (core writes the English one into the JSON).
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
  of: 'of',
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
  of: 'van',
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

const VERDICT_LABELS_NL: Record<string, string> = {
  fix_first: 'eerst verbeteren',
  protect: 'beschermen',
  no_evidence: 'geen drijfveer',
  too_few: 'te weinig',
};

export function verdictLabel(verdict: string, lang: Lang = 'en'): string {
  return (lang === 'nl' ? VERDICT_LABELS_NL : VERDICT_LABELS)[verdict] ?? verdict.replace(/_/g, ' ');
}

/** A friction component as a sentence names it: its label, what n counts, what the affected ones did. */
export interface ComponentWords {
  label: string;
  unit: string;
  phrase: string;
  /** How the journey-wide share is counted (friction --explain's baselines). */
  definition?: string;
}

/** By component id (core/analysis/friction-components.ts); English as core writes them. */
export const COMPONENT_WORDS: Record<Lang, Record<string, ComponentWords>> = {
  en: {
    low_csat: { label: 'CSAT 1-3', unit: 'CSAT answers', phrase: 'were 1-3' },
    detractors: { label: 'NPS 0-6 (detractors)', unit: 'NPS answers', phrase: 'were 0-6 (detractors)' },
    high_effort: { label: 'CES 1-3 (hard)', unit: 'CES answers', phrase: 'were 1-3 (hard)' },
    drop_off: { label: 'drop-off', unit: 'sessions', phrase: 'ended here without a purchase' },
    repeat_contact: { label: 'not solved first time', unit: 'solved tickets', phrase: 'were reopened or needed more than one reply' },
    slow_resolution: { label: 'slow resolution', unit: 'resolved tickets', phrase: 'took longer than the journey median to resolve' },
  },
  nl: {
    low_csat: { label: 'CSAT 1-3', unit: 'CSAT-antwoorden', phrase: 'waren 1-3', definition: 'CSAT-antwoorden die niet top-2 zijn (1-3 op 1-5) / CSAT-antwoorden, uit enquêtes en tickets' },
    detractors: { label: 'NPS 0-6 (criticasters)', unit: 'NPS-antwoorden', phrase: 'waren 0-6 (criticasters)', definition: 'NPS-antwoorden 0-6 / NPS-antwoorden' },
    high_effort: { label: 'CES 1-3 (moeilijk)', unit: 'CES-antwoorden', phrase: 'waren 1-3 (moeilijk)', definition: 'CES-antwoorden 1-3 (op 1-7, hoger = makkelijker) / CES-antwoorden' },
    drop_off: { label: 'afhaken', unit: 'sessies', phrase: 'eindigden hier zonder aankoop', definition: 'websessies waarvan de laatste gebeurtenis bij het touchpoint ligt en zonder aankoop / sessies met een gebeurtenis bij het touchpoint; touchpoints in de fasen tot en met die waar aankopen worden vastgelegd (een sessie kan van daar nog verder)' },
    repeat_contact: { label: 'niet bij eerste contact opgelost', unit: 'opgeloste tickets', phrase: 'werden heropend of hadden meer dan één antwoord nodig', definition: 'opgeloste tickets die heropend zijn of meer dan één antwoord van een medewerker hadden (niet bij eerste contact opgelost) / opgeloste tickets' },
    slow_resolution: { label: 'trage afhandeling', unit: 'afgehandelde tickets', phrase: 'duurden langer dan de mediaan van de klantreis', definition: 'tickets die later zijn opgelost dan de mediane resolutietijd over de hele klantreis / tickets met een resolutietijd' },
  },
};

/** The parts of the `why` sentence; `{x}` are filled in by render/friction-why.ts. */
export const WHY_WORDS = {
  en: {
    describe: '{affected} of {n} {unit} {phrase} ({rate}, 95% CI {low}-{high}, journey-wide {baseline})',
    and: '; and ',
    share: ': {share}% of the score.',
    noEvidence: 'No evidence of more friction than the journey as a whole: {notes}.',
    notClearlyWorse: '{label} is {rate} of {n} {unit} against {baseline} journey-wide, but its 95% interval reaches down to {low}, so it is not clearly worse',
    noneAbove: 'no component is above the journey-wide share',
    withheld: '{list} withheld (fewer than min_cell respondents)',
    listAnd: ' and ',
    noRows: 'none of its rows carries a CSAT, CES, NPS, ticket resolution or funnel session',
  },
  nl: {
    describe: '{affected} van {n} {unit} {phrase} ({rate}, 95%-BI {low}-{high}, hele klantreis {baseline})',
    and: '; en ',
    share: ': {share}% van de score.',
    noEvidence: 'Geen aanwijzing voor meer frictie dan in de klantreis als geheel: {notes}.',
    notClearlyWorse: '{label} is {rate} van {n} {unit} tegen {baseline} over de hele klantreis, maar het 95%-interval reikt tot {low}, dus niet duidelijk slechter',
    noneAbove: 'geen component ligt boven het aandeel over de hele klantreis',
    withheld: '{list} achtergehouden (minder dan min_cell respondenten)',
    listAnd: ' en ',
    noRows: 'geen van de rijen heeft een CSAT, CES, NPS, ticketafhandeling of funnelsessie',
  },
} as const satisfies Record<Lang, Record<string, string>>;
