// `journey integrity --by ATTRIBUTE`: groups (agents, stores, dealers ...) whose survey answers
// stand out from the others', as signals to review.
import { Option } from 'commander';
import { UsageError } from '../core/errors.js';
import type { IntegrityRequest } from '../core/analysis/integrity.js';
import { wholeNumber } from './drivers.js';
import type { CommonOptions } from './options.js';
import type { DataCommand } from './run.js';

interface IntegrityOptions extends CommonOptions {
  by?: string;
  score: 'auto' | 'nps' | 'csat';
  minN: string;
  fdr: string;
  explain?: boolean;
}

function checked(options: IntegrityOptions): { by: string; fdr: number; minN: number } {
  if (!options.by) throw new UsageError('journey integrity needs --by ATTRIBUTE (a survey column such as agent, store or channel)');
  const fdr = Number(options.fdr);
  if (!(fdr > 0 && fdr < 1)) throw new UsageError(`--fdr ${options.fdr}: use a rate between 0 and 1, e.g. 0.05`);
  return { by: options.by, fdr, minN: wholeNumber('--min-n', options.minN, 1) };
}

export const integrity: DataCommand<'integrity', IntegrityOptions, IntegrityRequest> = {
  name: 'integrity',
  description: 'survey integrity: groups (agent, store, dealer, channel ...) with unusually many top scores, silent top scores or low spread, to review',
  result: 'integrity',
  segment: 'per-value',
  flags: (command) => command
    .option('--by <attribute>', 'the survey column to group by (e.g. agent, store, dealer, channel); required')
    .addOption(new Option('--score <scale>', 'which answers count: nps (10 is top), csat (5 is top), or auto (NPS where answered, else CSAT)').choices(['auto', 'nps', 'csat']).default('auto'))
    .option('--min-n <n>', 'groups with fewer comparable answers are listed but not assessed', '20')
    .option('--fdr <rate>', 'false-discovery rate for Benjamini-Hochberg over all tests', '0.05')
    .option('--explain', 'also print the SQL and each group\'s expected share per stratum'),
  help: `
Examples:
  journey integrity exports/ --by agent
  journey integrity exports/ --by store --score csat --format json
  journey integrity exports/ --by agent --since 2025-04-01 --explain`,
  check: (options, formats) => {
    if (!options.by) checked(options);
    if (options.explain && formats.includes('csv')) throw new UsageError('--explain needs --format table, md or json (CSV has one row per group)');
    checked(options);
  },
  request: (options, { period, now }) => ({ period, score: options.score, now, ...checked(options) }),
  compute: async (session, request, { config, explain }) => {
    const [{ buildIntegrity }, { inline }] = await Promise.all([import('../core/analysis/integrity.js'), import('../core/sql-script.js')]);
    const result = await buildIntegrity(session, request, config.min_cell);
    return { result, explain: explain ? result.explain.queries.map((q) => inline(q.sql, q.params)) : null };
  },
  warnings: (output) => output.result.warnings,
};
