#!/usr/bin/env node
// Deterministic generator of the benchmark data set in the canonical layout (DESIGN §4, §11).
//
//   node bench/generate.mjs --web 1000000 --out bench/data/1m [--parquet] [--seed 42]
//
// Writes <out>/csv/{surveys,tickets,orders,web_events,campaigns}.csv, with --parquet also
// <out>/parquet/*.parquet (converted from the CSV with DuckDB's auto-detected types), and
// <out>/manifest.json. CSV and Parquet live in sibling folders so `journey report <out>/csv`
// sees each record exactly once.
//
// How: the rows are generated inside DuckDB with range() and COPY ... TO (FORMAT csv), not in
// JavaScript. Randomness is hash-based: every random draw is hash(row, draw-number, seed), so the
// output depends only on (--web, --seed) and the DuckDB version (hash() is pinned with the
// package-lock). No Math.random. Rows are written in row-number order (ORDER BY where the plan
// could reorder), so two runs give byte-identical files.
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdirSync, renameSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    web: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' }, threads: { type: 'string' },
    parquet: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
  },
});
if (args.help || !args.web) {
  process.stderr.write(
    'usage: node bench/generate.mjs --web N --out DIR [--parquet] [--seed 42] [--threads N]\n' +
      '  N web events; orders = N/10, tickets = N*0.03, surveys = N/20, campaigns ~2000 rows\n',
  );
  process.exit(args.help ? 0 : 2);
}
const WEB = intArg(args.web, '--web');
const SEED = intArg(args.seed ?? '42', '--seed');
const OUT = resolve(args.out ?? `bench/data/web-${WEB}`);

const counts = {
  web_events: WEB,
  orders: Math.round(WEB / 10),
  tickets: Math.round(WEB * 0.03),
  surveys: Math.round(WEB / 20),
};
const CUSTOMERS = Math.max(10, Math.round(WEB / 25));
const SESSIONS_MAX = Math.ceil(WEB / 4) * 1.25 + 100; // mean session length is 4; cut at WEB rows
const YEAR_SECONDS = 365 * 86400;

// ---------------------------------------------------------------------------------------------
// SQL. Helpers are macros; `rnd(i, k)` is the k-th uniform draw in (0, 1) for row i.
// Each table re-creates rnd() with its own salt, so row i of one table draws independently of
// row i of another; the other macros call rnd() and pick up the current one.
const rndMacro = (salt) =>
  `CREATE OR REPLACE MACRO rnd(i, k) AS ((hash(i, k, ${SEED}, ${salt}) >> 11)::DOUBLE + 0.5) / 9007199254740992.0;`;
const setup = `
${rndMacro(0)}
-- approximately standard normal (Irwin-Hall of 4 uniforms, rescaled)
CREATE MACRO nrm(i, k) AS (rnd(i, k) + rnd(i, k + 1000) + rnd(i, k + 2000) + rnd(i, k + 3000) - 2.0) * sqrt(3.0);
CREATE MACRO expo(i, k, mean) AS -ln(rnd(i, k)) * mean;
CREATE MACRO pick(lst, i, k) AS lst[1 + floor(rnd(i, k) * len(lst))::INTEGER];
CREATE MACRO ts_at(sec) AS TIMESTAMP '2025-01-01 00:00:00' + to_seconds(floor(sec)::BIGINT);
CREATE MACRO year_end() AS TIMESTAMP '2025-12-31 23:59:59';
CREATE MACRO cust_key(c) AS 'C' || lpad(c::VARCHAR, 7, '0');
-- one person, several spellings of the same address: exercises lower(trim(email))
CREATE MACRO cust_email(c, v) AS CASE
  WHEN v < 0.80 THEN 'c' || lpad(c::VARCHAR, 7, '0') || '@example.com'
  WHEN v < 0.95 THEN 'C' || lpad(c::VARCHAR, 7, '0') || '@Example.COM'
  ELSE ' c' || lpad(c::VARCHAR, 7, '0') || '@example.com ' END;
-- customer_id present for 75% of rows (email mostly too); otherwise email only
CREATE MACRO id_col(c, i, k) AS CASE WHEN rnd(i, k) < 0.75 THEN cust_key(c) END;
CREATE MACRO email_col(c, i, k) AS CASE WHEN rnd(i, k) >= 0.75 OR rnd(i, k + 1) < 0.9
                                        THEN cust_email(c, rnd(i, k + 2)) END;
`;

