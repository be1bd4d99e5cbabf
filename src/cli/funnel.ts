// `journey funnel`: the funnels of the config (`funnels:`), per step entered, converted, conversion
// with a Wilson interval, drop-off and time to the next step; --segment tests each value per step.
import { UsageError } from '../core/errors.js';
import type { FunnelRequest } from '../core/analysis/funnel.js';
import type { CommonOptions } from './options.js';
import type { DataCommand } from './run.js';

interface FunnelOptions extends CommonOptions {
  funnel?: string;
  before?: string;
  after?: string;
  explain?: boolean;
}

export const funnel: DataCommand<'funnel', FunnelOptions, FunnelRequest> = {
  name: 'funnel',
  description: 'funnels across kinds (web events, touchpoints, orders, tickets, survey answers) per person or session, from the config\'s funnels:',
  result: 'funnel',
  segment: 'breakdown',
  flags: (command) => command
    .option('--funnel <ids>', 'the funnels to show, by id (comma list); default: every funnel in the config')
    .option('--before <A..B>', 'compare with --after: units whose step 1 falls in this period (inclusive dates; an end may be open)')
    .option('--after <C..D>', 'the second period; each step\'s conversion is tested against --before')
    .option('--explain', 'also print the SQL of each funnel'),
  help: `
Examples:
  journey funnel --demo
  journey funnel --demo --funnel purchase --segment device
  journey funnel --demo --before 2025-01-01..2025-03-31 --after 2025-04-01..2025-06-30
  journey funnel exports/ --since 2025-03-01 --until 2025-03-31 --format json

Funnels are defined in the config (docs/funnels.md):
  funnels:
    - id: purchase
      unit: person             # or session (web steps only)
      order: ordered           # or any
      steps:
        - { id: product, touchpoint: product_page }
        - { id: cart, match: { web: "event = 'add_to_cart'" }, within: 1d }
        - { id: paid, match: { order: "status = 'paid'" }, within: 7d }
        - { id: no_ticket, match: { ticket: "touchpoint = 'delivery'" }, absent: true, within: 14d }
        - { id: promoter, match: { survey: "nps >= 9" }, within: 60d }`,
  check: (options) => {
    if ((options.before === undefined) !== (options.after === undefined)) throw new UsageError('--before and --after go together: --before A..B --after C..D');
    if (options.before !== undefined && (options.since !== undefined || options.until !== undefined || options.period !== undefined)) {
      throw new UsageError('--before and --after set both periods; leave out --since/--until/--period');
    }
    if (options.before !== undefined && options.segment !== undefined) throw new UsageError('use --segment or --before/--after, not both');
  },
  request: async (options, { period, now, config }) => {
    const ids = options.funnel?.split(',').map((s) => s.trim()).filter(Boolean) ?? [];
    const chosen = (await import('../core/analysis/funnel.js')).chooseFunnels(config, ids);
    const { parseRange } = await import('../core/analysis/compare-periods.js');
    const periods = options.before !== undefined && options.after !== undefined
      ? { before: parseRange('before', options.before), after: parseRange('after', options.after) }
      : null;
    return { period, now, ids, segment: options.segment ?? null, periods, sessionOnly: chosen.every((f) => f.unit === 'session') };
  },
  // Session funnels count sessions; no step reads a person key (docs/funnels.md).
  stitch: (request) => !request.sessionOnly,
  compute: async (session, request, { explain }) => {
    const [{ buildFunnels }, { inline }] = await Promise.all([import('../core/analysis/funnel.js'), import('../core/sql-script.js')]);
    const { result, queries } = await buildFunnels(session, request);
    return { result, explain: explain ? queries.map((q) => `${inline(q.sql, q.params)};`) : null };
  },
  warnings: (output) => output.result.warnings,
};
