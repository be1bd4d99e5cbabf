// Real export layouts (issue 9): order lines with a credit note and guest rows, a complaint register
// with dd-mm-yy dates and repeated ids, a shop's event log with its own event names. Every expected
// number below was worked out by hand from the fixture rows (the comments show the sums).
import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { ROOT, runJourney } from './helpers/run.js';
import type { Kpi } from '../src/core/kpis/measure.js';
import type { ValidateResult } from '../src/core/contracts/validate.js';

const REAL = join(ROOT, 'fixtures', 'real');

interface ReportJson { kpis: Kpi[]; warnings: string[]; trends?: { periods: unknown[] } }
interface ValidateJson { files: ({ path: string; records: number; loaded: number; rejected: number; skipped: number; merged: number } & Pick<ValidateResult['files'][number], 'mapping'>)[] }

async function report(dir: string, ...args: string[]): Promise<ReportJson> {
  const r = await runJourney(['report', '--format', 'json', ...args], { cwd: resolve(REAL, dir) });
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
    // validate says what was made of it: the config's columns, and the 4 lines collapsed by order_id.
    expect(file.mapping).toMatchObject({ collapsed: { by: 'order_id', rows: 4 }, recoded: [], skipped: [], derived: null });
    expect(file.mapping!.columns.filter((c) => c.by === 'config').map((c) => `${c.canonical}<-${c.from}`))
      .toEqual(['order_id<-Invoice', 'customer_id<-Customer', 'ordered_at<-Date', 'amount<-Line total', 'currency<-Currency']);
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
    const table = await runJourney(['report', '--detail'], { cwd: join(REAL, 'complaints') });
    expect(table.stdout).toMatch(/First-contact resolution\s*│\s*not measurable\s*│/);
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

describe('config constructs: expressions, value maps, where, extra columns (docs/config.md)', () => {
  it('invoice lines: amount as Quantity * UnitPrice, postage filtered out by where, lines collapsed', async () => {
    const r = await report('invoices');
    // Kept lines: 536365 6x2.55 + 6x3.39 = 35.64; 536366 6x1.85 = 11.10; 536367 32x1.69 + 6x2.10 + 6x2.10 = 79.28;
    // 536380 24x1.45 = 34.80 (guest); 536381 2x4.95 = 9.90 (postage line dropped); 536382 12x0.85 = 10.20;
    // 536390 2x8.50 = 17.00. C536379 -1x27.50 is a refund. Revenue 197.92 over 7 paid orders.
    expect(kpi(r, 'orders')!.value).toBe(7);
    expect(kpi(r, 'revenue')!.value).toBe(197.92);
    expect(kpi(r, 'aov')!.value).toBe(28.27); // 197.92 / 7 = 28.274...
    // 17850: 536365, 536366, 536390; 13047: 536367, 536382; guests (empty and NA) are no customer.
    expect(kpi(r, 'repeat_purchase_rate')).toMatchObject({ value: 100, n: 2 });
    const v = await runJourney(['validate', '--format', 'json'], { cwd: join(REAL, 'invoices') });
    const [file] = (JSON.parse(v.stdout) as ValidateJson).files;
    // 12 records: 1 postage line skipped, 11 kept in 8 invoices: 3 lines merged, 8 loaded.
    expect(file).toMatchObject({ records: 12, loaded: 8, rejected: 0, skipped: 1, merged: 3 });
    // 12/13/2010 decides the column: month first, so 12/1/2010 is 1 December.
    const dec2 = await report('invoices', '--since', '2010-12-02', '--until', '2010-12-03');
    expect(kpi(dec2, 'revenue')!.value).toBe(20.1); // 9.90 + 10.20
  });

  it('an extra column is a segment (country), whatever the kind', async () => {
    const r = await runJourney(['report', '--format', 'json', '--segment', 'country'], { cwd: join(REAL, 'invoices') });
    expect(r.code, r.stderr).toBe(0);
    const values = (JSON.parse(r.stdout) as { segment: { values: { value: string; kpis: Kpi[] }[] } }).segment.values;
    expect(values.map((v) => v.value)).toEqual(['France', 'United Kingdom']);
    expect(values[0].kpis.find((k) => k.id === 'revenue')!.value).toBe(10.2);
    const web = await runJourney(['report', '--format', 'json', '--segment', 'brand'], { cwd: join(REAL, 'event-log') });
    expect(web.code, web.stderr).toBe(0);
    const brands = (JSON.parse(web.stdout) as { segment: { values: { value: string }[] } }).segment.values.map((v) => v.value);
    expect(brands).toContain('lenovo');
  });

  it('order statuses recoded by values:, an unmapped one rejected showing the value', async () => {
    const r = await report('marketplace');
    // Paid: delivered 38.71 + 141.46 + 52.30, shipped 179.12, invoiced 28.62 = 440.21 over 5 orders.
    expect(kpi(r, 'orders')!.value).toBe(5);
    expect(kpi(r, 'revenue')!.value).toBe(440.21);
    expect(kpi(r, 'aov')!.value).toBe(88.04); // 88.042
    // Customers 9ef432eb (2 paid orders), b0830fb4, 41ce2a54, 8ab97904.
    expect(kpi(r, 'repeat_purchase_rate')).toMatchObject({ value: 25, n: 4 });
    const v = await runJourney(['validate'], { cwd: join(REAL, 'marketplace') });
    expect(v.stdout).toContain('orders.csv:8 status: status "processing" is not one of paid, pending, cancelled, refunded; map it under values:');
  });

  it('event names recoded by values: make pages per session and cart abandonment measurable', async () => {
    const r = await report('event-log-mapped');
    // page_view: s1 2, s2 1, s3 3 = 6 over 3 sessions; carted s1 (bought) and s2 (not): 1 of 2.
    expect(kpi(r, 'pages_per_session')).toMatchObject({ value: 2, n: 3 });
    expect(kpi(r, 'cart_abandonment_rate')).toMatchObject({ value: 50, n: 2 });
    expect(kpi(r, 'pages_per_session')!.unavailable).toBeUndefined();
  });

  it('ticket register: created_at from a date and a 12-hour time column, statuses recoded, a product filtered', async () => {
    const args = ['--config', 'journey-mapped.yaml'];
    const v = await runJourney(['validate', '--format', 'json', ...args], { cwd: join(REAL, 'complaints') });
    const [file] = (JSON.parse(v.stdout) as ValidateJson).files;
    // 7 rows: NA id rejected; skipped: the repeated 3211476 and the student loan; no time rejected.
    expect(file).toMatchObject({ records: 7, loaded: 4, rejected: 1, skipped: 2 });
    const text = await runJourney(['validate', ...args], { cwd: join(REAL, 'complaints') });
    expect(text.stdout).toContain(`columns: ticket_id <- "Complaint ID", created_at <- "Date received" || ' ' || "Time received" (expression), status <- "Status"`);
    // All 7 statuses are phrases the map names (Closed with explanation, ... In progress).
    expect(text.stdout).toContain('values recoded: status (4 value(s) in values:), 7 row(s) changed');
    expect(text.stdout).toContain("skipped: 1 row(s): not kept by where: Product <> 'Student loan'");
    expect(text.stdout).toContain("where: Product <> 'Student loan'");
    const r = await runJourney(['report', '--format', 'json', '--segment', 'status', ...args], { cwd: join(REAL, 'complaints') });
    const seg = (JSON.parse(r.stdout) as { segment: { values: { value: string; kpis: Kpi[] }[] } }).segment.values;
    expect(seg.map((s) => [s.value, s.kpis.find((k) => k.id === 'tickets')!.value])).toEqual([['open', 1], ['solved', 3]]);
    // 3211480 was received 02-05-15 12:15:00 AM: 2 May 2015 at 00:15, inside a day that starts at midnight.
    const may2 = await report('complaints', ...args, '--since', '2015-05-02', '--until', '2015-05-02');
    expect(kpi(may2, 'tickets')!.value).toBe(1);
  });

  it('an expression that reads a file or names no column is refused before any row is read', async () => {
    const { writeFileSync, copyFileSync } = await import('node:fs');
    const { tempDir } = await import('./helpers/run.js');
    const dir = tempDir();
    copyFileSync(join(REAL, 'invoices', 'online_retail.csv'), join(dir, 'lines.csv'));
    const config = (amount: string) =>
      `sources:\n  - path: lines.csv\n    kind: order\n    columns: { order_id: InvoiceNo, ordered_at: InvoiceDate, amount: ${JSON.stringify(amount)} }\n`;
    writeFileSync(join(dir, 'journey.yaml'), config("(SELECT count(*) FROM read_csv('/etc/passwd'))"));
    let r = await runJourney(['validate'], { cwd: dir });
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/columns\.amount: .* may not use a query/);
    writeFileSync(join(dir, 'journey.yaml'), config('Quantity * Price'));
    r = await runJourney(['validate'], { cwd: dir });
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/"Price" not found.*its columns are InvoiceNo, StockCode/s);
  });
});

