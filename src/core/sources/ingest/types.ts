// What ingest hands to the rest of the program: one loaded file with its row accounting, and the
// rejects that `journey validate` lists. Kept apart so the ingest steps can share them without
// importing the entry point that calls them.
import type { Kind } from '../kinds/index.js';
import type { SourceMapping } from './mapping.js';

export interface Reject {
  file: string;
  /** Physical line in the file (CSV, TSV, JSON lines) or row number (Parquet). */
  line: number | null;
  column: string | null;
  reason: string;
  /** A derived source's reject: the record's key (`order_id 123`), since it has no line in a file. */
  key?: string;
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
  /** What the config and presets made of it (validate); absent for sources read from a store. */
  mapping?: SourceMapping;
  /**
   * Columns holding personal data in valid rows (journey/map.ts, personalColumns): found once at
   * `journey ingest` and kept in the store, so a report from the store does not scan every text
   * value again. Unset: scanned when the session maps the file.
   */
  personal?: PersonalColumn[];
}

/** A text column with personal data: how many distinct values, and of which kinds (email, phone number, IBAN). */
export interface PersonalColumn {
  column: string;
  count: number;
  kinds: string;
}
