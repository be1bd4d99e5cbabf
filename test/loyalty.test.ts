// Loyalty beside satisfaction, end to end through the CLI: survey respondents linked to their orders
// by customer key. A small data set built here with answers worked out by hand (Wilson and Newcombe
// intervals and z tests checked with SciPy), then the planted-effects data set (fixtures/effects/).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { configSchema } from '../src/core/config/schema.js';
import { reportSchema } from '../src/core/contracts/report.js';
import { ROOT, runJourney, tempDir, type RunResult } from './helpers/run.js';

interface Kpi { id: string; value: number | null; n: number; ci: [number, number] | null; flags: string[] }
interface Group { id: string; respondents: number; unlinked: number; kpis: Kpi[] }
interface Loyalty {
  nps_answers: string;
  respondents: number;
  anonymous_answers: number;
  unlinked: number;
  churn_as_of: string | null;
  groups: Group[];
  differences: { kpi: string; a: string; b: string; delta: number; ci: [number, number] | null; p_value: number | null; p_adjusted: number | null; significant: boolean }[];
  satisfied_not_returning: { customers: number; unlinked: number; kpi: Kpi | null };
}

const round = (x: number | null | undefined, digits = 2) => (x === null || x === undefined ? x : Number(x.toFixed(digits)));
const roundCi = (ci: [number, number] | null | undefined) => ci && ci.map((x) => round(x)!);
const group = (l: Loyalty, id: string) => l.groups.find((g) => g.id === id)!;
const kpi = (l: Loyalty, groupId: string, id: string) => group(l, groupId).kpis.find((k) => k.id === id);

type Cell = string | number | null;
const csv = (header: string[], rows: Cell[][]) =>
  [header.join(','), ...rows.map((r) => r.map((v) => (v === null ? '' : String(v))).join(','))].join('\n') + '\n';
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

/**
 * 10 promoters (P1-P10), 5 passives (S1-S5, S5 known only by e-mail), 8 detractors (D1-D8), one
 * anonymous answer. P1 first answered 2 (January), then 10: the latest answer counts. P2 also gave a
 * transactional NPS of 0 after a support contact, in the service stage: not a relationship answer.
 * Orders (churn_days 30; T = Z1's order 2025-06-30 12:00, base window May, recent window June):
 *   P1-P6, D1-D2, S1-S2: paid 05-10 and 06-10 (repeat, active)    P7-P9, D3-D7, S3-S5: paid 05-15 (once, churned)
 *   P7 also a refunded order 06-20 (not paid)    D8: one cancelled order (linked, no paid order)    P10: no order
 * Satisfied (every CSAT 4-5): P1-P4, S3, C1 (one paid order), C2 (no order), D3 (ticket CSAT 4); P5 gave 5 and 2: not satisfied.
 */
function loyaltyData(): Record<string, string> {
  const promoters = ids('P', 10);
  const passives = ids('S', 5);
  const detractors = ids('D', 8);
  const surveys: Cell[][] = [];
  let r = 0;
  const who = (c: string): [Cell, Cell] => (c === 'S5' ? [null, 'S5.Shopper@Example.com'] : [c, null]);
  const answer = (c: string | null, at: string, touchpoint: string, nps: Cell, csat: Cell) =>
    surveys.push([`R${++r}`, ...(c ? who(c) : [null, null]), at, touchpoint, nps, csat]);
  answer('P1', '2025-01-10 09:00:00', 'relationship', 2, null);
  promoters.forEach((c, i) => answer(c, `2025-03-01 10:${String(i).padStart(2, '0')}:00`, 'relationship', 9 + (i % 2), null));
  passives.forEach((c, i) => answer(c, `2025-03-01 11:${String(i).padStart(2, '0')}:00`, 'relationship', 7 + (i % 2), null));
  detractors.forEach((c, i) => answer(c, `2025-03-01 12:${String(i).padStart(2, '0')}:00`, 'relationship', i % 7, null));
  answer(null, '2025-03-01 13:00:00', 'relationship', 10, null);
  answer('P2', '2025-03-20 09:00:00', 'support', 0, null);
  for (const [c, csat] of [['P1', 5], ['P2', 5], ['P3', 5], ['P4', 5], ['P4', 4], ['P5', 5], ['P5', 2], ['S3', 4], ['C1', 5], ['C2', 4]] as const) {
    answer(c, '2025-03-02 10:00:00', 'support', null, csat);
  }
  const orders: Cell[][] = [];
  let o = 0;
  const order = (c: string, at: string, status = 'paid') => orders.push([`O${++o}`, ...who(c), `${at} 10:00:00`, 50, status]);
  for (const c of [...promoters.slice(0, 6), 'D1', 'D2', 'S1', 'S2']) { order(c, '2025-05-10'); order(c, '2025-06-10'); }
  for (const c of [...promoters.slice(6, 9), ...detractors.slice(2, 7), 'S3', 'S4', 'S5', 'C1']) order(c, '2025-05-15');
  order('P7', '2025-06-20', 'refunded');
  order('D8', '2025-05-12', 'cancelled');
  orders.push([`O${++o}`, 'Z1', null, '2025-06-30 12:00:00', 80, 'paid']);
  return {
    'surveys.csv': csv(['response_id', 'customer_id', 'email', 'submitted_at', 'touchpoint', 'nps', 'csat'], surveys),
    'orders.csv': csv(['order_id', 'customer_id', 'email', 'ordered_at', 'amount', 'status'], orders),
    'tickets.csv': csv(['ticket_id', 'customer_id', 'created_at', 'status', 'csat'], [['T1', 'D3', '2025-03-03 10:00:00', 'solved', 4]]),
  };
}

