// Significance tests for a change between two independent samples, one per KPI family: pooled
// two-proportion z for rates (stats.ts), NPS z with the trinomial variance, Welch t for means.
// Pure functions over the aggregates measure.ts keeps beside each value; no I/O.
import { normalCdf, npsVariance, tCdf, twoProportionTest } from '../kpis/stats.js';
import type { IntervalKind } from '../kpis/catalogue.js';

export type ChangeTest = 'two_proportion_z' | 'nps_z' | 'welch_t';

export interface TestResult {
  test: ChangeTest;
  statistic: number;
  p: number;
}

/**
 * Two NPS samples (A minus B), adjusted-Wald version of the two-sample z (MeasuringU; reference
 * §1): each sample gets 3 extra responses, 3/4 of them promoters and 3/4 detractors, before the
 * trinomial variance p + d - (p - d)^2 is taken. The adjustment keeps the variance above zero when
 * every answer falls in one class. Null when a sample is empty.
 */
export function npsTest(a: { promoters: number; detractors: number; n: number }, b: { promoters: number; detractors: number; n: number }): TestResult | null {
  if (!(a.n > 0) || !(b.n > 0)) return null;
  const adjusted = (s: typeof a) => {
    const n = s.n + 3;
    const p = s.promoters + 0.75;
    const d = s.detractors + 0.75;
    return { score: (p - d) / n, variance: npsVariance(p, d, n), n };
  };
  const x = adjusted(a);
  const y = adjusted(b);
  const se = Math.sqrt(x.variance / x.n + y.variance / y.n);
  if (!(se > 0)) return null;
  const z = (x.score - y.score) / se;
  return { test: 'nps_z', statistic: z, p: 2 * normalCdf(-Math.abs(z)) };
}

/**
 * Welch's unequal-variance t test of two means (A minus B) with Welch-Satterthwaite degrees of
 * freedom. Null when a sample has fewer than 2 values or both variances are 0.
 */
export function welchTest(a: { mean: number; sd: number; n: number }, b: { mean: number; sd: number; n: number }): TestResult | null {
  if (!(a.n >= 2) || !(b.n >= 2)) return null;
  const va = (a.sd * a.sd) / a.n;
  const vb = (b.sd * b.sd) / b.n;
  const se2 = va + vb;
  if (!(se2 > 0)) return null;
  const t = (a.mean - b.mean) / Math.sqrt(se2);
  const df = (se2 * se2) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  return { test: 'welch_t', statistic: t, p: 2 * tCdf(-Math.abs(t), df) };
}

/**
 * The test that fits a KPI, chosen by its interval kind, run on two samples' aggregates (A is the
 * later period). Rates use their success count `k`; NPS its promoters and detractors; means their
 * `mean` and `sd`. Null for KPIs without a test (counts, sums, quantiles) or missing aggregates.
 */
export function changeTest(kind: IntervalKind, a: Record<string, number | null>, b: Record<string, number | null>): TestResult | null {
  const n1 = a.n ?? 0;
  const n2 = b.n ?? 0;
  switch (kind) {
    case 'wilson': {
      if (a.k == null || b.k == null) return null;
      const r = twoProportionTest(a.k, n1, b.k, n2);
      return r && { test: 'two_proportion_z', statistic: r.z, p: r.p };
    }
    case 'nps':
      return npsTest(
        { promoters: a.promoters ?? 0, detractors: a.detractors ?? 0, n: n1 },
        { promoters: b.promoters ?? 0, detractors: b.detractors ?? 0, n: n2 },
      );
    case 't':
      if (a.mean == null || b.mean == null || a.sd == null || b.sd == null) return null;
      return welchTest({ mean: a.mean, sd: a.sd, n: n1 }, { mean: b.mean, sd: b.sd, n: n2 });
    default:
      return null;
  }
}
