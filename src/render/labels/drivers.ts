// Words of `journey drivers` (key-driver analysis). One catalogue per language with the same keys;
// `driverLabels(lang)` picks one, and the sentences below take the language too.
import type { Lang } from '../format.js';

export const DRIVER_LABELS = {
  title: 'Key drivers of NPS',
  rank: 'Rank',
  driver: 'Driver',
  importance: 'Share of explained',
  importanceCi: '95% CI',
  variance: 'NPS variance',
  answers: 'Answers',
  direction: 'Direction',
  up: '+',
  down: '−',
  notUsed: 'Not used',
  method: "Johnson's relative weights over customers with the NPS and every driver; each driver's share of the explained NPS variance (R²), "
    + '95% bootstrap percentile intervals from resampling customers. Weights show association, not cause.',
  explainTitle: 'How these numbers were computed',
  explainSql: 'SQL (runs after the statements of `journey sql`)',
  correlations: 'Correlations between drivers (Rxx)',
  withNps: 'Correlation with NPS (r_xy)',
  eigenvalues: 'Eigenvalues of Rxx',
  lambdaStar: 'Λ* = V Λ^½ Vᵀ (drivers × orthogonal counterparts)',
  beta: 'β = Λ*⁻¹ r_xy (NPS on the orthogonal counterparts)',
  raw: 'ε_j = Σ_k Λ*_jk² β_k² (sums to R²)',
  coefficient: 'Standardised regression coefficient (sign = direction)',
} as const;

export type DriverLabels = { [K in keyof typeof DRIVER_LABELS]: string };

export const DRIVER_LABELS_NL: DriverLabels = {
  title: 'Belangrijkste drijfveren van de NPS',
  rank: 'Rang',
  driver: 'Drijfveer',
  importance: 'Aandeel verklaard',
  importanceCi: '95%-BI',
  variance: 'NPS-variantie',
  answers: 'Antwoorden',
  direction: 'Richting',
  up: '+',
  down: '−',
  notUsed: 'Niet gebruikt',
  method: 'Relatieve gewichten van Johnson over klanten met de NPS en elke drijfveer; het aandeel van elke drijfveer in de verklaarde NPS-variantie (R²), '
    + '95%-bootstrap-percentielintervallen door klanten opnieuw te trekken. Gewichten tonen samenhang, geen oorzaak.',
  explainTitle: 'Hoe deze getallen zijn berekend',
  explainSql: 'SQL (draait na de statements van `journey sql`)',
  correlations: 'Correlaties tussen drijfveren (Rxx)',
  withNps: 'Correlatie met de NPS (r_xy)',
  eigenvalues: 'Eigenwaarden van Rxx',
  lambdaStar: 'Λ* = V Λ^½ Vᵀ (drijfveren × orthogonale tegenhangers)',
  beta: 'β = Λ*⁻¹ r_xy (NPS op de orthogonale tegenhangers)',
  raw: 'ε_j = Σ_k Λ*_jk² β_k² (telt op tot R²)',
  coefficient: 'Gestandaardiseerde regressiecoëfficiënt (teken = richting)',
};

export function driverLabels(lang: Lang = 'en'): DriverLabels {
  return lang === 'nl' ? DRIVER_LABELS_NL : DRIVER_LABELS;
}

const MEASURE_LABELS: Record<string, string> = { csat: 'CSAT', ces: 'CES', nps: 'NPS' };

/** "Delivery · CSAT": a driver as people read it. */
export function driverLabel(touchpoint: string, measure: string): string {
  return `${touchpoint} · ${MEASURE_LABELS[measure] ?? measure}`;
}

/** The headline under the drivers title: who was analysed and how well the drivers explain NPS. */
export function driversSummary(n: string, drivers: number, withNps: string, r2: string, r2Ci: string, lang: Lang = 'en'): string {
  if (lang === 'nl') return `n = ${n} klanten met een NPS en alle ${drivers} drijfveren (van ${withNps} met een NPS) · R² = ${r2}${r2Ci ? ` ${r2Ci}` : ''}`;
  return `n = ${n} customers with an NPS and all ${drivers} drivers (of ${withNps} with an NPS) · R² = ${r2}${r2Ci ? ` ${r2Ci}` : ''}`;
}

/**
 * What a weak fit means, in words (shown when R² is under WEAK_FIT): `share` is R² as a percentage.
 * Not a failure of the analysis but a finding — satisfaction here does not predict loyalty.
 */
export function weakFitLabel(share: string, lang: Lang = 'en'): string {
  if (lang === 'nl') {
    return `Samen verklaren deze drijfveren ${share}% van de verschillen in NPS: hoe klanten deze touchpoints ` +
      'beoordelen, zegt weinig over of ze u aanbevelen. Een tevreden klant is niet per se een loyale klant; ' +
      'zie loyaliteit naast tevredenheid in journey report.';
  }
  return `Together these drivers explain ${share}% of the differences in NPS: how customers rate these touchpoints ` +
    'says little about whether they recommend you. A satisfied customer is not necessarily a loyal one; ' +
    'see loyalty beside satisfaction in journey report.';
}

/** Why a candidate driver was left out. */
export function droppedLabel(reason: string, answers: string, minAnswers: string, nIfKept?: string, minCoverage?: string, lang: Lang = 'en'): string {
  if (lang === 'nl') {
    switch (reason) {
      case 'too_few_answers':
        return `${answers} antwoorden van klanten met een NPS (minder dan ${minAnswers})`;
      case 'no_variation':
        return `${answers} antwoorden, allemaal dezelfde score`;
      case 'shrinks_sample':
        return `${answers} antwoorden, maar slechts ${nIfKept} klanten beantwoordden deze en elke drijfveer ervoor (onder ${minCoverage}% van wie een NPS gaf)`;
      default:
        return reason.replace(/_/g, ' ');
    }
  }
  switch (reason) {
    case 'too_few_answers':
      return `${answers} answers from customers with an NPS (fewer than ${minAnswers})`;
    case 'no_variation':
      return `${answers} answers, all the same score`;
    case 'shrinks_sample':
      return `${answers} answers, but only ${nIfKept} customers answered it and every driver before it (under ${minCoverage}% of those with an NPS)`;
    default:
      return reason.replace(/_/g, ' ');
  }
}
