// The trends section (`--by week|month|quarter`): per scope, KPI rows by period columns, each cell
// the value with its interval and n, and ▲/▼ where the change from the previous period is
// significant after Benjamini-Hochberg. Table, Markdown and CSV rows; the renderers hand in their
// own helpers (see loyalty.ts).
import type { Kpi } from '../core/kpis/measure.js';
import type { TrendChange, TrendRow, Trends } from '../core/analysis/trends.js';
import type { Report } from '../core/report.js';
import { formatCi, formatCount, formatFlags, formatNumber, formatValue, type Lang } from './format.js';
import { commonLabels } from './labels/common.js';
import { kpiLabel, stageLabel } from './labels/journey.js';
import { TREND_LABELS as T, trendLabels } from './labels/trends.js';
import { wrap, type MarkdownKit, type TableKit } from './loyalty.js';

const KPI_WIDTH = 24;
const PERIOD_WIDTH = 17;

export function marker(change: TrendChange | null): string {
  if (!change?.significant) return '';
  return change.delta > 0 ? T.trendUp : T.trendDown;
}

/** The lines of one cell: value and marker, interval, n and flags. */
function cellLines(kpi: Kpi | null, change: TrendChange | null, lang: Lang): string[] {
  if (!kpi) return [commonLabels(lang).noValue];
  const mark = marker(change);
  // A withheld value already reads "suppressed"; other flags follow n.
  const flags = kpi.flags.filter((f) => f !== 'suppressed');
  // A count that is its own n (tickets, sessions) would only repeat itself.
  const nLine = kpi.unit === 'count' && kpi.value === kpi.n && flags.length === 0 ? '' : `n ${formatCount(kpi.n, lang)}`;
  return [
    `${formatValue(kpi, lang)}${mark ? ` ${mark}` : ''}`,
    formatCi(kpi, lang),
    [nLine, formatFlags(flags, lang)].filter(Boolean).join(', '),
  ].filter(Boolean);
}

interface ScopeGroup {
  title: { stage: string | null; touchpoint: string | null };
  rows: TrendRow[];
}

/** Rows grouped by scope, keeping the report order the core gave them. */
function byScope(trends: Trends): ScopeGroup[] {
  const groups: ScopeGroup[] = [];
  for (const row of trends.rows) {
    const last = groups[groups.length - 1];
    if (last && last.title.stage === row.stage && last.title.touchpoint === row.touchpoint) last.rows.push(row);
    else groups.push({ title: { stage: row.stage, touchpoint: row.touchpoint }, rows: [row] });
  }
  return groups;
}

/** "Whole journey", "Stage: Purchase" or "Purchase › Checkout", labels from the report. */
function scopeTitle(report: Report, scope: ScopeGroup['title'], lang: Lang): { stage: string; touchpoint: string | null } {
  if (!scope.stage) return { stage: commonLabels(lang).journey, touchpoint: null };
  const stage = report.stages.find((s) => s.id === scope.stage);
  const touchpoint = scope.touchpoint ? stage?.touchpoints.find((t) => t.id === scope.touchpoint)?.label ?? scope.touchpoint : null;
  return { stage: stage ? stageLabel(stage, lang) : scope.stage, touchpoint };
}

function legend(trends: Trends, lang: Lang): string {
  const T = trendLabels(lang);
  return `${T.trendUp}/${T.trendDown} ${T.trendNote} (${T.trendTests}; ` +
    `${T.trendAdjustment} ${formatCount(trends.comparisons, lang)} ${T.comparisons}, α = ${formatNumber(trends.alpha, 2, false, lang)}); ${T.trendUntested}.`;
}

