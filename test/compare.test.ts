// `journey compare`: the per-KPI tests against known answers (reference/kpi-statistics.md §11, R and
// SciPy), then the real CLI over small CSVs built to hit those answers (periods, segments, an
// initiative's difference-in-differences), usage errors, every format, and the planted-effects data.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareKpi, differenceInDifferences, poolStats, testFor } from '../src/core/analysis/compare-tests.js';
import { parseRange, splitAt } from '../src/core/analysis/compare-periods.js';
import { KPI_BY_ID } from '../src/core/kpis/catalogue.js';
import { toKpi } from '../src/core/kpis/measure.js';
import { compareResultSchema as compareSchema } from '../src/core/contracts/compare.js';
import { ROOT, runJourney, tempDir, type RunResult } from './helpers/run.js';

const def = (id: string) => KPI_BY_ID.get(id)!;
const OPTS = { lowN: 30, minCell: 5 };
const side = (id: string, stats: Record<string, number | null>) => ({ kpi: toKpi(def(id), stats, OPTS), stats });

/** Sample mean and sd (n - 1) of a list, as the catalogue's aggregates name them. */
function meanStats(xs: number[]) {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
  return { n: xs.length, mean, sd, value: mean };
}

const repeat = (pairs: [number, number][]) => pairs.flatMap(([v, count]) => Array<number>(count).fill(v));
// CES before: the Intercom vector of TV4 (mean 3.5); after: a clearly easier distribution.
const CES_BEFORE = repeat([[5, 10], [4, 20], [3, 10], [2, 5], [1, 5]]);
const CES_AFTER = repeat([[7, 10], [6, 15], [5, 15], [4, 5], [3, 5]]);

