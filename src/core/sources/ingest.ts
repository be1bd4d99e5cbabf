// Loads one input file into DuckDB with DuckDB's own readers, validates every row against the
// canonical model, and accounts for every record: loaded + rejected = records, or the run stops.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { DataError, redact } from '../errors.js';
import { quoteIdent, quoteLiteral, type Db } from '../db.js';
import type { DetectedFile } from './detect.js';
import { hmacSql } from './keys.js';
import { canonicalColumn, KIND_SPECS, normaliseName, type ColumnSpec, type Kind } from './kinds/index.js';
import { countPhysicalLines, lineOfByte, scanRecords, type RecordScan } from './records.js';

export interface Reject {
  file: string;
  /** Physical line in the file (CSV, TSV, JSON lines) or row number (Parquet). */
  line: number | null;
  column: string | null;
  reason: string;
}

export interface LoadedSource {
  path: string;
  kind: Kind;
  format: string;
  preset: string | null;
  detectedBy: string;
  /** Table holding every read row; rows with `_reject_reason` set are quarantined. */
  table: string;
  records: number;
  rows: number;
  rejected: number;
  rejects: Reject[];
  warnings: string[];
}

/** Canonical columns the loaded table always has, beyond the kind's own. */
export const CUSTOMER_KEY = 'customer_key';

const SQL_TYPE: Record<string, string> = {
  timestamp: 'TIMESTAMPTZ',
  date: 'DATE',
  integer: 'DOUBLE',
  number: 'DOUBLE',
};

/** Unique, non-empty column names for the reader (DuckDB would rename duplicates silently). */
function readerColumns(headers: string[], warnings: string[], path: string): string[] {
  const seen = new Map<string, number>();
  return headers.map((raw, i) => {
    const name = raw === '' ? `column${i + 1}` : raw;
    const key = name.toLowerCase();
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n === 1) return name;
    warnings.push(`${path}: duplicate column "${name}"; using the first, the copy is read as "${name}_${n}"`);
    return `${name}_${n}`;
  });
}

function readerSql(file: DetectedFile, columns: string[], index: number): string {
  const struct = `{${columns.map((c) => `${quoteLiteral(c)}: 'VARCHAR'`).join(', ')}}`;
  if (file.format === 'parquet') return 'read_parquet($path)';
  if (file.format === 'jsonl') return `read_json($path, format = 'newline_delimited', columns = ${struct})`;
  return (
    `read_csv($path, header = true, auto_detect = false, delim = $delim, quote = '"', escape = '"',\n` +
    `    columns = ${struct},\n` +
    `    store_rejects = true, rejects_table = 'rejects_${index}', rejects_scan = 'rejects_scan_${index}')`
  );
}

function reasonFor(column: ColumnSpec): { when: string; reason: string } | undefined {
  const raw = quoteIdent(`${column.name}__raw`);
  const value = quoteIdent(column.name);
  // Show the offending value only when it is digits and punctuation (a number or a date):
  // text in a wrong column can be a name, an email or free text, which must not reach a report.
  const shown = `CASE WHEN regexp_full_match(${raw}, '[0-9 .,:+/TZ-]{1,40}') THEN '"' || ${raw} || '"' ELSE 'a text value (' || length(${raw}) || ' characters)' END`;
  switch (column.type) {
    case 'timestamp':
      return { when: `${raw} IS NOT NULL AND ${value} IS NULL`, reason: `${shown} || ' is not a date-time (use ISO 8601, e.g. 2025-03-01 14:30:00)'` };
    case 'date':
      return { when: `${raw} IS NOT NULL AND ${value} IS NULL`, reason: `${shown} || ' is not a date (use YYYY-MM-DD)'` };
    case 'integer': {
      const [lo, hi] = column.scale ?? [0, Number.MAX_SAFE_INTEGER];
      return {
        when: `${raw} IS NOT NULL AND (${value} IS NULL OR ${value} <> floor(${value}) OR ${value} < ${lo} OR ${value} > ${hi})`,
        reason: `${shown} || ' is not a whole number from ${lo} to ${hi}'`,
      };
    }
    case 'number':
      return column.nonNegative
        ? { when: `${raw} IS NOT NULL AND (${value} IS NULL OR ${value} < 0)`, reason: `${shown} || ' is not a non-negative number'` }
        : { when: `${raw} IS NOT NULL AND ${value} IS NULL`, reason: `${shown} || ' is not a number (use a decimal point, e.g. 129.95)'` };
    case 'text':
      return column.allowed
        ? {
            when: `${raw} IS NOT NULL AND lower(trim(${raw})) NOT IN (${column.allowed.map(quoteLiteral).join(', ')})`,
            reason: `${shown} || ' is not one of ${column.allowed.join(', ')}'`,
          }
        : undefined;
    default:
      return undefined;
  }
}

