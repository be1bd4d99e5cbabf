// `journey friction` end to end on small hand-made exports whose friction can be counted by hand,
// and on the planted-effects data set (fixtures/effects/) when present: the ranking, the robustness
// to tiny samples, privacy withholding, the explanation (components, SQL), period flags, moments
// of truth, and the same objects in the report.
import { describe, it, expect, beforeAll } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { wilson } from '../src/core/kpis/stats.js';
import { frictionReportSchema } from '../src/core/contracts/friction.js';
import { reportSchema } from '../src/core/contracts/report.js';
import { ROOT, runJourney, tempDir, type RunResult } from './helpers/run.js';

interface Component {
  affected: number | null; n: number; rate: number | null; ci: [number, number] | null;
  baseline: number; baseline_n: number; excess: number; contribution: number; share: number; flags: string[];
}
interface Entry { rank: number; touchpoint: string; stage: string; score: number; n: number; components: Record<string, Component>; why: string }
interface Driver { touchpoint: string; measure: string; importance: { r: number | null; n: number }; performance: { gap: number | null }; from_data: boolean; verdict: string }
interface Moment { touchpoint: string; marked: boolean; from_data: boolean; drivers: Driver[] }
interface FrictionDoc { schema: string; friction: Entry[]; moments_of_truth: Moment[]; baselines: { id: string; n: number; affected: number }[]; sql?: { sql: string }[] }

const CONFIG = (minCell: number) => `timezone: UTC
min_cell: ${minCell}
touchpoints:
  - { id: product_page, stage: consideration, match: { web: "page LIKE '/product/%'", survey: "touchpoint = 'product_page'" } }
  - { id: checkout, stage: purchase, moment_of_truth: true, match: { web: "page LIKE '/checkout%'", survey: "touchpoint = 'checkout'" } }
  - { id: gift_wrap, stage: purchase, match: { survey: "touchpoint = 'gift_wrap'" } }
  - { id: delivery, label: Delivery, stage: service, moment_of_truth: true, match: { survey: "touchpoint = 'delivery'" } }
  - { id: returns, label: Returns, stage: service, match: { survey: "touchpoint = 'returns'", ticket: "touchpoint = 'returns'" } }
  - { id: support, stage: service, match: { ticket: "touchpoint = 'support'" } }
  - { id: nps_survey, stage: loyalty, match: { survey: "touchpoint = 'nps_survey'" } }
`;

/**
 * returns: 200 answers, half CSAT 2 / CES 2 (20 of them in December 2024); gift_wrap: 3 answers,
 * all CSAT 1 / CES 1; delivery: 300 answers, 30 CSAT 3, all CES 6; checkout: 10 answers, 3 CSAT 2
 * (above the journey's share, but well inside the noise of 10 answers). Tickets: returns 10 (6
 * reopened, 48 h each), support 10 (2 h). Web: four sessions over product pages and checkout.
 */