const TOUCH = `['homepage','product_page','checkout','delivery','support','returns','account','relationship']`;
const TOUCH_STAGE = `['awareness','consideration','purchase','purchase','service','service','loyalty','loyalty']`;
const COMMENTS = `[
  'Great service', 'Fast delivery, friendly driver', 'Took "forever" to arrive',
  'Levering was te laat, jammer', 'Prima, snel geholpen 👍', 'Could not find the size guide',
  'Checkout kept failing; tried twice', 'Refund took three weeks', 'Love the product!',
  'Support answered within the hour', 'Website is slow on mobile', 'Niet tevreden over de retour',
  'Packaging was damaged', 'Good value for money', 'Too many emails, please stop'
]`;

const surveysSql = (path) => `
COPY (
  WITH base AS (
    SELECT i, floor(rnd(i, 1) * ${CUSTOMERS})::BIGINT AS c,
           floor(rnd(i, 2) * 8)::INTEGER AS tp, rnd(i, 3) AS kind
    FROM range(${counts.surveys}) t(i))
  SELECT 'resp-' || lpad(i::VARCHAR, 8, '0')                                AS response_id,
         id_col(c, i, 10)                                                      AS customer_id,
         email_col(c, i, 10)                                                   AS email,
         ts_at(rnd(i, 4) * ${YEAR_SECONDS})                                    AS submitted_at,
         ${TOUCH_STAGE}[tp + 1]                                                AS stage,
         ${TOUCH}[tp + 1]                                                      AS touchpoint,
         pick(['email','web','app','sms'], i, 5)                               AS channel,
         CASE WHEN kind < 0.45 THEN greatest(0, least(10, round(
              [8.4, 7.9, 7.0, 6.3, 6.8, 5.9, 7.9, 7.6][tp + 1] + 2.4 * nrm(i, 20))))::INTEGER END AS nps,
         CASE WHEN kind >= 0.45 AND (kind >= 0.80 OR rnd(i, 6) < 0.5) THEN greatest(1, least(7, round(
              [5.8, 5.5, 5.0, 4.4, 4.8, 4.0, 5.6, 5.4][tp + 1] + 1.4 * nrm(i, 30))))::INTEGER END AS ces,
         CASE WHEN kind >= 0.45 AND kind < 0.80 THEN greatest(1, least(5, round(
              [4.2, 4.1, 3.8, 3.4, 3.7, 3.2, 4.0, 4.0][tp + 1] + 1.0 * nrm(i, 40))))::INTEGER END AS csat,
         CASE WHEN rnd(i, 7) < 0.25 THEN pick(${COMMENTS}, i, 8) END          AS comment
  FROM base
) TO '${path}' (FORMAT csv, HEADER true);`;

