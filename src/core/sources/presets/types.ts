// A preset maps one vendor's export layout onto a canonical kind (DESIGN §4): it recognises the
// header, says which rows are not data, and gives one SQL expression per canonical column.
import type { Kind } from '../kinds/index.js';
import type { FileFormat } from '../resolve.js';

/** The start of a file, decoded and parsed, as detection sees it. */
export interface HeadSample {
  path: string;
  format: FileFormat;
  /**
   * CSV/TSV: the first records (up to 50), rows[0] being the first header row, after any preamble
   * (`sep=` line, `#` comment lines) was removed. JSON lines / Parquet: one row, the column names.
   */
  rows: string[][];
  /** JSON lines / Parquet: DuckDB's type for each top-level column (from DESCRIBE). */
  types?: Record<string, string>;
  /** Lines removed before the header (`sep=`, `#` preamble); informational. */
  preamble: string[];
}

export interface PresetContext {
  sample: HeadSample;
  /** The column names the reader uses (after `columnNames` and de-duplication). */
  columns: string[];
  /** Quoted identifier of the source column with this name (case-insensitive, exact text), or `NULL`. */
  col(name: string): string;
  has(name: string): boolean;
  /** Whether the config's `columns:` gives this canonical column itself (the preset's is then unused). */
  mapped?(canonical: string): boolean;
}

export interface Preset {
  /** Stable id shown in reports (`sources[].preset`) and accepted in config (`preset: zendesk`). */
  id: string;
  label: string;
  kind: Kind;
  formats: FileFormat[];
  /** The header signature: why this file is this vendor's export (shown by `journey validate`), or undefined. */
  detect(sample: HeadSample): string | undefined;
  /** CSV/TSV: records after the first header row that are header rows too (Qualtrics: 2, SurveyMonkey: 1). */
  extraHeaderRows?(sample: HeadSample): number;
  /** CSV/TSV: the column names to read with, built from the header rows (e.g. forward-filled). */
  columnNames?(sample: HeadSample): string[];
  /** JSON lines / Parquet: read with DuckDB's own types (nested structs, lists) instead of all text. */
  nativeTypes?: boolean;
  /**
   * Canonical column -> SQL expression over the source columns. The result is cast to text and then
   * validated like any canonical file, so timestamps must come out in a form DuckDB casts to
   * TIMESTAMPTZ (ISO 8601, with an offset or a zone name when not in the config's zone) and numbers
   * with a decimal point. Canonical columns left out are matched by header name as usual.
   */
  columns(ctx: PresetContext): Record<string, string>;
  /** Rows that are not records (a `Grand total` line): skipped, counted and reported. */
  skip?(ctx: PresetContext): { when: string; reason: string } | undefined;
  /**
   * Several rows make one record (Shopify: one row per line item). Rows are grouped by this
   * expression; each canonical column takes its first non-empty value in file order.
   */
  collapseBy?(ctx: PresetContext): string | undefined;
  /**
   * Headers that identify or describe a customer in free text (`Requester`, `Notes`): never kept
   * as attributes. Headers that look like names, emails or addresses are dropped anyway; staff
   * columns (`Assignee`, `Agent`) are kept so `journey integrity --by` can review them.
   */
  dropColumns?: string[];
  /**
   * CSV: the file may hold several tables, each after its own `#` comment block (GA4 report
   * downloads). Only the first is read; every line from the next `#` block on is counted as
   * skipped and named in a warning.
   */
  singleTable?: boolean;
  /** Words for the accounting line when rows are collapsed, e.g. ['line items', 'orders']. */
  collapseNouns?: [string, string];
}
