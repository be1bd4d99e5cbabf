// The relations KPIs are measured on: period-filtered rows of the mapped views, with the derived
// columns the catalogue's aggregates refer to (_solved, _ttr_hours, _paid, session flags ...).
import type { Kind } from '../sources/kinds/index.js';
import { TRAFFIC_DIMENSIONS } from '../sources/kinds/traffic.js';
import { mappedView } from '../journey/map.js';
import { quoteIdent } from '../db.js';
import type { Relation } from './catalogue.js';
import { inPeriod, PERIOD_SQL } from '../period.js';


/** An order counts as paid when its status says so, or when it has no status (docs/decisions.md). */
const PAID = "coalesce(status, 'paid') = 'paid'";

const view = (kind: Kind) => quoteIdent(mappedView(kind));

/**
 * Traffic rows are aggregates, added only within one breakdown (docs/traffic.md): the rows of one
 * `report` in files that fill the same dimension columns. Breakdowns are ranked, the most aggregated
 * first; the catalogue's traffic KPIs take, at each scope, the first-ranked breakdown with data.
 */
function trafficCtes(): string[] {
  const dims = TRAFFIC_DIMENSIONS.map((d, i) => `CASE WHEN count(${quoteIdent(d)}) > 0 THEN ${i + 1} END`);
  return [
    `breakdowns AS (
  SELECT _file, report,
         list_filter([${dims.join(', ')}], lambda d: d IS NOT NULL) AS _dims
  FROM ${view('traffic')}
  GROUP BY _file, report
)`,
    `ranked AS (
  SELECT _file, report, dense_rank() OVER (ORDER BY len(_dims), _dims, report NULLS FIRST) AS _series
  FROM breakdowns
)`,
    `scoped AS (
  SELECT t.*, r._series
  FROM ${view('traffic')} t
  JOIN ranked r ON r._file = t._file AND r.report IS NOT DISTINCT FROM t.report
  -- A row counts when its whole period lies inside --since/--until: aggregates cannot be split.
  WHERE CAST(date AS TIMESTAMPTZ) >= ${PERIOD_SQL.since}
    AND CAST(coalesce(end_date, date) AS TIMESTAMPTZ) < ${PERIOD_SQL.until}
)`,
  ];
}

export interface RelationSql {
  /** Kinds whose rows feed the relation (all must be loaded). */
  kinds: Kind[];
  /** CTEs ending in one named `scoped` with _stage, _touchpoint and segment columns. */
  ctes: string[];
  /** Customer-grain relations aggregate per customer first (measure.ts adds that level). */
  perCustomer?: string;
  /**
   * Unit-grain relations (sessions, visitors): `scoped` holds one row per unit and scope (stage,
   * touchpoint, segment) with additive `sums`; `flags` are the unit's own, true when any of its
   * rows has the named column true (flag: column). measure.ts turns that into one row per unit and
   * group of each grouping set, so the catalogue counts units with count(key), not count(DISTINCT).
   */
  unit?: { key: string; flags: Record<string, string>; sums: string[] };
}

