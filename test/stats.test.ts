import { describe, it, expect } from 'vitest';
import {
  Z95,
  normalCdf,
  normalQuantile,
  tQuantile,
  tCdf,
  wilson,
  npsAdjustedWald,
  npsVariance,
  tInterval,
  quantileLinear,
  newcombe,
  twoProportionTest,
  benjaminiHochberg,
  welchTest,
  npsTwoSampleTest,
} from '../src/core/kpis/stats.js';

// Sample mean and standard deviation (n - 1 denominator) for the CSAT vector.
function meanSd(xs: number[]): { mean: number; sd: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const ss = xs.reduce((a, b) => a + (b - mean) ** 2, 0);
  return { mean, sd: Math.sqrt(ss / (xs.length - 1)) };
}

// Expand value×count pairs into a flat list of responses.
function expand(pairs: Array<[number, number]>): number[] {
  return pairs.flatMap(([value, count]) => Array.from({ length: count }, () => value));
}

describe('normal distribution', () => {
  it('matches the 97.5% critical value', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 9);
    expect(Z95).toBeCloseTo(normalQuantile(0.975), 12);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 12);
  });

  it('has high accuracy in the centre and tails', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1)).toBeCloseTo(0.841344746068543, 14);
    expect(normalCdf(-1)).toBeCloseTo(0.158655253931457, 14);
    // Tail values checked relative to their size.
    expect(normalCdf(-5) / 2.866515718791939e-7).toBeCloseTo(1, 12);
    expect(normalCdf(-10) / 7.619853024160527e-24).toBeCloseTo(1, 12);
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalCdf(-Infinity)).toBe(0);
  });

  it('inverts normalCdf across the range, including far tails', () => {
    for (const p of [1e-12, 1e-6, 0.001, 0.02, 0.1, 0.3, 0.5, 0.7, 0.9, 0.98, 0.999]) {
      expect(normalCdf(normalQuantile(p)) / p).toBeCloseTo(1, 12);
    }
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.025)).toBeCloseTo(-Z95, 12);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
  });
});

describe('Student t distribution', () => {
  it('matches known quantiles', () => {
    expect(tQuantile(0.975, 49)).toBeCloseTo(2.009575, 6);
    expect(tQuantile(0.975, 1)).toBeCloseTo(12.7062047, 7);
    expect(tQuantile(0.975, 10)).toBeCloseTo(2.2281389, 7);
    expect(tQuantile(0.025, 10)).toBeCloseTo(-2.2281389, 7);
    expect(tQuantile(0.995, 2)).toBeCloseTo(9.9248432, 7);
    expect(tQuantile(0.5, 5)).toBe(0);
  });

  it('converges to the normal for large df and round-trips through tCdf', () => {
    for (const p of [0.01, 0.2, 0.9, 0.975]) {
      expect(tQuantile(p, 1e6)).toBeCloseTo(normalQuantile(p), 5);
    }
    expect(tCdf(tQuantile(0.9, 7), 7)).toBeCloseTo(0.9, 12);
    for (const df of [1, 2, 3, 4.5, 30, 200]) {
      for (const p of [1e-8, 0.05, 0.4, 0.6, 0.95]) {
        expect(tCdf(tQuantile(p, df), df) / p).toBeCloseTo(1, 9);
      }
    }
  });

  it('has the expected CDF shape', () => {
    expect(tCdf(0, 3)).toBe(0.5);
    expect(tCdf(1, 1)).toBeCloseTo(0.75, 14); // Cauchy: 1/2 + atan(1)/π
    expect(tCdf(-2, 5) + tCdf(2, 5)).toBeCloseTo(1, 14);
  });
});

