// Words of the report's trends section (`--by week|month|quarter`). Dutch: one more object with
// the same keys beside this one.

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
} as const;