describe('the test each KPI gets', () => {
  it('follows the catalogue: NPS z, rates two-proportion, means Welch; medians, counts, ratios and churn none', () => {
    expect(testFor(def('nps'))).toBe('nps_z');
    for (const id of ['csat', 'fcr', 'conversion_rate', 'repeat_purchase_rate', 'email_ctr']) expect(testFor(def(id)), id).toBe('two_proportion_z');
    expect(testFor(def('ces'))).toBe('welch_t');
    for (const id of ['ttr_median_hours', 'ttr_p90_hours', 'first_response_median_hours']) expect(testFor(def(id)), id).toBe('quantile');
    for (const id of ['tickets', 'sessions', 'orders', 'revenue', 'impressions']) expect(testFor(def(id)), id).toBe('total');
    for (const id of ['aov', 'pages_per_session']) expect(testFor(def(id)), id).toBe('ratio');
    expect(testFor(def('churn_rate'))).toBe('as_of');
  });

  it('CSAT 30/50 -> 42/50: +24 pp, Newcombe [6.389, 39.801], pooled z p = 0.00753 (TV4)', () => {
    const c = compareKpi(def('csat'), side('csat', { n: 50, k: 30, value: 60 }), side('csat', { n: 50, k: 42, value: 84 }));
    expect(c.delta).toBeCloseTo(24, 10);
    expect(c.ci![0]).toBeCloseTo(6.389, 3);
    expect(c.ci![1]).toBeCloseTo(39.801, 3);
    expect(c.p_value).toBeCloseTo(0.00753, 5);
    expect(c.test).toBe('two_proportion_z');
    expect(c.components.statistic).toBeCloseTo(2.6726, 4);
    expect(c.components.before).toEqual({ n: 50, k: 30 });
  });

  it('NPS B -> A of TV3: +8 points, adjusted-Wald z p = 0.3056, interval centred on the adjusted difference', () => {
    const b = side('nps', { n: 250, promoters: 100, detractors: 70, value: 12 });
    const a = side('nps', { n: 200, promoters: 90, detractors: 50, value: 20 });
    const c = compareKpi(def('nps'), b, a);
    expect(c.delta).toBeCloseTo(8, 10);
    expect(c.p_value).toBeCloseTo(0.3056, 4);
    expect((c.ci![0] + c.ci![1]) / 2).toBeCloseTo(7.8467, 3);
    expect((c.ci![1] - c.ci![0]) / 2).toBeCloseTo(1.959964 * 7.6591, 2);
  });

  it('CES means by Welch t (SciPy ttest_ind(equal_var=False): t 7.8235, df 97.999, p 6.025e-12)', () => {
    const c = compareKpi(def('ces'), side('ces', meanStats(CES_BEFORE)), side('ces', meanStats(CES_AFTER)));
    expect(c.delta).toBeCloseTo(1.9, 10);
    expect(c.components.statistic).toBeCloseTo(7.823529, 5);
    expect(c.components.df).toBeCloseTo(97.99883, 4);
    expect(c.p_value! / 6.025245e-12).toBeCloseTo(1, 4);
    expect(c.ci![0]).toBeCloseTo(1.418058, 5);
    expect(c.ci![1]).toBeCloseTo(2.381942, 5);
  });

  it('gives a delta without a p-value for a median, and nothing for a withheld side', () => {
    const median = compareKpi(def('ttr_median_hours'), side('ttr_median_hours', { n: 40, q: 10, value: 10 }), side('ttr_median_hours', { n: 40, q: 7.5, value: 7.5 }));
    expect(median).toMatchObject({ delta: -2.5, p_value: null, ci: null, no_test: 'quantile' });
    const withheld = compareKpi(def('csat'), side('csat', { n: 3, k: 0, value: 0 }), side('csat', { n: 50, k: 42, value: 84 }));
    expect(withheld).toMatchObject({ delta: null, p_value: null, no_test: 'suppressed' });
  });

  it('pools means through sums of squares: the same as the concatenated sample', () => {
    const pooled = poolStats(def('ces'), [meanStats(CES_BEFORE), meanStats(CES_AFTER)])!;
    const direct = meanStats([...CES_BEFORE, ...CES_AFTER]);
    expect(pooled.n).toBe(100);
    expect(pooled.mean).toBeCloseTo(direct.mean, 12);
    expect(pooled.sd).toBeCloseTo(direct.sd, 12);
  });

  it('difference-in-differences of rates: (84 - 60) - (50 - 50) = 24 pp, SE from four cells 9.9940, CI [4.412, 43.588]', () => {
    const did = differenceInDifferences(def('csat'), {
      tb: { n: 50, k: 30 }, ta: { n: 50, k: 42 }, cb: { n: 200, k: 100 }, ca: { n: 200, k: 100 },
    })!;
    expect(did.estimate).toBeCloseTo(24, 10);
    expect(did.se).toBeCloseTo(9.993998, 5);
    expect(did.ci[0]).toBeCloseTo(4.412123, 5);
    expect(did.ci[1]).toBeCloseTo(43.587877, 5);
    expect(did.p_value).toBeCloseTo(0.0163306, 6);
  });
});

describe('periods', () => {
  it('parses A..B with open ends and rejects what is not a range of real dates', () => {
    expect(parseRange('before', '2025-01-01..2025-03-31')).toEqual({ since: '2025-01-01', until: '2025-03-31' });
    expect(parseRange('after', '2025-04-01..')).toEqual({ since: '2025-04-01', until: null });
    for (const bad of ['2025-01-01', '..', '2025-02-30..2025-03-01', '2025-03-01..2025-01-01', 'jan..feb']) {
      expect(() => parseRange('before', bad), bad).toThrow(/--before/);
    }
  });

  it('splits at an initiative start: before ends the day before', () => {
    expect(splitAt('2025-03-01', { since: null, until: null })).toEqual({
      before: { since: null, until: '2025-02-28' }, after: { since: '2025-03-01', until: null },
    });
  });
});

// ---- the CLI over a small data set built to hit the answers above ------------------------------

