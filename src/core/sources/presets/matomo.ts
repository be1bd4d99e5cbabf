// Matomo's CSV export of a report (API or the export button): UTF-16LE with a BOM (transcoded by the
// pre-pass), metric names raw (`nb_visits`) or translated (`Visits`, `Bezoeken`); a multi-period
// export starts with the period key column; a single-period export has none, and its period is read
// from the file name (period-from-name.ts) or given in the config. Aggregates only.
import { basename } from 'node:path';
import { quoteLiteral } from '../../db.js';
import { DataError } from '../../errors.js';
import { periodFromName } from './period-from-name.js';
import type { HeadSample, Preset, PresetContext } from './types.js';
import { countText, firstColumn } from './web-sql.js';

/** Raw API names, then English, Dutch and German translations (lang/en.json, lang/nl.json, lang/de.json). */
const NAMES = {
  date: ['date', 'Date', 'Datum'],
  label: ['label', 'Label', 'Bezeichnung'],
  sessions: ['nb_visits', 'Visits', 'Bezoeken', 'Besuche'],
  visitors: ['nb_uniq_visitors', 'Unique visitors', 'Unieke bezoekers', 'Eindeutige Besucher', 'sum_daily_nb_uniq_visitors'],
  pageviews: ['nb_pageviews', 'Pageviews', 'Paginaweergaven', 'Seitenansichten'],
  converted: ['nb_visits_converted', 'Visits with Conversions', 'Bezoeken met conversies', 'Besuche mit Konversionen'],
};
/** Other VisitsSummary metrics: one of them next to visits makes the signature. */
const COMPANIONS = [
  'nb_uniq_visitors', 'Unique visitors', 'Unieke bezoekers', 'Eindeutige Besucher', 'nb_actions', 'Actions', 'Acties', 'Aktionen',
  'bounce_count', 'Bounces', 'Absprünge', 'max_actions', 'Maximum actions in one visit', 'Maximaal aantal acties in een bezoek',
  'Maximale Aktionen pro Besuch', 'sum_visit_length', 'Total time spent by visitors (in seconds)',
  'Totale bestede tijd door bezoekers (in seconden)', 'Von Besuchern verbrachte Gesamtzeit (in Sekunden)',
  'Absprungrate', 'Absprungsrate',
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

/**
 * A single-period export has no date column: the period is the one its file name says. When the
 * name says none and the config does not give the date, no row could be dated: say how to give it.
 */
function singlePeriod(ctx: PresetContext): { date: string; end: string } {
  const named = periodFromName(basename(ctx.sample.path));
  if (named) return { date: quoteLiteral(named.start), end: named.end === named.start ? 'NULL' : quoteLiteral(named.end) };
  if (ctx.mapped?.('date')) return { date: 'NULL', end: 'NULL' };
  throw new DataError(
    `${ctx.sample.path}: a Matomo export of a single period has no date column, and its file name does not say the period. ` +
      'Put the period in the file name (visits_2024-03-01.csv for a day, visits_2024-03.csv for a month, visits_2024-03-01_2024-03-31.csv for a range), ' +
      `or give it in journey.yaml: sources: [{ path: ${basename(ctx.sample.path)}, preset: matomo, columns: { date: "'2024-03-01'", end_date: "'2024-03-31'" } }]; ` +
      'or export several periods at once (period=day over a date range), which adds the date column',
  );
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
    const single = present(header, NAMES.date).length === 0 ? periodFromName(basename(sample.path)) : undefined;
    return `header has ${visits[0]}, ${companions.slice(0, 2).join(', ')} (Matomo visits metrics)${single ? `; a single-period export: the period is ${single.from}` : ''}`;
  },
  columns(ctx): Record<string, string> {
    if (ctx.columns.length === 1 && ctx.columns[0].trim().toLowerCase() === EMPTY) return { date: 'NULL' };
    const date = firstColumn(ctx, NAMES.date);
    const label = firstColumn(ctx, NAMES.label);
    const { date: start, end } = date ? period(ctx.col(date)) : singlePeriod(ctx);
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
