// `journey validate` in the core: per input file, how it was read and what became of every row
// (schema journey-validate/1).
import type { ValidateResult } from './contracts/validate.js';
import type { Session } from './session.js';

/** The journey-validate/1 document; its type derives from the contract. */
export type Validation = ValidateResult;

export async function validation(session: Pick<Session, 'sources' | 'coverage' | 'warnings' | 'inputs' | 'identity'>): Promise<Validation> {
  const files = session.sources.map((s) => ({
    path: s.path, kind: s.kind, format: s.format, preset: s.preset, detected_by: s.detectedBy, encoding: s.encoding, notes: s.notes,
    records: s.records, loaded: s.rows, rejected: s.rejected, skipped: s.skipped, merged: s.merged, rejects: s.rejects,
    mapping: s.mapping ?? null,
  }));
  const inputs = (session.inputs ?? []).map((i) => ({
    name: i.name, path: i.path, format: i.format, encoding: i.encoding, records: i.records, read: i.read, rejected: i.rejected,
    used_by: i.usedBy, also_source: i.alsoSource, rejects: i.rejects,
  }));
  return { schema: 'journey-validate/1', files, inputs, coverage: session.coverage, identity: await session.identity(), warnings: session.warnings };
}
