// `journey friction` output: the ranking with each touchpoint's why, the moments of truth beside the
// config's, and with --explain every component's numbers, the baselines and the SQL.
// Pure: FrictionReport -> text, in table, Markdown, JSON (journey-friction/1) or CSV.
import { Chalk, type ChalkInstance } from 'chalk';
import type { FrictionEntry, FrictionReport } from '../core/analysis/friction.js';
import type { Driver, MomentOfTruth } from '../core/analysis/friction-mot.js';
import { csvTable, type Cell } from './csv.js';
import { formatCount, formatFlags } from './format.js';
import { renderJson } from './json.js';
import { COMMON_LABELS as C, periodLabel } from './labels/common.js';
import { FRICTION_LABELS as F, verdictLabel } from './labels/friction.js';
import { escapeMarkdown, frictionMarkdown, table as mdTable } from './markdown.js';
import { clean, frictionSection, newTable } from './table.js';

export interface FrictionRenderOptions {
  color?: boolean;
  explain?: boolean;
}

const pct = (x: number | null) => (x === null ? C.noValue : `${x.toFixed(1)}%`);
const points = (x: number | null) => (x === null ? C.noValue : `${x > 0 ? '+' : ''}${x.toFixed(1)}`);
const ratio = (x: number | null) => (x === null ? C.noValue : x.toFixed(2));

/** One touchpoint's components as table rows: what a reader needs to redo the score by hand. */
function componentRows(e: FrictionEntry): string[][] {
  return Object.values(e.components).map((c) => [
    c.flags.length ? `${c.label} (${formatFlags(c.flags)})` : c.label,
    c.affected === null ? `${C.suppressedValue} / ${formatCount(c.n)}` : `${formatCount(c.affected)} / ${formatCount(c.n)}`,
    c.rate === null ? C.noValue : `${pct(c.rate)} [${c.ci![0].toFixed(1)}, ${c.ci![1].toFixed(1)}]`,
    pct(c.baseline),
    points(c.excess),
    c.contribution.toFixed(1),
  ]);
}

const COMPONENT_HEAD = [F.component, F.affected, F.share, F.journey, F.excess, F.contribution];
// 22 + 15 + 20 + 9 + 8 + 14 + 7 borders + the two-space indent = 97 columns.
const COMPONENT_WIDTHS = [22, 15, 20, 9, 8, 14];

function driverCells(d: Driver): string[] {
  const r = d.importance.r === null ? C.noValue
    : `${ratio(d.importance.r)}${d.importance.ci ? ` [${ratio(d.importance.ci[0])}, ${ratio(d.importance.ci[1])}]` : ''}`;
  return [d.measure.toUpperCase(), r, formatCount(d.importance.n), points(d.performance.gap), verdictLabel(d.verdict)];
}

function momentsSummary(moments: MomentOfTruth[]): string[] {
  const list = (ms: MomentOfTruth[]) => (ms.length ? ms.map((m) => m.label).join(', ') : F.noneFound);
  return [
    `${F.markedByConfig}: ${list(moments.filter((m) => m.marked))}`,
    `${F.foundInData}: ${list(moments.filter((m) => m.from_data))}`,
  ];
}

function sqlLines(report: FrictionReport): string[] {
  return [`-- ${F.sqlNote}`, ...(report.sql ?? []).map((q) => `${q.sql};\n`)];
}

