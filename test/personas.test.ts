// Personas (config `personas:`): the map is computed once per persona and drawn as one view per
// persona in the same HTML file, switched without script; in Chromium each view shows the
// persona's own headline values, equal to the JSON of the same run and to `report --segment`.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { Report } from '../src/core/report.js';
import { formatValue } from '../src/render/format.js';
import { headlineKpis } from '../src/render/map-model.js';
import { launch, load, type LoadedPage } from './helpers/browser.js';
import { ROOT, runJourney, tempDir } from './helpers/run.js';

const DEMO = join(ROOT, 'fixtures', 'demo');
const PERSONAS = `
personas:
  - id: app_user
    label: App user
    description: Orders and answers surveys in the app.
    goals: [Reorder parts fast, Track the delivery]
    segment: "channel = 'app'"
  - id: web_shopper
    label: Web shopper <b>
    goals: Compare bikes before buying
    segment:
      survey: "channel = 'web'"
      order: "channel = 'web'"
      web: "source <> 'instagram'"
`;

let browser: Browser;
let map: LoadedPage;
let report: Report;
let segmented: Report;
let dir: string;

beforeAll(async () => {
  dir = tempDir();
  // The demo's own personas give way to these (a top-level key can appear once).
  const demo = readFileSync(join(DEMO, 'journey.yaml'), 'utf8').replace(/^personas:\n(?:[ ].*\n)*/m, '');
  writeFileSync(join(dir, 'journey.yaml'), demo + PERSONAS);
  const [m, s] = await Promise.all([
    runJourney(['map', DEMO, '--format', 'json,html', '-o', 'out/', '-q'], { cwd: dir }),
    runJourney(['report', DEMO, '--segment', 'channel', '--format', 'json', '-q'], { cwd: dir }),
  ]);
  expect(m.code, m.stderr).toBe(0);
  expect(s.code, s.stderr).toBe(0);
  report = JSON.parse(readFileSync(join(dir, 'out', 'map.json'), 'utf8')) as Report;
  segmented = JSON.parse(s.stdout) as Report;
  browser = await launch();
  map = await load(browser, readFileSync(join(dir, 'out', 'map.html'), 'utf8'));
}, 90_000);

afterAll(async () => {
  await browser?.close();
});

describe('personas with --before/--after', () => {
  it('measures each persona in the --after period, as --since/--until of that period does', async () => {
    const [ba, within] = await Promise.all([
      runJourney(['map', DEMO, '--before', '2025-01-01..2025-03-31', '--after', '2025-04-01..2025-06-30', '--format', 'json', '-q'], { cwd: dir }),
      runJourney(['map', DEMO, '--since', '2025-04-01', '--until', '2025-06-30', '--format', 'json', '-q'], { cwd: dir }),
    ]);
    expect(ba.code, ba.stderr).toBe(0);
    const row = (k: Report['kpis'][number]) => [k.id, k.value, k.n];
    const personas = (out: string) => (JSON.parse(out) as Report).personas!.map((p) => [p.id, p.kpis.map(row)]);
    expect(personas(ba.stdout)).toEqual(personas(within.stdout));
  });
});

/** The data-view of every view the browser shows (not display:none). */
const visibleViews = () => map.page.$$eval('.view', (els) => els.filter((e) => getComputedStyle(e).display !== 'none').map((e) => e.getAttribute('data-view')));

describe('personas on the journey map', () => {
  it('computes each persona over its own rows: a persona defined as the channel segment\'s value equals report --segment', () => {
    expect(report.personas!.map((p) => p.id)).toEqual(['app_user', 'web_shopper']);
    const app = report.personas!.find((p) => p.id === 'app_user')!;
    const value = segmented.segment!.values.find((v) => v.value === 'app')!;
    // Churn is the one KPI that differs, by design (docs/journey-map.md): a persona's view holds only
    // its rows, so a later order in another channel does not end a churn window, while the report's
    // segment breakdown looks at every later order of the customer.
    const row = (k: Report['kpis'][number]) => [k.id, k.value, k.n];
    expect(app.kpis.filter((k) => k.id !== 'churn_rate').map(row)).toEqual(value.kpis.filter((k) => k.id !== 'churn_rate').map(row));
    expect(app.kpis.length).toBe(value.kpis.length);
    expect(app.kpis.length).toBeGreaterThan(5);
    // Not the whole journey's numbers.
    expect(app.kpis.find((k) => k.id === 'nps')!.value).not.toBe(report.kpis.find((k) => k.id === 'nps')!.value);
    expect(app.goals).toEqual(['Reorder parts fast', 'Track the delivery']);
  });

  it('loads with no error and no request, and shows the all-customers map first', async () => {
    expect(map.errors).toEqual([]);
    expect(map.requests).toEqual([]);
    expect(await visibleViews()).toEqual(['all']);
    expect(await map.page.$$eval('script', (s) => s.length)).toBe(0);
    // The label with markup is text.
    expect(await map.page.$$eval('.view b', (b) => b.length)).toBe(0);
    expect(await map.page.textContent('label[for="view-p_web_shopper"]')).toBe('Web shopper <b>');
  });

  it('each persona\'s view, chosen in the switcher, shows its headline values as in the JSON', async () => {
    for (const persona of report.personas!) {
      await map.page.click(`label[for="view-p_${persona.id}"]`);
      expect(await visibleViews()).toEqual([`p_${persona.id}`]);
      const view = `.view[data-persona="${persona.id}"]`;
      let checked = 0;
      for (const stage of persona.stages) {
        const shown = await map.page.$$eval(`${view} [data-stage-headline="${stage.id}"] .kv`, (els) => els.map((e) => ({
          kpi: e.getAttribute('data-kpi'), value: e.getAttribute('data-value'), n: e.getAttribute('data-n'), text: e.querySelector('.v')?.textContent,
        })));
        const want = headlineKpis(stage);
        expect(shown.map((x) => x.kpi)).toEqual(want.map((k) => k.id));
        for (const [i, k] of want.entries()) {
          expect(Number(shown[i]!.value)).toBe(k.value);
          expect(Number(shown[i]!.n)).toBe(k.n);
          expect(shown[i]!.text).toBe(formatValue(k));
          checked++;
        }
      }
      expect(checked).toBeGreaterThanOrEqual(4);
      expect(await map.page.textContent(`${view} .view-title`)).toBe(persona.label);
    }
    await map.page.click('label[for="view-all"]');
    expect(await visibleViews()).toEqual(['all']);
  });

  it('a persona condition goes through the same checks as every config SQL: a file read is refused with its path', async () => {
    const bad = tempDir();
    writeFileSync(join(bad, 'journey.yaml'), `personas:\n  - id: sneaky\n    segment: "(SELECT count(*) FROM read_csv('/etc/passwd')) > 0"\n`);
    const r = await runJourney(['map', join(DEMO, 'surveys.csv'), '-q'], { cwd: bad });
    expect(r.code).toBe(78);
    expect(r.stderr).toContain('personas[0].segment');
    expect(r.stderr).not.toContain('root:');
  });
});
