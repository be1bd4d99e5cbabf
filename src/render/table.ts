// The terminal report (`--format table`, the default): first the journey at a glance (glance.ts),
// then compact KPI tables per scope sized to the terminal's width (80 columns when there is none),
// every number whole; coloured only when the caller says the terminal wants colour.
import Table from 'cli-table3';
import { Chalk, type ChalkInstance } from 'chalk';
import type { Kpi } from '../core/kpis/measure.js';
import type { Report, SegmentReport, StageReport } from '../core/report.js';
import type { FrictionEntry } from '../core/analysis/friction.js';
import { formatCi, formatCount, formatFlags, formatNumber, formatValue, type Lang } from './format.js';
import { commonLabels, periodLabel, sourcesLabel } from './labels/common.js';
import { COMPONENT_WORDS, frictionLabels } from './labels/friction.js';
import { frictionWhy } from './friction-why.js';
import { glanceLabels } from './labels/glance.js';
import { kpiLabel, stageLabel, stageNameOf } from './labels/journey.js';
import { reportLabels } from './labels/report.js';
import { glance, wrapWords } from './glance.js';
import { ownKpis } from './map-model.js';
import { loyaltyTable, type TableKit } from './loyalty.js';
import { trendsTable } from './trends.js';
import { trendSparklines } from './sparkline.js';
import { extraColumns, formatTarget, formatVs } from './targets.js';
import { frictionThemesLine } from './labels/themes.js';
import { wordMessage } from './labels/messages.js';
import { funnelsTable, identityFooter } from './report-funnels.js';

type Extra = { target: boolean; vs: boolean };
const NO_EXTRA: Extra = { target: false, vs: false };

export interface TableOptions {
  color: boolean;
  lang?: Lang;
  /** The terminal's width; null or absent: 80. */
  columns?: number | null;
  /** --detail: the KPI tables per scope after the first screen (also shown when targets or --vs add columns to them). */
  detail?: boolean;
  /** --all-kpis: every KPI at every scope; default: a stage's own KPIs in its sections (map-model.ts ownKpis). */
  allKpis?: boolean;
}

/** Width drawn for when there is no terminal (files, pipes, goldens), and the bounds for one. */
const DEFAULT_COLUMNS = 80;
const MIN_COLUMNS = 60;
const MAX_COLUMNS = 140;
const SEGMENT_KPI_WIDTH = 24;
const SEGMENT_VALUE_WIDTH = 17;

/**
 * Data-derived text (labels, ids, segment values) must not move the cursor or recolour the
 * terminal: line breaks become spaces, other control and bidi-override characters become U+FFFD.
 */
export function clean(text: string): string {
  return text
    .replace(/\r\n|[\r\n\t]/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '\uFFFD');
}

export function newTable(chalk: ChalkInstance, head: string[], colWidths: number[], colAligns: Table.HorizontalAlignment[], compact = false) {
  return new Table({
    head: head.map((h) => chalk.bold(h)),
    colWidths,
    colAligns,
    wordWrap: true,
    // Empty styles stop cli-table3 from colouring heads and borders on its own; compact: no rule between rows.
    style: { head: [], border: [], compact },
  });
}

const indent = (text: string, by: string) => text.split('\n').map((line) => by + line).join('\n');

const plainWidth = (text: string) => [...text].length;

/**
 * A compact KPI table that fits `total` columns: value, n and interval columns as wide as their
 * widest cell (so no number is ever wrapped or cut), flags up to 16, the label gets the rest.
 */