function writeSmallExports(dir: string): void {
  const surveys = ['response_id,customer_id,submitted_at,touchpoint,nps,ces,csat'];
  let id = 0;
  const add = (tp: string, at: string, csat: number, ces: number) => surveys.push(`R${++id},C${id},${at},${tp},,${ces},${csat}`);
  for (let i = 0; i < 200; i++) add('returns', i % 10 === 0 ? '2024-12-15 10:00:00' : '2025-02-10 10:00:00', i < 100 ? 2 : 5, i < 100 ? 2 : 6);
  for (let i = 0; i < 3; i++) add('gift_wrap', '2025-02-11 10:00:00', 1, 1);
  for (let i = 0; i < 300; i++) add('delivery', '2025-02-12 10:00:00', i < 30 ? 3 : 4, 6);
  for (let i = 0; i < 10; i++) add('checkout', '2025-02-13 10:00:00', i < 3 ? 2 : 5, 6);
  writeFileSync(join(dir, 'surveys.csv'), surveys.join('\n') + '\n');

  const tickets = ['ticket_id,customer_id,created_at,first_response_at,solved_at,status,touchpoint,replies,reopens,csat'];
  for (let i = 0; i < 10; i++) tickets.push(`T${i},C${i},2025-02-01 10:00:00,2025-02-01 11:00:00,2025-02-03 10:00:00,solved,returns,1,${i < 6 ? 1 : 0},`);
  for (let i = 10; i < 20; i++) tickets.push(`T${i},C${i},2025-02-01 10:00:00,2025-02-01 11:00:00,2025-02-01 12:00:00,solved,support,1,0,`);
  writeFileSync(join(dir, 'tickets.csv'), tickets.join('\n') + '\n');

  // s1 ends at checkout without buying; s2 buys; s3 ends on a product page; s4 goes back to one.
  const web = ['timestamp,session_id,user_id,event,page', ...[
    ['2025-02-01T10:00:00Z', 's1', 'page_view', '/product/bike'], ['2025-02-01T10:01:00Z', 's1', 'page_view', '/checkout'],
    ['2025-02-01T11:00:00Z', 's2', 'page_view', '/product/bike'], ['2025-02-01T11:01:00Z', 's2', 'page_view', '/checkout'],
    ['2025-02-01T11:02:00Z', 's2', 'purchase', '/checkout/confirm'],
    ['2025-02-01T12:00:00Z', 's3', 'page_view', '/product/lock'],
    ['2025-02-01T13:00:00Z', 's4', 'page_view', '/checkout'], ['2025-02-01T13:01:00Z', 's4', 'page_view', '/product/lock'],
  ].map(([at, session, event, page]) => `${at},${session},u-${session},${event},${page}`)];
  writeFileSync(join(dir, 'web_events.csv'), web.join('\n') + '\n');
  writeFileSync(join(dir, 'journey.yaml'), CONFIG(5));
  writeFileSync(join(dir, 'journey-all.yaml'), CONFIG(0));
}

/** Customer i's NPS follows their delivery CSAT; their product-page CSAT is unrelated to it. */
function writeDriverExports(dir: string): { delivery: [number, number][]; product: [number, number][] } {
  const rows = ['response_id,customer_id,submitted_at,touchpoint,nps,ces,csat'];
  const delivery: [number, number][] = [];
  const product: [number, number][] = [];
  for (let i = 0; i < 60; i++) {
    const d = 1 + (i % 5);
    const p = 3 + (Math.floor(i / 5) % 3);
    const nps = 2 * (i % 5) + (i % 2);
    rows.push(`D${i},K${i},2025-03-01 10:00:00,delivery,,,${d}`, `P${i},K${i},2025-03-02 10:00:00,product_page,,,${p}`,
      `N${i},K${i},2025-03-05 10:00:00,nps_survey,${nps},,`);
    delivery.push([d, nps]);
    product.push([p, nps]);
  }
  writeFileSync(join(dir, 'surveys.csv'), rows.join('\n') + '\n');
  writeFileSync(join(dir, 'journey.yaml'), CONFIG(5));
  return { delivery, product };
}

function pearson(pairs: [number, number][]): number {
  const n = pairs.length;
  const mx = pairs.reduce((s, [x]) => s + x, 0) / n;
  const my = pairs.reduce((s, [, y]) => s + y, 0) / n;
  const cov = pairs.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const vx = pairs.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  const vy = pairs.reduce((s, [, y]) => s + (y - my) ** 2, 0);
  return cov / Math.sqrt(vx * vy);
}

const parse = (r: RunResult) => JSON.parse(r.stdout) as FrictionDoc;
const entry = (doc: FrictionDoc, id: string) => doc.friction.find((e) => e.touchpoint === id)!;
/** The plain calculation: max(0, Wilson lower bound - baseline) x n. */
const expected = (k: number, n: number, baseK: number, baseN: number) => Math.max(0, wilson(k, n)![0] - baseK / baseN) * n;

