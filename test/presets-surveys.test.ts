// Survey-tool presets (Qualtrics, SurveyMonkey, Typeform, Google Forms): each fixture in the vendor's
// layout is recognised, and its rows map to the same canonical facts as its canonical twin — checked
// row by row through a real DuckDB, and as KPIs through the CLI.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent } from '../src/core/db.js';
import { detectPreset, presetById, type HeadSample, type Preset, type PresetContext } from '../src/core/sources/presets/index.js';
import { surveyTimestampSql } from '../src/core/sources/presets/survey-dates.js';
import { findNpsQuestion, plainText, scoreOf, scoreSql } from '../src/core/sources/presets/survey-questions.js';
import { ROOT, tempDir } from './helpers/run.js';

const FIXTURES = join(ROOT, 'fixtures', 'presets');
const FILES: { preset: string; folder: string; file: string }[] = [
  { preset: 'qualtrics', folder: 'qualtrics', file: 'qualtrics-responses.csv' },
  { preset: 'qualtrics', folder: 'qualtrics-legacy', file: 'qualtrics-legacy-responses.csv' },
  { preset: 'surveymonkey', folder: 'surveymonkey', file: 'surveymonkey-responses.csv' },
  { preset: 'typeform', folder: 'typeform', file: 'typeform-responses.csv' },
  { preset: 'google-forms', folder: 'google-forms', file: 'form-responses-sheet.csv' },
  { preset: 'google-forms', folder: 'google-forms', file: 'form-responses-download.csv' },
];

function records(path: string): string[][] {
  return parseCsv(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][];
}

/** What detection hands a preset: the first 50 records, header rows included. */
function sampleOf(path: string): HeadSample {
  const head = readFileSync(path).subarray(0, 65536).toString('utf8').replace(/^\uFEFF/, '');
  return { path, format: 'csv', rows: parseCsv(head, { relax_column_count: true, to: 50 }) as string[][], preamble: [] };
}

let instance: DuckDBInstance;
let db: DuckDBConnection;
beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  db = await instance.connect();
  await db.run(`SET TimeZone = 'UTC'`);
});
afterAll(() => {
  db.closeSync();
  instance.closeSync();
});
const all = async (sql: string) => (await db.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];

/** Reader column names as ingest makes them: empty names numbered, duplicates suffixed. */
function readerNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((raw, i) => {
    const name = raw === '' ? `column${i + 1}` : raw;
    const n = (seen.get(name.toLowerCase()) ?? 0) + 1;
    seen.set(name.toLowerCase(), n);
    return n === 1 ? name : `${name}_${n}`;
  });
}

function contextFor(sample: HeadSample, columns: string[]): PresetContext {
  const find = (name: string) => columns.find((c) => c.toLowerCase() === name.toLowerCase());
  return { sample, columns, has: (name) => find(name) !== undefined, col: (name) => { const c = find(name); return c ? quoteIdent(c) : 'NULL'; } };
}

/**
 * The preset's canonical values for every data record: the records after the header rows go into a
 * table under the preset's column names, and its `columns()` and `skip()` SQL run over it.
 */
