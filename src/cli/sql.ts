// `journey sql`: the SQL a report runs, as one script runnable in DuckDB (values printed as literals).
import type { Command } from 'commander';
import { quoteLiteral, type Params } from '../core/db.js';
import { UsageError } from '../core/errors.js';
import { addCommonOptions, inputsFor, periodOf, resolveConfig, type CommonOptions } from './options.js';
import { emit, type Io } from './output.js';

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return quoteLiteral(String(value));
}

/** Put bound values back as literals, for reading and re-running by hand. */
export function inline(sql: string, params?: Params): string {
  if (!params) return sql;
  if (Array.isArray(params)) return sql.replace(/\$(\d+)/g, (_, i: string) => literal(params[Number(i) - 1]));
  return sql.replace(/\$([a-z_]+)/gi, (whole, name: string) => (name in params ? literal(params[name]) : whole));
}

export function sqlCommand(program: Command, io: Io, track: (db: { abort(): void } | null) => void): void {
  const command = program.command('sql')
    .description('print the SQL a report runs (load, map, measure), runnable as-is in DuckDB')
    .argument('[inputs...]', 'files, folders or globs; KIND=PATH forces a kind')
    .option('--segment <name>', 'include the breakdown by this segment');
  addCommonOptions(command, ['sql']).addHelpText('after', `
Examples:
  journey sql --demo > journey.sql && duckdb < journey.sql
  journey sql exports/ --since 2025-01-01`);
  command.action(async (inputs: string[], options: CommonOptions) => {
    const config = await resolveConfig(options, io.cwd);
    const period = periodOf(options);
    const [{ openSession }, { relationQueries }, { segmentColumn }, { frictionQueries }, { loyaltySql }, { KPI_BY_ID }] = await Promise.all([
      import('../core/session.js'), import('../core/kpis/measure.js'), import('../core/journey/map.js'),
      import('../core/analysis/friction-components.js'), import('../core/analysis/loyalty.js'), import('../core/kpis/catalogue.js'),
    ]);
    const session = await openSession({ inputs: inputsFor(options, inputs), config, cwd: io.cwd, env: io.env, period, onOpen: track });
    try {
      if (options.segment && !config.segments.some((s) => s.id === options.segment)) {
        throw new UsageError(`--segment ${options.segment}: no such segment in the config`);
      }
      const queries = relationQueries({
        loaded: session.model.kinds, shape: session.shape,
        segmentColumn: options.segment ? segmentColumn(options.segment) : null,
        lowN: config.low_n, minCell: config.min_cell,
      });
      const header = [
        `-- journey: the SQL behind \`journey report\`, generated ${io.now().toISOString()}`,
        `-- Intervals (Wilson, adjusted-Wald NPS, t) and flags are computed from these aggregates by journey itself.`,
        `-- The pseudonymisation key is not printed; this placeholder key gives other customer keys but the same KPIs.`,
        `SET VARIABLE journey_hmac_ipad = from_hex(repeat('36', 64));`,
        `SET VARIABLE journey_hmac_opad = from_hex(repeat('5c', 64));`,
      ];
      const lockAt = session.db.log.findIndex((e) => /^CREATE TABLE journey_stages/.test(e.sql));
      const statements = session.db.log
        .map((e, i) => (i === lockAt ? 'SET enable_external_access = false;\nSET lock_configuration = true;\n\n' : '') + inline(e.sql, e.params) + ';');
      // The report's other sections: friction components per touchpoint, and loyalty by NPS group.
      const friction = frictionQueries(session.model.kinds).map((q) => `-- friction: ${q.relation}\n${q.sql};`);
      const loyalty = loyaltySql(session.model.kinds);
      const content = [
        ...header, '', ...statements, '', '-- KPIs', ...queries.map((q) => q.sql + ';'), '', ...friction,
        ...(loyalty ? ['', '-- loyalty beside satisfaction', inline(loyalty, { home: KPI_BY_ID.get('nps')!.stage }) + ';'] : []), '',
      ].join('\n');
      emit(io, [{ path: null, content }]);
    } finally {
      track(null);
      session.db.close();
    }
  });
}
