// Pure statistics helpers for KPI confidence intervals and significance tests
// (normal / Student t distributions, Wilson, NPS adjusted-Wald, Newcombe, BH). No I/O.

/** Two-sided 95% standard normal critical value, Φ⁻¹(0.975). */
export const Z95 = 1.959963984540054;

const SQRT2PI = Math.sqrt(2 * Math.PI);
const LN_SQRT2PI = 0.5 * Math.log(2 * Math.PI);
const EPS = 1e-16;
const TINY = 1e-300;

// Standard normal density, used by the CDF and as the Newton/Halley derivative.
function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / SQRT2PI;
}

/** Standard normal CDF (relative error < 1e-13): Taylor series near 0, Laplace continued fraction in the tails. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return 1;
  if (x === -Infinity) return 0;
  const ax = Math.abs(x);
  if (ax < 3) {
    // Φ(x) = 1/2 + φ(x)·(x + x³/3 + x⁵/(3·5) + …): all terms share a sign, so no cancellation in the sum.
    let term = x;
    let sum = x;
    const x2 = x * x;
    for (let i = 1; i < 500 && Math.abs(term) > EPS * Math.abs(sum); i++) {
      term *= x2 / (2 * i + 1);
      sum += term;
    }
    return 0.5 + normalPdf(x) * sum;
  }
  if (ax > 40) return x > 0 ? 1 : 0;
  // Upper tail Q(a) = φ(a) / (a + 1/(a + 2/(a + 3/(a + …)))), evaluated with modified Lentz.
  let f = ax;
  let c = ax;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    d = ax + k * d;
    d = Math.abs(d) < TINY ? TINY : d;
    c = ax + k / c;
    c = Math.abs(c) < TINY ? TINY : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  const tail = normalPdf(ax) / f;
  return x > 0 ? 1 - tail : tail;
}

// Acklam's rational approximation coefficients (relative error ~1.15e-9 before refinement).
const ACK_A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const ACK_B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const ACK_C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const ACK_D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

// Horner evaluation of a polynomial with coefficients from highest to lowest degree.
function poly(coef: number[], x: number): number {
  return coef.reduce((acc, c) => acc * x + c, 0);
}

/** Inverse standard normal CDF (Acklam's algorithm refined with one Halley step using normalCdf). */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const pLow = 0.02425;
  let x: number;
  if (p < pLow) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = poly(ACK_C, q) / (poly(ACK_D, q) * q + 1);
  } else if (p <= 1 - pLow) {
    const q = p - 0.5;
    const r = q * q;
    x = (poly(ACK_A, r) * q) / (poly(ACK_B, r) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log1p(-p));
    x = -poly(ACK_C, q) / (poly(ACK_D, q) * q + 1);
  }
  // Halley step: e = Φ(x) - p, u = e / φ(x), x ← x - u / (1 + x·u/2).
  // For x > 0 compute e as (1 - p) - Φ(-x) so the upper tail keeps its precision.
  const e = x <= 0 ? normalCdf(x) - p : 1 - p - normalCdf(-x);
  const u = e / normalPdf(x);
  return x - u / (1 + (x * u) / 2);
}

// log Γ(x) for x > 0: shift x up to ≥ 10 via Γ(x+1) = xΓ(x), then the Stirling series (error < 1e-15).
function lnGamma(x: number): number {
  let shift = 0;
  while (x < 10) {
    shift += Math.log(x);
    x += 1;
  }
  return (x - 0.5) * Math.log(x) - x + LN_SQRT2PI + stirlingTail(x) - shift;
}

// Stirling correction lnΓ(x) - [(x-½)ln x - x + ½ln 2π] for x >= 10 (Bernoulli-number series).
function stirlingTail(x: number): number {
  const r = 1 / x;
  const r2 = r * r;
  return r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 * (1 / 1680 - r2 * (1 / 1188 - r2 * (691 / 360360))))));
}

// log B(a,b); when the larger argument is big, lnΓ(big) - lnΓ(big+small) is formed directly to avoid cancellation.
function lnBeta(a: number, b: number): number {
  const big = Math.max(a, b);
  const small = Math.min(a, b);
  if (big < 10) return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
  const diff = -(big - 0.5) * Math.log1p(small / big) - small * Math.log(big + small) + small + stirlingTail(big) - stirlingTail(big + small);
  return lnGamma(small) + diff;
}

