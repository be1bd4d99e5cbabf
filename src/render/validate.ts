// `journey validate` as text: per file, how it was read, the row accounting and the first rejects.
import type { Validation } from '../core/validate.js';

/** Rejects listed per file; `--rejects FILE` writes them all. */
const SHOWN = 10;

export function renderValidationTable(validation: Validation): string {
  const lines: string[] = [];
  for (const f of validation.files) {
    lines.push(`${f.path}`);
    lines.push(`  kind ${f.kind}, ${f.preset ? f.detected_by : `canonical layout: ${f.detected_by}`}`);
    lines.push(`  format ${f.format}${f.format === 'parquet' ? '' : `, encoding ${f.encoding}`}`);
    for (const note of f.notes) lines.push(`  ${note}`);
    const extra = [f.skipped ? `${f.skipped} skipped (not data)` : '', f.merged ? `${f.merged} merged into their record` : '']
      .filter(Boolean).join(', ');
    lines.push(`  ${f.records} records: ${f.loaded} loaded, ${f.rejected} rejected${extra ? `, ${extra}` : ''}`);
    for (const r of f.rejects.slice(0, SHOWN)) {
      lines.push(`    ${r.file}:${r.line ?? '?'}${r.column ? ` ${r.column}` : ''}: ${r.reason}`);
    }
    if (f.rejects.length > SHOWN) lines.push(`    ... and ${f.rejects.length - SHOWN} more (write them all with --rejects FILE)`);
  }
  for (const c of validation.coverage) {
    lines.push(`${c.kind}: ${c.mapped} of ${c.rows} rows mapped to a touchpoint`);
  }
  for (const w of validation.warnings) lines.push(`! ${w}`);
  return lines.join('\n') + '\n';
}