describe('dates as people write them, folders with other files, a cut-off export', () => {
  it('reads English and Dutch month names and two-digit years, per column', async () => {
    const { writeFileSync } = await import('node:fs');
    const { tempDir } = await import('./helpers/run.js');
    const dir = tempDir();
    writeFileSync(join(dir, 'orders.csv'), [
      'order_id,ordered_at,amount',
      '1,22-Apr-15,10.00', '2,3 mei 2015,20.00', '3,1 Maart 2015 3:53 PM,30.00', '4,22 april 2015,40.00', '5,5-okt-15,50.00',
    ].join('\n') + '\n');
    const r = await runJourney(['report', 'orders.csv', '--format', 'json', '--since', '2015-04-01', '--until', '2015-05-31'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as ReportJson;
    // 22 April (10 + 40) and 3 May (20); 1 March and 5 October fall outside the period.
    expect(kpi(out, 'revenue')!.value).toBe(70);
    const all = JSON.parse((await runJourney(['report', 'orders.csv', '--format', 'json'], { cwd: dir })).stdout) as ReportJson;
    expect(kpi(all, 'orders')!.value).toBe(5);
  });

  it('skips an unrecognised file found in a folder with a warning; named alone it is an error', async () => {
    const { copyFileSync, writeFileSync } = await import('node:fs');
    const { tempDir } = await import('./helpers/run.js');
    const dir = tempDir();
    copyFileSync(join(ROOT, 'fixtures', 'demo', 'orders.csv'), join(dir, 'orders.csv'));
    writeFileSync(join(dir, 'countries.csv'), 'code,country\nNL,Netherlands\nUK,United Kingdom\n');
    for (const command of ['validate', 'report', 'init']) {
      const r = await runJourney(command === 'init' ? ['init', '.', '--out', '-'] : [command, '.'], { cwd: dir });
      expect(r.code, `${command}: ${r.stderr}`).toBe(0);
      expect(r.stderr + r.stdout).toMatch(/countries.csv: skipped: not a recognised export|skipped countries.csv: not a recognised export/);
    }
    const named = await runJourney(['validate', 'countries.csv'], { cwd: dir });
    expect(named.code).toBe(65);
    expect(named.stderr).toContain('cannot tell what kind of export this is');
  });

  it('a record cut off at the end of the file loses only that record; an open quote earlier stays fatal', async () => {
    const { writeFileSync } = await import('node:fs');
    const { tempDir } = await import('./helpers/run.js');
    const dir = tempDir();
    writeFileSync(join(dir, 'tickets.csv'), 'ticket_id,created_at,subject\n1,2025-01-01,"ok"\n2,2025-01-02,"fine"\n3,2025-01-03,"cut off here\nand the export ends');
    const r = await runJourney(['validate', 'tickets.csv', '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const v = JSON.parse(r.stdout) as ValidateJson & { files: { rejects: { line: number; reason: string }[] }[] };
    expect(v.files[0]).toMatchObject({ records: 3, loaded: 2, rejected: 1 });
    expect(v.files[0].rejects[0]).toMatchObject({ line: 4, reason: expect.stringContaining('cut off') });
    // Text after a closing quote (a Google Forms answer with quotes inside): that record only.
    writeFileSync(join(dir, 'forms.csv'), 'response_id,submitted_at,comment,nps\n1,2025-01-01,"fine",9\n2,2025-01-02,"he said "hi" there",7\n3,2025-01-03,ok,8\n');
    const forms = await runJourney(['validate', 'forms.csv'], { cwd: dir });
    expect(forms.code, forms.stderr).toBe(0);
    expect(forms.stdout).toContain('3 records: 2 loaded, 1 rejected');
    expect(forms.stdout).toContain('forms.csv:3: line has text after a closing quote (a quote inside a value is written as two quotes "")');
    // A quote left open on line 3 swallows whole lines up to the file's final line break: fatal.
    writeFileSync(join(dir, 'early.csv'), 'ticket_id,created_at,subject\n1,2025-01-01,ok\n2,2025-01-02,"never closed\n3,2025-01-03,x\n');
    const early = await runJourney(['validate', 'early.csv'], { cwd: dir });
    expect(early.code).toBe(65);
    expect(early.stderr).toContain('early.csv:3: a quoted field opened on this line is never closed');
  });
});

describe('churn as of the latest paid order, a guest\'s included', () => {
  it('T is the shop\'s last sale even when a guest made it', async () => {
    const { writeFileSync } = await import('node:fs');
    const { tempDir } = await import('./helpers/run.js');
    const dir = tempDir();
    writeFileSync(join(dir, 'orders.csv'), [
      'order_id,customer_id,ordered_at,amount',
      '1,c1,2025-01-01,10', '2,c2,2025-01-05,10', '3,c1,2025-02-10,10', '4,NA,2025-03-20,10',
    ].join('\n') + '\n');
    writeFileSync(join(dir, 'journey.yaml'), 'churn_days: 30\nsources: [orders.csv]\n');
    const r = await report(dir);
    // T = 2025-03-20 (the guest's order): base [01-19, 02-18) = {c1}; nobody bought in [02-18, 03-20].
    // (T = 02-10, the last identified order, would give base {c1, c2} and 50%.)
    expect(kpi(r, 'churn_rate')).toMatchObject({ value: 100, n: 1 });
  });
});

describe('repeated header names', () => {
  it('are one warning line per file, not one per name', async () => {
    const { writeFileSync } = await import('node:fs');
    const { tempDir } = await import('./helpers/run.js');
    const dir = tempDir();
    writeFileSync(join(dir, 's.csv'), 'response_id,submitted_at,nps,A,A,B,B,B,C,C,D,D\n1,2025-01-01,9,a,a,b,b,b,c,c,d,d\n');
    const r = await runJourney(['validate', 's.csv'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => l.includes('repeat'));
    expect(lines).toEqual([expect.stringContaining('s.csv: 4 column names repeat in the header; the first of each is used: "A" appears 2 times')]);
    expect(lines[0]).toContain('; and 1 more');
  });
});

describe('GA4 report download with the current channel header', () => {
  it('"First user primary channel group (Default Channel Group)" is the channel', async () => {
    const { writeFileSync } = await import('node:fs');
    const { tempDir } = await import('./helpers/run.js');
    const dir = tempDir();
    writeFileSync(join(dir, 'acq.csv'), [
      '# ----------------------------------------', '# User acquisition: First user primary channel group (Default Channel Group)',
      '# Account: Example', '# ----------------------------------------', '#', '# Start date: 20250101', '# End date: 20250131',
      'First user primary channel group (Default Channel Group),Total users,Sessions,Engaged sessions,Engagement rate',
      'Organic Search,80,100,60,0.6', 'Direct,45,50,20,0.4',
    ].join('\n') + '\n');
    writeFileSync(join(dir, 'journey.yaml'), 'segments:\n  - { id: channel, expr: channel }\n');
    const r = await runJourney(['report', 'acq.csv', '--segment', 'channel', '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const values = (JSON.parse(r.stdout) as { segment: { values: { value: string; kpis: Kpi[] }[] } }).segment.values;
    expect(values.map((v) => [v.value, v.kpis.find((k) => k.id === 'traffic_sessions')!.value])).toEqual([['Direct', 50], ['Organic Search', 100]]);
  });
});

describe('Qualtrics 2016-era third header row', () => {
  it("{'ImportId': ...} in single quotes is a header row, not a response", async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const { tempDir } = await import('./helpers/run.js');
    const { parse } = await import('csv-parse/sync');
    const stringify = (rs: string[][]) =>
      rs.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n') + '\n';
    const dir = tempDir();
    const rows = parse(readFileSync(join(ROOT, 'fixtures', 'presets', 'qualtrics', 'qualtrics-responses.csv')), { relaxColumnCount: true }) as string[][];
    rows[2] = rows[2].map((c) => c.replace(/^\{"ImportId":"([^"]*)".*\}$/, "{'ImportId': '$1'}"));
    expect(rows[2][0]).toBe("{'ImportId': 'startDate'}");
    writeFileSync(join(dir, 'old.csv'), stringify(rows));
    const r = await runJourney(['validate', 'old.csv', '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    // As the current export of the same responses: 38 records, 37 loaded, a summary row skipped.
    expect((JSON.parse(r.stdout) as ValidateJson).files[0]).toMatchObject({ records: 38, loaded: 37, rejected: 0 });
  });
});

describe('a survey without NPS, CSAT or CES', () => {
  it('says so with its questions; a config mapping with word answers makes CSAT measurable', async () => {
    const { writeFileSync } = await import('node:fs');
    const { tempDir } = await import('./helpers/run.js');
    const dir = tempDir();
    writeFileSync(join(dir, 's.csv'), 'response_id,submitted_at,How was your visit?,Would you come back?\n1,2025-01-01,Good,Yes\n2,2025-01-02,Bad,No\n3,2025-01-03,Very good,Yes\n4,2025-01-04,n/a,No\n');
    const bare = await runJourney(['report', 's.csv', '--format', 'json'], { cwd: dir });
    expect(bare.code).toBe(0);
    expect((JSON.parse(bare.stdout) as ReportJson).warnings.join('\n'))
      .toContain('s.csv: no NPS, CSAT or CES answers found, so no survey KPI can be measured from it; its other columns are "How was your visit?", "Would you come back?"');
    writeFileSync(join(dir, 'journey.yaml'), [
      'min_cell: 0',
      'sources:',
      '  - path: s.csv',
      '    kind: survey',
      '    columns: { csat: How was your visit? }',
      '    values:',
      '      csat: { Very good: 5, Good: 4, Bad: 2 }',
    ].join('\n'));
    const r = await report(dir);
    // Good (4) and Very good (5) of 3 answers; n/a is no answer.
    expect(kpi(r, 'csat')).toMatchObject({ n: 3 });
    expect(kpi(r, 'csat')!.value).toBeCloseTo(200 / 3, 9);
    expect(r.warnings.join('\n')).not.toContain('no NPS, CSAT or CES');
  });
});

describe('a ticket with an unreadable satisfaction rating', () => {
  it('keeps the ticket, leaves csat empty and shows the label in a warning', async () => {
    const { writeFileSync } = await import('node:fs');
    const { tempDir } = await import('./helpers/run.js');
    const dir = tempDir();
    writeFileSync(join(dir, 't.csv'), 'ticket_id,created_at,csat,replies\n1,2025-01-01,5,1\n2,2025-01-02,Slightly dissatisfied,1\n7,2025-01-07,n/a,1\n3,2025-01-03,4,2\n4,2025-01-04,2,1\n5,2025-01-05,1,1\n6,2025-01-06,5,1\n');
    writeFileSync(join(dir, 'journey.yaml'), 'min_cell: 0\n');
    const r = await report(dir, 't.csv');
    expect(kpi(r, 'tickets')!.value).toBe(7);
    // csat 5, 4, 2, 1, 5: 3 of 5 are 4 or 5.
    expect(kpi(r, 'csat')).toMatchObject({ value: 60, n: 5 });
    expect(r.warnings.join('\n')).toContain('t.csv: 1 csat value(s) are not a score on the csat scale and are left empty (the rows are kept): "Slightly dissatisfied" (1)');
  });
});

describe('GA4 "Event name" report', () => {
  it('does not sum users over event rows; says why there is no traffic total', async () => {
    const { writeFileSync } = await import('node:fs');
    const { tempDir } = await import('./helpers/run.js');
    const dir = tempDir();
    writeFileSync(join(dir, 'events.csv'), [
      '# ----------------------------------------', '# Events: Event name', '# ----------------------------------------', '#',
      '# Start date: 20250101', '# End date: 20250131',
      'Event name,Event count,Total users,Event count per active user,Total revenue',
      'page_view,5000,2000,2.5,0', 'session_start,2500,2100,1.2,0', 'scroll,900,600,1.5,0',
    ].join('\n') + '\n');
    const r = await report(dir, 'events.csv');
    // 2000 + 2100 + 600 = 4700 "visitors" would be a sum of overlapping counts: not reported.
    expect(kpi(r, 'traffic_visitors')).toBeUndefined();
    expect(kpi(r, 'traffic_sessions')).toBeUndefined();
    expect(r.warnings.join('\n')).toContain('events.csv: no sessions, users or page views that can be added up');
  });
});
