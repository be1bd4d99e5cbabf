// Survey-integrity statistics per group (agent, store, dealer ...): top-score excess against the
// other groups answering the same touchpoint on the same scale, top scores without a comment, and
// unusually low spread. Pure functions over per-(group, stratum) aggregates; no I/O.
import { binomialCdf, binomialUpperTail, fCdf, wilson } from '../kpis/stats.js';
import { adjustFamily } from './significance.js';

/** Aggregates of one group's answers in one stratum (touchpoint x scale); x is the score scaled to 0..1. */
export interface IntegrityCell {
  group: string;
  stratum: string;
  n: number;
  top: number;
  /** Top scores whose comment is empty. */
  topSilent: number;
  s1: number;
  s2: number;
  s3: number;
  s4: number;
}

export interface IntegrityOptions {
  /** Groups with fewer compared answers are listed but not tested. */
  minN: number;
  /** The comment signal needs at least this many top scores in the group. */
  minTop: number;
  /** False-discovery rate for Benjamini-Hochberg, per signal across groups. */
  fdr: number;
  /** False when the data has no comments at all: the comment signal would be meaningless. */
  comments: boolean;
}

export type Signal = 'top_share' | 'top_without_comment' | 'low_variance';

export interface StratumComponent {
  stratum: string;
  n: number;
  top: number;
  rest_n: number;
  rest_top: number;
  /** The other groups' top-score share in this stratum: this stratum's contribution to the expectation. */
  rest_share: number;
}

export interface GroupAssessment {
  group: string;
  /** Scored answers in strata that other groups answered too (the base of every figure). */
  n: number;
  /** Scored answers in strata no other group answered: nothing to compare them with. */
  uncompared: number;
  top: number;
  top_share: number | null;
  top_share_ci: [number, number] | null;
  /** The top-score share the group would have with the other groups' share in each of its strata. */
  expected_share: number | null;
  /** One-sided exact binomial P(X >= top) under the expected share. */
  p_value: number | null;
  q_value: number | null;
  /** Funnel-plot limits of the top-score share around the expectation for this n (exact binomial). */
  funnel: { p95: [number, number]; p998: [number, number] } | null;
  top_without_comment: { top: number; silent: number; share: number; expected_share: number; p_value: number; q_value: number } | null;
  spread: { variance_ratio: number; p_value: number; q_value: number } | null;
  tested: boolean;
  flagged: boolean;
  signals: Signal[];
  components: StratumComponent[];
}

interface Totals { n: number; top: number; topSilent: number; s1: number; s2: number; s3: number; s4: number }

const zero = (): Totals => ({ n: 0, top: 0, topSilent: 0, s1: 0, s2: 0, s3: 0, s4: 0 });

function add(into: Totals, cell: Totals): void {
  into.n += cell.n; into.top += cell.top; into.topSilent += cell.topSilent;
  into.s1 += cell.s1; into.s2 += cell.s2; into.s3 += cell.s3; into.s4 += cell.s4;
}

/** Sum of squared deviations from the mean, from raw sums (never below 0 after rounding). */
const sumSquares = (t: Totals) => (t.n > 0 ? Math.max(0, t.s2 - (t.s1 * t.s1) / t.n) : 0);

/** Sum of fourth powers of deviations from the mean, from raw sums. */
function sumFourth(t: Totals): number {
  if (t.n === 0) return 0;
  const m = t.s1 / t.n;
  return Math.max(0, t.s4 - 4 * m * t.s3 + 6 * m * m * t.s2 - 3 * t.n * m ** 4);
}

/**
 * Spiegelhalter's exact binomial funnel limit: the share below which a fraction `prob` of groups
 * of size n with true share p fall, interpolated between the discrete binomial quantiles.
 */
export function funnelLimit(n: number, p: number, prob: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (binomialCdf(mid, n, p) >= prob) hi = mid;
    else lo = mid + 1;
  }
  const r = lo;
  const at = binomialCdf(r, n, p);
  const below = binomialCdf(r - 1, n, p);
  const alpha = at > below ? (at - prob) / (at - below) : 0;
  return Math.min(1, Math.max(0, (r - alpha) / n));
}

/** What the low-variance test needs from one stratum the group answered in. */
export interface SpreadPart {
  /** The group's sum of squared deviations from its own stratum mean, and its n. */
  ss: number;
  n: number;
  /** The other groups' variance in the stratum, and their n. */
  restVariance: number;
  restN: number;
  /** Kurtosis of the stratum's scores (all groups, around the stratum mean). */
  kurtosis: number;
}

/** Var(s²)/σ⁴ for a sample of n with kurtosis κ (Bonett 2006): (κ − (n−3)/(n−1))/n. */
const relVarOfVariance = (n: number, kurtosis: number) => Math.max(1e-12, (kurtosis - (n - 3) / (n - 1)) / n);

/**
 * Is the group's spread lower than the other groups' in the same strata? The group's within-stratum
 * sum of squares against what the other groups' variances predict for the group's mix of strata,
 * referred to an F distribution whose degrees of freedom are corrected for kurtosis (Box 1953;
 * Layard 1973): scores are discrete and skewed, so the plain F test flags honest groups.
 * One-sided p; null when there is nothing to compare.
 */
