// Property: any CSV a spreadsheet or export tool could write — quotes, either separator, either line
// ending, line breaks and separators inside values, Unicode, four encodings — loads with every row
// accounted for and every value intact (issue 3). Runs the real pipeline in process on DuckDB.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { loadConfig } from '../src/core/config/load.js';
import { openSession } from '../src/core/session.js';
import { tempDir } from './helpers/run.js';

type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'windows-1252';

const COMMON = ['a', 'b', 'Z', ' ', ',', ';', '"', '\n', '\t', '=', '-', '@', 'é', 'ü', '€', '“', '”', '–', '0', '9', '.'];
const UNICODE_ONLY = ['😀', 'ł', '中', '\u00a0'];

const cell = (alphabet: string[]) => fc.array(fc.constantFrom(...alphabet), { maxLength: 12 }).map((cs) => cs.join(''));

/**
 * Windows-1252 text as people write it: every non-ASCII character follows an ASCII one. (A lead
 * byte followed by two bytes from 0x80-0xBF — "é“€" — is valid UTF-8 and cannot be told apart;
 * such a file needs `encoding: windows-1252` in the config, tested separately.)
 */
const ASCII = COMMON.filter((c) => c.charCodeAt(0) < 0x80);
const NON_ASCII = COMMON.filter((c) => c.charCodeAt(0) >= 0x80);
const latinCell = fc.array(fc.tuple(fc.constantFrom(...ASCII), fc.option(fc.constantFrom(...NON_ASCII))), { maxLength: 8 })
  .map((tokens) => tokens.map(([a, b]) => a + (b ?? '')).join(''));

const row = (text: fc.Arbitrary<string>) => fc.record({
  comment: text,
  attr: text,
  /** null: a valid score; otherwise a planted bad value. */
  bad: fc.option(fc.constantFrom('11', '-1', 'x', '7.5'), { freq: 5 }),
  nps: fc.integer({ min: 0, max: 10 }),
  quoteAll: fc.boolean(),
});

const input = fc.constantFrom<Encoding>('utf-8', 'utf-8-bom', 'utf-16le', 'windows-1252').chain((encoding) =>
  fc.record({
    encoding: fc.constant(encoding),
    delimiter: fc.constantFrom(',', ';'),
    eol: fc.constantFrom('\n', '\r\n'),
    rows: fc.array(row(encoding === 'windows-1252' ? latinCell : cell([...COMMON, ...UNICODE_ONLY])), { minLength: 1, maxLength: 25 }),
  }));

function field(value: string, delimiter: string, quoteAll: boolean): string {
  const needs = value.includes(delimiter) || value.includes('"') || value.includes('\n') || value.includes('\r');
  return needs || quoteAll ? `"${value.replaceAll('"', '""')}"` : value;
}

function encode(text: string, encoding: Encoding): Buffer {
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
  if (encoding === 'utf-8-bom') return Buffer.from(`\uFEFF${text}`, 'utf8');
  if (encoding === 'utf-16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
  return iconv.encode(text, 'win1252');
}

describe('generated CSVs load losslessly', () => {
  const xdg = tempDir('journey-xdg-');

  it('every row is loaded or rejected (rejected = planted bad rows) and text values are intact', async () => {
    const config = await loadConfig(undefined, tempDir());
    let run = 0;
    await fc.assert(fc.asyncProperty(input, async ({ encoding, delimiter, eol, rows }) => {
      const dir = tempDir();
      const path = join(dir, `run${run++}.csv`);
      const lines = [['response_id', 'submitted_at', 'nps', 'comment', 'attr'].join(delimiter)];
      rows.forEach((r, i) => lines.push([
        `r${i}`, '2025-03-01 10:00:00', r.bad ?? String(r.nps), field(r.comment, delimiter, r.quoteAll), field(r.attr, delimiter, r.quoteAll),
      ].join(delimiter)));
      writeFileSync(path, encode(lines.join(eol) + eol, encoding));
      const session = await openSession({
        inputs: [path], config, cwd: dir, env: { XDG_CONFIG_HOME: xdg }, period: { since: null, until: null },
      });
      try {
        const [source] = session.sources;
        const planted = rows.filter((r) => r.bad !== null).length;
        expect(source.records).toBe(rows.length);
        expect(source.rows + source.rejected).toBe(rows.length);
        expect(source.rejected).toBe(planted);
        const got = await session.db.all<{ id: string; comment: string | null; attr: string | null }>(
          'SELECT response_id AS id, comment, attr FROM surveys');
        const want = rows.flatMap((r, i) => (r.bad === null
          // An empty cell is a missing value; everything else arrives exactly as written.
          ? [{ id: `r${i}`, comment: r.comment === '' ? null : r.comment, attr: r.attr === '' ? null : r.attr }]
          : []));
        const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
        expect(got.sort(byId)).toEqual(want.sort(byId));
      } finally {
        session.db.close();
      }
    }), { numRuns: 60, seed: 20261123 });
  }, 240_000);

  it('Windows-1252 text that happens to be valid UTF-8 is read right when the config says so', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'nl.csv'), iconv.encode('response_id,submitted_at,nps,comment\nr1,2025-03-01,9,é“€\n', 'win1252'));
    writeFileSync(join(dir, 'journey.yaml'), 'sources:\n  - { path: nl.csv, encoding: windows-1252 }\n');
    const config = await loadConfig(join(dir, 'journey.yaml'), dir);
    const session = await openSession({ inputs: [], config, cwd: dir, env: { XDG_CONFIG_HOME: xdg }, period: { since: null, until: null } });
    try {
      expect(await session.db.all('SELECT comment FROM surveys')).toEqual([{ comment: 'é“€' }]);
    } finally {
      session.db.close();
    }
  });
});
