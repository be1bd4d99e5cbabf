// Config errors end to end (DESIGN §6 exit 78, STYLE "every error at once with a dotted path"), and
// a valid config with touchpoints, segments and sources doing what it says.
import { describe, it, expect } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runJourney, tempDir } from './helpers/run.js';

type Kpi = { id: string; value: number | null; n: number };
type Report = {
  config: string | null;
  kpis: Kpi[];
  stages: { id: string; touchpoints: { id: string; kpis: Kpi[] }[] }[];
  segment?: { id: string; values: { value: string; kpis: Kpi[] }[] };
};

const TICKETS = [
  'ticket_id,created_at,solved_at,status,channel,touchpoint,replies',
  'T1,2025-01-01 10:00:00,2025-01-01 12:00:00,solved,email,delivery,1',
  'T2,2025-01-02 10:00:00,,open,chat,payment,3',
  'T3,2025-01-03 10:00:00,2025-01-04 10:00:00,solved,email,delivery,2',
  'T4,2025-01-05 08:00:00,2025-01-05 09:30:00,solved,phone,returns,0',
  'T5,2025-01-06 08:00:00,2025-01-06 09:30:00,solved,email,payment,1',
].join('\n') + '\n';

const WEB = [
  'timestamp,session_id,event,page',
  '2025-01-01 10:00:00,s1,page_view,/home',
  '2025-01-01 10:01:00,s1,purchase,/checkout',
].join('\n') + '\n';

function workspace(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('config errors', { timeout: 60_000 }, () => {
  it('reports every problem at once, each with its dotted path, exit 78', async () => {
    const cwd = workspace({
      'tickets.csv': TICKETS,
      'bad.yaml': [
        'low_n: thirty', // wrong type
        'colour: blue', // unknown top-level key
        'stages:',
        '  - id: Awareness', // not a valid id
        '  - id: service',
        'touchpoints:',
        '  - id: help',
        '    stage: service',
        '  - id: lost',
        '    stage: nowhere', // no such stage
        '',
      ].join('\n'),
    });
    const r = await runJourney(['report', 'tickets.csv', '--config', 'bad.yaml'], { cwd });
    expect(r.code).toBe(78);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('bad.yaml');
    expect(r.stderr).toMatch(/low_n/);
    expect(r.stderr).toMatch(/colour/);
    expect(r.stderr).toMatch(/stages\[0\]\.id/);
    expect(r.stderr).toMatch(/touchpoints\[1\]\.stage/);
  });

  it('a touchpoint on a stage that does not exist is exit 78 naming touchpoints[1].stage', async () => {
    const cwd = workspace({
      'tickets.csv': TICKETS,
      'journey.yaml': 'touchpoints:\n  - id: help\n    stage: service\n  - id: lost\n    stage: nowhere\n',
    });
    const r = await runJourney(['report', 'tickets.csv'], { cwd });
    expect(r.code).toBe(78);
    expect(r.stderr).toContain('journey.yaml');
    expect(r.stderr).toMatch(/touchpoints\[1\]\.stage.*nowhere/);
  });

  it('a rule over an unknown column is exit 78 naming touchpoints[0].match.web', async () => {
    const cwd = workspace({
      'web.csv': WEB,
      'journey.yaml': 'touchpoints:\n  - id: site\n    stage: awareness\n    match:\n      web: "no_such_column = \'x\'"\n',
    });
    const r = await runJourney(['report', 'web.csv'], { cwd });
    expect(r.code).toBe(78);
    expect(r.stderr).toContain('journey.yaml');
    expect(r.stderr).toMatch(/touchpoints\[0\]\.match\.web/);
    expect(r.stderr).toContain('no_such_column');
  });

  it('a multi-statement rule is refused when the config loads, even without data of that kind', async () => {
    // DESIGN §9: each rule "must be exactly one expression (reject multi-statement text), is checked
    // ... when the config loads" -- not only once web data turns up in next week's cron run.
    const cwd = workspace({
      'tickets.csv': TICKETS,
      'journey.yaml': 'touchpoints:\n  - id: site\n    stage: awareness\n    match:\n      web: "1=1; COPY (SELECT 1) TO \'x.csv\'"\n',
    });
    const r = await runJourney(['report', 'tickets.csv'], { cwd });
    expect(r.code, r.stderr).toBe(78);
    expect(r.stderr).toMatch(/touchpoints\[0\]\.match\.web/);
  });

  it('YAML that does not parse is exit 78 naming the file', async () => {
    const cwd = workspace({ 'tickets.csv': TICKETS, 'broken.yaml': 'touchpoints: [\n  - id: x\n' });
    const r = await runJourney(['report', 'tickets.csv', '-c', 'broken.yaml'], { cwd });
    expect(r.code).toBe(78);
    expect(r.stderr).toContain('broken.yaml');
    expect(r.stderr).not.toMatch(/unexpected error|\n\s+at /);
  });
});

describe('a valid config', { timeout: 60_000 }, () => {
  const config = [
    'timezone: Europe/Amsterdam',
    'low_n: 2',
    'min_cell: 1',
    'sources:',
    '  - tickets.csv',
    'touchpoints:',
    '  - id: delivery',
    '    label: Delivery',
    '    stage: service',
    '    moment_of_truth: true',
    '    match:',
    '      ticket: "touchpoint IN (\'delivery\', \'returns\')"',
    '  - id: billing',
    '    stage: purchase',
    '    match:',
    '      ticket: "touchpoint = \'payment\'"',
    'segments:',
    '  - id: channel',
    '    expr: channel',
    '  - id: effort',
    '    label: Replies',
    '    expr:',
    '      ticket: "CASE WHEN replies > 1 THEN \'many\' ELSE \'few\' END"',
    '',
  ].join('\n');

  it('maps tickets by its rules and breaks them down by a per-kind segment', async () => {
    const cwd = workspace({ 'tickets.csv': TICKETS, 'journey.yaml': config });
    // No inputs: the config's sources are used.
    const r = await runJourney(['report', '--format', 'json', '--segment', 'effort'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.config).toContain('journey.yaml');
    const tp = (stage: string, id: string) =>
      report.stages.find((s) => s.id === stage)?.touchpoints.find((t) => t.id === id)?.kpis.find((k) => k.id === 'tickets')?.n;
    expect(tp('service', 'delivery')).toBe(3);
    expect(tp('purchase', 'billing')).toBe(2);
    expect(report.segment?.id).toBe('effort');
    const bySegment = Object.fromEntries(report.segment!.values.map((v) => [v.value, v.kpis.find((k) => k.id === 'tickets')?.n]));
    expect(bySegment).toEqual({ few: 3, many: 2 });
  });

  it('a segment given as one expression for every kind works too', async () => {
    const cwd = workspace({ 'tickets.csv': TICKETS, 'journey.yaml': config });
    const r = await runJourney(['report', 'tickets.csv', '--format', 'json', '--segment', 'channel'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    const bySegment = Object.fromEntries(report.segment!.values.map((v) => [v.value, v.kpis.find((k) => k.id === 'tickets')?.n]));
    expect(bySegment).toEqual({ email: 3, chat: 1, phone: 1 });
  });
});
