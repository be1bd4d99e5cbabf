// Step 5 of ingest: what the config and the presets made of a source, for `journey validate` —
// where each canonical column came from, which values a `values:` map recoded (rows counted), the
// lines collapsed into their record, the rows skipped (by reason) and, for a derived source, its
// query and the named files it read. Counted on the loaded table; the file is not read again.
import { quoteIdent, type Db } from '../../db.js';
import type { DetectedFile } from '../detect.js';
import { KIND_SPECS } from '../kinds/index.js';
import { DUPLICATE, REJECT_COLUMN, REJECT_REASON, REPEATED_HEADER, SKIPPED } from './checks.js';
import type { Expressions } from './expressions.js';
import { recodedColumns, recodedFlag, type ColumnPlan } from './plan.js';

export interface SourceMapping {
  /** Per canonical column (and kept attribute): where its value comes from. */
  columns: { canonical: string; from: string; by: 'header' | 'config' | 'expression' | 'preset' | 'attribute' }[];
  recoded: { column: string; values: number; rows: number }[];
  collapsed: { by: string; rows: number } | null;
  where: string | null;
  skipped: { reason: string; rows: number }[];
  derived: { query: string; inputs: string[] } | null;
}

export async function describeMapping(
  db: Db, file: DetectedFile, plan: ColumnPlan, expressions: Expressions, table: string,
  counts: { merged: number; cut?: number }, derived: SourceMapping['derived'] = null,
): Promise<SourceMapping> {
  const columns: SourceMapping['columns'] = [];
  for (const c of KIND_SPECS[file.kind].columns) {
    const sql = plan.present.get(c.name);
    if (sql === undefined) continue;
    if (expressions.columns.has(c.name)) columns.push({ canonical: c.name, from: file.mapping[c.name], by: 'expression' });
    else if (plan.direct.has(c.name)) columns.push({ canonical: c.name, from: plan.direct.get(c.name)!, by: file.mapping[c.name] ? 'config' : 'header' });
    else columns.push({ canonical: c.name, from: sql, by: 'preset' });
  }
  for (const e of plan.extras) columns.push({ canonical: e.name, from: e.source, by: 'attribute' });
  const recodes = recodedColumns(file, plan);
  const t = quoteIdent(table);
  const recoded: SourceMapping['recoded'] = [];
  if (recodes.length) {
    const [row] = await db.all<Record<string, number>>(
      `SELECT ${recodes.map((name, i) => `count(*) FILTER (WHERE ${quoteIdent(recodedFlag(name))})::DOUBLE AS c${i}`).join(', ')} FROM ${t}`, undefined, false);
    recodes.forEach((name, i) => recoded.push({ column: name, values: Object.keys(file.valueMaps[name]).length, rows: row[`c${i}`] }));
  }
  const skippedRows = await db.all<{ reason: string; rows: number }>(
    `SELECT CASE WHEN ${REJECT_COLUMN} = '${REPEATED_HEADER}' THEN 'repeated header row' ELSE ${REJECT_REASON} END AS reason, count(*)::DOUBLE AS rows
     FROM ${t} WHERE ${REJECT_COLUMN} IN ('${SKIPPED}', '${REPEATED_HEADER}', '${DUPLICATE}') GROUP BY 1 ORDER BY 2 DESC, 1`, undefined, false);
  const skipped = [...skippedRows, ...(counts.cut ? [{ reason: 'lines of a second table in the download', rows: counts.cut }] : [])];
  return {
    columns,
    recoded,
    collapsed: counts.merged > 0 ? { by: plan.collapseBy ?? 'order_id', rows: counts.merged } : null,
    where: file.where ?? null,
    skipped,
    derived,
  };
}
