// `journey validate` in the core: per input file, how it was read and what became of every row
// (schema journey-validate/1).
import type { Reject } from './sources/ingest.js';
import type { Session } from './session.js';

export interface ValidatedFile {
  path: string;
  kind: string;
  format: string;
  preset: string | null;
  detected_by: string;
  encoding: string;
  notes: string[];
  records: number;
  loaded: number;
  rejected: number;
  skipped: number;
  merged: number;
  rejects: Reject[];
}

export interface Validation {
  schema: 'journey-validate/1';
  files: ValidatedFile[];
  coverage: Session['coverage'];
  warnings: string[];
}

export function validation(session: Pick<Session, 'sources' | 'coverage' | 'warnings'>): Validation {
  const files = session.sources.map((s) => ({
    path: s.path, kind: s.kind, format: s.format, preset: s.preset, detected_by: s.detectedBy, encoding: s.encoding, notes: s.notes,
    records: s.records, loaded: s.rows, rejected: s.rejected, skipped: s.skipped, merged: s.merged, rejects: s.rejects,
  }));
  return { schema: 'journey-validate/1', files, coverage: session.coverage, warnings: session.warnings };
}
