// Step 1 of ingest: from the detected file to a plan — the column names the reader uses, where
// each canonical column comes from (a header, a config mapping or a preset expression), which
// extra columns are kept as attributes — and the SQL that follows from it: the reader call and
// the SELECT of one text value per canonical column. Pure data in, data out: no database, no
// file access; a plan that cannot work (a required column missing) fails here.
import { ConfigError, DataError } from '../../errors.js';
import { oneOf, quoteIdent, quoteLiteral } from '../../db.js';
import type { DetectedFile } from '../detect.js';
import { canonicalColumn, KIND_SPECS, normaliseName, type ColumnSpec } from '../kinds/index.js';
import type { PresetContext } from '../presets/index.js';
import type { Expressions } from './expressions.js';
import { personalKind, showHeaders } from '../personal.js';
import { nativeColumns } from './native.js';

/** Canonical columns the loaded table always has, beyond the kind's own. */
export const CUSTOMER_KEY = 'customer_key';
/** The email's keyed hash when `identity:` links emails (an internal column, never in a view). */
export const EMAIL_KEY = '_email_key';

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
  /** Typed canonical columns read in the Parquet file's own type (native.ts), not as text. */
  native: Set<string>;
  /** Name columns (dropped as personal data): their words are replaced by <name> in the row's comment. */
  names?: string[];
}

/** Unique, non-empty column names for the reader (DuckDB would rename duplicates silently). */
export function readerColumns(headers: string[], warnings: string[], path: string): string[] {
  const seen = new Map<string, number>();
  const duplicates = new Map<string, number>();
  const names = headers.map((raw, i) => {
    // A header that is personal data (an email as a column name) is read under its position's name,
    // so it never reaches the SQL `journey sql` prints, an attribute name or a message.
    const name = raw === '' || personalKind(raw) ? `column${i + 1}` : raw;
    const key = name.toLowerCase();
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n === 1) return name;
    duplicates.set(name, n);
    return `${name}_${n}`;
  });
  // One line for the file, however many names repeat (a Typeform export repeats several).
  const listed = [...duplicates].map(([name, n]) => personalKind(name)
    ? `a column whose header is personal data (${personalKind(name)}, not shown) appears ${n} times`
    : `"${name}" appears ${n} times (the others are read as ${Array.from({ length: n - 1 }, (_, i) => `"${name}_${i + 2}"`).join(', ')})`);
  if (listed.length === 1 && listed[0].startsWith('a column')) warnings.push(`${path}: ${listed[0]} in the header; the first is used`);
  else if (listed.length === 1) warnings.push(`${path}: column ${listed[0].replace(/ \(the others/, ' in the header; the first is used (the others')}`);
  else if (listed.length > 1) {
    const shown = listed.slice(0, 3).join('; ');
    warnings.push(`${path}: ${listed.length} column names repeat in the header; the first of each is used: ${shown}${listed.length > 3 ? `; and ${listed.length - 3} more` : ''}`);
  }
  return names;
}

/** Headers that hold direct identifiers: never kept as attributes (DESIGN §10, data minimisation). */
/** Headers of people's names: never kept, but read to take the row's own name out of its comment. */
const NAME_HEADER = /(^|[^a-z])((first|last|full|sur|given|family|customer|respondent)[ _-]?)?(name|naam)$|voornaam|achternaam/i;

const PII_HEADER = /(e-?mail|name|phone|telefoon|address|adres|street|straat|zip|postal|postcode|\bip\b|ip_?address|latitude|longitude|card|iban)/i;

export function planColumns(file: DetectedFile, warnings: string[], expressions?: Expressions): ColumnPlan {
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
    const expression = expressions?.columns.get(canonical);
    if (!source && expression !== undefined) {
      present.set(canonical, expression);
      continue;
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
      mapped: (canonical) => present.has(canonical),
    };
    for (const [canonical, expr] of Object.entries(file.preset.columns(ctx))) {
      if (!known.has(canonical)) throw new Error(`preset ${file.preset.id} maps unknown ${file.kind} column ${canonical}`);
      if (!present.has(canonical)) present.set(canonical, expr);
    }
    skip = file.preset.skip?.(ctx);
    collapseBy = file.preset.collapseBy?.(ctx);
  }
  for (const column of Object.keys(file.valueMaps)) {
    if (!known.has(column)) {
      throw new ConfigError(`${file.path}`, [`values.${column}: not a ${file.kind} column; canonical ${file.kind} columns are ${spec.columns.map((c) => c.name).join(', ')}`]);
    }
  }
  if (expressions?.where !== undefined) {
    // Rows the source's `where:` does not keep are skipped, counted and said (never silently gone).
    const notKept = `NOT coalesce((${expressions.where}), false)`;
    skip = skip
      ? { when: `(${skip.when}) OR ${notKept}`, reason: `${skip.reason}, or not kept by where: ${file.where}` }
      : { when: notKept, reason: `not kept by where: ${file.where}` };
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
      // Names starting with "_" are journey's own (_reject, _touchpoint, _stage, _seg_<id>, _file):
      // a header such as "_reject" is kept as "col_reject" and can never take one over.
      const plain = normaliseName(source).replace(/[^a-z0-9_]/g, '_');
      const name = plain.startsWith('_') ? `col${plain}` : plain;
      if (!reserved.has(name) && !extras.some((e) => e.name === name) && /^[a-z_]/.test(name)) extras.push({ source, name });
    }
  }
  const missing = spec.columns.filter((c) => c.required && !present.has(c.name)).map((c) => c.name);
  if (missing.length) {
    throw new DataError(
      `${file.path}: a ${file.kind} export needs column(s) ${missing.join(', ')}; found ${showHeaders(file.headers)}.\n` +
        `  Canonical ${file.kind} columns: ${spec.columns.map((c) => c.name).join(', ')}.\n` +
        `  Map them in journey.yaml, e.g. columns: { ${file.kind}: { ${missing[0]}: "<header in this file>" } }`,
    );
  }
  const names = present.has('comment') && spec.columns.some((c) => c.name === 'comment')
    ? columns.filter((c) => NAME_HEADER.test(c) && !used.has(c) && !canonicalColumn(spec, c)) : [];
  return { columns, present, direct, extras, skip, collapseBy, native: nativeColumns(file, direct), ...(names.length ? { names } : {}) };
}