const TICKET_CATS = `['billing','delivery','returns','account','product','website']`;
const ticketsSql = (path) => `
COPY (
  WITH base AS (
    SELECT i, floor(rnd(i, 1) * ${CUSTOMERS})::BIGINT AS c,
           floor(rnd(i, 2) * 6)::INTEGER AS cat, rnd(i, 3) AS st,
           floor(rnd(i, 4) * ${YEAR_SECONDS})::BIGINT AS created_s,
           floor(expo(i, 5, [4, 8, 10, 2, 6, 3][cat + 1] * 3600.0))::BIGINT AS fr_s,
           floor(expo(i, 6, [20, 36, 48, 12, 30, 16][cat + 1] * 3600.0))::BIGINT AS work_s
    FROM range(${counts.tickets}) t(i)),
  timed AS (
    SELECT *,
      ts_at(created_s) AS created_at,
      -- status before the year-end cut: 2% new, 5% open, 3% pending, 5% hold, 60% solved, 25% closed
      CASE WHEN st < 0.02 THEN 'new' WHEN st < 0.07 THEN 'open' WHEN st < 0.10 THEN 'pending'
           WHEN st < 0.15 THEN 'hold' WHEN st < 0.75 THEN 'solved' ELSE 'closed' END AS status0,
      created_s + fr_s AS fr_end, created_s + fr_s + work_s AS solve_end
    FROM base),
  cut AS (   -- nothing happens after 2025: tickets whose reply or solve would fall in 2026 are still open
    SELECT *,
      CASE WHEN status0 = 'new' THEN 'new'
           WHEN fr_end >= ${YEAR_SECONDS} THEN 'new'
           WHEN status0 IN ('solved','closed') AND solve_end >= ${YEAR_SECONDS} THEN 'open'
           ELSE status0 END AS status
    FROM timed)
  SELECT 'T' || lpad(i::VARCHAR, 8, '0')                                    AS ticket_id,
         id_col(c, i, 10)                                                   AS customer_id,
         email_col(c, i, 10)                                                AS email,
         created_at,
         CASE WHEN status <> 'new' THEN ts_at(fr_end) END                   AS first_response_at,
         CASE WHEN status IN ('solved','closed') THEN ts_at(solve_end) END  AS solved_at,
         status,
         pick(['email','chat','phone','web'], i, 7)                         AS channel,
         ${TICKET_CATS}[cat + 1]                                            AS touchpoint,
         CASE WHEN status = 'new' THEN 0
              WHEN rnd(i, 8) < 0.02 THEN NULL
              ELSE least(12, floor(expo(i, 9, 1.6)))::INTEGER END           AS replies,
         CASE WHEN status NOT IN ('solved','closed') THEN 0
              WHEN rnd(i, 11) < 0.03 THEN NULL
              WHEN rnd(i, 12) < 0.88 THEN 0 WHEN rnd(i, 12) < 0.97 THEN 1 ELSE 2 END AS reopens,
         CASE WHEN status IN ('solved','closed') AND rnd(i, 13) < 0.35 THEN greatest(1, least(5, round(
              [3.9, 3.6, 3.3, 4.1, 3.8, 4.0][cat + 1] + 1.1 * nrm(i, 50))))::INTEGER END AS csat,
         pick(['Where is my order?', 'Refund request', 'Cannot log in', 'Invoice, VAT number wrong',
               'Question about "size M"', 'Damaged parcel', 'Change delivery address',
               'Wachtwoord vergeten', 'Discount code not working', 'Cancel my order'], i, 14) AS subject
  FROM cut
) TO '${path}' (FORMAT csv, HEADER true);`;

// Orders: each customer is active in one window of the year (start + exponential lifetime), so
// churn and repeat purchase have something to measure; a few customers buy far more than others.
const ordersSql = (path) => `
COPY (
  WITH base AS (
    SELECT i, floor(${CUSTOMERS} * pow(rnd(i, 1), 1.5))::BIGINT AS c FROM range(${counts.orders}) t(i)),
  life AS (
    SELECT *, floor(rnd(c, 101) * 365)::INTEGER AS start_d,
           least(364, floor(rnd(c, 101) * 365)::INTEGER + floor(expo(c, 102, 150))::INTEGER) AS end_d
    FROM base)
  SELECT 'O' || lpad(i::VARCHAR, 9, '0')                                    AS order_id,
         id_col(c, i, 10)                                                   AS customer_id,
         email_col(c, i, 10)                                                AS email,
         ts_at((start_d + rnd(i, 2) * (end_d - start_d + 1)) * 86400)        AS ordered_at,
         greatest(1, round(exp(3.6 + 0.6 * nrm(i, 60)), 2))::DECIMAL(12, 2) AS amount,
         'EUR'                                                              AS currency,
         CASE WHEN rnd(i, 3) < 0.85 THEN 'paid' WHEN rnd(i, 3) < 0.89 THEN 'pending'
              WHEN rnd(i, 3) < 0.94 THEN 'cancelled' ELSE 'refunded' END    AS status,
         CASE WHEN rnd(i, 4) < 0.60 THEN 'web' WHEN rnd(i, 4) < 0.85 THEN 'app'
              WHEN rnd(i, 4) < 0.95 THEN 'store' ELSE 'marketplace' END     AS channel
  FROM life
) TO '${path}' (FORMAT csv, HEADER true);`;

