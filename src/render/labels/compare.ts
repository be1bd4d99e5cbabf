// Words of `journey compare`. One catalogue per language with the same keys; `compareLabels(lang)`
// picks one, and the notes below take the language too.
import type { Lang } from '../format.js';

export const COMPARE_LABELS = {
  title: 'Comparison',
  before: 'Before',
  after: 'After',
  value: 'Value',
  reference: 'reference',
  change: 'Change',
  ciChange: '95% CI of change',
  p: 'p',
  pAdjusted: 'p (BH)',
  significant: 'Significant',
  yes: 'yes',
  no: 'no',
  significantMark: '*',
  test: 'Test',
  initiative: 'Initiative',
  at: 'at',
  startedOn: 'started',
  segmentAgainst: 'each value against',
  did: 'Difference-in-differences',
  didNote: 'change at the touchpoint minus the change at the other touchpoints pooled (the control), each after − before',
  atTouchpoint: 'Touchpoint change',
  atControl: 'Control change',
  estimate: 'DiD',
  control: 'Control',
  excluded: 'left out of the control (another initiative started there)',
  explain: 'How each figure was computed',
  sql: 'SQL',
  unitNote: 'Changes are after − before (value − reference for segments); rates in percentage points, NPS in points.',
  noTestHeading: 'No p-value',
  noRows: '(nothing to compare)',
  points: 'pp',
} as const;

export type CompareLabels = { [K in keyof typeof COMPARE_LABELS]: string };

export const COMPARE_LABELS_NL: CompareLabels = {
  title: 'Vergelijking',
  before: 'Voor',
  after: 'Na',
  value: 'Waarde',
  reference: 'referentie',
  change: 'Verandering',
  ciChange: '95%-BI van de verandering',
  p: 'p',
  pAdjusted: 'p (BH)',
  significant: 'Significant',
  yes: 'ja',
  no: 'nee',
  significantMark: '*',
  test: 'Toets',
  initiative: 'Verbeterinitiatief',
  at: 'bij',
  startedOn: 'gestart',
  segmentAgainst: 'elke waarde tegen',
  did: 'Verschil-in-verschillen',
  didNote: 'verandering bij het touchpoint min de verandering bij de andere touchpoints samen (de controle), elk na − voor',
  atTouchpoint: 'Verandering touchpoint',
  atControl: 'Verandering controle',
  estimate: 'DiD',
  control: 'Controle',
  excluded: 'buiten de controle gelaten (daar startte een ander initiatief)',
  explain: 'Hoe elk getal is berekend',
  sql: 'SQL',
  unitNote: 'Veranderingen zijn na − voor (waarde − referentie bij segmenten); percentages in procentpunten (pp), NPS in punten.',
  noTestHeading: 'Geen p-waarde',
  noRows: '(niets te vergelijken)',
  points: 'pp',
};

export function compareLabels(lang: Lang = 'en'): CompareLabels {
  return lang === 'nl' ? COMPARE_LABELS_NL : COMPARE_LABELS;
}

/** The Benjamini-Hochberg note every comparison output carries. */
export function fdrNote(tests: number, significant: number, lang: Lang = 'en'): string {
  if (lang === 'nl') {
    return `${COMPARE_LABELS_NL.significantMark} significant bij een false-discovery rate van 5%: Benjamini-Hochberg over ${tests} `
      + `${tests === 1 ? 'toets' : 'toetsen'} (${significant} significant); ${COMPARE_LABELS_NL.pAdjusted} is de gecorrigeerde p-waarde.`;
  }
  return `${COMPARE_LABELS.significantMark} significant at a 5% false-discovery rate: Benjamini-Hochberg over ${tests} ` +
    `${tests === 1 ? 'test' : 'tests'} (${significant} significant); ${COMPARE_LABELS.pAdjusted} is the adjusted p-value.`;
}

export const TEST_LABELS: Record<Lang, Record<string, string>> = {
  en: {
    nps_z: 'NPS two-sample z (trinomial variance, adjusted-Wald)',
    two_proportion_z: 'two-proportion z, Newcombe interval',
    welch_t: 'Welch t',
    normal: 'normal approximation',
  },
  nl: {
    nps_z: 'NPS z-toets voor twee steekproeven (trinomiale variantie, adjusted-Wald)',
    two_proportion_z: 'z-toets voor twee proporties, Newcombe-interval',
    welch_t: 'Welch t',
    normal: 'normale benadering',
  },
};

/** Why a comparison has no p-value, for people (JSON carries the code). */
export const NO_TEST_LABELS: Record<Lang, Record<string, string>> = {
  en: {
    total: 'a count or sum has no sampling error to test',
    quantile: 'no test is defined for medians and percentiles (it would need every value)',
    ratio: 'a ratio of sums (AOV, pages per session) has no variance in its aggregates',
    as_of: 'churn is measured as of one date over fixed windows, and the groups share customers',
    suppressed: 'a side has fewer respondents than min_cell, so it is withheld',
    no_data: 'one side has no data',
    too_few: 'a side has fewer than 2 answers',
    no_variance: 'every answer is the same on both sides',
    overlap: 'a session or customer can count at several touchpoints, so the groups are not independent',
  },
  nl: {
    total: 'een aantal of som heeft geen steekproeffout om te toetsen',
    quantile: 'voor medianen en percentielen is geen toets gedefinieerd (die zou elke waarde nodig hebben)',
    ratio: 'een verhouding van sommen (gemiddelde orderwaarde, pagina\'s per sessie) heeft geen variantie in de aggregaten',
    as_of: 'churn wordt gemeten op één datum over vaste vensters, en de groepen delen klanten',
    suppressed: 'een kant heeft minder respondenten dan min_cell en wordt daarom achtergehouden',
    no_data: 'een kant heeft geen data',
    too_few: 'een kant heeft minder dan 2 antwoorden',
    no_variance: 'elk antwoord is aan beide kanten gelijk',
    overlap: 'een sessie of klant kan bij meerdere touchpoints meetellen, dus de groepen zijn niet onafhankelijk',
  },
};