const CONFIG = (relationshipStage: string, minCell = 5) => `timezone: UTC
churn_days: 30
min_cell: ${minCell}
touchpoints:
  - { id: relationship, stage: ${relationshipStage}, match: { survey: "touchpoint = 'relationship'" } }
  - { id: support, stage: service, match: { survey: "touchpoint = 'support'" } }
`;

function writeCase(files: Record<string, string>, config: string): { dir: string; data: string; config: string } {
  const dir = tempDir('journey-loyalty-');
  mkdirSync(join(dir, 'data'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, 'data', name), content);
  writeFileSync(join(dir, 'journey.yaml'), config);
  return { dir, data: join(dir, 'data'), config: join(dir, 'journey.yaml') };
}

const report = (c: { dir: string; data: string; config: string }, ...args: string[]) =>
  runJourney(['report', c.data, '--config', c.config, ...args], { cwd: c.dir });

describe('loyalty on a hand-counted data set', { timeout: 120_000 }, () => {
  let json: string;
  let loyalty: Loyalty;
  let table: string;
  let md: string;
  let small: Loyalty;
  let allAnswers: Loyalty;
  let early: Loyalty;
  let noOrders: RunResult;

  beforeAll(async () => {
    const files = loyaltyData();
    const main = writeCase(files, CONFIG('loyalty'));
    const out = join(main.dir, 'out');
    const results = await Promise.all([
      report(main, '--detail', '--format', 'json,table,md', '--out', `${out}/`),
      report(writeCase(files, CONFIG('loyalty', 6)), '--format', 'json'),
      report(writeCase(files, CONFIG('service')), '--format', 'json'),
      report(main, '--format', 'json', '--until', '2025-02-01'),
      runJourney(['report', `survey=${join(main.data, 'surveys.csv')}`, '--config', main.config, '--format', 'json'], { cwd: main.dir }),
    ]);
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    [json, table, md] = ['json', 'txt', 'md'].map((ext) => readFileSync(join(out, `report.${ext}`), 'utf8'));
    const loyaltyOf = (text: string) => (JSON.parse(text) as { loyalty: Loyalty }).loyalty;
    loyalty = loyaltyOf(json);
    small = loyaltyOf(results[1]!.stdout);
    allAnswers = loyaltyOf(results[2]!.stdout);
    early = loyaltyOf(results[3]!.stdout);
    noOrders = results[4]!;
  }, 120_000);

  it('counts respondents by their latest relationship answer, and those it cannot link', () => {
    expect(() => reportSchema.parse(JSON.parse(json))).not.toThrow();
    expect(loyalty.nps_answers).toBe('home_stage');
    expect(loyalty.respondents).toBe(23);
    expect(loyalty.anonymous_answers).toBe(1);
    expect(loyalty.unlinked).toBe(1); // P10; D8's cancelled order links D8
    expect(loyalty.groups.map((g) => [g.id, g.respondents, g.unlinked])).toEqual([
      ['promoter', 10, 1], ['passive', 5, 0], ['detractor', 8, 0], ['all', 23, 1],
    ]);
    expect(loyalty.churn_as_of).toBe('2025-06-30T12:00:00.000Z');
  });

  it('repeat purchase rate per group: paid orders only, Wilson intervals', () => {
    // promoters 6/9, passives 2/5 (S5 linked by e-mail), detractors 2/7, all 10/21
    expect(round(kpi(loyalty, 'promoter', 'repeat_purchase_rate')?.value)).toBe(66.67);
    expect(kpi(loyalty, 'promoter', 'repeat_purchase_rate')?.n).toBe(9);
    expect(roundCi(kpi(loyalty, 'promoter', 'repeat_purchase_rate')?.ci)).toEqual([35.42, 87.94]);
    expect(round(kpi(loyalty, 'passive', 'repeat_purchase_rate')?.value)).toBe(40);
    expect(roundCi(kpi(loyalty, 'passive', 'repeat_purchase_rate')?.ci)).toEqual([11.76, 76.93]);
    expect(kpi(loyalty, 'detractor', 'repeat_purchase_rate')?.n).toBe(7);
    expect(roundCi(kpi(loyalty, 'detractor', 'repeat_purchase_rate')?.ci)).toEqual([8.22, 64.11]);
    expect(round(kpi(loyalty, 'all', 'repeat_purchase_rate')?.value)).toBe(47.62);
    expect(roundCi(kpi(loyalty, 'all', 'repeat_purchase_rate')?.ci)).toEqual([28.34, 67.63]);
    expect(kpi(loyalty, 'promoter', 'repeat_purchase_rate')?.flags).toEqual(['low_n']);
  });

  it('churn per group with the catalogue as-of logic (a refunded order does not keep P7 active)', () => {
    // base = paid in May; churned = no paid order in June: promoters 3/9, passives 3/5, detractors 5/7, all 11/21
    expect(round(kpi(loyalty, 'promoter', 'churn_rate')?.value)).toBe(33.33);
    expect(roundCi(kpi(loyalty, 'promoter', 'churn_rate')?.ci)).toEqual([12.06, 64.58]);
    expect(round(kpi(loyalty, 'passive', 'churn_rate')?.value)).toBe(60);
    expect(round(kpi(loyalty, 'detractor', 'churn_rate')?.value)).toBe(71.43);
    expect(roundCi(kpi(loyalty, 'detractor', 'churn_rate')?.ci)).toEqual([35.89, 91.78]);
    expect(kpi(loyalty, 'all', 'churn_rate')?.n).toBe(21);
    expect(round(kpi(loyalty, 'all', 'churn_rate')?.value)).toBe(52.38);
  });

  it('promoters against detractors: difference, Newcombe interval, z test, BH', () => {
    const repeat = loyalty.differences.find((d) => d.kpi === 'repeat_purchase_rate')!;
    expect(round(repeat.delta)).toBe(38.1);
    expect(roundCi(repeat.ci)).toEqual([-9.22, 67.54]);
    expect(round(repeat.p_value, 4)).toBe(0.1306);
    expect(round(repeat.p_adjusted, 4)).toBe(0.1306);
    expect(repeat.significant).toBe(false);
    const churn = loyalty.differences.find((d) => d.kpi === 'churn_rate')!;
    expect(round(churn.delta)).toBe(-38.1);
    expect(roundCi(churn.ci)).toEqual([-67.54, 9.22]);
  });

  it('satisfied but bought once: every CSAT answer 4-5, exactly one paid order', () => {
    const s = loyalty.satisfied_not_returning;
    expect(s.customers).toBe(8); // P1-P4, S3, C1, C2, D3 (ticket)
    expect(s.unlinked).toBe(1); // C2
    expect(s.kpi?.n).toBe(7);
    expect(round(s.kpi?.value)).toBe(42.86); // S3, C1, D3
    expect(roundCi(s.kpi?.ci)).toEqual([15.82, 74.95]);
  });

  it('withholds groups under min_cell, and the smaller other group so the total cannot give it back', () => {
    expect(kpi(small, 'passive', 'repeat_purchase_rate')).toMatchObject({ value: null, ci: null, n: 5 });
    expect(kpi(small, 'passive', 'repeat_purchase_rate')?.flags).toContain('suppressed');
    expect(kpi(small, 'detractor', 'repeat_purchase_rate')).toMatchObject({ value: null, ci: null, n: 7 });
    expect(kpi(small, 'detractor', 'churn_rate')?.flags).toContain('suppressed_secondary');
    expect(round(kpi(small, 'promoter', 'repeat_purchase_rate')?.value)).toBe(66.67);
    expect(round(kpi(small, 'all', 'repeat_purchase_rate')?.value)).toBe(47.62);
    expect(small.differences).toEqual([]);
  });

  it('uses every NPS answer when none sits in the loyalty stage (then P2 is a detractor)', () => {
    expect(allAnswers.nps_answers).toBe('all');
    expect(group(allAnswers, 'promoter').respondents).toBe(9);
    expect(group(allAnswers, 'detractor').respondents).toBe(9);
    expect(kpi(allAnswers, 'promoter', 'repeat_purchase_rate')).toMatchObject({ n: 8, value: 62.5 });
    expect(kpi(allAnswers, 'detractor', 'repeat_purchase_rate')).toMatchObject({ n: 8, value: 37.5 });
  });

  it('only answers in the period count', () => {
    expect(early.respondents).toBe(1);
    expect(group(early, 'detractor').respondents).toBe(1); // P1's January answer
    expect(group(early, 'promoter').respondents).toBe(0);
    expect(early.anonymous_answers).toBe(0);
  });

  it('is left out when no orders are loaded', () => {
    expect(noOrders.code, noOrders.stderr).toBe(0);
    expect(JSON.parse(noOrders.stdout)).not.toHaveProperty('loyalty');
  });

  it('table and Markdown show the section with n and intervals', () => {
    expect(table).toContain('Loyalty beside satisfaction');
    expect(table).toMatch(/Promoters \(9-10\)\s+│\s+10 │\s+1 │\s+66\.7% \(9\) │\s+33\.3% \(9\) │/);
    // Prose is wrapped at 98 columns: compare it with the line breaks folded.
    const prose = table.replace(/\n {2}(?=\S)/g, ' ');
    expect(prose).toContain('Promoters − detractors, Repeat purchase rate: +38.1 points [-9.2, +67.5], p = 0.13, BH = 0.13 (not significant)');
    expect(prose).toContain('Satisfied but bought once: 42.9% [15.8, 75.0] (n 7, low n); 8 satisfied customers, 1 not linked to any order.');
    const section = table.slice(table.indexOf('Loyalty beside satisfaction')).split('\n\n')[0]!;
    expect(Math.max(...section.split('\n').map((l) => l.length))).toBeLessThanOrEqual(100);
    expect(md).toContain('## Loyalty beside satisfaction');
    expect(md).toContain('| Promoters (9-10) | 10 | 1 | 66.7% | 9 | [35.4, 87.9] | low n | 33.3% | 9 | [12.1, 64.6] | low n |');
    expect(md).toContain('23 customers with an NPS answer in the period');
  });
});

