// `journey after`: per touchpoint, customers who met it within a window after their first paid
// order against those who did not — repeat purchase and NPS (e.g. service recovery after a
// delivery ticket).
import { UsageError } from '../core/errors.js';
import type { AfterRequest } from '../core/analysis/after.js';
import type { CommonOptions } from './options.js';
import type { DataCommand } from './run.js';

interface AfterOptions extends CommonOptions {
  touchpoint?: string;
  within: string;
  kind?: string;
  explain?: boolean;
}

export const after: DataCommand<'after', AfterOptions, AfterRequest> = {
  name: 'after',
  description: 'what happens after a touchpoint: repeat purchase and NPS of customers who met it after an order, against those who did not',
  result: 'after',
  segment: 'per-value',
  flags: (command) => command
    .option('--touchpoint <ids>', 'only these touchpoints (comma list); default: every touchpoint met after an order')
    .option('--within <duration>', 'how long after the first paid order a touchpoint counts as met (30m, 2h, 14d, 2w)', '14d')
    .option('--kind <kinds>', 'which rows count as meeting a touchpoint: ticket, survey, web (comma list; default all three)')
    .option('--explain', 'also print the SQL'),
  help: `
Examples:
  journey after --demo --touchpoint delivery --kind ticket   service recovery: a delivery ticket within 14 days
  journey after --demo --within 30d
  journey after exports/ --since 2025-01-01 --format json

Method and caveats: docs/after.md.`,
  check: (options) => {
    for (const k of options.kind?.split(',').map((x) => x.trim()) ?? []) {
      if (!['ticket', 'survey', 'web'].includes(k)) throw new UsageError(`--kind ${k}: use ticket, survey or web`);
    }
    if (!/^\d+(\.\d+)?(m|h|d|w)$/.test(options.within)) throw new UsageError(`--within ${options.within}: use a duration such as 30m, 2h, 14d or 2w`);
  },
  request: async (options, { period, now }) => ({
    period, now,
    withinHours: (await import('../core/analysis/funnel.js')).durationHours(options.within),
    touchpoints: options.touchpoint?.split(',').map((s) => s.trim()).filter(Boolean) ?? [],
    kinds: (options.kind?.split(',').map((s) => s.trim()).filter(Boolean) ?? []) as AfterRequest['kinds'],
  }),
  compute: async (session, request, { explain }) => {
    const [{ buildAfter }, { inline }] = await Promise.all([import('../core/analysis/after.js'), import('../core/sql-script.js')]);
    const { result, sql, params } = await buildAfter(session, request);
    return { result, explain: explain ? [`${inline(sql, params)};`] : null };
  },
  warnings: (output) => output.result.warnings,
};
