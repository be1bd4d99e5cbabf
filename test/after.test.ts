// `journey after` on fixtures/identity (stitched persons; see its journey.yaml), worked by hand:
// first paid orders in the period: C1 03-01, C2 03-02, bob 03-03, C4 03-04 10:00, C6 03-06 10:00.
// Within 14 days after: delivery tickets C1 (T1), bob (T2); product views C6 only (C1's and C4's
// came before their order); survey answers C1 (R1, nps 9), C4 (R2, nps 10). Another paid order
// later: C4 (O5 via C5), C6 (O7 via C7).
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { afterResultSchema, type AfterResult } from '../src/core/contracts/after.js';
import { ROOT, runJourney } from './helpers/run.js';

const FIXTURE = join(ROOT, 'fixtures', 'identity');
const CONFIG = join(FIXTURE, 'journey.yaml');

describe('journey after', () => {
  let r: AfterResult;
  beforeAll(async () => {
    const run = await runJourney(['after', FIXTURE, '-c', CONFIG, '--format', 'json']);
    expect(run.code).toBe(0);
    r = afterResultSchema.parse(JSON.parse(run.stdout));
  });

  it('splits the customers per touchpoint met after their first order', () => {
    expect(r.customers).toBe(5);
    expect(r.touchpoints.map((t) => [t.touchpoint, t.met.customers, t.not_met.customers])).toEqual([
      ['delivery', 2, 3], ['product', 1, 4], ['survey', 2, 3],
    ]);
  });

  it('compares repeat purchase and NPS with intervals and BH-adjusted tests (service recovery)', () => {
    const d = r.touchpoints[0]!;
    // Met (C1, bob): 0 of 2 bought again; not met (C2, C4, C6): 2 of 3. NPS: C1's 9 against C4's 10.
    expect([d.met.repeat_purchase.value, d.not_met.repeat_purchase.value]).toEqual([0, (100 * 2) / 3]);
    expect([d.met.nps, d.not_met.nps].map((x) => [x.value, x.n])).toEqual([[100, 1], [100, 1]]);
    // Pooled 2/5: z = -0.667 / sqrt(0.24 x (1/2 + 1/3)) = -1.491, p = 0.136. Four tests in the run
    // (product 1/1 vs 1/4: p 0.171; survey 1/2 vs 1/3: p 0.709; delivery NPS: p 1): BH gives 0.342.
    expect(d.repeat_purchase.delta).toBeCloseTo(-66.67, 2);
    expect(d.repeat_purchase.p_value).toBeCloseTo(0.136, 3);
    expect(d.repeat_purchase.p_adjusted).toBeCloseTo(0.342, 3);
    expect(d.repeat_purchase.ci![0]).toBeLessThan(0);
    expect(r.touchpoints[1]!.met.nps).toEqual({ value: null, ci: null, n: 0 });
  });

  it('--kind and --within narrow what counts as meeting a touchpoint', async () => {
    // Tickets only, within 1 day: only C1's T1 (23 h after O1); bob's T2 came 7 days later.
    const run = await runJourney(['after', FIXTURE, '-c', CONFIG, '--kind', 'ticket', '--within', '1d', '--format', 'json']);
    const t = afterResultSchema.parse(JSON.parse(run.stdout)).touchpoints;
    expect(t.map((x) => [x.touchpoint, x.met.customers])).toEqual([['delivery', 1]]);
  });
});