describe('Wilson score interval', () => {
  it('matches known intervals', () => {
    const [lo30, hi30] = wilson(30, 50)!;
    expect(lo30).toBeCloseTo(0.46181, 5);
    expect(hi30).toBeCloseTo(0.72392, 5);
    const [lo7, hi7] = wilson(7, 50)!;
    expect(lo7).toBeCloseTo(0.069508, 6);
    expect(hi7).toBeCloseTo(0.261862, 6);
    const [lo42, hi42] = wilson(42, 50)!;
    expect(lo42).toBeCloseTo(0.714858, 6);
    expect(hi42).toBeCloseTo(0.916626, 6);
  });

  it('returns exact 0 and 1 at the boundaries', () => {
    const none = wilson(0, 12)!;
    expect(none[0]).toBe(0);
    expect(none[1]).toBeCloseTo(0.242494, 6);
    const all = wilson(12, 12)!;
    expect(all[0]).toBeCloseTo(0.757506, 6);
    expect(all[1]).toBe(1);
  });

  it('returns null for n = 0', () => {
    expect(wilson(0, 0)).toBeNull();
  });
});

describe('NPS', () => {
  it('TV1: large sample variance and adjusted-Wald interval', () => {
    const [d, p, n] = [75, 250, 1000];
    expect(((p - d) / n) * 100).toBeCloseTo(17.5, 10);
    const v = npsVariance(p, d, n);
    expect(v).toBeCloseTo(0.294375, 10);
    expect(Math.sqrt(v / n)).toBeCloseTo(0.0171574, 7);
    const aw = npsAdjustedWald(p, d, n)!;
    expect(aw.centre).toBeCloseTo(17.44766, 5);
    expect(aw.ci[0]).toBeCloseTo(14.086, 3);
    expect(aw.ci[1]).toBeCloseTo(20.809, 3);
  });

  it('TV2: ten responses 1..10', () => {
    const scores = Array.from({ length: 10 }, (_, i) => i + 1);
    const p = scores.filter((s) => s >= 9).length;
    const d = scores.filter((s) => s <= 6).length;
    expect([p, d]).toEqual([2, 6]);
    expect(((p - d) / 10) * 100).toBeCloseTo(-40, 10);
    expect(npsVariance(p, d, 10)).toBeCloseTo(0.64, 12);
    const aw = npsAdjustedWald(p, d, 10)!;
    expect(aw.centre).toBeCloseTo(-30.77, 2);
    expect(aw.ci[0]).toBeCloseTo(-74.12, 2);
    expect(aw.ci[1]).toBeCloseTo(12.59, 2);
  });

  it('TV3: two-sample difference z test from npsVariance', () => {
    const [dA, pA, nA] = [50, 90, 200];
    const [dB, pB, nB] = [70, 100, 250];
    const diff = (pA - dA) / nA - (pB - dB) / nB;
    expect(diff).toBeCloseTo(0.08, 12);
    const se = Math.sqrt(npsVariance(pA, dA, nA) / nA + npsVariance(pB, dB, nB) / nB);
    expect(se).toBeCloseTo(0.077217, 6);
    const z = diff / se;
    expect(z).toBeCloseTo(1.036, 4);
    expect(2 * (1 - normalCdf(Math.abs(z)))).toBeCloseTo(0.3002, 4);
  });

  it('clamps to [-100, 100] for all promoters / all detractors', () => {
    const allP = npsAdjustedWald(10, 0, 10)!;
    expect(allP.centre).toBeCloseTo((10 / 13) * 100, 10);
    expect(allP.ci[1]).toBe(100);
    expect(allP.ci[0]).toBeGreaterThan(0);
    const allD = npsAdjustedWald(0, 10, 10)!;
    expect(allD.ci[0]).toBe(-100);
    expect(allD.ci[1]).toBeLessThan(0);
  });

  it('returns null / NaN for n = 0', () => {
    expect(npsAdjustedWald(0, 0, 0)).toBeNull();
    expect(npsVariance(0, 0, 0)).toBeNaN();
  });
});

