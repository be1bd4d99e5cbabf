// The terminal report (`--format table`, the default): boxed KPI tables per scope, sized to stay
// readable in 100 columns, coloured only when the caller says the terminal wants colour.
import Table from 'cli-table3';
import { Chalk, type ChalkInstance } from 'chalk';
import type { Kpi } from '../core/kpis/measure.js';
import type { Report, SegmentReport, StageReport } from '../core/report.js';
import type { FrictionEntry } from '../core/analysis/friction.js';
import { formatCi, formatCount, formatFlags, formatValue } from './format.js';
import { COMMON_LABELS as C, periodLabel, sourcesLabel } from './labels/common.js';
import { FRICTION_LABELS } from './labels/friction.js';
import { REPORT_LABELS as R } from './labels/report.js';
import { loyaltyTable, type TableKit } from './loyalty.js';
import { trendsTable } from './trends.js';
import { extraColumns, formatTarget, formatVs } from './targets.js';

export interface TableOptions {
  color: boolean;
}

// Fixed widths (padding included) keep every KPI table aligned with the others; the widest line
// is a touchpoint table indented by two: 2 + 90 + 6 borders = 98 columns.
const KPI_WIDTHS = [28, 14, 11, 18, 19];
const SEGMENT_KPI_WIDTH = 24;
const SEGMENT_VALUE_WIDTH = 17;
/** Segment values per table: 24 + 4 x 17 + 6 borders = 98 columns. */
const SEGMENT_COLUMNS = 4;

/**
 * Data-derived text (labels, ids, segment values) must not move the cursor or recolour the
 * terminal: line breaks become spaces, other control and bidi-override characters become U+FFFD.
 */
export function clean(text: string): string {
  return text
    .replace(/\r\n|[\r\n\t]/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '\uFFFD');
}

export function newTable(chalk: ChalkInstance, head: string[], colWidths: number[], colAligns: Table.HorizontalAlignment[]) {
  return new Table({
    head: head.map((h) => chalk.bold(h)),
    colWidths,
    colAligns,
    wordWrap: true,
    // Empty styles stop cli-table3 from colouring heads and borders on its own.
    style: { head: [], border: [] },
  });
}

const indent = (text: string, by: string) => text.split('\n').map((line) => by + line).join('\n');

type Extra = { target: boolean; vs: boolean };
const NO_EXTRA: Extra = { target: false, vs: false };
// With targets or --vs the KPI name narrows to make room: still 100 columns with one extra column.
const TARGET_WIDTH = 17;
const VS_WIDTH = 25;

function kpiTable(kpis: Kpi[], chalk: ChalkInstance, extra: Extra = NO_EXTRA): string {
  const head: string[] = [C.kpi, C.value, C.n, C.ci, C.flags];
  const widths = [...KPI_WIDTHS];
  const aligns: Table.HorizontalAlignment[] = ['left', 'right', 'right', 'right', 'left'];
  if (extra.target) { head.push(R.target); widths.push(TARGET_WIDTH); aligns.push('left'); }
  if (extra.vs) { head.push(R.vs); widths.push(VS_WIDTH); aligns.push('right'); }
  // Narrower KPI, value, n, CI and flag columns make room: 98 columns with one extra column.
  if (extra.target || extra.vs) widths.splice(0, 5, 22, 12, 9, 15, 10);
  const table = newTable(chalk, head, widths, aligns);
  for (const kpi of kpis) {
    // Low-n values are shown but dimmed so the eye does not settle on them first.
    const shade = kpi.flags.includes('low_n') ? chalk.dim : (s: string) => s;
    const row = [clean(kpi.label), shade(formatValue(kpi)), formatCount(kpi.n), formatCi(kpi), formatFlags(kpi.flags)];
    if (extra.target) {
      const cell = formatTarget(kpi);
      row.push(kpi.target?.status === 'missed' ? chalk.red(cell) : kpi.target?.status === 'at_risk' ? chalk.yellow(cell) : cell);
    }
    if (extra.vs) row.push(kpi.vs?.worse ? chalk.red(formatVs(kpi)) : formatVs(kpi));
    table.push(row);
  }
  return table.toString();
}

function stageSection(stage: StageReport, chalk: ChalkInstance, extra: Extra = NO_EXTRA): string[] {
  const out = [chalk.bold(`${C.stage}: ${clean(stage.label)}`)];
  const touchpoints = stage.touchpoints.filter((t) => t.kpis.length > 0);
  if (stage.kpis.length === 0 && touchpoints.length === 0) return [...out, `  ${R.noData}`, ''];
  if (stage.kpis.length > 0) out.push(kpiTable(stage.kpis, chalk, extra));
  for (const tp of touchpoints) {
    const mark = tp.moment_of_truth ? ` ${chalk.yellow(`${C.momentOfTruthMark} ${R.momentOfTruth}`)}` : '';
    out.push(`  ${chalk.bold(clean(tp.label))}${mark}`, indent(kpiTable(tp.kpis, chalk, extra), '  '));
  }
  out.push('');
  return out;
}

/** Every KPI that any segment value has at this scope, in the report's (catalogue) order. */
function kpiRows(perValue: Kpi[][]): { id: string; label: string }[] {
  const rows = new Map<string, string>();
  for (const kpis of perValue) for (const k of kpis) if (!rows.has(k.id)) rows.set(k.id, k.label);
  return [...rows].map(([id, label]) => ({ id, label }));
}

