// GA4's BigQuery export (`events_YYYYMMDD` tables saved as Parquet or JSON lines): one row per event
// with its parameters in a nested key/value list, read with DuckDB's own types.
import { quoteLiteral } from '../../db.js';
import type { HeadSample, Preset, PresetContext } from './types.js';
import { microsUtc, pseudonymised, urlPath } from './web-sql.js';
import { hasColumns } from './header.js';

const SIGNATURE = ['event_timestamp', 'event_name', 'event_params', 'user_pseudo_id'];

/**
 * One event parameter's value as text: `event_params[key = name].value.<field>`. Through JSON, so a
 * field a JSON-lines reader typed as JSON (`"1735716600"` in one row, 1735716600 in another) gives
 * the same text as a VARCHAR or BIGINT field.
 */
function param(ctx: PresetContext, key: string, field: 'string_value' | 'int_value'): string {
  const entry = `list_filter(${ctx.col('event_params')}, lambda ep: ep.key = ${quoteLiteral(key)})[1]`;
  return `json_extract_string(to_json(struct_extract(struct_extract(${entry}, 'value'), ${quoteLiteral(field)})), '$')`;
}

/** Does a nested column carry these fields (JSON lines only type what the rows contain)? */
function hasFields(ctx: PresetContext, column: string, fields: string[]): boolean {
  const type = Object.entries(ctx.sample.types ?? {}).find(([name]) => name.toLowerCase() === column)?.[1];
  return type !== undefined && fields.every((f) => new RegExp(`\\b"?${f}"? `).test(type));
}

/** Campaign fields: the session's last click when the export has it (2023 on), else first-user acquisition. */
function acquisition(ctx: PresetContext): Record<'source' | 'medium' | 'campaign', string> {
  const last = 'session_traffic_source_last_click';
  if (ctx.has(last) && hasFields(ctx, last, ['manual_campaign', 'source', 'medium', 'campaign_name'])) {
    const manual = `struct_extract(${ctx.col(last)}, 'manual_campaign')`;
    return {
      source: `struct_extract(${manual}, 'source')`,
      medium: `struct_extract(${manual}, 'medium')`,
      campaign: `struct_extract(${manual}, 'campaign_name')`,
    };
  }
  if (ctx.has('traffic_source') && hasFields(ctx, 'traffic_source', ['source', 'medium', 'name'])) {
    const first = ctx.col('traffic_source');
    return {
      source: `struct_extract(${first}, 'source')`,
      medium: `struct_extract(${first}, 'medium')`,
      campaign: `struct_extract(${first}, 'name')`,
    };
  }
  return { source: 'NULL', medium: 'NULL', campaign: 'NULL' };
}

export const ga4BigQuery: Preset = {
  id: 'ga4-bigquery',
  label: 'Google Analytics 4 BigQuery export (events_YYYYMMDD)',
  kind: 'web',
  formats: ['parquet', 'jsonl'],
  nativeTypes: true,
  detect(sample: HeadSample) {
    if (!hasColumns(sample.rows[0] ?? [], SIGNATURE)) return undefined;
    return `header has ${SIGNATURE.join(', ')} (GA4 BigQuery event schema)`;
  },
  columns(ctx) {
    const session = param(ctx, 'ga_session_id', 'int_value');
    const user = `CAST(${ctx.col('user_pseudo_id')} AS VARCHAR)`;
    return {
      timestamp: microsUtc(ctx.col('event_timestamp')),
      // ga_session_id is a start time, unique per user only: the session is the pair.
      session_id: `CASE WHEN ${session} IS NOT NULL AND ${user} IS NOT NULL THEN ${user} || '.' || ${session} END`,
      user_id: user,
      // GA4's own user_id is the id the site sets for a signed-in customer (an address is hashed).
      customer_id: ctx.has('user_id') ? pseudonymised(`nullif(CAST(${ctx.col('user_id')} AS VARCHAR), '')`) : 'NULL',
      event: ctx.col('event_name'),
      page: urlPath(param(ctx, 'page_location', 'string_value')),
      ...acquisition(ctx),
    };
  },
};
