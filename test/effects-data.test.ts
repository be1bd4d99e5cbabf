// The planted-effects data set (fixtures/effects/, scripts/generate-effects.mjs): the committed files
// are exactly what seed 1 generates, the tool loads every row, the planted differences show in plain
// KPIs, and the agent and loyalty effects the README claims are in the rows themselves (counted here
// straight from the CSVs, independently of the tool and of the generator's own bookkeeping).
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { configSchema } from '../src/core/config/schema.js';
import { ROOT, runJourney, tempDir, type RunResult } from './helpers/run.js';
// @ts-expect-error -- plain JavaScript generator without type declarations
import { generateEffects } from '../scripts/generate-effects.mjs';

type Generated = { files: Record<string, string>; truth: Record<string, any> };
const generate = generateEffects as (options: { seed?: number; honest?: boolean }) => Generated;

const DIR = join(ROOT, 'fixtures', 'effects');
const CONFIG = join(DIR, 'journey.yaml');
const FILES = ['surveys.csv', 'tickets.csv', 'orders.csv', 'web_events.csv', 'journey.yaml', 'README.md'];

type Kpi = { id: string; value: number | null; n: number; ci: [number, number] | null; flags: string[] };
type Report = {
  sources: { path: string; kind: string; rows: number; rejected: number }[];
  stages: { id: string; touchpoints: { id: string; kpis: Kpi[] }[] }[];
};

const committed = (name: string) => readFileSync(join(DIR, name), 'utf8');
const rowsOf = (text: string) => parseCsv(text, { columns: true }) as Record<string, string>[];
/** Same rounding as the README: a percentage to one decimal. */
const pct = (num: number, den: number) => Math.round((1000 * num) / den) / 10;

function touchpointKpi(report: Report, touchpoint: string, kpi: string): Kpi {
  for (const stage of report.stages) {
    const tp = stage.touchpoints.find((t) => t.id === touchpoint);
    const found = tp?.kpis.find((k) => k.id === kpi);
    if (found) return found;
  }
  throw new Error(`no ${kpi} at ${touchpoint}`);
}

describe('generate-effects.mjs', () => {
  it('seed 1 regenerates the committed fixtures/effects/ byte for byte', () => {
    const { files } = generate({ seed: 1 });
    expect(Object.keys(files).sort()).toEqual([...FILES].sort());
    for (const name of FILES) expect(files[name] === committed(name), `${name} differs from a fresh seed-1 run`).toBe(true);
  });

  it('--honest changes only the agent scores: orders and web events are identical, A07 looks like everyone else', () => {
    const honest = generate({ seed: 1, honest: true });
    expect(honest.files['orders.csv'] === committed('orders.csv')).toBe(true);
    expect(honest.files['web_events.csv'] === committed('web_events.csv')).toBe(true);
    const { a07, others } = honest.truth.agents;
    expect(Math.abs(a07.csat5 - others.csat5)).toBeLessThan(8);
  });

  it('another seed gives other rows with the same planted effects', () => {
    const { files, truth } = generate({ seed: 2 });
    expect(files['surveys.csv'] === committed('surveys.csv')).toBe(false);
    expect(truth.touchpoints.returns.csatTop2).toBeLessThan(truth.touchpoints.delivery.csatTop2 - 20);
    expect(truth.checkout.after.csatTop2 - truth.checkout.before.csatTop2).toBeGreaterThan(15);
    expect(truth.giftWrap.n).toBe(3);
    expect(truth.agents.a07.csat5 - truth.agents.others.csat5).toBeGreaterThan(20);
  });
});