/** The CREATE TABLE statement that reads, types and validates one file. */
export function stagingSql(file: DetectedFile, index: number, warnings: string[] = []): { sql: string; table: string } {
  const spec = KIND_SPECS[file.kind];
  const table = `src_${index}`;
  const columns = readerColumns(file.headers, warnings, file.path);
  const present = new Map<string, string>();
  const extras: { source: string; name: string }[] = [];
  const reserved = new Set([...spec.columns.map((c) => c.name), CUSTOMER_KEY]);
  for (const source of columns) {
    const canonical = canonicalColumn(spec, source);
    if (canonical && !present.has(canonical)) present.set(canonical, source);
    else if (spec.keepExtraColumns) {
      const name = normaliseName(source).replace(/[^a-z0-9_]/g, '_');
      if (!reserved.has(name) && !extras.some((e) => e.name === name)) extras.push({ source, name });
    }
  }
  const missing = spec.columns.filter((c) => c.required && !present.has(c.name)).map((c) => c.name);
  if (missing.length) {
    throw new DataError(
      `${file.path}: a ${file.kind} export needs column(s) ${missing.join(', ')}; found ${file.headers.join(', ')}.\n` +
        `  Canonical ${file.kind} columns: ${spec.columns.map((c) => c.name).join(', ')}.`,
    );
  }
  // CSV cells arrive as VARCHAR with empty cells already NULL; casts ignore surrounding spaces.
  // (Trimming every text cell doubled the load time of 1M web events, so text is kept as read.)
  const clean = (source: string) =>
    file.format === 'csv' || file.format === 'tsv' ? quoteIdent(source) : `nullif(CAST(${quoteIdent(source)} AS VARCHAR), '')`;
  const rawSelect = [
    ...spec.columns.map((c) =>
      present.has(c.name)
        ? `${clean(present.get(c.name)!)} AS ${quoteIdent(`${c.name}__raw`)}`
        : `NULL::VARCHAR AS ${quoteIdent(`${c.name}__raw`)}`),
    ...extras.map((e) => `${clean(e.source)} AS ${quoteIdent(e.name)}`),
  ];
  const typedSelect = spec.columns.map((c) => {
    const raw = quoteIdent(`${c.name}__raw`);
    const type = SQL_TYPE[c.type];
    return type ? `TRY_CAST(${raw} AS ${type}) AS ${quoteIdent(c.name)}` : `${raw} AS ${quoteIdent(c.name)}`;
  });
  const checks: { column: string; when: string; reason: string }[] = [];
  for (const c of spec.columns) {
    if (c.required) checks.push({ column: c.name, when: `${quoteIdent(`${c.name}__raw`)} IS NULL`, reason: `'required value is empty'` });
  }
  for (const c of spec.columns) {
    const r = reasonFor(c);
    if (r) checks.push({ column: c.name, ...r });
  }
  for (const check of spec.checks) checks.push({ column: check.column, when: check.failWhen, reason: quoteLiteral(check.reason) });

  const outColumns = spec.columns
    .filter((c) => c.type !== 'email' && c.name !== 'customer_id')
    .map((c) => {
      const id = quoteIdent(c.name);
      if (c.type === 'integer') return `CAST(${id} AS INTEGER) AS ${id}`;
      if (c.allowed) return `lower(trim(${id})) AS ${id}`;
      return id;
    });
  const hasIdentity = spec.columns.some((c) => c.name === 'customer_id');
  if (hasIdentity) {
    const email = spec.columns.some((c) => c.type === 'email') ? `${quoteIdent('email')}` : 'NULL';
    outColumns.push(
      `coalesce(${quoteIdent('customer_id')}, CASE WHEN ${email} IS NOT NULL THEN 'h:' || left(${hmacSql(`trim(${email})`)}, 32) END) AS ${CUSTOMER_KEY}`,
    );
  }
  outColumns.push(...extras.map((e) => quoteIdent(e.name)));
  const caseOf = (pick: 'column' | 'reason') =>
    `CASE ${checks.map((c) => `WHEN ${c.when} THEN ${pick === 'column' ? quoteLiteral(c.column) : c.reason}`).join('\n         ')} END`;

  const sql = [
    `CREATE TABLE ${quoteIdent(table)} AS`,
    `WITH raw AS (`,
    `  SELECT ${rawSelect.join(',\n         ')}`,
    `  FROM ${readerSql(file, columns, index)}`,
    `), typed AS (`,
    `  SELECT raw.*,`,
    `         ${typedSelect.join(',\n         ')}`,
    `  FROM raw`,
    `)`,
    `SELECT ${outColumns.join(',\n       ')},`,
    `       ${caseOf('column')} AS _reject_column,`,
    `       ${caseOf('reason')} AS _reject_reason`,
    `FROM typed`,
  ].join('\n');
  return { sql, table };
}

