// `journey compare` as text: terminal tables, Markdown, CSV and JSON. Pure: result in, string out.
import Table from 'cli-table3';
import { Chalk, type ChalkInstance } from 'chalk';
import type { CompareResult, CompareRow } from '../core/analysis/compare.js';
import type { DidRow } from '../core/analysis/compare-initiative.js';
import { csvTable, type Cell } from './csv.js';
import { formatCount, formatFlags, formatP, formatValue, plainValue } from './format.js';
import { renderJson } from './json.js';
import { COMMON_LABELS as C, periodLabel, sourcesLabel } from './labels/common.js';
import { COMPARE_LABELS as L, fdrNote, NO_TEST_LABELS, TEST_LABELS } from './labels/compare.js';
import { escapeMarkdown } from './markdown.js';
import { clean } from './table.js';

// ---- shared wording -------------------------------------------------------------------------

/** A change with its sign, in the unit's precision: `+8.9 pp`, `-0.42`, `+1.5 h`. */
function formatDelta(delta: number | null, unit: string): string {
  if (delta === null) return C.noValue;
  const text = plainValue(delta, unit);
  const signed = Number(text.replace(/,/g, '')) > 0 ? `+${text}` : text;
  return unit === '%' ? `${signed} pp` : unit === 'hours' ? `${signed} h` : signed;
}

function formatInterval(ci: [number, number] | null, unit: string): string {
  return ci ? `[${plainValue(ci[0], unit)}, ${plainValue(ci[1], unit)}]` : '';
}

/** A side as `value (n)`; a count is its own n, so it is shown once. */
const side = (k: CompareRow['before']) =>
  k.unit === 'count' && k.value === k.n ? formatValue(k) : `${formatValue(k)} (${formatCount(k.n)})`;

/** Scope heading: the journey, a stage, or stage › touchpoint, with labels from the config. */
function scopeTitle(result: CompareResult, stage: string | null, touchpoint: string | null): string {
  if (stage === null && touchpoint === null) return C.journey;
  const s = stage === null ? '' : result.labels.stages[stage] ?? stage;
  if (touchpoint === null) return `${C.stage}: ${s}`;
  return `${s ? `${s} › ` : ''}${result.labels.touchpoints[touchpoint] ?? touchpoint}`;
}

function groups(result: CompareResult): { title: string; rows: CompareRow[] }[] {
  const out: { title: string; rows: CompareRow[] }[] = [];
  for (const row of result.rows) {
    const title = scopeTitle(result, row.stage, row.touchpoint);
    if (out.at(-1)?.title !== title) out.push({ title, rows: [] });
    out.at(-1)!.rows.push(row);
  }
  return out;
}

function headline(result: CompareResult): string {
  if (result.mode === 'segment' && result.segment) {
    return `${C.segment}: ${result.segment.label}, ${L.segmentAgainst} ${result.segment.reference} · ${C.period}: ${periodLabel(result.period!)}`;
  }
  const periods = `${L.before}: ${periodLabel(result.before!)} · ${L.after}: ${periodLabel(result.after!)}`;
  const init = result.initiative;
  if (!init) return periods;
  const where = result.labels.touchpoints[init.touchpoint] ?? init.touchpoint;
  return `${L.initiative}: ${init.id} at ${where}, ${L.startedOn} ${init.started}${init.description ? ` — ${init.description}` : ''}\n${periods}`;
}

function sourceLine(result: CompareResult): string {
  const rows = result.sources.reduce((sum, s) => sum + s.rows, 0);
  return `${sourcesLabel(result.sources.length)}, ${formatCount(rows)} ${C.rows}`;
}

/** The reasons behind missing p-values that occur in this result, once each. */
function noTestNotes(result: CompareResult): string[] {
  const reasons = new Map<string, Set<string>>();
  for (const r of [...result.rows, ...(result.initiative?.did ?? [])]) {
    if (!r.no_test) continue;
    if (!reasons.has(r.no_test)) reasons.set(r.no_test, new Set());
    reasons.get(r.no_test)!.add(r.label);
  }
  return [...reasons].map(([code, labels]) => `${[...labels].join(', ')}: ${NO_TEST_LABELS[code] ?? code}`);
}