// Web: sessions of 1-7 events (mean 4); the first event is a page view; a carted session has
// add_to_cart second, a buying session ends with purchase. Cut at exactly WEB events.
const webSql = (path) => `
CREATE TEMP TABLE sess AS
  WITH s AS (
    SELECT s, 1 + floor(rnd(s, 1) * 7)::INTEGER AS len FROM range(${SESSIONS_MAX}) t(s))
  SELECT s, len, sum(len) OVER (ORDER BY s ROWS UNBOUNDED PRECEDING) - len AS off,
         floor(rnd(s, 2) * (${YEAR_SECONDS} - 7200)) AS start_s,
         floor(rnd(s, 3) * ${Math.max(1, Math.round(SESSIONS_MAX * 0.45))})::BIGINT AS visitor,
         CASE WHEN rnd(s, 4) < 0.25 THEN cust_key(floor(rnd(s, 5) * ${CUSTOMERS})::BIGINT) END AS customer_id,
         len >= 2 AND rnd(s, 6) < 0.15 AS carted,
         len >= 3 AND rnd(s, 6) < 0.15 * 0.30 AS bought,
         floor(rnd(s, 7) * 100)::INTEGER AS src
  FROM s;
DELETE FROM sess WHERE off >= ${WEB};
COPY (
  SELECT ts_at(start_s + j * 45 + floor(rnd(off + j, 20) * 60))             AS timestamp,
         'ses-' || s::VARCHAR                                                AS session_id,
         'V' || lpad(visitor::VARCHAR, 8, '0')                               AS user_id,
         customer_id,
         CASE WHEN j = 0 THEN 'page_view'
              WHEN bought AND j = len - 1 THEN 'purchase'
              WHEN carted AND j = 1 THEN 'add_to_cart'
              WHEN rnd(off + j, 21) < 0.03 THEN 'generate_lead'
              WHEN rnd(off + j, 21) < 0.04 THEN 'sign_up'
              WHEN rnd(off + j, 21) < 0.06 THEN 'file_download'
              ELSE 'page_view' END                                           AS event,
         CASE event
              WHEN 'purchase' THEN '/checkout/thank-you'
              WHEN 'add_to_cart' THEN '/products/p-' || floor(rnd(s, 22) * 500)::INTEGER
              WHEN 'generate_lead' THEN '/contact'
              WHEN 'sign_up' THEN '/account/sign-up'
              WHEN 'file_download' THEN '/downloads/catalogue-2025.pdf'
              ELSE pick(['/', '/products', '/products/p-' || floor(rnd(off + j, 24) * 500)::INTEGER,
                         '/blog/spring-trends', '/pricing', '/help/returns', '/cart'], off + j, 23) END AS page,
         CASE WHEN src < 35 THEN 'google' WHEN src < 50 THEN 'google' WHEN src < 62 THEN 'newsletter'
              WHEN src < 69 THEN 'facebook' WHEN src < 75 THEN 'instagram' WHEN src < 90 THEN '(direct)'
              ELSE 'partner-blog.example' END                                AS source,
         CASE WHEN src < 35 THEN 'organic' WHEN src < 50 THEN 'cpc' WHEN src < 62 THEN 'email'
              WHEN src < 75 THEN 'social' WHEN src < 90 THEN '(none)' ELSE 'referral' END AS medium,
         CASE WHEN src >= 35 AND src < 50 THEN pick(['brand_search', 'generic_search'], s, 25)
              WHEN src >= 50 AND src < 62 THEN pick(['newsletter_weekly', 'spring_sale'], s, 25)
              WHEN src >= 62 AND src < 75 THEN pick(['brand_awareness', 'summer_launch'], s, 25)
         END                                                                 AS campaign
  FROM sess, range(7) r(j)
  WHERE j < len AND off + j < ${WEB}
  ORDER BY off + j
) TO '${path}' (FORMAT csv, HEADER true);
DROP TABLE sess;`;

// Campaigns: 6 campaigns x 365 days, ~9% of campaign-days dropped (~2000 rows, fixed).
const campaignsSql = (path) => `
COPY (
  WITH base AS (
    SELECT d, k, d * 6 + k AS i,
           ['email','email','social','social','ads','ads'][k + 1] AS channel,
           ['newsletter_weekly','spring_sale','brand_awareness','summer_launch','brand_search','generic_search'][k + 1] AS campaign
    FROM range(365) a(d), range(6) b(k)),
  kept AS (SELECT * FROM base WHERE rnd(i, 1) >= 0.09),
  vol AS (
    SELECT *, CASE channel WHEN 'email' THEN floor(5000 + rnd(i, 2) * 15000)
                           WHEN 'social' THEN floor(10000 + rnd(i, 2) * 90000)
                           ELSE floor(5000 + rnd(i, 2) * 45000) END::BIGINT AS v
    FROM kept)
  SELECT (DATE '2025-01-01' + d::INTEGER)                                   AS date,
         channel, campaign,
         CASE WHEN channel <> 'email' THEN v END                               AS impressions,
         CASE WHEN channel = 'social' THEN floor(v * (0.5 + 0.2 * rnd(i, 3)))
              WHEN channel = 'ads' THEN floor(v * (0.6 + 0.2 * rnd(i, 3))) END::BIGINT AS reach,
         CASE WHEN channel = 'email' THEN v END                                AS sends,
         CASE WHEN channel = 'email' THEN floor(v * (0.95 + 0.04 * rnd(i, 4)))::BIGINT END AS delivered,
         CASE WHEN channel = 'email' THEN floor(v * 0.95 * (0.18 + 0.15 * rnd(i, 5)))::BIGINT END AS opens,
         CASE WHEN channel = 'email' THEN floor(v * 0.95 * (0.01 + 0.04 * rnd(i, 6)))
              WHEN channel = 'social' THEN floor(v * (0.004 + 0.008 * rnd(i, 6)))
              ELSE floor(v * (0.01 + 0.04 * rnd(i, 6))) END::BIGINT          AS clicks,
         CASE WHEN channel = 'social' THEN floor(v * (0.01 + 0.05 * rnd(i, 7)))::BIGINT END AS engagements,
         round(CASE channel WHEN 'email' THEN 15 + 10 * rnd(i, 8)
                            WHEN 'social' THEN 50 + 450 * rnd(i, 8)
                            ELSE 80 + 620 * rnd(i, 8) END, 2)::DECIMAL(10, 2) AS spend
  FROM vol
  ORDER BY d, k
) TO '${path}' (FORMAT csv, HEADER true);`;