/** How DuckDB reads the file: the reader call, with or without its rejects tables, and its bound values. */
export interface Reader {
  /** `rejects`: keep DuckDB's rejects tables (off for the sample read that decides formats). */
  sql(rejects: boolean): string;
  params: Record<string, string>;
}

/** The reader for the file at `path` (the original or its normalised copy); every cell is text. */
export function readerFor(file: DetectedFile, plan: ColumnPlan, path: string, index: number): Reader {
  const text = file.format === 'csv' || file.format === 'tsv';
  return {
    sql: (rejects) => readerSql(file, plan.columns, index, rejects),
    params: text ? { path, delim: file.delimiter ?? ',' } : { path },
  };
}

function readerSql(file: DetectedFile, columns: string[], index: number, rejects: boolean): string {
  const struct = `{${columns.map((c) => `${quoteLiteral(c)}: 'VARCHAR'`).join(', ')}}`;
  if (file.format === 'parquet') return 'read_parquet($path)';
  if (file.format === 'jsonl') {
    return file.preset?.nativeTypes
      ? `read_json($path, format = 'newline_delimited')`
      : `read_json($path, format = 'newline_delimited', columns = ${struct})`;
  }
  const errors = rejects
    ? `store_rejects = true, rejects_table = 'rejects_${index}', rejects_scan = 'rejects_scan_${index}'`
    : 'ignore_errors = true';
  return (
    `read_csv($path, header = true, auto_detect = false, delim = $delim, quote = '"', escape = '"', new_line = '\\n',\n` +
    `    columns = ${struct},\n` +
    `    ${errors})`
  );
}

/** Cells that mean "no value" in exports (Dutch `n.v.t.`, `NA`, a dash), compared lower-cased and trimmed. */
export const NULL_MARKERS = ['n.v.t.', 'nvt', 'n.v.t', 'na', 'n/a', '-', '--', 'null', 'none', '#n/a'];

/** SQL: the text, or NULL when it is a null marker (the string work only runs on short cells). */
function nullIfMarker(text: string): string {
  return `CASE WHEN length(${text}) <= 6 AND ${oneOf(`lower(trim(${text}))`, NULL_MARKERS)} THEN NULL ELSE ${text} END`;
}

/**
 * SQL: the text recoded by a config `values:` map, compared lower-cased and trimmed; values the map
 * does not name are kept as written (and checked like any other value).
 */
function recode(text: string, map: Record<string, string | number | null>): string {
  const entries = Object.entries(map);
  if (entries.length === 0) return text;
  const whens = entries.map(([from, to]) =>
    `WHEN ${quoteLiteral(from.trim().toLowerCase())} THEN ${to === null ? 'NULL' : quoteLiteral(String(to))}`);
  return `CASE lower(trim(${text})) ${whens.join(' ')} ELSE ${text} END`;
}

/**
 * The comment with every word (2+ letters) of the row's own name columns replaced by <name>, whole
 * words, any case: a respondent who signs "groet, Jan de Vries" is not quoted by name anywhere.
 */
function withoutNames(comment: string, nameColumns: string[]): string {
  const split = nameColumns.map((c) => `string_split_regex(coalesce(trim(CAST(${quoteIdent(c)} AS VARCHAR)), ''), '[\\s,.]+')`);
  // Words of letters only (no regex characters to escape), without particles such as "de" or "van".
  const words = `list_filter(flatten([${split.join(', ')}]), w -> length(w) >= 2 AND regexp_full_match(w, '[\\p{L}''-]+') ` +
    `AND lower(w) NOT IN ('de', 'van', 'der', 'den', 'het', 'ter', 'ten', 'la', 'le', 'du', 'von', 'el', 'al', 'di', 'da'))`;
  const once = (text: string) =>
    `regexp_replace(${text}, '(?i)(^|[^\\p{L}\\p{N}])(' || array_to_string(${words}, '|') || ')([^\\p{L}\\p{N}]|$)', '\\1<name>\\3', 'g')`;
  // Twice: a match takes the separator after it, so "Piet Klaassen" needs a second pass for "Klaassen".
  return `CASE WHEN len(${words}) = 0 OR ${comment} IS NULL THEN ${comment} ELSE ${once(once(comment))} END`;
}

