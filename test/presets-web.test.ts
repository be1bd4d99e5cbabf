// Web-analytics presets (docs/presets-web.md): each fixture in its vendor's real layout is recognised
// by its own preset only, and its columns() expressions, run by a real DuckDB over the file, give
// exactly the rows of the canonical twin written independently by scripts/make-web-fixtures.mjs.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { ROOT, tempDir } from './helpers/run.js';
import { detectPreset, PRESETS, type HeadSample, type Preset, type PresetContext } from '../src/core/sources/presets/index.js';
import { KIND_SPECS } from '../src/core/sources/kinds/index.js';
import { quoteIdent, quoteLiteral } from '../src/core/db.js';
import { readPreamble } from '../src/core/sources/presets/ga4-ui.js';

const FIXTURES = join(ROOT, 'fixtures', 'presets');
const MINE = ['ga4-bigquery', 'posthog', 'ga4-ui', 'plausible', 'matomo'];

let conn: DuckDBConnection;
beforeAll(async () => {
  conn = await (await DuckDBInstance.create(':memory:')).connect();
  await conn.run("SET TimeZone = 'UTC'");
});
afterAll(() => conn.closeSync());

const rows = async (sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];

/**
 * What detection hands a preset: CSV text decoded (UTF-16 with a BOM too) and the leading `#`
 * preamble removed, as the pre-pass does; JSON lines and Parquet described by DuckDB.
 */
async function readSample(path: string): Promise<{ sample: HeadSample; relation: string }> {
  if (/\.(jsonl|parquet)$/.test(path)) {
    const relation = path.endsWith('.parquet')
      ? `read_parquet(${quoteLiteral(path)})`
      : `read_json(${quoteLiteral(path)}, format = 'newline_delimited')`;
    const described = await rows(`DESCRIBE SELECT * FROM ${relation}`);
    const types = Object.fromEntries(described.map((r) => [r.column_name as string, r.column_type as string]));
    const format = path.endsWith('.parquet') ? 'parquet' : 'jsonl';
    return { sample: { path, format, rows: [Object.keys(types)], types, preamble: [] }, relation };
  }
  const bytes = readFileSync(path);
  let text = bytes[0] === 0xff && bytes[1] === 0xfe ? bytes.subarray(2).toString('utf16le') : bytes.toString('utf8');
  const lines = text.split(/\r?\n/);
  const preamble: string[] = [];
  while (lines.length && (lines[0].startsWith('#') || (preamble.length && lines[0].trim() === ''))) preamble.push(lines.shift()!);
  text = lines.join('\n');
  const clean = join(tempDir('journey-presets-web-'), basename(path));
  writeFileSync(clean, text);
  const records = parse(text, { relax_column_count: true }) as string[][];
  const header = records[0];
  const columns = `{${header.map((h) => `${quoteLiteral(h)}: 'VARCHAR'`).join(', ')}}`;
  return {
    // The preset sees the file where the user keeps it (Plausible reads the period beside it).
    sample: { path, format: 'csv', rows: records.slice(0, 50), preamble },
    relation: `read_csv(${quoteLiteral(clean)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = ${columns})`,
  };
}

function contextFor(sample: HeadSample): PresetContext {
  const columns = sample.rows[0];
  const find = (name: string) => columns.find((c) => c.toLowerCase() === name.toLowerCase());
  return {
    sample,
    columns,
    has: (name) => find(name) !== undefined,
    col: (name) => { const c = find(name); return c === undefined ? 'NULL' : quoteIdent(c); },
  };
}

const SQL_TYPE: Record<string, string> = { timestamp: 'TIMESTAMPTZ', date: 'DATE', integer: 'DOUBLE', number: 'DOUBLE' };

/**
 * Rows the preset maps a file to and rows of its canonical twin, both typed as the canonical table
 * types them, over the twin's columns. Returns what is in one and not the other.
 */