describe('t-interval of a mean', () => {
  it('TV4: Intercom CSAT', () => {
    const xs = expand([
      [5, 10],
      [4, 20],
      [3, 10],
      [2, 5],
      [1, 5],
    ]);
    const { mean, sd } = meanSd(xs);
    expect(mean).toBeCloseTo(3.5, 12);
    expect(sd).toBeCloseTo(1.21638, 5);
    const [lo, hi] = tInterval(mean, sd, xs.length)!;
    expect(lo).toBeCloseTo(3.1543, 4);
    expect(hi).toBeCloseTo(3.8457, 4);
  });

  it('returns null for n < 2 or missing sd', () => {
    expect(tInterval(3, 1, 1)).toBeNull();
    expect(tInterval(3, 1, 0)).toBeNull();
    expect(tInterval(3, null, 50)).toBeNull();
  });

  it('honours the level', () => {
    const [lo, hi] = tInterval(0, 1, 11, 0.9)!;
    expect(hi).toBeCloseTo((tQuantile(0.95, 10) * 1) / Math.sqrt(11), 12);
    expect(lo).toBeCloseTo(-hi, 12);
  });
});

describe('quantileLinear (type 7)', () => {
  it('TV6: matches known quantiles', () => {
    expect(quantileLinear([0, 1, 2, 10], 0.5)).toBeCloseTo(1.5, 12);
    expect(quantileLinear([10, 2, 0, 1], 0.9)).toBeCloseTo(7.6, 12);
    expect(quantileLinear([0, 6, 6, 7, 9, 10], 0.5)).toBeCloseTo(6.5, 12);
  });

  it('handles endpoints, single values and empty input', () => {
    expect(quantileLinear([3, 1, 2], 0)).toBe(1);
    expect(quantileLinear([3, 1, 2], 1)).toBe(3);
    expect(quantileLinear([4], 0.37)).toBe(4);
    expect(quantileLinear([], 0.5)).toBeNull();
  });

  it('does not mutate its input', () => {
    const xs = [3, 1, 2];
    quantileLinear(xs, 0.5);
    expect(xs).toEqual([3, 1, 2]);
  });
});

describe('two-proportion comparisons', () => {
  it('Newcombe hybrid-score interval for 42/50 - 30/50', () => {
    const [lo, hi] = newcombe(42, 50, 30, 50)!;
    expect(lo).toBeCloseTo(0.06389, 5);
    expect(hi).toBeCloseTo(0.39801, 5);
  });

  it('pooled two-proportion z test for 42/50 vs 30/50', () => {
    const r = twoProportionTest(42, 50, 30, 50)!;
    expect(r.z).toBeCloseTo(2.6726, 4);
    expect(r.p).toBeCloseTo(0.00753, 5);
    const reversed = twoProportionTest(30, 50, 42, 50)!;
    expect(reversed.z).toBeCloseTo(-r.z, 12);
    expect(reversed.p).toBeCloseTo(r.p, 12);
  });

  it('returns null for empty samples or zero pooled variance', () => {
    expect(newcombe(1, 0, 1, 5)).toBeNull();
    expect(newcombe(1, 5, 0, 0)).toBeNull();
    expect(twoProportionTest(0, 0, 1, 5)).toBeNull();
    expect(twoProportionTest(0, 10, 0, 20)).toBeNull();
    expect(twoProportionTest(10, 10, 20, 20)).toBeNull();
  });
});

describe('Benjamini-Hochberg', () => {
  it('TV11: matches known adjusted p-values', () => {
    const adj = benjaminiHochberg([0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205]);
    const expected = [0.008, 0.032, 0.0672, 0.0672, 0.0672, 0.08, 0.074 * (8 / 7), 0.205];
    expect(adj).toHaveLength(expected.length);
    adj.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
    expect(adj[6]).toBeCloseTo(0.0846, 4);
  });

  it('keeps input order, stays monotone and caps at 1', () => {
    const adj = benjaminiHochberg([0.205, 0.001, 0.042, 0.008]);
    expect(adj[0]).toBeCloseTo(0.205, 12);
    expect(adj[1]).toBeCloseTo(0.004, 12);
    expect(adj[2]).toBeCloseTo(0.056, 12);
    expect(adj[3]).toBeCloseTo(0.016, 12);
    expect(benjaminiHochberg([0.9, 0.8, 1])).toEqual([1, 1, 1]);
    expect(benjaminiHochberg([0.6, 0.7])).toEqual([0.7, 0.7]);
    expect(benjaminiHochberg([])).toEqual([]);
  });
});