type Kpi = { id: string; value: number | null; n: number; flags: string[] };
type Row = {
  segment?: string; stage: string | null; touchpoint: string | null; kpi: string; before: Kpi; after: Kpi;
  delta: number | null; ci: [number, number] | null; p_value: number | null; p_adjusted: number | null;
  significant: boolean; test: string | null; no_test: string | null; flags: string[];
};
type Did = {
  kpi: string; estimate: number | null; ci: [number, number] | null; p_value: number | null; no_test: string | null;
  control: { touchpoints: string[]; before: Kpi; after: Kpi }; touchpoint: { before: Kpi; after: Kpi };
};
type Result = {
  schema: string; rows: Row[]; method: { tests: number; significant: number; correction: string };
  segment?: { reference: string; values: string[] };
  initiative?: { touchpoint: string; excluded: string[]; did: Did[] }; sql?: string[];
};

const CONFIG = `timezone: UTC
touchpoints:
  - { id: checkout, label: Checkout, stage: purchase, match: { survey: "touchpoint = 'checkout'" } }
  - { id: gift_wrap, label: Gift wrap, stage: purchase, match: { survey: "touchpoint = 'gift_wrap'" } }
  - { id: delivery, label: Delivery, stage: service, match: { survey: "touchpoint = 'delivery'" } }
  - { id: relationship, label: Relationship, stage: loyalty, match: { survey: "touchpoint = 'relationship'" } }
segments:
  - { id: channel, label: Channel, expr: channel }
initiatives:
  - { id: one_page_checkout, touchpoint: checkout, started: 2025-04-01, description: One page }
`;

/** Survey rows: checkout csat 30/50 -> 42/50 with the CES vectors, delivery 100/200 both periods,
 * relationship NPS B -> A of TV3, gift_wrap three answers after. Channels: checkout web, delivery and
 * relationship app, gift_wrap store. */
function surveys(): string {
  const rows: string[] = [];
  let id = 0;
  const add = (month: number, touchpoint: string, channel: string, s: { csat?: number; ces?: number; nps?: number }) => {
    const day = String((id % 27) + 1).padStart(2, '0');
    rows.push([`r${++id}`, `2025-${String(month).padStart(2, '0')}-${day} 10:00:00`, touchpoint, channel, s.nps ?? '', s.ces ?? '', s.csat ?? ''].join(','));
  };
  const csatBefore = repeat([[5, 15], [4, 15], [3, 10], [2, 5], [1, 5]]);
  const csatAfter = repeat([[5, 21], [4, 21], [3, 4], [2, 4]]);
  csatBefore.forEach((csat, i) => add(2, 'checkout', 'web', { csat, ces: CES_BEFORE[i] }));
  csatAfter.forEach((csat, i) => add(5, 'checkout', 'web', { csat, ces: CES_AFTER[i] }));
  for (const month of [2, 5]) repeat([[5, 50], [4, 50], [2, 100]]).forEach((csat) => add(month, 'delivery', 'app', { csat }));
  repeat([[10, 100], [7, 80], [3, 70]]).forEach((nps) => add(2, 'relationship', 'app', { nps }));
  repeat([[9, 90], [8, 60], [0, 50]]).forEach((nps) => add(5, 'relationship', 'app', { nps }));
  for (let i = 0; i < 3; i++) add(5, 'gift_wrap', 'store', { csat: 1, ces: 1 });
  return ['response_id,submitted_at,touchpoint,channel,nps,ces,csat', ...rows].join('\n') + '\n';
}

function fixture(config = CONFIG): { cwd: string; args: string[] } {
  const cwd = tempDir('journey-compare-');
  mkdirSync(join(cwd, 'data'));
  writeFileSync(join(cwd, 'data', 'surveys.csv'), surveys());
  writeFileSync(join(cwd, 'journey.yaml'), config);
  return { cwd, args: ['data', '--config', 'journey.yaml'] };
}

