// The KPI catalogue v1 (DESIGN §5) as data: each KPI names the relation it is measured on, the
// aggregates it needs and the formula over them. A new KPI is one entry here.

export type Unit = '%' | 'nps' | 'score' | 'hours' | 'count' | 'money' | 'ratio';
export type IntervalKind = 'wilson' | 'nps' | 't' | null;
/** Relations KPIs are measured on; measure.ts knows how to scope and aggregate each. */
export type Relation = 'surveys' | 'csat_answers' | 'tickets' | 'web' | 'visitors' | 'orders' | 'order_customers' | 'churn' | 'campaigns' | 'traffic';

export interface KpiDef {
  id: string;
  label: string;
  /** Home stage: where the KPI sits when the rows behind it have no stage of their own. */
  stage: string;
  unit: Unit;
  relation: Relation;
  definition: string;
  interval: IntervalKind;
  /** Survey-derived values are withheld below `min_cell` respondents (privacy, DESIGN §5). */
  surveyDerived?: boolean;
  /** Named aggregates over the relation; `n` is the denominator count every value carries. */
  stats: Record<string, string>;
  /** Formula over the stats, `{name}` for a stat. */
  value: string;
  /**
   * The inputs the KPI needs in the data. When `missing` (SQL over all loaded rows of `kind`, not
   * only the period's) holds, the KPI is not measurable: no value, and `reason` says why — never a
   * number computed from defaults.
   */
  requires?: { kind: 'ticket' | 'web'; missing: string; reason: string };
}

/**
 * Money is summed as DECIMAL(38, 6): exact, so a total does not change in its last digit with the
 * order DuckDB's threads add the rows up (a DOUBLE sum gave 2903.49 on one run, 2903.4900000000002
 * on the next). Amounts are rounded to a millionth first.
 */
const MONEY_SUM = 'sum(CAST(amount AS DECIMAL(38, 6))) FILTER (WHERE _paid)';

const pct = (k: string, n: string) => `100.0 * {${k}} / nullif({${n}}, 0)`;

/**
 * Sum of `expr` over the traffic rows of one breakdown: the first-ranked (`_series`) among the
 * scope's rows where `present` holds. Sums never cross breakdowns (docs/traffic.md).
 */
const firstBreakdownSum = (expr: string, present: string) =>
  `list_sum(list_transform(list_filter(list({'series': _series, 'v': ${expr}}) FILTER (WHERE ${present}), ` +
  `lambda r: r.series = min(_series) FILTER (WHERE ${present})), lambda r: r.v))`;
const bothPresent = (a: string, b: string) => `${a} IS NOT NULL AND ${b} IS NOT NULL`;