function segmentTables(title: string, values: SegmentReport[], perValue: Kpi[][], chalk: ChalkInstance): string[] {
  const rows = kpiRows(perValue);
  if (rows.length === 0) return [];
  const out = [chalk.bold(title)];
  for (let start = 0; start < values.length; start += SEGMENT_COLUMNS) {
    const chunk = values.slice(start, start + SEGMENT_COLUMNS);
    const table = newTable(chalk, [C.kpi, ...chunk.map((v) => clean(v.value))],
      [SEGMENT_KPI_WIDTH, ...chunk.map(() => SEGMENT_VALUE_WIDTH)],
      ['left', ...chunk.map(() => 'right' as const)]);
    for (const row of rows) {
      table.push([clean(row.label), ...chunk.map((_, i) => {
        const kpi = perValue[start + i]!.find((k) => k.id === row.id);
        if (!kpi) return C.noValue;
        const cell = `${formatValue(kpi)} (${formatCount(kpi.n)})`;
        return kpi.flags.includes('low_n') ? chalk.dim(cell) : cell;
      })]);
    }
    out.push(table.toString());
  }
  out.push('');
  return out;
}

function segmentSection(segment: NonNullable<Report['segment']>, stages: StageReport[], chalk: ChalkInstance): string[] {
  const { values } = segment;
  const out = [chalk.bold.underline(`${C.segment}: ${clean(segment.label)}`), chalk.dim(R.segmentNote), ''];
  out.push(...segmentTables(C.journey, values, values.map((v) => v.kpis), chalk));
  for (const stage of stages) {
    // Segment reports list the same stages as the main report; match by id, not position.
    const perValue = values.map((v) => v.stages.find((s) => s.id === stage.id)?.kpis ?? []);
    out.push(...segmentTables(`${C.stage}: ${clean(stage.label)}`, values, perValue, chalk));
  }
  return out;
}

// #, touchpoint, stage, score, n, contributors: 4 + 20 + 15 + 9 + 9 + 34 + 7 borders = 98 columns.
const FRICTION_WIDTHS = [4, 20, 15, 9, 9, 34];

/** The friction ranking: each touchpoint's score, n and the components that weigh most in it. */
function frictionTable(entries: FrictionEntry[], chalk: ChalkInstance): string {
  const table = newTable(chalk, [FRICTION_LABELS.rank, C.touchpoint, C.stage, FRICTION_LABELS.score, C.n, FRICTION_LABELS.contributors],
    FRICTION_WIDTHS, ['right', 'left', 'left', 'right', 'right', 'left']);
  for (const e of entries) {
    const top = Object.values(e.components).filter((c) => c.contribution > 0)
      .sort((a, b) => b.contribution - a.contribution).slice(0, 3);
    table.push([String(e.rank), clean(e.label), clean(e.stage), e.score.toFixed(1), formatCount(e.n),
      top.length ? top.map((c) => `${c.label} ${Math.round(c.share)}%`).join('\n') : chalk.dim(FRICTION_LABELS.none)]);
  }
  return table.toString();
}

/** The ranking followed by each touchpoint's `why`, for the report (top 5) and `journey friction`. */
export function frictionSection(entries: FrictionEntry[], chalk: ChalkInstance): string[] {
  if (entries.length === 0) return [];
  return [frictionTable(entries, chalk), ...entries.map((e) => `${e.rank}. ${chalk.bold(clean(e.label))}: ${clean(e.why)}`), ''];
}

export function renderTable(report: Report, options: TableOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const rows = report.sources.reduce((sum, s) => sum + s.rows, 0);
  const rejected = report.sources.reduce((sum, s) => sum + s.rejected, 0);
  const header = `${C.period}: ${periodLabel(report.period)} · ${sourcesLabel(report.sources.length)}, `
    + `${formatCount(rows)} ${C.rows}${rejected > 0 ? ` (${formatCount(rejected)} ${R.rejected})` : ''}`;
  const out = [header, ''];
  const extra = extraColumns([report.kpis, ...report.stages.flatMap((s) => [s.kpis, ...s.touchpoints.map((t) => t.kpis)])]);
  if (report.vs) {
    out.push(`${R.vsAgainst} ${report.vs.against === 'previous' ? R.previous : R.lastYear}: ${periodLabel(report.vs.period)}`,
      chalk.dim(R.vsNote), '');
  }
  out.push(chalk.bold(C.journey));
  out.push(report.kpis.length > 0 ? kpiTable(report.kpis, chalk, extra) : `  ${R.noData}`, '');
  for (const stage of report.stages) out.push(...stageSection(stage, chalk, extra));
  if (report.friction.length > 0) out.push(chalk.bold(FRICTION_LABELS.top), ...frictionSection(report.friction.slice(0, 5), chalk));
  if (report.segment) out.push(...segmentSection(report.segment, report.stages, chalk));
  const kit: TableKit = { chalk, clean, newTable: (head, widths, aligns) => newTable(chalk, head, widths, aligns) };
  if (report.loyalty) out.push(...loyaltyTable(report.loyalty, kit));
  if (report.trends) out.push(...trendsTable(report, kit));
  for (const warning of report.warnings) out.push(chalk.yellow(`! ${clean(warning)}`));
  if (report.alerts?.length) out.push('', chalk.bold.red(`${R.alerts}:`), ...report.alerts.map((a) => chalk.red(`! ${clean(a.message)}`)));
  return `${out.join('\n').trimEnd()}\n`;
}
