// Identity stitching end to end: fixtures/identity has known components (an email in tickets linked
// to a customer id in orders linked to a web user id; a chain C4 - dan - C5 - u5; a cycle
// C6 - u7 - C7 - eve - C6), and a generated chain of 200 identifiers checks that label propagation
// settles on long chains. Expected values are worked out by hand in the comments.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runJourney, tempDir } from './helpers/run.js';

const FIXTURE = join(ROOT, 'fixtures', 'identity');
const CONFIG = join(FIXTURE, 'journey.yaml');

interface Kpi { id: string; value: number | null; n: number }
const repeat = (stdout: string) => (JSON.parse(stdout) as { kpis: Kpi[] }).kpis.find((k) => k.id === 'repeat_purchase_rate')!;

describe('identity stitching on fixtures/identity', () => {
  let validate: { identity: unknown };
  let stderr: string;
  beforeAll(async () => {
    const run = await runJourney(['validate', FIXTURE, '-c', CONFIG, '--format', 'json']);
    expect(run.code).toBe(0);
    validate = JSON.parse(run.stdout);
  });

  it('merges a chain and a cycle into one customer each: repeat purchase 2 of 5 persons', async () => {
    // Persons with paid orders: C1 (O1), C2 (O2), bob (O3), C4 = {C4, dan, C5} (O4, O5), C6 = {C6, eve, C7} (O6, O7).
    const run = await runJourney(['report', FIXTURE, '-c', CONFIG, '--format', 'json', '-v']);
    expect(run.code).toBe(0);
    expect(repeat(run.stdout)).toMatchObject({ value: 40, n: 5 });
    stderr = run.stderr;
  });

  it('without identity: every order is its own customer (0 of 7)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'journey.yaml'), 'timezone: UTC\n');
    const run = await runJourney(['report', FIXTURE, '-c', join(dir, 'journey.yaml'), '--format', 'json']);
    expect(repeat(run.stdout)).toMatchObject({ value: 0, n: 7 });
    expect(run.stderr).not.toContain('identity:');
  });

  it('validate reports the share of each kind linked to a person seen in another kind', () => {
    // surveys: ann (C1), C5 (-> C4), zed (ticket T3) link; C99 does not. With orders: ann, C5.
    // tickets: ann, bob (order O3), zed (survey R3); with orders: ann, bob.
    // orders: all but C2. sessions: s1, s2 (u1 -> C1), s4 (C5 -> C4), s5, s6 (C6 = C7); not s3 (u9).
    expect(validate.identity).toEqual([
      { kind: 'survey', unit: 'answers', units: 4, linked: 3, with_orders: 2 },
      { kind: 'ticket', unit: 'tickets', units: 3, linked: 3, with_orders: 2 },
      { kind: 'order', unit: 'orders', units: 7, linked: 6, with_orders: null },
      { kind: 'web', unit: 'sessions', units: 6, linked: 5, with_orders: 5 },
    ]);
  });

  it('with -v every data command says the coverage on stderr', () => {
    expect(stderr).toContain('identity: 75% of survey answers, 100% of tickets, 86% of orders, 83% of web sessions link to a person seen in another kind');
  });
});

describe('a long chain', () => {
  it('links 101 customer ids through 100 emails into one person', async () => {
    // Orders 2i and 2i+1 share email e(i) and carry K(i) and K(i+1): K000 - e0 - K001 - e1 - ... - K100,
    // with the smallest label (K000) at one end, so it has to travel the whole chain.
    const dir = tempDir();
    const key = (i: number) => `K${String(i).padStart(3, '0')}`;
    const rows = Array.from({ length: 100 }, (_, i) => [
      `O${2 * i},${key(i)},e${i}@example.com,2025-03-01 10:00:00,10.00,EUR,paid`,
      `O${2 * i + 1},${key(i + 1)},e${i}@example.com,2025-03-01 10:00:00,10.00,EUR,paid`,
    ]).flat();
    writeFileSync(join(dir, 'orders.csv'), `order_id,customer_id,email,ordered_at,amount,currency,status\n${rows.join('\n')}\n`);
    writeFileSync(join(dir, 'journey.yaml'), 'identity:\n  link: [customer_id, email]\n');
    const run = await runJourney(['report', join(dir, 'orders.csv'), '-c', join(dir, 'journey.yaml'), '--format', 'json']);
    expect(run.code).toBe(0);
    // One person with 200 paid orders: repeat purchase 1 of 1.
    expect(repeat(run.stdout)).toMatchObject({ value: 100, n: 1 });
  });

  it('a user_id shared by four customer ids (more than max_customer_ids, 3) links none of them', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'orders.csv'), 'order_id,customer_id,ordered_at,amount,currency,status\n' +
      [1, 2, 3, 4].map((i) => `O${i},C${i},2025-03-0${i} 10:00:00,10.00,EUR,paid`).join('\n') + '\n');
    writeFileSync(join(dir, 'web_events.csv'), 'timestamp,session_id,user_id,customer_id,event\n' +
      [1, 2, 3, 4].map((i) => `2025-03-0${i}T09:00:00Z,s${i},family,C${i},page_view`).join('\n') + '\n');
    writeFileSync(join(dir, 'journey.yaml'), 'identity:\n  link: [customer_id, user_id]\n');
    const run = await runJourney(['report', dir, '-c', join(dir, 'journey.yaml'), '--format', 'json']);
    // Linked, C1-C4 would be one person with 4 orders (100% of 1); kept apart: 0 of 4.
    expect(repeat(run.stdout)).toMatchObject({ value: 0, n: 4 });
    expect(run.stderr).toContain('1 identifier(s) seen with more than 3 customer ids');
  });
});
