// A Zendesk Explore report exported as CSV (Tickets dataset, one row per ticket): attribute columns
// named `Ticket ID`, `Ticket created - Timestamp`, `Ticket status`, `Ticket satisfaction rating`
// (Good, Bad, Offered, Unoffered), and any metrics the report adds. Mapping: docs/presets-tickets-orders.md.
import type { Preset, PresetContext } from './types.js';
import { firstColumn } from './web-sql.js';
import { hoursToSeconds, isoTimestamp, mapValues, minutesToSeconds, plusSeconds, signature, startSpelling, textOf } from './values.js';
import { ZENDESK_SATISFACTION } from './zendesk.js';

const CREATED = ['Ticket created - Timestamp', 'Ticket created - Date'];
const SOLVED = ['Ticket solved - Timestamp', 'Ticket solved - Date'];
const STATUS = ['Ticket status', 'Ticket status - Unsorted'];
/** A metric column is headed by its name, or by its aggregator and name as the report shows it. */
const metric = (name: string) => [name, `SUM(${name})`, `AVG(${name})`, `MAX(${name})`];

function col(ctx: PresetContext, names: readonly string[]): string {
  const name = firstColumn(ctx, names);
  return name === undefined ? 'NULL' : ctx.col(name);
}

function firstResponse(ctx: PresetContext, created: string): string {
  const spelled = startSpelling(ctx, firstColumn(ctx, CREATED) ?? CREATED[0]);
  const minutes = firstColumn(ctx, metric('First reply time (min)'));
  if (minutes) {
    const text = textOf(ctx.col(minutes));
    return plusSeconds(created, minutesToSeconds(text), text, spelled);
  }
  const hours = firstColumn(ctx, metric('First reply time (hrs)'));
  if (!hours) return 'NULL';
  const text = textOf(ctx.col(hours));
  return plusSeconds(created, hoursToSeconds(text), text, spelled);
}

export const zendeskExplore: Preset = {
  id: 'zendesk-explore',
  label: 'Zendesk Explore report (CSV export)',
  kind: 'ticket',
  formats: ['csv', 'tsv'],
  detect: (sample) =>
    signature(sample.rows[0] ?? [], 'Zendesk Explore report', ['Ticket ID'], [CREATED, [...STATUS, 'Ticket satisfaction rating']]),
  dropColumns: ['Requester name', 'Submitter name', 'Ticket satisfaction comment', 'Requester organization name', 'Ticket organization name'],
  columns: (ctx) => {
    const created = isoTimestamp(col(ctx, CREATED));
    return {
      ticket_id: textOf(ctx.col('Ticket ID')),
      customer_id: textOf(ctx.col('Requester ID')),
      email: textOf(ctx.col('Requester email')),
      created_at: created,
      first_response_at: firstResponse(ctx, created),
      solved_at: isoTimestamp(col(ctx, SOLVED)),
      status: `lower(${textOf(col(ctx, STATUS))})`,
      channel: `lower(${textOf(ctx.col('Ticket channel'))})`,
      touchpoint: textOf(ctx.col('Ticket group')),
      replies: textOf(col(ctx, metric('Agent replies'))),
      reopens: textOf(col(ctx, metric('Reopens'))),
      // Good = 5, Bad = 1: the CSAT share then equals Zendesk's satisfaction score, good / (good + bad).
      csat: mapValues(ctx.col('Ticket satisfaction rating'), ZENDESK_SATISFACTION),
      subject: ctx.col('Ticket subject'),
    };
  },
  // A report with totals switched on ends in a `Total` row: not a ticket.
  skip: (ctx) => ({ when: `lower(${textOf(ctx.col('Ticket ID'))}) IN ('total', 'totals', 'grand total')`, reason: 'the report\'s total row' }),
};
