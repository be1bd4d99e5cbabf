// Real export layouts (issue 9): order lines with a credit note and guest rows, a complaint register
// with dd-mm-yy dates and repeated ids, a shop's event log with its own event names. Every expected
// number below was worked out by hand from the fixture rows (the comments show the sums).
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ROOT, runJourney } from './helpers/run.js';
import type { Kpi } from '../src/core/kpis/measure.js';

const REAL = join(ROOT, 'fixtures', 'real');

interface ReportJson { kpis: Kpi[]; warnings: string[]; trends?: { periods: unknown[] } }
interface ValidateJson { files: { path: string; records: number; loaded: number; rejected: number; skipped: number; merged: number }[] }

async function report(dir: string, ...args: string[]): Promise<ReportJson> {
  const r = await runJourney(['report', '--format', 'json', ...args], { cwd: join(REAL, dir) });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as ReportJson;
}
const kpi = (r: ReportJson, id: string) => r.kpis.find((k) => k.id === id);

describe('order lines: one order per invoice, credit notes are refunds, NA is no customer', () => {
  it('collapses lines into orders and sums them exactly, in cents', async () => {
    const r = await report('order-lines');
    // Invoices 536365 (15.30 + 20.34), 536366 (11.10), 536367 (54.08 + 12.60 + 30.00), 536380 (34.80),
    // 536381 (10.00 + 5.05), 536382 (7.10); C536379 (-27.50) is a refund.
    expect(kpi(r, 'orders')).toMatchObject({ value: 6, n: 6 });
    expect(kpi(r, 'revenue')!.value).toBe(200.37);
    // 200.37 / 6 = 33.395 exactly: rounded half away from zero as a decimal (a binary float gives 33.39).
    expect(kpi(r, 'aov')!.value).toBe(33.4);
    // Customers with a paid order: 17850 (2 orders) and 13047 (2); the guests (NA) are no customer.
    expect(kpi(r, 'repeat_purchase_rate')).toMatchObject({ value: 100, n: 2 });
    expect(r.warnings.join('\n')).toMatch(/11 order rows have 7 distinct order ids.*4 row\(s\) merged/);
    expect(r.warnings.join('\n')).toMatch(/1 order\(s\) with a negative total .* -27\.5\) are counted as refunded/);
  });

  it('accounts for every line: 7 loaded + 4 merged = 11 records', async () => {
    const r = await runJourney(['validate', '--format', 'json'], { cwd: join(REAL, 'order-lines') });
    expect(r.code, r.stderr).toBe(0);
    const [file] = (JSON.parse(r.stdout) as ValidateJson).files;
    expect(file).toMatchObject({ records: 11, loaded: 7, rejected: 0, skipped: 0, merged: 4 });
  });

  it('reads dd-mm-yy as 2010, so a period in 2010 finds the orders', async () => {
    const r = await report('order-lines', '--since', '2010-12-02');
    // 536381 (15.05) on 2 December, 536382 (7.10) on 3 December.
    expect(kpi(r, 'orders')!.value).toBe(2);
    expect(kpi(r, 'revenue')!.value).toBe(22.15);
    expect(r.warnings.join('\n')).toMatch(/column "Date" has two-digit years in 11 value\(s\).*years found: 2010/);
  });
});

describe('complaint register: two-digit years, repeated ids, KPIs without their inputs', () => {
  it('loads 2015-2016 dates, keeps the first of a repeated id and rejects the NA id', async () => {
    const v = await runJourney(['validate', '--format', 'json'], { cwd: join(REAL, 'complaints') });
    const [file] = (JSON.parse(v.stdout) as ValidateJson).files;
    // 7 rows: 3211476 twice (second skipped), NA as the id (rejected), 5 loaded.
    expect(file).toMatchObject({ records: 7, loaded: 5, rejected: 1, skipped: 1, merged: 0 });
    const r = await report('complaints', '--since', '2015-05-01');
    // 3211480 (2 May 2015) and 3211481 (1 Feb 2016): not the years 0002 and 0001.
    expect(kpi(r, 'tickets')!.value).toBe(2);
    expect(r.warnings.join('\n')).toMatch(/1 row\(s\) repeat the ticket_id of an earlier row/);
    const months = await report('complaints', '--by', 'month');
    // April 2015 to February 2016: 11 months, not hundreds of years of them.
    expect(months.trends!.periods).toHaveLength(11);
  });

  it('says FCR and times are not measurable instead of printing 100%', async () => {
    const r = await report('complaints');
    expect(kpi(r, 'fcr')).toMatchObject({ value: null, n: 0, flags: ['not_measurable'], unavailable: 'no replies or reopens column in the ticket data (map one under columns:)' });
    expect(kpi(r, 'ttr_median_hours')).toMatchObject({ value: null, unavailable: 'no solved_at values in the ticket data' });
    expect(kpi(r, 'tickets')!.value).toBe(5);
    const table = await runJourney(['report'], { cwd: join(REAL, 'complaints') });
    expect(table.stdout).toMatch(/First-contact resolution\s*│\s*not\s*│/);
    const md = await runJourney(['report', '--format', 'md'], { cwd: join(REAL, 'complaints') });
    expect(md.stdout).toContain('| First-contact resolution | not measurable | 0 |  | not measurable: no replies or reopens column in the ticket data');
    const csv = await runJourney(['report', '--format', 'csv'], { cwd: join(REAL, 'complaints') });
    expect(csv.stdout).toContain(',,,fcr,First-contact resolution,,%,0,,,not_measurable');
  });
});

describe('event log with its own event names', () => {
  it('pages per session and cart abandonment are not measurable, not 0.00 or missing', async () => {
    const r = await report('event-log');
    expect(kpi(r, 'pages_per_session')).toMatchObject({ value: null, unavailable: expect.stringContaining('no page_view event') });
    expect(kpi(r, 'cart_abandonment_rate')).toMatchObject({ value: null, unavailable: expect.stringContaining('no add_to_cart event') });
    // Sessions s1, s2, s3; s1 has the purchase.
    expect(kpi(r, 'sessions')!.value).toBe(3);
    expect(kpi(r, 'conversion_rate')!.value).toBeCloseTo(100 / 3, 9);
  });
});

describe('dates that would read as a year before 1900', () => {
  it('are rejected with a reason that says so, never loaded as the year 0022', async () => {
    const { writeFileSync } = await import('node:fs');
    const { tempDir } = await import('./helpers/run.js');
    const dir = tempDir();
    // One value written yy-mm-dd among ISO dates: ISO wins the column, the odd value is refused.
    writeFileSync(join(dir, 'orders.csv'), 'order_id,ordered_at,amount\n1,2025-01-02,10\n2,2025-01-03,20\n3,22-04-15,30\n');
    const r = await runJourney(['validate', 'orders.csv'], { cwd: dir });
    expect(r.stdout).toContain('orders.csv:4 ordered_at: "22-04-15" reads as a year before 1900 (a two-digit year?); write the year with four digits');
  });
});