export function relationSql(relation: Relation, loaded: Kind[], segmentCols: string[]): RelationSql | undefined {
  const segs = segmentCols.map((c) => `, ${quoteIdent(c)}`).join('');
  const has = (k: Kind) => loaded.includes(k);
  switch (relation) {
    case 'surveys':
      return has('survey')
        ? { kinds: ['survey'], ctes: [`scoped AS (\n  SELECT * FROM ${view('survey')}\n  WHERE ${inPeriod('submitted_at')}\n)`] }
        : undefined;
    case 'csat_answers': {
      const parts = (['survey', 'ticket'] as Kind[]).filter(has).map((k) =>
        `  SELECT csat, _stage, _touchpoint${segs} FROM ${view(k)}\n  WHERE csat IS NOT NULL AND ${inPeriod(k === 'survey' ? 'submitted_at' : 'created_at')}`);
      return parts.length
        ? { kinds: (['survey', 'ticket'] as Kind[]).filter(has), ctes: [`scoped AS (\n${parts.join('\n  UNION ALL\n')}\n)`] }
        : undefined;
    }
    case 'tickets':
      return has('ticket')
        ? {
            kinds: ['ticket'],
            ctes: [`scoped AS (
  SELECT *,
         (solved_at IS NOT NULL OR lower(status) IN ('solved', 'closed')) AS _solved,
         (epoch(solved_at) - epoch(created_at)) / 3600.0 AS _ttr_hours,
         (epoch(first_response_at) - epoch(created_at)) / 3600.0 AS _frt_hours
  FROM ${view('ticket')}
  WHERE ${inPeriod('created_at')}
)`],
          }
        : undefined;
    case 'web':
      return has('web')
        ? {
            kinds: ['web'],
            ctes: [
              // The one pass over the events: one row per session and scope. The session's flags
              // (did it buy, did it cart, anywhere) are its units' aggregates (measure.ts).
              `scoped AS (
  SELECT session_id, _stage, _touchpoint${segs},
         count(*) FILTER (WHERE event = 'page_view') AS _page_views,
         count(*) FILTER (WHERE event IN ('generate_lead', 'sign_up')) AS _leads,
         count(*) FILTER (WHERE event = 'file_download') AS _downloads,
         bool_or(event = 'purchase') AS _purchased_here,
         bool_or(event = 'add_to_cart') AS _carted_here
  FROM ${view('web')}
  WHERE ${inPeriod('timestamp')}
  GROUP BY ALL
)`,
            ],
            unit: {
              key: 'session_id',
              flags: { _session_purchased: '_purchased_here', _session_carted: '_carted_here' },
              sums: ['_page_views', '_leads', '_downloads'],
            },
          }
        : undefined;
    case 'visitors':
      return has('web')
        ? {
            kinds: ['web'],
            ctes: [`scoped AS (
  SELECT user_id, _stage, _touchpoint${segs}
  FROM ${view('web')}
  WHERE user_id IS NOT NULL AND ${inPeriod('timestamp')}
  GROUP BY ALL
)`],
            unit: { key: 'user_id', flags: {}, sums: [] },
          }
        : undefined;
    case 'orders':
      return has('order')
        ? {
            kinds: ['order'],
            ctes: [`scoped AS (
  SELECT *, ${PAID} AS _paid
  FROM ${view('order')}
  WHERE ${inPeriod('ordered_at')}
)`],
          }
        : undefined;
    case 'order_customers':
      return has('order')
        ? {
            kinds: ['order'],
            ctes: [`scoped AS (
  SELECT * FROM ${view('order')}
  WHERE ${PAID} AND customer_key IS NOT NULL AND ${inPeriod('ordered_at')}
)`],
            perCustomer: 'count(*) AS paid_orders',
          }
        : undefined;
    case 'churn':
      // As-of T: the day after --until, else the latest paid order. --since does not apply: the
      // base and recent windows are fixed by T and churn_days.
      return has('order')
        ? {
            kinds: ['order'],
            ctes: [
              // T is the latest paid order, a guest's included (the shop's last sale, DESIGN §5);
              // only customers with a key can churn.
              `paid_all AS (
  SELECT * FROM ${view('order')}
  WHERE ${PAID}
    AND ordered_at < coalesce(${PERIOD_SQL.asof}, 'infinity'::TIMESTAMPTZ)
)`,
              `paid AS (\n  SELECT * FROM paid_all WHERE customer_key IS NOT NULL\n)`,
              `as_of AS (\n  SELECT coalesce(${PERIOD_SQL.asof}, max(ordered_at)) AS t FROM paid_all\n)`,
              `recent AS (
  SELECT DISTINCT customer_key
  FROM paid, as_of
  WHERE ordered_at >= t - to_days(${PERIOD_SQL.churnDays}) AND ordered_at <= t
)`,
              `scoped AS (
  SELECT paid.*, recent.customer_key IS NOT NULL AS _recent
  FROM paid CROSS JOIN as_of
  LEFT JOIN recent USING (customer_key)
  WHERE ordered_at >= t - to_days(2 * ${PERIOD_SQL.churnDays})
    AND ordered_at < t - to_days(${PERIOD_SQL.churnDays})
)`,
            ],
            perCustomer: 'bool_or(_recent) AS active_recently',
          }
        : undefined;
    case 'traffic':
      return has('traffic') ? { kinds: ['traffic'], ctes: trafficCtes() } : undefined;
    case 'campaigns':
      return has('campaign')
        ? { kinds: ['campaign'], ctes: [`scoped AS (\n  SELECT * FROM ${view('campaign')}\n  WHERE ${inPeriod('CAST(date AS TIMESTAMPTZ)')}\n)`] }
        : undefined;
  }
}