function kpiTable(kpis: Kpi[], chalk: ChalkInstance, lang: Lang, total: number, extra: Extra = NO_EXTRA): string {
  const C = commonLabels(lang);
  const R = reportLabels(lang);
  const rows = kpis.map((k) => [clean(kpiLabel(k, lang)), formatValue(k, lang), formatCount(k.n, lang), formatCi(k, lang), formatFlags(k.flags, lang, k.unavailable),
    ...(extra.target ? [formatTarget(k)] : []), ...(extra.vs ? [formatVs(k)] : [])]);
  const head = [C.kpi, C.value, C.n, C.ci, C.flags, ...(extra.target ? [R.target] : []), ...(extra.vs ? [R.vs] : [])];
  const colWidth = (i: number) => Math.max(plainWidth(head[i]!), ...rows.map((r) => plainWidth(r[i]!))) + 2;
  const flagsWidth = Math.min(colWidth(4), 16);
  // Targets and --vs add columns after the flags, as wide as their widest cell (the table may then pass `total`).
  const extraWidths = head.slice(5).map((_, j) => colWidth(5 + j));
  const fixed = colWidth(1) + colWidth(2) + colWidth(3) + flagsWidth + 6 + extraWidths.reduce((a, b) => a + b + 1, 0);
  // With target or change columns the KPI names keep room to stay on one line; the table then passes `total`.
  const labelWidth = Math.max(extraWidths.length ? 30 : 10, Math.min(total - fixed, 40));
  const aligns: Table.HorizontalAlignment[] = ['left', 'right', 'right', 'right', 'left', ...(extra.target ? ['left' as const] : []), ...(extra.vs ? ['right' as const] : [])];
  const table = newTable(chalk, head, [labelWidth, colWidth(1), colWidth(2), colWidth(3), flagsWidth, ...extraWidths], aligns, true);
  rows.forEach((row, i) => {
    const kpi = kpis[i]!;
    // Low-n values are shown but dimmed so the eye does not settle on them first.
    const shade = kpi.flags.includes('low_n') ? chalk.dim : (x: string) => x;
    const cells = [row[0]!, shade(row[1]!), row[2]!, row[3]!, row[4]!];
    let next = 5;
    if (extra.target) {
      const cell = row[next++]!;
      cells.push(kpi.target?.status === 'missed' ? chalk.red(cell) : kpi.target?.status === 'at_risk' ? chalk.yellow(cell) : cell);
    }
    if (extra.vs) cells.push(kpi.vs?.worse ? chalk.red(row[next]!) : row[next]!);
    table.push(cells);
  });
  return table.toString();
}

/** The KPIs a section shows: all with --all-kpis, else the stage's own, and a line saying how many more there are. */
function shown(stage: StageReport, kpis: Kpi[], touchpoint: boolean, all: boolean): { kpis: Kpi[]; hidden: number } {
  if (all) return { kpis, hidden: 0 };
  const own = ownKpis(stage, kpis, touchpoint);
  return { kpis: own, hidden: kpis.length - own.length };
}

function stageSection(stage: StageReport, chalk: ChalkInstance, lang: Lang, total: number, extra: Extra, all: boolean): string[] {
  const C = commonLabels(lang);
  const R = reportLabels(lang);
  const out = wrapWords(`${C.stage}: ${clean(stageLabel(stage, lang))}`, total, '  ').map((l) => chalk.bold(l));
  const touchpoints = stage.touchpoints.filter((t) => t.kpis.length > 0);
  if (stage.kpis.length === 0 && touchpoints.length === 0) return [...out, `  ${R.noData}`, ''];
  const more = (hidden: number, by: string) => (hidden > 0 ? wrapWords(R.moreKpis.replace('{n}', String(hidden)), total - by.length, by).map((l, i) => chalk.dim(i === 0 ? by + l : l)) : []);
  const own = shown(stage, stage.kpis, false, all);
  if (own.kpis.length > 0) out.push(kpiTable(own.kpis, chalk, lang, total, extra));
  out.push(...more(own.hidden, '  '));
  for (const tp of touchpoints) {
    const title = `${clean(tp.label)}${tp.moment_of_truth ? ` ${C.momentOfTruthMark} ${R.momentOfTruth}` : ''}`;
    const mine = shown(stage, tp.kpis, true, all);
    out.push(...wrapWords(title, total - 2, '  ').map((l) => `  ${chalk.bold(l)}`));
    if (mine.kpis.length > 0) out.push(indent(kpiTable(mine.kpis, chalk, lang, total - 2, extra), '  '));
    out.push(...more(mine.hidden, '    '));
  }
  out.push('');
  return out;
}

/** Every KPI that any segment value has at this scope, in the report's (catalogue) order. */
function kpiRows(perValue: Kpi[][], lang: Lang): { id: string; label: string }[] {
  const rows = new Map<string, string>();
  for (const kpis of perValue) for (const k of kpis) if (!rows.has(k.id)) rows.set(k.id, kpiLabel(k, lang));
  return [...rows].map(([id, label]) => ({ id, label }));
}