describe('Welch t test', () => {
  // R's `sleep` data: t.test(extra ~ group, data = sleep) prints t = -1.8608, df = 17.776,
  // p-value = 0.07939, 95% CI [-3.3654832, 0.2054832] (SciPy ttest_ind(equal_var=False) agrees).
  const g1 = meanSd([0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]);
  const g2 = meanSd([1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]);

  it('matches R t.test on the sleep data', () => {
    const r = welchTest({ ...g1, n: 10 }, { ...g2, n: 10 })!;
    expect(r.diff).toBeCloseTo(-1.58, 12);
    expect(r.statistic).toBeCloseTo(-1.8608135, 6);
    expect(r.df).toBeCloseTo(17.776474, 5);
    expect(r.p).toBeCloseTo(0.0793941, 6);
    expect(r.ci[0]).toBeCloseTo(-3.3654832, 6);
    expect(r.ci[1]).toBeCloseTo(0.2054832, 6);
  });

  it('is antisymmetric and returns null without two values per side or any variance', () => {
    const a = welchTest({ ...g1, n: 10 }, { ...g2, n: 10 })!;
    const b = welchTest({ ...g2, n: 10 }, { ...g1, n: 10 })!;
    expect(b.statistic).toBeCloseTo(-a.statistic, 12);
    expect(b.p).toBeCloseTo(a.p, 12);
    expect(welchTest({ mean: 3, sd: 1, n: 1 }, { mean: 4, sd: 1, n: 30 })).toBeNull();
    expect(welchTest({ mean: 3, sd: 0, n: 10 }, { mean: 4, sd: 0, n: 30 })).toBeNull();
  });
});

describe('NPS two-sample z test', () => {
  const A = { promoters: 90, detractors: 50, n: 200 };
  const B = { promoters: 100, detractors: 70, n: 250 };

  it('TV3 Wald: diff 0.08, SE 0.077217, z 1.0360, p 0.3002, CI [-0.0713, 0.2313]', () => {
    const r = npsTwoSampleTest(A, B, { adjusted: false })!;
    expect(r.diff).toBeCloseTo(0.08, 12);
    expect(r.se).toBeCloseTo(0.077217, 6);
    expect(r.statistic).toBeCloseTo(1.036, 4);
    expect(r.p).toBeCloseTo(0.3002, 4);
    expect(r.ci[0]).toBeCloseTo(-0.0713, 4);
    expect(r.ci[1]).toBeCloseTo(0.2313, 4);
    expect(r.df).toBeNull();
  });

  it('TV3 adjusted-Wald (the default): diff 0.078467, SE 0.076591, z 1.0245, p 0.3056', () => {
    const r = npsTwoSampleTest(A, B)!;
    expect(r.diff).toBeCloseTo(0.078467, 6);
    expect(r.se).toBeCloseTo(0.076591, 6);
    expect(r.statistic).toBeCloseTo(1.0245, 4);
    expect(r.p).toBeCloseTo(0.3056, 4);
  });

  it('returns null for an empty sample, and for zero variance only without adjustment', () => {
    expect(npsTwoSampleTest({ promoters: 0, detractors: 0, n: 0 }, B)).toBeNull();
    const allPromoters = { promoters: 20, detractors: 0, n: 20 };
    expect(npsTwoSampleTest(allPromoters, allPromoters, { adjusted: false })).toBeNull();
    expect(npsTwoSampleTest(allPromoters, allPromoters)!.p).toBeCloseTo(1, 12);
  });
});
