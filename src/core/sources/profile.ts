// What the values of a file look like, column by column, measured by DuckDB over the file read as
// text: how many are empty, distinct, numbers, whole numbers (and their range), dates, times of
// day; and, for columns with few distinct values, the values themselves with their counts. Used by
// `journey init` to guess the kind and column roles of a file no preset or kind recognises.
import { quoteIdent, quoteLiteral, type Db } from '../db.js';
import type { DetectedFile } from './detect.js';
import { prepareInput } from './ingest/input.js';
import { readerColumns, readerFor, type ColumnPlan } from './ingest/plan.js';

export interface ColumnProfile {
  /** The name the reader (and a config's `columns:`) uses for it. */
  name: string;
  nonNull: number;
  distinct: number;
  numbers: number;
  integers: number;
  min: number | null;
  max: number | null;
  dates: number;
  times: number;
  maxLength: number;
  /** Each value with its count, when there are at most FEW_VALUES distinct values. */
  values?: { v: string; n: number }[];
}

export interface FileProfile {
  /** Rows profiled (the first SAMPLE_ROWS at most). */
  rows: number;
  columns: ColumnProfile[];
  /** A temporary table holding the profiled rows as text, for checks across files (joins). */
  table: string;
}

/** Rows profiled per file: enough to see every status and event name of a real export. */
export const SAMPLE_ROWS = 200_000;
/** A column with at most this many distinct values is a category whose values are listed. */
export const FEW_VALUES = 20;

/** Dates as exports write them: ISO, day- or month-first with any separator, month names, a time after. */
const DATE_RE = String.raw`^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}([ T]\d{1,2}[:.]\d{2}([:.]\d{2})?(\.\d+)?\s*([AaPp]\.?[Mm]\.?)?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$|^\d{1,2}[- ][A-Za-z]{3,}\.?[- ]\d{2,4}( \d{1,2}:\d{2}(:\d{2})?)?$`;
const TIME_RE = String.raw`^\d{1,2}:\d{2}(:\d{2})?\s*([AaPp]\.?[Mm]\.?)?$`;

/** Reads `file` (detected with any kind) as text into `profile_<index>` and measures each column. */
export async function profileFile(db: Db, file: DetectedFile, index: number): Promise<FileProfile> {
  const columns = readerColumns(file.headers, [], file.path);
  const plan: ColumnPlan = { columns, present: new Map(), direct: new Map(), extras: [], native: new Set() };
  const input = await prepareInput(db, file, plan, index, []);
  const reader = readerFor(file, plan, input.path, index);
  const table = `profile_${index}`;
  const asText = columns.map((c) => `nullif(trim(CAST(${quoteIdent(c)} AS VARCHAR)), '') AS ${quoteIdent(c)}`).join(', ');
  await db.exec(`CREATE TEMP TABLE ${table} AS SELECT ${asText} FROM ${reader.sql(false)} LIMIT ${SAMPLE_ROWS}`, reader.params, false);
  const measures = columns.map((c, i) => {
    const col = quoteIdent(c);
    const num = `TRY_CAST(replace(${col}, ',', '.') AS DOUBLE)`;
    const int = `TRY_CAST(${col} AS BIGINT)`;
    return [
      `count(${col})::DOUBLE AS nn_${i}`,
      `count(DISTINCT ${col})::DOUBLE AS d_${i}`,
      `count(${num})::DOUBLE AS num_${i}`,
      `count(${int})::DOUBLE AS int_${i}`,
      `min(${int})::DOUBLE AS min_${i}`,
      `max(${int})::DOUBLE AS max_${i}`,
      `count(*) FILTER (WHERE regexp_matches(${col}, ${quoteLiteral(DATE_RE)}))::DOUBLE AS date_${i}`,
      `count(*) FILTER (WHERE regexp_matches(${col}, ${quoteLiteral(TIME_RE)}))::DOUBLE AS time_${i}`,
      `coalesce(max(length(${col})), 0)::DOUBLE AS len_${i}`,
    ].join(', ');
  });
  const [row] = await db.all<Record<string, number | null>>(
    `SELECT count(*)::DOUBLE AS rows${measures.length ? `, ${measures.join(',\n  ')}` : ''} FROM ${table}`, undefined, false);
  const profiles: ColumnProfile[] = columns.map((name, i) => ({
    name,
    nonNull: Number(row[`nn_${i}`]),
    distinct: Number(row[`d_${i}`]),
    numbers: Number(row[`num_${i}`]),
    integers: Number(row[`int_${i}`]),
    min: row[`min_${i}`] ?? null,
    max: row[`max_${i}`] ?? null,
    dates: Number(row[`date_${i}`]),
    times: Number(row[`time_${i}`]),
    maxLength: Number(row[`len_${i}`]),
  }));
  for (const p of profiles) {
    if (p.nonNull === 0 || p.distinct > FEW_VALUES) continue;
    const values = await db.all<{ v: string; n: number }>(
      `SELECT ${quoteIdent(p.name)} AS v, count(*)::DOUBLE AS n FROM ${table} WHERE ${quoteIdent(p.name)} IS NOT NULL
       GROUP BY 1 ORDER BY n DESC, v`, undefined, false);
    p.values = values;
  }
  return { rows: Number(row.rows), columns: profiles, table };
}

/**
 * How many distinct values of `from` (a column of one profiled file) are values of `to` (a column
 * of another): a column whose values are another file's key is a join the user may want.
 */
export async function overlap(db: Db, from: { table: string; column: string }, to: { table: string; column: string }): Promise<{ distinct: number; found: number }> {
  const a = quoteIdent(from.column);
  const b = quoteIdent(to.column);
  const [row] = await db.all<{ distinct: number; found: number }>(
    `SELECT count(DISTINCT ${a})::DOUBLE AS distinct, count(DISTINCT ${a}) FILTER (WHERE ${a} IN (SELECT ${b} FROM ${to.table}))::DOUBLE AS found
     FROM ${from.table}`, undefined, false);
  return row;
}
