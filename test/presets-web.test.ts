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
  // As the pre-pass does for presets with `singleTable`: a second table (from its `#` block on) is not read.
  const next = lines.findIndex((l) => l.startsWith('#'));
  text = (next === -1 ? lines : lines.slice(0, next)).join('\n');
  const clean = join(tempDir('journey-presets-web-'), basename(path));
  writeFileSync(clean, text);
  const records = parse(text, { relax_column_count: true }) as string[][];
  const header = records[0];
  const columns = `{${header.map((h) => `${quoteLiteral(h)}: 'VARCHAR'`).join(', ')}}`;
  return {
    // The preset sees the file where the user keeps it (Plausible reads the period beside it).
    sample: { path, format: 'csv', rows: records.slice(0, 50), preamble },
    relation: `read_csv(${quoteLiteral(clean)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', ignore_errors = true, columns = ${columns})`,
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
    // The skip condition may number rows (a window), so it is computed beside the values, then filtered.
    const flagged = `SELECT ${[...select, `${skip ? `coalesce(${skip.when}, false)` : 'false'} AS _skip`].join(', ')} FROM ${relation}`;
    skipped += Number((await rows(`SELECT count(*)::INTEGER AS n FROM (${flagged}) WHERE _skip`))[0].n);
    mapped.push(`SELECT * EXCLUDE (_skip) FROM (${flagged}) WHERE NOT _skip`);
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
      // GA4: two Grand total rows, and the second table of reports_snapshot.csv (its header, total and 4 rows).
      expect(result.skipped).toBe(dir === 'ga4-ui' ? 2 : 0); // the two Grand total rows
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

  it('GA4 report: a dimension GA4 has but the canonical table has not goes to `dimension`, wherever it stands', () => {
    const ga4 = PRESETS.find((p) => p.id === 'ga4-ui')!;
    const cols = (header: string[]) => ga4.columns(contextFor({ path: '/x/r.csv', format: 'csv', preamble: [], rows: [header] }));
    expect(cols(['Session default channel group', 'Country', 'Sessions', 'Engaged sessions'])).toMatchObject({ channel: '"Session default channel group"', dimension: '"Country"' });
    expect(cols(['Country', 'Session default channel group', 'Sessions'])).toMatchObject({ channel: '"Session default channel group"', dimension: '"Country"' });
    expect(cols(['Session default channel group', 'Sessions', 'Country'])).toMatchObject({ dimension: 'NULL' }); // after the metrics: an attribute
    expect(cols(['Page title and screen class', 'Views', 'Active users'])).toMatchObject({ page: 'NULL', dimension: '"Page title and screen class"' });
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

  it('an email used as PostHog distinct_id never reaches a table raw, and links to that customer\'s orders', async () => {
    const { runJourney } = await import('./helpers/run.js');
    const dir = tempDir('journey-posthog-email-');
    const event = (uuid: string, name: string, at: string) => JSON.stringify({
      uuid, event: name, timestamp: at, distinct_id: ' Anna.de.Vries@Example.NL',
      properties: JSON.stringify({ $session_id: 's-1', $current_url: 'https://shop.example/checkout' }),
    });
    writeFileSync(join(dir, 'events.jsonl'), [event('a', '$pageview', '2025-01-01T10:00:00Z'), event('b', 'purchase', '2025-01-01T10:01:00Z')].join('\n') + '\n');
    writeFileSync(join(dir, 'orders.csv'), 'order_id,email,ordered_at,amount\nO1,anna.de.vries@example.nl,2025-01-01 10:02:00,99.95\n');
    writeFileSync(join(dir, 'journey.yaml'), 'segments:\n  - { id: who, expr: { web: "user_id", order: "customer_key" } }\n');
    const r = await runJourney(['report', dir, '--config', join(dir, 'journey.yaml'), '--segment', 'who', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(/vries|example\.nl/i);
    const values = (JSON.parse(r.stdout) as Report).segment!.values;
    expect(values).toHaveLength(1); // the web visitor and the order's customer are one key
    expect(values[0].value).toMatch(/^h:[0-9a-f]{32}$/);
    expect(values[0].kpis.map((k) => k.id)).toEqual(expect.arrayContaining(['sessions', 'orders']));
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

// ---------------------------------------------------------------------------------------------
// End to end through the CLI: `journey validate` names the preset and its signature, and
// `journey report` gives exactly the KPIs of the canonical twin at every scope.

interface Kpi { id: string; value: number | null; n: number; ci: [number, number] | null; flags: string[] }
interface Scoped { kpis: Kpi[]; stages: { id: string; kpis: Kpi[]; touchpoints: { id: string; kpis: Kpi[] }[] }[] }
interface Report extends Scoped { sources: { path: string; kind: string; preset: string | null; rows: number; rejected: number }[]; segment?: { values: ({ value: string } & Scoped)[] } }
interface Validated { path: string; kind: string; preset: string | null; detected_by: string; records: number; loaded: number; rejected: number; skipped?: number; rejects: { line: number | null; column: string | null; reason: string }[] }

/** Every KPI at every scope, keyed by scope and id. */
function scoped(r: Report): Map<string, Kpi> {
  const out = new Map<string, Kpi>();
  const add = (scope: string, s: Scoped) => {
    for (const k of s.kpis) out.set(`${scope} ${k.id}`, k);
    for (const st of s.stages) {
      for (const k of st.kpis) out.set(`${scope}/${st.id} ${k.id}`, k);
      for (const t of st.touchpoints) for (const k of t.kpis) out.set(`${scope}/${st.id}/${t.id} ${k.id}`, k);
    }
  };
  add('journey', r);
  for (const v of r.segment?.values ?? []) add(`segment=${v.value}`, v);
  return out;
}

const CONFIG = `
touchpoints:
  - { id: blog, stage: awareness, match: { web: "page LIKE '/blog%'", traffic: "page LIKE '/blog%' OR landing_page LIKE '/blog%'" } }
  - { id: organic, stage: awareness, match: { traffic: "channel = 'Organic Search' OR (source = 'google' AND medium = 'organic') OR source = 'Google'" } }
  - { id: product, stage: consideration, match: { web: "page LIKE '/product/%' OR page LIKE '/fietsen%'", traffic: "page LIKE '/fietsen%'" } }
  - { id: checkout, stage: purchase, match: { web: "page LIKE '/checkout%' OR event IN ('add_to_cart', 'purchase')", traffic: "page LIKE '/checkout%'" } }
  - { id: search, stage: awareness, match: { traffic: "dimension = 'Search Engines' OR dimension = 'Netherlands'" } }
segments:
  - { id: src, expr: { web: "coalesce(source, '(none)')", traffic: "coalesce(channel, source, '(none)')" } }
`;

/** Runs at most two CLI processes at a time (the machine has two cores). */
async function inPairs<T>(jobs: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < jobs.length; i += 2) results.push(...await Promise.all(jobs.slice(i, i + 2).map((j) => j())));
  return results;
}

describe('end to end: validate and report against the canonical twin', { timeout: 180_000 }, () => {
  const DIRS = ['ga4-bigquery', 'ga4-bigquery-parquet', 'posthog', 'ga4-ui', 'plausible', 'matomo'];
  const PRESET_OF: Record<string, string> = { 'ga4-bigquery-parquet': 'ga4-bigquery' };
  const validated = new Map<string, Validated[]>();
  const reports = new Map<string, [Report, Report]>();
  let runCodes: [string, number | null, string][] = [];

  beforeAll(async () => {
    const { runJourney } = await import('./helpers/run.js');
    const config = join(tempDir('journey-presets-web-config-'), 'journey.yaml');
    writeFileSync(config, CONFIG);
    const jobs = [
      // One validate over every fixture folder: it reports per file.
      async () => ['validate', 'all', await runJourney(['validate', ...DIRS.map((d) => join(FIXTURES, d)), '--format', 'json'])] as const,
      ...DIRS.flatMap((dir) => {
        const path = join(FIXTURES, dir);
        return [
          async () => ['preset', dir, await runJourney(['report', path, '--config', config, '--segment', 'src', '--format', 'json'])] as const,
          async () => ['twin', dir, await runJourney(['report', join(path, 'canonical'), '--config', config, '--segment', 'src', '--format', 'json'])] as const,
        ];
      }),
    ];
    const done = await inPairs(jobs);
    runCodes = done.map(([what, dir, r]) => [`${what} ${dir}`, r.code, r.stderr]);
    for (const [what, dir, r] of done) {
      if (r.code !== 0) continue;
      if (what === 'validate') {
        const files = (JSON.parse(r.stdout) as { files: Validated[] }).files;
        for (const d of DIRS) validated.set(d, files.filter((f) => f.path.includes(`fixtures/presets/${d}/`)));
      } else {
        const pair = reports.get(dir) ?? [undefined, undefined] as unknown as [Report, Report];
        pair[what === 'preset' ? 0 : 1] = JSON.parse(r.stdout) as Report;
        reports.set(dir, pair);
      }
    }
  }, 300_000);

  it('every run exits 0', () => {
    for (const [name, code, stderr] of runCodes) expect(code, `${name}: ${stderr}`).toBe(0);
  });

  for (const dir of DIRS) {
    it(`${dir}: validate names the preset and its header signature for every file`, () => {
      const files = validated.get(dir)!;
      expect(files.length).toBe(vendorFiles(dir).length);
      for (const f of files) {
        expect(f.preset, f.path).toBe(PRESET_OF[dir] ?? dir);
        expect(f.detected_by, f.path).toMatch(new RegExp(`^preset ${PRESET_OF[dir] ?? dir} \\(.+\\): (header|the file|'#' preamble)`));
        expect(f.loaded + f.rejected + (f.skipped ?? 0), f.path).toBe(f.records);
      }
    });

    it(`${dir}: report gives the twin's KPIs (value, n, interval) at every scope`, () => {
      const [preset, twin] = reports.get(dir)!;
      const a = scoped(preset);
      const b = scoped(twin);
      expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
      const differ = [...a].filter(([key, k]) => JSON.stringify(k) !== JSON.stringify(b.get(key)));
      expect(differ).toEqual([]);
      // Journey, stage, touchpoint and segment scopes all carry values.
      expect([...a.keys()].some((key) => /^journey\/\w+\/\w+ /.test(key)), 'touchpoint scope').toBe(true);
      expect([...a.keys()].some((key) => key.startsWith('segment=')), 'segment scope').toBe(true);
      expect(preset.sources.every((s) => s.preset === (PRESET_OF[dir] ?? dir))).toBe(true);
      expect(twin.sources.every((s) => s.preset === null)).toBe(true);
      const rows = (r: Report) => r.sources.reduce((sum, s) => sum + s.rows, 0);
      expect(rows(preset)).toBe(rows(twin));
    });
  }

  it('the planted bad rows are quarantined at their line with their reason, and nothing else is', () => {
    const rejects = (dir: string) => validated.get(dir)!.flatMap((f) => f.rejects.map((r) => [basename(f.path), r.line, r.column, r.reason]));
    const noSession = 'required value is empty';
    expect(rejects('ga4-bigquery')).toEqual([['events_20250101.jsonl', 8, 'session_id', noSession]]);
    expect(rejects('ga4-bigquery-parquet')).toEqual([['events_20250101.parquet', 8, 'session_id', noSession]]);
    expect(rejects('posthog')).toEqual([['events.jsonl', 5, 'session_id', noSession]]);
    expect(rejects('plausible')).toEqual([]);
    expect(rejects('matomo')).toEqual([]);
    // GA4: the second table (from its # block on) is not read, so none of its lines is a reject.
    expect(rejects('ga4-ui')).toEqual([]);
  });

  it('GA4: the Grand total rows and the further table are skipped, and the warning says why', () => {
    const files = validated.get('ga4-ui')!;
    const snapshot = files.find((f) => f.path.endsWith('reports_snapshot.csv'))!;
    const acquisition = files.find((f) => f.path.endsWith('traffic_acquisition.csv'))!;
    // 1 Grand total row, and the 14 non-blank lines of the second table (lines 17-31).
    expect([snapshot.records, snapshot.loaded, snapshot.rejected, snapshot.skipped]).toEqual([19, 4, 0, 15]);
    expect([acquisition.loaded, acquisition.skipped]).toEqual([12, 1]);
    const [preset] = reports.get('ga4-ui')!;
    expect((preset as unknown as { warnings: string[] }).warnings.join('\n'))
      .toMatch(/reports_snapshot\.csv: this download holds more than one table; only the first is read, the 14 line\(s\) from the next "#" block on are skipped/);
  });

  it('the numbers a user sees (journey level)', () => {
    const value = (dir: string, id: string) => reports.get(dir)![0].kpis.find((k) => k.id === id)?.value;
    for (const dir of ['ga4-bigquery', 'ga4-bigquery-parquet', 'posthog']) {
      expect([value(dir, 'sessions'), value(dir, 'visitors'), value(dir, 'conversion_rate')], dir).toEqual([12, 7, 100 * 2 / 12]);
    }
    expect(value('ga4-ui', 'traffic_sessions')).toBe(8201);
    expect(value('plausible', 'traffic_sessions')).toBeGreaterThan(0);
    expect(value('matomo', 'traffic_sessions')).toBeGreaterThan(0);
  });
});
