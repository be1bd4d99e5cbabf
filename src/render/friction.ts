// `journey friction` output: the ranking with each touchpoint's why, the moments of truth beside the
// config's, and with --explain every component's numbers, the baselines and the SQL.
// Pure: FrictionReport -> text, in table, Markdown, JSON (journey-friction/1) or CSV.
import { Chalk, type ChalkInstance } from 'chalk';
import type { FrictionEntry, FrictionReport } from '../core/analysis/friction.js';
import type { Driver, MomentOfTruth } from '../core/analysis/friction-mot.js';
import { csvTable, type Cell } from './csv.js';
import { formatCount, formatFlags, formatInterval, formatNumber, formatValue, type Lang } from './format.js';
import { renderJson } from './json.js';
import { commonLabels, periodLabel } from './labels/common.js';
import { COMPONENT_WORDS, frictionLabels, verdictLabel } from './labels/friction.js';
import { escapeMarkdown, frictionMarkdown, generatedLabel, table as mdTable } from './markdown.js';
import { clean, frictionSection, newTable } from './table.js';
import { wordMessage } from './labels/messages.js';
import { boxWidths } from './fit.js';

export interface FrictionRenderOptions {
  color?: boolean;
  explain?: boolean;
  lang?: Lang;
  /** Terminal width the ranking is fitted to (default 80). */
  columns?: number | null;
}

/** Number formatters in the reader's language; `none` for a missing value. */
function numbers(lang: Lang) {
  const none = commonLabels(lang).noValue;
  return {
    pct: (x: number | null) => (x === null ? none : `${formatNumber(x, 1, false, lang)}%`),
    points: (x: number | null) => (x === null ? none : `${x > 0 ? '+' : ''}${formatNumber(x, 1, false, lang)}`),
    ratio: (x: number | null) => (x === null ? none : formatNumber(x, 2, false, lang)),
    interval: (lo: number, hi: number, decimals: number) => formatInterval(formatNumber(lo, decimals, false, lang), formatNumber(hi, decimals, false, lang), lang),
  };
}

/** One touchpoint's components as table rows: what a reader needs to redo the score by hand. */
function componentRows(e: FrictionEntry, lang: Lang): string[][] {
  const C = commonLabels(lang);
  const N = numbers(lang);
  return Object.entries(e.components).map(([id, c]) => {
    const label = COMPONENT_WORDS[lang][id]?.label ?? c.label;
    return [
      c.flags.length ? `${label} (${formatFlags(c.flags, lang)})` : label,
      c.affected === null ? `${C.suppressedValue} / ${formatCount(c.n, lang)}` : `${formatCount(c.affected, lang)} / ${formatCount(c.n, lang)}`,
      c.rate === null ? C.noValue : `${N.pct(c.rate)} ${N.interval(c.ci![0], c.ci![1], 1)}`,
      N.pct(c.baseline),
      N.points(c.excess),
      formatNumber(c.contribution, 1, false, lang),
    ];
  });
}

const componentHead = (lang: Lang) => {
  const F = frictionLabels(lang);
  return [F.component, F.affected, F.share, F.journey, F.excess, F.contribution];
};
const componentWidths = (lang: Lang) => [22, 15, 20, 9, 8, 14].map((w, i) => Math.max(w, [...componentHead(lang)[i]!].length + 2));

/**
 * Column widths for a compact table that fits `total` columns: every column as wide as its widest
 * cell (heading included), so no number is wrapped or cut; column `flex` (a label) takes what is
 * left, at least `min`, and wraps inside its cell.
 */
function fittedWidths(head: string[], rows: string[][], total: number, flex = 0, min = 9): number[] {
  const widths = head.map((_, i) => Math.max(...[head[i]!, ...rows.map((r) => r[i] ?? '')].map((c) => [...c].length)) + 2);
  const others = widths.reduce((a, b, i) => (i === flex ? a : a + b), 0);
  widths[flex] = Math.min(widths[flex]!, Math.max(min, total - others - (head.length + 1)));
  return widths;
}

