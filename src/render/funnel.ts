// `journey funnel` output: table, Markdown, CSV and JSON (schema journey-funnel/1). Pure functions
// from the result (plus the SQL, already inlined by the command, with --explain) to text.
import type { Funnel, FunnelResult } from '../core/contracts/funnel.js';
import { csvTable, type Cell } from './csv.js';
import { formatCount, formatNumber, formatP, type Lang } from './format.js';
import { renderJson } from './json.js';
import { escapeMarkdown, generatedLabel, table as mdTable } from './markdown.js';
import { commonLabels, periodLabel } from './labels/common.js';
import { funnelLabels } from './labels/funnel.js';
import { wordMessage } from './labels/messages.js';
import { alignedColumns } from './fit.js';
import { ci, pct, stepTitle } from './report-funnels.js';

export interface FunnelOutput {
  result: FunnelResult;
  /** The SQL per funnel, values inlined; null without --explain. */
  explain: string[] | null;
}

const hours = (h: number | null, lang: Lang) => (h === null ? '—' : `${formatNumber(h, 1, false, lang)} ${funnelLabels(lang).hours}`);


function heading(f: Funnel, lang: Lang): string {
  const L = funnelLabels(lang);
  return `${L.title}: ${f.label} — ${f.unit === 'person' ? L.person : L.session}, ${f.order === 'ordered' ? L.ordered : L.any}; ${formatCount(f.units, lang)} ${L.units}`;
}

function stepRows(f: Funnel, lang: Lang): string[][] {
  const L = funnelLabels(lang);
  return f.steps.map((s, i) => [
    stepTitle(s, i, lang),
    formatCount(s.entered, lang) + (s.pending ? ` (+${formatCount(s.pending, lang)} ${L.pending})` : ''),
    formatCount(s.converted, lang),
    `${pct(s.conversion, lang)} ${ci(s.ci, lang)}`.trim() + (s.flags.includes('low_n') ? ` (${commonLabels(lang).lowN})` : ''),
    pct(s.overall, lang),
    formatCount(s.drop_off, lang),
    hours(s.median_hours_to_next, lang),
  ]);
}

function head(lang: Lang): string[] {
  const L = funnelLabels(lang);
  return [L.step, L.entered, L.converted, `${L.conversion} ${commonLabels(lang).ci}`, L.overall, L.dropOff, L.medianNext];
}

function segmentRows(f: Funnel, lang: Lang): { head: string[]; rows: string[][] } | null {
  if (!f.segment) return null;
  const L = funnelLabels(lang);
  const rows = f.segment.values.flatMap((v) => v.steps.map((s, i) => [
    i === 0 ? `${v.value}${v.value === f.segment!.reference ? ` (${L.reference})` : ''}` : '',
    stepTitle(f.steps[i]!, i, lang),
    formatCount(s.entered, lang),
    `${pct(s.conversion, lang)} ${ci(s.ci, lang)}`.trim(),
    s.difference === null ? '' : `${s.difference >= 0 ? '+' : ''}${formatNumber(s.difference, 1, false, lang)} ${ci(s.difference_ci, lang)}`,
    s.p_adjusted === null ? '' : `${formatP(s.p_adjusted, 'table')}${s.significant ? ' *' : ''}`,
  ]));
  return { head: [f.segment.label, L.step, L.entered, L.conversion, L.difference, L.pAdjusted], rows };
}

function periodRows(f: Funnel, lang: Lang): { head: string[]; rows: string[][] } | null {
  if (!f.periods) return null;
  const L = funnelLabels(lang);
  const cell = (c: { entered: number; converted: number; conversion: number | null; ci: [number, number] | null }) =>
    `${formatCount(c.converted, lang)}/${formatCount(c.entered, lang)} ${pct(c.conversion, lang)} ${ci(c.ci, lang)}`.trim();
  const rows = f.periods.steps.map((s, i) => [
    stepTitle(f.steps[i]!, i, lang), cell(s.before), cell(s.after),
    s.difference === null ? '' : `${s.difference >= 0 ? '+' : ''}${formatNumber(s.difference, 1, false, lang)} ${ci(s.difference_ci, lang)}`,
    s.p_adjusted === null ? '' : `${formatP(s.p_adjusted, 'table')}${s.significant ? ' *' : ''}`,
  ]);
  return {
    head: [L.step, `${L.before} ${periodLabel(f.periods.before, lang)}`, `${L.after} ${periodLabel(f.periods.after, lang)}`, L.change, L.pAdjusted],
    rows,
  };
}

export function renderFunnelTable(output: FunnelOutput, lang: Lang, width: number | null = null): string {
  const columns = (head: string[], rows: string[][], right: boolean[]) => alignedColumns(head, rows, right, width);
  const L = funnelLabels(lang);
  const C = commonLabels(lang);
  const lines: string[] = [`${C.period}: ${periodLabel(output.result.period, lang)}`, ''];
  for (const f of output.result.funnels) {
    lines.push(heading(f, lang), '');
    lines.push(...columns(head(lang), stepRows(f, lang), [false, true, true, true, true, true, true]));
    if (f.steps.some((s) => s.pending)) lines.push('', `${L.pendingNote} (${L.dataEnd}: ${f.data_end ? generatedLabel(f.data_end, lang) : '—'})`);
    const seg = segmentRows(f, lang);
    if (seg) lines.push('', `${L.segment}: ${f.segment!.label}`, ...columns(seg.head, seg.rows, [false, false, true, true, true, true]));
    const per = periodRows(f, lang);
    if (per) lines.push('', L.periods, ...columns(per.head, per.rows, [false, true, true, true, true]));
    lines.push('');
  }
  lines.push(L.method);
  for (const w of output.result.warnings) lines.push(`! ${wordMessage(w, lang)}`);
  if (output.explain) lines.push('', `${L.sql}:`, ...output.explain);
  return `${lines.join('\n')}\n`;
}

