// The traffic kind end to end (docs/traffic.md): aggregates are summed within one breakdown only,
// visitors are labelled as a sum of per-row counts, periods must lie inside --since/--until, bad rows
// are quarantined with their line, and event-based web KPIs are never added to traffic ones.
import { describe, it, expect, beforeAll } from 'vitest';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runJourney, tempDir, type RunResult } from './helpers/run.js';
import { wilson } from '../src/core/kpis/stats.js';

interface Kpi { id: string; label: string; value: number | null; n: number; ci: [number, number] | null; flags: string[] }
interface Stage { id: string; kpis: Kpi[]; touchpoints: { id: string; kpis: Kpi[] }[] }
interface Report { sources: { path: string; kind: string; rows: number; rejected: number }[]; kpis: Kpi[]; stages: Stage[]; warnings: string[] }
interface Validation { files: { path: string; kind: string; records: number; loaded: number; rejected: number; rejects: { line: number; column: string; reason: string }[] }[] }

const report = (r: RunResult): Report => {
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Report;
};
const kpi = (list: Kpi[], id: string) => list.find((k) => k.id === id);
const value = (list: Kpi[], id: string) => kpi(list, id)?.value;

function folder(files: Record<string, string>): string {
  const dir = tempDir('journey-traffic-');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

// Three cuts of the same two days of traffic: day totals, by channel (for the whole period), by page.
const DAILY = [
  'date,sessions,visitors,pageviews,engaged_sessions,converted_sessions',
  '2025-01-01,100,80,250,60,5',
  '2025-01-02,120,90,300,70,6',
].join('\n') + '\n';
const CHANNELS = [
  'date,end_date,channel,sessions,visitors',
  '2025-01-01,2025-01-02,Organic Search,150,120',
  '2025-01-01,2025-01-02,Direct,70,60',
].join('\n') + '\n';
const PAGES = [
  'date,page,pageviews,visitors',
  '2025-01-01,/,200,70',
  '2025-01-01,/checkout,50,10',
  '2025-01-02,/,240,80',
  '2025-01-02,/checkout,60,12',
].join('\n') + '\n';

describe('traffic totals from several breakdowns of the same traffic', { timeout: 60_000 }, () => {
  let whole: Report;
  let ruled: Report;
  let period: Report;
  beforeAll(async () => {
    const dir = folder({ 'daily.csv': DAILY, 'channels.csv': CHANNELS, 'pages.csv': PAGES });
    writeFileSync(join(dir, 'journey.yaml'), [
      'touchpoints:',
      '  - { id: organic, stage: awareness, match: { traffic: "channel = \'Organic Search\'" } }',
      '  - { id: checkout, stage: purchase, match: { traffic: "page LIKE \'/checkout%\'" } }',
    ].join('\n') + '\n');
    const runs = await Promise.all([
      runJourney(['report', dir, '--format', 'json']),
      runJourney(['report', dir, '--config', join(dir, 'journey.yaml'), '--format', 'json']),
      runJourney(['report', dir, '--until', '2025-01-01', '--format', 'json']),
    ]);
    [whole, ruled, period] = runs.map(report);
  });

  it('loads every file as traffic and reports sessions from one breakdown, not the sum of all three', () => {
    expect(whole.sources.map((s) => s.kind)).toEqual(['traffic', 'traffic', 'traffic']);
    expect(value(whole.kpis, 'traffic_sessions')).toBe(220); // day totals; channels would also give 220: never 440
    expect(kpi(whole.kpis, 'traffic_sessions')!.n).toBe(220);
    expect(value(whole.kpis, 'traffic_pageviews')).toBe(550); // not 550 + 550 from the page rows
  });

  it('visitors are the sum of daily visitors, labelled as not unique', () => {
    const visitors = kpi(whole.kpis, 'traffic_visitors')!;
    expect(visitors.value).toBe(170);
    expect(visitors.label).toMatch(/not unique/);
  });

  it('pages per session, engagement and conversion rate come from rows that have both counts', () => {
    expect(value(whole.kpis, 'traffic_pages_per_session')).toBeCloseTo(550 / 220, 12);
    const conversion = kpi(whole.kpis, 'traffic_conversion_rate')!;
    expect(conversion.value).toBeCloseTo(100 * 11 / 220, 12);
    expect(conversion.n).toBe(220);
    const [lo, hi] = wilson(11, 220)!;
    expect(conversion.ci![0]).toBeCloseTo(100 * lo, 9);
    expect(conversion.ci![1]).toBeCloseTo(100 * hi, 9);
    expect(value(whole.kpis, 'traffic_engagement_rate')).toBeCloseTo(100 * 130 / 220, 12);
  });

  it('each KPI sits in its home stage without a config', () => {
    const stage = (id: string) => whole.stages.find((s) => s.id === id)!;
    expect(stage('awareness').kpis.map((k) => k.id)).toEqual(['traffic_sessions', 'traffic_visitors']);
    expect(value(stage('purchase').kpis, 'traffic_conversion_rate')).toBeCloseTo(5, 12);
  });

  it('touchpoint rules on traffic columns select the rows of their breakdown', () => {
    const touchpoint = (stage: string, id: string) =>
      ruled.stages.find((s) => s.id === stage)!.touchpoints.find((t) => t.id === id)!;
    expect(value(touchpoint('awareness', 'organic').kpis, 'traffic_sessions')).toBe(150);
    expect(value(touchpoint('awareness', 'organic').kpis, 'traffic_visitors')).toBe(120);
    expect(value(touchpoint('purchase', 'checkout').kpis, 'traffic_pageviews')).toBe(110);
    expect(value(touchpoint('purchase', 'checkout').kpis, 'traffic_visitors')).toBe(22);
    // The journey value is unchanged by the rules.
    expect(value(ruled.kpis, 'traffic_sessions')).toBe(220);
  });

  it('--until leaves out rows whose period does not lie wholly inside it', () => {
    // Channel rows cover 1-2 January and cannot be split; the day rows of 1 January remain.
    expect(value(period.kpis, 'traffic_sessions')).toBe(100);
    expect(value(period.kpis, 'traffic_visitors')).toBe(80);
    expect(value(period.kpis, 'traffic_pageviews')).toBe(250);
  });
});

describe('traffic breakdowns: reports and files', { timeout: 60_000 }, () => {
  it('rows of one report in two files are added; two reports with the same dimensions are not', async () => {
    const dir = folder({
      'jan.csv': 'date,report,channel,sessions\n2025-01-01,acquisition,Direct,10\n2025-01-01,acquisition,Email,5\n',
      'feb.csv': 'date,report,channel,sessions\n2025-02-01,acquisition,Direct,20\n',
      'other.csv': 'date,report,channel,sessions\n2025-01-01,zz-first-user,Direct,999\n',
    });
    const r = report((await runJourney(['report', dir, '--format', 'json'])));
    expect(value(r.kpis, 'traffic_sessions')).toBe(35);
  });

  it('with web events too, event-based and traffic KPIs are reported side by side, never added', async () => {
    const dir = folder({
      'daily.csv': DAILY,
      'events.csv': [
        'timestamp,session_id,user_id,event,page',
        '2025-01-01T10:00:00Z,s1,u1,page_view,/',
        '2025-01-01T10:01:00Z,s1,u1,page_view,/checkout',
        '2025-01-01T10:02:00Z,s1,u1,purchase,/checkout',
        '2025-01-02T09:00:00Z,s2,u2,page_view,/',
      ].join('\n') + '\n',
    });
    const r = report((await runJourney(['report', dir, '--format', 'json'])));
    expect(value(r.kpis, 'sessions')).toBe(2);
    expect(value(r.kpis, 'traffic_sessions')).toBe(220);
    expect(value(r.kpis, 'visitors')).toBe(2);
    expect(value(r.kpis, 'traffic_visitors')).toBe(170);
    expect(value(r.kpis, 'conversion_rate')).toBe(50);
    expect(value(r.kpis, 'traffic_conversion_rate')).toBeCloseTo(5, 12);
  });
});

describe('traffic validation', { timeout: 60_000 }, () => {
  it('quarantines impossible rows with their line, column and reason', async () => {
    const dir = folder({
      'traffic.csv': [
        'date,end_date,channel,sessions,engaged_sessions,converted_sessions',
        '2025-01-01,,Direct,10,5,1',
        '2025-01-05,2025-01-01,Direct,10,5,1',
        '2025-01-02,,Direct,10,11,1',
        '2025-01-03,,Direct,10,5,12',
        '2025-01-04,,Direct,"1,5",1,1',
        ',,Direct,10,5,1',
        '2025-01-06,,Email,20,,',
      ].join('\n') + '\n',
    });
    const r = await runJourney(['validate', dir, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const [file] = (JSON.parse(r.stdout) as Validation).files;
    expect(file.kind).toBe('traffic');
    expect([file.records, file.loaded, file.rejected]).toEqual([7, 2, 5]);
    expect(file.rejects.map((x) => [x.line, x.column])).toEqual([
      [3, 'end_date'], [4, 'engaged_sessions'], [5, 'converted_sessions'], [6, 'sessions'], [7, 'date'],
    ]);
    expect(file.rejects[0].reason).toMatch(/end_date is before date/);
    expect(file.rejects[1].reason).toMatch(/more than sessions/);
    expect(file.rejects[3].reason).toMatch(/whole number/);
    expect(file.rejects[4].reason).toMatch(/required/);
    const totals = report((await runJourney(['report', dir, '--format', 'json'])));
    expect(value(totals.kpis, 'traffic_sessions')).toBe(30);
  });

  it('a file with a date but no traffic count is not taken for traffic', async () => {
    const dir = folder({ 'notes.csv': 'date,note\n2025-01-01,hello\n' });
    const r = await runJourney(['validate', dir]);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/cannot tell what kind of export/);
  });

  it('a date and channel with campaign counts stay campaign; with session counts they are traffic', async () => {
    const dir = folder({
      'ads.csv': 'date,channel,impressions,clicks\n2025-01-01,ads,100,5\n',
      'visits.csv': 'date,channel,sessions\n2025-01-01,Paid Search,5\n',
    });
    const r = await runJourney(['validate', dir, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const kinds = (JSON.parse(r.stdout) as Validation).files.map((f) => [f.path.split('/').pop(), f.kind]);
    expect(kinds).toEqual([['ads.csv', 'campaign'], ['visits.csv', 'traffic']]);
  });

  it('traffic=PATH forces the kind and config sources accept kind: traffic', async () => {
    const dir = folder({ 'export.csv': 'day,visits\n2025-01-01,7\n' });
    mkdirSync(join(dir, 'cfg'));
    writeFileSync(join(dir, 'cfg', 'journey.yaml'), 'sources:\n  - { path: ../export.csv, kind: traffic }\n');
    const forced = await runJourney(['validate', `traffic=${join(dir, 'export.csv')}`, '--format', 'json']);
    // `day` is not the canonical `date`: forcing the kind still needs the required column.
    expect(forced.code).toBe(65);
    expect(forced.stderr).toMatch(/traffic export needs column\(s\) date/);
    writeFileSync(join(dir, 'export.csv'), 'date,visits\n2025-01-01,7\n');
    // ../export.csv is outside the config's folder: the user widens that with --sources-anywhere.
    const configured = report((await runJourney(['report', '--config', join(dir, 'cfg', 'journey.yaml'), '--format', 'json', '--sources-anywhere'])));
    expect(value(configured.kpis, 'traffic_sessions')).toBe(7);
  });
});
