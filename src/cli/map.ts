// `journey map`: the report drawn as a journey map, one self-contained HTML file to hand over
// (stages as columns, touchpoint cards, lanes, experience curve, friction, data and method).
import type { CommonOptions } from './options.js';
import type { DataCommand } from './run.js';

export const map: DataCommand<'map', CommonOptions, { segment?: string }> = {
  name: 'map',
  description: 'the journey map: one self-contained HTML file (stages, touchpoints, KPIs with n and intervals, friction, lanes)',
  result: 'map',
  segment: 'breakdown',
  flags: (command) => command
    .option('--all-kpis', 'every KPI measured at a stage in its headline row (default: the stage\'s own KPIs, docs/journey-map.md)'),
  help: `
The HTML has everything inline (no script, no font or network request), opens from disk and
prints on A3 or A4 landscape. --format table prints the terminal's journey at a glance instead.

Examples:
  journey map --demo -o map.html
  journey map --demo --lang nl -o klantreiskaart.html
  journey map exports/ --config journey.yaml --since 2025-01-01 --until 2025-03-31 -o q1-map.html`,
  request: (options) => ({ segment: options.segment }),
  compute: async (session, request, { period, now }) => {
    const [{ buildReport }, { buildPersonas }] = await Promise.all([import('../core/report.js'), import('../core/personas.js')]);
    const report = await buildReport(session, { period, segment: request.segment, now });
    // With personas: in the config, the map has one view per persona (its JSON carries them too).
    return session.config.personas.length ? { ...report, personas: await buildPersonas(session, { period, now }) } : report;
  },
  warnings: (report) => report.warnings,
};
