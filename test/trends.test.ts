// Trends (`journey report --by week|month|quarter`): period buckets in the config's time zone, the
// test per KPI family (compare's tests) with known answers (SciPy), Benjamini-Hochberg across all tested changes, every
// period equal to a --since/--until run, and the planted-effects data set (fixtures/effects/).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { configSchema } from '../src/core/config/schema.js';
import { reportSchema } from '../src/core/contracts/report.js';
import { ROOT, runJourney, tempDir, type RunResult } from './helpers/run.js';

interface Kpi { id: string; value: number | null; n: number; ci: [number, number] | null; flags: string[] }
interface Change {
  delta: number; ci: [number, number] | null; test: string | null; no_test: string | null;
  p_value: number | null; p_adjusted: number | null; significant: boolean;
}
interface Row { stage: string | null; touchpoint: string | null; kpi: string; values: (Kpi | null)[]; changes: (Change | null)[] }
interface Trends { by: string; periods: { id: string; since: string; until: string }[]; comparisons: number; rows: Row[] }
interface Report { kpis: Kpi[]; trends: Trends }

const round = (x: number | null | undefined, digits = 4) => (x === null || x === undefined ? x : Number(x.toFixed(digits)));
const row = (t: Trends, stage: string | null, touchpoint: string | null, kpi: string) => {
  const found = t.rows.find((r) => r.stage === stage && r.touchpoint === touchpoint && r.kpi === kpi);
  if (!found) throw new Error(`no trend row ${stage}/${touchpoint}/${kpi}`);
  return found;
};

type Cell = string | number | null;
const csv = (header: string[], rows: Cell[][]) =>
  [header.join(','), ...rows.map((r) => r.map((v) => (v === null ? '' : String(v))).join(','))].join('\n') + '\n';
const times = <T>(n: number, f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i));

/**
 * 20 survey answers a month, Europe/Amsterdam. February's first answer is stamped 2025-01-31T23:30Z:
 * 00:30 on 1 February in Amsterdam, so it belongs to February (n 20 a month; in UTC it would be 21/19).
 *   CSAT top-2: Jan 10/20, Feb 19/20, Mar 18/20     NPS: Jan P4 D8, Feb and Mar P8 D4
 *   CES: Jan 2,3,4,5 repeated; Feb and Mar 4,5,6 repeated
 */
/** Friday of ISO week 4, Monday of week 6, Monday of week 11: weeks 4 and 6 sit either side of week 5. */
const DAY: Record<string, string> = { '01': '24', '02': '03', '03': '10' };

function trendSurveys(): string {
  const rows: Cell[][] = [];
  const month = (m: string, csat: (i: number) => number, nps: (i: number) => number, ces: (i: number) => number) => {
    for (let i = 0; i < 20; i++) {
      const at = m === '02' && i === 0 ? '2025-01-31T23:30:00Z' : `2025-${m}-${DAY[m]} 10:${String(i).padStart(2, '0')}:00`;
      rows.push([`R${m}-${i}`, `C${i % 7}`, at, nps(i), ces(i), csat(i)]);
    }
  };
  month('01', (i) => (i < 10 ? 5 : 2), (i) => (i < 4 ? 10 : i < 12 ? 8 : 3), (i) => (i % 4) + 2);
  month('02', (i) => (i < 19 ? 4 : 1), (i) => (i < 8 ? 9 : i < 16 ? 7 : 0), (i) => (i % 3) + 4);
  month('03', (i) => (i < 18 ? 5 : 3), (i) => (i < 8 ? 9 : i < 16 ? 7 : 0), (i) => (i % 3) + 4);
  return csv(['response_id', 'customer_id', 'submitted_at', 'nps', 'ces', 'csat'], rows);
}

