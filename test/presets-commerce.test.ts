// Help-desk and shop presets (Zendesk CSV and JSON, Freshdesk, Shopify, Stripe, WooCommerce): each
// fixture in the vendor's layout is recognised, and its mapped rows hold the same facts as the
// canonical twin next to it. The SQL runs on a real in-memory DuckDB; end to end through the CLI below.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { detectPreset, presetById, type HeadSample, type Preset, type PresetContext } from '../src/core/sources/presets/index.js';
import { KIND_SPECS } from '../src/core/sources/kinds/index.js';
import { stringify } from 'yaml';
import { localToEpoch } from './helpers/reference.js';
import { ROOT, runJourney, tempDir, type RunResult } from './helpers/run.js';

const FIXTURES = join(ROOT, 'fixtures', 'presets');

interface Case {
  preset: string;
  file: string;
  twin: string;
  /** The account's zone the export is written in (the fixture's journey.yaml), when not UTC. */
  timezone?: string;
  /** Header names the signature must quote. */
  signature: string[];
}

const CASES: Case[] = [
  { preset: 'zendesk', file: 'zendesk/zendesk-tickets.csv', twin: 'zendesk/canonical/tickets.csv', timezone: 'Europe/Amsterdam',
    signature: ['Id', 'Created at', 'Satisfaction Score', 'Requester id'] },
  { preset: 'zendesk-json', file: 'zendesk-json/tickets.jsonl', twin: 'zendesk-json/canonical/tickets.csv',
    signature: ['id', 'created_at', 'requester_id', 'via', 'satisfaction_rating'] },
  { preset: 'freshdesk', file: 'freshdesk/freshdesk-tickets.csv', twin: 'freshdesk/canonical/tickets.csv',
    signature: ['Ticket ID', 'Created time', 'Resolved time'] },
  { preset: 'shopify', file: 'shopify/orders_export_1.csv', twin: 'shopify/canonical/orders.csv',
    signature: ['Name', 'Financial Status', 'Created at', 'Total', 'Lineitem name'] },
  { preset: 'stripe', file: 'stripe/unified_payments.csv', twin: 'stripe/canonical/orders.csv',
    signature: ['id', 'Amount', 'Currency', 'Status', 'Created (UTC)'] },
  { preset: 'stripe', file: 'stripe-cents/payments.csv', twin: 'stripe-cents/canonical/orders.csv',
    signature: ['Created date (UTC)'] },
  { preset: 'woocommerce', file: 'woocommerce/order-export.csv', twin: 'woocommerce/canonical/order-export.csv',
    signature: ['Order Number', 'Order Status', 'Order Date', 'Order Total Amount'] },
  { preset: 'woocommerce', file: 'woocommerce/orders-with-items.csv', twin: 'woocommerce/canonical/orders-with-items.csv',
    signature: ['Order Total'] },
];

// ---------------------------------------------------------------------------------------------
// A real DuckDB and the smallest stand-in for the ingest hook: the preset's expressions over the
// file read as text (JSON lines with DuckDB's own types), rows collapsed by first non-empty value.

let instance: DuckDBInstance;
let conn: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
});
afterAll(() => {
  conn.closeSync();
  instance.closeSync();
});

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function rows<T = Record<string, unknown>>(sql: string, params?: Record<string, string>): Promise<T[]> {
  const reader = await conn.runAndReadAll(sql, params);
  return reader.getRowObjectsJS() as T[];
}

async function headSample(path: string): Promise<HeadSample> {
  if (path.endsWith('.jsonl')) {
    const described = await rows<{ column_name: string; column_type: string }>(
      `DESCRIBE SELECT * FROM read_json($path, format = 'newline_delimited')`, { path });
    return {
      path, format: 'jsonl', preamble: [],
      rows: [described.map((d) => d.column_name)],
      types: Object.fromEntries(described.map((d) => [d.column_name, d.column_type])),
    };
  }
  const records = parse(readFileSync(path), { to: 50, relax_column_count: true }) as string[][];
  return { path, format: 'csv', preamble: [], rows: records };
}

