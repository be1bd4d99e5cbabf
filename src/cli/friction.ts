// `journey friction`: touchpoints ranked by friction, with the evidence per component and the
// moments of truth the data points to; --explain adds every component's numbers and the SQL.
import type { Command } from 'commander';
import { addCommonOptions, inputsFor, parseFormats, periodOf, progress, resolveConfig, useColor, type CommonOptions } from './options.js';
import { emit, planOutputs, type Io, tellWritten } from './output.js';
import { inline } from './sql.js';

const FORMATS = ['table', 'json', 'csv', 'md'];

export function frictionCommand(program: Command, io: Io, track: (db: { abort(): void } | null) => void): void {
  const command = program.command('friction')
    .description('touchpoints ranked by friction: dissatisfaction, effort, drop-off and contact against the journey, with n and 95% intervals')
    .argument('[inputs...]', 'files, folders or globs; KIND=PATH forces a kind (survey=exports/nps.csv)')
    .option('--explain', 'print every component (share, interval, baseline, contribution) and the SQL behind them');
  addCommonOptions(command, FORMATS).addHelpText('after', `
Score: for each component (CSAT 1-3, NPS 0-6, CES 1-3, sessions ending at the touchpoint without
a purchase, tickets not solved first time, slow resolution), max(0, lower 95% Wilson bound of the
touchpoint's share - the journey-wide share) x n; the score is their sum. See docs/friction.md.

Examples:
  journey friction --demo
  journey friction --demo --explain
  journey friction exports/ --config journey.yaml --since 2025-04-01 --until 2025-06-30
  journey friction exports/ --format json --out friction.json
  journey friction exports/ --format csv,md --out reports/`);
  command.action(async (inputs: string[], options: CommonOptions & { explain?: boolean }) => {
    const formats = parseFormats(options.format, FORMATS);
    const plan = planOutputs(formats, options.out, 'friction', io.cwd);
    const config = await resolveConfig(options, io.cwd);
    const period = periodOf(options);
    const [{ openSession }, { analyseFriction, frictionReport }, render] = await Promise.all([
      import('../core/session.js'), import('../core/analysis/friction.js'), import('../render/friction.js'),
    ]);
    const session = await openSession({
      inputs: inputsFor(options, inputs), config, cwd: io.cwd, env: io.env, period, onFile: progress(options, io.stderr), onOpen: track,
    });
    try {
      const result = await analyseFriction(session);
      // --explain: the statements as run, values written in, so they can be pasted after `journey sql`.
      const sql = options.explain ? result.queries.map((q) => ({ relation: q.relation, sql: inline(q.sql, q.params) })) : undefined;
      const report = frictionReport(session, result, { period, now: io.now(), sql });
      const color = useColor(options, io.stdout, io.env);
      const explain = Boolean(options.explain);
      const rendered = (format: string) =>
        format === 'json' ? render.renderFrictionJson(report)
          : format === 'csv' ? render.renderFrictionCsv(report)
            : format === 'md' ? render.renderFrictionMarkdown(report, { explain })
              : render.renderFrictionTable(report, { explain, color: color && plan.length === 1 && plan[0].path === null });
      const written = emit(io, plan.map((p) => ({ path: p.path, content: rendered(p.format) })));
      tellWritten(io, options, formats, written, report.warnings);
      if (!options.quiet) {
        if (explain && formats.includes('csv') && formats.length === 1) {
          io.stderr.write('note: the CSV always holds every component; --explain adds the SQL to table, md and json output\n');
        }
      }
    } finally {
      track(null);
      session.db.close();
    }
  });
}
