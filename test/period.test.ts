// src/core/period.ts on a real DuckDB: the one date check, the period predicate, and withPeriod
// putting the previous period back (also when the analysis inside it throws).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../src/core/db.js';
import { checkPeriod, inPeriod, isDate, setPeriod, withPeriod } from '../src/core/period.js';

describe('isDate / checkPeriod', () => {
  it('accepts real dates only', () => {
    expect(isDate('2024-02-29')).toBe(true);
    expect(isDate('2025-02-29')).toBe(false);
    expect(isDate('2025-02-30')).toBe(false);
    expect(isDate('2025-1-05')).toBe(false);
  });
  it('refuses a bad date and a reversed period with the flag in the message', () => {
    expect(() => checkPeriod({ since: '2025-13-01', until: null })).toThrow('--since 2025-13-01: use a date as YYYY-MM-DD');
    expect(() => checkPeriod({ since: '2025-05-01', until: '2025-02-01' })).toThrow('--since 2025-05-01 is after --until 2025-02-01');
    expect(() => checkPeriod({ since: null, until: null })).not.toThrow();
  });
});

describe('withPeriod', () => {
  let db: Db;
  const bounds = async () => (await db.all<{ since: string; until: string; asof: string | null; days: number }>(
    `SELECT strftime(getvariable('journey_since'), '%Y-%m-%d') AS since, strftime(getvariable('journey_until'), '%Y-%m-%d') AS until,
            strftime(getvariable('journey_asof'), '%Y-%m-%d') AS asof, getvariable('journey_churn_days') AS days`))[0]!;
  const count = async () => (await db.all<{ n: number }>(
    `SELECT count(*)::INTEGER AS n FROM range(DATE '2025-01-01', DATE '2025-12-31', INTERVAL 1 DAY) t(d) WHERE ${inPeriod('d::TIMESTAMPTZ')}`))[0]!.n;

  beforeAll(async () => {
    db = await Db.open({ timezone: 'UTC' });
    await setPeriod(db, { since: '2025-03-01', until: '2025-03-31' }, 90);
  });
  afterAll(() => db.close());

  it('filters inside the period and restores the previous one afterwards', async () => {
    expect(await count()).toBe(31);
    const inside = await withPeriod(db, { since: '2025-04-01', until: '2025-04-10' }, 30, async () => [await count(), await bounds()] as const);
    expect(inside[0]).toBe(10);
    expect(inside[1]).toEqual({ since: '2025-04-01', until: '2025-04-11', asof: '2025-04-11', days: 30 });
    expect(await bounds()).toEqual({ since: '2025-03-01', until: '2025-04-01', asof: '2025-04-01', days: 90 });
  });

  it('restores the previous period when the function throws', async () => {
    await expect(withPeriod(db, { since: null, until: '2025-06-30' }, 7, async () => {
      throw new Error('analysis failed');
    })).rejects.toThrow('analysis failed');
    expect(await bounds()).toEqual({ since: '2025-03-01', until: '2025-04-01', asof: '2025-04-01', days: 90 });
    expect(await count()).toBe(31);
  });

  it('does not log the restore (journey sql and --explain print what ran)', async () => {
    const before = db.log.length;
    await withPeriod(db, { since: '2025-01-01', until: null }, 90, async () => undefined);
    expect(db.log.slice(before).map((e) => e.sql)).toHaveLength(4);
  });
});