function contextFor(sample: HeadSample): PresetContext {
  const columns = sample.rows[0];
  const find = (name: string) => columns.find((c) => c.trim().toLowerCase() === name.trim().toLowerCase());
  return {
    sample,
    columns,
    col: (name) => { const c = find(name); return c === undefined ? 'NULL' : ident(c); },
    has: (name) => find(name) !== undefined,
  };
}

const readerOf = (path: string) => (path.endsWith('.jsonl')
  ? `read_json($path, format = 'newline_delimited')`
  : `read_csv($path, header = true, all_varchar = true)`);

/** Canonical columns typed for comparison: instants as epoch ms, numbers as doubles, text as is. */
function typedSelect(preset: Preset, source: string): string {
  return KIND_SPECS[preset.kind].columns.map((c) => {
    const v = `${source}.${ident(c.name)}`;
    if (c.type === 'timestamp') return `epoch_ms(TRY_CAST(${v} AS TIMESTAMPTZ)) AS ${ident(c.name)}`;
    if (c.type === 'number' || c.type === 'integer') return `TRY_CAST(${v} AS DOUBLE) AS ${ident(c.name)}`;
    return `nullif(CAST(${v} AS VARCHAR), '') AS ${ident(c.name)}`;
  }).join(', ');
}

async function mapped(preset: Preset, path: string, timezone: string): Promise<Record<string, unknown>[]> {
  await conn.run(`SET TimeZone = '${timezone}'`);
  const ctx = contextFor(await headSample(path));
  const exprs = preset.columns(ctx);
  const names = KIND_SPECS[preset.kind].columns.map((c) => c.name);
  const list = names.map((n) => `${exprs[n] ?? 'NULL'} AS ${ident(n)}`).join(',\n  ');
  const key = preset.collapseBy?.(ctx);
  const collapsed = key
    ? `SELECT ${names.map((n) => `first(${ident(n)} ORDER BY _rn) FILTER (WHERE ${ident(n)} IS NOT NULL) AS ${ident(n)}`).join(', ')}
       FROM mapped GROUP BY _key`
    : 'SELECT * FROM mapped';
  const sql = `WITH src AS (SELECT *, row_number() OVER () AS _rn FROM ${readerOf(path)}),
    mapped AS (SELECT ${key ?? 'NULL'} AS _key, _rn, ${list} FROM src),
    out AS (${collapsed})
    SELECT ${typedSelect(preset, 'out')} FROM out`;
  return rows(sql, { path });
}

async function canonical(preset: Preset, path: string, timezone: string): Promise<Record<string, unknown>[]> {
  await conn.run(`SET TimeZone = '${timezone}'`);
  const header = (parse(readFileSync(path), { to: 1 }) as string[][])[0];
  const list = KIND_SPECS[preset.kind].columns
    .map((c) => `${header.includes(c.name) ? ident(c.name) : 'NULL'} AS ${ident(c.name)}`).join(', ');
  return rows(`WITH t AS (SELECT ${list} FROM read_csv($path, header = true, all_varchar = true)) SELECT ${typedSelect(preset, 't')} FROM t`, { path });
}

const byId = (xs: Record<string, unknown>[]) =>
  [...xs].sort((a, b) => String(a.ticket_id ?? a.order_id).localeCompare(String(b.ticket_id ?? b.order_id)));

describe('detection: each fixture names its preset and the header signature', () => {
  for (const c of CASES) {
    it(`${c.file} -> ${c.preset}`, async () => {
      const found = detectPreset(await headSample(join(FIXTURES, c.file)));
      expect(found?.preset.id).toBe(c.preset);
      for (const name of c.signature) expect(found?.reason).toContain(name);
    });
  }

  it('canonical twins are not taken for a vendor export', async () => {
    for (const c of CASES) expect(detectPreset(await headSample(join(FIXTURES, c.twin))), c.twin).toBeUndefined();
  });

  it('the demo files (canonical layout) match no preset', async () => {
    for (const name of ['tickets.csv', 'orders.csv']) {
      expect(detectPreset(await headSample(join(ROOT, 'fixtures', 'demo', name)))).toBeUndefined();
    }
  });
});

