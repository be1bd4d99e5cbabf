// Step 4 of ingest: every record of the file is loaded, rejected, skipped or merged, checked
// against an independent count of the records (DESIGN §8, docs/ingest.md §4). Collects the rejects
// with their physical lines, says what was skipped or merged, and stops the run on a quote that is
// never closed, on counts that do not add up, or on a reject rate above --max-reject-rate.
import { say, type MessageCode } from '../../messages.js';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { DataError, redact } from '../../errors.js';
import { quoteIdent, type Db } from '../../db.js';
import type { DetectedFile } from '../detect.js';
import type { ByteScan } from '../prepass.js';
import { lineOfByte, scanJsonLines, scanRecords, type RecordScan } from '../records.js';
import { DUPLICATE, MERGED, NOT_REJECTS, REJECT_COLUMN, REJECT_REASON, REPEATED_HEADER, SKIPPED } from './checks.js';
import type { Input } from './input.js';
import type { ColumnPlan } from './plan.js';
import type { Reject } from './types.js';

export interface Accounting {
  records: number;
  loaded: number;
  rejected: number;
  /** Summary rows, repeated header rows and the lines of a second table. */
  skipped: number;
  merged: number;
  rejects: Reject[];
}

/** The reason of each kind of structural reject (core/messages.ts; the field counts get the header's). */
const STRUCTURAL: Record<string, MessageCode> = {
  'MISSING COLUMNS': 'lineFewer',
  'TOO MANY COLUMNS': 'lineMore',
  'INVALID ENCODING': 'lineEncoding',
  'LINE SIZE OVER MAXIMUM': 'lineTooLong',
  CAST: 'lineCast',
  'TEXT AFTER QUOTE': 'lineTextAfterQuote',
  'CUT OFF': 'lineCutOff',
};

/** A record DuckDB's CSV reader refused (its rejects table): where it starts and why. */
interface Structural { byte: number; type: string; column: string | null }

export async function accountFor(
  db: Db, file: DetectedFile, plan: ColumnPlan, table: string, index: number, input: Input, bytes: ByteScan | undefined,
  maxRejectRate: number | undefined, warnings: string[],
): Promise<Accounting> {
  const text = file.format === 'csv' || file.format === 'tsv';
  const [counts] = await db.all<{ rows: number; read: number; rejected: number; skipped: number; repeated: number; folded: number; duplicates: number }>(
    `SELECT count(*)::DOUBLE AS rows,
            ${plan.collapseBy ? 'coalesce(sum(_records), 0)' : 'count(*)'}::DOUBLE AS read,
            count(*) FILTER (WHERE _reject IS NOT NULL AND ${REJECT_COLUMN} NOT IN (${NOT_REJECTS.map((m) => `'${m}'`).join(', ')}))::DOUBLE AS rejected,
            count(*) FILTER (WHERE ${REJECT_COLUMN} = '${SKIPPED}')::DOUBLE AS skipped,
            count(*) FILTER (WHERE ${REJECT_COLUMN} = '${REPEATED_HEADER}')::DOUBLE AS repeated,
            count(*) FILTER (WHERE ${REJECT_COLUMN} = '${MERGED}')::DOUBLE AS folded,
            count(*) FILTER (WHERE ${REJECT_COLUMN} = '${DUPLICATE}')::DOUBLE AS duplicates
     FROM ${quoteIdent(table)}`, undefined, false);
  const structural = text
    ? await db.all<Structural>(
      `SELECT line_byte_position::DOUBLE AS byte, any_value(error_type) AS type, any_value(column_name) AS "column"
       FROM rejects_${index} GROUP BY line_byte_position ORDER BY line_byte_position`, undefined, false)
    : [];
  let records = file.format === 'parquet'
    ? (await db.all<{ n: number }>('SELECT sum(num_rows)::DOUBLE AS n FROM parquet_file_metadata($path)', { path: file.path }, false))[0].n
    : file.format === 'jsonl' ? (await scanJsonLines(input.path)).length : bytes!.lines - 1;
  let scan: RecordScan | undefined;
  const accounted = counts.read + structural.length;
  const needScan = text && (records !== accounted || counts.rejected > 0 || counts.skipped > 0 || counts.repeated > 0 || structural.length > 0);
  if (needScan) {
    scan = await scanRecords(input.path, true);
    records = scan.records;
  }
  const lineAt = (line: number | null) => (line === null ? null : line + input.lineOffset);
  // Text after a closing quote on the same record (`"he said "hi" there"`): the record's quotes
  // balance, so nothing is swallowed — that record is a reject with the right reason, not a fatal file.
  if (scan && records === accounted) {
    for (const s of structural) if (s.type === 'UNQUOTED VALUE' && quotesBalance(input.path, scan, s.byte)) s.type = 'TEXT AFTER QUOTE';
  }
  let unquoted = structural.find((s) => s.type === 'UNQUOTED VALUE');
  if (unquoted && scan && scan.records > 0 && unquoted.byte >= scan.startByte[scan.records - 1] && records === accounted &&
    structural.filter((s) => s.type === 'UNQUOTED VALUE').length === 1 && !endsWithNewline(input.path)) {
    // The quote opens in the file's last record and the file stops inside it, mid-line: an export
    // cut off while it was written. Only that record is lost — a reject at its line — not the file.
    // A quote left open earlier swallows whole lines up to a final line break: that stays fatal.
    warnings.push(say('cutOff', { path: file.path }));
    unquoted.type = 'CUT OFF';
    unquoted = undefined;
  }
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
  const rejects = await collectRejects(db, file, table, structural, scan, plan, lineAt, input.path);
  records += input.cut;
  // Order lines folded after the load (ingest/duplicates.ts) stay in the table as marked rows.
  const merged = counts.read - counts.rows + counts.folded;
  const loaded = counts.rows - counts.rejected - counts.skipped - counts.repeated - counts.folded - counts.duplicates;
  if (counts.skipped) warnings.push(say('rowsSkipped', { path: file.path, count: counts.skipped, reason: plan.skip?.reason ?? 'not records' }));
  if (counts.repeated) {
    const lines = rejects.filter((r) => r.column === REPEATED_HEADER).map((r) => r.line).join(', ');
    warnings.push(say('repeatedHeaders', { path: file.path, count: counts.repeated, lines }));
  }
  if (merged > 0 && file.preset?.collapseNouns) {
    const [many, one] = file.preset.collapseNouns;
    warnings.push(`${file.path}: ${counts.read} ${many} collapsed into ${counts.rows} ${one}`);
  }
  const rejected = counts.rejected + structural.length;
  if (maxRejectRate !== undefined && records > 0 && rejected / records > maxRejectRate) {
    const shown = rejects.filter((r) => r.column !== REPEATED_HEADER).slice(0, 3).map((r) => `  ${r.file}:${r.line ?? '?'}${r.column ? ` ${r.column}` : ''}: ${r.reason}`);
    throw new DataError(
      `${file.path}: ${rejected} of ${records} records rejected (${(100 * rejected / records).toFixed(1)}%), ` +
        `above --max-reject-rate ${(100 * maxRejectRate).toFixed(1)}%.\n${shown.join('\n')}\n` +
        `  See them all with: journey validate ${file.path} --rejects rejects.csv`,
    );
  }
  return {
    records,
    loaded,
    rejected,
    skipped: counts.skipped + counts.repeated + counts.duplicates + input.cut,
    merged,
    rejects: rejects.filter((r) => r.column !== REPEATED_HEADER),
  };
}

