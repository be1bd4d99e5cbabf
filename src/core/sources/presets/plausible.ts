// Plausible's dashboard export (a zip of CSVs): visitors.csv holds one row per day (or month), the
// other files one row per source, page, country ... for the whole exported period. Aggregates only.
import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { quoteLiteral } from '../../db.js';
import { TRAFFIC_DIMENSIONS } from '../kinds/traffic.js';
import type { HeadSample, Preset, PresetContext } from './types.js';
import { countText, dateLiteral } from './web-sql.js';

/** File names in the zip (vendor source, CsvExport), most specific first, and what their `name` is. */
const FILES: [stem: string, dimension: string][] = [
  ['utm_sources', 'source'], ['utm_mediums', 'medium'], ['utm_campaigns', 'campaign'],
  ['utm_contents', 'dimension'], ['utm_terms', 'dimension'],
  ['entry_pages', 'landing_page'], ['exit_pages', 'dimension'], ['pages', 'page'],
  ['sources', 'source'], ['channels', 'channel'], ['referrers', 'dimension'],
  ['countries', 'dimension'], ['regions', 'dimension'], ['cities', 'dimension'],
  ['browser_versions', 'dimension'], ['browsers', 'dimension'],
  ['operating_system_versions', 'dimension'], ['operating_systems', 'dimension'], ['devices', 'dimension'],
  ['conversions', 'dimension'], ['custom_props', 'dimension'], ['visitors', ''],
];
const RICH = ['bounce_rate', 'visit_duration', 'time_on_page', 'exit_rate', 'total_entrances', 'total_exits', 'total_conversions'];

const lower = (header: readonly string[]) => header.map((h) => h.trim().toLowerCase());

/** Which file of the export this is, from its name (`sources.csv`, `plausible-utm_sources.csv`). */
function fileOf(path: string): [string, string] | undefined {
  const name = basename(path).toLowerCase();
  return FILES.find(([stem]) => name.includes(stem));
}

/** The exported period, from the zip's name ("Plausible export example.com 2024-01-01  to 2024-01-31 .zip"). */
function periodFromPath(path: string): { start: string; end: string } | undefined {
  const matches = [...path.matchAll(/(\d{4}-\d{2}-\d{2})\s+to\s+(\d{4}-\d{2}-\d{2})/g)];
  const last = matches.at(-1);
  return last ? { start: last[1], end: last[2] } : undefined;
}

type Interval = 'day' | 'week' | 'month';

/** visitors.csv is daily, weekly or monthly depending on the exported range: read it off the dates. */
function intervalOf(dates: string[]): Interval {
  const days = dates.map((d) => Date.parse(`${d}T00:00:00Z`) / 86_400_000).filter((d) => Number.isFinite(d));
  if (days.length < 2) return 'day';
  const steps = days.slice(1).map((d, i) => d - days[i]);
  if (dates.every((d) => d.endsWith('-01')) && steps.every((s) => s >= 28 && s <= 31)) return 'month';
  if (steps.slice(1).every((s) => s === 7) && steps[0] <= 7 && steps[0] >= 1 && steps.length >= 2) return 'week';
  return 'day';
}

/** The period of the breakdown files: the zip's name, else the dates of visitors.csv beside them. */
function exportPeriod(path: string): { start: string; end: string } | undefined {
  const named = periodFromPath(path);
  if (named) return named;
  const dir = dirname(path);
  const sibling = readdirSync(dir).find((f) => f.toLowerCase() === 'visitors.csv');
  if (!sibling) return undefined;
  const dates = readFileSync(join(dir, sibling), 'utf8').split(/\r?\n/).slice(1)
    .map((line) => line.split(',')[0]).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d));
  if (dates.length === 0) return undefined;
  const start = dates.reduce((a, b) => (a < b ? a : b));
  const last = dates.reduce((a, b) => (a > b ? a : b));
  const interval = intervalOf(dates);
  const end = interval === 'day' ? last : lastDay(last, interval);
  return { start, end };
}