function driverCells(d: Driver, lang: Lang): string[] {
  const N = numbers(lang);
  const r = d.importance.r === null ? commonLabels(lang).noValue
    : `${N.ratio(d.importance.r)}${d.importance.ci ? ` ${N.interval(d.importance.ci[0], d.importance.ci[1], 2)}` : ''}`;
  return [d.measure.toUpperCase(), r, formatCount(d.importance.n, lang), N.points(d.performance.gap), verdictLabel(d.verdict, lang)];
}

function momentsSummary(moments: MomentOfTruth[], lang: Lang): string[] {
  const F = frictionLabels(lang);
  const list = (ms: MomentOfTruth[]) => (ms.length ? ms.map((m) => m.label).join(', ') : F.noneFound);
  return [
    `${F.markedByConfig}: ${list(moments.filter((m) => m.marked))}`,
    `${F.foundInData}: ${list(moments.filter((m) => m.from_data))}`,
  ];
}

function sqlLines(report: FrictionReport, lang: Lang): string[] {
  return [`-- ${frictionLabels(lang).sqlNote}`, ...(report.sql ?? []).map((q) => `${q.sql};\n`)];
}

/** A baseline line: its label, share of n and how it is counted, in the reader's words. */
function baselineText(b: FrictionReport['baselines'][number], lang: Lang, quote: (s: string) => string = (x) => x) {
  const w = COMPONENT_WORDS[lang][b.id];
  return {
    label: quote(w?.label ?? b.label),
    share: `${numbers(lang).pct(b.rate)} ${frictionLabels(lang).of} ${formatCount(b.n, lang)} ${quote(w?.unit ?? b.unit)}`,
    definition: quote(w?.definition ?? b.definition),
  };
}

export function renderFrictionTable(report: FrictionReport, options: FrictionRenderOptions = {}): string {
  const lang = options.lang ?? 'en';
  const C = commonLabels(lang);
  const F = frictionLabels(lang);
  const chalk: ChalkInstance = new Chalk({ level: options.color ? 1 : 0 });
  const out = [chalk.bold(F.title), `${C.period}: ${periodLabel(report.period, lang)} · ${F.formula}`, ''];
  if (report.friction.length === 0) out.push(`  ${F.empty}`, '');
  out.push(...frictionSection(report.friction, chalk, lang, options.columns ?? 80));
  if (options.explain) {
    for (const e of report.friction) {
      out.push(chalk.bold(`${e.rank}. ${clean(e.label)} (${clean(e.touchpoint)}): ${F.score.toLowerCase()} ${formatNumber(e.score, 1, false, lang)}`));
      // Six columns of numbers with their intervals, indented by two: fitted to the terminal (cells
      // wrap at spaces, an interval under its share), else in fixed widths a longer (Dutch) heading widens.
      const rows = componentRows(e, lang);
      const widths = options.columns ? boxWidths(componentHead(lang), rows, options.columns - 2) : componentWidths(lang);
      const t = newTable(chalk, componentHead(lang), widths, ['left', 'right', 'right', 'right', 'right', 'right'], true);
      for (const row of rows) t.push(row);
      out.push(t.toString().split('\n').map((l) => `  ${l}`).join('\n'), '');
    }
    out.push(chalk.bold(F.baselines));
    for (const b of report.baselines) {
      const text = baselineText(b, lang);
      out.push(`  ${text.label}: ${text.share} — ${text.definition}`);
    }
    if (report.method.slow_after_hours !== null) {
      out.push(`  ${F.slowAfter} ${formatValue({ value: report.method.slow_after_hours, unit: 'hours', flags: [] }, lang)}`);
    }
    out.push('');
  }
  if (report.moments_of_truth.length > 0) {
    out.push(chalk.bold(F.moments), chalk.dim(F.momentsNote), ...momentsSummary(report.moments_of_truth, lang));
    const head = [C.touchpoint, F.marked, F.measure, F.importance, F.customers, F.gap, F.verdict];
    const rows: string[][] = [];
    for (const m of report.moments_of_truth) {
      const mark = m.marked ? C.momentOfTruthMark : '';
      if (m.drivers.length === 0) rows.push([clean(m.label), mark, C.noValue, C.noValue, '0', C.noValue, verdictLabel('too_few', lang)]);
      for (const d of m.drivers) rows.push([clean(m.label), mark, ...driverCells(d, lang)]);
    }
    const t = newTable(chalk, head, fittedWidths(head, rows, options.columns ?? 80),
      ['left', 'left', 'left', 'right', 'right', 'right', 'left'], true);
    for (const row of rows) t.push(row);
    out.push(t.toString(), '');
  }
  if (options.explain && report.sql) out.push(chalk.bold(F.sql), ...sqlLines(report, lang));
  for (const warning of report.warnings) out.push(chalk.yellow(`! ${clean(wordMessage(warning, lang))}`));
  return `${out.join('\n').trimEnd()}\n`;
}

