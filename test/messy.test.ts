// The messy-file matrix (issue 3; reference/robust-ingest-and-cli.md §2 and §6): one small file per
// defect, each with its exact expected outcome — exit code, message, counts — through the real CLI.
import { describe, it, expect, beforeAll } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { runJourney, tempDir, type RunResult } from './helpers/run.js';

interface Reject { line: number | null; column: string | null; reason: string }
interface ValidatedFile {
  path: string; kind: string; encoding: string; records: number; loaded: number; rejected: number;
  skipped: number; merged: number; rejects: Reject[];
}
interface Validation { files: ValidatedFile[]; warnings: string[] }
interface Kpi { id: string; value: number | null; n: number }

const HEADER = 'response_id,submitted_at,nps,channel';
const rows = (n: number, from = 1) =>
  Array.from({ length: n }, (_, i) => `r${from + i},2025-03-0${1 + ((from + i) % 9)} 10:00:00,${(from + i) % 11},web`);

interface Case {
  name: string;
  file: string;
  content: string | Buffer;
  args?: string[];
  code: number;
  /** Expectations on `journey validate --format json` (when code is 0) or on stderr (otherwise). */
  check: (r: RunResult, v: ValidatedFile | undefined, all: Validation | undefined) => void;
}

const LATE = 30_000;
const cases: Case[] = [
  {
    name: 'Windows-1252 with € and curly quotes is decoded (not latin-1), values intact',
    file: 'cp1252.csv',
    content: iconv.encode(`${HEADER}\r\nr1,2025-03-01,9,“café” €\r\nr2,2025-03-02,3,web – shop\r\n`, 'win1252'),
    code: 0,
    check: (_r, v) => {
      expect(v!.encoding).toBe('windows-1252');
      expect([v!.loaded, v!.rejected]).toEqual([2, 0]);
    },
  },
  {
    name: 'UTF-16LE with a byte-order mark (Matomo, Excel "Unicode text") loads',
    file: 'utf16.csv',
    content: Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(`${HEADER}\n${rows(3).join('\n')}\n`, 'utf-16le')]),
    code: 0,
    check: (_r, v) => {
      expect(v!.encoding).toBe('utf-16le');
      expect([v!.records, v!.loaded]).toEqual([3, 3]);
    },
  },
  {
    name: 'UTF-8 with a byte-order mark: the first column is still recognised',
    file: 'bom.csv',
    content: `\uFEFF${HEADER}\n${rows(2).join('\n')}\n`,
    code: 0,
    check: (_r, v) => expect([v!.kind, v!.loaded]).toEqual(['survey', 2]),
  },
  {
    name: 'mixed CRLF and LF line endings lose no rows',
    file: 'mixed-eol.csv',
    content: `${HEADER}\r\n${rows(2).join('\r\n')}\n${rows(2, 3).join('\n')}\r\n`,
    code: 0,
    check: (_r, v) => expect([v!.records, v!.loaded, v!.rejected]).toEqual([4, 4, 0]),
  },
  {
    name: 'CR-only line endings (old Mac Excel) load',
    file: 'cr.csv',
    content: `${HEADER}\r${rows(3).join('\r')}\r`,
    code: 0,
    check: (_r, v) => expect([v!.records, v!.loaded]).toEqual([3, 3]),
  },
  {
    name: 'an Excel "sep=;" first line is honoured; bad rows keep their physical line numbers',
    file: 'sepline.csv',
    content: `sep=;\n${HEADER.replaceAll(',', ';')}\n${rows(2).map((r) => r.replaceAll(',', ';')).join('\n')}\nr9;2025-03-01;eleven;web\n`,
    code: 0,
    check: (_r, v) => {
      expect([v!.loaded, v!.rejected]).toEqual([2, 1]);
      expect(v!.rejects[0]).toMatchObject({ line: 5, column: 'nps' });
    },
  },
  {
    name: 'a # preamble before the header is skipped and line numbers still match the file',
    file: 'preamble.csv',
    content: `# Export\n# Start date: 20250101\n\n${HEADER}\n${rows(1).join('\n')}\nr2,2025-13-45,1,web\n`,
    code: 0,
    check: (_r, v) => {
      expect([v!.loaded, v!.rejected]).toEqual([1, 1]);
      expect(v!.rejects[0]).toMatchObject({ line: 6, column: 'submitted_at' });
    },
  },
  {
    name: 'Dutch dates (dd-mm-yyyy, d-m-yy, with times) are decided from the whole column',
    file: 'dutch-dates.csv',
    content: `${HEADER}\nr1,31-12-2024 23:59,9,web\nr2,1-2-25,7,web\nr3,15-03-2025,3,web\nr4,02-04-2025 08:15:00,10,web\n`,
    code: 0,
    check: (_r, v, all) => {
      expect([v!.loaded, v!.rejected]).toEqual([4, 0]);
      expect(all!.warnings.join('\n')).toMatch(/dutch-dates\.csv: column "submitted_at" read as day-month-year/);
    },
  },
  {
    name: 'all-ambiguous dates are read day-first with a warning naming the column',
    file: 'ambiguous-dates.csv',
    content: `${HEADER}\nr1,01-02-2025,9,web\nr2,03-04-2025,7,web\n`,
    code: 0,
    check: (_r, v, all) => {
      expect(v!.loaded).toBe(2);
      expect(all!.warnings.join('\n')).toMatch(/ambiguous-dates\.csv: column "submitted_at" is ambiguous .*month\/day\/year.*read as day-month-year/);
    },
  },
  {
    name: 'a value that does not fit the decided date format is rejected, saying which format',
    file: 'date-outlier.csv',
    content: `${HEADER}\nr1,31-12-2024,9,web\nr2,13-01-2025,7,web\nr3,12/31/2024,3,web\n`,
    code: 0,
    check: (_r, v) => {
      expect([v!.loaded, v!.rejected]).toEqual([2, 1]);
      expect(v!.rejects[0].reason).toMatch(/"12\/31\/2024" is not a date-time in this column's format, day-month-year/);
    },
  },
  {
    name: 'n.v.t., NA and - in an optional score are empty, not errors',
    file: 'nvt.csv',
    content: `${HEADER}\nr1,2025-03-01,n.v.t.,web\nr2,2025-03-02,NA,web\nr3,2025-03-03,-,web\nr4,2025-03-04,10,web\n`,
    code: 0,
    check: (_r, v) => expect([v!.loaded, v!.rejected]).toEqual([4, 0]),
  },
  {
    name: 'text in a number column after the first 30,000 rows is one reject at its line, not a lost file',
    file: 'late-text.csv',
    content: `${HEADER}\n${rows(LATE).join('\n')}\nr${LATE + 1},2025-03-01,tien,web\nr${LATE + 2},2025-03-01,n.v.t.,web\n`,
    code: 0,
    check: (_r, v) => {
      expect([v!.records, v!.loaded, v!.rejected]).toEqual([LATE + 2, LATE + 1, 1]);
      expect(v!.rejects[0]).toMatchObject({ line: LATE + 2, column: 'nps' });
    },
  },
  {
    name: 'ragged rows are quarantined at their physical lines, saying how many fields were expected',
    file: 'ragged.csv',
    content: `${HEADER}\nr1,2025-03-01,9,web\nr2,2025-03-01,9\nr3,2025-03-01,9,web,extra\nr4,2025-03-01,9,web\n`,
    code: 0,
    check: (_r, v) => {
      expect([v!.records, v!.loaded, v!.rejected]).toEqual([4, 2, 2]);
      expect(v!.rejects.map((r) => [r.line, r.reason])).toEqual([
        [3, 'line has fewer fields than the header (4 columns)'],
        [4, 'line has more fields than the header (4 columns)'],
      ]);
    },
  },
  {
    name: 'an unterminated quote is fatal, naming file and line',
    file: 'unterminated.csv',
    content: `${HEADER}\nr1,2025-03-01,9,web\nr2,2025-03-01,9,"web\nr3,2025-03-01,9,web\n`,
    code: 65,
    check: (r) => expect(r.stderr).toMatch(/unterminated\.csv:3: a quoted field opened on this line is never closed/),
  },
  {
    name: 'a header repeated mid-file is dropped and counted, not rejected',
    file: 'repeated-header.csv',
    content: `${HEADER}\n${rows(2).join('\n')}\n${HEADER}\n${rows(2, 3).join('\n')}\n`,
    code: 0,
    check: (_r, v, all) => {
      expect([v!.records, v!.loaded, v!.rejected, v!.skipped]).toEqual([5, 4, 0, 1]);
      expect(all!.warnings.join('\n')).toMatch(/repeated-header\.csv: 1 repeated header row\(s\) dropped \(line 4\)/);
    },
  },
  {
    name: 'duplicate column names: the first is used, and the run says so',
    file: 'dupcols.csv',
    content: `response_id,submitted_at,nps,NPS,channel\nr1,2025-03-01,9,2,web\n`,
    code: 0,
    check: (_r, v, all) => {
      expect(v!.loaded).toBe(1);
      expect(all!.warnings.join('\n')).toMatch(/dupcols\.csv: column "NPS" appears 2 times in the header; the first is used/);
    },
  },
  {
    name: 'NUL bytes are removed with a warning',
    file: 'nul.csv',
    content: `${HEADER}\nr1,2025-03-01,9,w\u0000eb\n`,
    code: 0,
    check: (_r, v, all) => {
      expect(v!.loaded).toBe(1);
      expect(all!.warnings.join('\n')).toMatch(/nul\.csv: 1 NUL byte\(s\) removed/);
    },
  },
  {
    name: 'a CRLF first seen far down the file (after the head) still loses nothing',
    file: 'late-crlf.csv',
    content: `${HEADER}\n${rows(8000).join('\n')}\n${rows(5, 8001).join('\r\n')}\r\n`,
    code: 0,
    check: (_r, v) => expect([v!.records, v!.loaded, v!.rejected]).toEqual([8005, 8005, 0]),
  },
  {
    name: 'a Windows-1252 byte first seen far down the file switches the encoding',
    file: 'late-cp1252.csv',
    content: Buffer.concat([Buffer.from(`${HEADER}\n${rows(8000).join('\n')}\n`), iconv.encode('r8001,2025-03-01,9,€ shop\n', 'win1252')]),
    code: 0,
    check: (_r, v) => {
      expect(v!.encoding).toBe('windows-1252');
      expect([v!.records, v!.loaded]).toEqual([8001, 8001]);
    },
  },
  {
    name: 'one invalid byte in a UTF-8 file quarantines that line only',
    file: 'bad-utf8.csv',
    content: Buffer.concat([Buffer.from(`${HEADER}\nr1,2025-03-01,9,café\nr2,2025-03-01,9,`), Buffer.from([0xff]), Buffer.from('x\nr3,2025-03-01,9,web\n')]),
    code: 0,
    check: (_r, v) => {
      expect([v!.records, v!.loaded, v!.rejected]).toEqual([3, 2, 1]);
      expect(v!.rejects[0]).toMatchObject({ line: 3, reason: 'line is not valid UTF-8' });
    },
  },
  {
    name: 'an empty file is exit 65 with a clear message',
    file: 'empty.csv',
    content: '',
    code: 65,
    check: (r) => expect(r.stderr).toMatch(/empty\.csv is empty \(0 bytes\)/),
  },
  {
    name: 'a whitespace-only file is exit 65 (no header), not one phantom row',
    file: 'blank.csv',
    content: '\n   \n\n',
    code: 65,
    check: (r) => expect(r.stderr).toMatch(/blank\.csv has no header row/),
  },
  {
    name: 'a header-only file loads 0 rows with a warning',
    file: 'header-only.csv',
    content: `${HEADER}\n`,
    code: 0,
    check: (_r, v, all) => {
      expect([v!.records, v!.loaded]).toEqual([0, 0]);
      expect(all!.warnings.join('\n')).toMatch(/header-only\.csv: header only, 0 data rows/);
    },
  },
  {
    name: '--max-reject-rate 10%: a file with 1 of 4 rows rejected fails with exit 65',
    file: 'too-many-rejects.csv',
    content: `${HEADER}\n${rows(3).join('\n')}\nr9,2025-03-01,99,web\n`,
    args: ['--max-reject-rate', '10%'],
    code: 65,
    check: (r) => expect(r.stderr).toMatch(/too-many-rejects\.csv: 1 of 4 records rejected \(25\.0%\), above --max-reject-rate 10\.0%[\s\S]*too-many-rejects\.csv:5 nps/),
  },
  {
    name: '--max-reject-rate 0.5: the same file is within the limit',
    file: 'some-rejects.csv',
    content: `${HEADER}\n${rows(3).join('\n')}\nr9,2025-03-01,99,web\n`,
    args: ['--max-reject-rate', '0.5'],
    code: 0,
    check: (_r, v) => expect([v!.loaded, v!.rejected]).toEqual([3, 1]),
  },
];