describe('mapping: the preset expressions recover the canonical twin, row for row', () => {
  for (const c of CASES) {
    it(`${c.file}`, async () => {
      const preset = presetById(c.preset)!;
      const tz = c.timezone ?? 'UTC';
      const got = byId(await mapped(preset, join(FIXTURES, c.file), tz));
      const want = byId(await canonical(preset, join(FIXTURES, c.twin), tz));
      expect(got.length).toBeGreaterThan(10);
      expect(got).toEqual(want);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Quirks one at a time, on tiny tables

/** The expressions of one preset over literal rows (all text, as CSV cells arrive). */
async function mapRows(presetId: string, header: string[], data: (string | null)[][], timezone = 'UTC') {
  const preset = presetById(presetId)!;
  await conn.run(`SET TimeZone = '${timezone}'`);
  const ctx = contextFor({ path: 'inline.csv', format: 'csv', preamble: [], rows: [header] });
  const exprs = preset.columns(ctx);
  const values = data.map((r) => `(${r.map((v) => (v === null ? 'NULL::VARCHAR' : `'${v.replaceAll("'", "''")}'`)).join(', ')})`).join(', ');
  const list = Object.entries(exprs).map(([n, e]) => `CAST(${e} AS VARCHAR) AS ${ident(n)}`).join(', ');
  return rows<Record<string, string | null>>(
    `SELECT ${list}, ${Object.keys(exprs).map((n) => `TRY_CAST(CAST(${exprs[n]} AS VARCHAR) AS TIMESTAMPTZ) AS ${ident(`${n}__ts`)}`).join(', ')}
     FROM (VALUES ${values}) t(${header.map(ident).join(', ')})`);
}

describe('timestamps', () => {
  it('Shopify offsets like "-0400" (and a missing seconds field) become castable instants', async () => {
    const out = await mapRows('shopify', ['Name', 'Created at', 'Total', 'Financial Status'], [
      ['#1', '2022-04-06 21:52:40 -0400', '10.00', 'paid'],
      ['#2', '2022-04-06 21:52 +0530', '10.00', 'paid'],
      ['#3', '2022-04-06T21:52:40Z', '10.00', 'paid'],
      ['#4', '2022-04-06 21:52:40', '10.00', 'paid'],
    ], 'Europe/Amsterdam');
    expect(out.map((r) => r.ordered_at)).toEqual([
      '2022-04-06 21:52:40-04:00', '2022-04-06 21:52:00+05:30', '2022-04-06T21:52:40Z', '2022-04-06 21:52:40']);
    expect(out.map((r) => (r.ordered_at__ts as unknown as Date | null)?.toISOString())).toEqual([
      '2022-04-07T01:52:40.000Z', '2022-04-06T16:22:00.000Z', '2022-04-06T21:52:40.000Z',
      '2022-04-06T19:52:40.000Z', // no offset: the config's zone (CEST, +02:00)
    ]);
  });

  it('Stripe rows without an id are payments still: a succeeded one counts, an attempt is cancelled', async () => {
    const out = await mapRows('stripe', ['id', 'Created (UTC)', 'Amount', 'Currency', 'Status', 'PaymentIntent ID'], [
      ['ch_1', '2026-07-02 15:04', '49.00', 'eur', 'Paid', 'pi_1'],
      [null, '2026-07-02 16:00', '20.00', 'eur', 'requires_payment_method', null],
      [null, '2026-07-02 17:00', '30.00', 'eur', 'succeeded', 'pi_3'],
      [null, '2026-07-02 18:00', '40.00', 'eur', 'succeeded', null],
    ]);
    expect(out.map((r) => [r.order_id, r.status])).toEqual([
      ['ch_1', 'paid'], ['(no id) row 2', 'cancelled'], ['pi_3', 'paid'], ['(no id) row 4', 'paid']]);
  });

  it('Stripe "(UTC)" columns are UTC even without seconds, whatever the config zone', async () => {
    const out = await mapRows('stripe', ['id', 'Created (UTC)', 'Amount', 'Currency', 'Status'], [
      ['ch_1', '2026-07-02 15:04', '49.00', 'eur', 'Paid'],
      ['ch_2', '2026-07-02 15:04:05', '49.00', 'eur', 'Paid'],
    ], 'America/New_York');
    expect(out.map((r) => (r.ordered_at__ts as unknown as Date).toISOString())).toEqual(['2026-07-02T15:04:00.000Z', '2026-07-02T15:04:05.000Z']);
  });

  it('Zendesk first reply = created + minutes as elapsed time, across the DST change', async () => {
    const out = await mapRows('zendesk', ['Id', 'Created at', 'First reply time in minutes', 'Satisfaction Score'], [
      ['1', '2026-03-29 01:40:00', '90', 'Good'],
      ['2', '2026-03-29 01:40:00 +0100', '90', 'Good'],
      ['3', '2026-03-29 01:40:00', null, 'Good'],
    ], 'Europe/Amsterdam');
    const iso = out.map((r) => (r.first_response_at__ts as unknown as Date | null)?.toISOString() ?? null);
    expect(iso).toEqual(['2026-03-29T02:10:00.000Z', '2026-03-29T02:10:00.000Z', null]);
  });

  it('a first response of 00:00:00 with no agent interactions is no reply, not an instant one', async () => {
    const out = await mapRows('freshdesk', ['Ticket ID', 'Created time', 'First response time (in hrs)', 'Agent interactions'], [
      ['1', '2026-05-01 10:00:00', '00:00:00', '0'],
      ['2', '2026-05-01 10:00:00', '00:00:00', '1'],
      ['3', '2026-05-01 10:00:00', '19:56:24', '2'],
    ]);
    expect(out.map((r) => (r.first_response_at__ts as unknown as Date | null)?.toISOString() ?? null)).toEqual([
      null, '2026-05-01T10:00:00.000Z', '2026-05-02T05:56:24.000Z']);
  });

  it('an unreadable duration is passed on, so the row is rejected rather than losing the value', async () => {
    const out = await mapRows('freshdesk', ['Ticket ID', 'Created time', 'First response time (in hrs)'], [
      ['1', '2026-05-01 10:00:00', '27:30:00'],
      ['2', '2026-05-01 10:00:00', '1.5'],
      ['3', '2026-05-01 10:00:00', 'n/a'],
    ]);
    expect(out.map((r) => (r.first_response_at__ts as unknown as Date | null)?.toISOString() ?? r.first_response_at)).toEqual([
      '2026-05-02T13:30:00.000Z', '2026-05-01T11:30:00.000Z', 'n/a']);
  });
});

describe('values', () => {
  it('Zendesk Satisfaction Score: Good = 5, Bad = 1, offered or not = no answer, anything else kept for a reject', async () => {
    const out = await mapRows('zendesk', ['Id', 'Created at', 'Satisfaction Score'],
      ['Good', 'Bad', 'Offered', 'Not Offered', null, 'bad with comment', '4', 'Great'].map((s, i) => [String(i), '2026-01-01 10:00', s]));
    expect(out.map((r) => r.csat)).toEqual(['5', '1', null, null, null, '1', '4', 'Great']);
  });

  it('Zendesk: a Requester id mangled by a spreadsheet (1.03006E+13) falls back to the email', async () => {
    const out = await mapRows('zendesk', ['Id', 'Created at', 'Requester id', 'Requester email'], [
      ['1', '2026-01-01 10:00', '10300600023757', 'a@example.com'],
      ['2', '2026-01-01 10:00', '1.03006E+13', 'b@example.com'],
    ]);
    expect(out.map((r) => [r.customer_id, r.email])).toEqual([['10300600023757', 'a@example.com'], [null, 'b@example.com']]);
  });

  it('Shopify: every Financial Status has its canonical status, and Cancelled at wins', async () => {
    const statuses = ['paid', 'pending', 'authorized', 'partially_paid', 'partially_refunded', 'refunded', 'voided', 'expired', 'chargeback'];
    const out = await mapRows('shopify', ['Name', 'Created at', 'Total', 'Financial Status', 'Cancelled at'], [
      ...statuses.map((s, i) => [`#${i}`, '2026-01-01 10:00:00 -0500', '1.00', s, null]),
      ['#c', '2026-01-01 10:00:00 -0500', '1.00', 'refunded', '2026-01-02 10:00:00 -0500'],
      ['#c', null, null, null, null],
    ]);
    expect(out.map((r) => r.status)).toEqual([
      'paid', 'pending', 'pending', 'pending', 'paid', 'refunded', 'cancelled', 'cancelled', 'chargeback', 'cancelled', null]);
  });

  it('WooCommerce: labels, slugs and wc- slugs give the same status; guest customer 0 is no customer', async () => {
    const out = await mapRows('woocommerce', ['Order Number', 'Order Status', 'Order Date', 'Order Total', 'Customer User ID'], [
      ['1', 'Completed', '2026-01-01', '1', '12'],
      ['2', 'wc-processing', '2026-01-01', '1', '0'],
      ['3', 'On hold', '2026-01-01', '1', null],
      ['4', 'wc-on-hold', '2026-01-01', '1', null],
      ['5', 'Pending payment', '2026-01-01', '1', null],
      ['6', 'refunded', '2026-01-01', '1', null],
      ['7', 'Cancelled', '2026-01-01', '1', null],
      ['8', 'wc-failed', '2026-01-01', '1', null],
      ['9', 'Shipped', '2026-01-01', '1', null],
    ]);
    expect(out.map((r) => r.status)).toEqual(['paid', 'paid', 'pending', 'pending', 'pending', 'refunded', 'cancelled', 'cancelled', 'shipped']);
    expect(out.slice(0, 2).map((r) => r.customer_id)).toEqual(['12', null]);
  });

  it('Freshdesk survey labels of every scale map so that csat >= 4 is a positive rating', async () => {
    const labels = ['Awesome', 'Just Okay', 'Not Good', 'Extremely Happy', 'Very Happy', 'Happy', 'Neutral', 'Unhappy', 'Very Unhappy', 'Extremely Unhappy'];
    const out = await mapRows('freshdesk', ['Ticket ID', 'Created time', 'Survey results'], labels.map((l, i) => [String(i), '2026-01-01 10:00', l]));
    expect(out.map((r) => Number(r.csat) >= 4)).toEqual([true, false, false, true, true, true, false, false, false, false]);
  });
});

describe('Stripe amounts: major units or cents, decided from the whole column', () => {
  const header = ['id', 'Created (UTC)', 'Amount', 'Currency', 'Status', 'Amount Refunded'];
  const payment = (amount: string, currency = 'usd', refunded = '0', status = 'Paid') =>
    [`ch_${amount}`, '2026-07-02 15:04', amount, currency, status, refunded];

  it('whole numbers with a median of 1000 or more are cents', async () => {
    const out = await mapRows('stripe', header, [payment('4900'), payment('1999'), payment('500')]);
    expect(out.map((r) => r.amount)).toEqual(['49.00', '19.99', '5.00']);
  });

  it('a single decimal value anywhere makes the column major units', async () => {
    const out = await mapRows('stripe', header, [payment('4900'), payment('1999'), payment('12.50')]);
    expect(out.map((r) => r.amount)).toEqual(['4900', '1999', '12.50']);
  });

  it('whole numbers with a median below 1000 are major units (documented limit)', async () => {
    const out = await mapRows('stripe', header, [payment('49'), payment('120'), payment('15')]);
    expect(out.map((r) => r.amount)).toEqual(['49', '120', '15']);
  });

  it('zero-decimal currencies (JPY) are never divided', async () => {
    const out = await mapRows('stripe', header, [payment('4900', 'jpy'), payment('1999', 'usd')]);
    expect(out.map((r) => r.amount)).toEqual(['4900', '19.99']);
  });

  it('Paid with the whole amount refunded is refunded; a partial refund stays paid; failed is cancelled', async () => {
    const out = await mapRows('stripe', header, [
      payment('49.00', 'eur', '49.00'), payment('49.00', 'eur', '5.00'), payment('49.00', 'eur', '0.00', 'Failed'),
      payment('49.00', 'eur', '0.00', 'Uncaptured'), payment('49.00', 'eur', '49.00', 'Refunded'),
    ]);
    expect(out.map((r) => r.status)).toEqual(['refunded', 'paid', 'cancelled', 'pending', 'refunded']);
  });
});

// ---------------------------------------------------------------------------------------------
// End to end: the built CLI on each fixture folder and on its canonical twin

interface ValidatedFile { path: string; preset: string | null; detected_by: string; records: number; loaded: number; rejected: number;
  rejects: { line: number | null; column: string | null; reason: string }[] }
interface ReportJson { kpis: unknown[]; stages: unknown[]; coverage: unknown[]; sources: { path: string; preset: string | null; rows: number; rejected: number }[] }

interface Folder {
  dir: string;
  preset: string;
  timezone?: string;
  /** file name -> [records in the file, loaded, rejected]; collapsed line items are records but not rows */
  counts: Record<string, [number, number, number]>;
  /** Planted rejects: file name -> [line, column, reason pattern] */
  rejects?: Record<string, [number, string, RegExp]>;
}

const FOLDERS: Folder[] = [
  { dir: 'zendesk', preset: 'zendesk', timezone: 'Europe/Amsterdam', counts: { 'zendesk-tickets.csv': [40, 39, 1] },
    rejects: { 'zendesk-tickets.csv': [21, 'solved_at', /solved_at is before created_at/] } },
  { dir: 'zendesk-json', preset: 'zendesk-json', counts: { 'tickets.jsonl': [30, 30, 0] } },
  { dir: 'freshdesk', preset: 'freshdesk', counts: { 'freshdesk-tickets.csv': [32, 32, 0] } },
  { dir: 'shopify', preset: 'shopify', counts: { 'orders_export_1.csv': [50, 30, 0] } },
  { dir: 'stripe', preset: 'stripe', counts: { 'unified_payments.csv': [36, 36, 0] } },
  { dir: 'stripe-cents', preset: 'stripe', counts: { 'payments.csv': [34, 34, 0] } },
  { dir: 'woocommerce', preset: 'woocommerce', counts: { 'order-export.csv': [26, 25, 1], 'orders-with-items.csv': [27, 16, 0] },
    rejects: { 'order-export.csv': [11, 'status', /is not one of paid, pending, cancelled, refunded/] } },
];

/** Touchpoints over canonical columns only, so the same config loads for an export and its twin. */
function configFor(dir: string, timezone = 'UTC'): string {
  const path = join(tempDir(), 'journey.yaml');
  const touchpoints = [
    { id: 'billing', stage: 'service', match: { ticket: "touchpoint IN ('Billing', '360001110001')" } },
    { id: 'delivery', stage: 'service', match: { ticket: "touchpoint IN ('Delivery', 'Shipping', '360001110002')" } },
    { id: 'returns', stage: 'loyalty', match: { ticket: "touchpoint = 'Returns'" } },
    { id: 'chat', stage: 'service', match: { ticket: "channel = 'chat'" } },
    { id: 'web_shop', stage: 'purchase', match: { order: "channel = 'web'" } },
    { id: 'store', stage: 'purchase', match: { order: "channel = 'pos'" } },
    { id: 'big_orders', stage: 'loyalty', match: { order: 'amount >= 100' } },
  ];
  writeFileSync(path, stringify({ timezone, touchpoints }));
  return path;
}

const reportOf = (r: RunResult) => {
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as ReportJson;
};
/**
 * The parts of a report that must match. Numbers are compared to 12 significant digits: a sum of
 * doubles depends on the order rows arrive in, and collapsed line items arrive grouped, not in
 * file order (Shopify revenue 1887.91 vs 1887.9099999999999).
 */
function comparable(r: ReportJson): unknown {
  const round = (x: unknown): unknown => (typeof x === 'number' ? Number(x.toPrecision(12))
    : Array.isArray(x) ? x.map(round)
    : x && typeof x === 'object' ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, round(v)])) : x);
  return round({ kpis: r.kpis, stages: r.stages, coverage: r.coverage });
}
const base = (path: string) => path.split('/').pop()!;

describe('end to end: journey validate and journey report on each fixture and its twin', () => {
  let validated: ValidatedFile[];
  const reports = new Map<string, { vendor: RunResult; twin: RunResult }>();

  beforeAll(async () => {
    // One validate over every folder; then each folder and its twin. Two runs at a time: the
    // machine has two cores and other test files run too.
    const validate = await runJourney(['validate', ...FOLDERS.map((f) => join(FIXTURES, f.dir)), '--format', 'json']);
    expect(validate.code, validate.stderr).toBe(0);
    validated = (JSON.parse(validate.stdout) as { files: ValidatedFile[] }).files;
    for (const f of FOLDERS) {
      const dir = join(FIXTURES, f.dir);
      const config = configFor(f.dir, f.timezone);
      const [vendor, twin] = await Promise.all([
        runJourney(['report', dir, '--format', 'json', '--config', config]),
        runJourney(['report', join(dir, 'canonical'), '--format', 'json', '--config', config]),
      ]);
      reports.set(f.dir, { vendor, twin });
    }
  }, 240_000);

  for (const f of FOLDERS) {
    describe(f.dir, () => {
      it(`validate names preset ${f.preset} and its header signature, and accounts for every row`, () => {
        const files = validated.filter((v) => v.path.includes(`/presets/${f.dir}/`));
        expect(files.map((v) => base(v.path)).sort()).toEqual(Object.keys(f.counts).sort());
        for (const v of files) {
          expect(v.preset, v.path).toBe(f.preset);
          expect(v.detected_by, v.path).toMatch(new RegExp(`preset ${f.preset} .*header has`));
          expect([v.records, v.loaded, v.rejected], v.path).toEqual(f.counts[base(v.path)]);
          const planted = f.rejects?.[base(v.path)];
          expect(v.rejects.map((r) => [r.line, r.column]), v.path).toEqual(planted ? [[planted[0], planted[1]]] : []);
          if (planted) expect(v.rejects[0].reason).toMatch(planted[2]);
        }
      });

      it('report gives the same KPI values, n, intervals and flags at every scope as the canonical twin', () => {
        const { vendor, twin } = reports.get(f.dir)!;
        const got = reportOf(vendor);
        const want = reportOf(twin);
        expect(got.sources.every((s) => s.preset === f.preset)).toBe(true);
        expect(want.sources.every((s) => s.preset === null)).toBe(true);
        const counts = (r: ReportJson) => r.sources.map((s) => [s.rows, s.rejected]).sort();
        expect(counts(got)).toEqual(counts(want));
        expect(got.kpis.length).toBeGreaterThanOrEqual(4);
        expect(comparable(got)).toEqual(comparable(want));
      });
    });
  }

  it('Zendesk times with explicit offsets give the same KPIs with no config as local times with the account zone', async () => {
    // The same export with every time written as UTC with an offset, the way some accounts export it.
    const source = readFileSync(join(FIXTURES, 'zendesk', 'zendesk-tickets.csv'), 'utf8');
    const records = parse(source) as string[][];
    const header = records[0];
    const toUtc = (local: string) => {
      if (local === '') return local;
      const utc = new Date(localToEpoch(Date.parse(`${local.replace(' ', 'T')}Z`), 'Europe/Amsterdam')).toISOString();
      return `${utc.slice(0, 10)} ${utc.slice(11, 19)} +0000`;
    };
    for (const name of ['Created at', 'Solved at', 'Updated at']) {
      const i = header.indexOf(name);
      for (const record of records.slice(1)) record[i] = toUtc(record[i]);
    }
    const dir = tempDir();
    const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
    writeFileSync(join(dir, 'zendesk-utc.csv'), records.map((r) => r.map(quote).join(',')).join('\n') + '\n');
    const offsets = await runJourney(['report', dir, '--format', 'json', '--config', configFor('zendesk', 'UTC')]);
    expect(comparable(reportOf(offsets))).toEqual(comparable(reportOf(reports.get('zendesk')!.twin)));
  });
});
