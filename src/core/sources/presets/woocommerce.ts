// WooCommerce orders from the common order-export plugins (`Order Number,Order Status,Order Date,
// Order Total Amount,...` or `... Order Total ...`): WooCommerce has no native CSV layout, so this
// reads the plugin layouts seen in practice, one row per order or one per line item.
import type { Preset, PresetContext } from './types.js';
import { isoTimestamp, mapValues, signature, textOf } from './values.js';

/**
 * Order Status (slug `wc-on-hold`, `on-hold` or label `On hold`) -> canonical status. Processing
 * means paid and awaiting fulfilment; on-hold awaits payment (bank transfer). Failed payments are
 * not sales and become cancelled, like Stripe's. Custom statuses from other plugins are rejected
 * with their line, not guessed.
 */
export const WOOCOMMERCE_STATUS: Record<string, string | null> = {
  completed: 'paid',
  processing: 'paid',
  'on-hold': 'pending',
  pending: 'pending',
  'pending-payment': 'pending',
  'checkout-draft': 'pending',
  refunded: 'refunded',
  cancelled: 'cancelled',
  failed: 'cancelled',
};

const TOTAL = ['Order Total Amount', 'Order Total'];
const EMAIL = ['Email (Billing)', 'Billing Email', 'Billing Email Address', 'Customer Email'];
const CUSTOMER = ['Customer User ID', 'Customer ID'];
/** Columns that mean one row per line item. */
const ITEM = ['Item Name', 'Item #', 'Product Name', 'Item Quantity', 'Quantity'];

const first = (ctx: PresetContext, names: string[]) => ctx.col(names.find((n) => ctx.has(n)) ?? names[0]);

/** `wc-on-hold`, `On hold`, `Pending payment` -> `on-hold`, `pending-payment`. */
function statusSlug(expr: string): string {
  return `regexp_replace(regexp_replace(lower(${textOf(expr)}), '^wc-', ''), '\\s+', '-', 'g')`;
}

export const woocommerce: Preset = {
  id: 'woocommerce',
  label: 'WooCommerce orders (export plugin CSV)',
  kind: 'order',
  formats: ['csv', 'tsv'],
  detect: (sample) =>
    signature(sample.rows[0] ?? [], 'WooCommerce order export', ['Order Number', 'Order Status', 'Order Date'], [TOTAL]),
  dropColumns: ['Customer Note', 'Billing Company', 'Shipping Company'],
  columns: (ctx) => {
    const customer = textOf(first(ctx, CUSTOMER));
    return {
      order_id: textOf(ctx.col('Order Number')),
      // WooCommerce gives guest orders customer 0: those are identified by their email.
      customer_id: `CASE WHEN ${customer} = '0' THEN NULL ELSE ${customer} END`,
      email: textOf(first(ctx, EMAIL)),
      ordered_at: isoTimestamp(ctx.col('Order Date')),
      amount: textOf(first(ctx, TOTAL)),
      currency: `upper(${textOf(first(ctx, ['Order Currency', 'Currency']))})`,
      status: mapValues(statusSlug(ctx.col('Order Status')), WOOCOMMERCE_STATUS),
      channel: `lower(${textOf(first(ctx, ['Created Via', 'Order Source']))})`,
    };
  },
  collapseBy: (ctx) => (ITEM.some((name) => ctx.has(name)) ? ctx.col('Order Number') : undefined),
  collapseNouns: ['line items', 'orders'],
};
