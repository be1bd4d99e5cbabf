// `journey map`: the report drawn as a journey map, one self-contained HTML file to hand over
// (stages as columns, touchpoint cards, lanes, experience curve, friction, data and method).
import { Option } from 'commander';
import { checkPeriods, parseRange } from '../core/analysis/compare-periods.js';
import { UsageError } from '../core/errors.js';
import { vsOf, type ReportOptions, type ReportRequest } from './report.js';
import type { DataCommand } from './run.js';

interface MapOptions extends ReportOptions {
  before?: string;
  after?: string;
}

export const map: DataCommand<'map', MapOptions, ReportRequest> = {
  name: 'map',
  description: 'the journey map: one self-contained HTML file (stages, touchpoints, KPIs with n and intervals, friction, lanes)',
  result: 'map',
  segment: 'breakdown',
  flags: (command) => command
    .option('--all-kpis', 'every KPI measured at a stage in its headline row (default: the stage\'s own KPIs, docs/journey-map.md)')
    .addOption(new Option('--by <period>', 'a sparkline of each card\'s key KPI per period, significant changes marked').choices(['week', 'month', 'quarter']))
    .addOption(new Option('--vs <period>', 'each card\'s key KPI against the previous period (or a year earlier), the change and whether it is significant').choices(['previous', 'last-year']))
    .option('--before <A..B>', 'with --after: the map of the --after period, each card\'s key KPI against this one (dates or moments, as journey compare)')
    .option('--after <C..D>', 'the period the map shows when --before is given; must not overlap it'),
  help: `
The HTML has everything inline (no script, no font or network request), opens from disk and
prints on A3 or A4 landscape. --format table prints the terminal's journey at a glance instead.

Examples:
  journey map --demo -o map.html
  journey map --demo --lang nl -o klantreiskaart.html
  journey map --demo --by month -o map.html        each card with its key KPI per month, significant changes marked
  journey map --demo --period 2025-Q2 --as-of 2025-07-01 --vs previous -o q2.html   changes against Q1 on the cards
  journey map --demo --before 2025-01-01..2025-03-31 --after 2025-04-01..2025-06-30 -o map.html   Q2 against Q1 on the cards
  journey map exports/ --config journey.yaml --since 2025-01-01 --until 2025-03-31 -o q1-map.html`,
  check: (options) => {
    if ((options.before === undefined) !== (options.after === undefined)) throw new UsageError('--before and --after go together: --before A..B --after C..D');
    if (options.before === undefined) return;
    if (options.vs !== undefined) throw new UsageError('use --vs or --before/--after, not both');
    if (options.since !== undefined || options.until !== undefined || options.period !== undefined) {
      throw new UsageError('--before and --after set both periods; leave out --since/--until/--period');
    }
  },
  request: (options, { period, periodName }) => {
    if (options.before === undefined || options.after === undefined) {
      return { segment: options.segment, by: options.by, vs: vsOf(options, period, periodName) };
    }
    const before = parseRange('before', options.before);
    const after = parseRange('after', options.after);
    checkPeriods(before, after);
    return { segment: options.segment, by: options.by, vs: { against: 'before', period: before }, after };
  },
  // With --before/--after every row is loaded; the map is measured in the --after period.
  sessionPeriod: (request) => (request.after ? { since: null, until: null } : undefined),
  compute: async (session, request, { period: runPeriod, now }) => {
    const [{ buildReport }, { buildPersonas }, { withPeriod }] = await Promise.all([
      import('../core/report.js'), import('../core/personas.js'), import('../core/period.js')]);
    const period = request.after ?? runPeriod;
    const build = async () => {
      const report = await buildReport(session, { period, segment: request.segment, now, by: request.by, vs: request.vs });
      // With personas: in the config, the map has one view per persona (its JSON carries them too).
      return session.config.personas.length ? { ...report, personas: await buildPersonas(session, { period, now }) } : report;
    };
    // --before/--after loads every row; the map (personas too) is measured in the --after period.
    return request.after ? withPeriod(session.db, period, session.config.churn_days, build) : build();
  },
  warnings: (report) => report.warnings,
};
