// `journey sql`: the SQL a report runs, as one script runnable in DuckDB (values printed as literals).
import type { Command } from 'commander';
import { addCommonOptions, formatsOf, periodOf, resolveConfig, type CommonOptions } from './options.js';
import { emit, planOutputs, tellWritten, type Io } from './output.js';
import { generatedAt, withSession, type Track } from './run.js';

export function sqlCommand(program: Command, io: Io, track: Track): void {
  const command = program.command('sql')
    .description('print the SQL a report runs (load, map, measure), runnable as-is in DuckDB')
    .argument('[inputs...]', 'files, folders or globs; KIND=PATH forces a kind');
  addCommonOptions(command, ['sql']).addHelpText('after', `
Examples:
  journey sql --demo > journey.sql && duckdb < journey.sql
  journey sql exports/ --since 2025-01-01
  journey sql --demo --segment channel       the report's breakdown by a config segment`);
  command.action(async (inputs: string[], options: CommonOptions) => {
    const formats = formatsOf(options, ['sql'], io.cwd);
    const plan = planOutputs(formats, options.out, 'journey', io.cwd);
    const config = await resolveConfig(options, io.cwd);
    if (options.segment !== undefined) (await import('../core/config/load.js')).findSegment(config, options.segment, 'segment');
    await withSession({ ...options, quiet: true }, inputs, config, periodOf(options, config.timezone, io.now()), io, track, async (session) => {
      const { sqlScript } = await import('../core/sql-script.js');
      const content = sqlScript(session, { segment: options.segment ?? null, now: generatedAt(io.env, io.now()) });
      const written = emit(io, plan.map((p) => ({ path: p.path, content })));
      tellWritten(io, options, formats, written, []);
    });
  });
}
