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

/** Words of `journey compare` (its own object so the report's labels stay as they are). */
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
} as const;

/** The Benjamini-Hochberg note every comparison output carries. */
export function fdrNote(tests: number, significant: number): string {
  return `${COMPARE_LABELS.significantMark} significant at a 5% false-discovery rate: Benjamini-Hochberg over ${tests} ` +
    `${tests === 1 ? 'test' : 'tests'} (${significant} significant); ${COMPARE_LABELS.pAdjusted} is the adjusted p-value.`;
}

export const TEST_LABELS: Record<string, string> = {
  nps_z: 'NPS two-sample z (trinomial variance, adjusted-Wald)',
  two_proportion_z: 'two-proportion z, Newcombe interval',
  welch_t: 'Welch t',
  normal: 'normal approximation',
};

/** Why a comparison has no p-value, for people (JSON carries the code). */
export const NO_TEST_LABELS: Record<string, string> = {
  total: 'a count or sum has no sampling error to test',
  quantile: 'no test is defined for medians and percentiles (it would need every value)',
  ratio: 'a ratio of sums (AOV, pages per session) has no variance in its aggregates',
  as_of: 'churn is measured as of one date over fixed windows, and the groups share customers',
  suppressed: 'a side has fewer respondents than min_cell, so it is withheld',
  no_data: 'one side has no data',
  too_few: 'a side has fewer than 2 answers',
  no_variance: 'every answer is the same on both sides',
  overlap: 'a session or customer can count at several touchpoints, so the groups are not independent',
};
