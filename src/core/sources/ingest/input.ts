// Which bytes DuckDB reads: the original file, or — when detection said so — the normalised
// UTF-8 copy the pre-pass writes (prepass.ts). Also the check, after the read, that the whole
// file bore out what its head showed; when it did not, ingest reads it again through the copy.
import { say } from '../../messages.js';
import type { Db } from '../../db.js';
import type { DetectedFile } from '../detect.js';
import { rewrite, type ByteScan, type Encoding } from '../prepass.js';
import type { ColumnPlan } from './plan.js';

export interface Input {
  /** The file DuckDB reads: the original or its normalised copy. */
  path: string;
  /** Lines the copy left out at the top (preamble, extra header rows): added to reported lines. */
  lineOffset: number;
  /** Lines left out after the first table (presets with `singleTable`): counted as skipped. */
  cut: number;
}

export async function prepareInput(db: Db, file: DetectedFile, plan: ColumnPlan, index: number, warnings: string[]): Promise<Input> {
  if (!file.rewrite || file.format === 'parquet') return { path: file.path, lineOffset: 0, cut: 0 };
  const text = file.format === 'csv' || file.format === 'tsv';
  const path = db.tempPath(`input_${index}.${text ? 'csv' : 'jsonl'}`);
  const headerLine = text ? plan.columns.map((c) => `"${c.replace(/"/g, '""').replace(/[\r\n]+/g, ' ')}"`).join(file.delimiter ?? ',') : null;
  const { nuls, cutLines } = await rewrite(file.path, path, {
    encoding: file.encoding, dropBytes: text ? file.dataStartBytes : 0, headerLine, cutAtComment: text && Boolean(file.preset?.singleTable),
  });
  db.noteCopy(path, file.path, copyDescription(file, Boolean(headerLine), nuls, cutLines));
  if (nuls) warnings.push(say('nulBytes', { path: file.path, count: nuls }));
  if (cutLines) {
    warnings.push(say('multipleTables', { path: file.path, count: cutLines }));
  }
  return { path, lineOffset: text ? file.lineOffset : 0, cut: cutLines };
}

/** What the pre-pass changed, for the note in `journey sql` (the copy is gone once the run ends). */
function copyDescription(file: DetectedFile, header: boolean, nuls: number, cutLines: number): string {
  const did = [`converted from ${file.encoding} to UTF-8 with LF line endings`];
  if (file.lineOffset > 0) did.push(`dropped ${file.lineOffset} line(s) above the data`);
  if (header) did.push('wrote the header as one quoted line');
  if (nuls) did.push(`removed ${nuls} NUL byte(s)`);
  if (cutLines) did.push(`cut ${cutLines} line(s) of a second table`);
  return did.join('; ');
}

/**
 * For a file read as is: the encoding to read it again with when the byte scan of the whole file
 * shows what its head did not (a CR, a NUL or a Windows-1252 byte further down); undefined when
 * the read stands.
 */
export function rereadEncoding(bytes: ByteScan | undefined, file: DetectedFile): Encoding | undefined {
  if (file.rewrite || !bytes) return undefined;
  const windows1252 = looksWindows1252(bytes, file);
  if (!bytes.hasCR && !bytes.hasNul && !windows1252) return undefined;
  return windows1252 ? 'windows-1252' : file.encoding;
}

/** Whether the whole file shows what its head did not: the head's encoding stands when forced. */
const looksWindows1252 = (bytes: ByteScan, file: DetectedFile) =>
  !file.encoding.startsWith('utf-16') && file.encodingReason !== 'set in the config' && bytes.invalid > 0 && bytes.multibyte === 0;
