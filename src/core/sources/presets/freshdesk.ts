// Freshdesk ticket export (Tickets > Export, CSV): one row per ticket with its contact's columns,
// times in the helpdesk's time zone, durations `(in hrs)` as HH:MM:SS, the survey rating as a label.
import type { Preset } from './types.js';
import { hoursToSeconds, isoTimestamp, mapValues, plusSeconds, signature, startSpelling, textOf } from './values.js';

/**
 * Survey results -> csat 1-5. The labels of Freshdesk's rating scales (classic 3-point, and the 3-,
 * 5- and 7-point "happy" scales) are unique, so one table serves all of them: positive ratings map
 * to 4 or 5, neutral to 3, negative to 1 or 2, which keeps the CSAT share (csat >= 4) equal to the
 * share of positive ratings. Means across scales are not comparable.
 */
export const FRESHDESK_RATINGS: Record<string, string | null> = {
  awesome: '5',
  'just okay': '3',
  'not good': '1',
  'extremely happy': '5',
  'very happy': '5',
  happy: '4',
  neutral: '3',
  unhappy: '2',
  'very unhappy': '1',
  'extremely unhappy': '1',
  ...Object.fromEntries(['1', '2', '3', '4', '5'].map((n) => [n, n])),
};

export const freshdesk: Preset = {
  id: 'freshdesk',
  label: 'Freshdesk tickets (CSV export)',
  kind: 'ticket',
  formats: ['csv', 'tsv'],
  detect: (sample) =>
    signature(sample.rows[0] ?? [], 'Freshdesk ticket export', ['Ticket ID', 'Created time'], [['Resolved time', 'Agent interactions', 'First response time (in hrs)']]),
  columns: (ctx) => {
    const created = isoTimestamp(ctx.col('Created time'));
    const firstResponse = textOf(ctx.col('First response time (in hrs)'));
    // An Excel re-save writes `1-3-2024 10:00`: the start is then read the way its column is.
    const spelled = startSpelling(ctx, 'Created time');
    return {
      ticket_id: textOf(ctx.col('Ticket ID')),
      customer_id: textOf(ctx.col('Contact ID')),
      email: textOf(ctx.has('Email') ? ctx.col('Email') : ctx.col('Requester Email')),
      created_at: created,
      // 00:00:00 on a ticket no agent interacted with means no reply yet, not an instant one.
      first_response_at: ctx.has('Agent interactions')
        ? `CASE WHEN TRY_CAST(${textOf(ctx.col('Agent interactions'))} AS DOUBLE) = 0 AND ${hoursToSeconds(firstResponse)} = 0 THEN NULL ` +
          `ELSE ${plusSeconds(created, hoursToSeconds(firstResponse), firstResponse, spelled)} END`
        : plusSeconds(created, hoursToSeconds(firstResponse), firstResponse, spelled),
      solved_at: `coalesce(${isoTimestamp(ctx.col('Resolved time'))}, ${isoTimestamp(ctx.col('Closed time'))})`,
      // "Resolved" is Freshdesk's word for solved (DESIGN counts solved/closed as solved).
      status: `CASE lower(${textOf(ctx.col('Status'))}) WHEN 'resolved' THEN 'solved' ELSE lower(${textOf(ctx.col('Status'))}) END`,
      channel: `lower(${textOf(ctx.col('Source'))})`,
      touchpoint: textOf(ctx.col('Group')),
      replies: textOf(ctx.col('Agent interactions')),
      csat: mapValues(ctx.has('Survey results') ? ctx.col('Survey results') : ctx.col('Survey Result'), FRESHDESK_RATINGS),
      subject: ctx.col('Subject'),
    };
  },
};
