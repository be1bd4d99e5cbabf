// `journey paths`: the most frequent touchpoint sequences per person or web session, the
// touchpoints before and after one (--from), and where paths without a purchase end.
import { UsageError } from '../core/errors.js';
import type { PathsRequest } from '../core/analysis/paths.js';
import { wholeNumber } from './drivers.js';
import type { CommonOptions } from './options.js';
import type { DataCommand } from './run.js';

interface PathsOptions extends CommonOptions {
  unit: string;
  top: string;
  maxSteps: string;
  from?: string;
  explain?: boolean;
}

export const paths: DataCommand<'paths', PathsOptions, PathsRequest> = {
  name: 'paths',
  description: 'the most frequent sequences of touchpoints per person (across kinds) or web session, and what comes before and after one',
  result: 'paths',
  segment: 'per-value',
  flags: (command) => command
    .option('--unit <unit>', 'person (the stitched customer, across kinds) or session (one web visit)', 'person')
    .option('--top <n>', 'how many paths to list', '10')
    .option('--max-steps <n>', 'cut paths after this many touchpoints', '5')
    .option('--from <touchpoint>', 'also list the touchpoints right before and after this one')
    .option('--explain', 'also print the SQL'),
  help: `
Examples:
  journey paths --demo
  journey paths --demo --unit session --from checkout
  journey paths exports/ --since 2025-03-01 --top 20 --format csv

A path is the touchpoints a unit met in the period, in time order, with repeats in a row counted
once; a paid order no rule maps appears as (order). Details: docs/paths.md.`,
  check: (options) => {
    if (options.unit !== 'person' && options.unit !== 'session') throw new UsageError(`--unit ${options.unit}: use person or session`);
  },
  // Session paths follow web sessions; no person key is read (docs/paths.md).
  stitch: (request) => request.unit === 'person',
  request: (options, { period, now }) => ({
    period, now,
    unit: options.unit as 'person' | 'session',
    top: wholeNumber('--top', options.top, 1),
    maxSteps: wholeNumber('--max-steps', options.maxSteps, 1),
    from: options.from ?? null,
  }),
  compute: async (session, request, { explain }) => {
    const [{ buildPaths }, { inline }] = await Promise.all([import('../core/analysis/paths.js'), import('../core/sql-script.js')]);
    const { result, queries } = await buildPaths(session, request);
    return { result, explain: explain ? queries.map((q) => `${inline(q.sql, q.params)};`) : null };
  },
  warnings: (output) => output.result.warnings,
};