/** The control touchpoints of the estimates that were made (each KPI pools those with data in both periods). */
function controlList(did: DidRow[]): string {
  return [...new Set(did.filter((d) => d.estimate !== null).flatMap((d) => d.control.touchpoints))].join(', ');
}

function componentText(c: Record<string, number>): string {
  return Object.entries(c).map(([k, v]) => `${k}=${Number.isInteger(v) ? v : v.toPrecision(6)}`).join(' ');
}

function explainLines(result: CompareResult): string[] {
  const lines: string[] = [];
  for (const r of result.rows) {
    if (!r.components.test) continue;
    const c = r.components;
    lines.push(`${scopeTitle(result, r.stage, r.touchpoint)}${r.segment ? ` [${r.segment}]` : ''} · ${r.label}: ` +
      `${L.before.toLowerCase()} ${componentText(c.before)}; ${L.after.toLowerCase()} ${componentText(c.after)}; ` +
      `${TEST_LABELS[c.test!]}: ${c.df === null ? 'z' : 't'} = ${c.statistic!.toFixed(3)}${c.df === null ? '' : `, df = ${c.df.toFixed(1)}`}, ` +
      `SE = ${plainValue(c.se!, r.unit)}; p = ${formatP(r.p_value, 'exact')}, ${L.pAdjusted} = ${formatP(r.p_adjusted, 'exact')}`);
  }
  for (const d of result.initiative?.did ?? []) {
    if (d.estimate === null || !d.components.se) continue;
    lines.push(`${L.did} · ${d.label}: ${d.method === 'welch_t' ? `t = ${d.components.statistic!.toFixed(3)}, df = ${d.components.df!.toFixed(1)}` : `z = ${d.components.statistic!.toFixed(3)}`}, ` +
      `SE = ${plainValue(d.components.se, d.unit)}; ${L.control.toLowerCase()}: ${d.control.touchpoints.join(', ')}`);
  }
  return lines;
}

// ---- table ----------------------------------------------------------------------------------

export interface CompareTableOptions {
  color: boolean;
  explain: boolean;
}

// 20 + 18 + 18 + 11 + 16 + 10 + 7 borders = 100 columns.
const WIDTHS = [20, 18, 18, 11, 16, 10];

function newTable(chalk: ChalkInstance, head: string[]) {
  return new Table({
    head: head.map((h) => chalk.bold(h)), colWidths: WIDTHS, wordWrap: true,
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right'], style: { head: [], border: [] },
  });
}

function pCell(r: { p_adjusted: number | null; significant: boolean }, chalk: ChalkInstance): string {
  return r.significant ? chalk.bold(`${formatP(r.p_adjusted, 'table')} ${L.significantMark}`) : formatP(r.p_adjusted, 'table');
}

function rowTable(result: CompareResult, rows: CompareRow[], chalk: ChalkInstance): string {
  const seg = result.segment;
  const table = newTable(chalk, [C.kpi, seg ? `${clean(seg.reference)} (${L.reference})` : L.before, seg ? L.value : L.after,
    L.change, C.ci, L.pAdjusted]);
  for (const r of rows) {
    const notes = formatFlags(r.flags);
    const kpi = `${clean(r.label)}${r.segment !== undefined ? `\n${clean(seg!.label)} = ${clean(r.segment)}` : ''}${notes ? `\n${chalk.dim(notes)}` : ''}`;
    const shade = r.flags.includes('low_n') ? chalk.dim : (s: string) => s;
    table.push([kpi, shade(side(r.before)), shade(side(r.after)), formatDelta(r.delta, r.unit), formatInterval(r.ci, r.unit), pCell(r, chalk)]);
  }
  return table.toString();
}

