// Loads one input file into DuckDB with DuckDB's own readers, validates every row against the
// canonical model, and accounts for every record: loaded + rejected = records, or the run stops.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { ConfigError, DataError, JourneyError, redact } from '../errors.js';
import { quoteIdent, quoteLiteral, type Db } from '../db.js';
import type { DetectedFile } from './detect.js';
import { hmacSql } from './keys.js';
import { canonicalColumn, KIND_SPECS, normaliseName, type ColumnSpec, type Kind } from './kinds/index.js';
import { lineOfByte, scanRecords, type RecordScan } from './records.js';
import { candidates, decide, FAMILY_LABEL, isNumberType, isTimeType, typedExpr, type Family } from './formats.js';
import { rewrite, scanBytes, type ByteScan, type Encoding } from './prepass.js';
import type { PresetContext } from './presets/index.js';

export interface Reject {
  file: string;
  /** Physical line in the file (CSV, TSV, JSON lines) or row number (Parquet). */
  line: number | null;
  column: string | null;
  reason: string;
}

export interface LoadedSource {
  path: string;
  /** The full path (`path` may be shown relative to the working directory). */
  absolute: string;
  kind: Kind;
  format: string;
  preset: string | null;
  detectedBy: string;
  /** Table holding every read row; rows with `_reject` set are quarantined (or skipped). */
  table: string;
  records: number;
  rows: number;
  rejected: number;
  rejects: Reject[];
  warnings: string[];
  /** Summary rows and repeated header rows: read, not data, counted here. */
  skipped: number;
  /** Rows folded into another row's record (Shopify line items after the first). */
  merged: number;
  encoding: string;
  /** How the file was read (encoding detected, `sep=` line, preamble), for validate and -v. */
  notes: string[];
  /** Bookkeeping columns of the loaded table that canonical views leave out. */
  internal: string[];
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
  const duplicates = new Map<string, number>();
  const names = headers.map((raw, i) => {
    const name = raw === '' ? `column${i + 1}` : raw;
    const key = name.toLowerCase();
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n === 1) return name;
    duplicates.set(name, n);
    return `${name}_${n}`;
  });
  for (const [name, n] of duplicates) {
    warnings.push(`${path}: column "${name}" appears ${n} times in the header; the first is used, the others are read as ${Array.from({ length: n - 1 }, (_, i) => `"${name}_${i + 2}"`).join(', ')}`);
  }
  return names;
}

/** Headers that hold direct identifiers: never kept as attributes (DESIGN §10, data minimisation). */
const PII_HEADER = /(e-?mail|name|phone|telefoon|address|adres|street|straat|zip|postal|postcode|\bip\b|ip_?address|latitude|longitude|card|iban)/i;

export interface ReaderOptions {
  /** The file DuckDB reads: the original or its normalised copy. */
  path: string;
  /** Keep DuckDB's rejects tables (off for the sample read that decides formats). */
  rejects: boolean;
}

function readerSql(file: DetectedFile, columns: string[], index: number, options: ReaderOptions): string {
  const struct = `{${columns.map((c) => `${quoteLiteral(c)}: 'VARCHAR'`).join(', ')}}`;
  if (file.format === 'parquet') return 'read_parquet($path)';
  if (file.format === 'jsonl') {
    return file.preset?.nativeTypes
      ? `read_json($path, format = 'newline_delimited')`
      : `read_json($path, format = 'newline_delimited', columns = ${struct})`;
  }
  const errors = options.rejects
    ? `store_rejects = true, rejects_table = 'rejects_${index}', rejects_scan = 'rejects_scan_${index}'`
    : 'ignore_errors = true';
  return (
    `read_csv($path, header = true, auto_detect = false, delim = $delim, quote = '"', escape = '"', new_line = '\\n',\n` +
    `    columns = ${struct},\n` +
    `    ${errors})`
  );
}

/** Cells that mean "no value" in exports (Dutch `n.v.t.`, `NA`, a dash): null in typed columns. */
const NULL_MARKERS = ['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'];