/** Paid orders for 8 customers over the three months, so repeat purchase and churn have values too. */
function trendOrders(): string {
  const rows: Cell[][] = [];
  let o = 0;
  for (let c = 0; c < 8; c++) {
    for (const day of ['2025-01-05', '2025-01-20', '2025-02-12', '2025-03-03', '2025-03-25'].filter((_, d) => (c + d) % 3 !== 0)) {
      rows.push([`O${++o}`, `C${c}`, `${day} 12:00:00`, 20 + c, 'paid']);
    }
  }
  return csv(['order_id', 'customer_id', 'ordered_at', 'amount', 'status'], rows);
}

function writeCase(files: Record<string, string>, config: string) {
  const dir = tempDir('journey-trends-');
  mkdirSync(join(dir, 'data'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, 'data', name), content);
  writeFileSync(join(dir, 'journey.yaml'), config);
  return { dir, data: join(dir, 'data'), config: join(dir, 'journey.yaml') };
}

const AMS = 'timezone: Europe/Amsterdam\nchurn_days: 30\n';
const run = (c: ReturnType<typeof writeCase>, ...args: string[]) => runJourney(['report', c.data, '--config', c.config, ...args], { cwd: c.dir });
const trendsOf = (r: RunResult) => (JSON.parse(r.stdout) as Report).trends;

