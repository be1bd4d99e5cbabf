// `journey validate` as text: per source, how it was read, what the config made of it (mapped,
// recoded, collapsed, skipped, derived), the row accounting and the first rejects; then the files
// read only as inputs of derived sources. Words from labels/validate.ts (en, nl).
import type { Validation } from '../core/validate.js';
import { formatCount, type Lang } from './format.js';
import { validateLabels } from './labels/validate.js';

type Mapping = NonNullable<Validation['files'][number]['mapping']>;
type Reject = Validation['files'][number]['rejects'][number];
type Labels = ReturnType<typeof validateLabels>;
import { identityLabels, identitySentence } from './labels/identity.js';
import { wordMessage } from './labels/messages.js';

/** Rejects listed per file; `--rejects FILE` writes them all. */
const SHOWN = 10;

export function renderValidationTable(validation: Validation, lang: Lang = 'en'): string {
  const L = validateLabels(lang);
  const n = (x: number) => (lang === 'en' ? String(x) : formatCount(x, lang));
  const lines: string[] = [];
  for (const f of validation.files) {
    lines.push(`${f.path}`);
    const by = wordMessage(f.detected_by, lang);
    lines.push(`  ${L.kind} ${f.kind}, ${f.preset || f.format === 'derived' ? by : `${L.canonical}: ${by}`}`);
    lines.push(`  ${L.format} ${f.format}${f.format === 'parquet' ? '' : `, ${L.encoding} ${f.encoding}`}`);
    for (const note of f.notes) lines.push(`  ${wordMessage(note, lang)}`);
    if (f.mapping) lines.push(...mappingLines(f.mapping, L, lang));
    const extra = [f.skipped ? `${n(f.skipped)} ${L.skippedNotData}` : '', f.merged ? `${n(f.merged)} ${L.mergedIntoRecord}` : '']
      .filter(Boolean).join(', ');
    lines.push(`  ${n(f.records)} ${L.records}: ${n(f.loaded)} ${L.loaded}, ${n(f.rejected)} ${L.rejected}${extra ? `, ${extra}` : ''}`);
    lines.push(...rejectLines(f.rejects, L, lang));
  }
  for (const i of validation.inputs) {
    const use = i.used_by.length ? `${L.readBy} ${i.used_by.join(', ')}` : L.readByNone;
    lines.push(`${i.path}`);
    lines.push(`  ${L.input} "${i.name}" ${L.ofDerived} (${use}); ${i.also_source ? L.ownSource : L.notOwnSource}`);
    if (i.encoding !== null && i.encoding !== 'utf-8') lines.push(`  ${L.format} ${i.format}, ${L.encoding} ${i.encoding}`);
    lines.push(`  ${n(i.records)} ${L.records}: ${n(i.read)} ${L.read}, ${n(i.rejected)} ${L.rejected}`);
    lines.push(...rejectLines(i.rejects, L, lang));
  }
  for (const c of validation.coverage) {
    lines.push(`${c.kind}: ${n(c.mapped)} ${L.of} ${n(c.rows)} ${L.rowsMapped}`);
  }
  if (validation.identity) {
    lines.push(identityLabels(lang).heading);
    for (const c of validation.identity) lines.push(`  ${identitySentence(c, lang)}`);
  }
  for (const w of validation.warnings) lines.push(`! ${wordMessage(w, lang)}`);
  return lines.join('\n') + '\n';
}

function rejectLines(rejects: Reject[], L: Labels, lang: Lang): string[] {
  const lines = rejects.slice(0, SHOWN).map((r) => r.key
    ? `    ${r.file} ${L.row} ${r.line ?? '?'} (${r.key})${r.column ? ` ${r.column}` : ''}: ${wordMessage(r.reason, lang)}`
    : `    ${r.file}:${r.line ?? '?'}${r.column ? ` ${r.column}` : ''}: ${wordMessage(r.reason, lang)}`);
  if (rejects.length > SHOWN) lines.push(`    ... ${L.and} ${rejects.length - SHOWN} ${L.more}`);
  return lines;
}

/** Mapped, recoded, collapsed, where, skipped and derived: one line each, only when there is something to say. */
function mappingLines(m: Mapping, L: Labels, lang: Lang): string[] {
  const lines: string[] = [];
  if (m.derived) lines.push(`  ${L.derivedFrom} ${m.derived.inputs.join(', ') || L.noNamedFile}`);
  const from = (c: Mapping['columns'][number]) => {
    if (c.by === 'expression') return `${c.canonical} <- ${c.from} (${L.expression})`;
    if (c.by === 'preset') return `${c.canonical} <- ${c.from} (${L.preset})`;
    return c.from === c.canonical ? c.canonical : `${c.canonical} <- "${c.from}"`;
  };
  const mapped = m.columns.filter((c) => c.by !== 'attribute');
  if (mapped.length) lines.push(`  ${L.columns}: ${mapped.map(from).join(', ')}`);
  const kept = m.columns.filter((c) => c.by === 'attribute');
  if (kept.length) lines.push(`  ${L.attributes}: ${kept.map(from).join(', ')}`);
  for (const r of m.recoded) lines.push(`  ${L.recoded}: ${r.column} (${r.values} ${L.mapEntries}), ${r.rows} ${L.rowsChanged}`);
  if (m.collapsed) lines.push(`  ${L.collapsed}: ${m.collapsed.rows} ${L.linesMerged} ${m.collapsed.by}`);
  if (m.where !== null) lines.push(`  ${L.where}: ${m.where}`);
  for (const s of m.skipped) lines.push(`  ${L.skipped}: ${s.rows} ${L.rowsUnit}: ${wordMessage(s.reason, lang)}`);
  return lines;
}
