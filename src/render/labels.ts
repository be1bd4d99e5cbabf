// Every word a renderer shows to a person, kept in one place so a translation (Dutch first) is
// one new object rather than a hunt through the renderers.

export const LABELS = {
  title: 'Customer journey report',
  period: 'Period',
  periodAll: 'all data',
  periodFrom: 'from',
  periodUntil: 'until',
  generated: 'Generated',
  config: 'Config',
  sources: 'Sources',
  source: 'source',
  sourcesPlural: 'sources',
  rows: 'rows',
  rejected: 'rejected',
  rowsHeading: 'Rows',
  rejectedHeading: 'Rejected',
  path: 'Path',
  kind: 'Kind',
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
  suppressedValue: 'suppressed',
  noValue: '—',
  noData: '(no data)',
  momentOfTruth: 'moment of truth',
  momentOfTruthMark: '★',
  insights: 'Insights',
  opportunities: 'Opportunities',
  solutions: 'Solutions',
  warnings: 'Warnings',
  segmentNote: 'values with n in parentheses; touchpoint detail is in the CSV and JSON output',
  loyalty: 'Loyalty beside satisfaction',
  npsGroup: 'NPS group',
  respondents: 'Respondents',
  unlinked: 'Not linked',
  groupPromoter: 'Promoters (9-10)',
  groupPassive: 'Passives (7-8)',
  groupDetractor: 'Detractors (0-6)',
  groupAll: 'All respondents',
  loyaltyRespondents: 'customers with an NPS answer in the period (latest answer decides the group)',
  loyaltyHomeStage: 'relationship answers only (NPS in the loyalty stage)',
  loyaltyUnlinked: 'not linked to any order',
  loyaltyAnonymous: 'answers without a customer key',
  loyaltyNote: 'Repeat purchase and churn as in the KPI catalogue (paid orders), over each group\'s customers',
  churnAsOf: 'churn as of',
  difference: 'Promoters − detractors',
  points: 'points',
  significant: 'significant',
  notSignificant: 'not significant',
  notTested: 'not tested',
  loyaltyTestNote: 'two-sided two-proportion z tests, Benjamini-Hochberg adjusted across these comparisons',
  satisfiedNotReturning: 'Satisfied but bought once',
  satisfiedNote: 'Of the customers whose every CSAT answer in the period (survey or ticket) is 4-5 and who have a paid order, the share with exactly one paid order',
  satisfiedCustomers: 'satisfied customers',
  trends: 'Trends',
  trendsBy: { week: 'by ISO week', month: 'by month', quarter: 'by quarter' },
  trendUp: '▲',
  trendDown: '▼',
  trendNote: 'significant change from the previous period',
  trendTests: 'two-proportion z for rates, NPS z (adjusted-Wald, trinomial variance), Welch t for means',
  trendAdjustment: 'Benjamini-Hochberg across',
  comparisons: 'comparisons',
  trendUntested: 'counts, sums, medians and churn (overlapping windows) are not tested',
} as const;

const FLAG_LABELS: Record<string, string> = {
  low_n: LABELS.lowN,
  suppressed: LABELS.suppressed,
  suppressed_secondary: 'suppressed (would reveal a small cell)',
};

/** A reliability flag spelled out; flags added later still read as words rather than ids. */
export function flagLabel(flag: string): string {
  return FLAG_LABELS[flag] ?? flag.replace(/_/g, ' ');
}

/** The period as a phrase: both ends, one end, or neither (the whole data set). */
export function periodLabel(period: { since: string | null; until: string | null }): string {
  const { since, until } = period;
  if (since && until) return `${since} – ${until}`;
  if (since) return `${LABELS.periodFrom} ${since}`;
  if (until) return `${LABELS.periodUntil} ${until}`;
  return LABELS.periodAll;
}

/** "1 source" / "3 sources": the count word follows the number. */
export function sourcesLabel(count: number): string {
  return `${count} ${count === 1 ? LABELS.source : LABELS.sourcesPlural}`;
}