/** Whether the record holding `byte` has an even number of quotes (at most its first 2 MB are read). */
function quotesBalance(path: string, scan: RecordScan, byte: number): boolean {
  let i = 0;
  while (i + 1 < scan.records && scan.startByte[i + 1] <= byte) i++;
  const start = scan.startByte[i];
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const end = Math.min(i + 1 < scan.records ? scan.startByte[i + 1] : size, start + 2 * 1024 * 1024);
    const buf = Buffer.alloc(Math.max(0, end - start));
    readSync(fd, buf, 0, buf.length, start);
    let quotes = 0;
    for (const b of buf) if (b === 0x22) quotes++;
    return quotes % 2 === 0;
  } finally {
    closeSync(fd);
  }
}

/** Whether the file's last byte is a line break (a file cut off mid-write does not end with one). */
function endsWithNewline(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return true;
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] === 0x0a || last[0] === 0x0d;
  } finally {
    closeSync(fd);
  }
}

/** Structural rejects and failed checks, each at its physical line, in file order. */
async function collectRejects(
  db: Db, file: DetectedFile, table: string, structural: Structural[], scan: RecordScan | undefined, plan: ColumnPlan,
  lineAt: (line: number | null) => number | null, readPath: string,
): Promise<Reject[]> {
  const rejects: Reject[] = structural.map((s) => ({
    file: file.path,
    line: lineAt(scan ? lineOfByte(scan, s.byte) : null),
    column: null,
    reason: STRUCTURAL[s.type] ? say(STRUCTURAL[s.type]!, { count: plan.columns.length }) : `line ${s.type.toLowerCase()}`,
  }));
  const rows = await db.all<{ idx: number; column: string; reason: string }>(
    `SELECT ${plan.collapseBy || plan.skip ? '_rec - 1' : 'rowid'}::DOUBLE AS idx, ${REJECT_COLUMN} AS "column", ${REJECT_REASON} AS reason
     FROM ${quoteIdent(table)} WHERE _reject IS NOT NULL AND ${REJECT_COLUMN} NOT IN ('${SKIPPED}', '${MERGED}', '${DUPLICATE}') ORDER BY idx`, undefined, false);
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
