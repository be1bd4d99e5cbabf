// Derived sources (issue 9, docs/derived-sources.md): a marketplace split over orders, payments,
// reviews and customers tables, and a marketing funnel's leads and closed deals, each mapped with a
// journey.yaml alone. Every KPI is checked against a number worked out by hand (the comments) and,
// for the marketplace, also by a plain TypeScript calculation over the CSV files themselves.
import { beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { DuckDBInstance } from '@duckdb/node-api';
import { ROOT, runJourney, tempDir } from './helpers/run.js';
import type { Kpi } from '../src/core/kpis/measure.js';
import type { ValidateResult } from '../src/core/contracts/validate.js';
import { parseConfig } from '../src/core/config/load.js';

const REAL = join(ROOT, 'fixtures', 'real');
const MARKETPLACE = join(REAL, 'marketplace-tables');
const FUNNEL = join(REAL, 'marketing-funnel');

interface ReportJson { kpis: Kpi[]; sources: { path: string }[]; warnings: string[] }

async function json<T>(cwd: string, ...args: string[]): Promise<T> {
  const r = await runJourney([...args, '--format', 'json'], { cwd });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
}
const kpi = (r: ReportJson, id: string) => r.kpis.find((k) => k.id === id)!;
const rows = (dir: string, file: string) => parse(readFileSync(join(dir, file)), { columns: true }) as Record<string, string>[];

describe('a marketplace split over orders, payments, reviews and customers tables', () => {
  let report: ReportJson;
  let validation: ValidateResult;
  beforeAll(async () => {
    report = await json<ReportJson>(MARKETPLACE, 'report');
    validation = await json<ValidateResult>(MARKETPLACE, 'validate');
  });

  it('sums payments per order and links orders to the person behind the per-order customer id', () => {
    // Paid (delivered, shipped, invoiced) with a payment: e481f51c 18.12 + 2.00 + 18.59 = 38.71,
    // 53cdb2fc 141.46, 47770eb9 179.12, ad21c59c 20.00 + 8.62 = 28.62, 6514b8ad 45.10 + 0.05 = 45.15;
    // 136cce7f has no payment row (rejected). 433.06 over 5 orders; 86.612 -> 86.61.
    expect(kpi(report, 'orders')).toMatchObject({ value: 5, n: 5 });
    expect(kpi(report, 'revenue').value).toBe(433.06);
    expect(kpi(report, 'aov').value).toBe(86.61);
    // Persons with a paid order: u861eff (e481f51c and 47770eb9 under two customer_ids), u290c77
    // (53cdb2fc; a4591c26 unavailable), u259dac, u4c93744: 1 of 4 bought twice.
    expect(kpi(report, 'repeat_purchase_rate')).toMatchObject({ value: 25, n: 4 });
    // Reviews 4, 5, 1, 5, 3, 2 (80e641a11e56 is linked to two orders: counted once): top-2-box 3 of 6.
    expect(kpi(report, 'csat')).toMatchObject({ value: 50, n: 6 });
  });

  it('gives the same numbers as a plain calculation over the four CSV files', () => {
    const person = new Map(rows(MARKETPLACE, 'olist_customers_dataset.csv').map((c) => [c.customer_id, c.customer_unique_id]));
    const cents = new Map<string, number>();
    for (const p of rows(MARKETPLACE, 'olist_order_payments_dataset.csv')) {
      cents.set(p.order_id, (cents.get(p.order_id) ?? 0) + Math.round(Number(p.payment_value) * 100));
    }
    const paid = rows(MARKETPLACE, 'olist_orders_dataset.csv')
      .filter((o) => ['delivered', 'shipped', 'invoiced'].includes(o.order_status) && cents.has(o.order_id));
    const total = paid.reduce((s, o) => s + cents.get(o.order_id)!, 0);
    const perPerson = new Map<string, number>();
    for (const o of paid) perPerson.set(person.get(o.customer_id)!, (perPerson.get(person.get(o.customer_id)!) ?? 0) + 1);
    expect(kpi(report, 'orders').value).toBe(paid.length);
    expect(kpi(report, 'revenue').value).toBe(total / 100);
    const repeat = [...perPerson.values()].filter((n) => n >= 2).length;
    expect(kpi(report, 'repeat_purchase_rate')).toMatchObject({ value: (100 * repeat) / perPerson.size, n: perPerson.size });
    const seen = new Set<string>();
    const scores = rows(MARKETPLACE, 'olist_order_reviews_dataset.csv').filter((r) => !seen.has(r.review_id) && seen.add(r.review_id)).map((r) => Number(r.review_score));
    expect(kpi(report, 'csat')).toMatchObject({ value: (100 * scores.filter((s) => s >= 4).length) / scores.length, n: scores.length });
  });

  it('reports the two derived sources, not the four tables, and accounts for every row of each', () => {
    expect(report.sources.map((s) => s.path)).toEqual(['marketplace_orders (derived source)', 'reviews_by_customer (derived source)']);
    const [orders, reviews] = validation.files;
    expect(orders).toMatchObject({ format: 'derived', records: 8, loaded: 7, rejected: 1, skipped: 0, merged: 0 });
    expect(orders.rejects).toEqual([{ file: 'marketplace_orders (derived source)', line: 1, column: 'amount', reason: 'required value is empty', key: 'order_id 136cce7f' }]);
    expect(orders.mapping).toMatchObject({
      derived: { inputs: ['orders', 'customers', 'payments'] },
      recoded: [{ column: 'status', values: 5, rows: 8 }],
    });
    expect(orders.mapping!.columns).toContainEqual({ canonical: 'currency', from: "'BRL'", by: 'expression' });
    expect(reviews).toMatchObject({ records: 7, loaded: 6, rejected: 0, skipped: 1, merged: 0 });
    expect(reviews.mapping!.skipped).toEqual([{ reason: 'repeated response_id; the first row with it is kept', rows: 1 }]);
    // The tables' own rows are accounted as inputs (read + rejected = records), never as sources.
    expect(validation.inputs.map((i) => [i.name, i.records, i.read, i.rejected, i.also_source, i.used_by])).toEqual([
      ['orders', 8, 8, 0, false, ['marketplace_orders', 'reviews_by_customer']],
      ['customers', 8, 8, 0, false, ['marketplace_orders', 'reviews_by_customer']],
      ['payments', 11, 11, 0, false, ['marketplace_orders']],
      ['reviews', 7, 7, 0, false, ['reviews_by_customer']],
    ]);
  });

  it('validate as text names the derived source, the key of its reject and the inputs', async () => {
    const r = await runJourney(['validate', '--rejects', join(tempDir(), 'rejects.csv')], { cwd: MARKETPLACE });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('marketplace_orders (derived source) row 1 (order_id 136cce7f) amount: required value is empty');
    expect(r.stdout).toContain('  derived: a query over orders, customers, payments');
    expect(r.stdout).toContain('  values recoded: status (5 value(s) in values:), 8 row(s) changed');
    expect(r.stdout).toContain('olist_order_payments_dataset.csv\n  input "payments" of derived sources (read by marketplace_orders); not a source of its own\n  11 records: 11 read, 0 rejected');
    const nl = await runJourney(['validate', '--lang', 'nl'], { cwd: MARKETPLACE });
    expect(nl.stdout).toContain('  waarden omgezet: status (5 waarde(n) in values:), 8 rij(en) gewijzigd\n  8 records: 7 geladen, 1 afgewezen');
    expect(nl.stdout).toContain('  invoer "payments" van afgeleide bronnen (gelezen door marketplace_orders); geen eigen bron');
  });

  it('journey sql prints the input reads, the lock-down, then the derived query and its load', async () => {
    const r = await runJourney(['sql'], { cwd: MARKETPLACE });
    expect(r.code, r.stderr).toBe(0);
    const read = r.stdout.indexOf('CREATE TABLE "input_3" AS SELECT * FROM read_csv(');
    const lock = r.stdout.indexOf('SET enable_external_access = false');
    const derived = r.stdout.indexOf('CREATE TABLE "derived_1" AS\nWITH "orders" AS (SELECT * FROM "input_1")');
    expect(read).toBeGreaterThan(0);
    expect(lock).toBeGreaterThan(read);
    expect(derived).toBeGreaterThan(lock);
    expect(r.stdout).toContain('sum(CAST(payment_value AS DECIMAL(18, 2))) AS paid');
    // The script runs as printed in a fresh DuckDB (from the fixture's folder) and gives the report's revenue and CSAT.
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const found: Record<string, unknown> = {};
    try {
      const statements = await connection.extractStatements(r.stdout);
      for (let i = 0; i < statements.count; i++) {
        const reader = await (await statements.prepare(i)).runAndReadAll();
        // The grand-total grouping set: every GROUPING() flag is 1.
        const row = (reader.getRowObjectsJS() as Record<string, unknown>[])
          .find((x) => Object.entries(x).filter(([k]) => k.startsWith('_g')).every(([, v]) => Number(v) === 1));
        for (const key of ['revenue__value', 'csat__value']) if (row && key in row) found[key] = row[key];
      }
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
    expect(Number(found.revenue__value)).toBe(433.06);
    expect(Number(found.csat__value)).toBe(50);
  });
});

describe("a marketing funnel's leads and closed deals", () => {
  let report: ReportJson;
  let validation: ValidateResult;
  beforeAll(async () => {
    report = await json<ReportJson>(FUNNEL, 'report');
    validation = await json<ValidateResult>(FUNNEL, 'validate');
  });

  it('unions leads and won deals into one event stream: lead-to-deal conversion', () => {
    // 8 leads (8 "sessions", one per mql_id); deals won for dac32acd, b4bc852d, 327174d3: 3 of 8.
    expect(kpi(report, 'sessions')).toMatchObject({ value: 8 });
    expect(kpi(report, 'leads')).toMatchObject({ value: 8 });
    expect(kpi(report, 'conversion_rate')).toMatchObject({ value: 37.5, n: 8 });
    // The same from the two files: leads whose mql_id is among the won deals.
    const leads = rows(FUNNEL, 'olist_marketing_qualified_leads_dataset.csv').map((l) => l.mql_id);
    const won = new Set(rows(FUNNEL, 'olist_closed_deals_dataset.csv').map((d) => d.mql_id));
    expect(kpi(report, 'conversion_rate').value).toBe((100 * leads.filter((id) => won.has(id)).length) / leads.length);
  });

  it('reads the deals file as orders with columns, a constant status and a value map', () => {
    // declared_monthly_revenue 0 + 50000 + 12000.5 = 62000.5 over 3 deals; 20666.8333 -> 20666.83.
    expect(kpi(report, 'orders')).toMatchObject({ value: 3, n: 3 });
    expect(kpi(report, 'revenue').value).toBe(62000.5);
    expect(kpi(report, 'aov').value).toBe(20666.83);
    const declared = rows(FUNNEL, 'olist_closed_deals_dataset.csv').map((d) => Number(d.declared_monthly_revenue));
    expect(kpi(report, 'revenue').value).toBe(declared.reduce((a, b) => a + b, 0));
    // Three different sellers, one deal each.
    expect(kpi(report, 'repeat_purchase_rate')).toMatchObject({ value: 0, n: 3 });
    const deals = validation.files.find((f) => f.path === 'olist_closed_deals_dataset.csv')!;
    expect(deals).toMatchObject({ records: 3, loaded: 3 });
    expect(deals.mapping!.recoded).toEqual([{ column: 'channel', values: 3, rows: 3 }]);
    expect(validation.inputs.map((i) => [i.name, i.records, i.also_source])).toEqual([['leads', 8, false], ['deals', 3, true]]);
    expect(validation.files.find((f) => f.format === 'derived')).toMatchObject({ path: 'funnel (derived source)', records: 11, loaded: 11 });
  });
});

describe('bad rows in an input and in a query\'s output', () => {
  it('an unreadable input record is counted at its physical line; a bad value in the output is rejected by key', async () => {
    const dir = tempDir();
    for (const f of ['olist_orders_dataset.csv', 'olist_customers_dataset.csv']) copyFileSync(join(MARKETPLACE, f), join(dir, f));
    writeFileSync(join(dir, 'reviews.csv'), [
      'review_id,order_id,review_score,review_comment_message,review_creation_date',
      'r1,e481f51c,4,"line one', 'line two",2017-10-11 00:00:00', // one record over lines 2-3
      'r2,53cdb2fc,5,ok,2018-08-08 00:00:00,extra', // line 4: a field too many
      'r3,47770eb9,x,,2018-08-18 00:00:00',
    ].join('\n') + '\n');
    writeFileSync(join(dir, 'journey.yaml'), [
      'sources:', '  - { name: orders, path: olist_orders_dataset.csv }', '  - { name: customers, path: olist_customers_dataset.csv }',
      '  - { name: reviews, path: reviews.csv }', '  - name: rv', '    kind: survey', '    query: >-',
      '      SELECT r.review_id AS response_id, c.customer_unique_id AS customer_id, r.review_creation_date AS submitted_at, r.review_score AS csat',
      '      FROM reviews r JOIN orders o USING (order_id) JOIN customers c USING (customer_id) ORDER BY r.review_id',
    ].join('\n') + '\n');
    const v = await json<ValidateResult>(dir, 'validate');
    expect(v.inputs.find((i) => i.name === 'reviews')).toMatchObject({
      records: 3, read: 2, rejected: 1, rejects: [{ file: 'reviews.csv', line: 4, column: null, reason: 'line could not be read (too many columns)' }],
    });
    expect(v.files[0]).toMatchObject({ records: 2, loaded: 1, rejected: 1 });
    expect(v.files[0].rejects).toEqual([{ file: 'rv (derived source)', line: 2, column: 'csat', key: 'response_id r3', reason: 'a text value (1 characters) is not a whole number from 1 to 5' }]);
    expect(v.warnings).toContain('reviews.csv: 1 of 3 records could not be read into input "reviews" (see journey validate)');
  });
});

describe('an input in Windows-1252', () => {
  it('is read through a UTF-8 copy, so a query can match its accented values', async () => {
    const dir = tempDir();
    copyFileSync(join(MARKETPLACE, 'olist_orders_dataset.csv'), join(dir, 'olist_orders_dataset.csv'));
    // c03c3d's city with its accent, saved by Excel as Windows-1252 (ã is the byte 0xE3).
    const customers = readFileSync(join(MARKETPLACE, 'olist_customers_dataset.csv'), 'utf8').replace('c03c3d,u861eff,01151,sao paulo', 'c03c3d,u861eff,01151,são paulo');
    writeFileSync(join(dir, 'customers.csv'), Buffer.from(customers, 'latin1'));
    writeFileSync(join(dir, 'journey.yaml'), [
      'sources:', '  - { name: orders, path: olist_orders_dataset.csv }', '  - { name: customers, path: customers.csv }',
      '  - name: sp', '    kind: web', '    query: >-',
      "      SELECT o.order_id AS session_id, 'purchase' AS event, o.order_purchase_timestamp AS timestamp",
      "      FROM orders o JOIN customers c USING (customer_id) WHERE c.customer_city = 'são paulo'",
    ].join('\n') + '\n');
    const v = await json<ValidateResult>(dir, 'validate');
    // Only 47770eb9 (customer c03c3d) is in são paulo with the accent.
    expect(v.files[0]).toMatchObject({ records: 1, loaded: 1 });
    expect(v.inputs.find((i) => i.name === 'customers')).toMatchObject({ encoding: 'windows-1252', records: 8, read: 8, rejected: 0 });
  });
});

describe('a derived source is config SQL under the lock-down', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    for (const f of readdirSync(FUNNEL).filter((n) => n.endsWith('.csv'))) copyFileSync(join(FUNNEL, f), join(dir, f));
  });
  const withQuery = (query: string, extra = '') => writeFileSync(join(dir, 'journey.yaml'),
    `sources:\n  - { name: leads, path: olist_marketing_qualified_leads_dataset.csv }\n${extra}` +
    `  - name: funnel\n    kind: web\n    query: ${JSON.stringify(query)}\n`);

  it.each([
    ["SELECT * FROM read_csv('/etc/passwd')", 'may not use table function(s) read_csv()'],
    ['SELECT * FROM src_1', 'reads "src_1", which is not a named file'],
    ["SELECT mql_id AS session_id, getvariable('journey_hmac_ipad')::VARCHAR AS event, first_contact_date AS timestamp FROM leads", 'may not read session variables'],
    ['SELECT 1 AS a; SELECT 2 AS b', 'must be one SELECT statement'],
    ['SELECT mql_id AS session_id, nope AS event, first_contact_date AS timestamp FROM leads', 'does not fit its inputs'],
  ])('%s is refused naming sources[1].query', async (query, message) => {
    withQuery(query);
    const r = await runJourney(['validate'], { cwd: dir });
    expect(r.code).toBe(78);
    expect(r.stderr).toContain('sources[1].query:');
    expect(r.stderr).toContain(message);
  });

  it('a query that fails on a row is a config error that does not quote the row', async () => {
    withQuery("SELECT mql_id AS session_id, 'generate_lead' AS event, CAST(origin AS INTEGER)::VARCHAR AS timestamp FROM leads");
    const bad = await runJourney(['validate'], { cwd: dir });
    expect(bad.code).toBe(78);
    expect(bad.stderr).toMatch(/sources\[1\]\.query: fails on the data .*TRY_CAST/);
    expect(bad.stderr).not.toMatch(/organic_search|paid_search/);
  });

  it('the config says what is missing: a query needs name and kind, a named file needs a reader', () => {
    expect(() => parseConfig('sources:\n  - { query: "SELECT 1" }\n', 'j.yaml')).toThrow(/sources\[0\]\.name: a derived source needs a name[\s\S]*sources\[0\]\.kind: say which kind/);
    expect(() => parseConfig('sources:\n  - { name: a, path: a.csv, query: "SELECT 1", kind: web }\n', 'j.yaml')).toThrow(/give path: or query:, not both/);
    expect(() => parseConfig('sources:\n  - { name: a, path: a.csv }\n', 'j.yaml')).toThrow(/read only by derived sources \(query:\), and there are none/);
  });

  it("a named input stays inside the config's folder like any source", async () => {
    writeFileSync(join(dir, 'journey.yaml'), `sources:\n  - { name: leads, path: ${join(FUNNEL, 'olist_marketing_qualified_leads_dataset.csv')} }\n` +
      '  - { name: funnel, kind: web, query: "SELECT mql_id AS session_id, \'generate_lead\' AS event, first_contact_date AS timestamp FROM leads" }\n');
    const r = await runJourney(['validate'], { cwd: dir });
    expect(r.code).toBe(78);
    expect(r.stderr).toContain("is outside the config's folder");
  });

  it('journey ingest refuses a config with derived sources instead of storing part of it', async () => {
    const r = await runJourney(['ingest', '--store', join(tempDir(), 's.duckdb')], { cwd: MARKETPLACE });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the config has derived sources (query:), which journey ingest does not store');
  });
});
