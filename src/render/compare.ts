// `journey compare` as text: terminal tables, Markdown, CSV and JSON. Pure: result in, string out.
import Table from 'cli-table3';
import { Chalk, type ChalkInstance } from 'chalk';
import type { CompareResult, CompareRow } from '../core/analysis/compare.js';
import type { DidRow } from '../core/analysis/compare-initiative.js';
import { csvTable, type Cell } from './csv.js';
import { formatCount, formatDate, formatFlags, formatInterval, formatNumber, formatP, formatValue, hoursUnit, plainValue, type Lang, type PStyle } from './format.js';
import { renderJson } from './json.js';
import { commonLabels, periodLabel, sourcesLabel, type CommonLabels } from './labels/common.js';
import { compareLabels, fdrNote, NO_TEST_LABELS, TEST_LABELS, type CompareLabels } from './labels/compare.js';
import { kpiLabel, stageLabel } from './labels/journey.js';
import { escapeMarkdown } from './markdown.js';
import { clean } from './table.js';
import { wordMessage } from './labels/messages.js';
import { boxWidths, fitWidths } from './fit.js';

// ---- shared wording -------------------------------------------------------------------------

/** What every part of a compare output writes with: the language, its words and number formats. */
interface Words {
  lang: Lang;
  L: CompareLabels;
  C: CommonLabels;
}

const wordsFor = (lang: Lang): Words => ({ lang, L: compareLabels(lang), C: commonLabels(lang) });

/** A change with its sign, in the unit's precision: `+8.9 pp`, `-0.42`, `+1.5 h` (nl `+8,9 pp`, `+1,5 u`). */
function formatDelta(delta: number | null, unit: string, w: Words): string {
  if (delta === null) return w.C.noValue;
  const text = plainValue(delta, unit, w.lang);
  const signed = delta > 0 && /[1-9]/.test(text) ? `+${text}` : text;
  return unit === '%' ? `${signed} ${w.L.points}` : unit === 'hours' ? `${signed} ${hoursUnit(w.lang)}` : signed;
}

function intervalText(ci: [number, number] | null, unit: string, w: Words): string {
  return ci ? formatInterval(plainValue(ci[0], unit, w.lang), plainValue(ci[1], unit, w.lang), w.lang) : '';
}

/** A p-value as formatP writes it, with the language's decimal mark. */
const pText = (p: number | null, style: PStyle, w: Words) => {
  const text = formatP(p, style, w.C.noValue);
  return w.lang === 'nl' ? text.replace('.', ',') : text;
};

/** A side as `value (n)`; a count is its own n, so it is shown once. */
const side = (k: CompareRow['before'], w: Words) =>
  k.unit === 'count' && k.value === k.n ? formatValue(k, w.lang) : `${formatValue(k, w.lang)} (${formatCount(k.n, w.lang)})`;

const rowLabel = (r: { kpi: string; label: string }, w: Words) => kpiLabel({ id: r.kpi, label: r.label }, w.lang);

/** Scope heading: the journey, a stage, or stage › touchpoint, with labels from the config. */
function scopeTitle(result: CompareResult, stage: string | null, touchpoint: string | null, w: Words): string {
  if (stage === null && touchpoint === null) return w.C.journey;
  const s = stage === null ? '' : stageLabel({ id: stage, label: result.labels.stages[stage] ?? stage }, w.lang);
  if (touchpoint === null) return `${w.C.stage}: ${s}`;
  return `${s ? `${s} › ` : ''}${result.labels.touchpoints[touchpoint] ?? touchpoint}`;
}

function groups(result: CompareResult, w: Words): { title: string; rows: CompareRow[] }[] {
  const out: { title: string; rows: CompareRow[] }[] = [];
  for (const row of result.rows) {
    const title = scopeTitle(result, row.stage, row.touchpoint, w);
    if (out.at(-1)?.title !== title) out.push({ title, rows: [] });
    out.at(-1)!.rows.push(row);
  }
  return out;
}