async function mapped(preset: Preset, path: string, table: string) {
  const sample = sampleOf(path);
  const all_ = records(path);
  const names = readerNames(preset.columnNames ? preset.columnNames(sample) : all_[0].map((h) => h.trim()));
  const data = all_.slice(1 + (preset.extraHeaderRows?.(sample) ?? 0));
  const csv = join(tempDir(), 'data.csv');
  const cell = (v: string) => `"${v.replaceAll('"', '""')}"`;
  writeFileSync(csv, [names, ...data].map((r) => r.map(cell).join(',')).join('\n') + '\n');
  const struct = `{${names.map((n) => `'${n.replaceAll("'", "''")}': 'VARCHAR'`).join(', ')}}`;
  await db.run(`CREATE OR REPLACE TABLE ${table} AS SELECT * FROM read_csv('${csv}', header = true, auto_detect = false, columns = ${struct})`);
  const ctx = contextFor(sample, names);
  const exprs = preset.columns(ctx);
  // Canonical columns a preset leaves out are matched by header name, as ingest does.
  for (const name of ['customer_id', 'email', 'channel', 'touchpoint']) if (!exprs[name] && ctx.has(name)) exprs[name] = ctx.col(name);
  const skip = preset.skip?.(ctx);
  const select = [
    ...Object.entries(exprs).map(([k, sql]) => `(${sql}) AS ${quoteIdent(k)}`),
    // Read as validation reads it: text cast to TIMESTAMPTZ in the session's zone.
    `CAST(TRY_CAST((${exprs.submitted_at}) AS TIMESTAMPTZ) AS VARCHAR) AS submitted_instant`,
  ].join(', ');
  const rows = await all(`SELECT ${select} FROM ${table}${skip ? ` WHERE NOT (${skip.when})` : ''}`);
  const skipped = skip ? Number((await all(`SELECT count(*) AS n FROM ${table} WHERE ${skip.when}`))[0].n) : 0;
  return { exprs, rows, skipped, data: data.length, skip };
}

/** The twin's facts, normalised the way validation reads them (timestamps as instants, scores as numbers). */
async function canonical(folder: string) {
  const path = join(FIXTURES, folder, 'canonical', 'surveys.csv');
  return all(`SELECT response_id, customer_id, email, CAST(CAST(submitted_at AS TIMESTAMPTZ) AS VARCHAR) AS submitted_at,
                     touchpoint, channel, CAST(nps AS INTEGER) AS nps
              FROM read_csv('${path}', header = true, all_varchar = true) ORDER BY response_id, submitted_at`);
}

describe('fixtures: each export is recognised by its own preset, with the signature', () => {
  for (const f of FILES) {
    it(`${f.folder}/${f.file} -> ${f.preset}`, () => {
      const found = detectPreset(sampleOf(join(FIXTURES, f.folder, f.file)));
      expect(found?.preset.id).toBe(f.preset);
      expect(found?.reason).toMatch(/NPS from "/);
    });
  }
  it('canonical twins and the demo data match no survey preset', () => {
    const paths = [...new Set(FILES.map((f) => join(FIXTURES, f.folder, 'canonical', 'surveys.csv')))];
    for (const name of readdirSync(join(ROOT, 'fixtures', 'demo')).filter((n) => n.endsWith('.csv'))) paths.push(join(ROOT, 'fixtures', 'demo', name));
    for (const path of paths) expect(detectPreset(sampleOf(path))?.preset.id, path).toBeUndefined();
  });
});

describe('fixtures: mapped rows equal the canonical twin row by row', () => {
  for (const folder of ['qualtrics', 'qualtrics-legacy', 'surveymonkey', 'typeform', 'google-forms']) {
    it(folder, async () => {
      const parts = FILES.filter((f) => f.folder === folder);
      const got: Record<string, unknown>[] = [];
      for (const [i, f] of parts.entries()) {
        const { rows } = await mapped(presetById(f.preset)!, join(FIXTURES, folder, f.file), `t_${folder.replace('-', '_')}_${i}`);
        got.push(...rows);
      }
      const want = await canonical(folder);
      const norm = (r: Record<string, unknown>) => ({
        response_id: r.response_id ?? null,
        customer_id: r.customer_id ?? null,
        email: r.email ?? null,
        submitted_at: r.submitted_instant ?? r.submitted_at ?? null,
        channel: r.channel ?? null,
        touchpoint: r.touchpoint ?? null,
        nps: r.nps === null || r.nps === undefined ? null : Number(r.nps),
      });
      const key = (r: ReturnType<typeof norm>) => `${r.response_id}|${r.submitted_at}`;
      expect(got.map(norm).sort((a, b) => key(a).localeCompare(key(b))))
        .toEqual(want.map(norm).sort((a, b) => key(a).localeCompare(key(b))));
    });
  }
});