function lowVarianceTest(parts: SpreadPart[]): { ratio: number; p: number } | null {
  let observed = 0;
  let expected = 0;
  let varObserved = 0;
  let varExpected = 0;
  for (const part of parts) {
    if (part.n < 2 || part.restN < 2) continue;
    const weight = (part.n - 1) * part.restVariance;
    observed += part.ss;
    expected += weight;
    // Under the null both sides estimate the same σ², taken from the rest (the larger sample).
    varObserved += weight ** 2 * relVarOfVariance(part.n, part.kurtosis);
    varExpected += weight ** 2 * relVarOfVariance(part.restN, part.kurtosis);
  }
  if (!(expected > 0)) return null;
  const ratio = observed / expected;
  // A scaled χ²_ν/ν has relative variance 2/ν: the effective degrees of freedom of each side.
  const dfObserved = (2 * expected ** 2) / varObserved;
  const dfExpected = (2 * expected ** 2) / varExpected;
  return { ratio, p: fCdf(ratio, dfObserved, dfExpected) };
}

export function assessIntegrity(cells: IntegrityCell[], options: IntegrityOptions): GroupAssessment[] {
  const strata = new Map<string, Totals>();
  const groups = new Map<string, IntegrityCell[]>();
  for (const cell of cells) {
    if (!strata.has(cell.stratum)) strata.set(cell.stratum, zero());
    add(strata.get(cell.stratum)!, cell);
    if (!groups.has(cell.group)) groups.set(cell.group, []);
    groups.get(cell.group)!.push(cell);
  }
  const kurtosis = new Map([...strata].map(([id, t]) => {
    const m2 = sumSquares(t);
    return [id, m2 > 0 ? (t.n * sumFourth(t)) / (m2 * m2) : 3];
  }));

  const out: GroupAssessment[] = [];
  for (const [group, own] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const mine = zero();
    const rest = zero();
    let uncompared = 0;
    let expectedTop = 0;
    let expectedSilent = 0;
    let silentBase = 0;
    let silent = 0;
    const spread: SpreadPart[] = [];
    const components: StratumComponent[] = [];
    for (const cell of own) {
      const all = strata.get(cell.stratum)!;
      const other: Totals = {
        n: all.n - cell.n, top: all.top - cell.top, topSilent: all.topSilent - cell.topSilent,
        s1: all.s1 - cell.s1, s2: all.s2 - cell.s2, s3: all.s3 - cell.s3, s4: all.s4 - cell.s4,
      };
      if (other.n === 0) { uncompared += cell.n; continue; }
      add(mine, cell);
      add(rest, other);
      expectedTop += (cell.n * other.top) / other.n;
      if (other.top > 0) {
        // Only strata where other groups gave top scores say how often a top score comes silent.
        expectedSilent += (cell.top * other.topSilent) / other.top;
        silentBase += cell.top;
        silent += cell.topSilent;
      }
      spread.push({
        ss: sumSquares(cell), n: cell.n, restN: other.n, kurtosis: kurtosis.get(cell.stratum)!,
        restVariance: other.n > 1 ? sumSquares(other) / (other.n - 1) : 0,
      });
      components.push({ stratum: cell.stratum, n: cell.n, top: cell.top, rest_n: other.n, rest_top: other.top, rest_share: other.top / other.n });
    }
    const n = mine.n;
    const tested = n >= options.minN;
    const expected = n > 0 ? expectedTop / n : null;
    const assessment: GroupAssessment = {
      group, n, uncompared, top: mine.top,
      top_share: n > 0 ? mine.top / n : null,
      top_share_ci: wilson(mine.top, n),
      expected_share: expected,
      p_value: null, q_value: null, funnel: null, top_without_comment: null, spread: null,
      tested, flagged: false, signals: [],
      components: components.sort((a, b) => a.stratum.localeCompare(b.stratum)),
    };
    if (tested && expected !== null) {
      assessment.p_value = binomialUpperTail(mine.top, n, expected);
      assessment.funnel = {
        p95: [funnelLimit(n, expected, 0.025), funnelLimit(n, expected, 0.975)],
        p998: [funnelLimit(n, expected, 0.001), funnelLimit(n, expected, 0.999)],
      };
      if (options.comments && silentBase >= options.minTop) {
        const p0 = Math.min(1, expectedSilent / silentBase);
        assessment.top_without_comment = {
          top: silentBase, silent, share: silent / silentBase, expected_share: p0,
          p_value: binomialUpperTail(silent, silentBase, p0), q_value: 1,
        };
      }
      const variance = lowVarianceTest(spread);
      if (variance) assessment.spread = { variance_ratio: variance.ratio, p_value: variance.p, q_value: 1 };
    }
    out.push(assessment);
  }
  applyFdr(out, options.fdr);
  return out;
}

/**
 * Benjamini-Hochberg per signal, across groups. Only the top-score test flags a group (so the
 * false-flag rate is that one test's); silent top scores and low spread that pass their own
 * FDR are extra reasons on a flagged group, and shown as numbers for every group.
 */
function applyFdr(groups: GroupAssessment[], fdr: number): void {
  adjustFamily(groups, (g) => g.p_value, (g, q) => { g.q_value = q; });
  adjustFamily(groups, (g) => g.top_without_comment?.p_value ?? null, (g, q) => { g.top_without_comment!.q_value = q; });
  adjustFamily(groups, (g) => g.spread?.p_value ?? null, (g, q) => { g.spread!.q_value = q; });
  for (const g of groups) {
    g.flagged = g.q_value !== null && g.q_value <= fdr;
    if (!g.flagged) continue;
    g.signals.push('top_share');
    if (g.top_without_comment && g.top_without_comment.q_value <= fdr) g.signals.push('top_without_comment');
    if (g.spread && g.spread.q_value <= fdr) g.signals.push('low_variance');
  }
}