/**
 * Whether a raw cell is such a marker. Only asked of cells that did not convert (the typed value
 * is NULL anyway), so the string work stays off the path of the millions of cells that do.
 */
const isMarker = (raw: string) => `lower(trim(${raw})) IN (${NULL_MARKERS.map(quoteLiteral).join(', ')})`;
const isTyped = (c: ColumnSpec) => isTimeType(c.type) || isNumberType(c.type);

function reasonFor(column: ColumnSpec, family: Family | undefined): { when: string; reason: string } | undefined {
  const raw = quoteIdent(`${column.name}__raw`);
  const value = quoteIdent(column.name);
  // Show the offending value only when it is digits and punctuation (a number or a date):
  // text in a wrong column can be a name, an email or free text, which must not reach a report.
  const shown = `CASE WHEN regexp_full_match(${raw}, '[0-9 .,:+/TZ-]{1,40}') THEN '"' || ${raw} || '"' ELSE 'a text value (' || length(${raw}) || ' characters)' END`;
  const decided = family && family !== 'iso' && family !== 'point' ? ` in this column's format, ${FAMILY_LABEL[family]}` : '';
  switch (column.type) {
    case 'timestamp':
      return { when: `${raw} IS NOT NULL AND ${value} IS NULL`, reason: `${shown} || ${quoteLiteral(decided ? ` is not a date-time${decided}` : ' is not a date-time (use ISO 8601, e.g. 2025-03-01 14:30:00)')}` };
    case 'date':
      return { when: `${raw} IS NOT NULL AND ${value} IS NULL`, reason: `${shown} || ${quoteLiteral(decided ? ` is not a date${decided}` : ' is not a date (use YYYY-MM-DD)')}` };
    case 'integer': {
      const [lo, hi] = column.scale ?? [0, Number.MAX_SAFE_INTEGER];
      return {
        when: `${raw} IS NOT NULL AND (${value} IS NULL OR ${value} <> floor(${value}) OR ${value} < ${lo} OR ${value} > ${hi})`,
        reason: `${shown} || ' is not a whole number from ${lo} to ${hi}'`,
      };
    }
    case 'number':
      return column.nonNegative
        ? { when: `${raw} IS NOT NULL AND (${value} IS NULL OR ${value} < 0)`, reason: `${shown} || ${quoteLiteral(` is not a non-negative number${decided}`)}` }
        : { when: `${raw} IS NOT NULL AND ${value} IS NULL`, reason: `${shown} || ${quoteLiteral(decided ? ` is not a number${decided}` : ' is not a number (use a decimal point, e.g. 129.95)')}` };
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

/** Where each canonical column comes from, and which source columns are kept as attributes. */
export interface ColumnPlan {
  columns: string[];
  /** canonical column -> SQL expression over the reader's columns (text or castable). */
  present: Map<string, string>;
  /** canonical columns read straight from one source column: canonical -> source header. */
  direct: Map<string, string>;
  extras: { source: string; name: string }[];
  skip?: { when: string; reason: string };
  collapseBy?: string;
}

export function planColumns(file: DetectedFile, warnings: string[]): ColumnPlan {
  const spec = KIND_SPECS[file.kind];
  const columns = readerColumns(file.headers, warnings, file.path);
  const byLower = new Map<string, string>();
  for (const c of columns) if (!byLower.has(c.toLowerCase())) byLower.set(c.toLowerCase(), c);
  const present = new Map<string, string>();
  const direct = new Map<string, string>();
  const used = new Set<string>();
  const known = new Set(spec.columns.map((c) => c.name));
  for (const [canonical, header] of Object.entries(file.mapping)) {
    const source = byLower.get(header.trim().toLowerCase());
    if (!known.has(canonical)) {
      throw new ConfigError(`${file.path}`, [`columns.${canonical}: not a ${file.kind} column; canonical ${file.kind} columns are ${spec.columns.map((c) => c.name).join(', ')}`]);
    }
    if (!source) {
      throw new ConfigError(`${file.path}`, [`columns.${canonical}: the file has no column "${header}"; its columns are ${columns.join(', ')}`]);
    }
    present.set(canonical, quoteIdent(source));
    direct.set(canonical, source);
    used.add(source);
  }
  let skip: ColumnPlan['skip'];
  let collapseBy: string | undefined;
  if (file.preset) {
    const ctx: PresetContext = {
      sample: file.sample,
      columns,
      col: (name) => {
        const source = byLower.get(name.toLowerCase());
        return source ? quoteIdent(source) : 'NULL';
      },
      has: (name) => byLower.has(name.toLowerCase()),
    };
    for (const [canonical, expr] of Object.entries(file.preset.columns(ctx))) {
      if (!known.has(canonical)) throw new Error(`preset ${file.preset.id} maps unknown ${file.kind} column ${canonical}`);
      if (!present.has(canonical)) present.set(canonical, expr);
    }
    skip = file.preset.skip?.(ctx);
    collapseBy = file.preset.collapseBy?.(ctx);
  }
  const extras: ColumnPlan['extras'] = [];
  const reserved = new Set([...known, CUSTOMER_KEY]);
  const dropped = new Set((file.preset?.dropColumns ?? []).map((h) => h.toLowerCase()));
  for (const source of columns) {
    const canonical = canonicalColumn(spec, source);
    if (canonical && !present.has(canonical)) {
      present.set(canonical, quoteIdent(source));
      direct.set(canonical, source);
    } else if (spec.keepExtraColumns && !used.has(source) && !canonical && !PII_HEADER.test(source) && !dropped.has(source.toLowerCase())) {
      const name = normaliseName(source).replace(/[^a-z0-9_]/g, '_');
      if (!reserved.has(name) && !extras.some((e) => e.name === name) && /^[a-z_]/.test(name)) extras.push({ source, name });
    }
  }
  const missing = spec.columns.filter((c) => c.required && !present.has(c.name)).map((c) => c.name);
  if (missing.length) {
    throw new DataError(
      `${file.path}: a ${file.kind} export needs column(s) ${missing.join(', ')}; found ${file.headers.join(', ')}.\n` +
        `  Canonical ${file.kind} columns: ${spec.columns.map((c) => c.name).join(', ')}.\n` +
        `  Map them in journey.yaml, e.g. columns: { ${file.kind}: { ${missing[0]}: "<header in this file>" } }`,
    );
  }
  return { columns, present, direct, extras, skip, collapseBy };
}

/** The SELECT producing one text value per canonical column (`<name>__raw`) plus attributes. */
function rawSelectSql(file: DetectedFile, plan: ColumnPlan, reader: string, limit?: number): string {
  const spec = KIND_SPECS[file.kind];
  const textFormat = file.format === 'csv' || file.format === 'tsv';
  const asText = (canonical: string, expr: string) => {
    // CSV cells are VARCHAR already, empty cells NULL; other readers and preset expressions are cast.
    const isDirect = plan.direct.has(canonical) && textFormat;
    return isDirect ? expr : `nullif(trim(CAST((${expr}) AS VARCHAR)), '')`;
  };
  const column = (c: ColumnSpec) => {
    if (!plan.present.has(c.name)) return `NULL::VARCHAR AS ${quoteIdent(`${c.name}__raw`)}`;
    let text = asText(c.name, plan.present.get(c.name)!);
    return `${text} AS ${quoteIdent(`${c.name}__raw`)}`;
  };
  const extra = (e: { source: string; name: string }) =>
    `${textFormat ? quoteIdent(e.source) : `nullif(CAST(${quoteIdent(e.source)} AS VARCHAR), '')`} AS ${quoteIdent(e.name)}`;
  const skipCol = plan.skip ? [`coalesce(${plan.skip.when}, false) AS _skip`] : [];
  if (plan.collapseBy) {
    // Several rows per record: each column takes its first non-empty value in file order.
    const first = (sql: string, name: string) => `first(${sql} ORDER BY _rec) FILTER (WHERE ${sql} IS NOT NULL) AS ${quoteIdent(name)}`;
    const inner = [
      `${plan.collapseBy} AS _key`,
      ...spec.columns.map((c) => column(c)),
      ...plan.extras.map(extra),
      ...skipCol,
      'row_number() OVER () AS _rec',
    ];
    return [
      `SELECT ${[
        ...spec.columns.map((c) => first(quoteIdent(`${c.name}__raw`), `${c.name}__raw`)),
        ...plan.extras.map((e) => first(quoteIdent(e.name), e.name)),
        ...(plan.skip ? ['bool_and(_skip) AS _skip'] : []),
        'min(_rec) AS _rec',
        'count(*) AS _records',
      ].join(',\n         ')}`,
      `  FROM (SELECT ${inner.join(',\n               ')}`,
      `        FROM ${reader}${limit ? ` LIMIT ${limit}` : ''})`,
      `  GROUP BY _key`,
    ].join('\n');
  }
  const select = [
    ...spec.columns.map(column),
    ...plan.extras.map(extra),
    ...skipCol,
    ...(plan.skip ? ['row_number() OVER () AS _rec'] : []),
  ];
  return `SELECT ${select.join(',\n         ')}\n  FROM ${reader}${limit ? ` LIMIT ${limit}` : ''}`;
}

/** The CREATE TABLE statement that types and validates one file's raw values. */
function typedTableSql(
  file: DetectedFile, plan: ColumnPlan, table: string, rawSql: string, families: Map<string, Family>,
): string {
  const spec = KIND_SPECS[file.kind];
  const typedSelect = spec.columns.map((c) => {
    const raw = quoteIdent(`${c.name}__raw`);
    return isTimeType(c.type) || isNumberType(c.type)
      ? `${typedExpr(raw, c.type, families.get(c.name))} AS ${quoteIdent(c.name)}`
      : `${raw} AS ${quoteIdent(c.name)}`;
  });
  const checks: { column: string; when: string; reason: string }[] = [];
  if (plan.skip) checks.push({ column: SKIPPED, when: '_skip', reason: quoteLiteral(plan.skip.reason) });
  // A header line in the middle of the data: two exports pasted together.
  const directText = [...plan.direct.entries()].slice(0, 4);
  if (directText.length >= 2 && (file.format === 'csv' || file.format === 'tsv')) {
    checks.push({
      column: REPEATED_HEADER,
      // Nested CASE: only rows whose first cell equals its header name pay for the other comparisons.
      when: directText.reduceRight<string>((inner, [canonical, source], i) => {
        const test = `${quoteIdent(`${canonical}__raw`)} = ${quoteLiteral(source)}`;
        return i === directText.length - 1 ? test : `CASE WHEN ${test} THEN ${inner} ELSE false END`;
      }, ''),
      reason: quoteLiteral('repeated header row (were two exports pasted together?); not data'),
    });
  }
  for (const c of spec.columns) {
    const raw = quoteIdent(`${c.name}__raw`);
    // CASE, not OR/AND: DuckDB then runs the marker test only on the few cells that did not convert.
    const empty = isTyped(c)
      ? `CASE WHEN ${raw} IS NULL THEN true WHEN ${quoteIdent(c.name)} IS NULL THEN ${isMarker(raw)} ELSE false END`
      : `${raw} IS NULL`;
    if (c.required) checks.push({ column: c.name, when: empty, reason: `'required value is empty'` });
  }
  for (const c of spec.columns) {
    const r = reasonFor(c, families.get(c.name));
    if (r && isTyped(c)) r.when = `CASE WHEN ${r.when} THEN NOT ${isMarker(quoteIdent(`${c.name}__raw`))} ELSE false END`;
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
  outColumns.push(...plan.extras.map((e) => quoteIdent(e.name)));
  if (plan.collapseBy) outColumns.push('_rec', '_records');
  else if (plan.skip) outColumns.push('_rec');
  // One CASE for column and reason together: every check (and every typed value it reads) is
  // evaluated once per row, not once per output column — a third of the load time on 10M rows.
  const rejectCase =
    `CASE ${checks.map((c) => `WHEN ${c.when} THEN ${quoteLiteral(`${c.column}${REJECT_SEPARATOR}`)} || ${c.reason}`).join('\n         ')} END`;
  return [
    `CREATE TABLE ${quoteIdent(table)} AS`,
    `WITH raw AS (`,
    `  ${rawSql}`,
    `), typed AS (`,
    `  SELECT raw.*,`,
    `         ${typedSelect.join(',\n         ')}`,
    `  FROM raw`,
    `)`,
    `SELECT ${outColumns.join(',\n       ')},`,
    `       ${rejectCase} AS _reject`,
    `FROM typed`,
  ].join('\n');
}

/**
 * A quarantined row's `_reject` is `<column><separator><reason>`; valid rows have NULL. The
 * separator is the ASCII unit separator, which no column name or reason contains.
 */
const REJECT_SEPARATOR = '\u001f';
const REJECT_COLUMN = "split_part(_reject, chr(31), 1)";
const REJECT_REASON = "split_part(_reject, chr(31), 2)";

/** `_reject` columns that are not rejects: skipped summary rows and repeated headers. */
export const SKIPPED = '(skipped)';
export const REPEATED_HEADER = '(repeated header)';

/** The CREATE TABLE statement that reads, types and validates one file (standard formats). */
export function stagingSql(file: DetectedFile, index: number, warnings: string[] = []): { sql: string; table: string } {
  const plan = planColumns(file, warnings);
  const table = `src_${index}`;
  const reader = readerSql(file, plan.columns, index, { path: file.path, rejects: true });
  return { sql: typedTableSql(file, plan, table, rawSelectSql(file, plan, reader), new Map()), table };
}

const STRUCTURAL: Record<string, string> = {
  'MISSING COLUMNS': 'has fewer fields than the header',
  'TOO MANY COLUMNS': 'has more fields than the header',
  'INVALID ENCODING': 'is not valid UTF-8',
  'LINE SIZE OVER MAXIMUM': 'is longer than the 2 MB line limit',
  CAST: 'has a value that cannot be read',
};

interface Structural { byte: number; type: string; column: string | null }

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

const SAMPLE_ROWS = 20_000;

/**
 * Formats of the typed columns, decided from the data. A sample read shows whether every value
 * is standard (ISO dates, decimal points): then one pass reads the file. Otherwise the raw text
 * is loaded first and each column's format is chosen by counting, over all of its values, which
 * family reads the most of them.
 */
async function decideFormats(
  db: Db, file: DetectedFile, plan: ColumnPlan, readerFor: (rejects: boolean) => string, params: Record<string, string>, index: number,
  warnings: string[],
): Promise<{ families: Map<string, Family>; rawTable?: string }> {
  const spec = KIND_SPECS[file.kind];
  const typed = spec.columns.filter((c) => plan.present.has(c.name) && (isTimeType(c.type) || isNumberType(c.type)));
  const families = new Map<string, Family>();
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
  const sampleSql = `SELECT ${typed.map(other).join(', ')} FROM (${rawSelectSql(file, plan, readerFor(false), SAMPLE_ROWS)})`;
  const [sample] = await db.all<Record<string, number>>(sampleSql, params, false);
  if (typed.every((c) => sample[c.name] === 0)) return { families };
  const rawTable = `raw_${index}`;
  await db.exec(`CREATE TABLE ${quoteIdent(rawTable)} AS ${rawSelectSql(file, plan, readerFor(true))}`, params);
  const parts = typed.flatMap((c) => candidates(c.type).map((family) => {
    const raw = quoteIdent(`${c.name}__raw`);
    return `count(${typedExpr(raw, c.type, family)})::DOUBLE AS ${quoteIdent(`${c.name}:${family}`)}`;
  }));
  const [counts] = await db.all<Record<string, number>>(
    `SELECT count(*)::DOUBLE AS _n, ${parts.join(', ')} FROM ${quoteIdent(rawTable)}`, undefined, false);
  for (const c of typed) {
    const byFamily = Object.fromEntries(candidates(c.type).map((f) => [f, counts[`${c.name}:${f}`]]));
    const { family, ambiguous } = decide(c.type, byFamily, file.delimiter);
    families.set(c.name, family);
    const header = plan.direct.get(c.name) ?? c.name;
    if (family !== 'iso' && family !== 'point') {
      warnings.push(`${file.path}: column "${header}" read as ${FAMILY_LABEL[family]}, decided from all ${byFamily[family]} values`);
    }
    if (ambiguous) {
      warnings.push(
        `${file.path}: column "${header}" is ambiguous (every value also reads as ` +
          `${candidates(c.type).filter((f) => f !== family && byFamily[f] === byFamily[family]).map((f) => FAMILY_LABEL[f]).join(' or ')}); ` +
          `read as ${FAMILY_LABEL[family]}. If that is wrong, export the column as ISO dates (YYYY-MM-DD) or with a decimal point.`,
      );
    }
  }
  return { families, rawTable };
}

export interface LoadOptions {
  /** Fail when more than this share of a file's records is rejected (DESIGN §6, exit 65). */
  maxRejectRate?: number;
}

export async function loadSource(db: Db, file: DetectedFile, index: number, options: LoadOptions = {}): Promise<LoadedSource> {
  try {
    return await loadOnce(db, file, index, file.rewrite, options);
  } catch (error) {
    if (!(error instanceof Retry)) throw error;
    // The head looked clean but the whole file is not (a CR, NUL or Windows-1252 byte further
    // down): read it again through the normalising pre-pass.
    await db.exec(`DROP TABLE IF EXISTS src_${index}`, undefined, false);
    await db.exec(`DROP TABLE IF EXISTS raw_${index}`, undefined, false);
    return loadOnce(db, { ...file, encoding: error.encoding ?? file.encoding, rewrite: true }, index, true, options);
  }
}

class Retry extends Error {
  constructor(readonly encoding?: Encoding) {
    super('retry through the pre-pass');
  }
}

async function loadOnce(db: Db, file: DetectedFile, index: number, rewriting: boolean, options: LoadOptions): Promise<LoadedSource> {
  const warnings: string[] = [];
  const notes = [...file.notes];
  const plan = planColumns(file, warnings);
  const text = file.format === 'csv' || file.format === 'tsv';
  let readPath = file.path;
  let lineOffset = 0;
  /** Lines left out after the first table (presets with `singleTable`). */
  let cut = 0;
  if (rewriting && file.format !== 'parquet') {
    readPath = db.tempPath(`input_${index}.${text ? 'csv' : 'jsonl'}`);
    const headerLine = text ? plan.columns.map((c) => `"${c.replace(/"/g, '""').replace(/[\r\n]+/g, ' ')}"`).join(file.delimiter ?? ',') : null;
    const { nuls, cutLines } = await rewrite(file.path, readPath, {
      encoding: file.encoding, dropBytes: text ? file.dataStartBytes : 0, headerLine, cutAtComment: text && Boolean(file.preset?.singleTable),
    });
    if (nuls) warnings.push(`${file.path}: ${nuls} NUL byte(s) removed`);
    cut = cutLines;
    if (cut) {
      warnings.push(`${file.path}: this download holds more than one table; only the first is read, the ${cut} line(s) from the next "#" block on are skipped (download each report on its own)`);
    }
    lineOffset = text ? file.lineOffset : 0;
  }
  const table = `src_${index}`;
  const params: Record<string, string> = text ? { path: readPath, delim: file.delimiter ?? ',' } : { path: readPath };
  const readerFor = (rejects: boolean) => readerSql(file, plan.columns, index, { path: readPath, rejects });
  // The independent line count (and, for a file read as is, the check that the head told the
  // truth about encoding and line endings) runs in JS while DuckDB reads on its own threads.
  const scanning = file.format === 'parquet' ? Promise.resolve(undefined) : scanBytes(readPath);
  let families: Map<string, Family>;
  try {
    const decided = await decideFormats(db, file, plan, readerFor, params, index, warnings);
    families = decided.families;
    const rawSql = decided.rawTable ? `SELECT * FROM ${quoteIdent(decided.rawTable)}` : rawSelectSql(file, plan, readerFor(true));
    await db.exec(typedTableSql(file, plan, table, rawSql, families), decided.rawTable ? undefined : params);
    if (decided.rawTable) await db.exec(`DROP TABLE ${quoteIdent(decided.rawTable)}`, undefined, false);
  } catch (error) {
    const bytes = await scanning.catch(() => undefined);
    if (!rewriting && bytes && needsPrepass(bytes, file)) throw new Retry(encodingAfterScan(bytes, file));
    throw readError(file, error);
  }
  const bytes = await scanning;
  if (!rewriting && bytes && needsPrepass(bytes, file)) throw new Retry(encodingAfterScan(bytes, file));
  const [counts] = await db.all<{ rows: number; read: number; rejected: number; skipped: number; repeated: number }>(
    `SELECT count(*)::DOUBLE AS rows,
            ${plan.collapseBy ? 'coalesce(sum(_records), 0)' : 'count(*)'}::DOUBLE AS read,
            count(*) FILTER (WHERE _reject IS NOT NULL AND ${REJECT_COLUMN} NOT IN ('${SKIPPED}', '${REPEATED_HEADER}'))::DOUBLE AS rejected,
            count(*) FILTER (WHERE ${REJECT_COLUMN} = '${SKIPPED}')::DOUBLE AS skipped,
            count(*) FILTER (WHERE ${REJECT_COLUMN} = '${REPEATED_HEADER}')::DOUBLE AS repeated
     FROM ${quoteIdent(table)}`, undefined, false);
  const structural = text
    ? await db.all<Structural>(
      `SELECT line_byte_position::DOUBLE AS byte, any_value(error_type) AS type, any_value(column_name) AS "column"
       FROM rejects_${index} GROUP BY line_byte_position ORDER BY line_byte_position`, undefined, false)
    : [];
  let records = file.format === 'parquet'
    ? (await db.all<{ n: number }>('SELECT sum(num_rows)::DOUBLE AS n FROM parquet_file_metadata($path)', { path: file.path }, false))[0].n
    : file.format === 'jsonl' ? (await scanJsonLines(readPath)).length : bytes!.lines - 1;
  let scan: RecordScan | undefined;
  const accounted = counts.read + structural.length;
  const needScan = text && (records !== accounted || counts.rejected > 0 || counts.skipped > 0 || counts.repeated > 0 || structural.length > 0);
  if (needScan) {
    scan = await scanRecords(readPath, true);
    records = scan.records;
  }
  const lineAt = (line: number | null) => (line === null ? null : line + lineOffset);
  const unquoted = structural.find((s) => s.type === 'UNQUOTED VALUE');
  if (unquoted) {
    const line = scan ? lineAt(lineOfByte(scan, unquoted.byte)) : null;
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
  const rejects = await collectRejects(db, file, table, structural, scan, plan, lineAt, readPath);
  records += cut;
  const merged = counts.read - counts.rows;
  const loaded = counts.rows - counts.rejected - counts.skipped - counts.repeated;
  if (counts.skipped) warnings.push(`${file.path}: ${counts.skipped} row(s) skipped: ${plan.skip?.reason ?? 'not records'}`);
  if (counts.repeated) {
    const lines = rejects.filter((r) => r.column === REPEATED_HEADER).map((r) => r.line).join(', ');
    warnings.push(`${file.path}: ${counts.repeated} repeated header row(s) dropped (line ${lines}); were two exports pasted together?`);
  }
  if (merged > 0 && file.preset?.collapseNouns) {
    const [many, one] = file.preset.collapseNouns;
    warnings.push(`${file.path}: ${counts.read} ${many} collapsed into ${counts.rows} ${one}`);
  }
  const rejected = counts.rejected + structural.length;
  if (options.maxRejectRate !== undefined && records > 0 && rejected / records > options.maxRejectRate) {
    const shown = rejects.filter((r) => r.column !== REPEATED_HEADER).slice(0, 3).map((r) => `  ${r.file}:${r.line ?? '?'}${r.column ? ` ${r.column}` : ''}: ${r.reason}`);
    throw new DataError(
      `${file.path}: ${rejected} of ${records} records rejected (${(100 * rejected / records).toFixed(1)}%), ` +
        `above --max-reject-rate ${(100 * options.maxRejectRate).toFixed(1)}%.\n${shown.join('\n')}\n` +
        `  See them all with: journey validate ${file.path} --rejects rejects.csv`,
    );
  }
  return {
    path: file.path,
    absolute: file.path,
    kind: file.kind,
    format: file.format,
    preset: file.preset?.id ?? null,
    detectedBy: file.detectedBy,
    table,
    records,
    rows: loaded,
    rejected,
    skipped: counts.skipped + counts.repeated + cut,
    merged,
    encoding: file.encoding,
    notes,
    rejects: rejects.filter((r) => r.column !== REPEATED_HEADER),
    warnings,
    internal: plan.collapseBy ? ['_rec', '_records'] : plan.skip ? ['_rec'] : [],
  };
}

/** Whether the whole file shows what its head did not: the head's encoding stands when forced. */
const looksWindows1252 = (bytes: ByteScan, file: DetectedFile) =>
  !file.encoding.startsWith('utf-16') && file.encodingReason !== 'set in the config' && bytes.invalid > 0 && bytes.multibyte === 0;

function needsPrepass(bytes: ByteScan, file: DetectedFile): boolean {
  return bytes.hasCR || bytes.hasNul || looksWindows1252(bytes, file);
}

function encodingAfterScan(bytes: ByteScan, file: DetectedFile): Encoding {
  return looksWindows1252(bytes, file) ? 'windows-1252' : file.encoding;
}

async function collectRejects(
  db: Db, file: DetectedFile, table: string, structural: Structural[], scan: RecordScan | undefined, plan: ColumnPlan,
  lineAt: (line: number | null) => number | null, readPath: string,
): Promise<Reject[]> {
  const rejects: Reject[] = structural.map((s) => ({
    file: file.path,
    line: lineAt(scan ? lineOfByte(scan, s.byte) : null),
    column: null,
    reason: `line ${STRUCTURAL[s.type] ?? s.type.toLowerCase()}${s.type === 'MISSING COLUMNS' || s.type === 'TOO MANY COLUMNS' ? ` (${plan.columns.length} columns)` : ''}`,
  }));
  const rows = await db.all<{ idx: number; column: string; reason: string }>(
    `SELECT ${plan.collapseBy || plan.skip ? '_rec - 1' : 'rowid'}::DOUBLE AS idx, ${REJECT_COLUMN} AS "column", ${REJECT_REASON} AS reason
     FROM ${quoteIdent(table)} WHERE _reject IS NOT NULL AND ${REJECT_COLUMN} <> '${SKIPPED}' ORDER BY idx`, undefined, false);
  if (rows.length === 0) return rejects;
  // DuckDB's row ids count the records it kept; skip the structurally rejected ones to find lines.
  const skipped = new Set(structural.map((s) => s.byte));
  let lineOf: (idx: number) => number | null = (idx) => idx + 1;
  if (scan) {
    const kept: number[] = [];
    for (let i = 0; i < scan.records; i++) if (!skipped.has(scan.startByte[i])) kept.push(scan.startLine[i]);
    lineOf = (idx) => lineAt(kept[idx] ?? null);
  } else if (file.format === 'jsonl') {
    const lines = await scanJsonLines(readPath);
    lineOf = (idx) => lines[idx] ?? null;
  }
  for (const row of rows) rejects.push({ file: file.path, line: lineOf(row.idx), column: row.column, reason: redact(row.reason) });
  return rejects.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

function readError(file: DetectedFile, error: unknown): Error {
  if (error instanceof JourneyError) return error;
  const text = error instanceof Error ? error.message : String(error);
  const first = text.split('\n')[0].replace(/(Original Line:).*/, '$1 <redacted>');
  if (/magic bytes|too small to be a Parquet/i.test(text)) {
    return new DataError(`${file.path}: not a valid Parquet file; export it again`);
  }
  if (/INTERRUPT/i.test(text)) return error as Error;
  return new DataError(`${file.path}: DuckDB could not read this file: ${first.replace(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+/g, '<email>')}`);
}
