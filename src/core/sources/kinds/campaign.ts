// Campaign statistics: one row per day, channel and campaign.
import type { KindSpec } from './types.js';

export const campaign: KindSpec = {
  kind: 'campaign',
  timeColumn: 'date',
  keepExtraColumns: true,
  columns: [
    { name: 'date', type: 'date', required: true },
    { name: 'channel', type: 'text', required: true },
    { name: 'campaign', type: 'text' },
    ...['impressions', 'reach', 'sends', 'delivered', 'opens', 'clicks', 'engagements'].map(
      (name) => ({ name, type: 'number' as const, nonNegative: true }),
    ),
    { name: 'spend', type: 'number', nonNegative: true },
    { name: 'stage', type: 'text' },
    { name: 'touchpoint', type: 'text' },
  ],
  checks: [],
};
