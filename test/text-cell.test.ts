// trimmedText (ingest/plan.ts) skips DuckDB's trim() where it changes nothing; on any text, with
// the space separators trim() removes and the blanks it keeps, it must give nullif(trim(x), '').
import { describe, it, expect, afterAll } from 'vitest';
import fc from 'fast-check';
import { DuckDBInstance } from '@duckdb/node-api';
import { trimmedText } from '../src/core/sources/ingest/plan.js';

// Space separators (trimmed), other blanks (kept: tab, line feed, zero-width space, BOM), letters.
const CHARS = [' ', '\u00a0', '\u1680', '\u2003', '\u202f', '\u3000', '\t', '\n', '\u200b', '\ufeff', 'a', 'Z', '0', 'é', '€', '😀'];

describe('trimmedText', () => {
  const opened = DuckDBInstance.create(':memory:').then(async (instance) => ({ instance, connection: await instance.connect() }));
  afterAll(async () => {
    const { instance, connection } = await opened;
    connection.closeSync();
    instance.closeSync();
  });

  it('equals nullif(trim(x), \'\') on any mix of spaces, blanks and letters', async () => {
    const { connection } = await opened;
    const values = fc.array(fc.array(fc.constantFrom(...CHARS), { maxLength: 6 }).map((cs) => cs.join('')), { minLength: 1, maxLength: 50 });
    await fc.assert(fc.asyncProperty(values, async (xs) => {
      const list = `[${xs.map((x) => `'${x.replaceAll("'", "''")}'`).join(', ')}]::VARCHAR[]`;
      const reader = await connection.runAndReadAll(
        `SELECT x, ${trimmedText('x')} AS fast, nullif(trim(x), '') AS slow FROM (SELECT unnest(${list}) AS x)`);
      const rows = reader.getRowObjectsJS() as { x: string; fast: string | null; slow: string | null }[];
      expect(rows).toHaveLength(xs.length);
      for (const r of rows) expect(r.fast, JSON.stringify(r.x)).toBe(r.slow);
    }), { numRuns: 200, seed: 20261206 });
  });

  it('keeps values trim() would not change, and trims the rest', async () => {
    const { connection } = await opened;
    const reader = await connection.runAndReadAll(
      `SELECT ${['\'ok\'', '\' ok \'', "chr(160) || 'nbsp'", "'tab' || chr(9)", "''", "'   '", "'é '"].map((v) => trimmedText(v)).map((e, i) => `${e} AS c${i}`).join(', ')}`);
    expect(Object.values(reader.getRowObjectsJS()[0])).toEqual(['ok', 'ok', 'nbsp', 'tab\t', null, null, 'é']);
  });
});
