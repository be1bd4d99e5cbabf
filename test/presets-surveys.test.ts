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
import { ROOT, runJourney, tempDir, type RunResult } from './helpers/run.js';

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

/** Runs the timestamp SQL over one column of values and reads the result as validation does. */
async function readTimes(values: (string | null)[], zone?: string): Promise<(string | null)[]> {
  const rows = values.map((v, i) => `(${i}, ${v === null ? 'NULL' : `'${v.replaceAll("'", "''")}'`})`).join(', ');
  const got = await all(`SELECT CAST(TRY_CAST((${surveyTimestampSql('v', { zone })}) AS TIMESTAMPTZ) AS VARCHAR) AS t
                         FROM (VALUES ${rows}) AS x(i, v) ORDER BY i`);
  return got.map((r) => (r.t ?? null) as string | null);
}

describe('response times in local formats', () => {
  it('a month above 12 in the second field proves month-first for the whole column', async () => {
    expect(await readTimes(['5/10/2026 09:15:00', '1/1/2026 10:00:00', '5/13/2026 9:00:00'])).toEqual([
      '2026-05-10 09:15:00+00', '2026-01-01 10:00:00+00', '2026-05-13 09:00:00+00']);
  });
  it('a day above 12 in the first field proves day-first, also for the ambiguous rows', async () => {
    expect(await readTimes(['5/10/2026 09:15:00', '13/10/2026 10:00:00', null, ''])).toEqual([
      '2026-10-05 09:15:00+00', '2026-10-13 10:00:00+00', null, null]);
  });
  it('without proof, the reading that spans less time wins', async () => {
    // 1-12 February read day-first spans 11 days; month-first it would scatter over the year.
    expect(await readTimes(['1/2/2026 09:15', '2/2/2026 10:00', '5/2/2026 9:00', '12/2/2026 9:00'])).toEqual([
      '2026-02-01 09:15:00+00', '2026-02-02 10:00:00+00', '2026-02-05 09:00:00+00', '2026-02-12 09:00:00+00']);
    expect(await readTimes(['2/1/2026 09:15', '2/2/2026 10:00', '2/5/2026 9:00', '2/12/2026 9:00'])).toEqual([
      '2026-02-01 09:15:00+00', '2026-02-02 10:00:00+00', '2026-02-05 09:00:00+00', '2026-02-12 09:00:00+00']);
  });
  it('a single ambiguous value is read month-first (the en-US default)', async () => {
    expect(await readTimes(['3/4/2026 10:00:00'])).toEqual(['2026-03-04 10:00:00+00']);
  });
  it('when values contradict each other, the majority order wins and the others are left unreadable', async () => {
    expect(await readTimes(['13/1/2026 10:00', '14/1/2026 10:00', '1/13/2026 10:00'])).toEqual([
      '2026-01-13 10:00:00+00', '2026-01-14 10:00:00+00', null]);
  });
  it('reads 12-hour clocks and GMT offsets as Google Forms downloads write them', async () => {
    expect(await readTimes(['2026/09/27 3:00:00 PM GMT+3', '2026/09/27 12:05:00 AM GMT', '2026/09/27 12:05:00 PM GMT-5:30', '2026/09/27 11:05:00 pm UTC'])).toEqual([
      '2026-09-27 12:00:00+00', '2026-09-27 00:05:00+00', '2026-09-27 17:35:00+00', '2026-09-27 23:05:00+00']);
  });
  it('d-m-yyyy and d.m.yyyy are day-first; ISO passes; the file zone applies only without an offset', async () => {
    expect(await readTimes(['27-9-2026 15:00:00', '1.10.2026 08:00', '2025-07-01 11:13:44', '2025-07-01T11:13:44Z', '2025-07-01 11:13:44+02:00'], 'America/Denver')).toEqual([
      '2026-09-27 21:00:00+00', '2026-10-01 14:00:00+00', '2025-07-01 17:13:44+00', '2025-07-01 11:13:44+00', '2025-07-01 09:13:44+00']);
    expect(await readTimes(['2025-07-01 11:13:44', '7/1/2025 11:13'], 'Z')).toEqual(['2025-07-01 11:13:44+00', '2025-07-01 11:13:00+00']);
  });
  it('leaves what it cannot read unchanged (two-digit years, impossible dates, text), so validation rejects it', async () => {
    const sql = `SELECT (${surveyTimestampSql('v')}) AS t FROM (VALUES ('10/11/12 10:00'), ('31/31/2026 10:00'), ('gisteren')) x(v)`;
    expect((await all(sql)).map((r) => r.t)).toEqual(['10/11/12 10:00', '31/31/2026 10:00', 'gisteren']);
  });
  it('a zone from the file that is not a zone name is ignored rather than written into SQL', async () => {
    expect(await readTimes(['2025-07-01 11:13:44'], "UTC'; DROP TABLE x; --")).toEqual(['2025-07-01 11:13:44+00']);
  });
});

describe('finding the NPS question', () => {
  const q = (name: string, answers: string[]) => ({ name, text: name, answers });
  it('takes the question that asks about recommending, in several languages, when its answers are 0-10', () => {
    expect(findNpsQuestion([q('Age', ['34', '51']), q('How likely are you to recommend us?', ['9', '10 - Extremely likely', '3'])])?.name)
      .toBe('How likely are you to recommend us?');
    expect(findNpsQuestion([q('Hoe waarschijnlijk is het dat u ons zou aanbevelen?', ['8', '6'])])?.name).toMatch(/aanbevelen/);
    expect(findNpsQuestion([q('Wie wahrscheinlich würden Sie uns weiterempfehlen?', ['7'])])?.name).toMatch(/weiterempfehlen/);
  });
  it('does not take a recommend question answered in words', () => {
    expect(findNpsQuestion([q('Would you recommend us?', ['Yes', 'No'])])).toBeUndefined();
  });
  it('without the wording, takes the only 0-10 question that shows an 11-point scale', () => {
    expect(findNpsQuestion([q('Tell a friend? (0-10)', ['8', '9'])])?.name).toBe('Tell a friend? (0-10)');
    expect(findNpsQuestion([q('Tell a friend?', ['0', '9', '10']), q('Stars', ['4', '5'])])?.name).toBe('Tell a friend?');
  });
  it('never takes a 1-5 or 1-10 rating, and leaves two 11-point candidates open', () => {
    expect(findNpsQuestion([q('Rate us', ['1', '5', '4'])])).toBeUndefined();
    expect(findNpsQuestion([q('Rate us 1-10', ['1', '10', '9'])])).toBeUndefined();
    expect(findNpsQuestion([q('A', ['0', '9']), q('B', ['0', '10'])])).toBeUndefined();
  });
  it('reads scores written with their scale label and leaves other text for validation', async () => {
    expect(scoreOf('10 - Extremely likely')).toBe(10);
    expect(scoreOf('7-8')).toBeUndefined();
    const got = await all(`SELECT (${scoreSql('v')}) AS s FROM (VALUES ('10 - Extremely likely'), (' 9 '), ('0 (not at all)'), ('7-8'), ('nine')) x(v)`);
    expect(got.map((r) => r.s)).toEqual(['10', '9', '0', '7-8', 'nine']);
  });
  it('reads question headers without their HTML', () => {
    expect(plainText('How likely are you to recommend <strong>Acme</strong>&nbsp;to a friend &amp; colleague?'))
      .toBe('How likely are you to recommend Acme to a friend & colleague?');
  });
});

const sample = (rows: string[][]): HeadSample => ({ path: 'x.csv', format: 'csv', rows, preamble: [] });
const QUALTRICS_ROW1 = ['StartDate', 'EndDate', 'Status', 'RecordedDate', 'ResponseId', 'RecipientEmail', 'nps_NPS_GROUP', 'nps'];
const QUALTRICS_DATA = ['2026-04-01 10:00:00', '2026-04-01 10:02:00', 'IP Address', '2026-04-01 10:02:01', 'R_abc123', '', 'Promoter', '9'];

describe('Qualtrics layouts', () => {
  const qualtrics = presetById('qualtrics')!;
  it('reads the time zone of RecordedDate from row 3 and finds a renamed NPS question by its _NPS_GROUP column', () => {
    const s = sample([QUALTRICS_ROW1, ['Start Date', 'End Date', 'Response Type', 'Recorded Date', 'Response ID', 'Recipient Email', 'NPS - Group', 'NPS'],
      QUALTRICS_ROW1.map((c) => JSON.stringify(c === 'RecordedDate' ? { ImportId: 'recordedDate', timeZone: 'Pacific/Auckland' } : { ImportId: c })),
      QUALTRICS_DATA]);
    expect(qualtrics.extraHeaderRows!(s)).toBe(2);
    expect(qualtrics.detect(s)).toBe('row 1 has StartDate, EndDate, ResponseId; 3 header rows (row 3 ImportId JSON, time zone Pacific/Auckland); NPS from "nps" (has nps_NPS_GROUP)');
    const ctx = contextFor(s, QUALTRICS_ROW1);
    expect(qualtrics.columns(ctx).submitted_at).toContain("' Pacific/Auckland'");
  });
  it('two header rows without the ImportId row: offset-less times are left to the config zone', () => {
    const s = sample([QUALTRICS_ROW1, ['Start Date', 'End Date', 'Response Type', 'Recorded Date', 'Response ID', 'Recipient Email', 'NPS - Group', 'NPS'], QUALTRICS_DATA]);
    expect(qualtrics.extraHeaderRows!(s)).toBe(1);
    expect(qualtrics.detect(s)).toMatch(/^row 1 has StartDate, EndDate, ResponseId; 2 header rows; NPS from "nps"/);
  });
  it('label and ImportId rows deleted by hand: the data starts at row 2', () => {
    expect(qualtrics.extraHeaderRows!(sample([QUALTRICS_ROW1, QUALTRICS_DATA]))).toBe(0);
  });
  it('skips previews and test responses, whether exported as numbers or as choice text', async () => {
    const ctx = contextFor(sample([QUALTRICS_ROW1]), ['Status', 'DistributionChannel']);
    const skip = qualtrics.skip!(ctx)!;
    const got = await all(`SELECT ${skip.when} AS skipped FROM (VALUES ('0', 'anonymous'), ('1', 'anonymous'), ('Survey Preview', 'preview'),
      ('IP Address', 'email'), ('Survey Test', 'test'), ('2', 'anonymous'), (NULL, NULL)) x("Status", "DistributionChannel")`);
    expect(got.map((r) => r.skipped)).toEqual([false, true, true, false, true, true, false]);
    expect(skip.reason).toMatch(/preview or test/);
  });
});

describe('SurveyMonkey layout', () => {
  const surveymonkey = presetById('surveymonkey')!;
  const row1 = ['Respondent ID', 'Collector ID', 'Start Date', 'End Date', 'How likely is it that you would recommend us?', 'Which did you use?', '', '', 'Why?'];
  const row2 = ['', '', '', '', 'Response', 'Webshop', 'App', 'Store', 'Open-Ended Response'];
  it('forward-fills question texts over their answer columns, adding the sub-label only where a question spans several', () => {
    expect(surveymonkey.columnNames!(sample([row1, row2]))).toEqual([
      'Respondent ID', 'Collector ID', 'Start Date', 'End Date', 'How likely is it that you would recommend us?',
      'Which did you use? - Webshop', 'Which did you use? - App', 'Which did you use? - Store', 'Why?']);
  });
  it('a deleted sub-label row leaves one header row', () => {
    const data = ['114500000001', '431200117', '03/29/2026 10:42:51 AM', '03/29/2026 10:44:00 AM', '9', 'Webshop', '', '', ''];
    expect(surveymonkey.extraHeaderRows!(sample([row1, row2, data]))).toBe(1);
    expect(surveymonkey.extraHeaderRows!(sample([row1, data]))).toBe(0);
  });
});

describe('signatures do not claim other files', () => {
  it('Google Forms needs the capitalised first column and no web-event columns; localised names count', () => {
    const forms = presetById('google-forms')!;
    expect(forms.detect(sample([['Timestamp', 'session_id', 'event'], ['2026-01-01 10:00:00', 's1', 'page_view']]))).toBeUndefined();
    expect(forms.detect(sample([['timestamp', 'How likely are you to recommend us?'], ['5/10/2026 09:15:00', '9']]))).toBeUndefined();
    expect(forms.detect(sample([['Timestamp', 'Name'], ['yesterday', 'Anna']]))).toBeUndefined();
    expect(forms.detect(sample([['Tijdstempel', 'E-mailadres', 'Hoe waarschijnlijk is het dat u ons zou aanbevelen?'], ['27-9-2026 15:00:00', 'a@example.nl', '8']])))
      .toBe('first column "Tijdstempel" holds the response times, has E-mailadres; NPS from "Hoe waarschijnlijk is het dat u ons zou aanbevelen?" (asks about recommending, answers 0-10)');
  });
  it('Typeform needs "#" first and Submit Date (UTC)', () => {
    const typeform = presetById('typeform')!;
    expect(typeform.detect(sample([['id', 'Submit Date (UTC)']]))).toBeUndefined();
    expect(typeform.detect(sample([['#', 'Submitted At']]))).toBeUndefined();
  });
});

// ------------------------------------------------------------------------------------------------
// Through the CLI: `journey validate` names preset and signature; `journey report` on the export gives
// exactly the KPIs of its canonical twin, at every scope, for all data and across a planted boundary.

interface Kpi { id: string; value: number | null; n: number; ci: [number, number] | null; flags: string[] }
interface Report { kpis: Kpi[]; stages: { id: string; kpis: Kpi[]; touchpoints: { id: string; kpis: Kpi[] }[] }[]; sources: { preset: string | null; rows: number; rejected: number }[] }
interface ValidatedFile { path: string; preset: string | null; detected_by: string; records: number; loaded: number; rejected: number; skipped: number; rejects: { line: number | null; column: string | null; reason: string }[] }

/** Every KPI at every scope, keyed `scope/id`, with value, n, interval and flags. */
function kpisByScope(stdout: string): Record<string, Omit<Kpi, 'id'>> {
  const report = JSON.parse(stdout) as Report;
  const out: Record<string, Omit<Kpi, 'id'>> = {};
  const add = (scope: string, kpis: Kpi[]) => { for (const { id, ...rest } of kpis) out[`${scope}/${id}`] = rest; };
  add('journey', report.kpis);
  for (const stage of report.stages) {
    add(stage.id, stage.kpis);
    for (const tp of stage.touchpoints) add(`${stage.id}/${tp.id}`, tp.kpis);
  }
  return out;
}

/** Runs a few CLI processes at a time (the test machine has two cores). */
async function runAll(jobs: string[][]): Promise<RunResult[]> {
  const results: RunResult[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => { while (next < jobs.length) { const i = next++; results[i] = await runJourney(jobs[i]); } };
  await Promise.all([worker(), worker(), worker()]);
  return results;
}

/** `since`: a day boundary with planted responses either side of midnight UTC, where times need reading. */
const E2E: { folder: string; since?: string; files: { file: string; preset: string; records: number; loaded: number; skipped: number; signature: string }[] }[] = [
  { folder: 'qualtrics', since: '2026-04-01', files: [
    { file: 'qualtrics-responses.csv', preset: 'qualtrics', records: 38, loaded: 37, skipped: 1,
      signature: 'row 1 has StartDate, EndDate, ResponseId; 3 header rows (row 3 ImportId JSON, time zone America/Denver); NPS from "Q1" (has Q1_NPS_GROUP)' }] },
  { folder: 'qualtrics-legacy', files: [
    { file: 'qualtrics-legacy-responses.csv', preset: 'qualtrics', records: 32, loaded: 31, skipped: 1,
      signature: 'legacy export: row 1 V1, V2, ...; row 2 names ResponseID, StartDate, EndDate; NPS from "Q1" (asks about recommending, answers 0-10)' }] },
  { folder: 'surveymonkey', since: '2026-04-01', files: [
    { file: 'surveymonkey-responses.csv', preset: 'surveymonkey', records: 36, loaded: 36, skipped: 0,
      signature: 'row 1 has Respondent ID, Collector ID, Start Date, End Date; 2 header rows; NPS from "How likely is it that you would recommend Fietsenwinkel V..." (asks about recommending, answers 0-10)' }] },
  { folder: 'typeform', files: [
    { file: 'typeform-responses.csv', preset: 'typeform', records: 40, loaded: 38, skipped: 2,
      signature: 'first column "#", has Submit Date (UTC); NPS from "How likely are you to recommend Fietsenwinkel Van Dijk to..." (asks about recommending, answers 0-10)' }] },
  { folder: 'google-forms', since: '2026-04-01', files: [
    { file: 'form-responses-download.csv', preset: 'google-forms', records: 18, loaded: 18, skipped: 0,
      signature: 'first column "Timestamp" holds the response times, has Email Address; NPS from "On a scale from 0-10, how likely are you to tell a friend..." (the only question answered on a 0-10 scale)' },
    { file: 'form-responses-sheet.csv', preset: 'google-forms', records: 24, loaded: 24, skipped: 0,
      signature: 'first column "Timestamp" holds the response times, has Email Address; NPS from "How likely are you to recommend us to a friend or colleague?" (asks about recommending, answers 0-10)' }] },
];

const VALIDATE = ['validate', ...E2E.map((e) => join('fixtures', 'presets', e.folder)), '--format', 'json'];
const periods = (since: string | undefined) => (since ? [[], ['--since', since]] : [[]]);

describe('journey validate and journey report on the fixtures, with no config', { timeout: 120_000 }, () => {
  const results = new Map<string, RunResult>();
  beforeAll(async () => {
    const jobs: string[][] = [VALIDATE];
    for (const { folder, since } of E2E) {
      const dir = join('fixtures', 'presets', folder);
      for (const period of periods(since)) {
        jobs.push(['report', dir, '--format', 'json', ...period]);
        jobs.push(['report', join(dir, 'canonical'), '--format', 'json', ...period]);
      }
    }
    const ran = await runAll(jobs);
    jobs.forEach((job, i) => results.set(job.join(' '), ran[i]));
  }, 120_000);

  for (const { folder, since, files } of E2E) {
    const dir = join('fixtures', 'presets', folder);
    it(`${folder}: validate names the preset and its signature, and accounts for every record`, () => {
      const run = results.get(VALIDATE.join(' '))!;
      expect(run.code, run.stderr).toBe(0);
      const validated = (JSON.parse(run.stdout) as { files: ValidatedFile[] }).files.filter((f) => f.path.startsWith(`${dir}/`));
      expect(validated.map((f) => f.path.split('/').pop()).sort()).toEqual(files.map((f) => f.file).sort());
      for (const want of files) {
        const got = validated.find((f) => f.path.endsWith(want.file))!;
        expect(got.preset).toBe(want.preset);
        expect(got.detected_by).toContain(want.signature);
        expect({ records: got.records, loaded: got.loaded, rejected: got.rejected, skipped: got.skipped })
          .toEqual({ records: want.records, loaded: want.loaded, rejected: 0, skipped: want.skipped });
      }
    });
    for (const period of periods(since)) {
      it(`${folder}: report ${period.join(' ') || '(all data)'} equals the canonical twin's KPIs at every scope`, () => {
        const vendor = results.get(['report', dir, '--format', 'json', ...period].join(' '))!;
        const twin = results.get(['report', join(dir, 'canonical'), '--format', 'json', ...period].join(' '))!;
        expect(vendor.code, vendor.stderr).toBe(0);
        expect(twin.code, twin.stderr).toBe(0);
        const got = kpisByScope(vendor.stdout);
        expect(got['journey/nps']?.n).toBeGreaterThan(0);
        expect(got).toEqual(kpisByScope(twin.stdout));
        expect((JSON.parse(vendor.stdout) as Report).sources.every((s) => s.preset === files[0].preset && s.rejected === 0)).toBe(true);
      });
    }
  }

  it('qualtrics: the TSV export (UTF-16LE with a byte-order mark, CRLF) gives the same KPIs as the CSV', async () => {
    const rows = records(join(FIXTURES, 'qualtrics', 'qualtrics-responses.csv'));
    const cell = (v: string) => (/[\t\n\r"]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
    const tsv = join(tempDir(), 'qualtrics-responses.tsv');
    writeFileSync(tsv, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rows.map((r) => r.map(cell).join('\t')).join('\r\n') + '\r\n', 'utf16le')]));
    const run = await runJourney(['report', tsv, '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as Report).sources[0]).toMatchObject({ preset: 'qualtrics', rows: 37, rejected: 0 });
    expect(kpisByScope(run.stdout)).toEqual(kpisByScope(results.get(['report', join('fixtures', 'presets', 'qualtrics', 'canonical'), '--format', 'json'].join(' '))!.stdout));
  });

  it('the boundary runs are not vacuous: --since drops responses in every fixture', () => {
    for (const { folder, since } of E2E.filter((e) => e.since)) {
      const dir = join('fixtures', 'presets', folder);
      const all = kpisByScope(results.get(['report', dir, '--format', 'json'].join(' '))!.stdout)['journey/nps'].n;
      const after = kpisByScope(results.get(['report', dir, '--format', 'json', '--since', since!].join(' '))!.stdout)['journey/nps']?.n ?? 0;
      expect(after, folder).toBeGreaterThan(0);
      expect(after, folder).toBeLessThan(all);
    }
  });
});

describe('Qualtrics with config columns: CSAT and CES questions mapped by field id', { timeout: 60_000 }, () => {
  it('gives the KPIs of a canonical file holding the same csat and ces answers', async () => {
    const dir = join('fixtures', 'presets', 'qualtrics');
    const [vendor, twin] = await runAll([
      ['report', dir, '--config', join(dir, 'journey.yaml'), '--format', 'json'],
      ['report', join(dir, 'canonical-with-columns'), '--format', 'json'],
    ]);
    expect(vendor.code, vendor.stderr).toBe(0);
    const got = kpisByScope(vendor.stdout);
    expect(Object.keys(got).filter((k) => k.startsWith('journey/')).sort()).toEqual(['journey/ces', 'journey/csat', 'journey/nps']);
    expect(got).toEqual(kpisByScope(twin.stdout));
  });
});

describe('a bad answer in an export is rejected at its physical line', { timeout: 60_000 }, () => {
  it('Qualtrics: an NPS of 11 below a label row that spans two lines', async () => {
    const dir = tempDir();
    const source = join(FIXTURES, 'qualtrics', 'qualtrics-responses.csv');
    const lines = readFileSync(source, 'utf8').split('\n');
    // Physical lines: 1 ids, 2-3 labels (one label has a line break), 4 ImportId JSON, 5.. data.
    const target = 11;
    const cells = lines[target - 1].split(',');
    cells[18] = '11';
    lines[target - 1] = cells.join(',');
    writeFileSync(join(dir, 'qualtrics.csv'), lines.join('\n'));
    const run = await runJourney(['validate', join(dir, 'qualtrics.csv'), '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const [file] = (JSON.parse(run.stdout) as { files: ValidatedFile[] }).files;
    expect({ rejected: file.rejected, loaded: file.loaded }).toEqual({ rejected: 1, loaded: 36 });
    expect(file.rejects[0]).toMatchObject({ line: target, column: 'nps' });
    expect(file.rejects[0].reason).toMatch(/"11" is not a whole number from 0 to 10/);
  });
});