function segmentTables(title: string, values: SegmentReport[], perValue: Kpi[][], chalk: ChalkInstance, lang: Lang, total: number): string[] {
  const rows = kpiRows(perValue, lang);
  if (rows.length === 0) return [];
  const C = commonLabels(lang);
  const perTable = Math.max(1, Math.floor((total - SEGMENT_KPI_WIDTH - 2) / (SEGMENT_VALUE_WIDTH + 1)));
  const out = [chalk.bold(title)];
  for (let start = 0; start < values.length; start += perTable) {
    const chunk = values.slice(start, start + perTable);
    const table = newTable(chalk, [C.kpi, ...chunk.map((v) => clean(v.value))],
      [SEGMENT_KPI_WIDTH, ...chunk.map(() => SEGMENT_VALUE_WIDTH)],
      ['left', ...chunk.map(() => 'right' as const)], true);
    for (const row of rows) {
      table.push([clean(row.label), ...chunk.map((_, i) => {
        const kpi = perValue[start + i]!.find((k) => k.id === row.id);
        if (!kpi) return C.noValue;
        const cell = `${formatValue(kpi, lang)} (${formatCount(kpi.n, lang)})`;
        return kpi.flags.includes('low_n') ? chalk.dim(cell) : cell;
      })]);
    }
    out.push(table.toString());
  }
  out.push('');
  return out;
}

function segmentSection(segment: NonNullable<Report['segment']>, stages: StageReport[], chalk: ChalkInstance, lang: Lang, total: number, all: boolean): string[] {
  const C = commonLabels(lang);
  const { values } = segment;
  const out = [chalk.bold.underline(`${C.segment}: ${clean(segment.label)}`), chalk.dim(reportLabels(lang).segmentNote), ''];
  out.push(...segmentTables(C.journey, values, values.map((v) => v.kpis), chalk, lang, total));
  for (const stage of stages) {
    // Segment reports list the same stages as the main report; match by id, not position.
    const perValue = values.map((v) => shown(stage, v.stages.find((s) => s.id === stage.id)?.kpis ?? [], false, all).kpis);
    out.push(...segmentTables(`${C.stage}: ${clean(stageLabel(stage, lang))}`, values, perValue, chalk, lang, total));
  }
  return out;
}

// #, touchpoint, stage, score, n, contributors: 4 + 20 + 15 + 9 + 9 + 34 + 7 borders = 98 columns.
/**
 * The friction ranking: each touchpoint's score, n and the components that weigh most in it, as
 * a compact table that fits `total` columns. Rank, score and n are as wide as their widest cell
 * (no number is ever wrapped or cut), the stage as its longest name; the touchpoint and the
 * contributors share the rest and wrap inside their cells.
 */
function frictionTable(entries: FrictionEntry[], chalk: ChalkInstance, lang: Lang, total: number): string {
  const C = commonLabels(lang);
  const F = frictionLabels(lang);
  const rows = entries.map((e) => {
    const top = Object.entries(e.components).filter(([, c]) => c.contribution > 0)
      .sort(([, a], [, b]) => b.contribution - a.contribution).slice(0, 3);
    return [String(e.rank), clean(e.label), clean(stageNameOf(e.stage, lang)), formatNumber(e.score, 1, false, lang), formatCount(e.n, lang),
      top.length ? top.map(([id, c]) => `${COMPONENT_WORDS[lang][id]?.label ?? c.label} ${Math.round(c.share)}%`).join('\n') : chalk.dim(F.none)];
  });
  const head = [F.rank, C.touchpoint, C.stage, F.score, C.n, F.contributors];
  const widest = (i: number) => Math.max(...[head[i]!, ...rows.map((r) => r[i]!)].map((t) => plainWidth(t))) + 2;
  const fixed = [widest(0), 0, widest(2), widest(3), widest(4), 0];
  const rest = Math.max(30, total - fixed.reduce((a, b) => a + b, 0) - (head.length + 1));
  const label = Math.min(widest(1), Math.max(14, rest - 20));
  const widths = [fixed[0]!, label, fixed[2]!, fixed[3]!, fixed[4]!, rest - label];
  const table = newTable(chalk, head, widths, ['right', 'left', 'left', 'right', 'right', 'left'], true);
  for (const row of rows) table.push(row);
  return table.toString();
}