const tables = [
  ['surveys', surveysSql],
  ['tickets', ticketsSql],
  ['orders', ordersSql],
  ['web_events', webSql],
  ['campaigns', campaignsSql],
];

// ---------------------------------------------------------------------------------------------
const t0 = performance.now();
const csvDir = join(OUT, 'csv');
const pqDir = join(OUT, 'parquet');
mkdirSync(csvDir, { recursive: true });
if (args.parquet) mkdirSync(pqDir, { recursive: true });

const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
if (args.threads) await con.run(`SET threads = ${intArg(args.threads, '--threads')}`);
await con.run(setup);

const manifest = { generator: 'bench/generate.mjs', web: WEB, seed: SEED, customers: CUSTOMERS, files: {} };
for (const [index, [name, sql]] of tables.entries()) {
  const t = performance.now();
  await con.run(rndMacro(index + 1));
  const final = join(csvDir, `${name}.csv`);
  const tmp = `${final}.tmp`;
  await con.run(sql(sqlPath(tmp)));
  renameSync(tmp, final);
  const rows = await scalar(`SELECT count(*)::BIGINT FROM read_csv('${sqlPath(final)}')`);
  manifest.files[name] = { rows: Number(rows), csv_bytes: statSync(final).size };
  log(`${name}.csv: ${Number(rows).toLocaleString('en')} rows, ${mb(statSync(final).size)} MB, ${secs(t)} s`);
}
if (args.parquet) {
  for (const [name] of tables) {
    const t = performance.now();
    const final = join(pqDir, `${name}.parquet`);
    const tmp = `${final}.tmp`;
    await con.run(
      `COPY (SELECT * FROM read_csv('${sqlPath(join(csvDir, `${name}.csv`))}')) TO '${sqlPath(tmp)}' (FORMAT parquet)`,
    );
    renameSync(tmp, final);
    manifest.files[name].parquet_bytes = statSync(final).size;
    log(`${name}.parquet: ${mb(statSync(final).size)} MB, ${secs(t)} s`);
  }
} else {
  rmSync(pqDir, { recursive: true, force: true }); // never leave Parquet from an older run beside new CSV
}
manifest.duckdb = await scalar('SELECT version()');
manifest.generation_seconds = Number(secs(t0));
writeFileSync(join(OUT, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
con.closeSync();
instance.closeSync();
log(`done in ${secs(t0)} s -> ${OUT}`);

// ---------------------------------------------------------------------------------------------
async function scalar(sql) {
  const reader = await con.runAndReadAll(sql);
  return reader.getRows()[0][0];
}
function sqlPath(p) {
  return p.replaceAll("'", "''");
}
function intArg(v, name) {
  const n = Number(String(v).replaceAll('_', ''));
  if (!Number.isInteger(n) || n <= 0) {
    process.stderr.write(`${name} must be a positive integer, got ${v}\n`);
    process.exit(2);
  }
  return n;
}
function log(msg) {
  process.stderr.write(msg + '\n');
}
function secs(t) {
  return ((performance.now() - t) / 1000).toFixed(2);
}
function mb(bytes) {
  return (bytes / 1048576).toFixed(1);
}