export function renderFrictionTable(report: FrictionReport, options: FrictionRenderOptions = {}): string {
  const chalk: ChalkInstance = new Chalk({ level: options.color ? 1 : 0 });
  const out = [chalk.bold(F.title), `${C.period}: ${periodLabel(report.period)} · ${F.formula}`, ''];
  if (report.friction.length === 0) out.push(`  ${F.empty}`, '');
  out.push(...frictionSection(report.friction, chalk));
  if (options.explain) {
    for (const e of report.friction) {
      out.push(chalk.bold(`${e.rank}. ${clean(e.label)} (${clean(e.touchpoint)}): ${F.score.toLowerCase()} ${e.score.toFixed(1)}`));
      const t = newTable(chalk, COMPONENT_HEAD, COMPONENT_WIDTHS, ['left', 'right', 'right', 'right', 'right', 'right']);
      for (const row of componentRows(e)) t.push(row);
      out.push(t.toString().split('\n').map((l) => `  ${l}`).join('\n'), '');
    }
    out.push(chalk.bold(F.baselines));
    for (const b of report.baselines) out.push(`  ${b.label}: ${pct(b.rate)} of ${formatCount(b.n)} ${b.unit} — ${b.definition}`);
    if (report.method.slow_after_hours !== null) out.push(`  ${F.slowAfter} ${report.method.slow_after_hours.toFixed(1)} h`);
    out.push('');
  }
  if (report.moments_of_truth.length > 0) {
    out.push(chalk.bold(F.moments), chalk.dim(F.momentsNote), ...momentsSummary(report.moments_of_truth));
    const t = newTable(chalk, [C.touchpoint, F.marked, F.measure, F.importance, F.customers, F.gap, F.verdict],
      [20, 8, 9, 22, 8, 9, 15], ['left', 'left', 'left', 'right', 'right', 'right', 'left']);
    for (const m of report.moments_of_truth) {
      const mark = m.marked ? C.momentOfTruthMark : '';
      if (m.drivers.length === 0) t.push([clean(m.label), mark, C.noValue, C.noValue, '0', C.noValue, verdictLabel('too_few')]);
      for (const d of m.drivers) t.push([clean(m.label), mark, ...driverCells(d)]);
    }
    out.push(t.toString(), '');
  }
  if (options.explain && report.sql) out.push(chalk.bold(F.sql), ...sqlLines(report));
  for (const warning of report.warnings) out.push(chalk.yellow(`! ${clean(warning)}`));
  return `${out.join('\n').trimEnd()}\n`;
}

export function renderFrictionMarkdown(report: FrictionReport, options: FrictionRenderOptions = {}): string {
  const out = [`# ${F.title}`, '', `${C.period}: ${periodLabel(report.period)} · ${C.generated}: ${report.generated_at}`, '',
    `_${escapeMarkdown(F.formula)}_`, ''];
  out.push(...(report.friction.length ? frictionMarkdown(report.friction) : [`_${F.empty}_`]), '');
  if (options.explain) {
    for (const e of report.friction) {
      out.push(`### ${e.rank}. ${escapeMarkdown(e.label)}: ${F.score.toLowerCase()} ${e.score.toFixed(1)}`, '',
        ...mdTable(COMPONENT_HEAD, ['l', 'r', 'r', 'r', 'r', 'r'], componentRows(e).map(([label, ...numbers]) => [escapeMarkdown(label!), ...numbers])), '');
    }
    out.push(`## ${F.baselines}`, '', ...report.baselines.map((b) =>
      `- ${escapeMarkdown(b.label)}: ${pct(b.rate)} of ${formatCount(b.n)} ${escapeMarkdown(b.unit)} (${escapeMarkdown(b.definition)})`), '');
  }
  if (report.moments_of_truth.length > 0) {
    out.push(`## ${F.moments}`, '', `_${escapeMarkdown(F.momentsNote)}_`, '', ...momentsSummary(report.moments_of_truth).map((l) => `- ${escapeMarkdown(l)}`), '');
    out.push(...mdTable([C.touchpoint, F.marked, F.measure, F.importance, F.customers, F.gap, F.verdict], ['l', 'l', 'l', 'r', 'r', 'r', 'l'],
      report.moments_of_truth.flatMap((m) => m.drivers.map((d) =>
        [escapeMarkdown(m.label), m.marked ? C.momentOfTruthMark : '', ...driverCells(d)]))), '');
  }
  if (options.explain && report.sql) out.push(`## ${F.sql}`, '', '```sql', ...sqlLines(report), '```', '');
  if (report.warnings.length > 0) out.push(`## ${C.warnings}`, '', ...report.warnings.map((w) => `- ${escapeMarkdown(w)}`), '');
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
