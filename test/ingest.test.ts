// Bad and unusual input end to end (DESIGN §4, §8): row accounting per file, rejects with their
// physical lines, structural CSV defects, and every supported file format giving the same answer.
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { DuckDBInstance } from '@duckdb/node-api';
import { ROOT, runJourney, tempDir, type RunResult } from './helpers/run.js';

interface Reject { file: string; line: number | null; column: string | null; reason: string }
interface ValidatedFile { path: string; kind: string; format: string; detected_by: string; records: number; loaded: number; rejected: number; rejects: Reject[] }
interface Validation { files: ValidatedFile[]; warnings: string[] }
type Kpi = { id: string; value: number | null; n: number };

const DEMO = join(ROOT, 'fixtures', 'demo');
const fileNamed = (v: Validation, name: string) => v.files.find((f) => f.path.endsWith(name))!;
const kpis = (r: RunResult) => (JSON.parse(r.stdout) as { kpis: Kpi[] }).kpis;

/** The "Invalid rows" table of fixtures/demo/README.md: what the generator planted, by physical line. */
function documentedRejects(): { file: string; line: number; record: number; column: string; value: string }[] {
  const readme = readFileSync(join(DEMO, 'README.md'), 'utf8');
  return [...readme.matchAll(/^\| `([a-z_]+\.csv)` \| (\d+) \| (\d+) \| `([a-z_]+)` \| `([^`]*)` \|/gm)]
    .map((m) => ({ file: m[1], line: Number(m[2]), record: Number(m[3]), column: m[4], value: m[5] }));
}

describe('journey validate --demo', { timeout: 60_000 }, () => {
  const cwd = tempDir();
  let run: RunResult;
  let validation: Validation;
  const documented = documentedRejects();

  beforeAll(async () => {
    run = await runJourney(['validate', '--demo', '--format', 'json', '--rejects', 'rejects.csv'], { cwd });
    validation = JSON.parse(run.stdout) as Validation;
  }, 120_000);

  it('accounts for every record: loaded + rejected = records, per file', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(validation.files).toHaveLength(5);
    for (const f of validation.files) {
      expect(f.loaded + f.rejected, f.path).toBe(f.records);
      expect(f.rejects, f.path).toHaveLength(f.rejected);
    }
    // Records, not physical lines: surveys.csv has quoted comments spanning lines.
    const surveyLines = readFileSync(join(DEMO, 'surveys.csv'), 'utf8').trimEnd().split('\n').length - 1;
    expect(fileNamed(validation, 'surveys.csv').records).toBe(6019);
    expect(surveyLines).toBeGreaterThan(6019);
  });

  it('the README documents planted invalid rows (sanity check of the fixture)', () => {
    expect(documented.filter((d) => d.file === 'surveys.csv')).toHaveLength(6);
    expect(documented.some((d) => d.line !== d.record + 1)).toBe(true);
  });

  it('rejects are exactly the documented rows, at their physical lines and columns', () => {
    const got = validation.files.flatMap((f) =>
      f.rejects.map((r) => ({ file: f.path.split('/').pop(), line: r.line, column: r.column })));
    const want = documented.map((d) => ({ file: d.file, line: d.line, column: d.column }));
    const key = (x: { file?: string; line: number | null }) => `${x.file}:${String(x.line).padStart(6, '0')}`;
    expect(got.sort((a, b) => key(a).localeCompare(key(b)))).toEqual(want.sort((a, b) => key(a).localeCompare(key(b))));
  });

  it('surveys.csv rejects say why, line by line (including lines after embedded newlines)', () => {
    const surveys = fileNamed(validation, 'surveys.csv');
    const reasonAt = (line: number) => surveys.rejects.find((r) => r.line === line)?.reason ?? '';
    expect(surveys.rejects.map((r) => [r.line, r.column])).toEqual([
      [486, 'nps'], [1464, 'ces'], [2435, 'csat'], [3405, 'response_id'], [4375, 'submitted_at'], [5473, 'nps'],
    ]);
    expect(reasonAt(486)).toMatch(/0.+10/);
    expect(reasonAt(1464)).toMatch(/1.+7/);
    expect(reasonAt(2435)).toMatch(/1.+5/);
    expect(reasonAt(3405)).toMatch(/required|empty/i);
    expect(reasonAt(4375)).toMatch(/date/i);
    expect(reasonAt(5473)).toMatch(/whole|integer/i);
    for (const r of surveys.rejects) expect(r.file).toMatch(/surveys\.csv$/);
  });

  it('--rejects FILE writes every reject as CSV (file,line,column,reason) without the rows themselves', () => {
    const text = readFileSync(join(cwd, 'rejects.csv'), 'utf8');
    expect(text.split('\n')[0]).toBe('file,line,column,reason');
    const rows = parseCsv(text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(documented.length);
    for (const d of documented) {
      expect(rows.some((r) => r.file.endsWith(d.file) && Number(r.line) === d.line && r.column === d.column), `${d.file}:${d.line}`).toBe(true);
    }
    // No raw row content: ids, timestamps, pages and e-mail addresses of the rejected rows stay out.
    for (const d of documented) {
      const physical = readFileSync(join(DEMO, d.file), 'utf8').split('\n')[d.line - 1];
      const identifying = physical.split(',').filter((field) =>
        field !== d.value && /^[A-Z]\d{4,}$|^[su]\d+$|^\d{4}-\d{2}-\d{2}|@|^\/[a-z]/.test(field));
      expect(identifying.length, `${d.file}:${d.line} has identifying fields`).toBeGreaterThan(0);
      for (const field of identifying) expect(text, `${d.file}:${d.line}`).not.toContain(field);
    }
  });
});

describe('small defect fixtures', { timeout: 60_000 }, () => {
  it('CRLF, a quoted field with a line break and ragged rows: the ragged rows are quarantined at their physical lines', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'tickets.csv'), [
      'ticket_id,created_at,status,subject',
      'T1,2025-01-01 10:00:00,solved,"two\r\nlines"', // physical lines 2-3
      'T2,2025-01-02 10:00:00,solved,plain', // 4
      'T3,2025-01-03 10:00:00,solved', // 5: one field short
      'T4,2025-01-04 10:00:00,solved,x,extra', // 6: one field too many
      'T5,2025-01-05 10:00:00,open,ok', // 7
      '',
    ].join('\r\n'));
    const v = await runJourney(['validate', 'tickets.csv', '--format', 'json'], { cwd });
    expect(v.code, v.stderr).toBe(0);
    const [file] = (JSON.parse(v.stdout) as Validation).files;
    expect({ records: file.records, loaded: file.loaded, rejected: file.rejected }).toEqual({ records: 5, loaded: 3, rejected: 2 });
    expect(file.rejects.map((r) => r.line)).toEqual([5, 6]);
    for (const r of file.rejects) expect(r.reason).toMatch(/field/i);

    const report = await runJourney(['report', 'tickets.csv', '--format', 'json'], { cwd });
    expect(report.code, report.stderr).toBe(0);
    expect(kpis(report).find((k) => k.id === 'tickets')?.n).toBe(3);
    expect(report.stderr).toMatch(/tickets\.csv: 2 of 5 rows quarantined/);
  });

  it('an unterminated quote is exit 65 naming file:line', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'unterminated.csv'),
      'ticket_id,created_at,status,subject\nT1,2025-01-01 10:00:00,solved,ok\nT2,2025-01-02 10:00:00,solved,"never closed\nT3,2025-01-03 10:00:00,solved,x\n');
    const r = await runJourney(['report', 'unterminated.csv'], { cwd });
    expect(r.code).toBe(65);
    expect(r.stderr).toContain('unterminated.csv:3');
    expect(r.stderr).toMatch(/quote/i);
    expect(r.stdout).toBe('');
  });

  it('an empty (0-byte) file is exit 65 with a clear message', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'empty.csv'), '');
    const r = await runJourney(['report', 'empty.csv'], { cwd });
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/empty\.csv.*empty/);
    expect(r.stderr).not.toMatch(/unexpected error|\n\s+at /);
  });

  it('a header-only file is reported with a warning, not a crash', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'tickets.csv'), 'ticket_id,created_at,status\n');
    const r = await runJourney(['report', 'tickets.csv', '--format', 'json'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { sources: { rows: number }[]; warnings: string[] };
    expect(report.sources[0].rows).toBe(0);
    expect(report.warnings.join('\n')).toMatch(/tickets\.csv.*(header only|0 data rows)/);
    expect(r.stderr).toMatch(/warning: .*tickets\.csv/);
  });

  it('an unknown header is exit 65 listing the required columns per kind', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'mystery.csv'), 'foo,bar\n1,2\n');
    const r = await runJourney(['report', 'mystery.csv'], { cwd });
    expect(r.code).toBe(65);
    expect(r.stderr).toContain('mystery.csv');
    for (const needed of [
      'survey: response_id, submitted_at', 'ticket: ticket_id, created_at', 'order: order_id, ordered_at, amount',
      'web: timestamp, session_id, event', 'campaign: date, channel',
    ]) expect(r.stderr).toContain(needed);
  });
});

describe('file formats, forced kinds and globs', { timeout: 60_000 }, () => {
  const rows = [
    { ticket_id: 'T1', created_at: '2025-01-01 10:00:00', first_response_at: '2025-01-01 10:30:00', solved_at: '2025-01-01 12:00:00', status: 'solved', touchpoint: 'delivery', replies: 1, reopens: 0, csat: 5 },
    { ticket_id: 'T2', created_at: '2025-01-02 10:00:00', first_response_at: '2025-01-02 11:00:00', solved_at: null, status: 'open', touchpoint: 'payment', replies: 2, reopens: null, csat: null },
    { ticket_id: 'T3', created_at: '2025-01-03 10:00:00', first_response_at: '2025-01-03 10:05:00', solved_at: '2025-01-04 10:00:00', status: 'solved', touchpoint: 'delivery', replies: 3, reopens: 1, csat: 2 },
    { ticket_id: 'T4', created_at: '2025-01-05 08:00:00', first_response_at: null, solved_at: '2025-01-05 09:30:00', status: 'solved', touchpoint: 'returns', replies: 0, reopens: 0, csat: 4 },
  ];
  const columns = Object.keys(rows[0]);
  const cwd = tempDir();
  const results = new Map<string, RunResult>();

  beforeAll(async () => {
    const cell = (v: unknown) => (v === null ? '' : String(v));
    writeFileSync(join(cwd, 'tickets.csv'), [columns.join(','), ...rows.map((r) => Object.values(r).map(cell).join(','))].join('\n') + '\n');
    writeFileSync(join(cwd, 'tickets.tsv'), [columns.join('\t'), ...rows.map((r) => Object.values(r).map(cell).join('\t'))].join('\n') + '\n');
    writeFileSync(join(cwd, 'tickets.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      // Typed columns (TIMESTAMP, BIGINT), as a real Parquet export would have.
      const q = (p: string) => `'${p.replaceAll("'", "''")}'`;
      await connection.run(`COPY (SELECT * FROM read_csv(${q(join(cwd, 'tickets.csv'))})) TO ${q(join(cwd, 'tickets.parquet'))} (FORMAT parquet)`);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
    for (const f of ['tickets.csv', 'tickets.tsv', 'tickets.jsonl', 'tickets.parquet']) {
      results.set(f, await runJourney(['report', f, '--format', 'json'], { cwd }));
    }
  }, 120_000);

  it.each(['tickets.tsv', 'tickets.jsonl', 'tickets.parquet'])('%s loads and gives the same KPIs as the CSV', (name) => {
    const csv = results.get('tickets.csv')!;
    const other = results.get(name)!;
    expect(csv.code, csv.stderr).toBe(0);
    expect(other.code, other.stderr).toBe(0);
    const report = JSON.parse(other.stdout) as { sources: { format: string; rows: number; rejected: number }[] };
    expect(report.sources[0]).toMatchObject({ format: name.split('.')[1], rows: 4, rejected: 0 });
    expect(kpis(other).find((k) => k.id === 'tickets')?.n).toBe(4);
    expect(kpis(other)).toEqual(kpis(csv));
  });

  it('KIND=PATH forces the kind a header would otherwise be read as', async () => {
    const dir = tempDir();
    // Looks more like campaign statistics than a survey to the detector.
    writeFileSync(join(dir, 'mixed.csv'), [
      'response_id,submitted_at,date,channel,campaign,impressions,reach,clicks,nps',
      ...Array.from({ length: 8 }, (_, i) => `R${i},2025-01-0${i + 1} 10:00:00,2025-01-0${i + 1},email,c1,10,5,1,${i + 3}`),
    ].join('\n') + '\n');
    const auto = await runJourney(['validate', 'mixed.csv', '--format', 'json'], { cwd: dir });
    expect(auto.code, auto.stderr).toBe(0);
    expect((JSON.parse(auto.stdout) as Validation).files[0].kind).toBe('campaign');

    const forced = await runJourney(['validate', 'survey=mixed.csv', '--format', 'json'], { cwd: dir });
    expect(forced.code, forced.stderr).toBe(0);
    const [file] = (JSON.parse(forced.stdout) as Validation).files;
    expect(file.kind).toBe('survey');
    expect(file.detected_by).toMatch(/forced/i);
    const report = await runJourney(['report', 'survey=mixed.csv', '--format', 'json'], { cwd: dir });
    expect(report.code, report.stderr).toBe(0);
    expect(kpis(report).find((k) => k.id === 'nps')?.n).toBe(8);
  });

  it('forcing a kind the header cannot satisfy is exit 65 naming the missing columns', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'nps.csv'), 'response_id,submitted_at,nps\nR1,2025-01-01 10:00:00,9\n');
    const r = await runJourney(['report', 'ticket=nps.csv'], { cwd: dir });
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/ticket_id/);
    expect(r.stderr).toMatch(/created_at/);
  });

  it('a glob exports/*.csv reads every matching file and only those', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'exports'));
    const csv = readFileSync(join(cwd, 'tickets.csv'), 'utf8');
    writeFileSync(join(dir, 'exports', 'january.csv'), csv);
    writeFileSync(join(dir, 'exports', 'february.csv'), csv.replace(/^T/gm, 'U'));
    writeFileSync(join(dir, 'exports', 'march.tsv'), readFileSync(join(cwd, 'tickets.tsv'), 'utf8'));
    const r = await runJourney(['report', 'exports/*.csv', '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { sources: { path: string }[] };
    expect(report.sources.map((s) => s.path.split('/').pop()).sort()).toEqual(['february.csv', 'january.csv']);
    expect(kpis(r).find((k) => k.id === 'tickets')?.n).toBe(8);
  });

  it('a glob that matches nothing is exit 66', async () => {
    const dir = tempDir();
    const r = await runJourney(['report', 'exports/*.csv'], { cwd: dir });
    expect(r.code).toBe(66);
    expect(r.stderr).toContain('exports/*.csv');
  });
});
