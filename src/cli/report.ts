// `journey report`: per-stage and per-touchpoint KPIs, the main job.
import { Option, type Command } from 'commander';
import { addCommonOptions, inputsFor, parseFormats, periodOf, progress, resolveConfig, useColor, type CommonOptions } from './options.js';
import { emit, planOutputs, type Io, tellWritten } from './output.js';

const FORMATS = ['table', 'json', 'csv', 'md'];

export function reportCommand(program: Command, io: Io, track: (db: { abort(): void } | null) => void): void {
  const command = program.command('report')
    .description('per-stage and per-touchpoint KPIs with n, 95% intervals and reliability flags')
    .argument('[inputs...]', 'files, folders or globs; KIND=PATH forces a kind (survey=exports/nps.csv)')
    .option('--segment <name>', 'break the report down by a segment from the config')
    .addOption(new Option('--by <period>', 'add trends: every KPI per period, significant changes marked').choices(['week', 'month', 'quarter']));
  addCommonOptions(command, FORMATS).addHelpText('after', `
Examples:
  journey report --demo
  journey report exports/
  journey report survey=exports/nps.csv orders=exports/orders_*.csv --since 2025-01-01 --until 2025-03-31
  journey report exports/ --segment channel --format md --out report.md
  journey report exports/ --by month          KPIs per month, changes tested against the month before
  journey report --config journey.yaml --format json,csv,md --out reports/`);
  command.action(async (inputs: string[], options: CommonOptions & { by?: 'week' | 'month' | 'quarter' }) => {
    const formats = parseFormats(options.format, FORMATS);
    const plan = planOutputs(formats, options.out, 'report', io.cwd);
    const config = await resolveConfig(options, io.cwd);
    const period = periodOf(options);
    // Heavy modules (DuckDB, renderers) load only when a command runs: `--help` stays fast.
    const [{ openSession }, { buildReport }, { renderCsv }, { renderReportJson }, { renderMarkdown }, { renderTable }] = await Promise.all([
      import('../core/session.js'), import('../core/report.js'), import('../render/csv.js'),
      import('../render/json.js'), import('../render/markdown.js'), import('../render/table.js'),
    ]);
    const session = await openSession({
      inputs: inputsFor(options, inputs), config, cwd: io.cwd, env: io.env, period, onFile: progress(options, io.stderr), onOpen: track,
    });
    try {
      const report = await buildReport(session, { period, segment: options.segment, now: io.now(), by: options.by });
      const color = useColor(options, io.stdout, io.env);
      const render = (format: string) =>
        format === 'json' ? renderReportJson(report)
          : format === 'csv' ? renderCsv(report)
            : format === 'md' ? renderMarkdown(report)
              : renderTable(report, { color: color && plan.length === 1 && plan[0].path === null });
      const written = emit(io, plan.map((p) => ({ path: p.path, content: render(p.format) })));
      if (options.verbose && !options.quiet) {
        io.stderr.write(`config: ${report.config ?? '(none: built-in defaults)'}\n`);
        for (const s of session.sources) {
          io.stderr.write(`${s.path}: ${s.kind} (${s.detectedBy}), ${s.rows} loaded, ${s.rejected} rejected of ${s.records}\n`);
          for (const note of s.notes) io.stderr.write(`  ${note}\n`);
        }
      }
      tellWritten(io, options, formats, written, report.warnings);
    } finally {
      track(null);
      session.db.close();
    }
  });
}
