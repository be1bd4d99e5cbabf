// `journey map`: the report drawn as a journey map, one self-contained HTML file to hand over
// (stages as columns, touchpoint cards, lanes, experience curve, friction, data and method).
import { Option } from 'commander';
import { vsOf, type ReportOptions, type ReportRequest } from './report.js';
import type { DataCommand } from './run.js';

export const map: DataCommand<'map', ReportOptions, ReportRequest> = {
  name: 'map',
  description: 'the journey map: one self-contained HTML file (stages, touchpoints, KPIs with n and intervals, friction, lanes)',
  result: 'map',
  segment: 'breakdown',
  flags: (command) => command
    .option('--all-kpis', 'every KPI measured at a stage in its headline row (default: the stage\'s own KPIs, docs/journey-map.md)')
    .addOption(new Option('--by <period>', 'a sparkline of each card\'s key KPI per period, significant changes marked').choices(['week', 'month', 'quarter']))
    .addOption(new Option('--vs <period>', 'each card\'s key KPI against the previous period (or a year earlier), the change and whether it is significant').choices(['previous', 'last-year'])),
  help: `
The HTML has everything inline (no script, no font or network request), opens from disk and
prints on A3 or A4 landscape. --format table prints the terminal's journey at a glance instead.

Examples:
  journey map --demo -o map.html
  journey map --demo --lang nl -o klantreiskaart.html
  journey map --demo --by month -o map.html        each card with its key KPI per month, significant changes marked
  journey map --demo --period 2025-Q2 --as-of 2025-07-01 --vs previous -o q2.html   changes against Q1 on the cards
  journey map exports/ --config journey.yaml --since 2025-01-01 --until 2025-03-31 -o q1-map.html`,
  request: (options, { period, periodName }) => ({ segment: options.segment, by: options.by, vs: vsOf(options, period, periodName) }),
  compute: async (session, request, { period, now }) => {
    const [{ buildReport }, { buildPersonas }] = await Promise.all([import('../core/report.js'), import('../core/personas.js')]);
    const report = await buildReport(session, { period, segment: request.segment, now, by: request.by, vs: request.vs });
    // With personas: in the config, the map has one view per persona (its JSON carries them too).
    return session.config.personas.length ? { ...report, personas: await buildPersonas(session, { period, now }) } : report;
  },
  warnings: (report) => report.warnings,
};
