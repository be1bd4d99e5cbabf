// Web-analytics events: one row per event (page_view, add_to_cart, purchase, ...).
import type { KindSpec } from './types.js';

export const web: KindSpec = {
  kind: 'web',
  timeColumn: 'timestamp',
  keepExtraColumns: true,
  columns: [
    { name: 'timestamp', type: 'timestamp', required: true },
    { name: 'session_id', type: 'text', required: true },
    { name: 'user_id', type: 'text' },
    { name: 'customer_id', type: 'text' },
    { name: 'event', type: 'text', required: true },
    { name: 'page', type: 'text' },
    { name: 'source', type: 'text' },
    { name: 'medium', type: 'text' },
    { name: 'campaign', type: 'text' },
    { name: 'stage', type: 'text' },
    { name: 'touchpoint', type: 'text' },
  ],
  checks: [],
};