const EFFECTS = join(ROOT, 'fixtures', 'effects');

describe('loyalty on the planted-effects data set', { timeout: 120_000 }, () => {
  let loyalty: Loyalty;
  let truth: { promoters: { n: number; repeat: number }; passives: { n: number; repeat: number }; detractors: { n: number; repeat: number } };

  beforeAll(async () => {
    // A build whose config schema does not know `initiatives:` yet reads the config without it.
    const config = parseYaml(readFileSync(join(EFFECTS, 'journey.yaml'), 'utf8')) as Record<string, unknown>;
    const known = new Set(Object.keys(configSchema.shape));
    for (const key of Object.keys(config)) if (!known.has(key)) delete config[key];
    const dir = tempDir('journey-loyalty-fx-');
    writeFileSync(join(dir, 'journey.yaml'), stringifyYaml(config));
    const result = await runJourney(['report', EFFECTS, '--config', join(dir, 'journey.yaml'), '--format', 'json'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    loyalty = (JSON.parse(result.stdout) as { loyalty: Loyalty }).loyalty;
    const script = join(ROOT, 'scripts', 'generate-effects.mjs');
    const { generateEffects } = (await import(pathToFileURL(script).href)) as { generateEffects: (o: { seed: number }) => { truth: { loyalty: typeof truth } } };
    truth = generateEffects({ seed: 1 }).truth.loyalty;
  }, 120_000);

  it('finds the planted repeat rates per NPS group of the relationship survey', () => {
    expect(loyalty.nps_answers).toBe('home_stage');
    const pct = (k: Kpi | undefined) => Math.round(10 * k!.value!) / 10;
    expect([kpi(loyalty, 'promoter', 'repeat_purchase_rate')?.n, pct(kpi(loyalty, 'promoter', 'repeat_purchase_rate'))])
      .toEqual([truth.promoters.n, truth.promoters.repeat]);
    expect([kpi(loyalty, 'passive', 'repeat_purchase_rate')?.n, pct(kpi(loyalty, 'passive', 'repeat_purchase_rate'))])
      .toEqual([truth.passives.n, truth.passives.repeat]);
    expect([kpi(loyalty, 'detractor', 'repeat_purchase_rate')?.n, pct(kpi(loyalty, 'detractor', 'repeat_purchase_rate'))])
      .toEqual([truth.detractors.n, truth.detractors.repeat]);
  });

  it("promoters' repeat rate is significantly above detractors'", () => {
    const d = loyalty.differences.find((x) => x.kpi === 'repeat_purchase_rate')!;
    expect(d.delta).toBeGreaterThan(20);
    expect(d.ci![0]).toBeGreaterThan(0);
    expect(d.significant).toBe(true);
    expect(d.p_adjusted!).toBeLessThan(1e-6);
  });
});
