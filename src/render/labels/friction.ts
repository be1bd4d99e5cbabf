// Words of the friction ranking (`journey friction` and the report's top 5). Dutch: one more
// object with the same keys beside each one.

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
