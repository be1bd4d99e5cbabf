#!/usr/bin/env node
// Writes the web-analytics preset fixtures under fixtures/presets/: each vendor export in its real
// layout and, in canonical/, the same facts in the canonical layout (written here from the same
// model, independently of the presets, so a test comparing the two checks the presets' mapping).
// Deterministic (seeded mulberry32, fixed dates); Parquet through DuckDB's COPY.
//
//   node scripts/make-web-fixtures.mjs
//
// Vendors: GA4 BigQuery export (JSON lines, Parquet), PostHog events (JSON lines), GA4 report CSVs,
// Plausible's CSV zip contents, Matomo CSV (UTF-16LE with BOM). Layouts: docs/presets-web.md.

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'presets');

function makeRng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rng = makeRng(20250101);
const pick = (list) => list[Math.floor(rng() * list.length)];
const int = (lo, hi) => lo + Math.floor(rng() * (hi - lo + 1));

function write(path, text, encoding = 'utf8') {
  const full = join(ROOT, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text, encoding);
}
const csvCell = (v) => (v === null || v === undefined ? '' : /[",\n\r]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v));
const csv = (header, rows, eol = '\n') => [header, ...rows].map((r) => r.map(csvCell).join(',')).join(eol) + eol;

// ---------------------------------------------------------------------------------------------
// One model of web sessions, written as GA4 BigQuery events, PostHog events and canonical rows.

const HOST = 'https://shop.example';
const PAGES = ['/', '/fietsen/e-bikes', '/product/e-bike-stad-7', '/product/fietsslot-xl', '/blog/accu-langer-mee', '/contact'];
const CAMPAIGNS = [
  { source: 'google', medium: 'cpc', campaign: 'voorjaar' },
  { source: 'nieuwsbrief', medium: 'email', campaign: 'januari' },
  { source: 'instagram', medium: 'social', campaign: null },
  null,
];

function makeSessions() {
  const users = Array.from({ length: 7 }, (_, i) => ({
    pseudo: `${1000000 + i * 7919}.${1735689600 + i * 3571}`,
    posthog: `0190a1b2-${String(1000 + i).padStart(4, '0')}-7000-8000-${String(i).padStart(12, '0')}`,
    customer: i % 3 === 0 ? `C${String(500 + i).padStart(6, '0')}` : null,
  }));
  const sessions = [];
  let t = Date.parse('2025-01-01T07:30:00Z') * 1000 + 123456; // microseconds
  for (let s = 0; s < 12; s++) {
    const user = users[s % users.length];
    const start = t;
    const acquisition = pick(CAMPAIGNS);
    const events = [];
    const views = int(1, 4);
    for (let v = 0; v < views; v++) {
      events.push({ name: 'page_view', page: v === 0 ? pick(PAGES) : pick(PAGES.slice(1)) });
    }
    if (rng() < 0.25) events.push({ name: 'file_download', page: '/product/e-bike-stad-7' });
    if (rng() < 0.2) events.push({ name: 'generate_lead', page: '/contact' });
    if (rng() < 0.5) {
      events.push({ name: 'add_to_cart', page: '/product/e-bike-stad-7' });
      if (rng() < 0.6) events.push({ name: 'page_view', page: '/checkout' }, { name: 'purchase', page: '/checkout/bevestiging' });
    }
    let at = start;
    for (const e of events) {
      e.micros = at;
      at += int(5, 240) * 1_000_000 + int(0, 999_999);
    }
    sessions.push({ user, gaSessionId: Math.floor(start / 1_000_000), posthogSession: `0190c0de-${String(s).padStart(4, '0')}-7abc-9def-0123456789ab`, acquisition, events });
    // The last session of the first day crosses midnight UTC.
    t = s === 5 ? Date.parse('2025-01-01T23:58:30Z') * 1000 + 999_001 : start + int(20, 200) * 60_000_000;
  }
  return sessions;
}

const iso = (micros) => `${new Date(Math.floor(micros / 1000)).toISOString().slice(0, 19)}.${String(micros % 1_000_000).padStart(6, '0')}Z`;

function canonicalWeb(rows) {
  return csv(['timestamp', 'session_id', 'user_id', 'customer_id', 'event', 'page', 'source', 'medium', 'campaign'], rows);
}

function ga4Events(sessions) {
  const events = [];
  const canonical = [];
  const param = (key, value) => ({
    key,
    value: typeof value === 'number'
      ? { string_value: null, int_value: String(value), float_value: null, double_value: null }
      : { string_value: value, int_value: null, float_value: null, double_value: null },
  });
  for (const s of sessions) {
    s.events.forEach((e, i) => {
      const query = i === 0 && s.acquisition ? `?utm_source=${s.acquisition.source}&utm_medium=${s.acquisition.medium}` : '';
      const url = e.page === '/' && i === 0 ? HOST : `${HOST}${e.page}${query}`;
      const params = [param('ga_session_id', s.gaSessionId), param('page_location', url), param('engagement_time_msec', int(100, 9000))];
      if (i % 2 === 1) params.reverse(); // parameter order is not fixed
      const a = s.acquisition;
      events.push({
        event_date: iso(e.micros).slice(0, 10).replaceAll('-', ''),
        event_timestamp: String(e.micros), // BigQuery writes INT64 as a JSON string
        event_name: e.name,
        event_params: params,
        event_previous_timestamp: null,
        user_id: s.user.customer,
        user_pseudo_id: s.user.pseudo,
        traffic_source: { name: '(direct)', medium: '(none)', source: '(direct)' },
        session_traffic_source_last_click: {
          manual_campaign: { campaign_name: a?.campaign ?? null, source: a?.source ?? null, medium: a?.medium ?? null, term: null, content: null },
        },
        device: { category: pick(['desktop', 'mobile']), web_info: { browser: 'Chrome', browser_version: '131.0' } },
        geo: { country: 'Netherlands', city: pick(['Utrecht', 'Zwolle', '']) },
        platform: 'WEB',
      });
      canonical.push([iso(e.micros), `${s.user.pseudo}.${s.gaSessionId}`, s.user.pseudo, s.user.customer, e.name, e.page,
        a?.source ?? null, a?.medium ?? null, a?.campaign ?? null]);
    });
  }
  // A measurement-protocol event without ga_session_id: no session, so it is quarantined.
  const stray = Date.parse('2025-01-02T06:00:00Z') * 1000;
  events.splice(7, 0, {
    ...events[6], event_timestamp: String(stray), event_name: 'refund',
    event_params: [{ key: 'transaction_id', value: { string_value: 'T-1009', int_value: null, float_value: null, double_value: null } }],
  });
  canonical.splice(7, 0, [iso(stray), null, events[6].user_pseudo_id, events[6].user_id, 'refund', null,
    ...canonical[6].slice(6)]);
  return { events, canonical };
}

function posthogEvents(sessions) {
  const events = [];
  const canonical = [];
  let n = 0;
  for (const s of sessions) {
    s.events.forEach((e, i) => {
      const a = i === 0 ? s.acquisition : null;
      const query = a ? `?utm_source=${a.source}&utm_medium=${a.medium}${a.campaign ? `&utm_campaign=${a.campaign}` : ''}` : '';
      const props = { $current_url: `${HOST}${e.page}${query}`, $host: 'shop.example', $browser: 'Firefox', $session_id: s.posthogSession, $lib: 'web' };
      if (n % 3 !== 0) props.$pathname = e.page; // older SDKs send only the URL
      if (a) Object.assign(props, { utm_source: a.source, utm_medium: a.medium, ...(a.campaign ? { utm_campaign: a.campaign } : {}) });
      const millis = Math.floor(e.micros / 1000);
      const timestamp = new Date(millis).toISOString();
      const name = e.name === 'page_view' ? '$pageview' : e.name;
      events.push({ uuid: `01940000-0000-7000-8000-${String(n++).padStart(12, '0')}`, event: name, properties: JSON.stringify(props), timestamp, distinct_id: s.user.posthog, person_id: `p-${s.user.posthog.slice(-4)}` });
      canonical.push([timestamp, s.posthogSession, s.user.posthog, null, e.name, e.page, a?.source ?? null, a?.medium ?? null, a?.campaign ?? null]);
      if (i === s.events.length - 1 && s.events.length > 2) {
        // $pageleave is kept under its own name: an event, not a page view.
        const leave = new Date(millis + 4000).toISOString();
        events.push({ uuid: `01940000-0000-7000-8000-${String(n++).padStart(12, '0')}`, event: '$pageleave', properties: JSON.stringify({ ...props, utm_source: undefined }), timestamp: leave, distinct_id: s.user.posthog, person_id: null });
        canonical.push([leave, s.posthogSession, s.user.posthog, null, '$pageleave', e.page, a?.source ?? null, a?.medium ?? null, a?.campaign ?? null]);
      }
    });
  }
  // $identify carries no $session_id: quarantined (required value is empty).
  events.splice(4, 0, { uuid: '01940000-0000-7000-8000-999999999999', event: '$identify', properties: JSON.stringify({ $set: { plan: 'pro' } }), timestamp: events[3].timestamp, distinct_id: events[3].distinct_id, person_id: null });
  canonical.splice(4, 0, [events[3].timestamp, null, events[3].distinct_id, null, '$identify', null, null, null, null]);
  return { events, canonical };
}

// ---------------------------------------------------------------------------------------------
// Traffic aggregates.

const TRAFFIC_HEADER = ['date', 'end_date', 'report', 'channel', 'source', 'medium', 'campaign', 'landing_page', 'page', 'dimension',
  'sessions', 'visitors', 'pageviews', 'engaged_sessions', 'converted_sessions'];
const trafficRow = (r) => TRAFFIC_HEADER.map((h) => r[h] ?? null);
const thousands = (n) => n.toLocaleString('en-US');
const pct = (k, n) => `${(100 * k / n).toFixed(2)}%`;

function ga4Ui() {
  const title = 'Traffic acquisition: Session default channel group';
  const preamble = (name, start, end) => [
    '# ----------------------------------------', `# ${name}`, '# Account: Fietsenwinkel Van Dijk', '# Property: shop.example - GA4',
    '# ----------------------------------------', '#', `# Start date: ${start}`, `# End date: ${end}`, '',
  ].join('\n') + '\n';
  const channels = ['Organic Search', 'Direct', 'Paid Search', 'Email'];
  const rows = [];
  const twin = [];
  let total = [0, 0, 0, 0];
  for (const day of ['20250101', '20250102', '20250103']) {
    for (const channel of channels) {
      const sessions = channel === 'Organic Search' ? int(1000, 2400) : int(40, 900);
      const engaged = Math.round(sessions * (0.5 + rng() * 0.3));
      const converted = Math.round(sessions * rng() * 0.06);
      const users = Math.round(sessions * 0.82);
      const events = sessions * int(5, 9);
      rows.push([channel, day, thousands(sessions), thousands(users), thousands(engaged), pct(engaged, sessions), `${int(20, 90)}s`,
        (events / sessions).toFixed(2), thousands(events), int(0, 30), pct(converted, sessions), `€${thousands(int(0, 5000))}.${int(10, 99)}`]);
      twin.push({ date: `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}`, report: `ga4:${title}`, channel, sessions, visitors: users, engaged_sessions: engaged, converted_sessions: converted });
      total = [total[0] + sessions, total[1] + users, total[2] + engaged, total[3] + events];
    }
  }
  const header = ['Session default channel group', 'Date', 'Sessions', 'Total users', 'Engaged sessions', 'Engagement rate',
    'Average engagement time per session', 'Events per session', 'Event count', 'Key events', 'Session key event rate', 'Total revenue'];
  const grand = ['Grand total', '', thousands(total[0]), thousands(total[1]), thousands(total[2]), pct(total[2], total[0]), '51s', '', thousands(total[3]), '', '', ''];
  write('ga4-ui/traffic_acquisition.csv', preamble(title, '20250101', '20250103') + csv(header, [grand, ...rows]));

  const pagesTitle = 'Pages and screens: Page path and screen class';
  const pageRows = [];
  for (const page of ['/', '/fietsen/e-bikes', '/product/e-bike-stad-7', '/checkout', '/blog/accu-langer-mee']) {
    const views = page === '/' ? int(1500, 3000) : int(30, 900);
    const users = Math.round(views * 0.6);
    pageRows.push([page, thousands(views), thousands(users), (views / users).toFixed(2), `${int(10, 80)}s`, thousands(views * 2), '0', '€0.00']);
    twin.push({ date: '2025-01-01', end_date: '2025-01-03', report: `ga4:${pagesTitle}`, page, pageviews: views, visitors: users });
  }
  const pagesHeader = ['Page path and screen class', 'Views', 'Active users', 'Views per active user', 'Average engagement time per active user', 'Event count', 'Key events', 'Total revenue'];
  write('ga4-ui/pages_and_screens.csv', preamble(pagesTitle, '20250101', '20250103') + csv(pagesHeader, pageRows));
  // A download holding two tables, each after its own # block: only the first is read.
  const sourceTitle = 'Traffic acquisition: Session source / medium';
  const snapshotHeader = (dimension) => [dimension, 'Sessions', 'Engaged sessions', 'Engagement rate', 'Average engagement time per session',
    'Events per session', 'Event count', 'Key events', 'Session key event rate', 'Total revenue'];
  const snapshotRow = (name) => {
    const sessions = int(200, 3000);
    const engaged = Math.round(sessions * (0.4 + rng() * 0.4));
    const converted = Math.round(sessions * rng() * 0.05);
    return { name, sessions, engaged, converted, cells: [name, thousands(sessions), thousands(engaged), pct(engaged, sessions), `${int(20, 90)}s`, '6.00', thousands(sessions * 6), int(0, 40), pct(converted, sessions), '€0.00'] };
  };
  const bySource = ['google / organic', '(direct) / (none)', 'nieuwsbrief / email', 'google / cpc'].map(snapshotRow);
  for (const r of bySource) {
    const [source, medium] = r.name.split(' / ');
    twin.push({ date: '2025-01-01', end_date: '2025-01-03', report: `ga4:${sourceTitle}`, source, medium, sessions: r.sessions, engaged_sessions: r.engaged, converted_sessions: r.converted });
  }
  const byCampaign = ['(organic)', '(direct)', 'januari', 'voorjaar'].map(snapshotRow);
  const totalOf = (rows) => ['Grand total', thousands(rows.reduce((a, r) => a + r.sessions, 0)), thousands(rows.reduce((a, r) => a + r.engaged, 0)), '', '', '', '', '', '', ''];
  write('ga4-ui/reports_snapshot.csv',
    preamble(sourceTitle, '20250101', '20250103') + csv(snapshotHeader('Session source / medium'), [totalOf(bySource), ...bySource.map((r) => r.cells)]) + '\n' +
    preamble('Traffic acquisition: Session campaign', '20250101', '20250103') + csv(snapshotHeader('Session campaign'), [totalOf(byCampaign), ...byCampaign.map((r) => r.cells)]));
  write('ga4-ui/canonical/traffic.csv', csv(TRAFFIC_HEADER, twin.map(trafficRow)));
}

function plausibleExport() {
  const days = ['2025-01-01', '2025-01-02', '2025-01-03', '2025-01-04', '2025-01-05', '2025-01-06', '2025-01-07'];
  const period = { date: '2025-01-01', end_date: '2025-01-07' };
  const twin = [];
  const daily = days.map((date) => {
    if (date === '2025-01-04') return [date, 0, 0, 0, '0.0', '', '']; // a day without visits leaves the rates empty
    const visits = int(60, 140);
    const visitors = visits - int(0, 20);
    const pageviews = visits * int(2, 4);
    twin.push({ date, report: 'plausible:visitors', sessions: visits, visitors, pageviews });
    return [date, visitors, pageviews, visits, (pageviews / visits).toFixed(2), int(30, 70), int(20, 300)];
  });
  twin.push({ date: '2025-01-04', report: 'plausible:visitors', sessions: 0, visitors: 0, pageviews: 0 });
  const CRLF = '\r\n';
  write('plausible/visitors.csv', csv(['date', 'visitors', 'pageviews', 'visits', 'views_per_visit', 'bounce_rate', 'visit_duration'], daily, CRLF));
  const breakdown = (file, column, names, header, metrics) => {
    const rows = names.map((name) => {
      const m = metrics(name);
      twin.push({ ...period, report: `plausible:${file}`, [column]: m.key ?? name, ...m.canonical });
      return [name, ...m.cells];
    });
    write(`plausible/${file}.csv`, csv(header, rows, CRLF));
  };
  const visitorsOnly = (name) => { const v = int(5, 300); return { cells: [v, int(20, 80), int(10, 400)], canonical: { visitors: v } }; };
  breakdown('sources', 'source', ['Direct / None', 'Google', 'Instagram', 'nieuwsbrief'], ['name', 'visitors', 'bounce_rate', 'visit_duration'], visitorsOnly);
  breakdown('channels', 'channel', ['Direct', 'Organic Search', 'Organic Social', 'Email'], ['name', 'visitors', 'bounce_rate', 'visit_duration'], visitorsOnly);
  breakdown('utm_mediums', 'medium', ['email', 'social'], ['name', 'visitors', 'bounce_rate', 'visit_duration'], visitorsOnly);
  breakdown('utm_campaigns', 'campaign', ['januari', 'voorjaar'], ['name', 'visitors', 'bounce_rate', 'visit_duration'], visitorsOnly);
  breakdown('pages', 'page', ['/', '/fietsen/e-bikes', '/checkout'], ['name', 'visitors', 'pageviews', 'bounce_rate', 'time_on_page'], (name) => {
    const v = int(20, 300); const p = v + int(0, 200);
    return { cells: [v, p, name === '/checkout' ? '' : int(20, 80), name === '/' ? '' : `${int(10, 90)}.0`], canonical: { visitors: v, pageviews: p } };
  });
  breakdown('entry_pages', 'landing_page', ['/', '/blog/accu-langer-mee'], ['name', 'unique_entrances', 'total_entrances', 'visit_duration'], () => {
    const u = int(10, 200); const t = u + int(0, 30);
    return { cells: [u, t, int(10, 200)], canonical: { visitors: u, sessions: t } };
  });
  breakdown('exit_pages', 'dimension', ['/checkout/bevestiging', '/'], ['name', 'unique_exits', 'total_exits', 'exit_rate'], () => {
    const u = int(10, 200); const t = u + int(0, 30);
    return { cells: [u, t, `${int(20, 90)}.0`], canonical: { visitors: u, sessions: t } };
  });
  breakdown('countries', 'dimension', ['Netherlands', 'Belgium'], ['name', 'visitors'], () => { const v = int(5, 400); return { cells: [v], canonical: { visitors: v } }; });
  breakdown('conversions', 'dimension', ['Signup', 'Nieuwsbrief'], ['name', 'unique_conversions', 'total_conversions'], () => {
    const u = int(1, 30); return { cells: [u, u + int(0, 5)], canonical: { visitors: u } };
  });
  breakdown('browser_versions', 'dimension', ['Firefox'], ['name', 'version', 'visitors'], () => ({ key: 'Firefox 133', cells: ['133', 12], canonical: { visitors: 12 } }));
  write('plausible/canonical/traffic.csv', csv(TRAFFIC_HEADER, twin.map(trafficRow)));
}

function matomoExport() {
  const utf16 = (text) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const twin = [];
  const english = ['date', 'Unique visitors', 'Visits', 'Users', 'Actions', 'Maximum actions in one visit', 'Bounces',
    'Total time spent by visitors (in seconds)', 'Visits with Conversions', 'Bounce Rate', 'Actions per Visit', 'Avg. Time on Website'];
  const daily = [];
  for (const date of ['2025-01-01', '2025-01-02', '2025-01-03', '2025-01-04', '2025-01-05']) {
    const visits = int(30, 200);
    const uniq = visits - int(0, 25);
    const converted = int(0, 9);
    daily.push([date, uniq, visits, int(0, 5), visits * 3, int(5, 30), int(5, 20), visits * 95, converted, `${int(20, 60)}%`, '3.1', '00:01:35']);
    twin.push({ date, report: 'matomo:visits', sessions: visits, visitors: uniq, converted_sessions: converted });
  }
  write('matomo/visits_summary_day.csv', utf16(csv(english, daily)));
  const dutch = ['Datum', 'Unieke bezoekers', 'Bezoeken', 'Gebruikers', 'Acties', 'Bezoeken met conversies', 'Bounce-ratio'];
  const monthly = [['2025-02', 2100, 2533, 14, 7412, 88, '41%'], ['2025-03', 2350, 2811, 9, 8015, 97, '39%']];
  for (const [month, uniq, visits, , , converted] of monthly) {
    const end = month === '2025-02' ? '2025-02-28' : '2025-03-31';
    twin.push({ date: `${month}-01`, end_date: end, report: 'matomo:visits', sessions: visits, visitors: uniq, converted_sessions: converted });
  }
  write('matomo/bezoeken_per_maand.csv', utf16(csv(dutch, monthly)));
  const raw = ['date', 'label', 'nb_uniq_visitors', 'nb_visits', 'nb_actions', 'max_actions', 'sum_visit_length', 'bounce_count', 'nb_visits_converted', 'goals_idgoal=1_nb_conversions'];
  const byType = [];
  for (const date of ['2025-01-01', '2025-01-02']) {
    for (const label of ['Direct Entry', 'Search Engines', 'Websites, "partners"']) {
      const visits = int(5, 80);
      const uniq = visits - int(0, 4);
      const converted = int(0, 3);
      byType.push([date, label, uniq, visits, visits * 2, 9, visits * 70, int(0, 5), converted, converted]);
      twin.push({ date, report: 'matomo:referrer_type', dimension: label, sessions: visits, visitors: uniq, converted_sessions: converted });
    }
  }
  write('matomo/referrer_type.csv', utf16(csv(raw, byType)));
  write('matomo/canonical/traffic.csv', csv(TRAFFIC_HEADER, twin.map(trafficRow)));
}

// ---------------------------------------------------------------------------------------------

async function main() {
  for (const dir of ['ga4-bigquery', 'ga4-bigquery-parquet', 'posthog', 'ga4-ui', 'plausible', 'matomo']) {
    rmSync(join(ROOT, dir), { recursive: true, force: true });
  }
  const sessions = makeSessions();
  const ga4 = ga4Events(sessions);
  write('ga4-bigquery/events_20250101.jsonl', ga4.events.map((e) => JSON.stringify(e)).join('\n') + '\n');
  write('ga4-bigquery/canonical/web_events.csv', canonicalWeb(ga4.canonical));
  write('ga4-bigquery-parquet/canonical/web_events.csv', canonicalWeb(ga4.canonical));
  const posthog = posthogEvents(sessions);
  write('posthog/events.jsonl', posthog.events.map((e) => JSON.stringify(e)).join('\n') + '\n');
  write('posthog/canonical/web_events.csv', canonicalWeb(posthog.canonical));
  ga4Ui();
  plausibleExport();
  matomoExport();

  // The Parquet export has BigQuery's types: INT64 timestamps and ids, nested lists of structs.
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  const jsonl = join(ROOT, 'ga4-bigquery', 'events_20250101.jsonl').replaceAll("'", "''");
  const parquet = join(ROOT, 'ga4-bigquery-parquet', 'events_20250101.parquet').replaceAll("'", "''");
  await db.run(`COPY (
    SELECT event_date, CAST(event_timestamp AS BIGINT) AS event_timestamp, event_name,
           CAST(event_params AS STRUCT(key VARCHAR, value STRUCT(string_value VARCHAR, int_value BIGINT, float_value DOUBLE, double_value DOUBLE))[]) AS event_params,
           CAST(event_previous_timestamp AS BIGINT) AS event_previous_timestamp,
           CAST(user_id AS VARCHAR) AS user_id, user_pseudo_id, traffic_source,
           CAST(session_traffic_source_last_click AS STRUCT(manual_campaign STRUCT(campaign_name VARCHAR, source VARCHAR, medium VARCHAR, term VARCHAR, content VARCHAR))) AS session_traffic_source_last_click,
           device, geo, platform
    FROM read_json('${jsonl}', format = 'newline_delimited')
  ) TO '${parquet}' (FORMAT parquet)`);
}

await main();
