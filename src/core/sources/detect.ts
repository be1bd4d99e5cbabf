// Reads just enough of a file to know its encoding, dialect, header and — from the header — its
// kind and vendor preset. Nothing here reads a whole file.
import { say } from '../messages.js';
import { statSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { DataError } from '../errors.js';
import type { Db } from '../db.js';
import { detectKind, KIND_SPECS, canonicalColumn, type Kind } from './kinds/index.js';
import { detectPreset, presetById, PRESETS, type HeadSample, type Preset } from './presets/index.js';
import { readHead, type Encoding } from './prepass.js';
import type { InputFile } from './resolve.js';

export interface DetectedFile extends InputFile {
  kind: Kind;
  /** Column names the reader uses (a preset may build them from several header rows). */
  headers: string[];
  /** CSV/TSV only. */
  delimiter?: string;
  /** How the kind was decided, for `journey validate`. */
  detectedBy: string;
  preset?: Preset;
  sample: HeadSample;
  encoding: Encoding;
  encodingReason: string;
  /** Whether DuckDB must read a normalised copy (encoding, line endings, preamble, header rows). */
  rewrite: boolean;
  /** Bytes of normalised text before the first data record (preamble and header rows). */
  dataStartBytes: number;
  /** Physical lines before the first data record, minus the one header line a reader skips. */
  lineOffset: number;
  /** Informational notes for `-v`: encoding, `sep=` line, preamble. */
  notes: string[];
  /** Config `columns:` for this file: canonical column -> header (or an expression over the headers). */
  mapping: Record<string, string>;
  /** Config `values:` for this file (kind-wide, then the source's own): column -> value -> meant. */
  valueMaps: Record<string, Record<string, string | number | null>>;
}

const DELIMITERS = [',', ';', '\t', '|'];
const MAX_SAMPLE_RECORDS = 50;

function countOutsideQuotes(line: string, delimiter: string): number {
  let inQuotes = false;
  let count = 0;
  for (const ch of line) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === delimiter && !inQuotes) count++;
  }
  return count;
}

/** [start, end) of each non-blank record in `text` from `from`, ending at a newline outside quotes. */
function recordSpans(text: string, from: number, complete: boolean, max: number): [number, number][] {
  const spans: [number, number][] = [];
  let inQuotes = false;
  let start = from;
  for (let i = from; i < text.length && spans.length < max; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === '\n' && !inQuotes) {
      if (text.slice(start, i).trim() !== '') spans.push([start, i]);
      start = i + 1;
    }
  }
  if (complete && spans.length < max && text.slice(start).trim() !== '' && !inQuotes) spans.push([start, text.length]);
  return spans;
}

interface CsvHead {
  sample: HeadSample;
  delimiter: string;
  spans: [number, number][];
  text: string;
  notes: string[];
}