describe('journey friction on small hand-made exports', { timeout: 120_000 }, () => {
  const dir = tempDir();
  let all: FrictionDoc;
  let withheld: FrictionDoc;
  let since: FrictionDoc;
  let runs: RunResult[];

  beforeAll(async () => {
    writeSmallExports(dir);
    runs = await Promise.all([
      runJourney(['friction', '.', '-c', 'journey-all.yaml', '--format', 'json'], { cwd: dir }),
      runJourney(['friction', '.', '--format', 'json'], { cwd: dir }),
      runJourney(['friction', '.', '-c', 'journey-all.yaml', '--format', 'json', '--since', '2025-01-01'], { cwd: dir }),
    ]);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    [all, withheld, since] = runs.map(parse);
  });

  it('follows the journey-friction/1 schema, with the report\'s friction objects', () => {
    for (const r of runs) expect(() => frictionReportSchema.parse(JSON.parse(r.stdout))).not.toThrow();
    expect(all.schema).toBe('journey-friction/1');
  });

  it('ranks the consistently bad touchpoint above three terrible answers', () => {
    expect(all.friction[0]!.touchpoint).toBe('returns');
    expect(all.friction[0]!.rank).toBe(1);
    const gift = entry(all, 'gift_wrap');
    expect(gift.rank).toBe(2);
    expect(gift.components.low_csat!.rate).toBe(100);
    // 3 of 3 at CSAT 1: bad, but the interval's lower bound keeps the excess small and n is 3.
    expect(gift.score).toBeLessThan(entry(all, 'returns').score / 20);
  });

  it('computes each contribution as max(0, Wilson lower bound - journey share) x n', () => {
    const r = entry(all, 'returns').components;
    // CSAT 1-3: 100 + 3 + 30 + 3 of 513 answers journey-wide; CES 1-3: 100 + 3 of 513.
    expect(r.low_csat).toMatchObject({ affected: 100, n: 200, baseline_n: 513 });
    expect(r.low_csat!.baseline).toBeCloseTo((100 * 136) / 513, 10);
    expect(r.low_csat!.contribution).toBeCloseTo(expected(100, 200, 136, 513), 10);
    expect(r.high_effort!.contribution).toBeCloseTo(expected(100, 200, 103, 513), 10);
    expect(entry(all, 'gift_wrap').components.high_effort!.contribution).toBeCloseTo(expected(3, 3, 103, 513), 10);
    // Tickets: 6 of 10 reopened at returns (6 of 20 overall); all 10 slower than the 25 h median.
    expect(r.repeat_contact).toMatchObject({ affected: 6, n: 10, baseline_n: 20 });
    expect(r.repeat_contact!.contribution).toBeCloseTo(expected(6, 10, 6, 20), 10);
    expect(r.slow_resolution).toMatchObject({ affected: 10, n: 10 });
    expect(r.slow_resolution!.contribution).toBeCloseTo(expected(10, 10, 10, 20), 10);
  });

  it('gives components that sum to the score, and shares that sum to 100%', () => {
    for (const e of all.friction) {
      const parts = Object.values(e.components);
      expect(parts.reduce((s, c) => s + c.contribution, 0)).toBeCloseTo(e.score, 10);
      if (e.score > 0) expect(parts.reduce((s, c) => s + c.share, 0)).toBeCloseTo(100, 8);
    }
  });

  it('gives 0 to a touchpoint with no bad evidence, and says why', () => {
    const delivery = entry(all, 'delivery');
    expect(delivery.score).toBe(0);
    expect(delivery.components.low_csat).toMatchObject({ affected: 30, n: 300, contribution: 0, excess: 0 });
    expect(delivery.why).toMatch(/^No evidence of more friction/);
    expect(entry(all, 'support').score).toBe(0);
    // 3 of 10 is above the journey's 26.5%, but the interval reaches far below it: not evidence.
    const checkout = entry(all, 'checkout');
    expect(checkout.components.low_csat).toMatchObject({ affected: 3, n: 10, rate: 30, contribution: 0 });
    expect(checkout.score).toBe(0);
    expect(checkout.why).toContain('CSAT 1-3 is 30.0% of 10 CSAT answers against 26.5% journey-wide, but its 95% interval reaches down to 10.8%');
  });

  it('names the biggest contributors with their numbers in `why`', () => {
    const why = entry(all, 'returns').why;
    expect(why).toContain('100 of 200 CES answers were 1-3 (hard) (50.0%');
    expect(why).toContain('100 of 200 CSAT answers were 1-3');
    expect(why).toMatch(/journey-wide 20\.1%/);
  });

  it('counts drop-off as sessions that end at the touchpoint without a purchase', () => {
    // checkout: s1 ends there; s2 bought; s4 moved on. product pages: s3 and s4 end there.
    expect(entry(all, 'checkout').components.drop_off).toMatchObject({ affected: 1, n: 3, baseline_n: 7 });
    expect(entry(all, 'product_page').components.drop_off).toMatchObject({ affected: 2, n: 4 });
    expect(entry(all, 'checkout').components.drop_off!.baseline).toBeCloseTo(300 / 7, 10);
  });

  it('withholds survey shares from fewer than min_cell respondents, and their contribution', () => {
    const gift = entry(withheld, 'gift_wrap');
    expect(gift.components.low_csat).toMatchObject({ rate: null, ci: null, affected: null, contribution: 0, n: 3 });
    expect(gift.components.low_csat!.flags).toContain('suppressed');
    expect(gift.score).toBe(0);
    expect(gift.why).toContain('withheld');
    expect(entry(withheld, 'returns').rank).toBe(1);
  });

  it('--since drops answers before the period from touchpoint and baseline', () => {
    const r = entry(since, 'returns').components.low_csat!;
    expect(r).toMatchObject({ affected: 90, n: 180, baseline_n: 493 });
    expect(r.contribution).toBeCloseTo(expected(90, 180, 126, 493), 10);
  });

  it('--format csv has one row per touchpoint and component, summing to the score', async () => {
    const r = await runJourney(['friction', '.', '-c', 'journey-all.yaml', '--format', 'csv'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const rows = parseCsv(r.stdout, { columns: true }) as Record<string, string>[];
    const returns = rows.filter((row) => row.touchpoint === 'returns');
    expect(returns.map((row) => row.component).sort()).toEqual(['high_effort', 'low_csat', 'repeat_contact', 'slow_resolution']);
    expect(returns.reduce((s, row) => s + Number(row.contribution), 0)).toBeCloseTo(Number(returns[0]!.score), 8);
  });

  it('the report JSON carries the same friction objects; table and Markdown show the top 5', async () => {
    const [json, table, md] = await Promise.all(['json', 'table', 'md'].map((f) =>
      runJourney(['report', '.', '-c', 'journey-all.yaml', '--format', f], { cwd: dir })));
    for (const r of [json, table, md]) expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(json!.stdout) as { friction: Entry[] };
    expect(() => reportSchema.parse(report)).not.toThrow();
    expect(report.friction).toEqual(all.friction);
    expect(table!.stdout).toContain('Friction: top 5 touchpoints');
    expect(table!.stdout).toMatch(/^1\. Returns · .+ · score \d/m);
    expect(table!.stdout).not.toMatch(/^6\. /m);
    expect(md!.stdout).toMatch(/## Friction: top 5 touchpoints\n\n\| # \| Touchpoint/);
    for (const line of table!.stdout.split('\n').filter((l) => /^[│┌├└]/.test(l))) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('--explain prints each component and the SQL that produced it', async () => {
    const [table, json] = await Promise.all([
      runJourney(['friction', '.', '-c', 'journey-all.yaml', '--explain'], { cwd: dir }),
      runJourney(['friction', '.', '-c', 'journey-all.yaml', '--explain', '--format', 'json'], { cwd: dir }),
    ]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain('Contribution');
    expect(table.stdout).toMatch(/100 \/ 200 │\s+50\.0% \[43\.1, 56\.9\]/);
    expect(table.stdout).toContain('GROUP BY GROUPING SETS ((_touchpoint), ())');
    expect(table.stdout).toContain("getvariable('journey_since')");
    const doc = parse(json);
    expect(doc.sql?.length).toBeGreaterThanOrEqual(4);
    const md = await runJourney(['friction', '.', '-c', 'journey-all.yaml', '--explain', '--format', 'md'], { cwd: dir });
    expect(md.stdout).toContain('| CES 1-3 (hard) | 100 / 200 | 50.0% [43.1, 56.9] | 20.1% | +23.1 |');
    expect(md.stdout).toContain('```sql');
    expect(all.sql).toBeUndefined();
  });

  it('has help with examples', async () => {
    const r = await runJourney(['friction', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('journey friction --demo --explain');
    expect(r.stdout).toContain('--since');
  });
});

describe('moments of truth from the data', { timeout: 60_000 }, () => {
  it('finds the touchpoint whose CSAT moves NPS, beside the ones the config marks', async () => {
    const dir = tempDir();
    const pairs = writeDriverExports(dir);
    const r = await runJourney(['friction', '.', '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const doc = parse(r);
    const delivery = doc.moments_of_truth.find((m) => m.touchpoint === 'delivery')!;
    const product = doc.moments_of_truth.find((m) => m.touchpoint === 'product_page')!;
    const d = delivery.drivers.find((x) => x.measure === 'csat')!;
    expect(d.importance.n).toBe(60);
    expect(d.importance.r).toBeCloseTo(pearson(pairs.delivery), 10);
    expect(d.from_data).toBe(true);
    // Delivery: 36 of 60 CSAT 1-3 against 56 of 120 journey-wide: worse, so fix first.
    expect(d.performance.gap).toBeCloseTo(60 - (100 * 56) / 120, 10);
    expect(d.verdict).toBe('fix_first');
    expect(product.drivers[0]!.importance.r).toBeCloseTo(pearson(pairs.product), 10);
    expect(product.from_data).toBe(false);
    expect(doc.moments_of_truth[0]!.touchpoint).toBe('delivery');
    // Checkout is marked in the config but has no survey data: listed, not found.
    expect(doc.moments_of_truth.find((m) => m.touchpoint === 'checkout')).toMatchObject({ marked: true, from_data: false, drivers: [] });
  });
});

const EFFECTS = join(ROOT, 'fixtures', 'effects');

describe.skipIf(!existsSync(join(EFFECTS, 'journey.yaml')))('journey friction on the planted-effects data', { timeout: 120_000 }, () => {
  let doc: FrictionDoc;
  let open: FrictionDoc;
  let report: { friction: Entry[] };

  beforeAll(async () => {
    // min_cell 0 lets gift_wrap's three answers count, so its rank rests on the score alone.
    const dir = tempDir();
    const config = readFileSync(join(EFFECTS, 'journey.yaml'), 'utf8');
    writeFileSync(join(dir, 'open.yaml'), config.replace(/^min_cell:.*$/m, 'min_cell: 0'));
    const runs = await Promise.all([
      runJourney(['friction', EFFECTS, '-c', join(EFFECTS, 'journey.yaml'), '--format', 'json']),
      runJourney(['friction', EFFECTS, '-c', join(dir, 'open.yaml'), '--format', 'json']),
      runJourney(['report', EFFECTS, '-c', join(EFFECTS, 'journey.yaml'), '--format', 'json']),
    ]);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    [doc, open] = runs.slice(0, 2).map(parse);
    report = JSON.parse(runs[2]!.stdout) as { friction: Entry[] };
  });

  it('ranks returns first', () => {
    expect(doc.friction[0]!.touchpoint).toBe('returns');
    expect(open.friction[0]!.touchpoint).toBe('returns');
  });

  it('ranks gift_wrap (3 terrible answers) below returns, even when its answers are not withheld', () => {
    const gift = entry(open, 'gift_wrap');
    expect(gift.components.low_csat!.rate).toBe(100);
    expect(gift.rank).toBeGreaterThan(entry(open, 'returns').rank);
    expect(gift.score).toBeLessThan(entry(open, 'returns').score);
    expect(entry(doc, 'gift_wrap').components.low_csat!.flags).toContain('suppressed');
  });

  it('gives delivery (one good distribution all period) a score of 0', () => {
    expect(entry(doc, 'delivery').score).toBe(0);
    expect(entry(doc, 'delivery').why).toMatch(/^No evidence/);
  });

  it('components sum to the score; the report carries the same objects', () => {
    for (const e of doc.friction) {
      expect(Object.values(e.components).reduce((s, c) => s + c.contribution, 0)).toBeCloseTo(e.score, 8);
    }
    expect(report.friction).toEqual(doc.friction);
  });

  it('finds delivery (CSAT) and checkout (CES) as NPS drivers, and not product pages', () => {
    const driver = (tp: string, m: string) => doc.moments_of_truth.find((x) => x.touchpoint === tp)?.drivers.find((d) => d.measure === m);
    expect(driver('delivery', 'csat')?.from_data).toBe(true);
    expect(driver('checkout', 'ces')?.from_data).toBe(true);
    expect(driver('product_page', 'csat')?.from_data).toBe(false);
    expect(driver('delivery', 'csat')!.importance.r!).toBeGreaterThan(driver('checkout', 'ces')!.importance.r!);
  });
});