export const CATALOGUE: KpiDef[] = [
  {
    id: 'nps', label: 'Net Promoter Score', stage: 'loyalty', unit: 'nps', relation: 'surveys', interval: 'nps', surveyDerived: true,
    definition: '100 x (count nps>=9 - count nps<=6) / count nps',
    stats: { n: 'count(nps)', promoters: 'count(*) FILTER (WHERE nps >= 9)', detractors: 'count(*) FILTER (WHERE nps <= 6)' },
    value: '100.0 * ({promoters} - {detractors}) / nullif({n}, 0)',
  },
  {
    id: 'csat', label: 'CSAT (top-2-box)', stage: 'service', unit: '%', relation: 'csat_answers', interval: 'wilson', surveyDerived: true,
    definition: '100 x count(csat>=4) / count csat, survey and ticket csat (1-5)',
    stats: { n: 'count(csat)', k: 'count(*) FILTER (WHERE csat >= 4)' },
    value: pct('k', 'n'),
  },
  {
    id: 'ces', label: 'Customer Effort Score (mean, 1-7)', stage: 'service', unit: 'score', relation: 'surveys', interval: 't', surveyDerived: true,
    definition: 'mean of ces (1-7, higher = easier)',
    stats: { n: 'count(ces)', mean: 'avg(ces)', sd: 'stddev_samp(ces)' },
    value: '{mean}',
  },
  {
    id: 'fcr', label: 'First-contact resolution', stage: 'service', unit: '%', relation: 'tickets', interval: 'wilson',
    definition: '100 x solved tickets with replies<=1 and reopens=0 (null counts as 0) / solved tickets',
    stats: {
      n: 'count(*) FILTER (WHERE _solved)',
      k: 'count(*) FILTER (WHERE _solved AND coalesce(replies, 0) <= 1 AND coalesce(reopens, 0) = 0)',
    },
    value: pct('k', 'n'),
    requires: { kind: 'ticket', missing: 'count(replies) + count(reopens) = 0', reason: 'no replies or reopens column in the ticket data (map one under columns:)' },
  },
  {
    id: 'ttr_median_hours', label: 'Time to resolution, median', stage: 'service', unit: 'hours', relation: 'tickets', interval: null,
    definition: 'median (linear interpolation) of solved_at - created_at in hours (epoch difference), solved tickets',
    stats: { n: 'count(_ttr_hours)', q: 'quantile_cont(_ttr_hours, 0.5)' },
    value: '{q}',
    requires: { kind: 'ticket', missing: 'count(solved_at) = 0', reason: 'no solved_at values in the ticket data' },
  },
  {
    id: 'ttr_p90_hours', label: 'Time to resolution, 90th percentile', stage: 'service', unit: 'hours', relation: 'tickets', interval: null,
    definition: '90th percentile (linear interpolation) of solved_at - created_at in hours, solved tickets',
    stats: { n: 'count(_ttr_hours)', q: 'quantile_cont(_ttr_hours, 0.9)' },
    value: '{q}',
    requires: { kind: 'ticket', missing: 'count(solved_at) = 0', reason: 'no solved_at values in the ticket data' },
  },
  {
    id: 'first_response_median_hours', label: 'First response time, median', stage: 'service', unit: 'hours', relation: 'tickets', interval: null,
    definition: 'median (linear interpolation) of first_response_at - created_at in hours',
    stats: { n: 'count(_frt_hours)', q: 'quantile_cont(_frt_hours, 0.5)' },
    value: '{q}',
    requires: { kind: 'ticket', missing: 'count(first_response_at) = 0', reason: 'no first_response_at values in the ticket data' },
  },
  {
    id: 'tickets', label: 'Tickets', stage: 'service', unit: 'count', relation: 'tickets', interval: null,
    definition: 'count of tickets',
    stats: { n: 'count(*)' },
    value: '{n}',
  },
  {
    id: 'sessions', label: 'Sessions', stage: 'awareness', unit: 'count', relation: 'web', interval: null,
    definition: 'count distinct session_id',
    stats: { n: 'count(session_id)' },
    value: '{n}',
  },
  {
    id: 'visitors', label: 'Visitors', stage: 'awareness', unit: 'count', relation: 'visitors', interval: null,
    definition: 'count distinct user_id',
    stats: { n: 'count(user_id)' },
    value: '{n}',
  },
  {
    id: 'impressions', label: 'Impressions', stage: 'awareness', unit: 'count', relation: 'campaigns', interval: null,
    definition: 'sum(impressions) over campaign rows',
    stats: { n: 'count(impressions)', total: 'sum(impressions)' },
    value: '{total}',
  },
  {
    id: 'reach', label: 'Reach', stage: 'awareness', unit: 'count', relation: 'campaigns', interval: null,
    definition: 'sum(reach) over campaign rows',
    stats: { n: 'count(reach)', total: 'sum(reach)' },
    value: '{total}',
  },
  {
    id: 'social_engagement', label: 'Social engagement', stage: 'awareness', unit: 'count', relation: 'campaigns', interval: null,
    definition: "sum(engagements) over campaign rows with channel = 'social'",
    stats: {
      n: "count(engagements) FILTER (WHERE lower(channel) = 'social')",
      total: "sum(engagements) FILTER (WHERE lower(channel) = 'social')",
    },
    value: '{total}',
  },
  {
    id: 'pages_per_session', label: 'Pages per session', stage: 'consideration', unit: 'ratio', relation: 'web', interval: null,
    definition: "count(event = 'page_view') / sessions",
    stats: { n: 'count(session_id)', views: 'sum(_page_views)' },
    value: '{views} / nullif({n}, 0)',
    requires: { kind: 'web', missing: "count(*) FILTER (WHERE event = 'page_view') = 0", reason: 'no page_view event in the web data (map your page view event name under values:)' },
  },
  {
    id: 'leads', label: 'Leads', stage: 'consideration', unit: 'count', relation: 'web', interval: null,
    definition: "count(event in ('generate_lead', 'sign_up'))",
    stats: { n: 'coalesce(sum(_leads), 0)' },
    value: '{n}',
  },
  {
    id: 'downloads', label: 'Downloads', stage: 'consideration', unit: 'count', relation: 'web', interval: null,
    definition: "count(event = 'file_download')",
    stats: { n: 'coalesce(sum(_downloads), 0)' },
    value: '{n}',
  },
  {
    id: 'email_ctr', label: 'Email click-through rate', stage: 'consideration', unit: '%', relation: 'campaigns', interval: 'wilson',
    definition: "100 x sum(clicks) / sum(delivered), channel = 'email'",
    stats: {
      n: "sum(delivered) FILTER (WHERE lower(channel) = 'email' AND clicks IS NOT NULL)",
      k: "sum(clicks) FILTER (WHERE lower(channel) = 'email' AND delivered IS NOT NULL)",
    },
    value: pct('k', 'n'),
  },
  {
    id: 'conversion_rate', label: 'Conversion rate', stage: 'purchase', unit: '%', relation: 'web', interval: 'wilson',
    definition: '100 x sessions with a purchase event / sessions',
    stats: { n: 'count(session_id)', k: 'count(session_id) FILTER (WHERE _session_purchased)' },
    value: pct('k', 'n'),
    requires: { kind: 'web', missing: "count(*) FILTER (WHERE event = 'purchase') = 0", reason: 'no purchase event in the web data (map your purchase event name under values:)' },
  },
  {
    id: 'cart_abandonment_rate', label: 'Cart abandonment rate', stage: 'purchase', unit: '%', relation: 'web', interval: 'wilson',
    definition: '100 x sessions with add_to_cart and no purchase / sessions with add_to_cart',
    stats: {
      n: 'count(session_id) FILTER (WHERE _session_carted)',
      k: 'count(session_id) FILTER (WHERE _session_carted AND NOT _session_purchased)',
    },
    value: pct('k', 'n'),
    requires: { kind: 'web', missing: "count(*) FILTER (WHERE event = 'add_to_cart') = 0", reason: 'no add_to_cart event in the web data (map your cart event name under values:)' },
  },
  {
    id: 'orders', label: 'Orders (paid)', stage: 'purchase', unit: 'count', relation: 'orders', interval: null,
    definition: 'count of orders with status paid',
    stats: { n: 'count(*) FILTER (WHERE _paid)' },
    value: '{n}',
  },
  {
    id: 'revenue', label: 'Revenue', stage: 'purchase', unit: 'money', relation: 'orders', interval: null,
    definition: 'sum(amount) of paid orders',
    stats: { n: 'count(*) FILTER (WHERE _paid)', total: MONEY_SUM },
    value: '{total}',
  },
  {
    id: 'aov', label: 'Average order value', stage: 'purchase', unit: 'money', relation: 'orders', interval: null,
    definition: 'revenue / orders (paid orders)',
    stats: { n: 'count(*) FILTER (WHERE _paid)', total: MONEY_SUM },
    value: '{total} / nullif({n}, 0)',
  },
  {
    id: 'repeat_purchase_rate', label: 'Repeat purchase rate', stage: 'loyalty', unit: '%', relation: 'order_customers', interval: 'wilson',
    definition: '100 x customers with >=2 paid orders / customers with >=1 paid order, in the period',
    stats: { n: 'count(*)', k: 'count(*) FILTER (WHERE paid_orders >= 2)' },
    value: pct('k', 'n'),
  },
  {
    id: 'churn_rate', label: 'Churn rate', stage: 'loyalty', unit: '%', relation: 'churn', interval: 'wilson',
    definition: 'as-of T (day after --until, else latest paid order): base = customers with a paid order in [T-2N, T-N); ' +
      'churned = base customers with no paid order in [T-N, T]; 100 x churned / base; N = churn_days (90)',
    stats: { n: 'count(*)', k: 'count(*) FILTER (WHERE NOT active_recently)' },
    value: pct('k', 'n'),
  },
  // Traffic aggregates (docs/traffic.md): their own ids, never mixed with the event-based ones above.
  {
    id: 'traffic_sessions', label: 'Sessions (traffic totals)', stage: 'awareness', unit: 'count', relation: 'traffic', interval: null,
    definition: 'sum of sessions over the traffic rows of one breakdown (the most aggregated with data)',
    stats: { n: firstBreakdownSum('sessions', 'sessions IS NOT NULL') },
    value: '{n}',
  },
  {
    id: 'traffic_visitors', label: 'Visitors (sum of per-row counts, not unique)', stage: 'awareness', unit: 'count', relation: 'traffic', interval: null,
    definition: 'sum of visitors over the traffic rows of one breakdown; a visitor on several days or rows counts once per row, ' +
      'so over more than one row this exceeds the unique visitors',
    stats: { n: firstBreakdownSum('visitors', 'visitors IS NOT NULL') },
    value: '{n}',
  },
  {
    id: 'traffic_pageviews', label: 'Pageviews (traffic totals)', stage: 'consideration', unit: 'count', relation: 'traffic', interval: null,
    definition: 'sum of pageviews over the traffic rows of one breakdown',
    stats: { n: firstBreakdownSum('pageviews', 'pageviews IS NOT NULL') },
    value: '{n}',
  },
  {
    id: 'traffic_pages_per_session', label: 'Pages per session (traffic totals)', stage: 'consideration', unit: 'ratio', relation: 'traffic', interval: null,
    definition: 'sum(pageviews) / sum(sessions) over the traffic rows of one breakdown that have both',
    stats: {
      n: firstBreakdownSum('sessions', bothPresent('sessions', 'pageviews')),
      views: firstBreakdownSum('pageviews', bothPresent('sessions', 'pageviews')),
    },
    value: '{views} / nullif({n}, 0)',
  },
  {
    id: 'traffic_engagement_rate', label: 'Engagement rate (traffic totals)', stage: 'consideration', unit: '%', relation: 'traffic', interval: 'wilson',
    definition: '100 x sum(engaged_sessions) / sum(sessions) over the traffic rows of one breakdown that have both',
    stats: {
      n: firstBreakdownSum('sessions', bothPresent('sessions', 'engaged_sessions')),
      k: firstBreakdownSum('engaged_sessions', bothPresent('sessions', 'engaged_sessions')),
    },
    value: pct('k', 'n'),
  },
  {
    id: 'traffic_conversion_rate', label: 'Conversion rate (traffic totals)', stage: 'purchase', unit: '%', relation: 'traffic', interval: 'wilson',
    definition: '100 x sum(converted_sessions) / sum(sessions) over the traffic rows of one breakdown that have both',
    stats: {
      n: firstBreakdownSum('sessions', bothPresent('sessions', 'converted_sessions')),
      k: firstBreakdownSum('converted_sessions', bothPresent('sessions', 'converted_sessions')),
    },
    value: pct('k', 'n'),
  },
];

export const KPI_BY_ID = new Map(CATALOGUE.map((k) => [k.id, k]));
