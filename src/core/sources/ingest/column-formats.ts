// Step 2 of ingest: the spelling of each typed column (ISO or day-first dates, decimal point or
// comma), decided once per column per file from the data (docs/ingest.md §3). The only step that
// reads the file before the load statement, and in the common case it reads just a sample.
import { say } from '../../messages.js';
import { quoteIdent, type Db } from '../../db.js';
import type { DetectedFile } from '../detect.js';
import { candidates, decide, FAMILY_LABEL, isNumberType, isTimeType, TWO_DIGIT_YEAR, typedExpr, type Family } from '../formats.js';
import { KIND_SPECS, type ColumnSpec } from '../kinds/index.js';
import { rawSelectSql, type ColumnPlan, type Reader } from './plan.js';

const SAMPLE_ROWS = 20_000;

export interface DecidedFormats {
  /** Typed column -> its family; a column left out is read in the standard family. */
  families: Map<string, Family>;
  /** Set when the raw text had to be loaded to count families: the load reads this table. */
  rawTable?: string;
}

/**
 * Formats of the typed columns, decided from the data. A sample read shows whether every value
 * is standard (ISO dates, decimal points): then one pass reads the file. Otherwise the raw text
 * is loaded first and each column's format is chosen by counting, over all of its values, which
 * family reads the most of them.
 */
export async function decideFormats(
  db: Db, file: DetectedFile, plan: ColumnPlan, reader: Reader, index: number, warnings: string[],
): Promise<DecidedFormats> {
  const spec = KIND_SPECS[file.kind];
  const families = new Map<string, Family>([...plan.native].map((c) => [c, 'native']));
  const typed = spec.columns.filter((c) => plan.present.has(c.name) && !plan.native.has(c.name) && (isTimeType(c.type) || isNumberType(c.type)));
  if (typed.length === 0) return { families };
  // Values the standard family cannot read but another family can: only these call for a decision
  // (a stray word in a date column is a reject under any family, so it does not).
  const other = (c: ColumnSpec) => {
    const raw = quoteIdent(`${c.name}__raw`);
    const alternatives = candidates(c.type).slice(1).map((f) => `${typedExpr(raw, c.type, f)} IS NOT NULL`).join(' OR ');
    // CASE, not AND: DuckDB evaluates a CASE branch only for the rows that reach it, so the costly
    // strptime runs on the few values the standard cast could not read.
    const odd = `CASE WHEN ${raw} IS NOT NULL AND ${typedExpr(raw, c.type, undefined)} IS NULL THEN (${alternatives}) ELSE false END`;
    return `count(*) FILTER (WHERE ${odd})::DOUBLE AS ${quoteIdent(c.name)}`;
  };
  const sampleSql = `SELECT ${typed.map(other).join(', ')} FROM (${rawSelectSql(file, plan, reader.sql(false), SAMPLE_ROWS)})`;
  const [sample] = await db.all<Record<string, number>>(sampleSql, reader.params, false);
  if (typed.every((c) => sample[c.name] === 0)) return { families };
  const rawTable = `raw_${index}`;
  await db.exec(`CREATE TABLE ${quoteIdent(rawTable)} AS ${rawSelectSql(file, plan, reader.sql(true))}`, reader.params);
  const parts = typed.flatMap((c) => candidates(c.type).map((family) => {
    const raw = quoteIdent(`${c.name}__raw`);
    return `count(${typedExpr(raw, c.type, family)})::DOUBLE AS ${quoteIdent(`${c.name}:${family}`)}`;
  }).concat(isTimeType(c.type) ? twoDigitYearStats(c) : []));
  const [counts] = await db.all<Record<string, number>>(
    `SELECT count(*)::DOUBLE AS _n, ${parts.join(', ')} FROM ${quoteIdent(rawTable)}`, undefined, false);
  for (const c of typed) {
    const byFamily = Object.fromEntries(candidates(c.type).map((f) => [f, counts[`${c.name}:${f}`]]));
    const { family, ambiguous } = decide(c.type, byFamily, file.delimiter);
    families.set(c.name, family);
    const header = plan.direct.get(c.name) ?? c.name;
    if (family !== 'iso' && family !== 'point') {
      warnings.push(say('columnReadAs', { path: file.path, column: header, format: FAMILY_LABEL[family], count: byFamily[family]! }));
    }
    const yy = counts[`${c.name}:yy`] ?? 0;
    if (isTimeType(c.type) && yy > 0 && (family === 'day-first' || family === 'month-first')) {
      const lo = counts[`${c.name}:yy_min:${family}`];
      const hi = counts[`${c.name}:yy_max:${family}`];
      warnings.push(lo != null
        ? say('twoDigitYearsFound', { path: file.path, column: header, count: yy, years: `${lo}${hi !== lo ? `-${hi}` : ''}` })
        : say('twoDigitYears', { path: file.path, column: header, count: yy }));
    }
    if (ambiguous) {
      const others = candidates(c.type).filter((f) => f !== family && byFamily[f] === byFamily[family]).map((f) => FAMILY_LABEL[f]);
      warnings.push(say('ambiguousColumn', { path: file.path, column: header, others: others.join(' or '), format: FAMILY_LABEL[family] }));
    }
  }
  return { families, rawTable };
}

/** How many values of a time column have a two-digit year, and the years they read as per family. */
function twoDigitYearStats(c: ColumnSpec): string[] {
  const raw = quoteIdent(`${c.name}__raw`);
  const yy = `regexp_matches(${raw}, '${TWO_DIGIT_YEAR}')`;
  return [
    `count(*) FILTER (WHERE ${yy})::DOUBLE AS ${quoteIdent(`${c.name}:yy`)}`,
    ...(['day-first', 'month-first'] as const).flatMap((f) => [
      // CASE, not FILTER: DuckDB computes a FILTERed aggregate's argument for every row, and
      // strptime over all values cost seconds when no value has a two-digit year.
      `min(CASE WHEN ${yy} THEN year(${typedExpr(raw, c.type, f)}) END)::DOUBLE AS ${quoteIdent(`${c.name}:yy_min:${f}`)}`,
      `max(CASE WHEN ${yy} THEN year(${typedExpr(raw, c.type, f)}) END)::DOUBLE AS ${quoteIdent(`${c.name}:yy_max:${f}`)}`,
    ]),
  ];
}
