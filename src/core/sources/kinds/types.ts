// The shape of a canonical table (DESIGN §4): columns, their types and validation, per kind.

export type Kind = 'survey' | 'ticket' | 'order' | 'web' | 'campaign' | 'traffic';
export const KINDS: Kind[] = ['survey', 'ticket', 'order', 'web', 'campaign', 'traffic'];

export type ColumnType = 'text' | 'timestamp' | 'date' | 'integer' | 'number' | 'email';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  required?: boolean;
  /** Inclusive scale for integer scores; values outside (or not whole) are rejected. */
  scale?: [number, number];
  /** Allowed values after lower(trim()); anything else is rejected. */
  allowed?: string[];
  /** Other header names that mean this column (normalised form). */
  aliases?: string[];
  /** Values may not be negative. */
  nonNegative?: boolean;
}

/** A check across columns: `failWhen` is SQL over the typed canonical columns. */
export interface RowCheck {
  column: string;
  failWhen: string;
  reason: string;
}

export interface KindSpec {
  kind: Kind;
  /** Column every row is dated by: period filters apply to it (DESIGN §5). */
  timeColumn: string;
  columns: ColumnSpec[];
  checks: RowCheck[];
  /** Whether columns outside the canonical set are kept (as text attributes for rules/segments). */
  keepExtraColumns: boolean;
  /** Detection also needs one of these columns (a `date` column alone does not make a traffic export). */
  detectAnyOf?: string[];
  /** The canonical view numbers the file each row comes from (`_file`, in load order). */
  fileNumbers?: boolean;
}
