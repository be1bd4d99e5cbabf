// `journey friction`: touchpoints ranked by friction, with the evidence per component and the
// moments of truth the data points to; --explain adds every component's numbers and the SQL.
import type { CommonOptions } from './options.js';
import type { DataCommand } from './run.js';

interface FrictionOptions extends CommonOptions {
  explain?: boolean;
}

export const friction: DataCommand<'friction', FrictionOptions, null> = {
  name: 'friction',
  description: 'touchpoints ranked by friction: dissatisfaction, effort, drop-off and contact against the journey, with n and 95% intervals',
  result: 'friction',
  segment: 'per-value',
  flags: (command) => command
    .option('--explain', 'print every component (share, interval, baseline, contribution) and the SQL behind them'),
  help: `
Score: for each component (CSAT 1-3, NPS 0-6, CES 1-3, sessions ending at the touchpoint without
a purchase, tickets not solved first time, slow resolution), max(0, lower 95% Wilson bound of the
touchpoint's share - the journey-wide share) x n; the score is their sum. See docs/friction.md.

Examples:
  journey friction --demo
  journey friction --demo --explain
  journey friction --demo --segment channel     the ranking for all rows, then per channel
  journey friction exports/ --config journey.yaml --since 2025-04-01 --until 2025-06-30
  journey friction exports/ --format json --out friction.json
  journey friction exports/ --format csv,md --out reports/`,
  request: () => null,
  compute: async (session, _request, { period, now, explain }) => {
    const [{ analyseFriction, frictionReport }, { inline }] = await Promise.all([
      import('../core/analysis/friction.js'), import('../core/sql-script.js'),
    ]);
    const result = await analyseFriction(session);
    // --explain: the statements as run, values written in, so they can be pasted after `journey sql`.
    const sql = explain ? result.queries.map((q) => ({ relation: q.relation, sql: inline(q.sql, q.params) })) : undefined;
    return frictionReport(session, result, { period, now, sql });
  },
  warnings: (report) => report.warnings,
  notes: (options, formats) => (options.explain && formats.length === 1 && formats[0] === 'csv'
    ? ['the CSV always holds every component; --explain adds the SQL to table, md and json output']
    : []),
};
