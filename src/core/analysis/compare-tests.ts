// The significance test behind each compared KPI, chosen from the catalogue entry (NPS: two-sample
// z on the trinomial variance; rates: two-proportion z with a Newcombe interval; means: Welch t),
// and the pooling and difference-in-differences used for initiatives. Pure: stats in, numbers out.
import type { KpiDef } from '../kpis/catalogue.js';
import type { Kpi, KpiStats } from '../kpis/measure.js';
import type { z } from 'zod';
import type { compareComponentsSchema } from '../contracts/compare.js';
import { newcombe, normalCdf, npsTwoSampleTest, npsVariance, tCdf, tQuantile, twoProportionTest, welchTest, Z95 } from '../kpis/stats.js';

export type TestName = 'nps_z' | 'two_proportion_z' | 'welch_t';

/**
 * Why a row has no p-value. KPI-level: `total` (a count or sum: no sampling error to test),
 * `quantile` (a median or percentile), `ratio` (a ratio of sums such as AOV), `as_of` (churn's
 * fixed as-of windows). Row-level: `suppressed` (a side is withheld for privacy), `no_data` (a side
 * has no data), `too_few` (fewer than 2 values), `no_variance` (every answer the same on both sides).
 */
export type NoTestReason = 'total' | 'quantile' | 'ratio' | 'as_of' | 'suppressed' | 'no_data' | 'too_few' | 'no_variance';

/** The numbers a reader needs to redo the test by hand (`components` of a compare row). */
export type Components = z.infer<typeof compareComponentsSchema>;

export interface Comparison {
  delta: number | null;
  ci: [number, number] | null;
  p_value: number | null;
  test: TestName | null;
  no_test: NoTestReason | null;
  components: Components;
}

/** The test a KPI gets, or why it gets none — decided from its catalogue entry, so new KPIs fit. */
export function testFor(def: KpiDef): TestName | NoTestReason {
  if (def.relation === 'churn') return 'as_of';
  if (def.interval === 'nps') return 'nps_z';
  if (def.interval === 'wilson') return 'two_proportion_z';
  if (def.interval === 't') return 'welch_t';
  if ('q' in def.stats) return 'quantile';
  if (def.value === '{n}' || def.value === '{total}') return 'total';
  return 'ratio';
}

const isTest = (t: TestName | NoTestReason): t is TestName => t === 'nps_z' || t === 'two_proportion_z' || t === 'welch_t';

/** The sufficient statistics a test reads, as plain numbers (what `components` shows). */
function used(test: TestName | NoTestReason, s: KpiStats | undefined): Record<string, number> {
  if (!s) return {};
  const names = test === 'nps_z' ? ['n', 'promoters', 'detractors'] : test === 'two_proportion_z' ? ['n', 'k'] : test === 'welch_t' ? ['n', 'mean', 'sd'] : ['n'];
  return Object.fromEntries(names.filter((k) => typeof s[k] === 'number').map((k) => [k, s[k] as number]));
}

const scale = (ci: [number, number], by: number): [number, number] => [ci[0] * by, ci[1] * by];

/**
 * Compares one KPI between two independent samples: `after - before` (for segments: value minus
 * reference). A side that is missing or withheld gives no delta; a KPI without a test gives the
 * delta alone.
 */
export function compareKpi(def: KpiDef, before: { kpi: Kpi; stats?: KpiStats }, after: { kpi: Kpi; stats?: KpiStats }): Comparison {
  const test = testFor(def);
  const components: Components = {
    test: null, statistic: null, df: null, se: null, before: used(test, before.stats), after: used(test, after.stats),
  };
  const none = (reason: NoTestReason, delta: number | null = null): Comparison =>
    ({ delta, ci: null, p_value: null, test: null, no_test: reason, components });
  if (!before.stats || !after.stats) return none('no_data');
  if (before.kpi.flags.includes('suppressed') || after.kpi.flags.includes('suppressed')) return none('suppressed');
  const delta = before.kpi.value === null || after.kpi.value === null ? null : after.kpi.value - before.kpi.value;
  if (!isTest(test)) return none(test, delta);
  const b = before.stats;
  const a = after.stats;
  const num = (s: KpiStats, k: string) => s[k] ?? 0;
  let ci: [number, number] | null = null;
  let result: { p: number; statistic: number; df: number | null; se: number } | null = null;
  switch (test) {
    case 'nps_z': {
      const r = npsTwoSampleTest(
        { promoters: num(a, 'promoters'), detractors: num(a, 'detractors'), n: num(a, 'n') },
        { promoters: num(b, 'promoters'), detractors: num(b, 'detractors'), n: num(b, 'n') });
      if (r) {
        ci = scale(r.ci, 100);
        result = { p: r.p, statistic: r.statistic, df: null, se: 100 * r.se };
      }
      break;
    }
    case 'two_proportion_z': {
      const interval = newcombe(num(a, 'k'), num(a, 'n'), num(b, 'k'), num(b, 'n'));
      ci = interval && scale(interval, 100);
      const [ka, na, kb, nb] = [num(a, 'k'), num(a, 'n'), num(b, 'k'), num(b, 'n')];
      const r = twoProportionTest(ka, na, kb, nb);
      // The pooled standard error the z statistic divides by, in percentage points.
      const pooled = (ka + kb) / (na + nb);
      if (r) result = { p: r.p, statistic: r.z, df: null, se: 100 * Math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb)) };
      break;
    }
    case 'welch_t': {
      if (num(a, 'n') < 2 || num(b, 'n') < 2) return none('too_few', delta);
      const r = welchTest({ mean: num(a, 'mean'), sd: num(a, 'sd'), n: num(a, 'n') }, { mean: num(b, 'mean'), sd: num(b, 'sd'), n: num(b, 'n') });
      if (r) {
        ci = r.ci;
        result = { p: r.p, statistic: r.statistic, df: r.df, se: r.se };
      }
      break;
    }
  }
  if (!result) return { delta, ci, p_value: null, test: null, no_test: 'no_variance', components };
  return {
    delta, ci, p_value: result.p, test, no_test: null,
    components: { ...components, test, statistic: result.statistic, df: result.df, se: result.se },
  };
}

