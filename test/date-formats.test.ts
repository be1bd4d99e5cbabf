// Day-first and month-first dates are read by trying only the strptime formats that fit a value's
// shape (separator, colons): the same result as trying the whole list in order, for every spelling
// exports use, including values that no format reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db, quoteLiteral } from '../src/core/db.js';
import { TIME_FORMATS, typedExpr } from '../src/core/sources/formats.js';

const VALUES = [
  '1-2-25', '01-02-2025', '31-12-2024 23:59', '31-12-2024 23:59:58', '1-3-2024 3:53 PM', '1-3-2024 3:53:50 pm',
  '13/01/2025', '13/01/25 08:00', '5.6.2025', '05.06.2025 07:30', '22-Apr-15', '22-apr-2015 10:00', '22 april 2015',
  '1 mrt 2024', '3 oktober 2023 12:00', 'April 22, 2015', 'Apr 22 2015', 'apr 22, 2015 3:53 PM', '12/31/2024',
  '12-31-2024 23:59', '1/3/2024 3:53 PM', 'ABC', '22-APR-15', '1 MEI 2024', '2024-03-01', '2024-03-01 10:00:00', '  7-8-2024  ', '7-8-2024 10:00:00:00', '32-01-2025',
  '00-00-0000', '1-2', 'n.v.t.', '', 'tomorrow', '1,2,2025', '+1-2-2025', '15-Apr-22 12:00 AM',
];

describe('dates read by shape', () => {
  let db: Db;
  beforeAll(async () => {
    db = await Db.open({ timezone: 'Europe/Amsterdam' });
    await db.exec(`CREATE TABLE v AS SELECT unnest([${VALUES.map(quoteLiteral).join(', ')}]) AS x`, undefined, false);
  });
  afterAll(() => db.close());

  for (const family of ['day-first', 'month-first'] as const) {
    it(`${family}: equal to strptime over the whole format list`, async () => {
      const formats = `[${TIME_FORMATS[family].map(quoteLiteral).join(', ')}]`;
      const whole = `CAST(TRY_STRPTIME(CASE WHEN regexp_matches(x, '[A-Za-z]{3}') THEN ${dutchToEnglish('lower(trim(x))')} ELSE trim(x) END, ${formats}) AS TIMESTAMPTZ)`;
      const rows = await db.all<{ x: string; shaped: string | null; whole: string | null }>(
        `SELECT x, (${typedExpr('x', 'timestamp', family)})::VARCHAR AS shaped,
                (CASE WHEN year(${whole}) >= 1900 THEN ${whole} END)::VARCHAR AS whole FROM v`, undefined, false);
      for (const r of rows) expect(r.shaped, r.x).toBe(r.whole);
      // The check is not vacuous: most spellings read, some do not.
      const read = rows.filter((r) => r.whole !== null).length;
      expect(read).toBeGreaterThan(5);
      expect(read).toBeLessThan(rows.length);
    });
  }
});

/** The Dutch month names the reader translates (formats.ts), spelled out again independently. */
function dutchToEnglish(sql: string): string {
  const months = [['januari', 'january'], ['februari', 'february'], ['maart', 'march'], ['augustus', 'august'], ['oktober', 'october'],
    ['juni', 'june'], ['juli', 'july'], ['mei', 'may'], ['mrt', 'mar'], ['okt', 'oct']];
  return months.reduce((s, [nl, en]) => `replace(${s}, '${nl}', '${en}')`, sql);
}
