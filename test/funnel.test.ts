// `journey funnel` on fixtures/identity (stitched persons; see its journey.yaml), every expected
// count worked out by hand from the fixture's rows in the comments. One JSON run covers the four
// funnels; one more covers --segment.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { funnelResultSchema, type FunnelResult } from '../src/core/contracts/funnel.js';
import { ROOT, runJourney, tempDir } from './helpers/run.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { reportSchema } from '../src/core/contracts/report.js';

const FIXTURE = join(ROOT, 'fixtures', 'identity');
const CONFIG = join(FIXTURE, 'journey.yaml');
const counts = (r: FunnelResult, id: string) =>
  r.funnels.find((f) => f.id === id)!.steps.map((s) => [s.entered, s.converted, s.pending]);

describe('journey funnel on fixtures/identity', () => {
  let result: FunnelResult;
  beforeAll(async () => {
    const run = await runJourney(['funnel', FIXTURE, '-c', CONFIG, '--format', 'json']);
    expect(run.code).toBe(0);
    result = funnelResultSchema.parse(JSON.parse(run.stdout));
  });

  it('follows stitched persons across web, orders, tickets and surveys, with an absent step', () => {
    // Product views: C1 (u1), C4 (u5 = C5), C6 (u7 = C6 and C7): 3 persons. Each pays within 2 days
    // (O1 24 h after C1's first view, O4 and O6 1 h after). No delivery ticket within 7 days: C1 had
    // T1 the next day (out); C4 had none (in); C6's window closes 03-13 10:00, after the last row of
    // the data (R3/R4, 03-12 12:00): pending. Promoter within 30 days: C4's R2 (nps 10), 50 h later.
    expect(counts(result, 'after_view')).toEqual([[3, 3, 0], [3, 3, 0], [2, 1, 1], [1, 1, 0]]);
    const steps = result.funnels[0]!.steps;
    expect(steps.map((s) => s.conversion)).toEqual([null, 100, 50, 100]);
    expect(steps[2]!.ci![0]).toBeCloseTo(9.45, 2); // Wilson 1 of 2
    expect(steps.map((s) => s.median_hours_to_next)).toEqual([1, null, 50, null]); // median of 24, 1, 1 h
    expect(result.funnels[0]!.data_end).toBe('2025-03-12T12:00:00Z');
  });

  it('a session funnel counts sessions, with a 30-minute window', () => {
    // Sessions with a product view: s1, s2, s4, s5, s6; only s1 adds to cart (5 minutes later).
    expect(counts(result, 'cart')).toEqual([[5, 5, 0], [5, 1, 0]]);
    expect(result.funnels[1]!.steps[0]!.median_hours_to_next).toBeCloseTo(5 / 60, 6);
  });

  it('a session funnel run alone skips stitching and counts the same', async () => {
    // The statements a run made, from JOURNEY_PROFILE (read when the database closes).
    const statements = async (funnel: string) => {
      const profile = join(tempDir(), 'profile.txt');
      process.env.JOURNEY_PROFILE = profile;
      try {
        const run = await runJourney(['funnel', FIXTURE, '-c', CONFIG, '--funnel', funnel, '--format', 'json']);
        expect(run.code).toBe(0);
        return { result: funnelResultSchema.parse(JSON.parse(run.stdout)), log: readFileSync(profile, 'utf8') };
      } finally {
        delete process.env.JOURNEY_PROFILE;
      }
    };
    const session = await statements('cart');
    expect(session.result.funnels[0]!.steps).toEqual(result.funnels.find((f) => f.id === 'cart')!.steps);
    expect(session.log).not.toContain('CREATE TABLE journey_identity');
    expect((await statements('after_view')).log).toContain('CREATE TABLE journey_identity');
  });

  it('ordered needs the next step after the previous; any order takes it on either side', () => {
    // Paying persons: C1, C2, bob, C4, C6. A view within 1 day after an order: only C6 (O6 03-06 10:00,
    // view 03-07 09:00). Within 1 day either side: C1 (24 h before), C4 (1 h before), C6.
    expect(counts(result, 'order_then_view')).toEqual([[5, 5, 0], [5, 1, 0]]);
    expect(counts(result, 'order_around_view')).toEqual([[5, 5, 0], [5, 3, 0]]);
  });

  it('journey report carries the same funnels and the identity coverage in JSON, Markdown and the table', async () => {
    const dir = tempDir();
    const files = await runJourney(['report', FIXTURE, '-c', CONFIG, '--format', 'json,md', '-o', dir, '-q']);
    expect(files.code).toBe(0);
    const report = reportSchema.parse(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')));
    expect(report.funnels).toEqual(result.funnels);
    // Coverage worked out in test/identity.test.ts: 3 of 4 answers, 6 of 7 orders, 5 of 6 sessions link.
    expect(report.identity!.map((c) => [c.kind, c.units, c.linked])).toEqual([['survey', 4, 3], ['ticket', 3, 3], ['order', 7, 6], ['web', 6, 5]]);
    const md = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(md).toContain('- 75% of survey answers (3 of 4) link to a person seen in another kind; 50% to a customer with orders');
    expect(md).toContain('| 3. no no_ticket (within 7 d) | 2 | 1 | 50.0% [9.5, 90.5] (low n) | 1 |');
    const table = await runJourney(['report', FIXTURE, '-c', CONFIG, '-q']);
    expect(table.stdout).toContain('Stitched across kinds: answers 75%, tickets 100%, orders 86%, web sessions 83%');
    expect(table.stdout).toMatch(/ {2}2\. cart \(within 30 min\) +5 +1 +20\.0% \[3\.6, 62\.4\] low n\n/);
    expect(table.stdout).toContain('Step 3: 1 pending');
  });
});

describe('journey funnel --segment', () => {
  it('tests each value against the one with most units, per step', async () => {
    // Segment by the first page: 'a' (s1, s2: 1 of 2 add to cart) against 'other' (s4, s5, s6: 0 of 3).
    // Pooled 1/5: z = 0.5 / sqrt(0.2 * 0.8 * (1/2 + 1/3)) = 1.369, p = 0.171; one test, so BH leaves it.
    const run = await runJourney(['funnel', FIXTURE, '-c', CONFIG, '--funnel', 'cart', '--segment', 'product', '--format', 'json']);
    const seg = funnelResultSchema.parse(JSON.parse(run.stdout)).funnels[0]!.segment!;
    expect(seg.reference).toBe('other');
    const a = seg.values.find((v) => v.value === 'a')!.steps[1]!;
    expect([a.entered, a.converted, a.difference]).toEqual([2, 1, 50]);
    expect(a.p_value).toBeCloseTo(0.1709, 3);
    expect(a.p_adjusted).toBeCloseTo(0.1709, 3);
    expect(a.significant).toBe(false);
  });

  it('--before/--after compares each step by when units did step 1', async () => {
    // February: s1 (1 of 1 adds to cart); March: s2, s4, s5, s6 (0 of 4). Pooled 1/5:
    // z = -1 / sqrt(0.2 x 0.8 x (1/4 + 1)) = -2.236, p = 0.0253, the only test: significant.
    const run = await runJourney(['funnel', FIXTURE, '-c', CONFIG, '--funnel', 'cart', '--before', '2025-02-01..2025-02-28', '--after', '2025-03-01..2025-03-31', '--format', 'json']);
    const cart = funnelResultSchema.parse(JSON.parse(run.stdout)).funnels[0]!.periods!.steps[1]!;
    expect([cart.before.converted, cart.before.entered, cart.after.converted, cart.after.entered, cart.difference]).toEqual([1, 1, 0, 4, -100]);
    expect(cart.p_value).toBeCloseTo(0.0253, 4);
    expect(cart.significant).toBe(true);
  });

  it('a step rule that does not bind is a config error naming its path', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'journey.yaml'), 'funnels:\n  - id: f\n    steps:\n      - { id: a, match: { web: "no_such_column = 1" } }\n      - { id: b, match: { order: "status = \'paid\'" } }\n');
    const run = await runJourney(['funnel', FIXTURE, '-c', join(dir, 'journey.yaml')]);
    expect(run.code).toBe(78);
    expect(run.stderr).toContain('funnels[0].steps[0].match.web');
  });
});
