// What config SQL may read: its kind's canonical view and nothing else — not the loaded per-file
// tables, not DuckDB's rejects tables (raw rejected lines), not other kinds' views, and no table
// function that reaches data by name (query, query_table, read_*). Checked on DuckDB's own parse
// tree (json_serialize_sql), so quoting, schemas and subqueries are seen as DuckDB sees them.
import type { Db } from '../db.js';

/** Table functions that generate values and cannot name a table or a file. */
const GENERATORS = new Set(['range', 'generate_series', 'unnest']);

interface Found {
  tables: string[];
  functions: string[];
  ctes: Set<string>;
  /** Scalar and aggregate functions called (lower case). */
  scalars: string[];
}

function walk(node: unknown, found: Found): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, found);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const n = node as Record<string, unknown>;
  if (n.type === 'BASE_TABLE' && typeof n.table_name === 'string') {
    const schema = typeof n.schema_name === 'string' && n.schema_name ? `${n.schema_name}.` : '';
    const catalog = typeof n.catalog_name === 'string' && n.catalog_name ? `${n.catalog_name}.` : '';
    found.tables.push(`${catalog}${schema}${n.table_name}`);
  }
  if (n.type === 'TABLE_FUNCTION') {
    const fn = (n.function as Record<string, unknown> | undefined)?.function_name;
    found.functions.push(typeof fn === 'string' ? fn.toLowerCase() : '?');
  }
  if (n.class === 'FUNCTION' && typeof n.function_name === 'string') found.scalars.push(n.function_name.toLowerCase());
  const cteMap = (n.cte_map as { map?: { key?: unknown }[] } | undefined)?.map;
  if (Array.isArray(cteMap)) for (const entry of cteMap) if (typeof entry.key === 'string') found.ctes.add(entry.key.toLowerCase());
  for (const value of Object.values(n)) walk(value, found);
}

/**
 * `query` is a whole SELECT holding the config's expression over `view`. Returns what the config
 * may not read, as a message, or null when it only reads `view` (and names of its own CTEs).
 */
export async function forbiddenReads(db: Db, query: string, view: string): Promise<string | null> {
  const [row] = await db.all<{ tree: string }>('SELECT json_serialize_sql($q::VARCHAR)::VARCHAR AS tree', { q: query }, false);
  const tree = JSON.parse(row.tree) as { error?: boolean };
  // A query DuckDB cannot parse fails its own check with DuckDB's message; nothing to add here.
  if (tree.error) return null;
  const found: Found = { tables: [], functions: [], ctes: new Set(), scalars: [] };
  walk(tree, found);
  const tables = [...new Set(found.tables.filter((t) => t.toLowerCase() !== view.toLowerCase() && !found.ctes.has(t.toLowerCase())))];
  const functions = [...new Set(found.functions.filter((f) => !GENERATORS.has(f)))];
  if (!tables.length && !functions.length) return null;
  const what = [...tables.map((t) => `table "${t}"`), ...functions.map((f) => `table function ${f}()`)].join(', ');
  return `reads ${what}; config SQL may only use the columns of "${view}" (the rows of its kind)`;
}

/**
 * What a whole query reads, for a derived source (sources/derived.ts): the tables it names (its own
 * CTEs left out), the table functions and the functions it calls; or DuckDB's parse error.
 */
export async function sqlReads(db: Db, query: string): Promise<{ error?: string; select: boolean; tables: string[]; functions: string[]; scalars: string[] }> {
  const [row] = await db.all<{ tree: string }>('SELECT json_serialize_sql($q::VARCHAR)::VARCHAR AS tree', { q: query }, false);
  const tree = JSON.parse(row.tree) as { error?: boolean; error_message?: string; statements?: { node?: { type?: string } }[] };
  if (tree.error) return { error: (tree.error_message ?? 'cannot parse').split('\n')[0], select: false, tables: [], functions: [], scalars: [] };
  const found: Found = { tables: [], functions: [], ctes: new Set(), scalars: [] };
  walk(tree, found);
  const type = tree.statements?.[0]?.node?.type;
  return {
    select: tree.statements?.length === 1 && (type === 'SELECT_NODE' || type === 'SET_OPERATION_NODE' || type === 'RECURSIVE_CTE_NODE' || type === 'CTE_NODE'),
    tables: [...new Set(found.tables.filter((t) => !found.ctes.has(t.toLowerCase())))],
    functions: [...new Set(found.functions.filter((f) => !GENERATORS.has(f)))],
    scalars: [...new Set(found.scalars)],
  };
}