function didTable(did: DidRow[], chalk: ChalkInstance): string {
  const table = newTable(chalk, [C.kpi, L.atTouchpoint, L.atControl, L.estimate, C.ci, L.pAdjusted]);
  for (const d of did) {
    const notes = formatFlags(d.flags);
    table.push([`${clean(d.label)}${notes ? `\n${chalk.dim(notes)}` : ''}`,
      `${formatDelta(d.touchpoint.delta, d.unit)}\n(${formatCount(d.touchpoint.before.n)} → ${formatCount(d.touchpoint.after.n)})`,
      `${formatDelta(d.control.delta, d.unit)}\n(${formatCount(d.control.before.n)} → ${formatCount(d.control.after.n)})`,
      formatDelta(d.estimate, d.unit), formatInterval(d.ci, d.unit), pCell(d, chalk)]);
  }
  return table.toString();
}

export function renderCompareTable(result: CompareResult, options: CompareTableOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const out = [...headline(result).split('\n').map(clean), sourceLine(result), ''];
  if (result.rows.length === 0) out.push(L.noRows, '');
  for (const g of groups(result)) out.push(chalk.bold(clean(g.title)), rowTable(result, g.rows, chalk), '');
  const init = result.initiative;
  if (init && init.did.length > 0) {
    out.push(chalk.bold(`${L.did}: ${clean(init.id)}`), chalk.dim(L.didNote), didTable(init.did, chalk));
    out.push(`${L.control}: ${clean(controlList(init.did) || C.noValue)}`);
    if (init.excluded.length) out.push(`${clean(init.excluded.join(', '))}: ${L.excluded}`);
    out.push('');
  }
  out.push(fdrNote(result.method.tests, result.method.significant), L.unitNote);
  const notes = noTestNotes(result);
  if (notes.length) out.push(`${L.noTestHeading}:`, ...notes.map((n) => `  ${C.noValue} ${clean(n)}`));
  if (options.explain) {
    out.push('', chalk.bold(L.explain), ...explainLines(result).map(clean));
    if (result.sql) out.push('', chalk.bold(L.sql), ...result.sql);
  }
  for (const w of result.warnings) out.push(chalk.yellow(`! ${clean(w)}`));
  return `${out.join('\n').trimEnd()}\n`;
}

// ---- markdown -------------------------------------------------------------------------------

