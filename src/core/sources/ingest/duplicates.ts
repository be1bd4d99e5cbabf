// Step 3b of ingest: repeated ids. A row whose id an earlier valid row of the same file already
// has is never a record of its own: order lines fold into one order (amounts summed exactly) and
// are accounted `merged`; a repeated survey response or ticket keeps its first row and the others
// are skipped with a warning. Then an order whose total is negative (a credit note, a cancelled
// invoice) is a refund, not a paid order. Each step says what it did (docs/ingest.md §4).
import { say } from '../../messages.js';
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
      warnings.push(say('orderLines', { path: file.path, rows: dup.rows, ids: dup.ids, repeated: repeated.ids, merged: extra }));
    } else {
      await db.exec(
        `UPDATE ${t} SET _reject = ${marker(DUPLICATE, `repeated ${id}; the first row with it is kept`)}\n` +
          `FROM (SELECT ${col} AS _id, min(rowid) AS first FROM ${t} WHERE _reject IS NULL GROUP BY ${col} HAVING count(*) > 1) d\n` +
          `WHERE ${t}.${col} = d._id AND ${t}._reject IS NULL AND ${t}.rowid <> d.first`,
      );
      warnings.push(say('repeatedIds', { path: file.path, count: extra, column: id, repeated: repeated.ids }));
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
  warnings.push(say('refunds', { path: file.path, count: neg.n, total: neg.total ?? 0 }));
}