/** The SELECT producing one text value per canonical column (`<name>__raw`) plus attributes. */
export function rawSelectSql(file: DetectedFile, plan: ColumnPlan, reader: string, limit?: number): string {
  const spec = KIND_SPECS[file.kind];
  const textFormat = file.format === 'csv' || file.format === 'tsv';
  const asText = (canonical: string, expr: string) => {
    // CSV cells are VARCHAR already, empty cells NULL; other readers and preset expressions are cast.
    const isDirect = plan.direct.has(canonical) && textFormat;
    if (plan.native.has(canonical)) return expr;
    // A Parquet text column is read like a CSV cell: as written, empty as NULL. Trimming every
    // value cost 0.6 s of 2.6 s for 10M web events, for a blank no CSV reader removes either.
    const source = plan.direct.get(canonical);
    if (file.format === 'parquet' && source !== undefined && file.sample.types?.[source] === 'VARCHAR') return `nullif(${expr}, '')`;
    return isDirect ? expr : `nullif(trim(CAST((${expr}) AS VARCHAR)), '')`;
  };
  const column = (c: ColumnSpec) => {
    if (!plan.present.has(c.name)) return `NULL::VARCHAR AS ${quoteIdent(`${c.name}__raw`)}`;
    const map = file.valueMaps[c.name];
    const text = map ? recode(asText(c.name, plan.present.get(c.name)!), map) : asText(c.name, plan.present.get(c.name)!);
    // An id that says "no value" (`NA`, `n.v.t.`, `-`) is empty, not a customer called NA.
    const value = c.type === 'text' && c.name.endsWith('_id') ? nullIfMarker(text) : text;
    if (c.name === 'comment' && plan.names) return `${withoutNames(value, plan.names)} AS ${quoteIdent(`${c.name}__raw`)}`;
    return `${value} AS ${quoteIdent(`${c.name}__raw`)}`;
  };
  const extra = (e: { source: string; name: string }) =>
    `${textFormat ? quoteIdent(e.source) : `nullif(CAST(${quoteIdent(e.source)} AS VARCHAR), '')`} AS ${quoteIdent(e.name)}`;
  const skipCol = plan.skip ? [`coalesce(${plan.skip.when}, false) AS _skip`] : [];
  // Whether a `values:` map changed the row's value, counted for `journey validate`.
  const recodes = recodedColumns(file, plan);
  const recodeFlags = recodes.map((name) => {
    const keys = Object.keys(file.valueMaps[name]).map((k) => k.trim().toLowerCase());
    return `coalesce(${oneOf(`lower(trim(${asText(name, plan.present.get(name)!)}))`, keys)}, false) AS ${quoteIdent(recodedFlag(name))}`;
  });
  if (plan.collapseBy) {
    // Several rows per record: each column takes its first non-empty value in file order.
    const first = (sql: string, name: string) => `first(${sql} ORDER BY _rec) FILTER (WHERE ${sql} IS NOT NULL) AS ${quoteIdent(name)}`;
    const inner = [
      `${plan.collapseBy} AS _key`,
      ...spec.columns.map((c) => column(c)),
      ...plan.extras.map(extra),
      ...skipCol,
      ...recodeFlags,
      'row_number() OVER () AS _rec',
    ];
    return [
      `SELECT ${[
        ...spec.columns.map((c) => first(quoteIdent(`${c.name}__raw`), `${c.name}__raw`)),
        ...plan.extras.map((e) => first(quoteIdent(e.name), e.name)),
        ...(plan.skip ? ['bool_and(_skip) AS _skip'] : []),
        ...recodes.map((name) => `bool_or(${quoteIdent(recodedFlag(name))}) AS ${quoteIdent(recodedFlag(name))}`),
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
    ...recodeFlags,
    ...(plan.skip ? ['row_number() OVER () AS _rec'] : []),
  ];
  return `SELECT ${select.join(',\n         ')}\n  FROM ${reader}${limit ? ` LIMIT ${limit}` : ''}`;
}

/** Canonical columns a `values:` map recodes in this file (each gets a `_recoded_<name>` flag in the loaded table). */
export function recodedColumns(file: DetectedFile, plan: ColumnPlan): string[] {
  return Object.keys(file.valueMaps).filter((name) => plan.present.has(name) && Object.keys(file.valueMaps[name]).length > 0);
}

export const recodedFlag = (name: string) => `_recoded_${name}`;