const PERIODS = ['--before', '2025-01-01..2025-03-31', '--after', '2025-04-01..2025-06-30'];

// The first run in this file's config home creates the pseudonymisation key; runs started together
// before it exists race to create it (src/core/sources/keys.ts), so one run goes first.
beforeAll(async () => {
  const f = fixture();
  expect((await runJourney(['validate', ...f.args], { cwd: f.cwd })).code).toBe(0);
});
const row = (r: Result, touchpoint: string | null, kpi: string, stage?: string | null) =>
  r.rows.find((x) => x.touchpoint === touchpoint && x.kpi === kpi && (stage === undefined || x.stage === stage))!;

describe('journey compare --before --after', { timeout: 120_000 }, () => {
  const f = fixture();
  let json: RunResult;
  let table: RunResult;
  let csv: RunResult;
  let md: RunResult;
  let result: Result;

  beforeAll(async () => {
    [json, table, csv, md] = await Promise.all(['json', 'table', 'csv', 'md'].map((format) =>
      runJourney(['compare', ...f.args, ...PERIODS, '--format', format], { cwd: f.cwd })));
    result = JSON.parse(json.stdout) as Result;
  });

  it('writes journey-compare/1 JSON with a row per KPI and scope, touchpoint null for stage and journey rows', () => {
    expect(json.code, json.stderr).toBe(0);
    expect(() => compareSchema.parse(result)).not.toThrow();
    expect(row(result, null, 'csat', null).before.n).toBe(50 + 200);
    expect(row(result, null, 'csat', 'purchase').after.n).toBe(50 + 3);
    expect(result.rows.filter((r) => r.stage === null).every((r) => r.touchpoint === null)).toBe(true);
  });

  it('checkout CSAT: 60% (50) -> 84% (50), +24 pp, Newcombe interval, p 0.00753, significant after BH', () => {
    const r = row(result, 'checkout', 'csat');
    expect([r.before.value, r.before.n, r.after.value, r.after.n]).toEqual([60, 50, 84, 50]);
    expect(r.delta).toBeCloseTo(24, 10);
    expect(r.ci![0]).toBeCloseTo(6.389, 3);
    expect(r.ci![1]).toBeCloseTo(39.801, 3);
    expect(r.p_value).toBeCloseTo(0.00753, 5);
    expect(r.p_adjusted!).toBeGreaterThanOrEqual(r.p_value!);
    expect(r.significant).toBe(true);
  });

  it('checkout CES by Welch t and relationship NPS by the two-sample z, as the known answers', () => {
    const ces = row(result, 'checkout', 'ces');
    expect(ces.test).toBe('welch_t');
    expect(ces.delta).toBeCloseTo(1.9, 10);
    expect(ces.p_value! / 6.025245e-12).toBeCloseTo(1, 3);
    const nps = row(result, 'relationship', 'nps');
    expect(nps.test).toBe('nps_z');
    expect(nps.delta).toBeCloseTo(8, 10);
    expect(nps.p_value).toBeCloseTo(0.3056, 4);
    expect(nps.significant).toBe(false);
  });

  it('an unchanged touchpoint is not significant; BH runs over every p-value in the output', () => {
    const delivery = row(result, 'delivery', 'csat');
    expect(delivery.delta).toBe(0);
    expect(delivery.p_value).toBeCloseTo(1, 12);
    expect(delivery.significant).toBe(false);
    const tested = result.rows.filter((r) => r.p_value !== null);
    expect(result.method.tests).toBe(tested.length);
    expect(result.method.correction).toBe('benjamini-hochberg');
    expect(result.method.significant).toBe(tested.filter((r) => r.significant).length);
    for (const r of tested) expect(r.significant, `${r.touchpoint} ${r.kpi}`).toBe(r.p_adjusted! <= 0.05);
  });

  it('gift_wrap (3 answers, all after) is flagged low n, withheld, with no delta', () => {
    const gift = row(result, 'gift_wrap', 'csat');
    expect(gift.flags).toEqual(expect.arrayContaining(['low_n', 'suppressed', 'no_data']));
    expect(gift.before.n).toBe(0);
    expect(gift.after).toMatchObject({ n: 3, value: null });
    expect([gift.delta, gift.p_value, gift.significant]).toEqual([null, null, false]);
  });

  it('table: marks significant rows, states the BH correction and why some rows have no p-value', () => {
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/Benjamini-Hochberg over \d+ tests/);
    expect(table.stdout).toMatch(/\+24\.0 pp/);
    expect(table.stdout).toMatch(/\d \*/);
    expect(table.stdout).toContain('Purchase › Checkout');
    expect(table.stdout).toContain('one side has no data');
    expect(table.stdout).not.toContain('\x1b[');
  });

  it('csv has one row per comparison with the same numbers as the JSON; md carries the BH note', () => {
    expect(csv.code, csv.stderr).toBe(0);
    const rows = parseCsv(csv.stdout, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(result.rows.length);
    const c = rows.find((r) => r.touchpoint === 'checkout' && r.kpi === 'csat')!;
    expect(Number(c.delta)).toBeCloseTo(24, 10);
    expect(Number(c.p_value)).toBeCloseTo(row(result, 'checkout', 'csat').p_value!, 12);
    expect(c.significant).toBe('true');
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toMatch(/^## Purchase › Checkout$/m);
    expect(md.stdout).toContain('Benjamini-Hochberg');
  });

  it('--explain prints the counts, the statistic and the SQL with both periods', async () => {
    const r = await runJourney(['compare', ...f.args, ...PERIODS, '--explain'], { cwd: f.cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Checkout · CSAT \(top-2-box\): before n=50 k=30; after n=50 k=42; two-proportion z, Newcombe interval: z = 2\.673/);
    expect(r.stdout).toContain("SET VARIABLE journey_since = coalesce(CAST('2025-04-01' AS DATE)");
    expect(r.stdout).toMatch(/-- KPIs on csat_answers: csat\nWITH scoped AS/);
    const j = JSON.parse((await runJourney(['compare', ...f.args, ...PERIODS, '--explain', '-f', 'json'], { cwd: f.cwd })).stdout) as Result;
    expect(j.sql!.some((s) => s.includes("CAST('2025-03-31' AS DATE) + 1"))).toBe(true);
  });
});

describe('journey compare --by SEGMENT', { timeout: 120_000 }, () => {
  const f = fixture();
  let result: Result;
  let chosen: Result;

  beforeAll(async () => {
    const [a, b] = await Promise.all([
      runJourney(['compare', ...f.args, '--by', 'channel', '-f', 'json'], { cwd: f.cwd }),
      runJourney(['compare', ...f.args, '--by', 'channel', '--reference', 'web', '-f', 'json'], { cwd: f.cwd }),
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    [result, chosen] = [JSON.parse(a.stdout) as Result, JSON.parse(b.stdout) as Result];
  });

  it('compares each value with the value with the most rows (app), per KPI both have', () => {
    expect(result.segment).toMatchObject({ reference: 'app', values: ['store', 'web'] });
    const web = result.rows.find((r) => r.segment === 'web' && r.stage === null && r.kpi === 'csat')!;
    // web 72/100 against app 200/400: SciPy-checked pooled z p = 3.2e-4 is not needed; the sign and size are.
    expect(web.before).toMatchObject({ value: 50, n: 400 });
    expect(web.after).toMatchObject({ value: 72, n: 100 });
    expect(web.delta).toBeCloseTo(22, 10);
    expect(web.significant).toBe(true);
    // NPS is only asked of app customers: no web row for it.
    expect(result.rows.some((r) => r.segment === 'web' && r.kpi === 'nps')).toBe(false);
    const store = result.rows.find((r) => r.segment === 'store' && r.stage === null && r.kpi === 'csat')!;
    expect(store.flags).toEqual(expect.arrayContaining(['low_n', 'suppressed']));
    expect(store.delta).toBeNull();
  });

  it('--reference turns the comparison round', () => {
    expect(chosen.segment!.reference).toBe('web');
    const app = chosen.rows.find((r) => r.segment === 'app' && r.stage === null && r.kpi === 'csat')!;
    expect(app.delta).toBeCloseTo(-22, 10);
  });
});

describe('journey compare --initiative', { timeout: 120_000 }, () => {
  it('shows the touchpoint before/after and a difference-in-differences against the untouched touchpoints', async () => {
    const f = fixture();
    const r = await runJourney(['compare', ...f.args, '--initiative', 'one_page_checkout', '-f', 'json'], { cwd: f.cwd });
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as Result;
    expect(new Set(result.rows.map((x) => x.touchpoint))).toEqual(new Set(['checkout']));
    const csat = result.initiative!.did.find((d) => d.kpi === 'csat')!;
    // gift_wrap has no answers before the start, relationship no CSAT: delivery is the control.
    expect(csat.control.touchpoints).toEqual(['delivery']);
    expect(csat.estimate).toBeCloseTo(24, 10);
    expect(csat.ci![0]).toBeCloseTo(4.412123, 4);
    expect(csat.ci![1]).toBeCloseTo(43.587877, 4);
    expect(csat.p_value).toBeCloseTo(0.0163306, 5);
    expect(result.initiative!.did.find((d) => d.kpi === 'ces')!.no_test).toBe('no_data');
    const text = (await runJourney(['compare', ...f.args, '--initiative', 'one_page_checkout'], { cwd: f.cwd })).stdout;
    expect(text).toContain('Difference-in-differences: one_page_checkout');
    expect(text).toMatch(/\+24\.0 pp.*\[4\.4, 43\.6\]/s);
  });

  it('leaves out of the control a touchpoint where another initiative started inside the compared span', async () => {
    const f = fixture(`${CONFIG}  - { id: new_courier, touchpoint: delivery, started: 2025-05-01 }\n`);
    const r = await runJourney(['compare', ...f.args, '--initiative', 'one_page_checkout', '--since', '2025-01-01', '-f', 'json'], { cwd: f.cwd });
    expect(r.code, r.stderr).toBe(0);
    const init = (JSON.parse(r.stdout) as Result).initiative!;
    expect(init.excluded).toEqual(['delivery']);
    expect(init.did.find((d) => d.kpi === 'csat')).toMatchObject({ estimate: null, no_test: 'no_data' });
  });
});

describe('usage and config errors', { timeout: 120_000 }, () => {
  const f = fixture();
  it.each([
    ['nothing to compare', []],
    ['--before without --after', ['--before', '2025-01-01..2025-03-31']],
    ['a date that does not exist', ['--before', '2025-02-30..2025-03-31', '--after', '2025-04-01..']],
    ['a range that ends before it starts', ['--before', '2025-03-31..2025-01-01', '--after', '2025-04-01..']],
    ['a single date', ['--before', '2025-03-31', '--after', '2025-04-01..']],
    ['overlapping periods', ['--before', '2025-01-01..2025-04-15', '--after', '2025-04-01..2025-06-30']],
    ['--since with --before/--after', [...PERIODS, '--since', '2025-01-01']],
    ['two modes at once', [...PERIODS, '--by', 'channel']],
    ['--reference without --by', ['--initiative', 'one_page_checkout', '--reference', 'web']],
    ['an unknown segment', ['--by', 'nope']],
    ['an unknown initiative', ['--initiative', 'nope']],
    ['--until before the initiative started', ['--initiative', 'one_page_checkout', '--until', '2025-03-01']],
    ['an unknown --reference value', ['--by', 'channel', '--reference', 'fax']],
  ])('%s is exit 2 with a message and nothing on stdout', async (_, extra) => {
    const r = await runJourney(['compare', ...f.args, ...extra], { cwd: f.cwd });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^journey: /m);
    expect(r.stderr).not.toMatch(/unexpected error/);
  });

  it('an initiative on an unknown touchpoint, or with a date that does not exist, is a config error (78) naming the path', async () => {
    const bad = fixture(CONFIG.replace('touchpoint: checkout, started: 2025-04-01', 'touchpoint: chekout, started: 2025-04-31'));
    const r = await runJourney(['compare', ...bad.args, '--initiative', 'one_page_checkout'], { cwd: bad.cwd });
    expect(r.code).toBe(78);
    expect(r.stderr).toContain('initiatives[0].touchpoint');
    expect(r.stderr).toContain('initiatives[0].started');
  });
});

// ---- the planted-effects data set (fixtures/effects; effects and true sizes in its README) -------

const EFFECTS = join(ROOT, 'fixtures', 'effects');

describe('planted effects (fixtures/effects)', { timeout: 120_000 }, () => {
  let periods: Result;
  let initiative: Result;
  let table: RunResult;
  const args = [EFFECTS, '--config', join(EFFECTS, 'journey.yaml')];

  beforeAll(async () => {
    const runs = await Promise.all([
      runJourney(['compare', ...args, ...PERIODS, '-f', 'json']),
      runJourney(['compare', ...args, '--initiative', 'one_page_checkout', '-f', 'json']),
      runJourney(['compare', ...args, '--initiative', 'one_page_checkout']),
    ]);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    [periods, initiative] = runs.slice(0, 2).map((r) => JSON.parse(r.stdout) as Result);
    table = runs[2]!;
  });

  it("checkout's CSAT improvement after 2025-04-01 is significant after Benjamini-Hochberg", () => {
    const r = row(periods, 'checkout', 'csat');
    // README: CSAT top-2 58.4% before (n=1011) -> 83.8% after (n=901).
    expect([r.before.n, r.after.n]).toEqual([1011, 901]);
    expect(r.before.value!).toBeCloseTo(58.4, 1);
    expect(r.after.value!).toBeCloseTo(83.8, 1);
    expect(r.significant).toBe(true);
    expect(r.delta!).toBeGreaterThan(15);
    expect(r.ci![0]).toBeGreaterThan(0);
    expect(row(periods, 'checkout', 'ces').significant).toBe(true);
  });

  it("delivery's noise-only change is not significant", () => {
    for (const kpi of ['csat', 'ces']) {
      const r = row(periods, 'delivery', kpi);
      expect(r.p_value, kpi).not.toBeNull();
      expect(r.significant, kpi).toBe(false);
    }
  });

  it('gift_wrap is flagged low n', () => {
    const gift = periods.rows.filter((r) => r.touchpoint === 'gift_wrap' && (r.kpi === 'csat' || r.kpi === 'ces'));
    expect(gift.length).toBeGreaterThan(0);
    for (const r of gift) {
      expect(r.flags, r.kpi).toContain('low_n');
      expect(r.significant).toBe(false);
    }
  });

  it('one_page_checkout: the difference-in-differences interval for CSAT excludes 0', () => {
    const csat = initiative.initiative!.did.find((d) => d.kpi === 'csat')!;
    expect(csat.ci![0]).toBeGreaterThan(0);
    // The untouched touchpoints keep their distributions, so the DiD is about the checkout change itself.
    expect(Math.abs(csat.estimate! - (csat.touchpoint.after.value! - csat.touchpoint.before.value!))).toBeLessThan(3);
    expect(csat.control.touchpoints).not.toContain('checkout');
    expect(csat.control.touchpoints).toEqual(expect.arrayContaining(['delivery', 'product_page', 'returns']));
    expect(table.stdout).toContain('Difference-in-differences: one_page_checkout');
  });
});
