// `journey compare`: before/after periods, segment values or an initiative, every KPI at every
// scope with its test, 95% interval and a Benjamini-Hochberg false-discovery-rate correction.
import type { Command } from 'commander';
import { UsageError } from '../core/errors.js';
import type { CompareRequest } from '../core/analysis/compare.js';
import { parseRange } from '../core/analysis/compare-periods.js';
import { addCommonOptions, inputsFor, parseFormats, periodOf, progress, resolveConfig, useColor, type CommonOptions } from './options.js';
import { emit, planOutputs, type Io, tellWritten } from './output.js';
import { inline } from './sql.js';

const FORMATS = ['table', 'json', 'csv', 'md'];

interface CompareOptions extends CommonOptions {
  before?: string;
  after?: string;
  by?: string;
  reference?: string;
  initiative?: string;
  explain?: boolean;
}

/** Which comparison the flags ask for; every contradiction is a usage error (exit 2). */
export function requestOf(options: CompareOptions, now: Date): CompareRequest {
  const periods = options.before !== undefined || options.after !== undefined;
  const modes = [periods, options.by !== undefined, options.initiative !== undefined].filter(Boolean).length;
  if (modes === 0) throw new UsageError('say what to compare: --before A..B --after C..D, --by SEGMENT, or --initiative ID');
  if (modes > 1) throw new UsageError('use one of --before/--after, --by or --initiative, not several');
  if (options.reference !== undefined && options.by === undefined) throw new UsageError('--reference goes with --by SEGMENT');
  if (periods) {
    if (options.before === undefined || options.after === undefined) throw new UsageError('--before and --after go together: --before A..B --after C..D');
    if (options.since !== undefined || options.until !== undefined) {
      throw new UsageError('--before and --after set both periods; leave out --since/--until');
    }
    return { mode: 'periods', before: parseRange('before', options.before), after: parseRange('after', options.after), now };
  }
  if (options.by !== undefined) return { mode: 'segment', segment: options.by, reference: options.reference, period: periodOf(options), now };
  return { mode: 'initiative', initiative: options.initiative!, period: periodOf(options), now };
}

export function compareCommand(program: Command, io: Io, track: (db: { abort(): void } | null) => void): void {
  const command = program.command('compare')
    .description('compare KPIs before/after, between segment values, or around an initiative, with significance')
    .argument('[inputs...]', 'files, folders or globs; KIND=PATH forces a kind (survey=exports/nps.csv)')
    .option('--before <A..B>', 'first period, inclusive dates (YYYY-MM-DD..YYYY-MM-DD; an end may be left open)')
    .option('--after <C..D>', 'second period, inclusive dates; must not overlap --before')
    .option('--by <segment>', 'compare each value of a config segment with a reference value')
    .option('--reference <value>', 'with --by: the value the others are compared with (default: the one with the most rows)')
    .option('--initiative <id>', "an initiative from the config: its touchpoint before/after its start, and a difference-in-differences")
    .option('--explain', 'print how each figure was computed (counts, test statistic, SE) and the SQL');
  addCommonOptions(command, FORMATS).addHelpText('after', `
Examples:
  journey compare exports/ --before 2025-01-01..2025-03-31 --after 2025-04-01..2025-06-30
  journey compare exports/ --by channel --reference web --since 2025-01-01
  journey compare --config journey.yaml --initiative one_page_checkout --explain
  journey compare exports/ --before ..2025-03-31 --after 2025-04-01.. --format json --out compare.json

Every KPI at every scope: before, after, change, its 95% interval and p-value (NPS: two-sample z;
rates: two-proportion z with a Newcombe interval; means: Welch t). Significance controls the
false-discovery rate at 5% over all comparisons (Benjamini-Hochberg).`);
  command.action(async (inputs: string[], options: CompareOptions) => {
    const formats = parseFormats(options.format, FORMATS);
    const request = requestOf(options, io.now());
    const plan = planOutputs(formats, options.out, 'compare', io.cwd);
    const config = await resolveConfig(options, io.cwd);
    const [{ openSession }, { compare, checkRequest }, render] = await Promise.all([
      import('../core/session.js'), import('../core/analysis/compare.js'), import('../render/compare.js'),
    ]);
    checkRequest(config, request);
    const period = request.mode === 'periods' ? { since: null, until: null } : request.period;
    const session = await openSession({
      inputs: inputsFor(options, inputs), config, cwd: io.cwd, env: io.env, period, onFile: progress(options, io.stderr), onOpen: track,
    });
    try {
      const { result, statements } = await compare(session, request);
      const explain = Boolean(options.explain);
      // Our own one-line notes stay comments; every statement ends with ';' so the script runs as printed.
      if (explain) result.sql = statements.map((s) => (/^--[^\n]*$/.test(s.sql) ? s.sql : `${inline(s.sql, s.params)};`));
      const color = useColor(options, io.stdout, io.env);
      const content = (format: string) =>
        format === 'json' ? render.renderCompareJson(result)
          : format === 'csv' ? render.renderCompareCsv(result)
            : format === 'md' ? render.renderCompareMarkdown(result, { explain })
              : render.renderCompareTable(result, { color: color && plan.length === 1 && plan[0].path === null, explain });
      const written = emit(io, plan.map((p) => ({ path: p.path, content: content(p.format) })));
      tellWritten(io, options, formats, written, result.warnings);
    } finally {
      track(null);
      session.db.close();
    }
  });
}
