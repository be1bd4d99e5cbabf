// Step 3b of ingest: repeated ids. A row whose id an earlier valid row of the same file already
// has is never a record of its own: order lines fold into one order (amounts summed exactly) and
// are accounted `merged`; a repeated survey response or ticket keeps its first row and the others
// are skipped with a warning. Then an order whose total is negative (a credit note, a cancelled
// invoice) is a refund, not a paid order. Each step says what it did (docs/ingest.md §4).
import { quoteIdent, type Db } from '../../db.js';
import type { DetectedFile } from '../detect.js';
import { DUPLICATE, MERGED, REJECT_SEPARATOR } from './checks.js';

const ID_COLUMN: Partial<Record<DetectedFile['kind'], string>> = { order: 'order_id', ticket: 'ticket_id', survey: 'response_id' };

const marker = (column: string, reason: string) => `'${column}${REJECT_SEPARATOR}${reason}'`;

export async function foldRepeatedIds(db: Db, file: DetectedFile, table: string, warnings: string[]): Promise<void> {
  const id = ID_COLUMN[file.kind];
  if (!id) return;
  const t = quoteIdent(table);
  const col = quoteIdent(id);
  const [dup] = await db.all<{ rows: number; ids: number }>(
    `SELECT count(*)::DOUBLE AS rows, count(DISTINCT ${col})::DOUBLE AS ids FROM ${t} WHERE _reject IS NULL`, undefined, false);
  if (dup.rows > dup.ids) {
    const [repeated] = await db.all<{ ids: number }>(
      `SELECT count(*)::DOUBLE AS ids FROM (SELECT 1 FROM ${t} WHERE _reject IS NULL GROUP BY ${col} HAVING count(*) > 1)`, undefined, false);
    const extra = dup.rows - dup.ids;
    if (file.kind === 'order') {
      await db.exec(
        `UPDATE ${t} SET amount = d.total,\n` +
          `  _reject = CASE WHEN ${t}.rowid = d.first THEN NULL ELSE ${marker(MERGED, 'order line folded into the order on its first row')} END\n` +
          `FROM (SELECT ${col} AS _id, CAST(sum(CAST(amount AS DECIMAL(38, 6))) AS DOUBLE) AS total, min(rowid) AS first\n` +
          `      FROM ${t} WHERE _reject IS NULL GROUP BY ${col} HAVING count(*) > 1) d\n` +
          `WHERE ${t}.${col} = d._id AND ${t}._reject IS NULL`,
      );
      warnings.push(
        `${file.path}: ${dup.rows} order rows have ${dup.ids} distinct order ids: the rows of each of ${repeated.ids} repeated id(s) ` +
          `(order lines) are collapsed into one order with their amounts summed (${extra} row(s) merged); ` +
          'the first row gives the other columns',
      );
    } else {
      await db.exec(
        `UPDATE ${t} SET _reject = ${marker(DUPLICATE, `repeated ${id}; the first row with it is kept`)}\n` +
          `FROM (SELECT ${col} AS _id, min(rowid) AS first FROM ${t} WHERE _reject IS NULL GROUP BY ${col} HAVING count(*) > 1) d\n` +
          `WHERE ${t}.${col} = d._id AND ${t}._reject IS NULL AND ${t}.rowid <> d.first`,
      );
      warnings.push(
        `${file.path}: ${extra} row(s) repeat the ${id} of an earlier row (${repeated.ids} id(s) repeated); ` +
          'the first row of each is kept, the others are skipped',
      );
    }
  }
  if (file.kind === 'order') await negativeTotalsAreRefunds(db, file, t, warnings);
}

/** A paid (or status-less) order with a negative total is a refund: never paid revenue. */
async function negativeTotalsAreRefunds(db: Db, file: DetectedFile, t: string, warnings: string[]): Promise<void> {
  const where = `_reject IS NULL AND amount < 0 AND coalesce(status, 'paid') = 'paid'`;
  const [neg] = await db.all<{ n: number; total: number | null }>(
    `SELECT count(*)::DOUBLE AS n, CAST(sum(CAST(amount AS DECIMAL(38, 2))) AS DOUBLE) AS total FROM ${t} WHERE ${where}`, undefined, false);
  if (neg.n === 0) return;
  await db.exec(`UPDATE ${t} SET status = 'refunded' WHERE ${where}`);
  warnings.push(
    `${file.path}: ${neg.n} order(s) with a negative total (credit notes or cancellations, together ${neg.total}) ` +
      'are counted as refunded, not as paid orders or revenue',
  );
}
