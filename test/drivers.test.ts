// Key drivers: Johnson's relative weights against the published mtcars vector (reference TV8),
// the eigen-decomposition, bootstrap determinism, `journey drivers` end to end on small CSVs
// with planted drivers, and the planted-effects data set when present.
import { describe, expect, it, beforeAll } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { correlationMatrix, multiply, symmetricEigen } from '../src/core/analysis/linalg.js';
import { fitDrivers, mulberry32, relativeWeights } from '../src/core/analysis/drivers-stats.js';
import { EFFECTS, effectsConfig, hasEffects } from './helpers/effects.js';
import { runJourney, tempDir, type RunResult } from './helpers/run.js';

// mtcars (R datasets): mpg, cyl, disp, hp, wt for the 32 cars, in R's row order.
const MTCARS = `21.0 6 160.0 110 2.620|21.0 6 160.0 110 2.875|22.8 4 108.0 93 2.320|21.4 6 258.0 110 3.215|18.7 8 360.0 175 3.440
|18.1 6 225.0 105 3.460|14.3 8 360.0 245 3.570|24.4 4 146.7 62 3.190|22.8 4 140.8 95 3.150|19.2 6 167.6 123 3.440|17.8 6 167.6 123 3.440
|16.4 8 275.8 180 4.070|17.3 8 275.8 180 3.730|15.2 8 275.8 180 3.780|10.4 8 472.0 205 5.250|10.4 8 460.0 215 5.424|14.7 8 440.0 230 5.345
|32.4 4 78.7 66 2.200|30.4 4 75.7 52 1.615|33.9 4 71.1 65 1.835|21.5 4 120.1 97 2.465|15.5 8 318.0 150 3.520|15.2 8 304.0 150 3.435
|13.3 8 350.0 245 3.840|19.2 8 400.0 175 3.845|27.3 4 79.0 66 1.935|26.0 4 120.3 91 2.140|30.4 4 95.1 113 1.513|15.8 8 351.0 264 3.170
|19.7 6 145.0 175 2.770|15.0 8 301.0 335 3.570|21.4 4 121.0 109 2.780`
  .split('|').map((car) => car.trim().split(/\s+/).map(Number))
  // predictors cyl, disp, hp, wt first; the outcome mpg last
  .map(([mpg, ...x]) => [...x, mpg]);

describe("Johnson's relative weights (reference TV8: mtcars, mpg ~ cyl + disp + hp + wt)", () => {
  const weights = relativeWeights(correlationMatrix(MTCARS))!;

  it('reproduces the published raw weights and R² to 7 decimals', () => {
    expect(MTCARS).toHaveLength(32);
    const published = [0.2096904, 0.1883043, 0.1799590, 0.2706812];
    weights.raw.forEach((w, j) => expect(w).toBeCloseTo(published[j], 7));
    expect(weights.r2).toBeCloseTo(0.8486348, 7);
  });

  it('reproduces the published rescaled weights to 5 decimals (they sum to 100)', () => {
    const published = [24.70914, 22.18908, 21.20570, 31.89607];
    weights.share.forEach((w, j) => expect(w).toBeCloseTo(published[j], 5));
    expect(weights.share.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 10);
  });

  it('gives each predictor the sign of its full-model coefficient (mpg falls with weight)', () => {
    expect(weights.coefficients[3]).toBeLessThan(0);
  });

  it('refuses collinear predictors instead of returning noise', () => {
    const doubled = MTCARS.map(([cyl, disp, hp, wt, mpg]) => [cyl, disp, 2 * disp, hp, wt, mpg]);
    expect(relativeWeights(correlationMatrix(doubled))).toBeNull();
  });
});

describe('symmetric eigen-decomposition (Jacobi)', () => {
  it('reconstructs the matrix from its eigenvectors and eigenvalues', () => {
    const r = correlationMatrix(MTCARS);
    const { values, vectors } = symmetricEigen(r);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    const lambda = values.map((v, i) => values.map((_, j) => (i === j ? v : 0)));
    const back = multiply(multiply(vectors, lambda), vectors.map((_, i) => vectors.map((row) => row[i])));
    back.forEach((row, i) => row.forEach((x, j) => expect(x).toBeCloseTo(r[i][j], 10)));
    expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(r.length, 10);
  });
});

