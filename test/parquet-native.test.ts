// Parquet columns already of the canonical type (TIMESTAMP, DECIMAL, DOUBLE, BIGINT) are read as
// they are, not cast to text and parsed back (issue 13), with the same checks: a year before 1900
// or a NaN is still a reject with the text path's reason, and every number equals the CSV's.
import { beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runJourney, tempDir, type RunResult } from './helpers/run.js';

type Validated = { files: { loaded: number; rejected: number; rejects: { column: string; reason: string }[] }[] };
type Report = { kpis: { id: string; value: number | null; n: number }[] };

describe('Parquet in its own types', () => {
  const cwd = tempDir();
  const runs = new Map<string, RunResult>();
  // O5: a year before 1900 (a reject); O6: amount NaN (a reject); O7: a negative amount (a refund, loaded).
  const rows = `VALUES
    ('O1', 'C1', TIMESTAMP '2025-01-02 10:00:00', 19.95::DECIMAL(10,2), 'paid'),
    ('O2', 'C1', TIMESTAMP '2025-02-03 11:30:00', 120.10::DECIMAL(10,2), 'paid'),
    ('O3', 'C2', TIMESTAMP '2025-02-04 09:15:00', 7.00::DECIMAL(10,2), 'refunded'),
    ('O4', 'C3', TIMESTAMP '2025-03-05 18:45:00', 64.33::DECIMAL(10,2), 'paid'),
    ('O5', 'C4', TIMESTAMP '1850-03-05 18:45:00', 10.00::DECIMAL(10,2), 'paid'),
    ('O6', 'C4', TIMESTAMP '2025-03-06 08:00:00', NULL, 'paid'),
    ('O7', 'C5', TIMESTAMP '2025-03-07 08:00:00', -5.00::DECIMAL(10,2), 'paid'),
    ('O8', ' C1 ', TIMESTAMP '2025-03-04 23:30:00', 11.00::DECIMAL(10,2), 'paid')`;

  beforeAll(async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const q = (name: string) => `'${join(cwd, name).replaceAll("'", "''")}'`;
      const select = `SELECT c0 AS order_id, c1 AS customer_id, c2 AS ordered_at,
        CASE WHEN c0 = 'O6' THEN 'nan'::DOUBLE ELSE c3::DOUBLE END AS amount, c4 AS status,
        c3 AS amount_decimal FROM (${rows}) t(c0, c1, c2, c3, c4)`;
      await connection.run(`COPY (${select}) TO ${q('orders.parquet')} (FORMAT parquet)`);
      await connection.run(`COPY (${select}) TO ${q('orders.csv')} (FORMAT csv, HEADER)`);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
    writeFileSync(join(cwd, 'zoned.yaml'), 'timezone: Europe/Amsterdam\n');
    for (const [key, args] of Object.entries({
      'validate parquet': ['validate', 'orders.parquet', '--format', 'json'],
      'validate csv': ['validate', 'orders.csv', '--format', 'json'],
      'report parquet': ['report', 'orders.parquet', '--format', 'json'],
      'report csv': ['report', 'orders.csv', '--format', 'json'],
      'sql parquet': ['sql', 'orders.parquet'],
      // O8 (23:30 on 4 March, no offset) is in the period only when read in the config's zone.
      'zoned parquet': ['report', 'orders.parquet', '-c', 'zoned.yaml', '--until', '2025-03-04', '--format', 'json'],
      'zoned csv': ['report', 'orders.csv', '-c', 'zoned.yaml', '--until', '2025-03-04', '--format', 'json'],
    })) runs.set(key, await runJourney(args, { cwd }));
  }, 60_000);

  it('reads the TIMESTAMP and DOUBLE columns without a round trip through text', () => {
    const sql = runs.get('sql parquet')!;
    expect(sql.code, sql.stderr).toBe(0);
    expect(sql.stdout).toContain('"ordered_at" AS "ordered_at__raw"');
    expect(sql.stdout).toContain('CAST("ordered_at__raw" AS TIMESTAMPTZ)');
    expect(sql.stdout).not.toContain('TRY_CAST("ordered_at__raw"');
    expect(sql.stdout).toContain('"amount" AS "amount__raw"');
  });

  it('quarantines the same rows for the same reasons as the CSV of the same data', () => {
    const [parquet, csv] = ['validate parquet', 'validate csv'].map((k) => {
      const r = runs.get(k)!;
      expect(r.code, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as Validated).files[0];
    });
    expect(parquet.loaded).toBe(6);
    expect(parquet.rejected).toBe(2);
    expect(parquet.rejects.map((r) => r.column)).toEqual(['ordered_at', 'amount']);
    expect(parquet.rejects[0].reason).toContain('reads as a year before 1900');
    expect(parquet.rejects.map((r) => [r.column, r.reason])).toEqual(csv.rejects.map((r) => [r.column, r.reason]));
  });

  it('gives the same KPIs as the CSV', () => {
    const [parquet, csv] = ['report parquet', 'report csv'].map((k) => {
      const r = runs.get(k)!;
      expect(r.code, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as Report).kpis;
    });
    expect(parquet.find((k) => k.id === 'revenue')?.value).toBeCloseTo(19.95 + 120.1 + 64.33 + 11, 9);
    // O8's customer " C1 " is read as written in both (a CSV reader keeps the blanks too): not C1.
    expect(parquet.find((k) => k.id === 'repeat_purchase_rate')?.n).toBe(3);
    expect(parquet).toEqual(csv);
  });

  it('reads a TIMESTAMP without an offset in the config\'s time zone, like its text', () => {
    const [parquet, csv] = ['zoned parquet', 'zoned csv'].map((k) => {
      const r = runs.get(k)!;
      expect(r.code, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as Report).kpis;
    });
    expect(parquet.find((k) => k.id === 'revenue')?.value).toBeCloseTo(19.95 + 120.1 + 11, 9);
    expect(parquet).toEqual(csv);
  });
});