describe('journey report --by on a data set with known answers', { timeout: 120_000 }, () => {
  let month: string;
  let t: Trends;
  let week: Trends;
  let clipped: Trends;
  let table: string;
  let md: string;
  let csvOut: string;
  let bad: RunResult;

  beforeAll(async () => {
    const surveysOnly = writeCase({ 'surveys.csv': trendSurveys() }, AMS);
    const out = join(surveysOnly.dir, 'out');
    const results = await Promise.all([
      run(surveysOnly, '--by', 'month', '--detail', '--format', 'json,table,md,csv', '--out', `${out}/`),
      run(surveysOnly, '--by', 'week', '--format', 'json'),
      run(surveysOnly, '--by', 'month', '--format', 'json', '--since', '2025-01-15', '--until', '2025-03-05'),
      run(surveysOnly, '--by', 'year'),
    ]);
    for (const r of results.slice(0, 3)) expect(r.code, r.stderr).toBe(0);
    bad = results[3]!;
    [month, table, md, csvOut] = ['json', 'txt', 'md', 'csv'].map((ext) => readFileSync(join(out, `report.${ext}`), 'utf8'));
    t = (JSON.parse(month) as Report).trends;
    week = trendsOf(results[1]!);
    clipped = trendsOf(results[2]!);
  }, 120_000);

  it('buckets by month in the config time zone and follows the JSON contract', () => {
    expect(() => reportSchema.parse(JSON.parse(month))).not.toThrow();
    expect(t.by).toBe('month');
    expect(t.periods).toEqual([
      { id: '2025-01', since: '2025-01-01', until: '2025-01-31' },
      { id: '2025-02', since: '2025-02-01', until: '2025-02-28' },
      { id: '2025-03', since: '2025-03-01', until: '2025-03-31' },
    ]);
    expect(row(t, null, null, 'csat').values.map((v) => v?.n)).toEqual([20, 20, 20]);
    expect(row(t, null, null, 'csat').values.map((v) => v?.value)).toEqual([50, 95, 90]);
    expect(row(t, null, null, 'csat').values[0]?.ci?.map((x) => round(x, 2))).toEqual([29.93, 70.07]);
  });

  it('tests each change with its own test and adjusts across all of them (BH)', () => {
    // Tested rows: nps, csat, ces at the journey and at their home stages (loyalty, service, service),
    // two changes each: 12 comparisons.
    expect(t.comparisons).toBe(12);
    const csat = row(t, null, null, 'csat').changes;
    expect(csat[0]).toBeNull();
    expect(csat[1]).toMatchObject({ delta: 45, test: 'two_proportion_z', significant: true });
    expect(round(csat[1]!.p_value, 6)).toBe(0.001438);
    expect(csat[1]!.ci?.map((x) => round(x, 2))).toEqual([17.63, 65.49]); // Newcombe, 19/20 - 10/20
    expect(round(csat[1]!.p_adjusted, 6)).toBe(0.004313);
    expect(round(csat[2]!.delta, 6)).toBe(-5);
    expect(round(csat[2]!.p_adjusted, 5)).toBe(0.82246);
    expect(csat[2]!.significant).toBe(false);
    const nps = row(t, 'loyalty', null, 'nps').changes;
    expect(nps[1]).toMatchObject({ delta: 40, test: 'nps_z', significant: false });
    expect(round(nps[1]!.p_value, 5)).toBe(0.11391);
    expect(round(nps[1]!.p_adjusted, 5)).toBe(0.22782);
    expect(nps[2]).toMatchObject({ delta: 0, p_value: 1, significant: false });
    const ces = row(t, 'service', null, 'ces').changes;
    expect(ces[1]).toMatchObject({ test: 'welch_t', significant: true });
    expect(round(ces[1]!.delta, 6)).toBe(1.45);
    expect(round(ces[1]!.p_adjusted, 6)).toBe(0.00034);
    expect(round(ces[1]!.p_value, 9)).toBe(0.000056698); // SciPy ttest_ind(equal_var=False), t = 4.5883, df = 34.52
  });

  it('ISO weeks, with a week holding one answer withheld and no change tested into or out of it', () => {
    expect(week.periods.map((p) => p.id)).toEqual(
      ['2025-W04', '2025-W05', '2025-W06', '2025-W07', '2025-W08', '2025-W09', '2025-W10', '2025-W11']);
    expect(week.periods[0]).toEqual({ id: '2025-W04', since: '2025-01-20', until: '2025-01-26' });
    const csat = row(week, null, null, 'csat');
    expect(csat.values.map((v) => v?.n ?? null)).toEqual([20, 1, 19, null, null, null, null, 20]);
    const w05 = csat.values[1]!; // Saturday 1 February 00:30 in Amsterdam
    expect(w05).toMatchObject({ value: null, ci: null });
    expect(w05.flags).toContain('suppressed');
    expect(csat.changes).toEqual([null, null, null, null, null, null, null, null]);
  });

  it('clips the first and last period to --since and --until', () => {
    expect(clipped.periods).toEqual([
      { id: '2025-01', since: '2025-01-15', until: '2025-01-31' },
      { id: '2025-02', since: '2025-02-01', until: '2025-02-28' },
      { id: '2025-03', since: '2025-03-01', until: '2025-03-05' },
    ]);
  });

  it('table, Markdown and CSV mark the significant change and say how it was tested', () => {
    expect(table).toContain('Trends by month');
    expect(table).toMatch(/CSAT \(top-2-box\)\s+│\s+50\.0% │\s+95\.0% ▲ │\s+90\.0% │/);
    // The legend is wrapped to the terminal width (80 without one).
    expect(table.replace(/\s+/g, ' ')).toContain('Benjamini-Hochberg across 12 comparisons');
    expect(md).toContain('## Trends by month');
    expect(md).toContain('| CSAT (top-2-box) | 50.0% [29.9, 70.1] n 20, low n | **95.0% ▲** [76.4, 99.1] n 20, low n | 90.0% [69.9, 97.2] n 20, low n |');
    const rows = parseCsv(csvOut, { columns: true }) as Record<string, string>[];
    const feb = rows.find((r) => r.period === '2025-02' && r.kpi === 'csat' && r.stage === '');
    expect(feb).toMatchObject({ value: '95', n: '20', change: '45', change_test: 'two_proportion_z', change_significant: 'true' });
    expect(rows.find((r) => r.period === '' && r.kpi === 'csat' && r.stage === '')?.value).toBe('78.33333333333333');
  });

  it('--by takes week, month or quarter (usage error, exit 2)', () => {
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/week, month, quarter/);
  });
});

