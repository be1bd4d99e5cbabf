// `journey report`: per-stage and per-touchpoint KPIs, the main job.
import { Option } from 'commander';
import type { TrendBy } from '../core/analysis/trends.js';
import { UsageError } from '../core/errors.js';
import { comparisonPeriod, type Period } from '../core/period.js';
import type { CommonOptions } from './options.js';
import type { DataCommand } from './run.js';

export interface ReportOptions extends CommonOptions {
  by?: TrendBy;
  detail?: boolean;
  allKpis?: boolean;
  vs?: 'previous' | 'last-year';
}

export type ReportRequest = {
  segment?: string; by?: TrendBy; vs?: { against: 'previous' | 'last-year' | 'before'; period: Period };
  /** journey map --before/--after: the map of the --after period, each KPI against the --before one. */
  after?: Period;
  /** --format html: the map, with its persona views as `journey map` draws them. */
  personas?: boolean;
};

/** --vs: the period before (or a year before) the run's closed period. */
export function vsOf(options: ReportOptions, period: Period, name: string): ReportRequest['vs'] {
  if (!options.vs) return undefined;
  if (!period.since || !period.until) {
    throw new UsageError(`--vs ${options.vs} needs a period with both ends: --period (e.g. last-week) or --since and --until`);
  }
  const named = calendarName(name) ? { name, since: period.since, until: period.until } : { name: 'range', since: period.since, until: period.until };
  const before = comparisonPeriod(named, options.vs);
  return { against: options.vs, period: { since: before.since, until: before.until } };
}

const calendarName = (name: string) => /^\d{4}(-W\d{2}|-Q\d|-\d{2})?$/.test(name);

export const report: DataCommand<'report', ReportOptions, ReportRequest> = {
  name: 'report',
  description: 'per-stage and per-touchpoint KPIs with n, 95% intervals and reliability flags',
  result: 'report',
  segment: 'breakdown',
  flags: (command) => command
    .addOption(new Option('--by <period>', 'add trends: every KPI per period, significant changes marked').choices(['week', 'month', 'quarter']))
    .option('--detail', 'table: the KPI tables per stage and touchpoint after the journey at a glance (shown anyway when targets or --vs add columns to them)')
    .option('--all-kpis', 'every KPI at every scope in table, Markdown and HTML (default: a stage\'s own KPIs, docs/journey-map.md); JSON and CSV always have all')
    .addOption(new Option('--vs <period>', 'every KPI beside its value in the previous period (or the same period a year earlier), with the change, its interval and significance').choices(['previous', 'last-year'])),
  help: `
Examples:
  journey report --demo                       the journey at a glance: stages, touchpoints, friction top 5
  journey report --demo --detail              then the KPI tables, each stage with its own KPIs
  journey report --demo --detail --all-kpis   every KPI at every scope
  journey report exports/
  journey report survey=exports/nps.csv orders=exports/orders_*.csv --since 2025-01-01 --until 2025-03-31
  journey report exports/ --segment channel --format md --out report.md
  journey report exports/ --by month          KPIs per month, changes tested against the month before
  journey report --config journey.yaml --format json,csv,md --out reports/
  journey report --config journey.yaml --period last-week --vs previous --out 'reports/{period}/' --format json,csv,md

Targets (targets: in the config) show beside each value; with alerts: in the config, a missed target
or a significant decline against --vs is written to stderr, one line each, and the run exits 3
after writing its files (docs/targets.md).`,
  request: (options, { period, periodName, formats }) => ({
    segment: options.segment, by: options.by, vs: vsOf(options, period, periodName), personas: formats.includes('html'),
  }),
  compute: async (session, request, { period, now }) => {
    const { buildReport } = await import('../core/report.js');
    const report = await buildReport(session, { period, segment: request.segment, now, by: request.by, vs: request.vs });
    if (!request.personas || session.config.personas.length === 0) return report;
    const { buildPersonas } = await import('../core/personas.js');
    return { ...report, personas: await buildPersonas(session, { period, now }) };
  },
  alerts: (report) => (report.alerts ?? []).map((a) => a.message),
  warnings: (report) => report.warnings,
};
