// Words of `journey integrity` (survey-integrity review signals). One catalogue per language with
// the same keys; `integrityLabels(lang)` picks one, and the sentences below take the language too.
// JSON's `reasons` stay English (integrityJson calls them without a language).
import { formatNumber, formatP, type Lang } from '../format.js';

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
  answers: 'answers',
} as const;

export type IntegrityLabels = { [K in keyof typeof INTEGRITY_LABELS]: string };

export const INTEGRITY_LABELS_NL: IntegrityLabels = {
  title: 'Betrouwbaarheid van enquêtes',
  by: 'per',
  group: 'Groep',
  n: 'n',
  topShare: 'Aandeel top',
  ci: '95%-BI',
  expected: 'Verwacht',
  limit: '99,8%-grens',
  p: 'p',
  q: 'q (FDR)',
  silent: 'Stille toppers',
  spread: 'Spreiding',
  review: 'Nakijken',
  reviewMark: 'nakijken',
  notAssessed: 'niet beoordeeld',
  withheld: 'achtergehouden',
  caution: '"Nakijken" is een signaal dat de antwoorden van een groep afwijken van die van de andere groepen waar die vergelijkbaar antwoorden — '
    + 'een reden om beter te kijken, geen bewijs dat iemand iets verkeerd deed.',
  nothingToReview: 'Geen groep valt op: niets na te kijken.',
  reasons: 'Waarom nakijken',
  scoreAuto: 'topscore = NPS 10, of CSAT 5 waar het antwoord geen NPS heeft',
  scoreNps: 'topscore = NPS 10',
  scoreCsat: 'topscore = CSAT 5',
  strataTouchpoint: 'vergeleken met andere groepen bij hetzelfde touchpoint en dezelfde schaal',
  strataScale: 'vergeleken met andere groepen op dezelfde schaal',
  method: 'Aandeel top: eenzijdige exacte binomiale toets tegen het aandeel van de andere groepen in dezelfde strata (Verwacht); '
    + '99,8%-grens: bovenste exacte binomiale trechtergrens; Stille toppers: aandeel topscores zonder opmerking (verwacht); '
    + 'Spreiding: variantie van de scores ten opzichte van die van de andere groepen; q: Benjamini-Hochberg over de groepen. '
    + 'Alleen de toets op het aandeel top leidt tot nakijken; stille toppers en lage spreiding zijn extra redenen',
  explainTitle: 'Hoe deze getallen zijn berekend',
  explainSql: 'SQL (draait na de statements van `journey sql`)',
  components: 'Verwacht aandeel per stratum (het aandeel topscores van de andere groepen, gewogen naar de antwoorden van de groep)',
  stratum: 'Stratum',
  restN: 'n overige',
  restShare: 'Aandeel top overige',
  answers: 'antwoorden',
};

export function integrityLabels(lang: Lang = 'en'): IntegrityLabels {
  return lang === 'nl' ? INTEGRITY_LABELS_NL : INTEGRITY_LABELS;
}

/** Percent with one decimal, for shares held as proportions. */
const pct = (x: number, lang: Lang) => `${formatNumber(100 * x, 1, false, lang)}%`;
const q = (x: number, lang: Lang) => (lang === 'nl' ? formatP(x, 'review').replace('.', ',') : formatP(x, 'review'));


/** One sentence per review signal: what was seen, against what, and how sure. */
export function integrityReason(signal: string, g: {
  top_share: number | null; expected_share: number | null; q_value: number | null; funnel: { p998: [number, number] } | null;
  top_without_comment: { share: number; expected_share: number; q_value: number } | null;
  spread: { variance_ratio: number; q_value: number } | null;
}, lang: Lang = 'en'): string {
  if (lang === 'nl') {
    switch (signal) {
      case 'top_share': {
        const above = g.funnel && g.top_share !== null && g.top_share > g.funnel.p998[1] ? ', boven de 99,8%-trechtergrens' : '';
        return `topscores ${pct(g.top_share ?? 0, lang)} tegen ${pct(g.expected_share ?? 0, lang)} verwacht op grond van de andere groepen (q = ${q(g.q_value ?? 1, lang)}${above})`;
      }
      case 'top_without_comment':
        return `${pct(g.top_without_comment!.share, lang)} van de topscores heeft geen opmerking tegen ${pct(g.top_without_comment!.expected_share, lang)} verwacht (q = ${q(g.top_without_comment!.q_value, lang)})`;
      case 'low_variance':
        return `scores variëren minder dan die van de andere groepen (variantie ${formatNumber(g.spread!.variance_ratio, 2, false, lang)}× de hunne, q = ${q(g.spread!.q_value, lang)})`;
      default:
        return signal.replace(/_/g, ' ');
    }
  }
  switch (signal) {
    case 'top_share': {
      const above = g.funnel && g.top_share !== null && g.top_share > g.funnel.p998[1] ? ', above the 99.8% funnel limit' : '';
      return `top scores ${pct(g.top_share ?? 0, lang)} vs ${pct(g.expected_share ?? 0, lang)} expected from the other groups (q = ${formatP(g.q_value ?? 1, 'review')}${above})`;
    }
    case 'top_without_comment':
      return `${pct(g.top_without_comment!.share, lang)} of top scores have no comment vs ${pct(g.top_without_comment!.expected_share, lang)} expected (q = ${formatP(g.top_without_comment!.q_value, 'review')})`;
    case 'low_variance':
      return `scores vary less than the other groups' (variance ${g.spread!.variance_ratio.toFixed(2)}× theirs, q = ${formatP(g.spread!.q_value, 'review')})`;
    default:
      return signal.replace(/_/g, ' ');
  }
}

/** Why a group was not tested. */
export function notAssessedReason(n: number, minN: number, suppressed: boolean, lang: Lang = 'en'): string {
  if (lang === 'nl') {
    return suppressed
      ? 'niet beoordeeld: minder antwoorden dan de minimale celgrootte (waarden achtergehouden)'
      : `niet beoordeeld: ${formatNumber(n, 0, true, lang)} vergelijkbare antwoorden (minder dan ${formatNumber(minN, 0, true, lang)})`;
  }
  return suppressed
    ? `not assessed: fewer than the minimum cell size of answers (values withheld)`
    : `not assessed: ${n} comparable answers (fewer than ${minN})`;
}
