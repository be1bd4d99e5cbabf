// PostHog's events export (batch export or file download, JSON lines or Parquet): one row per event,
// with the event's properties as a JSON string.
import { quoteLiteral } from '../../db.js';
import type { HeadSample, Preset, PresetContext } from './types.js';
import { customerFromEmail, pseudonymised, urlPath } from './web-sql.js';
import { hasColumns } from './header.js';

const SIGNATURE = ['event', 'distinct_id', 'timestamp', 'properties'];

/** PostHog's own events that have a canonical name; custom events keep theirs. */
const EVENTS: Record<string, string> = { $pageview: 'page_view', $screen: 'screen_view' };

/** One property, as text: `properties` is a JSON string (or an object when read natively). */
function property(ctx: PresetContext, key: string): string {
  return `json_extract_string(TRY_CAST(${ctx.col('properties')} AS JSON), ${quoteLiteral(`$."${key}"`)})`;
}

function typeOf(ctx: PresetContext, column: string): string {
  return Object.entries(ctx.sample.types ?? {}).find(([name]) => name.toLowerCase() === column)?.[1] ?? 'VARCHAR';
}

/** PostHog stores UTC: a timestamp typed without a zone gets its +00 back. */
function timestamp(ctx: PresetContext): string {
  const col = ctx.col('timestamp');
  const type = typeOf(ctx, 'timestamp');
  if (/WITH TIME ZONE|TIMESTAMPTZ/i.test(type)) return `CAST(${col} AS VARCHAR)`;
  if (/^TIMESTAMP/i.test(type)) return `strftime(${col}, '%Y-%m-%d %H:%M:%S.%f') || '+00'`;
  return `CAST(${col} AS VARCHAR)`;
}

export const posthog: Preset = {
  id: 'posthog',
  label: 'PostHog events export',
  kind: 'web',
  formats: ['jsonl', 'parquet'],
  nativeTypes: true,
  detect(sample: HeadSample) {
    if (!hasColumns(sample.rows[0] ?? [], SIGNATURE)) return undefined;
    return `header has ${SIGNATURE.join(', ')} (PostHog events: properties as JSON)`;
  },
  columns(ctx) {
    const event = `CAST(${ctx.col('event')} AS VARCHAR)`;
    const renamed = Object.entries(EVENTS).map(([from, to]) => `WHEN ${quoteLiteral(from)} THEN ${quoteLiteral(to)}`).join(' ');
    const ownSession = ctx.has('session_id') ? `nullif(CAST(${ctx.col('session_id')} AS VARCHAR), '')` : 'NULL';
    return {
      timestamp: timestamp(ctx),
      session_id: `coalesce(${ownSession}, ${property(ctx, '$session_id')})`,
      // distinct_id is anonymous until identify(); apps often identify with the email address.
      user_id: pseudonymised(`CAST(${ctx.col('distinct_id')} AS VARCHAR)`),
      customer_id: customerFromEmail(`CAST(${ctx.col('distinct_id')} AS VARCHAR)`),
      event: `CASE ${event} ${renamed} ELSE ${event} END`,
      page: `coalesce(${property(ctx, '$pathname')}, ${urlPath(property(ctx, '$current_url'))})`,
      source: property(ctx, 'utm_source'),
      medium: property(ctx, 'utm_medium'),
      campaign: property(ctx, 'utm_campaign'),
    };
  },
};
