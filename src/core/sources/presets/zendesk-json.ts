// Zendesk Support tickets as JSON lines (full JSON export or the incremental ticket API): one ticket
// object per line, UTC timestamps, nested `via`, `satisfaction_rating` and, with metric sets, `metric_set`.
import type { Preset, PresetContext } from './types.js';
import { ZENDESK_SATISFACTION } from './zendesk.js';
import { quoteLiteral } from '../../db.js';
import { mapValues, minutesToSeconds, plusSeconds, signature, textOf, utcTimestamp } from './values.js';

/**
 * A field inside a nested object, as text. Going through JSON works whether DuckDB typed the column
 * as a STRUCT, as JSON, or as NULL (a file where every ticket has `satisfaction_rating: null`).
 */
function nested(ctx: PresetContext, column: string, path: string): string {
  if (!ctx.has(column)) return 'NULL';
  return `json_extract_string(to_json(${ctx.col(column)}), ${quoteLiteral(`$.${path}`)})`;
}

export const zendeskJson: Preset = {
  id: 'zendesk-json',
  label: 'Zendesk tickets (JSON export)',
  kind: 'ticket',
  formats: ['jsonl'],
  nativeTypes: true,
  detect: (sample) =>
    signature(sample.rows[0] ?? [], 'Zendesk ticket JSON', ['id', 'created_at', 'requester_id', 'via'], [['satisfaction_rating', 'status']]),
  columns: (ctx) => {
    const created = utcTimestamp(ctx.col('created_at'));
    const firstReply = textOf(nested(ctx, 'metric_set', 'reply_time_in_minutes.calendar'));
    return {
      ticket_id: textOf(ctx.col('id')),
      customer_id: textOf(ctx.col('requester_id')),
      created_at: created,
      first_response_at: plusSeconds(created, minutesToSeconds(firstReply), firstReply),
      solved_at: utcTimestamp(nested(ctx, 'metric_set', 'solved_at')),
      status: `lower(${textOf(ctx.col('status'))})`,
      channel: `lower(${textOf(nested(ctx, 'via', 'channel'))})`,
      touchpoint: textOf(ctx.col('group_id')),
      replies: textOf(nested(ctx, 'metric_set', 'replies')),
      reopens: textOf(nested(ctx, 'metric_set', 'reopens')),
      csat: mapValues(nested(ctx, 'satisfaction_rating', 'score'), ZENDESK_SATISFACTION),
      subject: textOf(ctx.col('subject')),
    };
  },
};