const STRUCTURAL: Record<string, string> = {
  'MISSING COLUMNS': 'has fewer fields than the header',
  'TOO MANY COLUMNS': 'has more fields than the header',
  'INVALID ENCODING': 'is not valid UTF-8',
  'LINE SIZE OVER MAXIMUM': 'is longer than the 2 MB line limit',
  CAST: 'has a value that cannot be read',
};

interface Structural { byte: number; type: string; column: string | null }

async function expectedRecords(file: DetectedFile): Promise<number> {
  if (file.format === 'jsonl') {
    const scan = await scanJsonLines(file.path);
    return scan.length;
  }
  return (await countPhysicalLines(file.path)) - 1;
}

/** Start line of every non-blank line of a JSON-lines file (records are lines). */
async function scanJsonLines(path: string): Promise<number[]> {
  const lines: number[] = [];
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
    n++;
    if (line.trim() !== '') lines.push(n);
  }
  return lines;
}

export async function loadSource(db: Db, file: DetectedFile, index: number): Promise<LoadedSource> {
  const warnings: string[] = [];
  const { sql, table } = stagingSql(file, index, warnings);
  const params: Record<string, string> = file.format === 'csv' || file.format === 'tsv'
    ? { path: file.path, delim: file.delimiter ?? ',' }
    : { path: file.path };
  // The independent line count runs on the JS thread while DuckDB reads on its own threads.
  const counting = file.format === 'parquet' ? Promise.resolve(-1) : expectedRecords(file);
  try {
    await db.exec(sql, params);
  } catch (error) {
    await counting.catch(() => undefined);
    throw readError(file, error);
  }
  const [counts] = await db.all<{ read: number; rejected: number }>(
    `SELECT count(*)::DOUBLE AS read, count(_reject_reason)::DOUBLE AS rejected FROM ${quoteIdent(table)}`, undefined, false);
  const structural = file.format === 'csv' || file.format === 'tsv'
    ? await db.all<Structural>(
      `SELECT line_byte_position::DOUBLE AS byte, any_value(error_type) AS type, any_value(column_name) AS "column"
       FROM rejects_${index} GROUP BY line_byte_position ORDER BY line_byte_position`, undefined, false)
    : [];
  const fast = await counting;
  let records = file.format === 'parquet'
    ? (await db.all<{ n: number }>('SELECT sum(num_rows)::DOUBLE AS n FROM parquet_file_metadata($path)', { path: file.path }, false))[0].n
    : fast;
  let scan: RecordScan | undefined;
  const accounted = counts.read + structural.length;
  const needScan = (file.format === 'csv' || file.format === 'tsv') && (records !== accounted || counts.rejected > 0 || structural.length > 0);
  if (needScan) {
    scan = await scanRecords(file.path, true);
    records = scan.records;
  }
  const unquoted = structural.find((s) => s.type === 'UNQUOTED VALUE');
  if (unquoted) {
    const line = scan ? lineOfByte(scan, unquoted.byte) : null;
    throw new DataError(
      `${file.path}:${line ?? '?'}: a quoted field opened on this line is never closed, so the rest of the file cannot be read.\n` +
        `  Close the quote (a quote inside a value is written as two quotes "") or export the file again.`,
    );
  }
  if (records !== accounted) {
    throw new DataError(
      `${file.path}: row accounting mismatch: ${records} records in the file, ${counts.read - counts.rejected} loaded, ` +
        `${counts.rejected + structural.length} quarantined; refusing to report on partial data.`,
    );
  }
  const rejects = await collectRejects(db, file, table, structural, scan, counts.rejected);
  return {
    path: file.path,
    kind: file.kind,
    format: file.format,
    preset: null,
    detectedBy: file.detectedBy,
    table,
    records,
    rows: counts.read - counts.rejected,
    rejected: counts.rejected + structural.length,
    rejects,
    warnings,
  };
}

