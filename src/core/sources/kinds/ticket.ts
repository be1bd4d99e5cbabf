// Support tickets: one row per ticket, with its timeline and outcome.
import { say } from '../../messages.js';
import type { KindSpec } from './types.js';

export const ticket: KindSpec = {
  kind: 'ticket',
  timeColumn: 'created_at',
  keepExtraColumns: true,
  columns: [
    { name: 'ticket_id', type: 'text', required: true },
    { name: 'customer_id', type: 'text' },
    { name: 'email', type: 'email' },
    { name: 'created_at', type: 'timestamp', required: true },
    { name: 'first_response_at', type: 'timestamp' },
    { name: 'solved_at', type: 'timestamp' },
    { name: 'status', type: 'text' },
    { name: 'channel', type: 'text' },
    { name: 'stage', type: 'text' },
    { name: 'touchpoint', type: 'text', aliases: ['category'] },
    { name: 'replies', type: 'integer', scale: [0, 1_000_000] },
    { name: 'reopens', type: 'integer', scale: [0, 1_000_000] },
    { name: 'csat', type: 'integer', scale: [1, 5] },
    { name: 'subject', type: 'text' },
  ],
  checks: [
    { column: 'solved_at', failWhen: 'solved_at < created_at', reason: say('before', { later: 'solved_at', earlier: 'created_at' }) },
    {
      column: 'first_response_at',
      failWhen: 'first_response_at < created_at',
      reason: say('before', { later: 'first_response_at', earlier: 'created_at' }),
    },
  ],
};
