// The warnings every result carries about its run: what loading said (new key, empty files ...),
// rows no touchpoint rule matched (where touchpoints are in use for the kind), and rows quarantined.
import { say } from './messages.js';
import type { Session } from './session.js';

export function runWarnings(session: Pick<Session, 'warnings' | 'coverage' | 'sources' | 'config'>): string[] {
  const warnings = [...session.warnings];
  for (const c of session.coverage) {
    // A kind no rule maps and whose rows name no touchpoint (orders, say) is measured per stage and
    // journey on purpose: its coverage stays in the JSON and in validate, without a warning.
    const touchpointsInUse = c.mapped > 0 || session.config.touchpoints.some((t) => t.match[c.kind as keyof typeof t.match]);
    if (c.rows > 0 && c.mapped < c.rows && session.config.touchpoints.length > 0 && touchpointsInUse) {
      warnings.push(say('unmatched', { kind: c.kind, unmatched: c.rows - c.mapped, rows: c.rows, coverage: (100 * c.mapped / c.rows).toFixed(1) }));
    }
  }
  for (const s of session.sources) {
    if (s.rejected > 0) warnings.push(say('quarantined', { path: s.path, rejected: s.rejected, records: s.records }));
  }
  return warnings;
}
