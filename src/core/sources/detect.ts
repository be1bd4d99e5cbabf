// Reads just enough of a file to know its columns and dialect, and from the header, its kind.
import { openSync, readSync, closeSync, statSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { DataError } from '../errors.js';
import type { Db } from '../db.js';
import { detectKind, KIND_SPECS, canonicalColumn, type Kind } from './kinds/index.js';
import type { InputFile } from './resolve.js';

export interface DetectedFile extends InputFile {
  kind: Kind;
  headers: string[];
  /** CSV/TSV only. */
  delimiter?: string;
  /** How the kind was decided, for `journey validate`. */
  detectedBy: string;
}

const DELIMITERS = [',', ';', '\t', '|'];

function readHead(path: string, bytes = 65536): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const read = readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, read).toString('utf8').replace(/^\uFEFF/, '');
  } finally {
    closeSync(fd);
  }
}

function firstLine(text: string): string {
  // The header line ends at the first newline outside quotes.
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if ((ch === '\n' || ch === '\r') && !inQuotes) return text.slice(0, i);
  }
  return text;
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let inQuotes = false;
  let count = 0;
  for (const ch of line) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === delimiter && !inQuotes) count++;
  }
  return count;
}

async function readHeaders(file: InputFile, db: Db): Promise<{ headers: string[]; delimiter?: string }> {
  if (file.format === 'parquet') {
    const rows = await db.all<{ column_name: string }>(
      'DESCRIBE SELECT * FROM read_parquet($path)', { path: file.path }, false);
    return { headers: rows.map((r) => r.column_name) };
  }
  const head = readHead(file.path);
  if (file.format === 'jsonl') {
    const line = head.split(/\r?\n/).find((l) => l.trim() !== '');
    if (!line) return { headers: [] };
    try {
      return { headers: Object.keys(JSON.parse(line) as object) };
    } catch {
      throw new DataError(`${file.path}:1: not a JSON object per line (JSON lines); check the file format`);
    }
  }
  const line = firstLine(head);
  const delimiter = file.format === 'tsv'
    ? '\t'
    : DELIMITERS.reduce((best, d) => (countOutsideQuotes(line, d) > countOutsideQuotes(line, best) ? d : best), ',');
  if (line.trim() === '') return { headers: [], delimiter };
  const [headers] = parse(line, { delimiter, relax_quotes: true }) as string[][];
  return { headers: headers.map((h) => h.trim()), delimiter };
}

export async function detectFile(file: InputFile, db: Db): Promise<DetectedFile> {
  if (statSync(file.path).size === 0) {
    throw new DataError(`${file.path} is empty (0 bytes); export it again or leave it out`);
  }
  const { headers, delimiter } = await readHeaders(file, db);
  if (headers.length === 0) {
    throw new DataError(`${file.path} has no header row; the first line must name the columns`);
  }
  if (file.kind) {
    return { ...file, kind: file.kind, headers, delimiter, detectedBy: 'forced (KIND=PATH)' };
  }
  const kind = detectKind(headers);
  if (!kind) {
    const wanted = Object.values(KIND_SPECS)
      .map((s) => `${s.kind}: ${s.columns.filter((c) => c.required).map((c) => c.name).join(', ')}`)
      .join('; ');
    throw new DataError(
      `${file.path}: cannot tell what kind of export this is from its header (${headers.slice(0, 8).join(', ')}${headers.length > 8 ? ', ...' : ''}).\n` +
        `  Required columns per kind — ${wanted}.\n` +
        `  Rename the columns, or force the kind with KIND=PATH (e.g. survey=${file.path}).`,
    );
  }
  const spec = KIND_SPECS[kind];
  const matched = spec.columns.filter((c) => c.required).map((c) => c.name);
  const extra = headers.filter((h) => canonicalColumn(spec, h)).length;
  return { ...file, kind, headers, delimiter, detectedBy: `header has ${matched.join(', ')} (${extra} canonical columns)` };
}
