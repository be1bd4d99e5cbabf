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
  trendUntested: 'counts, sums, ratios, medians and churn are not tested',
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

/** `journey drivers` (key-driver analysis). */
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

const MEASURE_LABELS: Record<string, string> = { csat: 'CSAT', ces: 'CES', nps: 'NPS' };

/** "Delivery · CSAT": a driver as people read it. */
export function driverLabel(touchpoint: string, measure: string): string {
  return `${touchpoint} · ${MEASURE_LABELS[measure] ?? measure}`;
}

/** The headline under the drivers title: who was analysed and how well the drivers explain NPS. */
export function driversSummary(n: string, drivers: number, withNps: string, r2: string, r2Ci: string): string {
  return `n = ${n} customers with an NPS and all ${drivers} drivers (of ${withNps} with an NPS) · R² = ${r2}${r2Ci ? ` ${r2Ci}` : ''}`;
}

/** Why a candidate driver was left out. */
export function droppedLabel(reason: string, answers: string, minAnswers: string, nIfKept?: string, minCoverage?: string): string {
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

/** `journey integrity` (survey-integrity review signals). */
export const INTEGRITY_LABELS = {
  title: 'Survey integrity',
  by: 'by',
  group: 'Group',
  n: 'n',
  topShare: 'Top share',
  ci: '95% CI',
  expected: 'Expected',
  limit: '99.8% lim.',
  p: 'p',
  q: 'q (FDR)',
  silent: 'Silent tops',
  spread: 'Spread',
  review: 'Review',
  reviewMark: 'review',
  notAssessed: 'not assessed',
  withheld: 'withheld',
  caution: 'A "review" is a signal that a group\'s answers differ from the other groups\' where they answer alike — '
    + 'a reason to look closer, not proof that anyone did something wrong.',
  nothingToReview: 'No group stands out: nothing to review.',
  reasons: 'Why review',
  scoreAuto: 'top score = NPS 10, or CSAT 5 where the answer has no NPS',
  scoreNps: 'top score = NPS 10',
  scoreCsat: 'top score = CSAT 5',
  strataTouchpoint: 'compared with other groups at the same touchpoint and scale',
  strataScale: 'compared with other groups on the same scale',
  method: 'Top share: one-sided exact binomial test against the other groups\' share in the same strata (Expected); '
    + '99.8% lim.: upper exact binomial funnel limit; Silent tops: share of top scores without a comment (expected); '
    + 'Spread: score variance relative to the other groups\'; q: Benjamini-Hochberg across groups. '
    + 'Only the top-share test calls for a review; silent tops and low spread are extra reasons',
  explainTitle: 'How these numbers were computed',
  explainSql: 'SQL (runs after the statements of `journey sql`)',
  components: 'Expected share per stratum (the other groups\' top-score share, weighted by the group\'s answers)',
  stratum: 'Stratum',
  restN: 'Others n',
  restShare: 'Others top share',
} as const;

/** Percent with one decimal, for shares held as proportions. */
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** A p-value readable at a glance: three decimals, or scientific notation when tiny. */
export function formatP(p: number): string {
  return p >= 0.001 ? p.toFixed(3) : p === 0 ? '0' : p.toExponential(1);
}

/** One sentence per review signal: what was seen, against what, and how sure. */
export function integrityReason(signal: string, g: {
  top_share: number | null; expected_share: number | null; q_value: number | null; funnel: { p998: [number, number] } | null;
  top_without_comment: { share: number; expected_share: number; q_value: number } | null;
  spread: { variance_ratio: number; q_value: number } | null;
}): string {
  switch (signal) {
    case 'top_share': {
      const above = g.funnel && g.top_share !== null && g.top_share > g.funnel.p998[1] ? ', above the 99.8% funnel limit' : '';
      return `top scores ${pct(g.top_share ?? 0)} vs ${pct(g.expected_share ?? 0)} expected from the other groups (q = ${formatP(g.q_value ?? 1)}${above})`;
    }
    case 'top_without_comment':
      return `${pct(g.top_without_comment!.share)} of top scores have no comment vs ${pct(g.top_without_comment!.expected_share)} expected (q = ${formatP(g.top_without_comment!.q_value)})`;
    case 'low_variance':
      return `scores vary less than the other groups' (variance ${g.spread!.variance_ratio.toFixed(2)}× theirs, q = ${formatP(g.spread!.q_value)})`;
    default:
      return signal.replace(/_/g, ' ');
  }
}

/** Why a group was not tested. */
export function notAssessedReason(n: number, minN: number, suppressed: boolean): string {
  return suppressed
    ? `not assessed: fewer than the minimum cell size of answers (values withheld)`
    : `not assessed: ${n} comparable answers (fewer than ${minN})`;
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

