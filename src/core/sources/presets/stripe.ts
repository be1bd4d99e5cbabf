// Stripe payments export (Dashboard > Payments > Export, `unified_payments.csv`): one row per charge,
// times in UTC, amounts usually in major units (`49.00`) but in cents in API-style dumps.
import type { Preset, PresetContext } from './types.js';
import { amountInCents, majorUnits, mapValues, signature, textOf, utcTimestamp } from './values.js';

/**
 * Status -> canonical status. The canonical set has no "failed": a failed, blocked or cancelled
 * charge is not a sale and becomes `cancelled` (no KPI counts it). Uncaptured and incomplete
 * payments are `pending`; a partial refund or an open dispute leaves the payment `paid`.
 */
export const STRIPE_STATUS: Record<string, string | null> = {
  paid: 'paid',
  succeeded: 'paid',
  'partially refunded': 'paid',
  partially_refunded: 'paid',
  disputed: 'paid',
  refunded: 'refunded',
  pending: 'pending',
  uncaptured: 'pending',
  requires_capture: 'pending',
  incomplete: 'pending',
  failed: 'cancelled',
  blocked: 'cancelled',
  canceled: 'cancelled',
  cancelled: 'cancelled',
  expired: 'cancelled',
  // PaymentIntent states of attempts that never charged (newer exports list them, often without an id).
  requires_payment_method: 'cancelled',
  requires_confirmation: 'pending',
  requires_action: 'pending',
  processing: 'pending',
};

const CREATED = ['Created (UTC)', 'Created date (UTC)'];

function created(ctx: PresetContext): string {
  return ctx.col(CREATED.find((name) => ctx.has(name)) ?? CREATED[0]);
}

export const stripe: Preset = {
  id: 'stripe',
  label: 'Stripe payments (CSV export)',
  kind: 'order',
  formats: ['csv', 'tsv'],
  detect: (sample) =>
    signature(sample.rows[0] ?? [], 'Stripe payments export', ['id', 'Amount', 'Currency', 'Status'], [CREATED]),
  dropColumns: ['Customer Description', 'Description', 'Statement Descriptor', 'Card Fingerprint', 'Card Last4', 'Card Exp Month', 'Card Exp Year'],
  columns: (ctx) => {
    const inCents = amountInCents(ctx.col('Amount'));
    const amount = majorUnits(ctx.col('Amount'), ctx.col('Currency'), inCents);
    // Amount Refunded is in the unit of Amount, so the two compare as written.
    const charged = `TRY_CAST(${textOf(ctx.col('Amount'))} AS DOUBLE)`;
    const refunded = `TRY_CAST(${textOf(ctx.col('Amount Refunded'))} AS DOUBLE)`;
    const status = mapValues(ctx.col('Status'), STRIPE_STATUS);
    return {
      // A row without an id (a PaymentIntent attempt; sometimes a succeeded payment) is still a
      // payment: it takes its PaymentIntent or invoice id, else its place in the file.
      order_id: `coalesce(${textOf(ctx.col('id'))}, ${textOf(ctx.col('PaymentIntent ID'))}, ${textOf(ctx.col('Invoice ID'))}, ` +
        `'(no id) row ' || CAST(row_number() OVER () AS VARCHAR))`,
      customer_id: textOf(ctx.col('Customer ID')),
      email: textOf(ctx.col('Customer Email')),
      ordered_at: utcTimestamp(created(ctx)),
      amount,
      currency: `upper(${textOf(ctx.col('Currency'))})`,
      // A payment refunded in full is refunded whatever the status column says.
      status: `CASE WHEN ${status} = 'paid' AND ${refunded} > 0 AND ${refunded} >= ${charged} THEN 'refunded' ELSE ${status} END`,
    };
  },
};