describe('journey report over fixtures/effects/', { timeout: 120_000 }, () => {
  let all: Report;
  let after: Report;
  let before: Report;

  beforeAll(async () => {
    // The config carries `initiatives:` for the before/after comparison. A build whose config schema
    // does not know that key yet gets the same config without it; everything asserted here is the same.
    let config = CONFIG;
    if (!('initiatives' in configSchema.shape)) {
      config = join(tempDir(), 'journey.yaml');
      writeFileSync(config, committed('journey.yaml').replace(/^initiatives:[\s\S]*$/m, ''));
    }
    const run = (extra: string[]) => runJourney(['report', DIR, '--config', config, '--format', 'json', ...extra]);
    const results: RunResult[] = await Promise.all([run([]), run(['--since', '2025-04-01']), run(['--until', '2025-03-31'])]);
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    [all, after, before] = results.map((r) => JSON.parse(r.stdout) as Report);
  }, 120_000);

  it('loads every row of every file with 0 rejected', () => {
    const kinds: Record<string, string> = { survey: 'surveys.csv', ticket: 'tickets.csv', order: 'orders.csv', web: 'web_events.csv' };
    expect(all.sources.map((s) => s.kind).sort()).toEqual(Object.keys(kinds).sort());
    for (const source of all.sources) {
      expect(source.rejected, source.path).toBe(0);
      expect(source.rows, source.path).toBe(rowsOf(committed(kinds[source.kind]!)).length);
    }
  });

  it('returns has far lower CSAT than checkout and delivery', () => {
    const returns = touchpointKpi(all, 'returns', 'csat');
    const checkout = touchpointKpi(all, 'checkout', 'csat');
    const delivery = touchpointKpi(all, 'delivery', 'csat');
    expect(returns.n).toBeGreaterThan(300);
    expect(returns.value!).toBeLessThan(checkout.value! - 15);
    expect(returns.value!).toBeLessThan(delivery.value! - 25);
    expect(returns.ci![1]).toBeLessThan(delivery.ci![0]);
    expect(touchpointKpi(all, 'returns', 'fcr').value!).toBeLessThan(touchpointKpi(all, 'support', 'fcr').value! - 25);
  });

  it('checkout CSAT is clearly higher from 2025-04-01 than up to 2025-03-31; delivery stays put', () => {
    const chkAfter = touchpointKpi(after, 'checkout', 'csat');
    const chkBefore = touchpointKpi(before, 'checkout', 'csat');
    expect(chkAfter.n).toBeGreaterThanOrEqual(400);
    expect(chkBefore.n).toBeGreaterThanOrEqual(400);
    expect(chkAfter.value! - chkBefore.value!).toBeGreaterThan(15);
    expect(chkAfter.ci![0]).toBeGreaterThan(chkBefore.ci![1]);
    expect(touchpointKpi(after, 'checkout', 'ces').value!).toBeGreaterThan(touchpointKpi(before, 'checkout', 'ces').value! + 0.8);
    const delAfter = touchpointKpi(after, 'delivery', 'csat');
    const delBefore = touchpointKpi(before, 'delivery', 'csat');
    expect(Math.abs(delAfter.value! - delBefore.value!)).toBeLessThan(5);
  });

  it('gift_wrap has 3 answers and its CSAT is suppressed', () => {
    const gift = touchpointKpi(all, 'gift_wrap', 'csat');
    expect(gift.n).toBe(3);
    expect(gift.value).toBeNull();
    expect(gift.flags).toContain('suppressed');
  });
});

describe('the rows carry what the README claims', () => {
  const surveys = rowsOf(committed('surveys.csv'));
  const tickets = rowsOf(committed('tickets.csv'));
  const orders = rowsOf(committed('orders.csv'));
  const readme = committed('README.md');

  it('agent A07 gets top scores far more often than the others, mostly without a comment', () => {
    const scored = [...surveys, ...tickets].filter((r) => r.agent && r.csat);
    const csat5 = (a07: boolean) => {
      const list = scored.filter((r) => (r.agent === 'A07') === a07);
      return pct(list.filter((r) => r.csat === '5').length, list.length);
    };
    expect(csat5(true)).toBeGreaterThan(50);
    expect(csat5(false)).toBeLessThan(35);
    expect(readme).toContain(`csat 5 on ${csat5(true)}% of A07's`);
    expect(readme).toContain(`vs ${csat5(false)}% of the others'`);

    const tens = surveys.filter((r) => r.agent && r.nps === '10');
    const a07Tens = tens.filter((r) => r.agent === 'A07');
    const withoutComment = (list: typeof tens) => pct(list.filter((r) => r.comment === '').length, list.length);
    expect(a07Tens.length).toBeGreaterThan(15);
    expect(withoutComment(a07Tens)).toBeGreaterThan(75);
    expect(withoutComment(a07Tens)).toBeGreaterThan(withoutComment(tens.filter((r) => r.agent !== 'A07')) + 15);
    expect(readme).toContain(`${withoutComment(a07Tens)}% of A07's ${a07Tens.length} tens have no comment`);
  });

  it('promoters repeat-purchase far more than detractors', () => {
    const paid = new Map<string, number>();
    for (const o of orders) if (o.status === 'paid') paid.set(o.customer_id!, (paid.get(o.customer_id!) ?? 0) + 1);
    const relationship = surveys.filter((r) => r.touchpoint === 'nps_survey');
    expect(new Set(relationship.map((r) => r.customer_id)).size).toBe(relationship.length); // one answer per customer
    const repeat = (pred: (nps: number) => boolean) => {
      const list = relationship.filter((r) => pred(Number(r.nps)));
      return { n: list.length, share: pct(list.filter((r) => (paid.get(r.customer_id!) ?? 0) >= 2).length, list.length) };
    };
    const promoters = repeat((x) => x >= 9);
    const detractors = repeat((x) => x <= 6);
    expect(promoters.n).toBeGreaterThan(300);
    expect(detractors.n).toBeGreaterThan(200);
    expect(promoters.share).toBeGreaterThan(45);
    expect(detractors.share).toBeLessThan(32);
    expect(readme).toContain(`promoters ${promoters.share}% (n=${promoters.n})`);
    expect(readme).toContain(`detractors ${detractors.share}% (n=${detractors.n})`);
  });

  it('at least 800 NPS respondents also gave a delivery csat and a checkout ces', () => {
    const has = (tp: string, col: string) => new Set(surveys.filter((r) => r.touchpoint === tp && r[col]).map((r) => r.customer_id));
    const delivery = has('delivery', 'csat');
    const checkout = has('checkout', 'ces');
    const both = surveys.filter((r) => r.touchpoint === 'nps_survey' && delivery.has(r.customer_id) && checkout.has(r.customer_id));
    expect(both.length).toBeGreaterThanOrEqual(800);
  });
});
