// Johnson's relative weights (Johnson 2000; Tonidandel & LeBreton 2015) and their bootstrap
// intervals: pure functions over a per-customer score matrix, no I/O.
import { apply, correlationMatrix, spectralMap, symmetricEigen, type Matrix } from './linalg.js';

export interface RelativeWeights {
  /** ε_j: the share of the outcome's variance attributed to predictor j; they sum to R². */
  raw: number[];
  /** 100·ε_j/R²: the share of the explained variance, summing to 100. */
  share: number[];
  r2: number;
  /** Standardised regression coefficients of the full model (Rxx⁻¹ r_xy): their sign is the direction. */
  coefficients: number[];
}

/** Every intermediate of the computation, for `--explain`. */
export interface RelativeWeightComponents extends RelativeWeights {
  rxx: Matrix;
  rxy: number[];
  eigenvalues: number[];
  /** Λ* = V Λ^½ Vᵀ: the correlations between the predictors and their orthogonal counterparts. */
  lambdaStar: Matrix;
  /** β = Λ*⁻¹ r_xy: regression of the outcome on the orthogonal counterparts. */
  beta: number[];
}

/** Smallest eigenvalue (relative to the largest) we accept before calling predictors collinear. */
const COLLINEAR = 1e-10;

/**
 * Relative weights from a correlation matrix whose last row and column are the outcome. Returns
 * null when the predictors are (nearly) collinear or a correlation is undefined (a constant column).
 */
export function relativeWeights(r: Matrix): RelativeWeightComponents | null {
  const p = r.length - 1;
  if (r.some((row) => row.some((x) => !Number.isFinite(x)))) return null;
  const rxx = r.slice(0, p).map((row) => row.slice(0, p));
  const rxy = r.slice(0, p).map((row) => row[p]);
  const eigen = symmetricEigen(rxx);
  if (!(eigen.values[p - 1] > COLLINEAR * eigen.values[0])) return null;
  const lambdaStar = spectralMap(eigen, Math.sqrt);
  const beta = apply(spectralMap(eigen, (l) => 1 / Math.sqrt(l)), rxy);
  const raw = lambdaStar.map((row) => row.reduce((sum, l, k) => sum + l * l * beta[k] * beta[k], 0));
  const r2 = beta.reduce((sum, b) => sum + b * b, 0);
  const coefficients = apply(spectralMap(eigen, (l) => 1 / l), rxy);
  return {
    rxx, rxy, eigenvalues: eigen.values, lambdaStar, beta, raw, r2, coefficients,
    share: raw.map((e) => (r2 > 0 ? (100 * e) / r2 : 0)),
  };
}

/** mulberry32: a small, fast, seedable PRNG, so bootstrap intervals are the same on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Percentile interval of a sample (linear interpolation, R type 7). */
function percentileInterval(values: number[], level: number): [number, number] {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => {
    const h = (sorted.length - 1) * q;
    const i = Math.floor(h);
    return i + 1 < sorted.length ? sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
  };
  return [at((1 - level) / 2), at(1 - (1 - level) / 2)];
}

export interface DriverEstimate {
  raw_weight: number;
  raw_weight_ci: [number, number] | null;
  share: number;
  share_ci: [number, number] | null;
  coefficient: number;
  /** Rank 1 = most important; rank_ci is the percentile interval of the rank over resamples. */
  rank: number;
  rank_ci: [number, number] | null;
}

export interface DriverFit {
  n: number;
  r2: number;
  r2_ci: [number, number] | null;
  estimates: DriverEstimate[];
  components: RelativeWeightComponents;
  /** Resamples that gave a usable fit (a resample can draw a constant column). */
  resamples: number;
}

export interface BootstrapOptions {
  resamples: number;
  seed: number;
  level: number;
}

const ranksOf = (values: number[]) => {
  const order = values.map((_, i) => i).sort((a, b) => values[b] - values[a]);
  const ranks = new Array<number>(values.length);
  order.forEach((idx, r) => { ranks[idx] = r + 1; });
  return ranks;
};

/**
 * Relative weights of the predictor columns for the last (outcome) column, with nonparametric
 * bootstrap percentile intervals (customers resampled with replacement). Null when the full
 * sample is collinear or has a constant column.
 */
export function fitDrivers(rows: number[][], options: BootstrapOptions): DriverFit | null {
  const components = relativeWeights(correlationMatrix(rows));
  if (!components) return null;
  const p = components.raw.length;
  const random = mulberry32(options.seed);
  const raws: number[][] = Array.from({ length: p }, () => []);
  const shares: number[][] = Array.from({ length: p }, () => []);
  const ranks: number[][] = Array.from({ length: p }, () => []);
  const r2s: number[] = [];
  const counts = new Array<number>(rows.length);
  for (let b = 0; b < options.resamples; b++) {
    counts.fill(0);
    for (let i = 0; i < rows.length; i++) counts[Math.floor(random() * rows.length)]++;
    const fit = relativeWeights(correlationMatrix(rows, counts));
    if (!fit) continue;
    r2s.push(fit.r2);
    const rank = ranksOf(fit.raw);
    for (let j = 0; j < p; j++) {
      raws[j].push(fit.raw[j]);
      shares[j].push(fit.share[j]);
      ranks[j].push(rank[j]);
    }
  }
  const enough = r2s.length >= 20;
  const ci = (values: number[]) => (enough ? percentileInterval(values, options.level) : null);
  const rank = ranksOf(components.raw);
  return {
    n: rows.length,
    r2: components.r2,
    r2_ci: ci(r2s),
    resamples: r2s.length,
    components,
    estimates: components.raw.map((raw, j) => ({
      raw_weight: raw,
      raw_weight_ci: ci(raws[j]),
      share: components.share[j],
      share_ci: ci(shares[j]),
      coefficient: components.coefficients[j],
      rank: rank[j],
      rank_ci: ci(ranks[j]),
    })),
  };
}
