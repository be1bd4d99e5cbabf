// A GA4 report downloaded as CSV from the web interface (Reports or Explorations): a `#` preamble
// with the report's title and dates, then one table of dimension values and metrics. Aggregates only.
import { quoteLiteral } from '../../db.js';
import type { HeadSample, Preset, PresetContext } from './types.js';
import { compactDate, countFromRate, countText, dateLiteral, firstCol, firstColumn } from './web-sql.js';

/** Dimension headers GA4 uses, by canonical column (English interface). */
const DIMENSIONS: Record<string, string[]> = {
  channel: [
    'Session default channel group', 'Default channel group', 'First user default channel group', 'Session primary channel group',
    // The current interface names the channel group it uses in the header.
    'Session primary channel group (Default Channel Group)', 'First user primary channel group (Default Channel Group)',
    'Primary channel group (Default Channel Group)', 'First user primary channel group',
  ],
  source: ['Session source', 'Source', 'First user source'],
  medium: ['Session medium', 'Medium', 'First user medium'],
  campaign: ['Session campaign', 'Campaign', 'First user campaign', 'Session manual campaign name'],
  landing_page: ['Landing page', 'Landing page + query string'],
  page: ['Page path and screen class', 'Page path', 'Page path + query string', 'Page location'],
};
const SOURCE_MEDIUM = ['Session source / medium', 'Source / medium', 'First user source / medium'];
const METRICS = {
  sessions: ['Sessions'],
  visitors: ['Total users', 'Active users', 'Users'],
  pageviews: ['Views', 'Screen page views', 'Pageviews'],
  engaged: ['Engaged sessions'],
  engagementRate: ['Engagement rate'],
  conversionRate: ['Session key event rate', 'Session conversion rate'],
};
/** Metric headers only GA4 writes. */
const GA4_METRICS = [
  'Engaged sessions', 'Engagement rate', 'Active users', 'Total users', 'Event count', 'Key events',
  'Session key event rate', 'Average engagement time per session', 'Views per active user',
];
/** Two of these (or the preamble) make the signature. */
const GA4_HEADERS = [...GA4_METRICS, ...DIMENSIONS.channel, ...SOURCE_MEDIUM, 'Page path and screen class'];
const TOTAL_ROW = ['grand total', 'total', 'totals'];
/** Event-scoped dimensions: a session or user appears on many of their rows. */
const EVENT_SCOPED = ['event name'];

/** The report's title and dates from the `#` preamble (the labels are localised; the layout is not). */
export function readPreamble(preamble: readonly string[]): { title?: string; start?: string; end?: string } {
  const text = preamble.map((l) => l.replace(/^#\s?/, '').trim());
  const title = text.find((l) => l !== '' && !/^-+$/.test(l));
  const dates = text.flatMap((l) => {
    const m = /(\d{4})(\d{2})(\d{2})\s*$/.exec(l);
    return m ? [`${m[1]}-${m[2]}-${m[3]}`] : [];
  });
  return { title, start: dates[0], end: dates[1] ?? dates[0] };
}


function gaHeaders(header: readonly string[]): string[] {
  const present = new Set(header.map((h) => h.trim().toLowerCase()));
  return GA4_HEADERS.filter((h) => present.has(h.toLowerCase()));
}

/** The first column that is neither a known dimension nor a metric, before the metrics start. */
function otherDimension(ctx: PresetContext): string | undefined {
  const known = new Set([...Object.values(DIMENSIONS).flat(), ...SOURCE_MEDIUM, 'Date'].map((h) => h.toLowerCase()));
  const metrics = new Set([...Object.values(METRICS).flat(), ...GA4_METRICS].map((h) => h.toLowerCase()));
  for (const name of ctx.columns) {
    const key = name.trim().toLowerCase();
    if (metrics.has(key)) return undefined;
    if (!known.has(key)) return name;
  }
  return undefined;
}

export const ga4Ui: Preset = {
  id: 'ga4-ui',
  label: 'Google Analytics 4 report (CSV download)',
  kind: 'traffic',
  formats: ['csv'],
  detect(sample: HeadSample) {
    const header = sample.rows[0] ?? [];
    const found = gaHeaders(header);
    const { start } = readPreamble(sample.preamble);
    const hasSessions = header.some((h) => h.trim().toLowerCase() === 'sessions' || h.trim().toLowerCase() === 'views');
    if (found.length >= 2) return `header has ${found.slice(0, 3).join(', ')} (GA4 report metrics)`;
    if (start && sample.preamble.length > 0 && found.length + (hasSessions ? 1 : 0) >= 1) {
      return `'#' preamble with a start date and GA4 columns (${[...found, ...(hasSessions ? ['Sessions'] : [])].join(', ')})`;
    }
    return undefined;
  },
  columns(ctx) {
    const { title, start, end } = readPreamble(ctx.sample.preamble);
    const date = firstColumn(ctx, ['Date']);
    const count = (names: string[]) => (firstColumn(ctx, names) ? countText(firstCol(ctx, names)) : 'NULL');
    const sessions = firstColumn(ctx, METRICS.sessions);
    const fromRate = (names: string[]) => {
      const rate = firstColumn(ctx, names);
      return rate && sessions ? countFromRate(ctx.col(sessions), ctx.col(rate)) : 'NULL';
    };
    const dims = Object.fromEntries(Object.entries(DIMENSIONS).map(([name, headers]) => [name, firstCol(ctx, headers)]));
    const sourceMedium = firstColumn(ctx, SOURCE_MEDIUM);
    if (sourceMedium) {
      dims.source = `nullif(trim(split_part(${ctx.col(sourceMedium)}, ' / ', 1)), '')`;
      dims.medium = `nullif(trim(split_part(${ctx.col(sourceMedium)}, ' / ', 2)), '')`;
    }
    const other = otherDimension(ctx);
    // Rows per event name overlap: one session or user has many events, so their users and
    // sessions do not add up (a sum gave 10,709 visitors for a property with 2,140). Such a report
    // keeps its dimension values but no session or user counts.
    const overlapping = other !== undefined && EVENT_SCOPED.includes(other.trim().toLowerCase());
    const additive = (sql: string) => (overlapping ? 'NULL' : sql);
    return {
      // With a Date dimension each row is one day; without, the row covers the report's dates.
      date: date ? compactDate(ctx.col(date)) : start ? dateLiteral(start) : 'NULL',
      end_date: date ? 'NULL' : end ? dateLiteral(end) : 'NULL',
      report: quoteLiteral(`ga4:${title ?? 'report'}`),
      ...dims,
      dimension: other ? ctx.col(other) : 'NULL',
      sessions: additive(count(METRICS.sessions)),
      visitors: additive(count(METRICS.visitors)),
      pageviews: count(METRICS.pageviews),
      engaged_sessions: additive(firstColumn(ctx, METRICS.engaged) ? count(METRICS.engaged) : fromRate(METRICS.engagementRate)),
      // `Key events` counts events, not sessions: only the session rate says how many sessions converted.
      converted_sessions: additive(fromRate(METRICS.conversionRate)),
    };
  },
  // Several tables in one download: the pre-pass reads the first and counts the rest as skipped.
  singleTable: true,
  skip(ctx) {
    const total = `lower(trim(${ctx.col(ctx.columns[0])})) IN (${TOTAL_ROW.map(quoteLiteral).join(', ')})`;
    return { when: total, reason: 'the report\'s "Grand total" row (a sum of the rows, not a record)' };
  },
};