function headline(result: CompareResult, w: Words): string {
  const { L, C, lang } = w;
  if (result.mode === 'segment' && result.segment) {
    return `${C.segment}: ${result.segment.label}, ${L.segmentAgainst} ${result.segment.reference} · ${C.period}: ${periodLabel(result.period!, lang)}`;
  }
  const periods = `${L.before}: ${periodLabel(result.before!, lang)} · ${L.after}: ${periodLabel(result.after!, lang)}`;
  const init = result.initiative;
  if (!init) return periods;
  const where = result.labels.touchpoints[init.touchpoint] ?? init.touchpoint;
  return `${L.initiative}: ${init.id} ${L.at} ${where}, ${L.startedOn} ${formatDate(init.started, lang)}${init.description ? ` — ${init.description}` : ''}\n${periods}`;
}

function sourceLine(result: CompareResult, w: Words): string {
  const rows = result.sources.reduce((sum, s) => sum + s.rows, 0);
  return `${sourcesLabel(result.sources.length, w.lang)}, ${formatCount(rows, w.lang)} ${w.C.rows}`;
}

/** The reasons behind missing p-values that occur in this result, once each. */
function noTestNotes(result: CompareResult, w: Words): string[] {
  const reasons = new Map<string, Set<string>>();
  for (const r of [...result.rows, ...(result.initiative?.did ?? [])]) {
    if (!r.no_test) continue;
    if (!reasons.has(r.no_test)) reasons.set(r.no_test, new Set());
    reasons.get(r.no_test)!.add(rowLabel(r, w));
  }
  return [...reasons].map(([code, labels]) => `${[...labels].join(', ')}: ${NO_TEST_LABELS[w.lang][code] ?? code}`);
}

/** The control touchpoints of the estimates that were made (each KPI pools those with data in both periods). */
function controlList(did: DidRow[]): string {
  return [...new Set(did.filter((d) => d.estimate !== null).flatMap((d) => d.control.touchpoints))].join(', ');
}

function componentText(c: Record<string, number>, w: Words): string {
  const num = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(6));
  return Object.entries(c).map(([k, v]) => `${k}=${w.lang === 'nl' ? num(v).replace('.', ',') : num(v)}`).join(' ');
}

function explainLines(result: CompareResult, w: Words): string[] {
  const { L, lang } = w;
  const fixed = (x: number, d: number) => formatNumber(x, d, false, lang);
  const lines: string[] = [];
  for (const r of result.rows) {
    if (!r.components.test) continue;
    const c = r.components;
    lines.push(`${scopeTitle(result, r.stage, r.touchpoint, w)}${r.segment ? ` [${r.segment}]` : ''} · ${rowLabel(r, w)}: ` +
      `${L.before.toLowerCase()} ${componentText(c.before, w)}; ${L.after.toLowerCase()} ${componentText(c.after, w)}; ` +
      `${TEST_LABELS[lang][c.test!]}: ${c.df === null ? 'z' : 't'} = ${fixed(c.statistic!, 3)}${c.df === null ? '' : `, df = ${fixed(c.df, 1)}`}, ` +
      `SE = ${plainValue(c.se!, r.unit, lang)}; p = ${pText(r.p_value, 'exact', w)}, ${L.pAdjusted} = ${pText(r.p_adjusted, 'exact', w)}`);
  }
  for (const d of result.initiative?.did ?? []) {
    if (d.estimate === null || !d.components.se) continue;
    lines.push(`${L.did} · ${rowLabel(d, w)}: ${d.method === 'welch_t' ? `t = ${fixed(d.components.statistic!, 3)}, df = ${fixed(d.components.df!, 1)}` : `z = ${fixed(d.components.statistic!, 3)}`}, ` +
      `SE = ${plainValue(d.components.se, d.unit, lang)}; ${L.control.toLowerCase()}: ${d.control.touchpoints.join(', ')}`);
  }
  return lines;
}

// ---- table ----------------------------------------------------------------------------------

export interface CompareTableOptions {
  color: boolean;
  explain: boolean;
  lang?: Lang;
  /** Terminal width the tables are fitted to (null: the fixed widths below). */
  columns?: number | null;
}

// 20 + 18 + 18 + 11 + 16 + 10 + 7 borders = 100 columns.
const WIDTHS = [20, 18, 18, 11, 16, 10];

