// Web traffic as aggregates (docs/traffic.md): one row per period and breakdown value, as analytics
// tools export it when they give no events — GA4 reports, Plausible, Matomo.
import { say } from '../../messages.js';
import type { KindSpec } from './types.js';

/**
 * Dimension columns, most aggregated first: which of them a file fills decides the breakdown its rows
 * belong to. `dimension` holds any other breakdown value (a country, a device, a goal name).
 */
export const TRAFFIC_DIMENSIONS = ['channel', 'source', 'medium', 'campaign', 'landing_page', 'page', 'dimension'];

const count = (name: string, aliases?: string[]) =>
  ({ name, type: 'integer' as const, scale: [0, 2_000_000_000] as [number, number], aliases });

export const traffic: KindSpec = {
  kind: 'traffic',
  timeColumn: 'date',
  keepExtraColumns: true,
  fileNumbers: true,
  detectAnyOf: ['sessions', 'visitors', 'pageviews', 'engaged_sessions', 'converted_sessions'],
  columns: [
    { name: 'date', type: 'date', required: true },
    { name: 'end_date', type: 'date' },
    { name: 'report', type: 'text' },
    { name: 'channel', type: 'text' },
    { name: 'source', type: 'text' },
    { name: 'medium', type: 'text' },
    { name: 'campaign', type: 'text' },
    { name: 'landing_page', type: 'text' },
    { name: 'page', type: 'text' },
    { name: 'dimension', type: 'text' },
    count('sessions', ['visits']),
    count('visitors', ['users']),
    count('pageviews', ['views', 'page_views']),
    count('engaged_sessions'),
    count('converted_sessions'),
    { name: 'stage', type: 'text' },
    { name: 'touchpoint', type: 'text' },
  ],
  checks: [
    { column: 'end_date', failWhen: 'end_date < date', reason: say('before', { later: 'end_date', earlier: 'date' }) },
    {
      column: 'engaged_sessions',
      failWhen: 'engaged_sessions > sessions',
      reason: say('moreThan', { part: 'engaged_sessions', whole: 'sessions' }),
    },
    {
      column: 'converted_sessions',
      failWhen: 'converted_sessions > sessions',
      reason: say('convertedMoreThan'),
    },
  ],
};
