// A stage's own KPIs: the human formats show at each stage its headline (the config may override
// it per stage), --all-kpis shows every KPI, JSON always keeps all; the terminal's detail tables
// come after the first screen only with --detail.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../src/core/report.js';
import { renderTable } from '../src/render/table.js';
import { ROOT, runJourney, tempDir, type RunResult } from './helpers/run.js';

const DEMO = join(ROOT, 'fixtures', 'demo');
const width = (line: string) => [...line].length;

/** The lines of one stage's section in the detail tables, up to the next stage. */
function section(table: string, stage: string): string {
  const start = table.indexOf(`Stage: ${stage}\n`);
  expect(start, `Stage: ${stage}`).toBeGreaterThan(-1);
  const next = table.indexOf('\nStage: ', start + 1);
  return table.slice(start, next === -1 ? undefined : next);
}

describe('stage-own KPIs, --detail and --all-kpis on the demo with service: headline: [csat, fcr]', () => {
  let dir: string;
  let report: Report;
  let detail: string;
  let md: string;
  let glanceOnly: string;
  let all: RunResult;

  beforeAll(async () => {
    dir = tempDir();
    const config = readFileSync(join(DEMO, 'journey.yaml'), 'utf8')
      .replace('- { id: service, label: Service }', '- { id: service, label: Service, headline: [csat, fcr] }');
    expect(config).toContain('headline: [csat, fcr]');
    writeFileSync(join(dir, 'journey.yaml'), config);
    // One session writes JSON, the detail table and Markdown; one more run for --all-kpis.
    const detailRun = await runJourney(['report', DEMO, '--detail', '--format', 'json,table,md', '-o', 'out/', '-q'], { cwd: dir });
    expect(detailRun.code, detailRun.stderr).toBe(0);
    report = JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8')) as Report;
    detail = readFileSync(join(dir, 'out', 'report.txt'), 'utf8');
    md = readFileSync(join(dir, 'out', 'report.md'), 'utf8');
    all = await runJourney(['report', DEMO, '--all-kpis', '-q'], { cwd: dir });
    // The default table (no --detail) is the golden report.txt; here the same renderer on this JSON.
    glanceOnly = renderTable(report, { color: false });
  }, 60_000);

  it('JSON names each stage\'s headline (the override for service) and keeps every KPI', () => {
    const byId = new Map(report.stages.map((s) => [s.id, s]));
    expect(byId.get('service')!.headline).toEqual(['csat', 'fcr']);
    expect(byId.get('awareness')!.headline).toEqual(['reach', 'impressions', 'sessions']);
    expect(byId.get('awareness')!.kpis.map((k) => k.id)).toContain('conversion_rate');
  });

  it('the detail tables show a stage\'s own KPIs in headline order and count the others', () => {
    const awareness = section(detail, 'Awareness');
    const rows = awareness.split('\n').filter((l) => l.startsWith('│ ') && !l.startsWith('│ KPI')).map((l) => l.split('│')[1]!.trim());
    expect(rows).toEqual(['Reach', 'Impressions', 'Sessions']);
    expect(awareness).not.toContain('Conversion rate');
    const stage = report.stages.find((s) => s.id === 'awareness')!;
    expect(awareness).toContain(`other KPIs measured here: ${stage.kpis.length - 3} (--all-kpis)`);
    // At a touchpoint, how customers rate it belongs too: Checkout keeps CSAT and CES beside conversion.
    const purchase = section(detail, 'Purchase');
    for (const label of ['CSAT (top-2-box)', 'Customer Effort Score (mean, 1-7)', 'Conversion rate']) expect(purchase).toContain(label);
    expect(purchase).not.toContain('Visitors');
    // The override: service shows CSAT and FCR at stage level, not time to resolution.
    const service = section(detail, 'Service').split('  Delivery')[0]!;
    expect(service).toContain('First-contact resolution');
    expect(service).not.toContain('Time to resolution');
    // The whole journey keeps every KPI.
    expect(detail).toContain('Whole journey');
    expect(detail.slice(detail.indexOf('Whole journey'), detail.indexOf('Stage: Awareness'))).toContain('Visitors');
    // A source's absolute path (the demo read from a temp folder) is one word: it cannot wrap.
    const words = detail.split('\n').filter((line) => !/^\s*\S+:?$/.test(line));
    for (const line of words) expect(width(line), line).toBeLessThanOrEqual(80);
  });

  it('the first screen follows the override, and the key KPI of a card is one of its stage\'s', () => {
    const first = detail.slice(0, detail.indexOf('Friction: top 5'));
    expect(first).not.toContain('TTR (median)');
    expect(first).toContain('FCR');
    // Blog & inspiration (awareness) leads with sessions, not the purchase stage's conversion.
    expect(first).toMatch(/Blog & insp…[^\n]*\n Sessions/);
  });

  it('without --detail the table is the first screen and says how to get the rest', () => {
    expect(glanceOnly).toContain('The journey at a glance');
    expect(glanceOnly).not.toContain('Whole journey');
    expect(glanceOnly).not.toContain('Stage: Awareness');
    expect(glanceOnly).not.toContain('Loyalty beside satisfaction');
    expect(glanceOnly).toContain('--detail');
    expect(detail).toContain('Loyalty beside satisfaction');
  });

  it('--all-kpis shows every KPI at every scope', () => {
    expect(all.code).toBe(0);
    const awareness = section(all.stdout, 'Awareness');
    for (const label of ['Conversion rate', 'Cart abandonment rate', 'Visitors']) expect(awareness).toContain(label);
    expect(all.stdout).not.toContain('other KPIs measured here');
  });

  it('Markdown shows each stage\'s own KPIs too', () => {
    const awareness = md.slice(md.indexOf('## Awareness'), md.indexOf('## Consideration'));
    expect(awareness).toContain('| Reach |');
    expect(awareness).not.toContain('| Conversion rate |');
    expect(awareness).toContain('_other KPIs measured here:');
  });

  it('a headline naming no KPI is a config error with its path', async () => {
    const bad = tempDir();
    writeFileSync(join(bad, 'journey.yaml'), 'stages:\n  - { id: service, headline: [csat, bogus] }\n');
    const r = await runJourney(['report', join(DEMO, 'tickets.csv'), '-q'], { cwd: bad });
    expect(r.code).toBe(78);
    expect(r.stderr).toContain('stages[0].headline[1]: "bogus" is not a KPI');
  });
});