async function collectRejects(
  db: Db, file: DetectedFile, table: string, structural: Structural[], scan: RecordScan | undefined, validationRejects: number,
): Promise<Reject[]> {
  const rejects: Reject[] = structural.map((s) => ({
    file: file.path,
    line: scan ? lineOfByte(scan, s.byte) : null,
    column: null,
    reason: `line ${STRUCTURAL[s.type] ?? s.type.toLowerCase()}`,
  }));
  if (validationRejects === 0) return rejects;
  const rows = await db.all<{ idx: number; column: string; reason: string }>(
    `SELECT rowid::DOUBLE AS idx, _reject_column AS "column", _reject_reason AS reason
     FROM ${quoteIdent(table)} WHERE _reject_reason IS NOT NULL ORDER BY rowid`, undefined, false);
  // DuckDB's row ids count the records it kept; skip the structurally rejected ones to find lines.
  const skipped = new Set(structural.map((s) => s.byte));
  let lineOf: (idx: number) => number | null = (idx) => idx + 1;
  if (scan) {
    const kept: number[] = [];
    for (let i = 0; i < scan.records; i++) if (!skipped.has(scan.startByte[i])) kept.push(scan.startLine[i]);
    lineOf = (idx) => kept[idx] ?? null;
  } else if (file.format === 'jsonl') {
    const lines = await scanJsonLines(file.path);
    lineOf = (idx) => lines[idx] ?? null;
  }
  for (const row of rows) rejects.push({ file: file.path, line: lineOf(row.idx), column: row.column, reason: redact(row.reason) });
  return rejects.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

function readError(file: DetectedFile, error: unknown): DataError {
  const text = error instanceof Error ? error.message : String(error);
  const first = text.split('\n')[0].replace(/(Original Line:).*/, '$1 <redacted>');
  if (/magic bytes|too small to be a Parquet/i.test(text)) {
    return new DataError(`${file.path}: not a valid Parquet file; export it again`);
  }
  return new DataError(`${file.path}: DuckDB could not read this file: ${first.replace(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+/g, '<email>')}`);
}
