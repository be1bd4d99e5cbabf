// Words every command's output shares (period, sources, flags, scope headings). Each command's own
// words are in the file named after it. One catalogue per language, same keys: `COMMON_LABELS`
// (English) and `COMMON_LABELS_NL`; `commonLabels(lang)` picks one where a renderer draws.
import type { Lang } from '../format.js';

export const COMMON_LABELS = {
  period: 'Period',
  periodAll: 'all data',
  periodFrom: 'from',
  periodUntil: 'until',
  generated: 'Generated',
  source: 'source',
  sourcesPlural: 'sources',
  rows: 'rows',
  warnings: 'Warnings',
  journey: 'Whole journey',
  stage: 'Stage',
  touchpoint: 'Touchpoint',
  segment: 'Segment',
  kpi: 'KPI',
  value: 'Value',
  n: 'n',
  ci: '95% CI',
  flags: 'Flags',
  lowN: 'low n',
  suppressed: 'suppressed (< min cell)',
  suppressedSecondary: 'suppressed (would reveal a small cell)',
  suppressedValue: 'suppressed',
  noData: 'no data',
  notMeasurable: 'not measurable',
  noValue: '—',
  momentOfTruthMark: '★',
} as const;

export type CommonLabels = { [K in keyof typeof COMMON_LABELS]: string };

export const COMMON_LABELS_NL: CommonLabels = {
  period: 'Periode',
  periodAll: 'alle data',
  periodFrom: 'vanaf',
  periodUntil: 'tot en met',
  generated: 'Gemaakt',
  source: 'bron',
  sourcesPlural: 'bronnen',
  rows: 'rijen',
  warnings: 'Waarschuwingen',
  journey: 'Hele klantreis',
  stage: 'Fase',
  touchpoint: 'Touchpoint',
  segment: 'Segment',
  kpi: 'KPI',
  value: 'Waarde',
  n: 'n',
  ci: '95%-BI',
  flags: 'Markeringen',
  lowN: 'lage n',
  suppressed: 'onderdrukt (< min. celgrootte)',
  suppressedSecondary: 'onderdrukt (zou een kleine cel onthullen)',
  suppressedValue: 'onderdrukt',
  noData: 'geen data',
  notMeasurable: 'niet meetbaar',
  noValue: '—',
  momentOfTruthMark: '★',
};

export function commonLabels(lang: Lang = 'en'): CommonLabels {
  return lang === 'nl' ? COMMON_LABELS_NL : COMMON_LABELS;
}

/** A reliability flag spelled out; flags added later still read as words rather than ids. */
export function flagLabel(flag: string, lang: Lang = 'en'): string {
  const c = commonLabels(lang);
  const known: Record<string, string> = { low_n: c.lowN, suppressed: c.suppressed, suppressed_secondary: c.suppressedSecondary, not_measurable: c.notMeasurable, no_data: c.noData };
  return known[flag] ?? flag.replace(/_/g, ' ');
}

/** The period as a phrase: both ends, one end, or neither (the whole data set). */
export function periodLabel(period: { since: string | null; until: string | null }, lang: Lang = 'en'): string {
  const c = commonLabels(lang);
  // nl dates are day-month-year (31-12-2025); en keeps ISO.
  // A moment (journey compare --before ..2025-03-01T12:00) keeps its time after the day.
  const day = (d: string) => {
    const [date, time] = d.split('T');
    return `${lang === 'nl' ? date.split('-').reverse().join('-') : date}${time ? ` ${time}` : ''}`;
  };
  const { since, until } = period;
  if (since && until) return `${day(since)} – ${day(until)}`;
  if (since) return `${c.periodFrom} ${day(since)}`;
  if (until) return `${c.periodUntil} ${day(until)}`;
  return c.periodAll;
}

/** "1 source" / "3 sources": the count word follows the number. */
export function sourcesLabel(count: number, lang: Lang = 'en'): string {
  const c = commonLabels(lang);
  return `${count} ${count === 1 ? c.source : c.sourcesPlural}`;
}