describe('each period is the report of that period', { timeout: 120_000 }, () => {
  it('the February column equals journey report --since 2025-02-01 --until 2025-02-28, churn included', async () => {
    const c = writeCase({ 'surveys.csv': trendSurveys(), 'orders.csv': trendOrders() }, AMS);
    const [trend, feb] = await Promise.all([run(c, '--by', 'month', '--format', 'json'),
      run(c, '--format', 'json', '--since', '2025-02-01', '--until', '2025-02-28')]);
    expect(trend.code, trend.stderr).toBe(0);
    const t = trendsOf(trend);
    const column = t.rows.filter((r) => r.stage === null).map((r) => r.values[1]).filter((v): v is Kpi => v !== null);
    expect(column.map((k) => k.id)).toContain('churn_rate');
    expect(column).toEqual((JSON.parse(feb.stdout) as Report).kpis);
    // Counts and churn carry a delta but no test (compare's reasons), so BH does not count them.
    const orders = row(t, null, null, 'orders');
    expect(orders.changes[1]).toMatchObject({ test: null, no_test: 'total', p_value: null, significant: false });
    expect(orders.changes[1]!.delta).toBe(orders.values[1]!.value! - orders.values[0]!.value!);
    expect(row(t, null, null, 'churn_rate').changes[2]).toMatchObject({ test: null, no_test: 'as_of', significant: false });
    expect(t.comparisons).toBe(t.rows.flatMap((r) => r.changes).filter((c) => c?.p_value != null).length);
  });

  it('quarters and ISO weeks across a year boundary', async () => {
    const c = writeCase({ 'surveys.csv': csv(['response_id', 'submitted_at', 'csat'], [['A', '2024-12-31 12:00:00', 5], ['B', '2025-04-01 12:00:00', 4]]) }, AMS);
    const [q, w] = await Promise.all([run(c, '--by', 'quarter', '--format', 'json'), run(c, '--by', 'week', '--format', 'json')]);
    expect(trendsOf(q).periods).toEqual([
      { id: '2024-Q4', since: '2024-10-01', until: '2024-12-31' },
      { id: '2025-Q1', since: '2025-01-01', until: '2025-03-31' },
      { id: '2025-Q2', since: '2025-04-01', until: '2025-06-30' },
    ]);
    expect(trendsOf(w).periods[0]).toEqual({ id: '2025-W01', since: '2024-12-30', until: '2025-01-05' });
    expect(trendsOf(w).periods.at(-1)?.id).toBe('2025-W14');
  });
});

const EFFECTS = join(ROOT, 'fixtures', 'effects');

describe('--by month on the planted-effects data set', { timeout: 120_000 }, () => {
  let t: Trends;

  beforeAll(async () => {
    // A build whose config schema does not know `initiatives:` yet reads the config without it.
    const config = parseYaml(readFileSync(join(EFFECTS, 'journey.yaml'), 'utf8')) as Record<string, unknown>;
    const known = new Set(Object.keys(configSchema.shape));
    for (const key of Object.keys(config)) if (!known.has(key)) delete config[key];
    const dir = tempDir('journey-trends-fx-');
    writeFileSync(join(dir, 'journey.yaml'), stringifyYaml(config));
    const result = await runJourney(['report', EFFECTS, '--config', join(dir, 'journey.yaml'), '--format', 'json', '--by', 'month'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    t = trendsOf(result);
  }, 120_000);

  it("marks checkout CSAT's April step as significant, and no other month", () => {
    expect(t.periods.map((p) => p.id)).toEqual(['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06']);
    const csat = row(t, 'purchase', 'checkout', 'csat');
    expect(csat.changes[3]).toMatchObject({ significant: true });
    expect(csat.changes[3]!.delta).toBeGreaterThan(20);
    expect(csat.changes.map((c) => c?.significant ?? false)).toEqual([false, false, false, true, false, false]);
  });

  it('marks no change for delivery', () => {
    const delivery = t.rows.filter((r) => r.touchpoint === 'delivery');
    expect(delivery.map((r) => r.kpi)).toEqual(expect.arrayContaining(['csat', 'ces']));
    for (const r of delivery) expect(r.changes.filter((c) => c?.significant), r.kpi).toEqual([]);
  });
});