// Continued fraction for I_x(a,b) (modified Lentz); converges fast when x < (a+1)/(a+b+2).
function betaContinuedFraction(x: number, a: number, b: number): number {
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = Math.abs(d) < TINY ? TINY : d;
  d = 1 / d;
  let f = d;
  for (let m = 1; m < 1000; m++) {
    for (const num of [(m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m)), (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1))]) {
      d = 1 + num * d;
      d = Math.abs(d) < TINY ? TINY : d;
      c = 1 + num / c;
      c = Math.abs(c) < TINY ? TINY : c;
      d = 1 / d;
      f *= c * d;
    }
    if (Math.abs(c * d - 1) < EPS) break;
  }
  return f;
}

// Regularized incomplete beta I_x(a,b); y = 1 - x is passed separately so neither side loses precision.
function regIncBeta(x: number, y: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  // log x via log1p(-y) when x is near 1 (and vice versa): a·ln x is large for big a, so ln x must be exact.
  const lnX = x > 0.5 ? Math.log1p(-y) : Math.log(x);
  const lnY = y > 0.5 ? Math.log1p(-x) : Math.log(y);
  const lnFront = a * lnX + b * lnY - lnBeta(a, b);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(lnFront) * betaContinuedFraction(x, a, b)) / a;
  return 1 - (Math.exp(lnFront) * betaContinuedFraction(y, b, a)) / b;
}

/** Student t CDF via the regularized incomplete beta: P(|T| > |t|) = I_{ν/(ν+t²)}(ν/2, 1/2). */
export function tCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  const t2 = t * t;
  const twoSided = regIncBeta(df / (df + t2), t2 / (df + t2), df / 2, 0.5);
  return t > 0 ? 1 - twoSided / 2 : twoSided / 2;
}

