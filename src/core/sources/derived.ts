// Derived sources (docs/derived-sources.md): a source defined as one SELECT over other files' raw
// tables — orders joined to their payments, reviews linked to orders, unions, aggregates. The
// named files are read as raw text tables (every record counted: read or rejected), the query
// runs after the lock-down (no file access; it may read only the named files' tables), and its
// output goes through the same plan, typing, checks, line folding and accounting as a file.
import { say } from '../messages.js';
import { ConfigError, DataError, duckMessage, redact, withoutValues } from '../errors.js';
import { quoteIdent, quoteLiteral, type Db } from '../db.js';
import type { Config } from '../config/load.js';
import { sqlReads } from '../config/sql-guard.js';
import type { DetectedFile } from './detect.js';
import { decideFormats } from './ingest/column-formats.js';
import { foldRepeatedIds } from './ingest/duplicates.js';
import { expressionError, fileExpressions } from './ingest/expressions.js';
import { loadRows } from './ingest/load.js';
import { describeMapping } from './ingest/mapping.js';
import { planColumns, recodedColumns, recodedFlag, type Reader } from './ingest/plan.js';
import { DUPLICATE, MERGED, NOT_REJECTS, REJECT_COLUMN, REJECT_REASON, REPEATED_HEADER, SKIPPED } from './ingest/checks.js';
import type { LoadedSource, Reject } from './ingest/types.js';
import { KIND_SPECS, type Kind } from './kinds/index.js';
import { lineOfByte, scanJsonLines, scanRecords } from './records.js';
import { readHead, rewrite, type Encoding } from './prepass.js';
import { resolveInputs } from './resolve.js';

type SourceEntry = Config['sources'][number];
type NamedFile = Exclude<SourceEntry, string>;

/** A named file with no kind or preset: read only as a table for derived sources, not a source of its own. */
export function isInputOnly(s: NamedFile): boolean {
  return s.path !== undefined && s.name !== undefined && s.kind === undefined && s.preset === undefined;
}

/** A file read as a raw table for derived sources, with its own row accounting. */
export interface InputTable {
  name: string;
  path: string;
  format: string;
  /** The text encoding read (a CSV input not in UTF-8 is read through a UTF-8 copy); null for Parquet and JSON lines. */
  encoding: string | null;
  table: string;
  /** Records in the file, counted independently of DuckDB. */
  records: number;
  /** Records read into the raw table (= records - rejected). */
  read: number;
  rejected: number;
  rejects: Reject[];
  /** The derived sources whose query reads it. */
  usedBy: string[];
  /** Also loaded as a source of its own (it has kind: or preset:). */
  alsoSource: boolean;
}

interface DerivedEntry {
  index: number;
  name: string;
  kind: Kind;
  query: string;
  columns?: Record<string, string>;
  values?: Record<string, Record<string, string | number | null>>;
  where?: string;
}

export function derivedEntries(config: Pick<Config, 'sources'>): DerivedEntry[] {
  return config.sources.flatMap((s, index) => typeof s !== 'string' && s.query !== undefined && s.name && s.kind
    ? [{ index, name: s.name, kind: s.kind, query: s.query, columns: s.columns, values: s.values, where: s.where }]
    : []);
}

/** What a derived source is called in messages, rejects and validate. */
const derivedLabel = (name: string) => `${name} (derived source)`;

/**
 * Reads every named file as a raw table of text (Parquet and JSON lines keep their types), before
 * the lock-down. `locate` resolves (and confines) the config's path; `display` shortens it.
 */
export async function loadInputTables(
  db: Db, config: Config, locate: (path: string, index: number) => string, display: (path: string) => string,
): Promise<InputTable[]> {
  const derived = derivedEntries(config);
  if (derived.length === 0) return [];
  const inputs: InputTable[] = [];
  for (const [index, s] of config.sources.entries()) {
    if (typeof s === 'string' || s.path === undefined || s.name === undefined) continue;
    const files = resolveInputs([s.path], config.baseDir);
    if (files.length !== 1) {
      throw new ConfigError(config.file ?? 'config', [`sources[${index}].path: "${s.path}" matches ${files.length} files; a named input is one file (name each file, and UNION ALL them in the query)`]);
    }
    const path = locate(files[0].path, index);
    const table = `input_${inputs.length + 1}`;
    const counted = await readRaw(db, path, display(path), files[0].format, table, inputs.length + 1, s.encoding);
    inputs.push({ name: s.name, path: display(path), format: files[0].format, table, ...counted, usedBy: [], alsoSource: !isInputOnly(s) });
  }
  return inputs;
}