function mdTable(head: string[], align: ('l' | 'r')[], rows: string[][]): string[] {
  return [`| ${head.join(' | ')} |`, `|${align.map((a) => (a === 'r' ? '---:' : '---')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

const mark = (r: { significant: boolean }) => (r.significant ? ` ${L.significantMark}` : '');

export function renderCompareMarkdown(result: CompareResult, options: { explain: boolean }): string {
  const seg = result.segment;
  const out = [`# ${L.title}`, '', escapeMarkdown(headline(result).replace('\n', ' · ')), '', escapeMarkdown(sourceLine(result)), ''];
  for (const g of groups(result)) {
    out.push(`## ${escapeMarkdown(g.title)}`, '', ...mdTable(
      [C.kpi, ...(seg ? [escapeMarkdown(seg.label)] : []), seg ? `${escapeMarkdown(seg.reference)} (${L.reference})` : L.before,
        seg ? L.value : L.after, L.change, L.ciChange, L.p, L.pAdjusted, C.flags],
      ['l', ...(seg ? ['l' as const] : []), 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
      g.rows.map((r) => [escapeMarkdown(r.label), ...(seg ? [escapeMarkdown(r.segment ?? '')] : []), side(r.before), side(r.after),
        formatDelta(r.delta, r.unit), formatInterval(r.ci, r.unit), formatP(r.p_value, 'table'), `${formatP(r.p_adjusted, 'table')}${escapeMarkdown(mark(r))}`,
        formatFlags(r.flags)])), '');
  }
  const init = result.initiative;
  if (init && init.did.length > 0) {
    out.push(`## ${L.did}: ${escapeMarkdown(init.id)}`, '', `_${L.didNote}_`, '', ...mdTable(
      [C.kpi, L.atTouchpoint, L.atControl, L.estimate, C.ci, L.p, L.pAdjusted, C.flags],
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
      init.did.map((d) => [escapeMarkdown(d.label),
        `${formatDelta(d.touchpoint.delta, d.unit)} (${formatCount(d.touchpoint.before.n)} → ${formatCount(d.touchpoint.after.n)})`,
        `${formatDelta(d.control.delta, d.unit)} (${formatCount(d.control.before.n)} → ${formatCount(d.control.after.n)})`,
        formatDelta(d.estimate, d.unit), formatInterval(d.ci, d.unit), formatP(d.p_value, 'table'), `${formatP(d.p_adjusted, 'table')}${escapeMarkdown(mark(d))}`,
        formatFlags(d.flags)])), '',
    `${L.control}: ${escapeMarkdown(controlList(init.did))}`, '');
  }
  out.push(escapeMarkdown(fdrNote(result.method.tests, result.method.significant)), '', L.unitNote, '');
  const notes = noTestNotes(result);
  if (notes.length) out.push(`**${L.noTestHeading}**`, '', ...notes.map((n) => `- ${escapeMarkdown(n)}`), '');
  if (options.explain) {
    out.push(`## ${L.explain}`, '', ...explainLines(result).map((l) => `- ${escapeMarkdown(l)}`), '');
    if (result.sql) out.push(`### ${L.sql}`, '', '```sql', ...result.sql, '```', '');
  }
  if (result.warnings.length) out.push(`## ${C.warnings}`, '', ...result.warnings.map((w) => `- ${escapeMarkdown(w)}`), '');
  return `${out.join('\n').trimEnd()}\n`;
}

// ---- csv ------------------------------------------------------------------------------------

const CSV_HEADER = ['comparison', 'segment', 'stage', 'touchpoint', 'kpi', 'label', 'unit',
  'before_value', 'before_n', 'before_ci_low', 'before_ci_high', 'after_value', 'after_n', 'after_ci_low', 'after_ci_high',
  'delta', 'ci_low', 'ci_high', 'p_value', 'p_adjusted', 'significant', 'test', 'statistic', 'df', 'se', 'no_test', 'flags'];

const num = (x: number | null | undefined): Cell => ({ number: x ?? null });
const text = (x: string | null | undefined): Cell => ({ text: x ?? '' });
const kpiCells = (k: CompareRow['before']): Cell[] => [num(k.value), num(k.n), num(k.ci?.[0]), num(k.ci?.[1])];

export function renderCompareCsv(result: CompareResult): string {
  const rows: Cell[][] = result.rows.map((r) => [
    text(result.mode === 'segment' ? 'segment' : 'before_after'), text(r.segment), text(r.stage), text(r.touchpoint), text(r.kpi), text(r.label), text(r.unit),
    ...kpiCells(r.before), ...kpiCells(r.after), num(r.delta), num(r.ci?.[0]), num(r.ci?.[1]), num(r.p_value), num(r.p_adjusted),
    text(r.significant ? 'true' : 'false'), text(r.test), num(r.components.statistic), num(r.components.df), num(r.components.se), text(r.no_test), text(r.flags.join('|')),
  ]);
  const init = result.initiative;
  for (const d of init?.did ?? []) {
    // A DiD row: the estimate in `delta`; its four cells are in the JSON (`initiative.did`).
    rows.push([
      text('difference_in_differences'), text(''), text(init!.stage), text(init!.touchpoint), text(d.kpi), text(d.label), text(d.unit),
      ...Array.from({ length: 8 }, () => num(null)),
      num(d.estimate), num(d.ci?.[0]), num(d.ci?.[1]), num(d.p_value), num(d.p_adjusted), text(d.significant ? 'true' : 'false'),
      text(d.method), num(d.components.statistic), num(d.components.df), num(d.components.se), text(d.no_test), text(d.flags.join('|')),
    ]);
  }
  return csvTable(CSV_HEADER, rows);
}

// ---- json -----------------------------------------------------------------------------------

export function renderCompareJson(result: CompareResult): string {
  return renderJson(result);
}
