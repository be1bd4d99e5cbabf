// `report --by`: the terminal summarises the trends as sparklines, one line per KPI, with the last
// value and the significant changes the JSON of the same run has; per-period tables with --detail.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../src/core/report.js';
import { formatValue } from '../src/render/format.js';
import { sparkline } from '../src/render/sparkline.js';
import { runJourney, tempDir } from './helpers/run.js';

describe('sparkline', () => {
  it('scales a row from its lowest to its highest value, marks gaps, and keeps a flat row in the middle', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([10, null, 30, 20])).toBe('▁·█▅');
    expect(sparkline([5, 5, 5])).toBe('▄▄▄');
    expect(sparkline([null, null])).toBe('··');
  });
});

let dir: string;

describe('report --demo --by month in the terminal', () => {
  let report: Report;
  let table: string;

  beforeAll(async () => {
    dir = tempDir();
    // journey map's table is the report's terminal output; its HTML is checked below from the same run.
    const r = await runJourney(['map', '--demo', '--by', 'month', '--format', 'json,table,html', '-o', 'by/', '-q'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    report = JSON.parse(readFileSync(join(dir, 'by', 'map.json'), 'utf8')) as Report;
    table = readFileSync(join(dir, 'by', 'map.txt'), 'utf8');
  }, 60_000);

  it('draws each whole-journey KPI as a sparkline with its last value and its significant changes', () => {
    const rows = report.trends!.rows.filter((r) => r.stage === null && r.touchpoint === null);
    expect(rows.length).toBeGreaterThan(10);
    const lines = table.split('\n');
    const start = lines.indexOf('Whole journey', lines.findIndex((l) => l.startsWith('Trends by month: at a glance')));
    let withChanges = 0;
    for (const [i, row] of rows.entries()) {
      const line = lines[start + 1 + i]!;
      const spark = sparkline(row.values.map((k) => k?.value ?? null));
      const last = [...row.values].reverse().find((k) => k?.value != null)!;
      expect(line, row.kpi).toContain(` ${spark} ${formatValue(last)}`);
      const changes = row.changes.flatMap((c, j) => (c?.significant ? [`${c.delta > 0 ? '▲' : '▼'} ${report.trends!.periods[j]!.id}`] : []));
      if (changes.length) {
        withChanges++;
        expect(line).toContain(changes[0]);
      } else expect(line).not.toMatch(/[▲▼]/);
      expect([...line].length).toBeLessThanOrEqual(80);
    }
    expect(withChanges).toBeGreaterThan(0);
    // Without --detail the per-period tables are left out.
    expect(table).not.toContain('│ KPI                    │         2025-01 │');
  });
});

describe('journey map --by month and --vs on the cards', () => {
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');

  beforeAll(async () => {
    const vs = await runJourney(['map', '--demo', '--period', '2025-Q2', '--vs', 'previous', '--format', 'json,html', '-o', 'vs/', '-q'], { cwd: dir });
    expect(vs.code, vs.stderr).toBe(0);
  }, 60_000);

  /** The HTML of one touchpoint's card. */
  const cardOf = (html: string, touchpoint: string) => {
    const start = html.indexOf(`data-touchpoint="${touchpoint}"`);
    expect(start).toBeGreaterThan(-1);
    return html.slice(start, html.indexOf('</article>', start));
  };

  it('draws each card\'s key KPI per month with the values and significant changes of the JSON', () => {
    const report = JSON.parse(read('by/map.json')) as Report;
    const html = read('by/map.html');
    let marked = 0;
    for (const { id: stage, touchpoints } of report.stages) {
      for (const tp of touchpoints) {
        const card = cardOf(html, tp.id);
        const m = /data-trend="([^"]+)" data-values="([^"]*)" data-changes="([^"]*)"/.exec(card);
        const row = report.trends!.rows.find((r) => r.stage === stage && r.touchpoint === tp.id && r.kpi === m?.[1]);
        if (!m) continue;
        expect(row, tp.id).toBeDefined();
        expect(m[2]).toBe(row!.values.map((k) => (k?.value == null ? '' : String(k.value))).join(','));
        const changes = row!.changes.flatMap((c, i) => (c?.significant ? [`${c.delta > 0 ? 'up' : 'down'}:${report.trends!.periods[i]!.id}`] : []));
        expect(m[3]).toBe(changes.join(','));
        if (changes.length) {
          marked++;
          expect(card).toContain('significant change:');
        }
      }
    }
    // Checkout's CSAT step in April is the demo's story.
    expect(cardOf(html, 'checkout')).toContain('▲ 2025-04');
    expect(marked).toBeGreaterThan(0);
  });

  it('marks the change of each card\'s key KPI against the previous quarter, with its significance', () => {
    const report = JSON.parse(read('vs/map.json')) as Report;
    const html = read('vs/map.html');
    const checkout = report.stages.flatMap((s) => s.touchpoints).find((t) => t.id === 'checkout')!;
    const csat = checkout.kpis.find((k) => k.id === 'csat')!;
    const card = cardOf(html, 'checkout');
    expect(card).toContain(`data-vs="${csat.vs!.delta}" data-significant="${csat.vs!.significant}"`);
    expect(card).toContain(csat.vs!.significant ? '(significant' : '(not significant)');
  });
});

describe('journey map --before/--after', () => {
  it('shows the --after period with every KPI against --before: the same changes and tests as journey compare, marked on the cards', async () => {
    const periods = ['--before', '2025-01-01..2025-03-31', '--after', '2025-04-01..2025-06-30'];
    const out = tempDir();
    const [m, c] = await Promise.all([
      runJourney(['map', '--demo', ...periods, '--format', 'json,html', '-o', 'ba/', '-q'], { cwd: out }),
      runJourney(['compare', '--demo', ...periods, '--format', 'json', '-q']),
    ]);
    expect(m.code, m.stderr).toBe(0);
    const map = JSON.parse(readFileSync(join(out, 'ba', 'map.json'), 'utf8')) as Report;
    expect(map.period).toEqual({ since: '2025-04-01', until: '2025-06-30' });
    expect(map.vs).toEqual({ against: 'before', period: { since: '2025-01-01', until: '2025-03-31' } });
    const rows = (JSON.parse(c.stdout) as { rows: { stage: string | null; touchpoint: string | null; kpi: string; delta: number | null; p_value: number | null }[] }).rows;
    const journeyRows = rows.filter((r) => r.stage === null && r.touchpoint === null && r.delta !== null);
    expect(journeyRows.length).toBeGreaterThan(10);
    for (const r of journeyRows) {
      const kpi = map.kpis.find((k) => k.id === r.kpi)!;
      expect(kpi.vs!.delta, r.kpi).toBeCloseTo(r.delta!, 9);
      expect(kpi.vs!.p_value, r.kpi).toBe(r.p_value);
    }
    const html = readFileSync(join(out, 'ba', 'map.html'), 'utf8');
    const marked = [...html.matchAll(/data-vs="([^"]+)" data-significant="(true|false)"/g)];
    expect(marked.length).toBeGreaterThan(5);
    expect(marked.some((x) => x[2] === 'true')).toBe(true);
    // Flags that contradict each other are usage errors before anything runs.
    expect((await runJourney(['map', '--demo', '--before', '2025-01-01..2025-03-31'])).code).toBe(2);
    expect((await runJourney(['map', '--demo', ...periods, '--vs', 'previous'])).code).toBe(2);
    expect((await runJourney(['map', '--demo', '--before', '2025-01-01..2025-04-30', '--after', '2025-04-01..2025-06-30'])).code).toBe(2);
  });
});