async function readRaw(
  db: Db, original: string, shown: string, format: string, table: string, k: number, forced?: Encoding,
): Promise<Omit<InputTable, 'name' | 'path' | 'format' | 'table' | 'usedBy' | 'alsoSource'>> {
  const text = format === 'csv' || format === 'tsv';
  const { path, encoding } = text ? await utf8Input(db, original, k, forced) : { path: original, encoding: null };
  const reader = format === 'parquet' ? 'read_parquet($path)'
    : format === 'jsonl' ? "read_json($path, format = 'newline_delimited')"
    : `read_csv($path, header = true, all_varchar = true${format === 'tsv' ? ", delim = '\\t'" : ''}, ` +
      `store_rejects = true, rejects_table = 'rejects_in_${k}', rejects_scan = 'rejects_scan_in_${k}')`;
  try {
    await db.exec(`CREATE TABLE ${quoteIdent(table)} AS SELECT * FROM ${reader}`, { path });
  } catch (error) {
    throw new DataError(`${shown}: DuckDB could not read this input file: ${redact((error instanceof Error ? error.message : String(error)).split('\n')[0])}`);
  }
  const [{ n: read }] = await db.all<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM ${quoteIdent(table)}`, undefined, false);
  const structural = text
    ? await db.all<{ byte: number; type: string }>(
      `SELECT line_byte_position::DOUBLE AS byte, any_value(error_type) AS type FROM rejects_in_${k} GROUP BY line_byte_position ORDER BY 1`, undefined, false)
    : [];
  const scan = text ? await scanRecords(path, true) : undefined;
  const records = format === 'parquet'
    ? (await db.all<{ n: number }>('SELECT sum(num_rows)::DOUBLE AS n FROM parquet_file_metadata($path)', { path }, false))[0].n
    : format === 'jsonl' ? (await scanJsonLines(path)).length : scan!.records;
  if (records !== read + structural.length) {
    throw new DataError(`${shown}: row accounting mismatch: ${records} records in the file, ${read} read, ${structural.length} rejected; refusing to report on partial data`);
  }
  // At the physical line an editor shows (a quoted field can span lines).
  const rejects = structural.map((s) => ({
    file: shown, line: scan ? lineOfByte(scan, s.byte) : null, column: null, reason: `line could not be read (${s.type.toLowerCase()})`,
  }));
  return { records, read, rejected: structural.length, rejects, encoding };
}

/**
 * The file DuckDB reads for a CSV input: the file itself when it is UTF-8, else a UTF-8 copy in the
 * session's temp folder (Windows-1252 or UTF-16 detected, or `encoding:` set), as files are read.
 */
async function utf8Input(db: Db, path: string, k: number, forced?: Encoding): Promise<{ path: string; encoding: Encoding }> {
  const head = readHead(path, forced);
  if (head.encoding === 'utf-8' || head.encoding === 'utf-8-bom') return { path, encoding: head.encoding };
  const copy = db.tempPath(`input_in_${k}.csv`);
  await rewrite(path, copy, { encoding: head.encoding, dropBytes: 0, headerLine: null });
  db.noteCopy(copy, path, `converted from ${head.encoding} (${head.encodingReason}) to UTF-8 with LF line endings`);
  return { path: copy, encoding: head.encoding };
}

/**
 * Checks each derived source's query (one SELECT, reading only named files, never the session's
 * variables), runs it into `derived_<n>` and loads its rows like a file's. Runs after the lock-down.
 */
export async function loadDerivedSources(
  db: Db, config: Config, inputs: InputTable[], firstIndex: number, maxRejectRate: number | undefined,
): Promise<LoadedSource[]> {
  const loaded: LoadedSource[] = [];
  for (const [j, entry] of derivedEntries(config).entries()) {
    const where = `sources[${entry.index}].query`;
    const used = await checkQuery(db, config, entry, inputs, where);
    for (const input of used) input.usedBy.push(entry.name);
    const table = `derived_${j + 1}`;
    const ctes = used.map((i) => `${quoteIdent(i.name)} AS (SELECT * FROM ${quoteIdent(i.table)})`);
    const sql = `CREATE TABLE ${quoteIdent(table)} AS\n${ctes.length ? `WITH ${ctes.join(',\n     ')}\n` : ''}SELECT * FROM (\n${entry.query.trim()}\n)`;
    try {
      await db.exec(sql);
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      // Without the cell it failed on: a value from the data can be personal.
      throw new ConfigError(config.file ?? 'config', [`${where}: fails on the data (${withoutValues(duckMessage(error))}); make it work for every row, e.g. TRY_CAST instead of CAST`]);
    }
    loaded.push(await loadDerived(db, config, entry, used.map((i) => i.name), table, firstIndex + j, maxRejectRate));
  }
  for (const input of inputs) await db.exec(`DROP TABLE ${quoteIdent(input.table)}`, undefined, false);
  return loaded;
}

/** The named files the query reads; a config error for anything else it reads, or a query that does not bind. */
async function checkQuery(db: Db, config: Config, entry: DerivedEntry, inputs: InputTable[], where: string): Promise<InputTable[]> {
  const file = config.file ?? 'config';
  if ((await db.statementCount(entry.query).catch(() => 1)) !== 1) throw new ConfigError(file, [`${where}: must be one SELECT statement (no ;)`]);
  const reads = await sqlReads(db, entry.query);
  if (reads.error) throw new ConfigError(file, [`${where}: is not a SQL query (${reads.error})`]);
  if (!reads.select) throw new ConfigError(file, [`${where}: must be a SELECT (a derived source only reads)`]);
  const byName = new Map(inputs.map((i) => [i.name.toLowerCase(), i]));
  const unknown = reads.tables.filter((t) => !byName.has(t.toLowerCase()));
  const problems: string[] = [];
  if (unknown.length) {
    problems.push(`${where}: reads ${unknown.map((t) => `"${t}"`).join(', ')}, which is not a named file; a derived source reads only files given a name: under sources: (${inputs.map((i) => i.name).join(', ') || 'none named'})`);
  }
  if (reads.functions.length) problems.push(`${where}: may not use table function(s) ${reads.functions.map((f) => `${f}()`).join(', ')}; read named files by their name`);
  if (reads.scalars.includes('getvariable')) problems.push(`${where}: may not read session variables (getvariable)`);
  if (problems.length) throw new ConfigError(file, problems);
  const used = [...new Set(reads.tables.map((t) => byName.get(t.toLowerCase())!))];
  const ctes = used.map((i) => `${quoteIdent(i.name)} AS (SELECT * FROM ${quoteIdent(i.table)})`);
  try {
    await db.all(`DESCRIBE ${ctes.length ? `WITH ${ctes.join(', ')} ` : ''}SELECT * FROM (\n${entry.query.trim()}\n)`, undefined, false);
  } catch (error) {
    const columns = used.map((i) => i.name).join(', ');
    throw new ConfigError(file, [`${where}: does not fit its inputs (${redact((error as Error).message.split('\n')[0])})${columns ? `; it reads ${columns}` : ''}`]);
  }
  return used;
}

/** The derived table through the file pipeline: plan, formats, the load statement, folding, accounting. */
async function loadDerived(
  db: Db, config: Config, entry: DerivedEntry, inputs: string[], table: string, index: number, maxRejectRate: number | undefined,
): Promise<LoadedSource> {
  const label = derivedLabel(entry.name);
  const headers = (await db.all<{ name: string }>(`SELECT column_name AS name FROM (DESCRIBE ${quoteIdent(table)})`, undefined, false)).map((r) => r.name);
  const valueMaps: DetectedFile['valueMaps'] = {};
  for (const maps of [config.values[entry.kind] ?? {}, entry.values ?? {}]) {
    for (const [column, map] of Object.entries(maps)) valueMaps[column] = { ...(valueMaps[column] ?? {}), ...map };
  }
  // Typed values like a Parquet file's: each is cast to text, trimmed, and typed again by the plan.
  const file: DetectedFile = {
    path: label, format: 'parquet', kind: entry.kind, headers, detectedBy: say('detectedDerived'),
    sample: { path: label, format: 'parquet', rows: [headers], preamble: [] }, encoding: 'utf-8', encodingReason: 'a query',
    rewrite: false, dataStartBytes: 0, lineOffset: 0, notes: [],
    mapping: { ...(config.columns[entry.kind] ?? {}), ...(entry.columns ?? {}) }, valueMaps, where: entry.where,
  };
  const warnings: string[] = [];
  const expressions = await fileExpressions(db, file);
  const plan = planColumns(file, warnings, expressions);
  const reader: Reader = { sql: () => quoteIdent(table), params: {} };
  const src = `src_${index}`;
  try {
    const formats = await decideFormats(db, file, plan, reader, index, warnings);
    await loadRows(db, file, plan, reader, formats, src);
    await foldRepeatedIds(db, file, src, warnings);
  } catch (error) {
    throw expressionError(file, expressions, error) ?? error;
  }
  const counted = await accountDerived(db, file, table, src, plan.skip !== undefined);
  if (counted.notKept) warnings.push(say('rowsSkipped', { path: label, count: counted.notKept, reason: plan.skip?.reason ?? 'not records' }));
  if (maxRejectRate !== undefined && counted.records > 0 && counted.rejected / counted.records > maxRejectRate) {
    throw new DataError(`${label}: ${counted.rejected} of ${counted.records} rows rejected, above --max-reject-rate ${(100 * maxRejectRate).toFixed(1)}%; see them with journey validate`);
  }
  await db.exec(`DROP TABLE ${quoteIdent(table)}`, undefined, false);
  return {
    path: label, absolute: label, kind: entry.kind, format: 'derived', preset: null, detectedBy: file.detectedBy, table: src,
    records: counted.records, rows: counted.loaded, rejected: counted.rejected, skipped: counted.skipped, merged: counted.merged,
    encoding: 'utf-8', notes: [], rejects: counted.rejects, warnings,
    internal: [...(plan.skip ? ['_rec'] : []), ...recodedColumns(file, plan).map(recodedFlag)],
    mapping: await describeMapping(db, file, plan, expressions, src, { merged: counted.merged }, { query: entry.query.trim(), inputs }),
  };
}

/** The key a reject of a derived source is found by: the kind's record id (order_id, ...). */
function keyColumn(kind: Kind): string | undefined {
  return KIND_SPECS[kind].columns.find((c) => c.name.endsWith('_id') && c.name !== 'customer_id' && c.name !== 'user_id')?.name;
}

/**
 * loaded + rejected + skipped + merged = the rows the query gave. Rejects carry their row in the
 * query's output and the record's key, since a derived row has no line in a file.
 */
async function accountDerived(db: Db, file: DetectedFile, derived: string, src: string, skip: boolean) {
  const t = quoteIdent(src);
  const [{ n: records }] = await db.all<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM ${quoteIdent(derived)}`, undefined, false);
  const [c] = await db.all<{ rows: number; rejected: number; skipped: number; merged: number; notKept: number }>(
    `SELECT count(*)::DOUBLE AS rows,
            count(*) FILTER (WHERE _reject IS NOT NULL AND ${REJECT_COLUMN} NOT IN (${NOT_REJECTS.map(quoteLiteral).join(', ')}))::DOUBLE AS rejected,
            count(*) FILTER (WHERE ${REJECT_COLUMN} IN (${[SKIPPED, REPEATED_HEADER, DUPLICATE].map(quoteLiteral).join(', ')}))::DOUBLE AS skipped,
            count(*) FILTER (WHERE ${REJECT_COLUMN} = ${quoteLiteral(MERGED)})::DOUBLE AS merged,
            count(*) FILTER (WHERE ${REJECT_COLUMN} = ${quoteLiteral(SKIPPED)})::DOUBLE AS "notKept"
     FROM ${t}`, undefined, false);
  const loaded = c.rows - c.rejected - c.skipped - c.merged;
  if (c.rows !== records || loaded + c.rejected + c.skipped + c.merged !== records) {
    throw new Error(`${file.path}: row accounting mismatch: the query gave ${records} rows, ${c.rows} were typed`);
  }
  const key = keyColumn(file.kind);
  const rows = await db.all<{ row: number; key: string | null; column: string; reason: string }>(
    `SELECT ${skip ? '_rec' : 'rowid + 1'}::DOUBLE AS row, ${key ? `CAST(${quoteIdent(key)} AS VARCHAR)` : 'NULL'} AS key,
            ${REJECT_COLUMN} AS "column", ${REJECT_REASON} AS reason
     FROM ${t} WHERE _reject IS NOT NULL AND ${REJECT_COLUMN} NOT IN (${NOT_REJECTS.map(quoteLiteral).join(', ')}) ORDER BY 1`, undefined, false);
  const rejects: Reject[] = rows.map((r) => ({
    file: file.path, line: r.row, column: r.column, reason: redact(r.reason), ...(key ? { key: r.key === null ? `${key} empty` : `${key} ${r.key}` } : {}),
  }));
  return { records, loaded, rejected: c.rejected, skipped: c.skipped, merged: c.merged, notKept: c.notKept, rejects };
}
