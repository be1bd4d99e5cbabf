// Parquet columns whose own type already is the canonical column's (a TIMESTAMP for a timestamp,
// a DOUBLE or an integer for a number): read as they are, not cast to text and parsed back
// (issue 13). Their family is 'native'; the checks stay the same and only ask for the value as
// text on the few rows they quarantine (a year before 1900, NaN or infinity).
import { quoteIdent } from '../../db.js';
import type { DetectedFile } from '../detect.js';
import type { Family } from '../formats.js';
import { KIND_SPECS, type ColumnSpec } from '../kinds/index.js';
import type { ColumnPlan } from './plan.js';

/**
 * Parquet types that give exactly the value the text path gives for the same cell. FLOAT is not
 * one (0.1 as a FLOAT is 0.10000000149 as a DOUBLE; its text reads as 0.1); a DECIMAL of up to 18
 * digits is (one correctly rounded division, like parsing its text).
 */
const NATIVE: Record<'timestamp' | 'date' | 'number', RegExp> = {
  timestamp: /^(TIMESTAMP(_S|_MS|_NS)?|TIMESTAMP WITH TIME ZONE|DATE)$/,
  date: /^DATE$/,
  number: /^(TINYINT|SMALLINT|INTEGER|BIGINT|UTINYINT|USMALLINT|UINTEGER|DOUBLE|DECIMAL\((1[0-8]|[1-9]),\d+\))$/,
};

function nativeKind(c: ColumnSpec): keyof typeof NATIVE | undefined {
  if (c.type === 'timestamp' || c.type === 'date') return c.type;
  if (c.type === 'number' || c.type === 'integer') return 'number';
  return undefined;
}

/**
 * The typed columns of a Parquet file read natively: mapped straight from one source column (no
 * expression, no `values:` recoding) whose Parquet type is in NATIVE for the column's type.
 */
export function nativeColumns(file: DetectedFile, direct: ColumnPlan['direct']): Set<string> {
  const out = new Set<string>();
  const types = file.sample.types;
  if (file.format !== 'parquet' || !types) return out;
  for (const c of KIND_SPECS[file.kind].columns) {
    const kind = nativeKind(c);
    const source = direct.get(c.name);
    if (!kind || source === undefined || file.valueMaps[c.name]) continue;
    const type = types[source];
    if (type && NATIVE[kind].test(type)) out.add(c.name);
  }
  return out;
}

/** SQL: the raw value as text, for checks that look at what was written (native columns are cast, lazily). */
export function rawText(column: string, family: Family | undefined): string {
  const raw = quoteIdent(`${column}__raw`);
  return family === 'native' ? `CAST(${raw} AS VARCHAR)` : raw;
}
