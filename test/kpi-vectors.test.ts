// Published KPI test vectors (reference/kpi-statistics.md §11) reproduced end to end: tiny
// canonical CSV files written into a temp dir, run through the real CLI (`journey report
// --format json` in-process, DuckDB underneath), and the JSON compared with the known answers.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJourney } from './helpers/run.js';

const TIMEOUT = 60_000;

interface Kpi { id: string; value: number | null; n: number; ci: [number, number] | null; flags: string[] }
interface Report {
  kpis: Kpi[];
  stages: { id: string; kpis: Kpi[]; touchpoints: { id: string; kpis: Kpi[] }[] }[];
  sources: { path: string; rows: number; rejected: number }[];
}

let work: string;
let counter = 0;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'journey-vectors-'));
}, TIMEOUT);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

type Cell = string | number | null | undefined;
const csv = (header: string[], rows: Cell[][]) =>
  [header.join(','), ...rows.map((r) => r.map((v) => (v === null || v === undefined ? '' : String(v))).join(','))].join('\n') + '\n';

/** Writes the files into a fresh folder `data/` and the config next to it; returns both paths. */
function fixture(files: Record<string, string>, config: string): { data: string; config: string } {
  const dir = join(work, `case${++counter}`);
  mkdirSync(join(dir, 'data'), { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, 'data', name), content);
  writeFileSync(join(dir, 'journey.yaml'), config);
  return { data: join(dir, 'data'), config: join(dir, 'journey.yaml') };
}