describe('bootstrap intervals', () => {
  it('are reproducible for a seed and contain the estimates', () => {
    const a = fitDrivers(MTCARS, { resamples: 300, seed: 7, level: 0.95 })!;
    const b = fitDrivers(MTCARS, { resamples: 300, seed: 7, level: 0.95 })!;
    expect(a).toEqual(b);
    for (const e of a.estimates) {
      expect(e.raw_weight_ci![0]).toBeLessThanOrEqual(e.raw_weight);
      expect(e.raw_weight_ci![1]).toBeGreaterThanOrEqual(e.raw_weight);
      expect(e.share_ci![1] - e.share_ci![0]).toBeGreaterThan(0);
    }
    expect(a.r2_ci![0]).toBeLessThan(a.r2);
    expect(a.r2_ci![1]).toBeGreaterThan(a.r2);
    // Weight (wt) is the top driver; the bootstrap agrees it is rarely lower than second.
    expect(a.estimates[3].rank).toBe(1);
    expect(a.estimates[3].rank_ci![1]).toBeLessThanOrEqual(2);
  });
});

/**
 * Surveys with planted drivers: NPS (the latest answer) = delivery CSAT strongly, checkout CES a
 * little, product page nothing. Each customer also has an earlier, random NPS answer that the
 * analysis must ignore, and some customers skip the product page survey.
 */
function plantedSurveys(customers: number, seed: number): { csv: string; complete: number } {
  const random = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const lines = ['response_id,customer_id,submitted_at,touchpoint,nps,ces,csat'];
  let id = 0;
  let complete = 0;
  const row = (c: string, day: number, tp: string, nps: number | '', ces: number | '', csat: number | '') =>
    lines.push(`R${++id},${c},2025-03-${String(day).padStart(2, '0')} 12:00:00,${tp},${nps},${ces},${csat}`);
  for (let i = 1; i <= customers; i++) {
    const c = `C${i}`;
    const delivery = int(1, 5);
    const checkout = int(1, 7);
    row(c, 1, 'nps_survey', int(0, 10), '', '');
    row(c, 2, 'delivery', '', '', delivery);
    row(c, 3, 'checkout', '', checkout, '');
    const product = random() < 0.8;
    if (product) row(c, 4, 'product_page', '', '', int(1, 5));
    const latent = 0.5 + 1.6 * delivery + 0.45 * checkout + (random() + random() + random() - 1.5) * 1.6;
    row(c, 20, 'nps_survey', Math.max(0, Math.min(10, Math.round(latent))), '', '');
    if (product) complete++;
  }
  return { csv: `${lines.join('\n')}\n`, complete };
}

type DriversJson = {
  schema: string; n: number; customers_with_nps: number; r2: number; r2_ci: [number, number];
  drivers: { id: string; rank: number; share: number; share_ci: [number, number]; raw_weight: number; answers: number }[];
  dropped: { id: string; reason: string }[];
  explain?: { sql: string[]; rxx: number[][] };
};

