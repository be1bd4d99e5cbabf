// Matomo's CSV export of a report (API or the export button): UTF-16LE with a BOM (transcoded by the
// pre-pass), metric names raw (`nb_visits`) or translated (`Visits`, `Bezoeken`); a multi-period
// export starts with the period key column. Aggregates only.
import { basename } from 'node:path';
import { quoteLiteral } from '../../db.js';
import type { HeadSample, Preset, PresetContext } from './types.js';
import { countText, firstColumn } from './web-sql.js';

/** Raw API names, then English and Dutch translations (lang/en.json, lang/nl.json). */
const NAMES = {
  date: ['date', 'Date', 'Datum'],
  label: ['label', 'Label'],
  sessions: ['nb_visits', 'Visits', 'Bezoeken'],
  visitors: ['nb_uniq_visitors', 'Unique visitors', 'Unieke bezoekers', 'sum_daily_nb_uniq_visitors'],
  pageviews: ['nb_pageviews', 'Pageviews', 'Paginaweergaven'],
  converted: ['nb_visits_converted', 'Visits with Conversions', 'Bezoeken met conversies'],
};
/** Other VisitsSummary metrics: one of them next to visits makes the signature. */
const COMPANIONS = [
  'nb_uniq_visitors', 'Unique visitors', 'Unieke bezoekers', 'nb_actions', 'Actions', 'Acties',
  'bounce_count', 'Bounces', 'max_actions', 'Maximum actions in one visit', 'Maximaal aantal acties in een bezoek',
  'sum_visit_length', 'Total time spent by visitors (in seconds)', 'Totale bestede tijd door bezoekers (in seconden)',
];
const EMPTY = 'no data available';

const present = (header: readonly string[], names: readonly string[]) => {
  const set = new Set(header.map((h) => h.trim().toLowerCase()));
  return names.filter((n) => set.has(n.toLowerCase()));
};

/** Matomo's period keys: 2024-01-05 (day), "2024-01-01,2024-01-07" (week, range), 2024-01 (month), 2024 (year). */
function period(col: string): { date: string; end: string } {
  const v = `trim(${col})`;
  return {
    date: `CASE WHEN regexp_full_match(${v}, '\\d{4}-\\d{2}-\\d{2},\\d{4}-\\d{2}-\\d{2}') THEN split_part(${v}, ',', 1) ` +
      `WHEN regexp_full_match(${v}, '\\d{4}-\\d{2}') THEN ${v} || '-01' ` +
      `WHEN regexp_full_match(${v}, '\\d{4}') THEN ${v} || '-01-01' ELSE ${col} END`,
    end: `CASE WHEN regexp_full_match(${v}, '\\d{4}-\\d{2}-\\d{2},\\d{4}-\\d{2}-\\d{2}') THEN split_part(${v}, ',', 2) ` +
      `WHEN regexp_full_match(${v}, '\\d{4}-\\d{2}') THEN CAST(last_day(TRY_CAST(${v} || '-01' AS DATE)) AS VARCHAR) ` +
      `WHEN regexp_full_match(${v}, '\\d{4}') THEN ${v} || '-12-31' END`,
  };
}

function count(ctx: PresetContext, names: readonly string[]): string {
  const name = firstColumn(ctx, names);
  return name === undefined ? 'NULL' : countText(ctx.col(name));
}

export const matomo: Preset = {
  id: 'matomo',
  label: 'Matomo report (CSV export)',
  kind: 'traffic',
  formats: ['csv', 'tsv'],
  detect(sample: HeadSample) {
    const header = sample.rows[0] ?? [];
    if (header.length === 1 && header[0].trim().toLowerCase() === EMPTY) {
      return 'the file says "No data available" (Matomo\'s empty report)';
    }
    const visits = present(header, NAMES.sessions);
    const companions = present(header, COMPANIONS);
    if (visits.length === 0 || companions.length === 0) return undefined;
    return `header has ${visits[0]}, ${companions.slice(0, 2).join(', ')} (Matomo visits metrics)`;
  },
  columns(ctx): Record<string, string> {
    if (ctx.columns.length === 1 && ctx.columns[0].trim().toLowerCase() === EMPTY) return { date: 'NULL' };
    const date = firstColumn(ctx, NAMES.date);
    const label = firstColumn(ctx, NAMES.label);
    const { date: start, end } = date ? period(ctx.col(date)) : { date: 'NULL', end: 'NULL' };
    // A report by label (referrers, pages ...) says which report it is only in its file name.
    const stem = basename(ctx.sample.path).replace(/\.[^.]*$/, '').toLowerCase();
    return {
      date: start,
      end_date: end,
      report: quoteLiteral(label ? `matomo:${stem}` : 'matomo:visits'),
      dimension: label ? ctx.col(label) : 'NULL',
      sessions: count(ctx, NAMES.sessions),
      visitors: count(ctx, NAMES.visitors),
      pageviews: count(ctx, NAMES.pageviews),
      converted_sessions: count(ctx, NAMES.converted),
    };
  },
};