describe('messy files: each defect has one specific outcome', { timeout: 120_000 }, () => {
  const results = new Map<string, RunResult>();
  beforeAll(async () => {
    const work = cases.map(async (c) => {
      const cwd = tempDir();
      writeFileSync(join(cwd, c.file), c.content);
      results.set(c.name, await runJourney(['validate', c.file, '--format', 'json', ...(c.args ?? [])], { cwd }));
    });
    await Promise.all(work);
  }, 240_000);

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = results.get(c.name)!;
    expect(r.code, r.stderr).toBe(c.code);
    let all: Validation | undefined;
    let file: ValidatedFile | undefined;
    if (r.code === 0) {
      all = JSON.parse(r.stdout) as Validation;
      file = all.files[0];
      // Row accounting holds for every file.
      expect(file.loaded + file.rejected + file.skipped + file.merged).toBe(file.records);
      expect(file.rejects).toHaveLength(file.rejected);
    } else {
      expect(r.stdout).toBe('');
    }
    c.check(r, file, all);
  });
});

describe('values survive decoding: Dutch decimals and exact ids', { timeout: 120_000 }, () => {
  it('decimal commas with thousands dots give the same revenue as decimal points', async () => {
    const cwd = tempDir();
    const header = 'order_id;customer_id;ordered_at;amount;status';
    writeFileSync(join(cwd, 'nl.csv'), `${header}\no1;c1;01-03-2025 10:00;1.234,56;paid\no2;c2;02-03-2025 11:00;99,95;paid\no3;c1;03-03-2025 12:00;n.v.t.;pending\n`);
    writeFileSync(join(cwd, 'en.csv'), `${header.replaceAll(';', ',')}\no1,c1,2025-03-01 10:00,1234.56,paid\no2,c2,2025-03-02 11:00,99.95,paid\no3,c1,2025-03-03 12:00,,pending\n`);
    const [nl, en] = await Promise.all(['nl.csv', 'en.csv'].map((f) => runJourney(['report', f, '--format', 'json'], { cwd })));
    expect(nl.code, nl.stderr).toBe(0);
    const revenue = (r: RunResult) => (JSON.parse(r.stdout) as { kpis: Kpi[] }).kpis.find((k) => k.id === 'revenue');
    expect(revenue(nl)).toEqual(revenue(en));
    expect(revenue(nl)!.value).toBeCloseTo(1334.51, 6);
  });

  it('customer ids above 2^53 stay exact (two ids one apart are two customers)', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'orders.csv'), 'order_id,customer_id,ordered_at,amount,status\n' +
      'o1,12345678901234567890,2025-03-01,10,paid\no2,12345678901234567890,2025-03-02,10,paid\no3,12345678901234567891,2025-03-03,10,paid\n');
    const r = await runJourney(['report', 'orders.csv', '--format', 'json'], { cwd });
    const repeat = (JSON.parse(r.stdout) as { kpis: Kpi[] }).kpis.find((k) => k.id === 'repeat_purchase_rate')!;
    expect([repeat.value, repeat.n]).toEqual([50, 2]);
  });

  it('Windows-1252 text reaches the report unchanged (segment values)', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'journey.yaml'), 'segments:\n  - { id: ch, expr: channel }\n');
    writeFileSync(join(cwd, 'nl.csv'), iconv.encode(`${HEADER}\r\nr1,2025-03-01,9,“café” €\r\nr2,2025-03-02,3,web – shop\r\n`, 'win1252'));
    const r = await runJourney(['report', 'nl.csv', '--segment', 'ch', '--format', 'json'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const values = (JSON.parse(r.stdout) as { segment: { values: { value: string }[] } }).segment.values.map((v) => v.value);
    expect(values).toEqual(['web – shop', '“café” €']);
  });
});