export function renderFrictionMarkdown(report: FrictionReport, options: FrictionRenderOptions = {}): string {
  const lang = options.lang ?? 'en';
  const C = commonLabels(lang);
  const F = frictionLabels(lang);
  const out = [`# ${F.title}`, '', `${C.period}: ${periodLabel(report.period, lang)} · ${C.generated}: ${generatedLabel(report.generated_at, lang)}`, '',
    `_${escapeMarkdown(F.formula)}_`, ''];
  out.push(...(report.friction.length ? frictionMarkdown(report.friction, lang) : [`_${F.empty}_`]), '');
  if (options.explain) {
    for (const e of report.friction) {
      out.push(`### ${e.rank}. ${escapeMarkdown(e.label)}: ${F.score.toLowerCase()} ${formatNumber(e.score, 1, false, lang)}`, '',
        ...mdTable(componentHead(lang), ['l', 'r', 'r', 'r', 'r', 'r'], componentRows(e, lang).map(([label, ...cells]) => [escapeMarkdown(label!), ...cells])), '');
    }
    out.push(`## ${F.baselines}`, '', ...report.baselines.map((b) => {
      const text = baselineText(b, lang, escapeMarkdown);
      return `- ${text.label}: ${text.share} (${text.definition})`;
    }), '');
  }
  if (report.moments_of_truth.length > 0) {
    out.push(`## ${F.moments}`, '', `_${escapeMarkdown(F.momentsNote)}_`, '', ...momentsSummary(report.moments_of_truth, lang).map((l) => `- ${escapeMarkdown(l)}`), '');
    out.push(...mdTable([C.touchpoint, F.marked, F.measure, F.importance, F.customers, F.gap, F.verdict], ['l', 'l', 'l', 'r', 'r', 'r', 'l'],
      report.moments_of_truth.flatMap((m) => m.drivers.map((d) =>
        [escapeMarkdown(m.label), m.marked ? C.momentOfTruthMark : '', ...driverCells(d, lang)]))), '');
  }
  if (options.explain && report.sql) out.push(`## ${F.sql}`, '', '```sql', ...sqlLines(report, lang), '```', '');
  if (report.warnings.length > 0) out.push(`## ${C.warnings}`, '', ...report.warnings.map((w) => `- ${escapeMarkdown(wordMessage(w, lang))}`), '');
  return `${out.join('\n').trimEnd()}\n`;
}

export function renderFrictionJson(report: FrictionReport): string {
  return renderJson(report);
}

const CSV_HEADER = ['rank', 'touchpoint', 'stage', 'score', 'n', 'component', 'group', 'affected', 'component_n',
  'rate', 'ci_low', 'ci_high', 'baseline', 'baseline_n', 'excess', 'contribution', 'share', 'flags'] as const;

/** One row per touchpoint x component: the whole computation, flat, for a spreadsheet. */
export function renderFrictionCsv(report: FrictionReport): string {
  const rows: Cell[][] = report.friction.flatMap((e) => {
    const head: Cell[] = [{ number: e.rank }, { text: e.touchpoint }, { text: e.stage }, { number: e.score }, { number: e.n }];
    const parts = Object.entries(e.components);
    if (parts.length === 0) return [[...head, ...CSV_HEADER.slice(5).map(() => ({ text: '' }))]];
    return parts.map(([id, c]) => [...head,
      { text: id }, { text: c.group }, { number: c.affected }, { number: c.n },
      { number: c.rate }, { number: c.ci?.[0] ?? null }, { number: c.ci?.[1] ?? null },
      { number: c.baseline }, { number: c.baseline_n }, { number: c.excess }, { number: c.contribution }, { number: c.share },
      { text: c.flags.join('|') }]);
  });
  return csvTable(CSV_HEADER, rows);
}
