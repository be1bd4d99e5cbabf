// Words of `journey integrity` (survey-integrity review signals). Dutch: one more object with the
// same keys beside this one.
import { formatP } from '../format.js';

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


/** One sentence per review signal: what was seen, against what, and how sure. */
export function integrityReason(signal: string, g: {
  top_share: number | null; expected_share: number | null; q_value: number | null; funnel: { p998: [number, number] } | null;
  top_without_comment: { share: number; expected_share: number; q_value: number } | null;
  spread: { variance_ratio: number; q_value: number } | null;
}): string {
  switch (signal) {
    case 'top_share': {
      const above = g.funnel && g.top_share !== null && g.top_share > g.funnel.p998[1] ? ', above the 99.8% funnel limit' : '';
      return `top scores ${pct(g.top_share ?? 0)} vs ${pct(g.expected_share ?? 0)} expected from the other groups (q = ${formatP(g.q_value ?? 1, 'review')}${above})`;
    }
    case 'top_without_comment':
      return `${pct(g.top_without_comment!.share)} of top scores have no comment vs ${pct(g.top_without_comment!.expected_share)} expected (q = ${formatP(g.top_without_comment!.q_value, 'review')})`;
    case 'low_variance':
      return `scores vary less than the other groups' (variance ${g.spread!.variance_ratio.toFixed(2)}× theirs, q = ${formatP(g.spread!.q_value, 'review')})`;
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
