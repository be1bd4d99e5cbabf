// journey compare --before/--after with moments (issue 9): a period can start or stop at a time of
// day in the config's zone, so a change deployed at noon is compared with the morning, not the day.
import { beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRange } from '../src/core/analysis/compare-periods.js';
import { runJourney, tempDir } from './helpers/run.js';

interface Row { stage: string | null; kpi: string; before: { value: number | null }; after: { value: number | null } }

describe('compare --before/--after with moments', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    writeFileSync(join(dir, 'journey.yaml'), 'timezone: Europe/Amsterdam\n');
    // o5 is 11:30 UTC = 12:30 in Amsterdam (CET, UTC+1): after noon there.
    writeFileSync(join(dir, 'orders.csv'), [
      'order_id,customer_id,ordered_at,amount,status',
      'o1,c1,2025-02-28 18:00:00,10.00,paid', 'o2,c2,2025-03-01 09:00:00,20.00,paid', 'o3,c3,2025-03-01 11:59:00,30.00,paid',
      'o4,c4,2025-03-01 12:00:00,40.00,paid', 'o5,c5,2025-03-01T11:30:00Z,50.00,paid', 'o6,c1,2025-03-01 15:00:00,60.00,paid',
      'o7,c6,2025-03-02 08:00:00,70.00,paid',
    ].join('\n') + '\n');
  });
  const compare = async (...args: string[]) => {
    const r = await runJourney(['compare', 'orders.csv', ...args, '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as { before: unknown; after: unknown; rows: Row[] };
    const top = (id: string) => json.rows.find((row) => row.stage === null && row.kpi === id)!;
    return { json, orders: [top('orders').before.value, top('orders').after.value], revenue: [top('revenue').before.value, top('revenue').after.value] };
  };

  it('splits a day at noon in the config zone: the end moment is excluded, the start included', async () => {
    const r = await compare('--before', '2025-03-01..2025-03-01T12:00', '--after', '2025-03-01T12:00..2025-03-01');
    // Before noon on 1 March: o2 20 + o3 30. From noon to the end of the day: o4 40 + o5 50 + o6 60.
    expect(r.orders).toEqual([2, 3]);
    expect(r.revenue).toEqual([50, 150]);
    expect(r.json.before).toEqual({ since: '2025-03-01', until: '2025-03-01T12:00' });
  });

  it('open ends and seconds; a space reads as T', async () => {
    const r = await compare('--before', '..2025-03-01 11:59:00', '--after', '2025-03-01T11:59:00..');
    // Before 11:59:00: o1, o2. From 11:59:00 on: o3 30 + o4 40 + o5 50 + o6 60 + o7 70.
    expect(r.orders).toEqual([2, 5]);
    expect(r.revenue).toEqual([30, 250]);
    expect(r.json.after).toEqual({ since: '2025-03-01T11:59:00', until: null });
  });

  it('refuses impossible moments, empty ranges and periods that share a moment', () => {
    expect(() => parseRange('before', '..2025-03-01T24:00')).toThrow(/2025-03-01T24:00 is not a date or a moment/);
    expect(() => parseRange('before', '2025-03-01T12:00..2025-03-01T12:00')).toThrow(/ends before it starts/);
    expect(parseRange('after', '2025-03-01T12:00..2025-03-01')).toEqual({ since: '2025-03-01T12:00', until: '2025-03-01' });
  });

  it('a whole day and a moment inside it overlap (exit 2)', async () => {
    const r = await runJourney(['compare', 'orders.csv', '--before', '..2025-03-01', '--after', '2025-03-01T12:00..'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('overlap; the periods must not share a day or a moment');
  });
});