export function trendsTable(report: Report, kit: TableKit): string[] {
  const trends = report.trends!;
  const { chalk, lang } = kit;
  const T = trendLabels(lang);
  const C = commonLabels(lang);
  // Periods per table: as many 17-column periods as fit beside the KPI column (3 at 80 columns).
  const PERIOD_COLUMNS = Math.max(1, Math.floor((kit.width - KPI_WIDTH - 2) / (PERIOD_WIDTH + 1)));
  const out = [chalk.bold.underline(`${T.trends} ${T.trendsBy[trends.by]}`), ...wrap(legend(trends, lang), '', Math.min(98, kit.width)).map((l) => chalk.dim(l)), ''];
  for (const group of byScope(trends)) {
    const title = scopeTitle(report, group.title, lang);
    out.push(chalk.bold(group.title.stage === null ? title.stage
      : `${C.stage}: ${kit.clean(title.stage)}${title.touchpoint === null ? '' : ` › ${kit.clean(title.touchpoint)}`}`));
    for (let start = 0; start < trends.periods.length; start += PERIOD_COLUMNS) {
      const periods = trends.periods.slice(start, start + PERIOD_COLUMNS);
      const table = kit.newTable([C.kpi, ...periods.map((p) => p.id)],
        [KPI_WIDTH, ...periods.map(() => PERIOD_WIDTH)], ['left', ...periods.map(() => 'right' as const)]);
      for (const row of group.rows) {
        table.push([kpiLabel({ id: row.kpi, label: row.label }, lang), ...periods.map((_, j) => {
          const i = start + j;
          const kpi = row.values[i] ?? null;
          const text = cellLines(kpi, row.changes[i] ?? null, lang).join('\n');
          const mark = marker(row.changes[i] ?? null);
          if (mark) return chalk.bold(text);
          return kpi?.flags.includes('low_n') ? chalk.dim(text) : text;
        })]);
      }
      out.push(table.toString());
    }
    out.push('');
  }
  return out;
}

export function trendsMarkdown(report: Report, kit: MarkdownKit): string[] {
  const trends = report.trends!;
  const { lang } = kit;
  const T = trendLabels(lang);
  const C = commonLabels(lang);
  const out = [`## ${T.trends} ${T.trendsBy[trends.by]}`, '', `_${legend(trends, lang)}_`, ''];
  for (const group of byScope(trends)) {
    const title = scopeTitle(report, group.title, lang);
    const heading = group.title.stage === null ? title.stage
      : `${kit.escape(title.stage)}${title.touchpoint === null ? '' : ` › ${kit.escape(title.touchpoint)}`}`;
    out.push(`### ${heading}`, '', ...kit.table(
      [C.kpi, ...trends.periods.map((p) => p.id)],
      ['l', ...trends.periods.map(() => 'r' as const)],
      group.rows.map((row) => [kpiLabel({ id: row.kpi, label: row.label }, lang), ...row.values.map((kpi, i) => {
        const lines = cellLines(kpi, row.changes[i] ?? null, lang);
        return marker(row.changes[i] ?? null) ? `**${lines[0]}** ${lines.slice(1).join(' ')}` : lines.join(' ');
      })]),
    ), '');
  }
  return out;
}

/** A CSV cell: text (escaped by csv.ts) or a number; same shape as csv.ts's own cells. */
export type TrendCell = { text: string } | { number: number | null };

/** Columns the CSV gains when trends are present; report rows leave them empty. */
export const TREND_CSV_COLUMNS = ['period', 'period_since', 'period_until', 'change', 'change_test', 'change_p_value', 'change_p_adjusted', 'change_significant'] as const;

/** One row per scope x KPI x period with a value, in the report CSV's leading columns plus the trend columns. */
export function trendCsvRows(trends: Trends): TrendCell[][] {
  const rows: TrendCell[][] = [];
  for (const row of trends.rows) {
    row.values.forEach((kpi, i) => {
      if (!kpi) return;
      const period = trends.periods[i]!;
      const change = row.changes[i] ?? null;
      rows.push([
        { text: '' }, { text: row.stage ?? '' }, { text: row.touchpoint ?? '' }, { text: kpi.id }, { text: kpi.label },
        { number: kpi.value }, { text: kpi.unit }, { number: kpi.n }, { number: kpi.ci?.[0] ?? null }, { number: kpi.ci?.[1] ?? null },
        { text: kpi.flags.join('|') },
        { text: period.id }, { text: period.since }, { text: period.until },
        { number: change?.delta ?? null }, { text: change?.test ?? '' }, { number: change?.p_value ?? null },
        { number: change?.p_adjusted ?? null }, { text: change ? String(change.significant) : '' },
      ]);
    });
  }
  return rows;
}
