// Property (issue 9): an export with line items, two-digit years or month names, guests written NA
// and credit notes gives the same KPIs as the same facts written in the canonical layout (one row
// per order, ISO dates, status refunded for a negative total). Runs the real pipeline in process.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runJourney, tempDir } from './helpers/run.js';
import type { Kpi } from '../src/core/kpis/measure.js';

const EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const NL = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
const pad = (n: number) => String(n).padStart(2, '0');

type Style = 'dd-mm-yy HH:MM' | 'dd-Mon-yy' | 'd maand yyyy';

interface Order { customer: number | null; day: number; month: number; year: number; hour: number; lines: { qty: number; cents: number }[] }

const order = fc.record({
  customer: fc.option(fc.integer({ min: 1, max: 6 }), { freq: 4 }),
  day: fc.integer({ min: 1, max: 28 }),
  month: fc.integer({ min: 1, max: 12 }),
  year: fc.integer({ min: 2000, max: 2030 }),
  hour: fc.integer({ min: 0, max: 23 }),
  lines: fc.array(fc.record({ qty: fc.integer({ min: -3, max: 12 }).filter((q) => q !== 0), cents: fc.integer({ min: 1, max: 99_999 }) }), { minLength: 1, maxLength: 4 }),
});

function exportDate(o: Order, style: Style): string {
  switch (style) {
    case 'dd-mm-yy HH:MM': return `${pad(o.day)}-${pad(o.month)}-${pad(o.year % 100)} ${pad(o.hour)}:00`;
    case 'dd-Mon-yy': return `${o.day}-${EN[o.month - 1]}-${pad(o.year % 100)}`;
    case 'd maand yyyy': return `${o.day} ${NL[o.month - 1]} ${o.year}`;
  }
}

const isoDate = (o: Order, style: Style) =>
  `${o.year}-${pad(o.month)}-${pad(o.day)} ${style === 'dd-mm-yy HH:MM' ? pad(o.hour) : '00'}:00:00`;

const kpis = async (dir: string) => {
  const r = await runJourney(['report', '--format', 'json'], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  const ids = ['orders', 'revenue', 'aov', 'repeat_purchase_rate', 'churn_rate'];
  return Object.fromEntries((JSON.parse(r.stdout) as { kpis: Kpi[] }).kpis.filter((k) => ids.includes(k.id)).map((k) => [k.id, [k.value, k.n]]));
};

describe('export layout vs canonical layout', () => {
  it('line items, two-digit years, month names, NA guests and credit notes give the canonical KPIs', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(order, { minLength: 1, maxLength: 12 }), fc.constantFrom<Style>('dd-mm-yy HH:MM', 'dd-Mon-yy', 'd maand yyyy'),
      async (orders, style) => {
        const root = tempDir();
        const lines = join(root, 'export');
        const canonical = join(root, 'canonical');
        mkdirSync(lines);
        mkdirSync(canonical);
        const exportRows = ['Invoice,Date,Customer,Qty,Price'];
        const canonicalRows = ['order_id,customer_id,ordered_at,amount,status'];
        orders.forEach((o, i) => {
          const id = `INV${i + 1}`;
          for (const l of o.lines) exportRows.push(`${id},${exportDate(o, style)},${o.customer ?? 'NA'},${l.qty},${(l.cents / 100).toFixed(2)}`);
          const total = o.lines.reduce((sum, l) => sum + l.qty * l.cents, 0);
          canonicalRows.push(`${id},${o.customer ?? ''},${isoDate(o, style)},${(total / 100).toFixed(2)},${total < 0 ? 'refunded' : 'paid'}`);
        });
        writeFileSync(join(lines, 'lines.csv'), `${exportRows.join('\n')}\n`);
        writeFileSync(join(lines, 'journey.yaml'), [
          'sources:',
          '  - path: lines.csv',
          '    kind: order',
          '    columns: { order_id: Invoice, ordered_at: Date, customer_id: Customer, amount: Qty * Price }',
        ].join('\n'));
        writeFileSync(join(canonical, 'orders.csv'), `${canonicalRows.join('\n')}\n`);
        writeFileSync(join(canonical, 'journey.yaml'), 'sources: [orders.csv]\n');
        expect(await kpis(lines)).toEqual(await kpis(canonical));
      },
    ), { numRuns: 12 });
  }, 120_000);
});
