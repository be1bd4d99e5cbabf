// Orders: one row per order (not per line item).
import type { KindSpec } from './types.js';

export const ORDER_STATUSES = ['paid', 'pending', 'cancelled', 'refunded'];

export const order: KindSpec = {
  kind: 'order',
  timeColumn: 'ordered_at',
  keepExtraColumns: true,
  columns: [
    { name: 'order_id', type: 'text', required: true },
    { name: 'customer_id', type: 'text' },
    { name: 'email', type: 'email' },
    { name: 'ordered_at', type: 'timestamp', required: true },
    { name: 'amount', type: 'number', required: true },
    { name: 'currency', type: 'text' },
    { name: 'status', type: 'text', allowed: ORDER_STATUSES },
    { name: 'channel', type: 'text' },
    { name: 'stage', type: 'text' },
    { name: 'touchpoint', type: 'text' },
  ],
  checks: [],
};