export function renderFunnelMarkdown(output: FunnelOutput, lang: Lang): string {
  const L = funnelLabels(lang);
  const C = commonLabels(lang);
  const lines: string[] = [`# ${L.title}`, '', `${C.period}: ${periodLabel(output.result.period, lang)}`, ''];
  for (const f of output.result.funnels) {
    lines.push(`## ${escapeMarkdown(heading(f, lang).slice(L.title.length + 2))}`, '');
    lines.push(...mdTable(head(lang), ['l', 'r', 'r', 'r', 'r', 'r', 'r'], stepRows(f, lang).map((r) => r.map(escapeMarkdown))), '');
    if (f.steps.some((s) => s.pending)) lines.push(`${escapeMarkdown(L.pendingNote)} (${L.dataEnd}: ${f.data_end ? generatedLabel(f.data_end, lang) : '—'})`, '');
    const seg = segmentRows(f, lang);
    if (seg) lines.push(`### ${escapeMarkdown(`${L.segment}: ${f.segment!.label}`)}`, '', ...mdTable(seg.head, ['l', 'l', 'r', 'r', 'r', 'r'], seg.rows.map((r) => r.map(escapeMarkdown))), '');
    const per = periodRows(f, lang);
    if (per) lines.push(`### ${escapeMarkdown(L.periods)}`, '', ...mdTable(per.head, ['l', 'r', 'r', 'r', 'r'], per.rows.map((r) => r.map(escapeMarkdown))), '');
  }
  lines.push(escapeMarkdown(L.method));
  for (const w of output.result.warnings) lines.push('', `- ${escapeMarkdown(wordMessage(w, lang))}`);
  if (output.explain) lines.push('', `## ${L.sql}`, '', '```sql', ...output.explain, '```');
  return `${lines.join('\n')}\n`;
}

const CSV_HEAD = ['funnel', 'unit', 'order', 'segment', 'segment_value', 'step', 'step_index', 'absent', 'within_hours', 'entered', 'converted',
  'pending', 'drop_off', 'conversion', 'ci_low', 'ci_high', 'overall', 'median_hours_to_next', 'difference', 'p_adjusted', 'significant'] as const;

/** One row per funnel x step, then one per segment value x step. */
export function renderFunnelCsv(output: FunnelOutput): string {
  const t = (text: string | null) => ({ text: text ?? '' });
  const num = (number: number | null) => ({ number });
  const rows: Cell[][] = [];
  for (const f of output.result.funnels) {
    f.steps.forEach((s, i) => rows.push([t(f.id), t(f.unit), t(f.order), t(''), t(''), t(s.id), num(i + 1), t(String(s.absent)), num(s.within_hours),
      num(s.entered), num(s.converted), num(s.pending), num(s.drop_off), num(s.conversion), num(s.ci?.[0] ?? null), num(s.ci?.[1] ?? null),
      num(s.overall), num(s.median_hours_to_next), t(''), t(''), t('')]));
    for (const v of f.segment?.values ?? []) {
      v.steps.forEach((s, i) => rows.push([t(f.id), t(f.unit), t(f.order), t(f.segment!.id), t(v.value), t(s.id), num(i + 1), t(String(f.steps[i]!.absent)),
        num(f.steps[i]!.within_hours), num(s.entered), num(s.converted), t(''), num(s.entered - s.converted), num(s.conversion),
        num(s.ci?.[0] ?? null), num(s.ci?.[1] ?? null), t(''), t(''), num(s.difference), num(s.p_adjusted), t(s.p_adjusted === null ? '' : String(s.significant))]));
    }
    if (f.periods) {
      const name = (p: { since: string | null; until: string | null }) => `${p.since ?? ''}..${p.until ?? ''}`;
      f.periods.steps.forEach((s, i) => {
        for (const [which, c] of [['before', s.before], ['after', s.after]] as const) {
          rows.push([t(f.id), t(f.unit), t(f.order), t(which), t(name(f.periods![which])), t(s.id), num(i + 1), t(String(f.steps[i]!.absent)),
            num(f.steps[i]!.within_hours), num(c.entered), num(c.converted), t(''), num(c.entered - c.converted), num(c.conversion),
            num(c.ci?.[0] ?? null), num(c.ci?.[1] ?? null), t(''), t(''),
            num(which === 'after' ? s.difference : null), num(which === 'after' ? s.p_adjusted : null),
            t(which === 'after' && s.p_adjusted !== null ? String(s.significant) : '')]);
        }
      });
    }
  }
  return csvTable(CSV_HEAD, rows);
}

export function renderFunnelJson(output: FunnelOutput): string {
  return renderJson(output.explain ? { ...output.result, explain: output.explain } : output.result);
}
