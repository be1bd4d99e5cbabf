// `journey compare`: before/after periods, segment values or an initiative, every KPI at every
// scope with its test, 95% interval and a Benjamini-Hochberg false-discovery-rate correction.
import { UsageError } from '../core/errors.js';
import type { CompareRequest } from '../core/analysis/compare.js';
import { parseRange } from '../core/analysis/compare-periods.js';
import type { Period } from '../core/period.js';
import { periodOf, type CommonOptions } from './options.js';
import type { DataCommand } from './run.js';

interface CompareOptions extends CommonOptions {
  before?: string;
  after?: string;
  by?: string;
  reference?: string;
  initiative?: string;
  explain?: boolean;
}

/** Which comparison the flags ask for; every contradiction is a usage error (exit 2). */
/** `period`: the run's resolved period (run.ts); without it --period is resolved only to check it. */
export function requestOf(options: CompareOptions, now: Date, period?: Period): CompareRequest {
  const periods = options.before !== undefined || options.after !== undefined;
  const modes = [periods, options.by !== undefined, options.initiative !== undefined].filter(Boolean).length;
  if (modes === 0) throw new UsageError('say what to compare: --before A..B --after C..D, --by SEGMENT, or --initiative ID');
  if (modes > 1) throw new UsageError('use one of --before/--after, --by or --initiative, not several');
  if (options.reference !== undefined && options.by === undefined) throw new UsageError('--reference goes with --by SEGMENT');
  if (periods) {
    if (options.before === undefined || options.after === undefined) throw new UsageError('--before and --after go together: --before A..B --after C..D');
    if (options.since !== undefined || options.until !== undefined || options.period !== undefined) {
      throw new UsageError('--before and --after set both periods; leave out --since/--until/--period');
    }
    return { mode: 'periods', before: parseRange('before', options.before), after: parseRange('after', options.after), now };
  }
  if (options.by !== undefined) return { mode: 'segment', segment: options.by, reference: options.reference, period: period ?? periodOf(options), now };
  return { mode: 'initiative', initiative: options.initiative!, period: period ?? periodOf(options), now };
}

export const compare: DataCommand<'compare', CompareOptions, CompareRequest> = {
  name: 'compare',
  description: 'compare KPIs before/after, between segment values, or around an initiative, with significance',
  result: 'compare',
  segment: 'per-value',
  flags: (command) => command
    .option('--before <A..B>', 'first period: inclusive dates (YYYY-MM-DD..YYYY-MM-DD) or moments (YYYY-MM-DDTHH:MM, an end moment excluded); an end may be left open')
    .option('--after <C..D>', 'second period, dates or moments; must not overlap --before')
    .option('--by <segment>', 'compare each value of a config segment with a reference value')
    .option('--reference <value>', 'with --by: the value the others are compared with (default: the one with the most rows)')
    .option('--initiative <id>', "an initiative from the config: its touchpoint before/after its start, and a difference-in-differences")
    .option('--explain', 'print how each figure was computed (counts, test statistic, SE) and the SQL'),
  help: `
Examples:
  journey compare exports/ --before 2025-01-01..2025-03-31 --after 2025-04-01..2025-06-30
  journey compare exports/ --by channel --reference web --since 2025-01-01
  journey compare --config journey.yaml --initiative one_page_checkout --explain
  journey compare exports/ --before ..2025-03-31 --after 2025-04-01.. --format json --out compare.json
  journey compare exports/ --before 2025-03-01..2025-03-01T12:00 --after 2025-03-01T12:00..2025-03-02

Every KPI at every scope: before, after, change, its 95% interval and p-value (NPS: two-sample z;
rates: two-proportion z with a Newcombe interval; means: Welch t). Significance controls the
false-discovery rate at 5% over all comparisons (Benjamini-Hochberg).`,
  // Checked before any output is planned: a contradiction in the flags is reported first.
  check: (options, _formats, now) => void requestOf(options, now),
  request: async (options, { config, now, period }) => {
    const { checkRequest } = await import('../core/analysis/compare.js');
    const request = requestOf(options, now, period);
    checkRequest(config, request);
    return request;
  },
  sessionPeriod: (request) => (request.mode === 'periods' ? { since: null, until: null } : request.period),
  compute: async (session, request, { explain }) => {
    const [{ compare: run }, { inline }] = await Promise.all([import('../core/analysis/compare.js'), import('../core/sql-script.js')]);
    const { result, statements } = await run(session, request);
    // Our own one-line notes stay comments; every statement ends with ';' so the script runs as printed.
    if (explain) result.sql = statements.map((s) => (/^--[^\n]*$/.test(s.sql) ? s.sql : `${inline(s.sql, s.params)};`));
    return result;
  },
  warnings: (result) => result.warnings,
};