// Student t density, the derivative used by the Newton iteration in tQuantile.
function tPdf(t: number, df: number): number {
  const lnNorm = -lnBeta(df / 2, 0.5) - 0.5 * Math.log(df); // 1 / (√ν · B(ν/2, ½))
  return Math.exp(lnNorm - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/** Student t quantile for df > 0: closed forms for df 1 and 2, else bracketed Newton on tCdf (~1e-12). */
export function tQuantile(p: number, df: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1 || !(df > 0)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (p > 0.5) return -tQuantile(1 - p, df); // 1 - p is exact here; solve in the lower tail.
  if (df === 1) return -1 / Math.tan(Math.PI * p);
  if (df === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  // Start from a Cornish-Fisher expansion around the normal quantile.
  const z = normalQuantile(p);
  const z2 = z * z;
  let t = z + (z * (z2 + 1)) / (4 * df) + (z * ((5 * z2 + 16) * z2 + 3)) / (96 * df * df);
  // Bracket the root in the lower tail: tCdf(lo) <= p <= tCdf(hi).
  let hi = 0;
  let lo = Math.min(t, -1);
  while (tCdf(lo, df) > p) {
    hi = lo;
    lo *= 2;
  }
  if (!(t > lo && t < hi)) t = (lo + hi) / 2;
  for (let i = 0; i < 200; i++) {
    const f = tCdf(t, df) - p;
    if (f === 0) return t;
    if (f < 0) lo = t;
    else hi = t;
    let next = t - f / tPdf(t, df);
    if (!(next > lo && next < hi)) next = (lo + hi) / 2; // Newton left the bracket: bisect instead.
    if (Math.abs(next - t) <= 1e-14 * Math.max(1, Math.abs(t))) return next;
    t = next;
  }
  return t;
}

// Clamp a value to [lo, hi].
function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/** Wilson score interval for k successes of n, returned as proportions [lo, hi] clamped to [0,1]; null when n = 0. */
export function wilson(k: number, n: number, z: number = Z95): [number, number] | null {
  if (!(n > 0)) return null;
  const z2 = z * z;
  const centre = (k + z2 / 2) / (n + z2);
  const half = (z / (n + z2)) * Math.sqrt((k * (n - k)) / n + z2 / 4);
  // The exact bounds at k = 0 and k = n are 0 and 1; avoid 2e-17-style rounding residue.
  const lo = k <= 0 ? 0 : clamp(centre - half, 0, 1);
  const hi = k >= n ? 1 : clamp(centre + half, 0, 1);
  return [lo, hi];
}

/** Wald variance of the trinomial NPS score (per response, proportions): p + d - (p - d)^2. NaN when n = 0. */
export function npsVariance(promoters: number, detractors: number, n: number): number {
  if (!(n > 0)) return NaN;
  const p = promoters / n;
  const d = detractors / n;
  return p + d - (p - d) ** 2;
}

/** NPS adjusted-Wald: add 3 to n and 3/4 to promoters and detractors; centre and CI in NPS points, clamped; null when n = 0. */
export function npsAdjustedWald(promoters: number, detractors: number, n: number, z: number = Z95): { centre: number; ci: [number, number] } | null {
  if (!(n > 0)) return null;
  const nAdj = n + 3;
  const pAdj = promoters + 0.75;
  const dAdj = detractors + 0.75;
  const centre = (pAdj - dAdj) / nAdj;
  const se = Math.sqrt(npsVariance(pAdj, dAdj, nAdj) / nAdj);
  return {
    centre: centre * 100,
    ci: [clamp((centre - z * se) * 100, -100, 100), clamp((centre + z * se) * 100, -100, 100)],
  };
}

/** t-interval of a mean: mean ± t((1+level)/2, n-1) · sd / √n; null when n < 2 or sd is null. */
export function tInterval(mean: number, sd: number | null, n: number, level: number = 0.95): [number, number] | null {
  if (sd === null || !(n >= 2)) return null;
  const half = (tQuantile(1 - (1 - level) / 2, n - 1) * sd) / Math.sqrt(n);
  return [mean - half, mean + half];
}

/** Quantile with linear interpolation (R type 7 / numpy default / DuckDB quantile_cont); null for empty input or p outside [0,1]. */
export function quantileLinear(values: number[], p: number): number | null {
  if (values.length === 0 || !(p >= 0 && p <= 1)) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const i = Math.floor(h);
  if (i + 1 >= sorted.length) return sorted[sorted.length - 1];
  return sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]);
}

/** Newcombe hybrid-score interval for p1 - p2 (method 10) from Wilson bounds; proportions; null when either n = 0. */
export function newcombe(k1: number, n1: number, k2: number, n2: number, z: number = Z95): [number, number] | null {
  const w1 = wilson(k1, n1, z);
  const w2 = wilson(k2, n2, z);
  if (!w1 || !w2) return null;
  const p1 = k1 / n1;
  const p2 = k2 / n2;
  const diff = p1 - p2;
  const lo = diff - Math.sqrt((p1 - w1[0]) ** 2 + (w2[1] - p2) ** 2);
  const hi = diff + Math.sqrt((w1[1] - p1) ** 2 + (p2 - w2[0]) ** 2);
  return [lo, hi];
}

/** Pooled two-proportion z test, two-sided; null when a sample is empty or the pooled rate is 0 or 1 (no variance). */
export function twoProportionTest(k1: number, n1: number, k2: number, n2: number): { z: number; p: number } | null {
  if (!(n1 > 0) || !(n2 > 0)) return null;
  const pooled = (k1 + k2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (!(se > 0)) return null;
  const z = (k1 / n1 - k2 / n2) / se;
  return { z, p: 2 * normalCdf(-Math.abs(z)) };
}

/** Benjamini-Hochberg adjusted p-values (step-up, monotone, capped at 1), in the same order as the input. */
export function benjaminiHochberg(p: number[]): number[] {
  const m = p.length;
  const order = p.map((_, i) => i).sort((a, b) => p[a] - p[b]);
  const adjusted = new Array<number>(m);
  let running = 1;
  // Walk from the largest p down, keeping the running minimum of p(i)·m/i.
  for (let rank = m; rank >= 1; rank--) {
    const idx = order[rank - 1];
    running = Math.min(running, (p[idx] * m) / rank);
    adjusted[idx] = running;
  }
  return adjusted;
}

/** Binomial upper tail P(X ≥ k) for X ~ Bin(n, p), exact via the regularized incomplete beta I_p(k, n-k+1). */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (!(n >= 0) || !(p >= 0 && p <= 1) || Number.isNaN(k)) return NaN;
  if (k <= 0) return 1;
  if (k > n) return 0;
  return regIncBeta(p, 1 - p, k, n - k + 1);
}

/** Binomial CDF P(X ≤ k) for X ~ Bin(n, p), exact via I_{1-p}(n-k, k+1). */
export function binomialCdf(k: number, n: number, p: number): number {
  if (!(n >= 0) || !(p >= 0 && p <= 1) || Number.isNaN(k)) return NaN;
  if (k < 0) return 0;
  if (k >= n) return 1;
  return regIncBeta(1 - p, p, n - k, k + 1);
}

/** F distribution CDF P(F ≤ f) with (d1, d2) degrees of freedom (non-integer allowed), via I_x(d1/2, d2/2). */
export function fCdf(f: number, d1: number, d2: number): number {
  if (Number.isNaN(f) || !(d1 > 0) || !(d2 > 0)) return NaN;
  if (f <= 0) return 0;
  if (f === Infinity) return 1;
  const x = (d1 * f) / (d1 * f + d2);
  return regIncBeta(x, d2 / (d1 * f + d2), d1 / 2, d2 / 2);
}

/** Summary of one sample of a score: mean, sample standard deviation (n - 1) and size. */
export interface MeanSample {
  mean: number;
  sd: number;
  n: number;
}

/** A difference between two samples with its standard error, test statistic, two-sided p and 95% (or `level`) interval. */
export interface DifferenceTest {
  diff: number;
  se: number;
  statistic: number;
  /** Degrees of freedom of a t statistic; null for a z statistic. */
  df: number | null;
  p: number;
  ci: [number, number];
}

/**
 * Welch's unequal-variance t test for mean(a) - mean(b), with Welch-Satterthwaite degrees of
 * freedom; null when a sample has fewer than 2 values or both have zero variance.
 */
export function welchTest(a: MeanSample, b: MeanSample, level: number = 0.95): DifferenceTest | null {
  if (!(a.n >= 2) || !(b.n >= 2)) return null;
  const va = (a.sd * a.sd) / a.n;
  const vb = (b.sd * b.sd) / b.n;
  const se = Math.sqrt(va + vb);
  if (!(se > 0)) return null;
  const df = (va + vb) ** 2 / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  const diff = a.mean - b.mean;
  const t = diff / se;
  const half = tQuantile(1 - (1 - level) / 2, df) * se;
  return { diff, se, statistic: t, df, p: 2 * tCdf(-Math.abs(t), df), ci: [diff - half, diff + half] };
}

/** Promoter and detractor counts of n NPS answers. */
export interface NpsCounts {
  promoters: number;
  detractors: number;
  n: number;
}

/**
 * Two-sample z test for NPS(a) - NPS(b) on the trinomial variance (proportions, not points). With
 * `adjusted` (the default) each sample gets the adjusted-Wald pseudo-counts first (add 3 to n, 3/4
 * to promoters and detractors; MeasuringU); otherwise plain Wald. Null when a sample is empty or
 * the variance is zero.
 */
export function npsTwoSampleTest(a: NpsCounts, b: NpsCounts, options: { adjusted?: boolean; z?: number } = {}): DifferenceTest | null {
  if (!(a.n > 0) || !(b.n > 0)) return null;
  const adjust = options.adjusted ?? true;
  const prep = (s: NpsCounts) => (adjust ? { promoters: s.promoters + 0.75, detractors: s.detractors + 0.75, n: s.n + 3 } : s);
  const [x, y] = [prep(a), prep(b)];
  const score = (s: NpsCounts) => (s.promoters - s.detractors) / s.n;
  const se = Math.sqrt(npsVariance(x.promoters, x.detractors, x.n) / x.n + npsVariance(y.promoters, y.detractors, y.n) / y.n);
  if (!(se > 0)) return null;
  const diff = score(x) - score(y);
  const z = diff / se;
  const crit = options.z ?? Z95;
  return { diff, se, statistic: z, df: null, p: 2 * normalCdf(-Math.abs(z)), ci: [diff - crit * se, diff + crit * se] };
}
