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
  const found: Found = { tables: [], functions: [], ctes: new Set() };
  walk(tree, found);
  const tables = [...new Set(found.tables.filter((t) => t.toLowerCase() !== view.toLowerCase() && !found.ctes.has(t.toLowerCase())))];
  const functions = [...new Set(found.functions.filter((f) => !GENERATORS.has(f)))];
  if (!tables.length && !functions.length) return null;
  const what = [...tables.map((t) => `table "${t}"`), ...functions.map((f) => `table function ${f}()`)].join(', ');
  return `reads ${what}; config SQL may only use the columns of "${view}" (the rows of its kind)`;
}