async function report(f: { data: string; config: string }, ...args: string[]): Promise<Report> {
  const r = await runJourney(['report', f.data, '--config', f.config, '--format', 'json', ...args], {
    cwd: dirname(f.data),
    env: { XDG_CONFIG_HOME: join(work, 'xdg') },
  });
  // As execFile did for the spawned run: anything but exit 0 fails the case with the message.
  if (r.code !== 0) throw new Error(`journey report exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Report;
}

function kpi(r: { kpis: Kpi[] }, id: string): Kpi {
  const k = r.kpis.find((x) => x.id === id);
  if (!k) throw new Error(`no ${id} in ${JSON.stringify(r.kpis.map((x) => x.id))}`);
  return k;
}

const round = (xs: [number, number] | null, digits: number) => xs && xs.map((x) => Number(x.toFixed(digits)));
const repeat = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
const UTC = 'timezone: UTC\n';
const AMS = 'timezone: Europe/Amsterdam\n';

/** Day-of-January timestamps, one minute apart: distinct and inside one day per 1440 rows. */
const stamp = (i: number) => {
  const t = new Date(Date.UTC(2025, 0, 10, 0, 0, 0) + i * 60_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 19)}`;
};

describe('NPS (TV1)', () => {
  it('75 detractors, 675 passives, 250 promoters -> 17.5, adjusted-Wald CI [14.086, 20.809]', async () => {
    const scores = [...repeat(75, (i) => i % 7), ...repeat(675, (i) => 7 + (i % 2)), ...repeat(250, (i) => 9 + (i % 2))];
    const f = fixture({ 'nps.csv': csv(['response_id', 'submitted_at', 'nps'], scores.map((s, i) => [`R${i}`, stamp(i), s])) }, UTC);
    const nps = kpi(await report(f), 'nps');
    expect(nps.n).toBe(1000);
    expect(nps.value).toBeCloseTo(17.5, 10);
    expect(round(nps.ci, 3)).toEqual([14.086, 20.809]);
    expect(round(nps.ci, 3)).not.toEqual([14.137, 20.863]); // the plain Wald interval
    expect(nps.flags).toEqual([]);
  }, TIMEOUT);
});

describe('CSAT and CES (TV4, Intercom example)', () => {
  // 10x5, 20x4, 10x3, 5x2, 5x1. CES takes the same 50 values (a subset of its 1-7 scale) on the
  // survey rows; CSAT is split over the two sources it pools: 30 survey answers, 20 ticket answers.
  const values = [...repeat(10, () => 5), ...repeat(20, () => 4), ...repeat(10, () => 3), ...repeat(5, () => 2), ...repeat(5, () => 1)];
  const shuffled = values.map((v, i) => ({ v, k: (i * 37) % 50 })).sort((a, b) => a.k - b.k).map((x) => x.v);
  let r: Report;
  beforeAll(async () => {
    const f = fixture({
      'surveys.csv': csv(['response_id', 'submitted_at', 'ces', 'csat'], shuffled.map((v, i) => [`R${i}`, stamp(i), v, i < 30 ? v : null])),
      'tickets.csv': csv(['ticket_id', 'created_at', 'status', 'csat'], shuffled.slice(30).map((v, i) => [`T${i}`, stamp(i), 'solved', v])),
    }, UTC);
    r = await report(f);
  }, TIMEOUT);

  it('CSAT top-2-box 60%, Wilson [46.181, 72.392], pooled over surveys and tickets', () => {
    const csat = kpi(r, 'csat');
    expect(csat.n).toBe(50);
    expect(csat.value).toBeCloseTo(60, 10);
    expect(round(csat.ci, 3)).toEqual([46.181, 72.392]);
    expect(csat.flags).toEqual([]);
  });

  it('CES mean 3.5, t-interval [3.1543, 3.8457]', () => {
    const ces = kpi(r, 'ces');
    expect(ces.n).toBe(50);
    expect(ces.value).toBeCloseTo(3.5, 10);
    expect(round(ces.ci, 4)).toEqual([3.1543, 3.8457]);
  });
});

describe('time to resolution (TV6 quantiles, DST)', () => {
  it('solved after 0, 1, 2, 10 hours -> median 1.5 h, p90 7.6 h (linear interpolation); open tickets excluded', async () => {
    const hours = [10, 0, 2, 1];
    const at = (h: number) => new Date(Date.UTC(2025, 0, 10, 8) + h * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);
    const rows: Cell[][] = hours.map((h, i) => [`T${i}`, at(0), at(h), 'solved']);
    rows.push(['T9', at(0), null, 'open']);
    const f = fixture({ 'tickets.csv': csv(['ticket_id', 'created_at', 'solved_at', 'status'], rows) }, UTC);
    const r = await report(f);
    const median = kpi(r, 'ttr_median_hours');
    const p90 = kpi(r, 'ttr_p90_hours');
    expect([median.n, p90.n]).toEqual([4, 4]);
    expect(median.value).toBeCloseTo(1.5, 10);
    expect(p90.value).toBeCloseTo(7.6, 10);
    // n < 30: shown but marked; not survey-derived, so never suppressed.
    expect(median.flags).toEqual(['low_n']);
    expect(kpi(r, 'tickets').value).toBe(5);
  }, TIMEOUT);

  const dstTicket = (created: string, responded: string, solved: string) =>
    csv(['ticket_id', 'created_at', 'first_response_at', 'solved_at', 'status'], [['T1', created, responded, solved, 'solved']]);

  it('Europe/Amsterdam spring forward: 2025-03-30 01:30 -> 03:30 local is 1 elapsed hour', async () => {
    const f = fixture({ 'tickets.csv': dstTicket('2025-03-30 01:30:00', '2025-03-30 03:00:00', '2025-03-30 03:30:00') }, AMS);
    const r = await report(f);
    expect(kpi(r, 'ttr_median_hours').value).toBeCloseTo(1, 10);
    expect(kpi(r, 'ttr_p90_hours').value).toBeCloseTo(1, 10);
    expect(kpi(r, 'first_response_median_hours').value).toBeCloseTo(0.5, 10);
  }, TIMEOUT);

  it('the same wall times in UTC are 2 hours apart (the zone is really applied)', async () => {
    const f = fixture({ 'tickets.csv': dstTicket('2025-03-30 01:30:00', '2025-03-30 03:00:00', '2025-03-30 03:30:00') }, UTC);
    const r = await report(f);
    expect(kpi(r, 'ttr_median_hours').value).toBeCloseTo(2, 10);
    expect(kpi(r, 'first_response_median_hours').value).toBeCloseTo(1.5, 10);
  }, TIMEOUT);

  it('Europe/Amsterdam fall back: 2025-10-26 01:30 -> 03:30 local is 3 elapsed hours', async () => {
    const f = fixture({ 'tickets.csv': dstTicket('2025-10-26 01:30:00', '2025-10-26 01:45:00', '2025-10-26 03:30:00') }, AMS);
    const r = await report(f);
    expect(kpi(r, 'ttr_median_hours').value).toBeCloseTo(3, 10);
    expect(kpi(r, 'first_response_median_hours').value).toBeCloseTo(0.25, 10);
  }, TIMEOUT);
});

describe('web sessions (TV9 cart abandonment)', () => {
  it('45 purchases of 200 cart sessions -> 77.5% abandonment; 45 of 300 sessions convert', async () => {
    const rows: Cell[][] = [];
    let minute = 0;
    const ev = (session: string, user: string, event: string) => {
      const t = new Date(Date.UTC(2025, 1, 1) + minute++ * 60_000).toISOString().slice(0, 19) + 'Z';
      rows.push([t, session, user, event]);
    };
    for (let s = 0; s < 200; s++) {
      ev(`s${s}`, `u${s}`, 'page_view');
      ev(`s${s}`, `u${s}`, 'add_to_cart');
      if (s % 2 === 0) ev(`s${s}`, `u${s}`, 'add_to_cart'); // a second add counts once per session
      if (s < 45) ev(`s${s}`, `u${s}`, 'purchase');
    }
    for (let s = 200; s < 300; s++) ev(`s${s}`, `u${s % 250}`, 'page_view');
    const f = fixture({ 'web.csv': csv(['timestamp', 'session_id', 'user_id', 'event'], rows) }, UTC);
    const r = await report(f);
    const abandonment = kpi(r, 'cart_abandonment_rate');
    expect(abandonment.n).toBe(200);
    expect(abandonment.value).toBeCloseTo(77.5, 10);
    const conversion = kpi(r, 'conversion_rate');
    expect(conversion.n).toBe(300);
    expect(conversion.value).toBeCloseTo(15, 10);
    expect(kpi(r, 'sessions').value).toBe(300);
    expect(kpi(r, 'visitors').value).toBe(250);
    expect(kpi(r, 'pages_per_session').value).toBeCloseTo(1, 10);
  }, TIMEOUT);
});

describe('first-contact resolution (TV9)', () => {
  it('280 of 400 solved tickets resolved at first contact -> 70%', async () => {
    const rows: Cell[][] = [];
    const add = (n: number, solved: boolean, status: string, replies: Cell, reopens: Cell) => {
      for (let i = 0; i < n; i++) {
        const id = rows.length;
        rows.push([`T${id}`, stamp(id), solved ? stamp(id + 30) : null, status, replies, reopens]);
      }
    };
    add(250, true, 'solved', 1, 0); // first contact
    add(20, true, 'solved', null, null); // null replies/reopens count as 0
    add(10, false, 'closed', 0, 0); // solved by status, no solved_at
    add(70, true, 'solved', 2, 0); // more than one reply
    add(50, true, 'solved', 1, 1); // reopened
    add(30, false, 'open', 0, 0); // not solved: not in the denominator
    add(10, false, 'pending', 1, null);
    const f = fixture({ 'tickets.csv': csv(['ticket_id', 'created_at', 'solved_at', 'status', 'replies', 'reopens'], rows) }, UTC);
    const r = await report(f);
    const fcr = kpi(r, 'fcr');
    expect(fcr.n).toBe(400);
    expect(fcr.value).toBeCloseTo(70, 10);
    // Wilson 95% for 280/400, computed here from the formula.
    const z = 1.959963984540054;
    const p = 0.7;
    const n = 400;
    const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
    const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
    expect(fcr.ci![0]).toBeCloseTo(100 * (centre - half), 8);
    expect(fcr.ci![1]).toBeCloseTo(100 * (centre + half), 8);
    expect(kpi(r, 'tickets').value).toBe(440);
  }, TIMEOUT);
});

describe('churn (TV9: 500 at start, 450 retained -> 10%)', () => {
  // Europe/Amsterdam, churn_days 90. 500 customers (400 by id, 100 guests known by e-mail, written
  // with varying case and spaces) buy on 2025-02-15; 450 buy again on 2025-05-20. Noise that must
  // not count: refunded/cancelled orders, customers only before the base window, new customers.
  const rows: Cell[][] = [];
  const order = (customer: string | null, email: string | null, at: string, status: string) =>
    rows.push([`O${rows.length}`, customer, email, at, '49.95', status]);
  const customers = repeat(500, (i) => (i < 400 ? { id: `C${1000 + i}`, email: null } : { id: null, email: `guest${i}@example.com` }));
  customers.forEach((c, i) => {
    order(c.id, c.email, '2025-02-15 12:00:00', 'paid');
    const churned = i % 10 === 0; // 50 customers: 40 by id, 10 guests
    const again = c.email && i % 3 === 0 ? `  ${c.email.toUpperCase()} ` : c.email;
    if (!churned) order(c.id, again, '2025-05-20 12:00:00', 'paid');
    else if (i % 20 === 0) order(c.id, again, '2025-05-20 12:00:00', i % 40 === 0 ? 'refunded' : 'cancelled');
  });
  repeat(20, (i) => order(`N${i}`, null, '2025-02-20 10:00:00', 'cancelled')); // no paid order: not in base
  repeat(10, (i) => order(`P${i}`, null, '2024-10-01 10:00:00', 'paid')); // before the base window
  repeat(10, (i) => order(`Q${i}`, null, '2025-06-10 10:00:00', 'paid')); // new customers
  order('C1001', null, '2025-06-30 12:00:00', 'paid'); // the latest paid order (an active customer)
  let f: { data: string; config: string };
  beforeAll(() => {
    f = fixture({ 'orders.csv': csv(['order_id', 'customer_id', 'email', 'ordered_at', 'amount', 'status'], rows) }, `${AMS}churn_days: 90\n`);
  });

  it('as of the latest paid order', async () => {
    const churn = kpi(await report(f), 'churn_rate');
    expect(churn.n).toBe(500);
    expect(churn.value).toBeCloseTo(10, 10);
  }, TIMEOUT);

  it('as of the day after --until; --since does not narrow the base', async () => {
    const churn = kpi(await report(f, '--since', '2025-06-01', '--until', '2025-06-30'), 'churn_rate');
    expect(churn.n).toBe(500);
    expect(churn.value).toBeCloseTo(10, 10);
  }, TIMEOUT);
});

describe('reliability flags', () => {
  // Touchpoint cells of 4, 5 and 21 NPS respondents; 30 in the journey-level cell.
  it('a survey cell under 5 respondents is suppressed; under 30 it is marked low_n', async () => {
    const rows: Cell[][] = [];
    const add = (n: number, touchpoint: string) => {
      for (let i = 0; i < n; i++) rows.push([`R${rows.length}`, stamp(rows.length), touchpoint, (rows.length * 7) % 11]);
    };
    add(4, 'tiny');
    add(5, 'five');
    add(21, 'rest');
    const config = `${UTC}touchpoints:\n` + ['tiny', 'five', 'rest'].map((id) =>
      `  - id: ${id}\n    stage: loyalty\n    match:\n      survey: "touchpoint = '${id}'"\n`).join('');
    const f = fixture({ 'nps.csv': csv(['response_id', 'submitted_at', 'touchpoint', 'nps'], rows) }, config);
    const r = await report(f);
    const loyalty = r.stages.find((s) => s.id === 'loyalty')!;
    const cell = (tp: string) => loyalty.touchpoints.find((t) => t.id === tp)!.kpis.find((k) => k.id === 'nps')!;

    const tiny = cell('tiny');
    expect(tiny.n).toBe(4);
    expect(tiny.value).toBeNull();
    expect(tiny.ci).toBeNull();
    expect(tiny.flags).toContain('suppressed');
    expect(tiny.flags).toContain('low_n');

    const five = cell('five');
    expect(five.n).toBe(5);
    expect(five.value).not.toBeNull();
    expect(five.flags).toEqual(['low_n']);

    const journey = kpi(r, 'nps');
    expect(journey.n).toBe(30);
    expect(journey.value).not.toBeNull();
    expect(journey.flags).toEqual([]);
  }, TIMEOUT);
});
