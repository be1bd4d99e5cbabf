// Survey responses: NPS, CES and CSAT answers, one row per response.
import type { KindSpec } from './types.js';

export const survey: KindSpec = {
  kind: 'survey',
  timeColumn: 'submitted_at',
  keepExtraColumns: true,
  columns: [
    { name: 'response_id', type: 'text', required: true },
    { name: 'customer_id', type: 'text' },
    { name: 'email', type: 'email' },
    { name: 'submitted_at', type: 'timestamp', required: true },
    { name: 'stage', type: 'text' },
    { name: 'touchpoint', type: 'text' },
    { name: 'channel', type: 'text' },
    { name: 'nps', type: 'integer', scale: [0, 10] },
    { name: 'ces', type: 'integer', scale: [1, 7] },
    { name: 'csat', type: 'integer', scale: [1, 5] },
    { name: 'comment', type: 'text' },
  ],
  checks: [],
};