async function compare(preset: Preset, files: string[], twin: string) {
  const spec = KIND_SPECS[preset.kind];
  const twinHeader = (parse(readFileSync(twin, 'utf8'), { to: 1 }) as string[][])[0];
  const typed = (c: string) => {
    const t = SQL_TYPE[spec.columns.find((s) => s.name === c)?.type ?? 'text'];
    const cell = `nullif(${quoteIdent(c)}, '')`;
    return `${t ? `TRY_CAST(${cell} AS ${t})` : cell} AS ${quoteIdent(c)}`;
  };
  const mapped: string[] = [];
  let skipped = 0;
  for (const file of files) {
    const { sample, relation } = await readSample(file);
    const ctx = contextFor(sample);
    const exprs = preset.columns(ctx);
    const skip = preset.skip?.(ctx);
    const select = twinHeader.map((c) => `CAST((${exprs[c] ?? ctx.col(c)}) AS VARCHAR) AS ${quoteIdent(c)}`);
    if (skip) skipped += Number((await rows(`SELECT count(*)::INTEGER AS n FROM ${relation} WHERE ${skip.when}`))[0].n);
    mapped.push(`SELECT ${select.join(', ')} FROM ${relation}${skip ? ` WHERE NOT coalesce(${skip.when}, false)` : ''}`);
  }
  const twinColumns = `{${twinHeader.map((h) => `${quoteLiteral(h)}: 'VARCHAR'`).join(', ')}}`;
  const twinSql = `SELECT * FROM read_csv(${quoteLiteral(twin)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = ${twinColumns})`;
  const a = `SELECT ${twinHeader.map(typed).join(', ')} FROM (${mapped.join(' UNION ALL ')})`;
  const b = `SELECT ${twinHeader.map(typed).join(', ')} FROM (${twinSql})`;
  const [onlyPreset, onlyTwin, [counts]] = await Promise.all([
    rows(`${a} EXCEPT ALL ${b}`), rows(`${b} EXCEPT ALL ${a}`),
    rows(`SELECT (SELECT count(*) FROM (${a}))::INTEGER AS preset, (SELECT count(*) FROM (${b}))::INTEGER AS twin`),
  ]);
  return { onlyPreset, onlyTwin, counts, skipped };
}

const vendorFiles = (dir: string) =>
  readdirSync(join(FIXTURES, dir)).filter((f) => /\.(csv|jsonl|parquet)$/.test(f)).sort().map((f) => join(FIXTURES, dir, f));

describe('detection: each fixture is recognised by its own preset, and only by it', () => {
  const cases: [string, string, RegExp][] = [
    ['ga4-bigquery', 'ga4-bigquery', /event_timestamp, event_name, event_params, user_pseudo_id/],
    ['ga4-bigquery-parquet', 'ga4-bigquery', /event_timestamp, event_name, event_params, user_pseudo_id/],
    ['posthog', 'posthog', /event, distinct_id, timestamp, properties/],
    ['ga4-ui', 'ga4-ui', /Engaged sessions|Active users|GA4/],
    ['plausible', 'plausible', /Plausible/],
    ['matomo', 'matomo', /Matomo/],
  ];
  for (const [dir, id, signature] of cases) {
    it(`${dir}: every file is ${id}, with the header signature as the reason`, async () => {
      for (const file of vendorFiles(dir)) {
        const { sample } = await readSample(file);
        const found = detectPreset(sample);
        expect(found?.preset.id, basename(file)).toBe(id);
        expect(found?.reason, basename(file)).toMatch(signature);
        const others = PRESETS.filter((p) => p.id !== id && p.formats.includes(sample.format) && p.detect(sample));
        expect(others.map((p) => p.id), basename(file)).toEqual([]);
      }
    });
  }

  it('canonical twins and the demo data are left to canonical detection', async () => {
    const canonical = [
      ...MINE.concat('ga4-bigquery-parquet').flatMap((d) => {
        try { return vendorFiles(join(d, 'canonical')); } catch { return []; }
      }),
      ...vendorFiles(join('..', 'demo')),
    ];
    expect(canonical.length).toBeGreaterThan(8);
    for (const file of canonical) {
      const { sample } = await readSample(file);
      expect(PRESETS.filter((p) => MINE.includes(p.id) && p.detect(sample)).map((p) => p.id), file).toEqual([]);
    }
  });

  it("a plain name,visitors file is Plausible's only under one of the export's file names", () => {
    const sample = (path: string): HeadSample => ({ path, format: 'csv', rows: [['name', 'visitors'], ['x', '1']], preamble: [] });
    const plausible = PRESETS.find((p) => p.id === 'plausible')!;
    expect(plausible.detect(sample('/x/countries.csv'))).toMatch(/countries\.csv/);
    expect(plausible.detect(sample('/x/team.csv'))).toBeUndefined();
  });
});

