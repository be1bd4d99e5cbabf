// Shopify orders export (`orders_export_1.csv`): one row per line item, order columns filled on an
// order's first row only, timestamps like `2022-04-06 21:52:40 -0400`. Rows collapse to one order by `Name`.
import type { Preset } from './types.js';
import { isoTimestamp, mapValues, signature, textOf } from './values.js';

/**
 * Financial Status -> canonical status. An order counts as paid when the shop has the money and the
 * order stands: a partial refund leaves it paid (its Total is still the amount). Authorised or
 * partly paid money is not yet the shop's: pending. A voided authorisation or an expired payment
 * never became a sale: cancelled. `Cancelled at` overrides all of these.
 */
export const SHOPIFY_FINANCIAL_STATUS: Record<string, string | null> = {
  paid: 'paid',
  partially_refunded: 'paid',
  pending: 'pending',
  authorized: 'pending',
  partially_paid: 'pending',
  refunded: 'refunded',
  voided: 'cancelled',
  expired: 'cancelled',
};

export const shopify: Preset = {
  id: 'shopify',
  label: 'Shopify orders (CSV export)',
  kind: 'order',
  formats: ['csv', 'tsv'],
  detect: (sample) =>
    signature(sample.rows[0] ?? [], 'Shopify orders export', ['Name', 'Financial Status', 'Created at', 'Total'], [['Lineitem name', 'Lineitem quantity']]),
  dropColumns: ['Notes', 'Note Attributes', 'Billing Company', 'Shipping Company', 'Payment Reference', 'Receipt Number'],
  columns: (ctx) => ({
    order_id: textOf(ctx.col('Name')),
    email: textOf(ctx.col('Email')),
    ordered_at: isoTimestamp(ctx.col('Created at')),
    amount: textOf(ctx.col('Total')),
    currency: `upper(${textOf(ctx.col('Currency'))})`,
    // Line-item rows have neither column: NULL there, so the order's first row gives the status.
    status: `CASE WHEN ${textOf(ctx.col('Cancelled at'))} IS NOT NULL THEN 'cancelled'
                 ELSE ${mapValues(ctx.col('Financial Status'), SHOPIFY_FINANCIAL_STATUS)} END`,
    channel: `lower(${textOf(ctx.col('Source'))})`,
  }),
  collapseBy: (ctx) => ctx.col('Name'),
  collapseNouns: ['line items', 'orders'],
};