function lastDay(date: string, interval: Exclude<Interval, 'day'>): string {
  const d = new Date(`${date}T00:00:00Z`);
  if (interval === 'week') d.setUTCDate(d.getUTCDate() + 6);
  else d.setUTCMonth(d.getUTCMonth() + 1, 0);
  return d.toISOString().slice(0, 10);
}

function visitorsColumns(ctx: PresetContext): Record<string, string> {
  const dates = ctx.sample.rows.slice(1).map((r) => (r[0] ?? '').trim());
  const interval = intervalOf(dates);
  const cap = periodFromPath(ctx.sample.path)?.end;
  const date = ctx.col('date');
  const day = `TRY_CAST(${date} AS DATE)`;
  const periodEnd = interval === 'month' ? `last_day(${day})` : interval === 'week' ? `${day} + 6` : undefined;
  const end = periodEnd && cap ? `least(${periodEnd}, DATE ${dateLiteral(cap)})` : periodEnd;
  const count = (name: string) => (ctx.has(name) ? countText(ctx.col(name)) : 'NULL');
  return {
    date,
    end_date: end ? `CAST(${end} AS VARCHAR)` : 'NULL',
    sessions: count('visits'),
    visitors: count('visitors'),
    pageviews: count('pageviews'),
  };
}

export const plausible: Preset = {
  id: 'plausible',
  label: 'Plausible Analytics CSV export',
  kind: 'traffic',
  formats: ['csv'],
  detect(sample: HeadSample) {
    const header = lower(sample.rows[0] ?? []);
    const file = fileOf(sample.path);
    const rich = RICH.filter((c) => header.includes(c));
    if (header[0] === 'date' && header.includes('visitors') && rich.length > 0) {
      return `header starts with date and has visitors, ${rich.join(', ')} (Plausible visitors.csv)`;
    }
    if (header[0] === 'date' && header.includes('unique_conversions') && header.includes('conversion_rate')) {
      return 'header is date, unique_conversions, total_conversions, conversion_rate (Plausible visitors.csv, goal filter)';
    }
    const keyed = header[0] === 'name' || (header[0] === 'property' && header[1] === 'value');
    const counted = ['visitors', 'unique_entrances', 'unique_exits', 'unique_conversions'].find((c) => header.includes(c));
    if (!keyed || !counted) return undefined;
    const named = file && file[0] !== 'visitors' ? `Plausible ${file[0]}.csv` : 'a Plausible breakdown';
    if (rich.length > 0) return `header starts with ${header[0]} and has ${[counted, ...rich].join(', ')} (${named})`;
    // `name,visitors` alone is too plain to be a signature: the file name must be one of the export's.
    if (file && file[0] !== 'visitors') return `header is ${header.join(', ')} and the file is Plausible's ${file[0]}.csv`;
    return undefined;
  },
  columns(ctx) {
    const file = fileOf(ctx.sample.path) ?? ['breakdown', 'dimension'];
    const report = quoteLiteral(`plausible:${file[0]}`);
    if (ctx.has('date')) return { report, ...visitorsColumns(ctx) };
    const period = exportPeriod(ctx.sample.path);
    const count = (name: string) => (ctx.has(name) ? countText(ctx.col(name)) : 'NULL');
    const key = ctx.has('property')
      ? `${ctx.col('property')} || ': ' || ${ctx.col('value')}`
      : ctx.has('version') ? `${ctx.col('name')} || ' ' || ${ctx.col('version')}` : ctx.col('name');
    // Every dimension column is set, so a header that happens to be canonical cannot add one.
    const dims = Object.fromEntries(TRAFFIC_DIMENSIONS.map((d) => [d, d === (file[1] || 'dimension') ? key : 'NULL']));
    return {
      date: period ? dateLiteral(period.start) : 'NULL',
      end_date: period ? dateLiteral(period.end) : 'NULL',
      report,
      ...dims,
      sessions: ctx.has('total_entrances') ? count('total_entrances') : ctx.has('total_exits') ? count('total_exits') : count('visits'),
      visitors: ctx.has('unique_entrances') ? count('unique_entrances')
        : ctx.has('unique_exits') ? count('unique_exits')
          : ctx.has('unique_conversions') ? count('unique_conversions') : count('visitors'),
      pageviews: count('pageviews'),
    };
  },
};
