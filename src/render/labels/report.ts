// Words of `journey report` (table and Markdown); its loyalty and trends sections have their own
// files. One catalogue per language with the same keys; `reportLabels(lang)` picks one.
import type { Lang } from '../format.js';

export const REPORT_LABELS = {
  title: 'Customer journey report',
  config: 'Config',
  sources: 'Sources',
  rejected: 'rejected',
  rowsHeading: 'Rows',
  rejectedHeading: 'Rejected',
  path: 'Path',
  kind: 'Kind',
  noData: '(no data)',
  momentOfTruth: 'moment of truth',
  insights: 'Insights',
  opportunities: 'Opportunities',
  solutions: 'Solutions',
  segmentNote: 'values with n in parentheses; touchpoint detail is in the CSV and JSON output',
  target: 'Target',
  vs: 'Change',
  vsAgainst: 'Change against',
  previous: 'the previous period',
  lastYear: 'the same period a year earlier',
  met: 'met',
  missed: 'missed',
  atRisk: 'at risk',
  notMeasurable: 'not measurable',
  significant: 'significant',
  worse: 'worse',
  alerts: 'Alerts',
  vsNote: 'change = this period minus the comparison period, 95% interval; * significant (Benjamini-Hochberg, 5%), ▼ significant and worse',
} as const;

export const REPORT_LABELS_NL: { [K in keyof typeof REPORT_LABELS]: string } = {
  title: 'Customer journey rapport',
  config: 'Configuratie',
  sources: 'Bronnen',
  rejected: 'afgewezen',
  rowsHeading: 'Rijen',
  rejectedHeading: 'Afgewezen',
  path: 'Pad',
  kind: 'Soort',
  noData: '(geen data)',
  momentOfTruth: 'moment of truth',
  insights: 'Inzichten',
  opportunities: 'Kansen',
  solutions: 'Oplossingen',
  segmentNote: 'waarden met n tussen haakjes; details per touchpoint staan in de CSV- en JSON-uitvoer',
  target: 'Doel',
  vs: 'Verandering',
  vsAgainst: 'Verandering ten opzichte van',
  previous: 'de vorige periode',
  lastYear: 'dezelfde periode een jaar eerder',
  met: 'gehaald',
  missed: 'gemist',
  atRisk: 'in gevaar',
  notMeasurable: 'niet meetbaar',
  significant: 'significant',
  worse: 'slechter',
  alerts: 'Meldingen',
  vsNote: 'verandering = deze periode min de vergelijkingsperiode, 95%-betrouwbaarheidsinterval; * significant (Benjamini-Hochberg, 5%), ▼ significant en slechter',
};

export function reportLabels(lang: Lang = 'en'): { [K in keyof typeof REPORT_LABELS]: string } {
  return lang === 'nl' ? REPORT_LABELS_NL : REPORT_LABELS;
}
