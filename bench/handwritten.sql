-- The baseline of the benchmark: the script a competent analyst would write by hand to get the
-- whole-journey KPIs of DESIGN §5 from the five canonical exports, in plain DuckDB SQL.
-- bench/handwritten.mjs substitutes __DIR__ (folder of the files), __EXT__ (csv | parquet) and
-- __READ__ (read_csv | read_parquet), then runs the statements in order on an in-memory database.
-- The last statement returns one row per KPI: id, value, n (the denominator), and extras.
--
-- Choices a reader should know (they are the catalogue's, spelled out):
--   * each file is read once, with DuckDB's type auto-detection, into a table;
--   * customer = customer_id, else sha256(lower(trim(email))) (the tool uses a keyed HMAC; the
--     grouping, and so every count, is the same);
--   * solved ticket = status solved or closed (in the generated data exactly the tickets with a
--     solved_at);
--   * durations are epoch differences in hours; medians and p90 are quantile_cont (linear);
--   * churn: T = the latest paid ordered_at (a timestamp), N = 90 days; base = customers with a
--     paid order in [T - 2N, T - N); churned = base customers with no paid order in [T - N, T].

CREATE TABLE survey   AS SELECT * FROM __READ__('__DIR__/surveys.__EXT__');
CREATE TABLE ticket   AS SELECT * FROM __READ__('__DIR__/tickets.__EXT__');
CREATE TABLE orders   AS SELECT * FROM __READ__('__DIR__/orders.__EXT__');
CREATE TABLE web      AS SELECT * FROM __READ__('__DIR__/web_events.__EXT__');
CREATE TABLE campaign AS SELECT * FROM __READ__('__DIR__/campaigns.__EXT__');

WITH
  surveys AS (
    SELECT count(nps)                       AS n_nps,
           count_if(nps >= 9)               AS promoters,
           count_if(nps <= 6)               AS detractors,
           count(csat)                      AS n_csat,
           count_if(csat >= 4)              AS csat_top2,
           count(ces)                       AS n_ces,
           avg(ces)                         AS ces_mean,
           stddev_samp(ces)                 AS ces_sd
    FROM survey),
  tickets AS (
    SELECT count(*)                                                    AS tickets,
           count(csat)                                                 AS n_csat,
           count_if(csat >= 4)                                         AS csat_top2,
           count_if(status IN ('solved', 'closed'))                    AS solved,
           count_if(status IN ('solved', 'closed')
                    AND coalesce(replies, 0) <= 1 AND coalesce(reopens, 0) = 0) AS one_touch,
           count(solved_at) FILTER (WHERE status IN ('solved', 'closed'))       AS n_ttr,
           quantile_cont((epoch(solved_at) - epoch(created_at)) / 3600, 0.5)
             FILTER (WHERE status IN ('solved', 'closed'))                      AS ttr_median,
           quantile_cont((epoch(solved_at) - epoch(created_at)) / 3600, 0.9)
             FILTER (WHERE status IN ('solved', 'closed'))                      AS ttr_p90,
           count(first_response_at)                                             AS n_frt,
           quantile_cont((epoch(first_response_at) - epoch(created_at)) / 3600, 0.5) AS frt_median
    FROM ticket),
  per_session AS (
    SELECT session_id,
           bool_or(event = 'add_to_cart') AS carted,
           bool_or(event = 'purchase')    AS bought
    FROM web GROUP BY session_id),
  sessions AS (
    SELECT count(*)                        AS sessions,
           count_if(bought)                AS converted,
           count_if(carted)                AS carted,
           count_if(carted AND NOT bought) AS abandoned
    FROM per_session),
  events AS (
    SELECT count(DISTINCT user_id)                               AS visitors,
           count_if(event = 'page_view')                         AS page_views,
           count_if(event IN ('generate_lead', 'sign_up'))       AS leads,
           count_if(event = 'file_download')                     AS downloads
    FROM web),
  campaigns AS (
    SELECT count(*)                                              AS rows,
           sum(impressions)                                      AS impressions,
           sum(reach)                                            AS reach,
           count(*) FILTER (WHERE channel = 'social')            AS social_rows,
           sum(engagements) FILTER (WHERE channel = 'social')    AS social_engagement,
           sum(clicks) FILTER (WHERE channel = 'email')          AS email_clicks,
           sum(delivered) FILTER (WHERE channel = 'email')       AS email_delivered
    FROM campaign),
  paid AS (
    SELECT coalesce(customer_id::VARCHAR, sha256(lower(trim(email)))) AS customer, ordered_at, amount
    FROM orders WHERE status = 'paid'),
  order_totals AS (
    SELECT count(*) AS orders, sum(amount)::DOUBLE AS revenue FROM paid),
  buyers AS (
    SELECT count(*) AS customers, count_if(n >= 2) AS repeaters
    FROM (SELECT customer, count(*) AS n FROM paid GROUP BY customer)),
  churn AS (
    SELECT count(*) AS base, count_if(NOT active_recent) AS churned
    FROM (
      SELECT customer,
             bool_or(ordered_at >= t - INTERVAL 90 DAY AND ordered_at <= t) AS active_recent,
             bool_or(ordered_at >= t - INTERVAL 180 DAY AND ordered_at < t - INTERVAL 90 DAY) AS in_base
      FROM paid, (SELECT max(ordered_at) AS t FROM paid)
      GROUP BY customer)
    WHERE in_base)
SELECT id, value::DOUBLE AS value, n::BIGINT AS n, extra
FROM surveys, tickets, sessions, events, campaigns, order_totals, buyers, churn,
  LATERAL (VALUES
    ('nps',              100.0 * (promoters - detractors) / n_nps,           n_nps,
                         MAP {'promoters': promoters::DOUBLE, 'detractors': detractors::DOUBLE}),
    ('csat',             100.0 * (surveys.csat_top2 + tickets.csat_top2) / (surveys.n_csat + tickets.n_csat),
                         surveys.n_csat + tickets.n_csat,
                         MAP {'survey_n': surveys.n_csat::DOUBLE, 'ticket_n': tickets.n_csat::DOUBLE}),
    ('ces',              ces_mean,                                            n_ces, MAP {'sd': ces_sd::DOUBLE}),
    ('fcr',              100.0 * one_touch / solved,                          solved, NULL),
    ('ttr_median_hours', ttr_median,                                          n_ttr, NULL),
    ('ttr_p90_hours',    ttr_p90,                                             n_ttr, NULL),
    ('first_response_median_hours', frt_median,                               n_frt, NULL),
    ('tickets',          tickets,                                             tickets, NULL),
    ('sessions',         sessions,                                            sessions, NULL),
    ('visitors',         visitors,                                            visitors, NULL),
    ('impressions',      impressions,                                         campaigns.rows, NULL),
    ('reach',            reach,                                               campaigns.rows, NULL),
    ('social_engagement', social_engagement,                                  social_rows, NULL),
    ('pages_per_session', page_views / sessions,                              sessions, NULL),
    ('leads',            leads,                                               leads, NULL),
    ('downloads',        downloads,                                           downloads, NULL),
    ('email_ctr',        100.0 * email_clicks / email_delivered,              email_delivered, NULL),
    ('conversion_rate',  100.0 * converted / sessions,                        sessions, NULL),
    ('cart_abandonment_rate', 100.0 * abandoned / carted,                     carted, NULL),
    ('orders',           orders,                                              orders, NULL),
    ('revenue',          revenue,                                             orders, NULL),
    ('aov',              revenue / orders,                                    orders, NULL),
    ('repeat_purchase_rate', 100.0 * repeaters / customers,                   customers, NULL),
    ('churn_rate',       100.0 * churned / base,                              base, MAP {'churned': churned::DOUBLE})
  ) AS k(id, value, n, extra);
