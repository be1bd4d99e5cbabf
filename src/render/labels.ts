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
} as const;

const FLAG_LABELS: Record<string, string> = {
  low_n: LABELS.lowN,
  suppressed: LABELS.suppressed,
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

/** Words of the friction ranking (`journey friction` and the report's top 5). */
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

const VERDICT_LABELS: Record<string, string> = {
  fix_first: 'fix first',
  protect: 'protect',
  no_evidence: 'not a driver',
  too_few: 'too few',
};

export function verdictLabel(verdict: string): string {
  return VERDICT_LABELS[verdict] ?? verdict.replace(/_/g, ' ');
}