describe('mapping: preset rows equal the canonical twin', () => {
  const byId = (id: string) => PRESETS.find((p) => p.id === id)!;
  const cases: [string, string, string][] = [
    ['ga4-bigquery', 'ga4-bigquery', 'web_events.csv'],
    ['ga4-bigquery-parquet', 'ga4-bigquery', 'web_events.csv'],
    ['posthog', 'posthog', 'web_events.csv'],
    ['ga4-ui', 'ga4-ui', 'traffic.csv'],
    ['plausible', 'plausible', 'traffic.csv'],
    ['matomo', 'matomo', 'traffic.csv'],
  ];
  for (const [dir, id, twin] of cases) {
    it(`${dir}: every row maps to its twin`, async () => {
      const result = await compare(byId(id), vendorFiles(dir), join(FIXTURES, dir, 'canonical', twin));
      expect(result.onlyPreset).toEqual([]);
      expect(result.onlyTwin).toEqual([]);
      expect(result.counts.preset).toBe(result.counts.twin);
      expect(result.counts.preset).toBeGreaterThan(10);
      expect(result.skipped).toBe(dir === 'ga4-ui' ? 1 : 0); // the Grand total row
    });
  }
});

describe('vendor quirks', () => {
  const run = async (sql: string) => (await rows(sql))[0];

  it('GA4 report preamble: title and dates, whatever the language', () => {
    expect(readPreamble(['# ----', '# Acquisition de trafic : Groupe de canaux', '# Compte : X', '# Date de début : 20260701', '# Date de fin : 20260928']))
      .toEqual({ title: 'Acquisition de trafic : Groupe de canaux', start: '2026-07-01', end: '2026-09-28' });
    expect(readPreamble([])).toEqual({ title: undefined, start: undefined, end: undefined });
  });

  it('GA4 report numbers: thousands separators, rates as percent or fraction, YYYYMMDD dates', async () => {
    const { countText, rateValue, countFromRate, compactDate } = await import('../src/core/sources/presets/web-sql.js');
    const got = await run(`SELECT ${countText("'1,200'")} AS a, ${countText("' 12 345 '")} AS b, ${countText("'1.5'")} AS c,
      ${rateValue("'62.5%'")} AS d, ${rateValue("'0.625'")} AS e, ${rateValue("'62,5 %'")} AS f, ${rateValue("'n/a'")} AS g,
      ${countFromRate("'1,200'", "'5.25%'")}::INTEGER AS h, ${compactDate("'20250131'")} AS i, ${compactDate("'2025-13-01'")} AS j`);
    expect(got).toEqual({ a: '1200', b: '12345', c: '1.5', d: 0.625, e: 0.625, f: 0.625, g: null, h: 63, i: '2025-01-31', j: '2025-13-01' });
  });

  it('PostHog: a top-level session_id wins over properties.$session_id; $pageview becomes page_view', async () => {
    const posthog = PRESETS.find((p) => p.id === 'posthog')!;
    const sample: HeadSample = {
      path: '/x/events.jsonl', format: 'jsonl', preamble: [],
      rows: [['uuid', 'event', 'properties', 'timestamp', 'distinct_id', 'session_id']],
      types: { uuid: 'VARCHAR', event: 'VARCHAR', properties: 'VARCHAR', timestamp: 'TIMESTAMP', distinct_id: 'VARCHAR', session_id: 'VARCHAR' },
    };
    const cols = posthog.columns(contextFor(sample));
    const got = await run(`SELECT ${cols.session_id} AS s, ${cols.event} AS e, ${cols.timestamp} AS t, ${cols.page} AS p FROM (VALUES
      ('u', '$pageview', '{"$session_id": "inner", "$current_url": "https://a.example/x/y?q=1"}', TIMESTAMP '2025-01-01 10:00:00.5', 'd', 'outer')
    ) v(uuid, event, properties, timestamp, distinct_id, session_id)`);
    expect(got).toEqual({ s: 'outer', e: 'page_view', t: '2025-01-01 10:00:00.500000+00', p: '/x/y' });
  });

  it('GA4 BigQuery: an export without session_traffic_source_last_click takes first-user acquisition', () => {
    const ga4 = PRESETS.find((p) => p.id === 'ga4-bigquery')!;
    const sample: HeadSample = {
      path: '/x/e.parquet', format: 'parquet', preamble: [],
      rows: [['event_timestamp', 'event_name', 'event_params', 'user_pseudo_id', 'traffic_source']],
      types: { traffic_source: 'STRUCT("name" VARCHAR, medium VARCHAR, "source" VARCHAR)' },
    };
    const cols = ga4.columns(contextFor(sample));
    expect(cols.source).toMatch(/traffic_source.*'source'/);
    expect(cols.campaign).toMatch(/'name'/);
    expect(cols.customer_id).toBe('NULL');
  });

  it('Plausible: the period of breakdown files comes from the zip folder name when there is one', async () => {
    const dir = join(tempDir('journey-plausible-'), 'Plausible export shop.example 2024-03-01  to 2024-03-31 ');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir);
    writeFileSync(join(dir, 'sources.csv'), 'name,visitors,bounce_rate,visit_duration\r\nGoogle,4,50,30\r\n');
    const plausible = PRESETS.find((p) => p.id === 'plausible')!;
    const { sample } = await readSample(join(dir, 'sources.csv'));
    const cols = plausible.columns(contextFor(sample));
    expect([cols.date, cols.end_date, cols.source, cols.report]).toEqual(["'2024-03-01'", "'2024-03-31'", '"name"', "'plausible:sources'"]);
  });

  it('Plausible: a monthly visitors.csv gives each row its month', async () => {
    const plausible = PRESETS.find((p) => p.id === 'plausible')!;
    const sample: HeadSample = {
      path: '/x/visitors.csv', format: 'csv', preamble: [],
      rows: [['date', 'visitors', 'pageviews', 'visits', 'views_per_visit', 'bounce_rate', 'visit_duration'], ['2021-05-01'], ['2021-06-01'], ['2021-07-01']],
    };
    const cols = plausible.columns(contextFor(sample));
    const got = await run(`SELECT ${cols.end_date} AS e FROM (VALUES ('2021-06-01')) v(date)`);
    expect(got.e).toBe('2021-06-30');
  });

  it("Matomo: period keys of a day, a week or range, a month and a year; the empty report's text", async () => {
    const matomo = PRESETS.find((p) => p.id === 'matomo')!;
    const sample: HeadSample = { path: '/x/m.csv', format: 'csv', preamble: [], rows: [['date', 'nb_visits', 'nb_actions']] };
    const cols = matomo.columns(contextFor(sample));
    const got = await rows(`SELECT ${cols.date} AS d, ${cols.end_date} AS e FROM (VALUES ('2025-01-05'), ('2025-01-06,2025-01-12'), ('2025-02'), ('2025')) v(date)`);
    expect(got).toEqual([
      { d: '2025-01-05', e: null }, { d: '2025-01-06', e: '2025-01-12' }, { d: '2025-02-01', e: '2025-02-28' }, { d: '2025-01-01', e: '2025-12-31' },
    ]);
    const empty: HeadSample = { path: '/x/m.csv', format: 'csv', preamble: [], rows: [['No data available']] };
    expect(matomo.detect(empty)).toMatch(/No data available/);
  });
});