/** The table with its rows; fitted to `columns` when known, else in the fixed widths. */
function drawTable(chalk: ChalkInstance, head: string[], rows: string[][], columns: number | null | undefined): string {
  const table = new Table({
    // A heading word longer than its column (Dutch 'Verandering') widens the column rather than being cut.
    head: head.map((h) => chalk.bold(h)),
    // Without a terminal width: the fixed widths, widened where a word (a number) would be cut.
    colWidths: columns ? boxWidths(head, rows, columns) : fitWidths([head, ...rows], 0, 0, 2).map((least, i) => Math.max(WIDTHS[i]!, least)),
    wordWrap: true, colAligns: ['left', 'right', 'right', 'right', 'right', 'right'], style: { head: [], border: [] },
  });
  for (const row of rows) table.push(row);
  return table.toString();
}

function pCell(r: { p_adjusted: number | null; significant: boolean }, chalk: ChalkInstance, w: Words): string {
  return r.significant ? chalk.bold(`${pText(r.p_adjusted, 'table', w)} ${w.L.significantMark}`) : pText(r.p_adjusted, 'table', w);
}

function rowTable(result: CompareResult, rows: CompareRow[], chalk: ChalkInstance, w: Words, columns: number | null | undefined): string {
  const { L, C } = w;
  const seg = result.segment;
  const head = [C.kpi, seg ? `${clean(seg.reference)} (${L.reference})` : L.before, seg ? L.value : L.after, L.change, C.ci, L.pAdjusted];
  const cells: string[][] = [];
  for (const r of rows) {
    const notes = formatFlags(r.flags, w.lang);
    const kpi = `${clean(rowLabel(r, w))}${r.segment !== undefined ? `\n${clean(seg!.label)} = ${clean(r.segment)}` : ''}${notes ? `\n${chalk.dim(notes)}` : ''}`;
    const shade = r.flags.includes('low_n') ? chalk.dim : (s: string) => s;
    cells.push([kpi, shade(side(r.before, w)), shade(side(r.after, w)), formatDelta(r.delta, r.unit, w), intervalText(r.ci, r.unit, w), pCell(r, chalk, w)]);
  }
  return drawTable(chalk, head, cells, columns);
}

function didTable(did: DidRow[], chalk: ChalkInstance, w: Words, columns: number | null | undefined): string {
  const { L, C, lang } = w;
  const cells: string[][] = [];
  for (const d of did) {
    const notes = formatFlags(d.flags, lang);
    cells.push([`${clean(rowLabel(d, w))}${notes ? `\n${chalk.dim(notes)}` : ''}`,
      `${formatDelta(d.touchpoint.delta, d.unit, w)}\n(${formatCount(d.touchpoint.before.n, lang)} → ${formatCount(d.touchpoint.after.n, lang)})`,
      `${formatDelta(d.control.delta, d.unit, w)}\n(${formatCount(d.control.before.n, lang)} → ${formatCount(d.control.after.n, lang)})`,
      formatDelta(d.estimate, d.unit, w), intervalText(d.ci, d.unit, w), pCell(d, chalk, w)]);
  }
  return drawTable(chalk, [C.kpi, L.atTouchpoint, L.atControl, L.estimate, C.ci, L.pAdjusted], cells, columns);
}

export function renderCompareTable(result: CompareResult, options: CompareTableOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const w = wordsFor(options.lang ?? 'en');
  const { L, C } = w;
  const out = [...headline(result, w).split('\n').map(clean), sourceLine(result, w), ''];
  if (result.rows.length === 0) out.push(L.noRows, '');
  for (const g of groups(result, w)) out.push(chalk.bold(clean(g.title)), rowTable(result, g.rows, chalk, w, options.columns), '');
  const init = result.initiative;
  if (init && init.did.length > 0) {
    out.push(chalk.bold(`${L.did}: ${clean(init.id)}`), chalk.dim(L.didNote), didTable(init.did, chalk, w, options.columns));
    out.push(`${L.control}: ${clean(controlList(init.did) || C.noValue)}`);
    if (init.excluded.length) out.push(`${clean(init.excluded.join(', '))}: ${L.excluded}`);
    out.push('');
  }
  out.push(fdrNote(result.method.tests, result.method.significant, w.lang), L.unitNote);
  const notes = noTestNotes(result, w);
  if (notes.length) out.push(`${L.noTestHeading}:`, ...notes.map((n) => `  ${C.noValue} ${clean(n)}`));
  if (options.explain) {
    out.push('', chalk.bold(L.explain), ...explainLines(result, w).map(clean));
    if (result.sql) out.push('', chalk.bold(L.sql), ...result.sql);
  }
  for (const warning of result.warnings) out.push(chalk.yellow(`! ${clean(wordMessage(warning, w.lang))}`));
  return `${out.join('\n').trimEnd()}\n`;
}

