// Words of the report's trends section (`--by week|month|quarter`). One catalogue per language
// with the same keys; `trendLabels(lang)` picks one.
import type { Lang } from '../format.js';

export const TREND_LABELS = {
  trends: 'Trends',
  trendsBy: { week: 'by ISO week', month: 'by month', quarter: 'by quarter' },
  trendUp: '▲',
  trendDown: '▼',
  trendNote: 'significant change from the previous period',
  trendTests: 'two-proportion z for rates, NPS z (adjusted-Wald, trinomial variance), Welch t for means',
  trendAdjustment: 'Benjamini-Hochberg across',
  comparisons: 'comparisons',
  trendUntested: 'counts, sums, ratios, medians and churn are not tested',
  sparkTitle: 'at a glance',
  sparkNote: 'one bar per period from its lowest (▁) to its highest (█) value, · = no value; the last value; ▲/▼ with the period of each significant change',
  sparkMore: 'more',
} as const;

type TrendLabels = { [K in Exclude<keyof typeof TREND_LABELS, 'trendsBy'>]: string } & { trendsBy: Record<'week' | 'month' | 'quarter', string> };

export const TREND_LABELS_NL: TrendLabels = {
  trends: 'Trends',
  trendsBy: { week: 'per ISO-week', month: 'per maand', quarter: 'per kwartaal' },
  trendUp: '▲',
  trendDown: '▼',
  trendNote: 'significante verandering ten opzichte van de vorige periode',
  trendTests: 'z-toets voor twee proporties bij percentages, NPS-z (adjusted-Wald, trinomiale variantie), Welch-t bij gemiddelden',
  trendAdjustment: 'Benjamini-Hochberg over',
  comparisons: 'vergelijkingen',
  trendUntested: 'aantallen, sommen, ratio\'s, medianen en churn worden niet getoetst',
  sparkTitle: 'in één oogopslag',
  sparkNote: 'één balk per periode van de laagste (▁) tot de hoogste (█) waarde, · = geen waarde; de laatste waarde; ▲/▼ met de periode van elke significante verandering',
  sparkMore: 'meer',
};

export function trendLabels(lang: Lang = 'en'): TrendLabels {
  return lang === 'nl' ? TREND_LABELS_NL : TREND_LABELS;
}