/**
 * Sums the aggregates of disjoint groups (touchpoints) into one, for the KPIs that have a test:
 * counts add; means and standard deviations combine through sums of squares. Null without data.
 */
export function poolStats(def: KpiDef, parts: KpiStats[]): KpiStats | null {
  const live = parts.filter((s) => (s.n ?? 0) > 0);
  if (live.length === 0) return null;
  const sum = (k: string) => live.reduce((acc, s) => acc + (s[k] ?? 0), 0);
  const n = sum('n');
  switch (testFor(def)) {
    case 'nps_z': {
      const promoters = sum('promoters');
      const detractors = sum('detractors');
      return { n, promoters, detractors, value: (100 * (promoters - detractors)) / n };
    }
    case 'two_proportion_z': {
      const k = sum('k');
      return { n, k, value: (100 * k) / n };
    }
    case 'welch_t': {
      const mean = live.reduce((acc, s) => acc + (s.n ?? 0) * (s.mean ?? 0), 0) / n;
      // Within-group sum of squares plus between-group spread: the pooled sample's own SS.
      const ss = live.reduce((acc, s) => acc + ((s.n ?? 0) - 1) * (s.sd ?? 0) ** 2 + (s.n ?? 0) * ((s.mean ?? 0) - mean) ** 2, 0);
      return { n, mean, sd: n >= 2 ? Math.sqrt(ss / (n - 1)) : null, value: mean };
    }
    default:
      return null;
  }
}

/** One cell of a difference-in-differences: the estimate as shown, the centre its interval uses, and the variance. */
interface Cell {
  value: number;
  centre: number;
  variance: number;
  n: number;
}

function cellOf(def: KpiDef, s: KpiStats): Cell | null {
  const n = s.n ?? 0;
  if (n <= 0) return null;
  switch (testFor(def)) {
    case 'nps_z': {
      // Adjusted-Wald per cell (the same convention as NPS intervals and the two-sample test).
      const [p, d, m] = [(s.promoters ?? 0) + 0.75, (s.detractors ?? 0) + 0.75, n + 3];
      return { value: 100 * ((s.promoters ?? 0) - (s.detractors ?? 0)) / n, centre: (100 * (p - d)) / m, variance: (1e4 * npsVariance(p, d, m)) / m, n };
    }
    case 'two_proportion_z': {
      const p = (s.k ?? 0) / n;
      return { value: 100 * p, centre: 100 * p, variance: (1e4 * p * (1 - p)) / n, n };
    }
    case 'welch_t':
      if (n < 2 || s.sd === null || s.sd === undefined) return null;
      return { value: s.mean ?? 0, centre: s.mean ?? 0, variance: (s.sd * s.sd) / n, n };
    default:
      return null;
  }
}

export interface DidEstimate {
  estimate: number;
  ci: [number, number];
  p_value: number;
  se: number;
  statistic: number;
  df: number | null;
}

/**
 * (after - before at the touchpoint) - (after - before at the control), with the variance of the
 * four independent cells summed. Rates and NPS: normal approximation; means: t with
 * Welch-Satterthwaite degrees of freedom. Null when a cell is missing or nothing varies.
 */
export function differenceInDifferences(def: KpiDef, cells: { tb: KpiStats; ta: KpiStats; cb: KpiStats; ca: KpiStats }): DidEstimate | null {
  const [tb, ta, cb, ca] = [cells.tb, cells.ta, cells.cb, cells.ca].map((s) => cellOf(def, s));
  if (!tb || !ta || !cb || !ca) return null;
  const all = [tb, ta, cb, ca];
  const variance = all.reduce((acc, c) => acc + c.variance, 0);
  const se = Math.sqrt(variance);
  if (!(se > 0)) return null;
  const estimate = (ta.value - tb.value) - (ca.value - cb.value);
  const centre = (ta.centre - tb.centre) - (ca.centre - cb.centre);
  const statistic = centre / se;
  if (testFor(def) === 'welch_t') {
    const df = variance ** 2 / all.reduce((acc, c) => acc + c.variance ** 2 / (c.n - 1), 0);
    const half = tQuantile(0.975, df) * se;
    return { estimate, ci: [centre - half, centre + half], p_value: 2 * tCdf(-Math.abs(statistic), df), se, statistic, df };
  }
  return { estimate, ci: [centre - Z95 * se, centre + Z95 * se], p_value: 2 * normalCdf(-Math.abs(statistic)), se, statistic, df: null };
}
