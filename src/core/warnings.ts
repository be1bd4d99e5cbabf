// The warnings every result carries about its run: what loading said (new key, empty files ...),
// rows no touchpoint rule matched, and rows quarantined as rejects.
import type { Session } from './session.js';

export function runWarnings(session: Pick<Session, 'warnings' | 'coverage' | 'sources' | 'config'>): string[] {
  const warnings = [...session.warnings];
  for (const c of session.coverage) {
    if (c.rows > 0 && c.mapped < c.rows && session.config.touchpoints.length > 0) {
      warnings.push(`${c.kind}: ${c.rows - c.mapped} of ${c.rows} rows match no touchpoint (coverage ${(100 * c.mapped / c.rows).toFixed(1)}%)`);
    }
  }
  for (const s of session.sources) {
    if (s.rejected > 0) warnings.push(`${s.path}: ${s.rejected} of ${s.records} rows quarantined (see journey validate)`);
  }
  return warnings;
}
