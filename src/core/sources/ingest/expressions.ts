// Step 0 of ingest: the config's SQL over a file's own headers — a `columns:` entry that is not a
// header (`amount: Quantity * UnitPrice`, `created_at: "Date" || ' ' || "Time"`, a constant
// `"'generate_lead'"`) and a source's `where:` filter. Each is parsed by DuckDB and must be one
// scalar expression: no subquery, no table function, no `*`, so it cannot name a file or another
// table even though it runs in the load statement, before the lock-down (DESIGN §9). Every cell
// is text, so a column used in arithmetic is read as a number (TRY_CAST ... AS DOUBLE). A name
// that is not a column of the file is a config error listing the file's columns.
import { ConfigError } from '../../errors.js';
import { quoteLiteral, type Db } from '../../db.js';
import type { DetectedFile } from '../detect.js';

export interface Expressions {
  /** canonical column -> SQL over the reader's columns. */
  columns: Map<string, string>;
  /** The source's `where:` as SQL, when it has one. */
  where?: string;
}

const ARITHMETIC = new Set(['+', '-', '*', '/', '//', '%', '^', '**']);
const FORBIDDEN_CLASS = new Set(['SUBQUERY', 'STAR', 'WINDOW', 'LAMBDA', 'PARAMETER', 'DEFAULT', 'COLUMNS']);

type Node = { [key: string]: unknown };

/** A problem with one expression, or its SQL with arithmetic column references read as numbers. */
async function checkOne(db: Db, sql: string): Promise<{ sql?: string; problem?: string }> {
  const prefix = 'SELECT ';
  // json_serialize_sql takes a constant only: the text goes in as a quoted literal (never run).
  const [row] = await db.all<{ j: string }>(`SELECT json_serialize_sql(${quoteLiteral(prefix + sql)}) AS j`, undefined, false);
  const parsed = JSON.parse(row.j) as { error: boolean; error_message?: string; statements?: { node: Node }[] };
  if (parsed.error) return { problem: `is not a SQL expression (${(parsed.error_message ?? '').split('\n')[0]})` };
  const node = parsed.statements?.length === 1 ? parsed.statements[0].node : undefined;
  const list = node?.select_list as Node[] | undefined;
  const from = node?.from_table as Node | undefined;
  if (!node || node.type !== 'SELECT_NODE' || list?.length !== 1 || (from && from.type !== 'EMPTY') ||
    node.where_clause || (node.groups as { group_expressions?: unknown[] } | undefined)?.group_expressions?.length ||
    (node.modifiers as unknown[] | undefined)?.length) {
    return { problem: 'must be one expression over the file\'s columns (no FROM, WHERE, ;, or second value)' };
  }
  const numeric: number[] = [];
  let forbidden: string | undefined;
  const walk = (value: unknown, parentArithmetic: boolean) => {
    if (Array.isArray(value)) {
      for (const v of value) walk(v, parentArithmetic);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const n = value as Node;
    if (typeof n.class === 'string' && FORBIDDEN_CLASS.has(n.class)) forbidden = n.class.toLowerCase();
    if (n.type === 'TABLE_FUNCTION' || n.type === 'SELECT_NODE') forbidden = 'a query';
    if (n.class === 'COLUMN_REF' && parentArithmetic && typeof n.query_location === 'number') numeric.push(n.query_location - prefix.length);
    const arithmetic = n.class === 'FUNCTION' && ARITHMETIC.has(String(n.function_name));
    for (const [key, child] of Object.entries(n)) if (key !== 'class' && key !== 'type') walk(child, arithmetic);
  };
  walk(list[0], false);
  if (forbidden) return { problem: `may not use ${forbidden}: only values, columns, operators and functions of one row` };
  // Wrap each column reference used in arithmetic, from the end so earlier offsets stay right.
  let out = sql;
  for (const at of numeric.sort((a, b) => b - a)) {
    const token = /^"(?:[^"]|"")*"/.exec(out.slice(at))?.[0] ?? /^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)?/.exec(out.slice(at))?.[0];
    if (!token) continue;
    out = `${out.slice(0, at)}TRY_CAST(${token} AS DOUBLE)${out.slice(at + token.length)}`;
  }
  return { sql: out };
}

/** Whether a `columns:` value names a header of the file (else it is an expression). */
export function isHeader(file: DetectedFile, value: string): boolean {
  const wanted = value.trim().toLowerCase();
  return file.headers.some((h) => h.trim().toLowerCase() === wanted);
}

/** Checks the file's expressions (columns that are not headers, `where:`) and returns their SQL. */
export async function fileExpressions(db: Db, file: DetectedFile): Promise<Expressions> {
  const problems: string[] = [];
  const columns = new Map<string, string>();
  for (const [canonical, value] of Object.entries(file.mapping)) {
    if (isHeader(file, value)) continue;
    const r = await checkOne(db, value);
    if (r.problem) problems.push(`columns.${canonical}: "${value}" is not a column of this file and ${r.problem}; its columns are ${file.headers.join(', ')}`);
    else columns.set(canonical, r.sql!);
  }
  let where: string | undefined;
  if (file.where !== undefined) {
    const r = await checkOne(db, file.where);
    if (r.problem) problems.push(`where: "${file.where}" ${r.problem}`);
    else where = r.sql;
  }
  if (problems.length) throw new ConfigError(file.path, problems);
  return { columns, where };
}

/** A binder error from an expression (an unknown column) as a config problem for the user. */
export function expressionError(file: DetectedFile, expressions: Expressions, error: unknown): ConfigError | undefined {
  if (expressions.columns.size === 0 && expressions.where === undefined) return undefined;
  const text = error instanceof Error ? error.message : String(error);
  if (!/^Binder Error/.test(text)) return undefined;
  const first = text.split('\n')[0].replace(/^Binder Error: /, '');
  return new ConfigError(file.path, [
    `an expression in columns: or where: does not fit this file (${first}); its columns are ${file.headers.join(', ')} — quote names with spaces as "Unit Price"`,
  ]);
}
