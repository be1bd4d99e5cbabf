// Words of `journey compare`. Dutch: one more object with the same keys beside each one.

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