function csvHead(file: InputFile, text: string, complete: boolean): CsvHead {
  const notes: string[] = [];
  const preamble: string[] = [];
  let at = 0;
  let hint: string | undefined;
  // Lines before the header: an Excel `sep=;` hint, `#` comment lines (GA4), blank lines.
  for (;;) {
    const end = text.indexOf('\n', at);
    const line = text.slice(at, end === -1 ? text.length : end);
    const sep = /^"?sep=(.)"?[,;\t|]*$/i.exec(line.trim());
    if (sep && preamble.length === 0 && hint === undefined) {
      hint = sep[1];
      notes.push(`Excel "sep=${hint}" line honoured`);
    } else if ((line.startsWith('#') && !/^#[,;\t|]/.test(line)) || (line.trim() === '' && end !== -1)) {
      // `#,...` is not a comment but a header: Typeform names its first column `#`.
      preamble.push(line);
    } else break;
    if (end === -1) {
      at = text.length;
      break;
    }
    at = end + 1;
  }
  if (preamble.some((l) => l.trim() !== '')) notes.push(`skipped ${preamble.filter((l) => l.trim() !== '').length} preamble line(s) starting with #`);
  const firstEnd = recordSpans(text, at, complete, 1)[0]?.[1] ?? text.length;
  const first = text.slice(at, firstEnd);
  const delimiter = hint ?? (file.format === 'tsv'
    ? '\t'
    : DELIMITERS.reduce((best, d) => (countOutsideQuotes(first, d) > countOutsideQuotes(first, best) ? d : best), ','));
  const spans = recordSpans(text, at, complete, MAX_SAMPLE_RECORDS);
  const rows = spans.map(([s, e]) => {
    const parsed = parse(text.slice(s, e), { delimiter, relax_quotes: true, relax_column_count: true }) as string[][];
    return parsed[0] ?? [];
  });
  if (rows.length) rows[0] = rows[0].map((h) => h.trim());
  return { sample: { path: file.path, format: file.format, rows, preamble }, delimiter, spans, text, notes };
}

async function describe(db: Db, reader: string, path: string): Promise<{ names: string[]; types: Record<string, string> }> {
  const rows = await db.all<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM ${reader}`, { path }, false);
  return { names: rows.map((r) => r.column_name), types: Object.fromEntries(rows.map((r) => [r.column_name, r.column_type])) };
}

function forcedPreset(file: InputFile): Preset | undefined {
  if (!file.presetId) return undefined;
  const preset = presetById(file.presetId);
  if (!preset) {
    throw new DataError(`${file.path}: unknown preset "${file.presetId}"; known presets: ${PRESETS.map((p) => p.id).join(', ') || '(none)'}`);
  }
  return preset;
}

/** Config `columns:` per kind (canonical column -> header), applied to every file of that kind. */
export type KindColumns = Partial<Record<Kind, Record<string, string>>>;

/** The kind whose required columns the header has, directly or through the config's mapping. */
function kindOf(headers: string[], kindColumns: KindColumns): Kind | undefined {
  const present = new Set(headers.map((h) => h.trim().toLowerCase()));
  const mapped = Object.entries(kindColumns).flatMap(([, map]) =>
    Object.entries(map ?? {}).filter(([, header]) => present.has(header.trim().toLowerCase())).map(([canonical]) => canonical));
  return detectKind([...headers, ...mapped]);
}

/** A file whose header fits no preset and no kind: fatal when named, skipped when found in a folder. */
export class UnrecognisedFile extends DataError {}

/** Config `values:` per kind: canonical column -> value in the file -> value meant. */
export type KindValues = Partial<Record<Kind, Record<string, Record<string, string | number | null>>>>;

export async function detectFile(file: InputFile, db: Db, kindColumns: KindColumns = {}, kindValues: KindValues = {}): Promise<DetectedFile> {
  if (statSync(file.path).size === 0) {
    throw new DataError(`${file.path} is empty (0 bytes); export it again or leave it out`);
  }
  let sample: HeadSample;
  let delimiter: string | undefined;
  let encoding: Encoding = 'utf-8';
  let encodingReason = 'binary format';
  let csv: CsvHead | undefined;
  const notes: string[] = [];
  let hasCR = false;
  let hasNul = false;
  if (file.format === 'parquet') {
    const { names, types } = await describe(db, 'read_parquet($path)', file.path);
    sample = { path: file.path, format: file.format, rows: [names], types, preamble: [] };
  } else {
    const head = readHead(file.path, file.encoding);
    ({ encoding, encodingReason, hasCR, hasNul } = head);
    if (encoding !== 'utf-8') notes.push(`encoding ${encoding} (${encodingReason})`);
    if (file.format === 'jsonl') {
      const line = head.text.split('\n').find((l) => l.trim() !== '');
      if (!line) throw new DataError(`${file.path} has no records (only blank lines); export it again or leave it out`);
      let keys: string[];
      try {
        keys = Object.keys(JSON.parse(line) as object);
      } catch {
        throw new DataError(`${file.path}:1: not a JSON object per line (JSON lines); check the file format`);
      }
      sample = { path: file.path, format: file.format, rows: [keys], preamble: [] };
      if (encoding === 'utf-8' || encoding === 'utf-8-bom') {
        // Types only help presets recognise nested exports; a malformed file fails later, at the
        // read, with its own message.
        sample.types = await describe(db, "read_json($path, format = 'newline_delimited')", file.path)
          .then((d) => d.types, () => undefined);
      }
    } else {
      csv = csvHead(file, head.text, head.complete);
      sample = csv.sample;
      delimiter = csv.delimiter;
      notes.push(...csv.notes);
      if (sample.rows.length === 0) {
        throw new DataError(`${file.path} has no header row (only blank lines or a preamble); the first line must name the columns`);
      }
    }
  }
  const found = forcedPreset(file);
  const detected = found
    ? { preset: found, reason: 'set in the config' }
    : detectPreset(sample);
  const preset = detected && (!file.kind || detected.preset.kind === file.kind) ? detected.preset : undefined;
  let headers = sample.rows[0] ?? [];
  let extraRows = 0;
  if (preset && csv) {
    extraRows = preset.extraHeaderRows?.(sample) ?? 0;
    headers = preset.columnNames?.(sample) ?? headers;
  }
  if (headers.length === 0) {
    throw new DataError(`${file.path} has no header row; the first line must name the columns`);
  }
  let dataStartBytes = 0;
  let lineOffset = 0;
  if (csv) {
    const headerSpan = csv.spans[extraRows];
    if (!headerSpan && csv.spans.length <= extraRows && !(extraRows === 0)) {
      throw new DataError(`${file.path}: the header rows of this ${preset?.label ?? ''} export are incomplete; export it again`);
    }
    const end = headerSpan ? headerSpan[1] : csv.text.length;
    const dataStart = Math.min(end + 1, csv.text.length);
    dataStartBytes = Buffer.byteLength(csv.text.slice(0, dataStart), 'utf8');
    let newlines = 0;
    for (let i = 0; i < dataStart; i++) if (csv.text.charCodeAt(i) === 10) newlines++;
    lineOffset = newlines - 1;
  }
  const rewrite = file.format !== 'parquet' && (
    (encoding !== 'utf-8' && encoding !== 'utf-8-bom') ||
    (csv !== undefined && (hasCR || hasNul || sample.preamble.length > 0 || extraRows > 0 || notes.some((n) => n.startsWith('Excel')) ||
      Boolean(preset?.singleTable)))
  );
  if (!rewrite) lineOffset = 0;
  const { presetId: _forced, encoding: _encoding, ...input } = file;
  const base = { ...input, headers, delimiter, sample, encoding, encodingReason, rewrite, dataStartBytes, lineOffset, notes };
  const mappingFor = (kind: Kind) => ({ ...(kindColumns[kind] ?? {}), ...(file.columns ?? {}) });
  const valuesFor = (kind: Kind) => {
    const out: DetectedFile['valueMaps'] = {};
    for (const maps of [kindValues[kind] ?? {}, file.values ?? {}]) {
      for (const [column, map] of Object.entries(maps)) out[column] = { ...(out[column] ?? {}), ...map };
    }
    return out;
  };
  if (preset) {
    return { ...base, kind: preset.kind, preset, mapping: mappingFor(preset.kind), valueMaps: valuesFor(preset.kind), detectedBy: `preset ${preset.id} (${preset.label}): ${detected!.reason}` };
  }
  if (file.kind) {
    return { ...base, kind: file.kind, mapping: mappingFor(file.kind), valueMaps: valuesFor(file.kind), detectedBy: say(file.columns ? 'detectedForcedColumns' : 'detectedForced') };
  }
  const kind = kindOf(headers, kindColumns);
  if (!kind) {
    const wanted = Object.values(KIND_SPECS)
      .map((s) => `  ${s.kind}: ${s.columns.filter((c) => c.required).map((c) => c.name).join(', ')} (optional: ${s.columns.filter((c) => !c.required).map((c) => c.name).join(', ')})`)
      .join('\n');
    throw new UnrecognisedFile(
      `${file.path}: cannot tell what kind of export this is from its header (${headers.length} column${headers.length === 1 ? '' : 's'}; not printed: an unrecognised file may not be an export at all, and its first line may be personal data or a secret).\n` +
        `  It matches no vendor preset (${PRESETS.map((p) => p.id).join(', ') || 'none registered'}) and lacks the required canonical columns:\n${wanted}\n` +
        `  Rename the columns, or map them in journey.yaml, e.g.\n` +
        `    sources:\n      - path: ${file.path}\n        kind: survey\n        columns: { response_id: "Response ID", submitted_at: "Date", nps: "How likely..." }`,
    );
  }
  const spec = KIND_SPECS[kind];
  const matched = spec.columns.filter((c) => c.required).map((c) => c.name);
  const extra = headers.filter((h) => canonicalColumn(spec, h)).length;
  return { ...base, kind, mapping: mappingFor(kind), valueMaps: valuesFor(kind), detectedBy: say('detectedHeader', { matched: matched.join(', '), count: extra }) };
}