// ---- markdown -------------------------------------------------------------------------------

function mdTable(head: string[], align: ('l' | 'r')[], rows: string[][]): string[] {
  return [`| ${head.join(' | ')} |`, `|${align.map((a) => (a === 'r' ? '---:' : '---')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

const mark = (r: { significant: boolean }, w: Words) => (r.significant ? ` ${w.L.significantMark}` : '');

export function renderCompareMarkdown(result: CompareResult, options: { explain: boolean; lang?: Lang }): string {
  const w = wordsFor(options.lang ?? 'en');
  const { L, C, lang } = w;
  const seg = result.segment;
  const out = [`# ${L.title}`, '', escapeMarkdown(headline(result, w).replace('\n', ' · ')), '', escapeMarkdown(sourceLine(result, w)), ''];
  for (const g of groups(result, w)) {
    out.push(`## ${escapeMarkdown(g.title)}`, '', ...mdTable(
      [C.kpi, ...(seg ? [escapeMarkdown(seg.label)] : []), seg ? `${escapeMarkdown(seg.reference)} (${L.reference})` : L.before,
        seg ? L.value : L.after, L.change, L.ciChange, L.p, L.pAdjusted, C.flags],
      ['l', ...(seg ? ['l' as const] : []), 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
      g.rows.map((r) => [escapeMarkdown(rowLabel(r, w)), ...(seg ? [escapeMarkdown(r.segment ?? '')] : []), side(r.before, w), side(r.after, w),
        formatDelta(r.delta, r.unit, w), intervalText(r.ci, r.unit, w), pText(r.p_value, 'table', w), `${pText(r.p_adjusted, 'table', w)}${escapeMarkdown(mark(r, w))}`,
        formatFlags(r.flags, lang)])), '');
  }
  const init = result.initiative;
  if (init && init.did.length > 0) {
    out.push(`## ${L.did}: ${escapeMarkdown(init.id)}`, '', `_${L.didNote}_`, '', ...mdTable(
      [C.kpi, L.atTouchpoint, L.atControl, L.estimate, C.ci, L.p, L.pAdjusted, C.flags],
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
      init.did.map((d) => [escapeMarkdown(rowLabel(d, w)),
        `${formatDelta(d.touchpoint.delta, d.unit, w)} (${formatCount(d.touchpoint.before.n, lang)} → ${formatCount(d.touchpoint.after.n, lang)})`,
        `${formatDelta(d.control.delta, d.unit, w)} (${formatCount(d.control.before.n, lang)} → ${formatCount(d.control.after.n, lang)})`,
        formatDelta(d.estimate, d.unit, w), intervalText(d.ci, d.unit, w), pText(d.p_value, 'table', w), `${pText(d.p_adjusted, 'table', w)}${escapeMarkdown(mark(d, w))}`,
        formatFlags(d.flags, lang)])), '',
    `${L.control}: ${escapeMarkdown(controlList(init.did))}`, '');
  }
  out.push(escapeMarkdown(fdrNote(result.method.tests, result.method.significant, lang)), '', L.unitNote, '');
  const notes = noTestNotes(result, w);
  if (notes.length) out.push(`**${L.noTestHeading}**`, '', ...notes.map((n) => `- ${escapeMarkdown(n)}`), '');
  if (options.explain) {
    out.push(`## ${L.explain}`, '', ...explainLines(result, w).map((l) => `- ${escapeMarkdown(l)}`), '');
    if (result.sql) out.push(`### ${L.sql}`, '', '```sql', ...result.sql, '```', '');
  }
  if (result.warnings.length) out.push(`## ${C.warnings}`, '', ...result.warnings.map((warning) => `- ${escapeMarkdown(wordMessage(warning, lang))}`), '');
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
