// `journey validate` as text: per source, how it was read, what the config made of it (mapped,
// recoded, collapsed, skipped, derived), the row accounting and the first rejects; then the files
// read only as inputs of derived sources.
import type { Validation } from '../core/validate.js';

type Mapping = NonNullable<Validation['files'][number]['mapping']>;
type Reject = Validation['files'][number]['rejects'][number];

/** Rejects listed per file; `--rejects FILE` writes them all. */
const SHOWN = 10;

export function renderValidationTable(validation: Validation): string {
  const lines: string[] = [];
  for (const f of validation.files) {
    lines.push(`${f.path}`);
    lines.push(`  kind ${f.kind}, ${f.preset ? f.detected_by : `canonical layout: ${f.detected_by}`}`);
    lines.push(`  format ${f.format}${f.format === 'parquet' ? '' : `, encoding ${f.encoding}`}`);
    for (const note of f.notes) lines.push(`  ${note}`);
    if (f.mapping) lines.push(...mappingLines(f.mapping));
    const extra = [f.skipped ? `${f.skipped} skipped (not data)` : '', f.merged ? `${f.merged} merged into their record` : '']
      .filter(Boolean).join(', ');
    lines.push(`  ${f.records} records: ${f.loaded} loaded, ${f.rejected} rejected${extra ? `, ${extra}` : ''}`);
    lines.push(...rejectLines(f.rejects));
  }
  for (const i of validation.inputs) {
    const use = i.used_by.length ? `read by ${i.used_by.join(', ')}` : 'read by no derived source';
    lines.push(`${i.path}`);
    lines.push(`  input "${i.name}" of derived sources (${use})${i.also_source ? '; also a source of its own, above' : '; not a source of its own'}`);
    lines.push(`  ${i.records} records: ${i.read} read, ${i.rejected} rejected`);
    lines.push(...rejectLines(i.rejects));
  }
  for (const c of validation.coverage) {
    lines.push(`${c.kind}: ${c.mapped} of ${c.rows} rows mapped to a touchpoint`);
  }
  for (const w of validation.warnings) lines.push(`! ${w}`);
  return lines.join('\n') + '\n';
}

function rejectLines(rejects: Reject[]): string[] {
  const lines = rejects.slice(0, SHOWN).map((r) => r.key
    ? `    ${r.file} row ${r.line ?? '?'} (${r.key})${r.column ? ` ${r.column}` : ''}: ${r.reason}`
    : `    ${r.file}:${r.line ?? '?'}${r.column ? ` ${r.column}` : ''}: ${r.reason}`);
  if (rejects.length > SHOWN) lines.push(`    ... and ${rejects.length - SHOWN} more (write them all with --rejects FILE)`);
  return lines;
}

/** Mapped, recoded, collapsed, where, skipped and derived: one line each, only when there is something to say. */
function mappingLines(m: Mapping): string[] {
  const lines: string[] = [];
  if (m.derived) lines.push(`  derived: a query over ${m.derived.inputs.join(', ') || 'no named file'}`);
  const from = (c: Mapping['columns'][number]) => {
    if (c.by === 'expression') return `${c.canonical} <- ${c.from} (expression)`;
    if (c.by === 'preset') return `${c.canonical} <- ${c.from} (preset)`;
    return c.by === 'header' && c.from === c.canonical ? c.canonical : `${c.canonical} <- "${c.from}"`;
  };
  const mapped = m.columns.filter((c) => c.by !== 'attribute');
  if (mapped.length) lines.push(`  columns: ${mapped.map(from).join(', ')}`);
  const kept = m.columns.filter((c) => c.by === 'attribute');
  if (kept.length) lines.push(`  kept as attributes: ${kept.map((c) => (c.from === c.canonical ? c.canonical : `${c.canonical} <- "${c.from}"`)).join(', ')}`);
  for (const r of m.recoded) lines.push(`  values recoded: ${r.column} (${r.values} value(s) in values:), ${r.rows} row(s) changed`);
  if (m.collapsed) lines.push(`  collapsed: ${m.collapsed.rows} line(s) merged into the record with the same ${m.collapsed.by}`);
  if (m.where !== null) lines.push(`  where: ${m.where}`);
  for (const s of m.skipped) lines.push(`  skipped: ${s.rows} row(s): ${s.reason}`);
  return lines;
}