describe('journey drivers on small CSVs with planted drivers', { timeout: 60_000 }, () => {
  const dir = tempDir();
  const planted = plantedSurveys(400, 3);
  let json: RunResult;
  let table: RunResult;
  let result: DriversJson;

  beforeAll(async () => {
    writeFileSync(join(dir, 'surveys.csv'), planted.csv);
    [json, table] = await Promise.all([
      runJourney(['drivers', dir, '--format', 'json', '--explain'], { cwd: dir }),
      runJourney(['drivers', dir], { cwd: dir }),
    ]);
    result = JSON.parse(json.stdout) as DriversJson;
  });

  it('ranks delivery CSAT first, checkout CES second and the product page last', () => {
    expect(json.code, json.stderr).toBe(0);
    expect(result.schema).toBe('journey-drivers/1');
    const ids = result.drivers.map((d) => d.id);
    expect(ids[0]).toBe('delivery.csat');
    expect(ids[1]).toBe('checkout.ces');
    expect(ids.at(-1)).toBe('product_page.csat');
    expect(result.drivers.map((d) => d.rank)).toEqual(ids.map((_, i) => i + 1));
  });

  it('analyses exactly the customers with an NPS and every driver, and reports them', () => {
    expect(result.customers_with_nps).toBe(400);
    expect(result.n).toBe(planted.complete);
    expect(result.drivers.find((d) => d.id === 'product_page.csat')!.answers).toBe(planted.complete);
    expect(result.drivers.reduce((s, d) => s + d.share, 0)).toBeCloseTo(100, 8);
    expect(result.drivers.reduce((s, d) => s + d.raw_weight, 0)).toBeCloseTo(result.r2, 10);
    for (const d of result.drivers) expect(d.share_ci[0]).toBeLessThanOrEqual(d.share_ci[1]);
  });

  it('uses the latest NPS answer: the earlier random one would explain nothing', () => {
    expect(result.r2).toBeGreaterThan(0.5);
    expect(result.r2_ci[0]).toBeGreaterThan(0.4);
  });

  it('--explain carries the SQL and the correlation matrix', () => {
    expect(result.explain!.sql.join('\n')).toContain('arg_max(nps, submitted_at)');
    expect(result.explain!.rxx).toHaveLength(result.drivers.length);
  });

  it('prints n, R² with its interval, and the method in the table', () => {
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain(`n = ${planted.complete} customers with an NPS and all 3 drivers (of 400 with an NPS)`);
    expect(table.stdout).toMatch(/R² = 0\.\d{3} \[0\.\d{3}, 0\.\d{3}\]/);
    expect(table.stdout).toContain('delivery · CSAT');
    expect(table.stdout).toContain('bootstrap');
    // A strong fit needs no warning in words; the demo's weak one (R² 0.002) has it (golden drivers.txt).
    expect(table.stdout).not.toContain('says little about whether they recommend you');
  });

  it('names the available drivers when --predictors asks for one without answers (exit 2)', async () => {
    const bad = await runJourney(['drivers', dir, '--predictors', 'delivery.csat,returns.csat'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('returns.csat');
    expect(bad.stderr).toContain('available: ');
    expect(bad.stderr).toContain('checkout.ces');
    expect(bad.stdout).toBe('');
  });

  it('--predictors fixes the drivers; CSV has one row per driver', async () => {
    const csv = await runJourney(['drivers', dir, '--predictors', 'checkout.ces,delivery.csat', '--format', 'csv', '--resamples', '100'], { cwd: dir });
    expect(csv.code, csv.stderr).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^rank,driver,touchpoint,measure,share_pct,share_ci_low,share_ci_high/);
    expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual(['delivery.csat', 'checkout.ces']);
    expect(Number(lines[1].split(',')[14])).toBe(400);
  });

  it('says what is missing when there is no NPS (exit 65)', async () => {
    const none = tempDir();
    writeFileSync(join(none, 'surveys.csv'), 'response_id,customer_id,submitted_at,touchpoint,csat\nR1,C1,2025-01-01,delivery,4\n');
    const run = await runJourney(['drivers', none], { cwd: none });
    expect(run.code).toBe(65);
    expect(run.stderr).toContain('NPS answers');
  });
});

describe.skipIf(!hasEffects)('journey drivers on the planted-effects data set', { timeout: 60_000 }, () => {
  it('puts delivery CSAT first, checkout CES second and the product page last', async () => {
    const run = await runJourney(['drivers', `survey=${join(EFFECTS, 'surveys.csv')}`, '--config', await effectsConfig(), '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as DriversJson;
    const ids = result.drivers.map((d) => d.id);
    expect(ids[0]).toBe('delivery.csat');
    expect(ids[1]).toBe('checkout.ces');
    expect(ids.at(-1)).toMatch(/^product_page\./);
    const productPage = ids.filter((id) => id.startsWith('product_page.'));
    expect(ids.slice(-productPage.length)).toEqual(productPage);
    expect(result.dropped.find((d) => d.id === 'gift_wrap.csat')?.reason).toBe('too_few_answers');
  });
});
