// `journey report`: per-stage and per-touchpoint KPIs, the main job.
import { Option } from 'commander';
import type { TrendBy } from '../core/analysis/trends.js';
import type { CommonOptions } from './options.js';
import type { DataCommand } from './run.js';

interface ReportOptions extends CommonOptions {
  by?: TrendBy;
}

export const report: DataCommand<'report', ReportOptions, { segment?: string; by?: TrendBy }> = {
  name: 'report',
  description: 'per-stage and per-touchpoint KPIs with n, 95% intervals and reliability flags',
  result: 'report',
  segment: 'breakdown',
  flags: (command) => command
    .addOption(new Option('--by <period>', 'add trends: every KPI per period, significant changes marked').choices(['week', 'month', 'quarter'])),
  help: `
Examples:
  journey report --demo
  journey report exports/
  journey report survey=exports/nps.csv orders=exports/orders_*.csv --since 2025-01-01 --until 2025-03-31
  journey report exports/ --segment channel --format md --out report.md
  journey report exports/ --by month          KPIs per month, changes tested against the month before
  journey report --config journey.yaml --format json,csv,md --out reports/`,
  request: (options) => ({ segment: options.segment, by: options.by }),
  compute: async (session, request, { period, now }) => {
    const { buildReport } = await import('../core/report.js');
    return buildReport(session, { period, segment: request.segment, now, by: request.by });
  },
  warnings: (report) => report.warnings,
};