/** The ranking followed by each touchpoint's `why`, for `journey friction`. */
export function frictionSection(entries: FrictionEntry[], chalk: ChalkInstance, lang: Lang = 'en', total = 80): string[] {
  if (entries.length === 0) return [];
  return [frictionTable(entries, chalk, lang, total), ...entries.flatMap((e) => {
    const themes = frictionThemesLine(e.themes ?? [], lang);
    return [`${e.rank}. ${chalk.bold(clean(e.label))}: ${clean(frictionWhy(e, lang))}`, ...(themes ? [`   ${clean(themes)}`] : [])];
  }), ''];
}

export function renderTable(report: Report, options: TableOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const lang = options.lang ?? 'en';
  const total = Math.min(MAX_COLUMNS, Math.max(MIN_COLUMNS, options.columns ?? DEFAULT_COLUMNS));
  const C = commonLabels(lang);
  const R = reportLabels(lang);
  const rows = report.sources.reduce((sum, s) => sum + s.rows, 0);
  const rejected = report.sources.reduce((sum, s) => sum + s.rejected, 0);
  const header = `${C.period}: ${periodLabel(report.period, lang)} · ${sourcesLabel(report.sources.length, lang)}, `
    + `${formatCount(rows, lang)} ${C.rows}${rejected > 0 ? ` (${formatCount(rejected, lang)} ${R.rejected})` : ''}`;
  const out = [...wrapWords(header, total, '  '), ''];
  out.push(...glance(report, total, lang, chalk, clean));
  // After the legend: who the cross-source numbers are about, then the config's funnels.
  const identity = identityFooter(report.identity, lang, total, chalk);
  if (identity.length) out.push(...identity, '');
  out.push(...funnelsTable(report.funnels ?? [], lang, total, chalk, clean));
  const extra = extraColumns([report.kpis, ...report.stages.flatMap((s) => [s.kpis, ...s.touchpoints.map((t) => t.kpis)])]);
  // Target and change columns live only in the detail tables, so a report that has them shows them;
  // --all-kpis asks for the tables too.
  const detail = Boolean(options.detail || options.allKpis || extra.target || extra.vs);
  if (detail) {
    out.push(chalk.bold.underline(glanceLabels(lang).detail), '');
    if (report.vs) {
      out.push(`${R.vsAgainst} ${report.vs.against === 'previous' ? R.previous : report.vs.against === 'before' ? R.beforePeriod : R.lastYear}: ${periodLabel(report.vs.period, lang)}`,
        chalk.dim(R.vsNote), '');
    }
    out.push(chalk.bold(C.journey));
    out.push(report.kpis.length > 0 ? kpiTable(report.kpis, chalk, lang, total, extra) : `  ${R.noData}`, '');
    for (const stage of report.stages) out.push(...stageSection(stage, chalk, lang, total, extra, Boolean(options.allKpis)));
  }
  if (report.segment) out.push(...segmentSection(report.segment, report.stages, chalk, lang, total, Boolean(options.allKpis)));
  const kit: TableKit = { chalk, clean, newTable: (head, widths, aligns) => newTable(chalk, head, widths, aligns, true), lang, width: total };
  if (report.loyalty && detail) out.push(...loyaltyTable(report.loyalty, kit));
  if (report.trends) out.push(...trendSparklines(report, kit, Boolean(options.allKpis)), ...(detail ? trendsTable(report, kit) : []));
  for (const warning of report.warnings) out.push(...wrapWords(`! ${clean(wordMessage(warning, lang))}`, total, '  ').map((l) => chalk.yellow(l)));
  if (report.alerts?.length) out.push('', chalk.bold.red(`${R.alerts}:`), ...report.alerts.map((a) => chalk.red(`! ${clean(a.message)}`)));
  if (!detail) out.push('', ...wrapWords(R.detailHint, total).map((l) => chalk.dim(l)));
  return `${out.join('\n').trimEnd()}\n`;
}
