// Zendesk Support ticket export as CSV (Admin > Reports > Export): one row per ticket, times in the
// account's time zone, satisfaction as a status word. Mapping and decisions: docs/presets-tickets-orders.md.
import type { Preset, PresetContext } from './types.js';
import { isoTimestamp, mapValues, minutesToSeconds, plusSeconds, signature, startSpelling, textOf } from './values.js';

/**
 * Satisfaction Score -> csat 1-5. Good = 5 and Bad = 1 keep the CSAT share (csat >= 4) equal to
 * Zendesk's own satisfaction score (good / (good + bad)); a mean of these values means nothing.
 * Offered / Not Offered (and the API's unoffered) are no answer.
 */
export const ZENDESK_SATISFACTION: Record<string, string | null> = {
  good: '5',
  'good with comment': '5',
  'good without comment': '5',
  bad: '1',
  'bad with comment': '1',
  'bad without comment': '1',
  offered: null,
  'not offered': null,
  unoffered: null,
  ...Object.fromEntries(['1', '2', '3', '4', '5'].map((n) => [n, n])),
};

/** An id a spreadsheet turned into `1.03006E+13` has lost its digits: use the email instead. */
function requesterId(ctx: PresetContext): string {
  const id = textOf(ctx.col('Requester id'));
  return `CASE WHEN regexp_full_match(${id}, '[0-9.]+[eE][+]?[0-9]+') THEN NULL ELSE ${id} END`;
}

export const zendesk: Preset = {
  id: 'zendesk',
  label: 'Zendesk tickets (CSV export)',
  kind: 'ticket',
  formats: ['csv', 'tsv'],
  detect: (sample) =>
    signature(sample.rows[0] ?? [], 'Zendesk ticket export', ['Id', 'Created at', 'Satisfaction Score'], [['Requester id', 'Requester email', 'Requester']]),
  dropColumns: ['Requester', 'Submitter', 'Requester domain', 'Organization'],
  columns: (ctx) => {
    const created = isoTimestamp(ctx.col('Created at'));
    const firstReply = textOf(ctx.col('First reply time in minutes'));
    return {
      ticket_id: textOf(ctx.col('Id')),
      customer_id: requesterId(ctx),
      email: textOf(ctx.col('Requester email')),
      created_at: created,
      first_response_at: plusSeconds(created, minutesToSeconds(firstReply), firstReply, startSpelling(ctx, 'Created at')),
      solved_at: isoTimestamp(ctx.col('Solved at')),
      status: `lower(${textOf(ctx.col('Status'))})`,
      channel: `lower(${textOf(ctx.col('Via'))})`,
      touchpoint: textOf(ctx.col('Group')),
      replies: textOf(ctx.col('Replies')),
      reopens: textOf(ctx.col('Reopens')),
      csat: mapValues(ctx.col('Satisfaction Score'), ZENDESK_SATISFACTION),
      subject: ctx.col('Subject'),
    };
  },
};
