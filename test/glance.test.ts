// The terminal report's first screen and the Dutch human formats: what an analyst sees first at 80
// columns, that no line is wider and no number is cut, and --lang nl / lang: nl everywhere but JSON.
import { describe, it, expect } from 'vitest';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../src/core/report.js';
import { formatCount, formatValue } from '../src/render/format.js';
import { headlineKpis } from '../src/render/map-model.js';
import { renderTable } from '../src/render/table.js';
import { ROOT, runJourney, tempDir } from './helpers/run.js';
import { hostileReport } from './helpers/hostile-report.js';

const width = (line: string) => [...line].length;

describe('journey report at 80 columns', () => {
  it('shows the journey at a glance in the first 50 lines: every stage, its headline values, touchpoints with rank and ★, the friction top 5', async () => {
    const [table, json] = await Promise.all([runJourney(['report', '--demo', '--detail']), runJourney(['report', '--demo', '--format', 'json', '-q'])]);
    expect(table.code).toBe(0);
    const report = JSON.parse(json.stdout) as Report;
    const lines = table.stdout.split('\n');
    for (const line of lines) expect(width(line), line).toBeLessThanOrEqual(80);
    const first = lines.slice(0, 50).join('\n');
    // The stages side by side on one row, in config order.
    const stageRow = lines.find((l) => l.startsWith('1 Awareness'))!;
    expect(stageRow.replace(/\s+/g, ' ')).toBe('1 Awareness 2 Consideration 3 Purchase 4 Service 5 Loyalty');
    for (const stage of report.stages) {
      for (const kpi of headlineKpis(stage)) {
        // Whole numbers: the value and n as formatted, never cut.
        expect(first).toContain(formatValue(kpi));
        expect(first).toContain(`n ${formatCount(kpi.n)}`);
      }
    }
    expect(first).toContain('#1 ★Checkout');
    expect(first).toContain('Friction: top 5 touchpoints');
    for (const e of report.friction.slice(0, 5)) expect(first).toContain(`${e.rank}. ${e.label}`);
    expect(first).toMatch(/Legend: n = sample size/);
    // Detail tables are compact: no rule between rows.
    const detail = table.stdout.slice(table.stdout.indexOf('Whole journey'));
    const rules = detail.split('\n').filter((l) => l.startsWith('├')).length;
    const tables = detail.split('\n').filter((l) => l.startsWith('┌') || l.startsWith('  ┌')).length;
    expect(rules).toBe(tables - detail.split('\n').filter((l) => l.startsWith('  ┌')).length);
    expect(table.stdout).toContain('1,264,890.65');
    expect(table.stdout).not.toMatch(/\d…/);
  });

  it('draws to the terminal width it is given (COLUMNS), keeping every number whole', async () => {
    const wide = await runJourney(['report', '--demo', '-q'], { env: { COLUMNS: '120' } });
    const lines = wide.stdout.split('\n');
    expect(Math.max(...lines.map(width))).toBeGreaterThan(90);
    for (const line of lines) expect(width(line)).toBeLessThanOrEqual(120);
    const narrow = renderTable(hostileReport, { color: false, columns: 60 });
    for (const line of narrow.split('\n')) expect(width(line), line).toBeLessThanOrEqual(60);
    expect(narrow).toContain('~80.0%');
    expect(narrow).not.toContain('<script>window.pwned = true</script>\n');
  });
});

describe('journey friction at 80 columns', () => {
  it('the ranking is a compact table within 80 columns, wider when the terminal is, every n whole', async () => {
    const [narrow, wide, json] = await Promise.all([
      runJourney(['friction', '--demo', '-q']),
      runJourney(['friction', '--demo', '-q'], { env: { COLUMNS: '120' } }),
      runJourney(['friction', '--demo', '--format', 'json', '-q']),
    ]);
    const entries = JSON.parse(json.stdout).friction as { n: number; label: string }[];
    const table = (out: string) => out.split('\n').filter((l) => /^[┌│├└]/.test(l));
    for (const line of table(narrow.stdout)) expect(width(line), line).toBeLessThanOrEqual(80);
    // Compact: one rule per table, under its heading.
    const rules = table(narrow.stdout).filter((l) => l.startsWith('├')).length;
    expect(rules).toBe(table(narrow.stdout).filter((l) => l.startsWith('┌')).length);
    for (const e of entries) expect(narrow.stdout).toContain(` ${formatCount(e.n)} │`);
    // Stage names, not ids: 'Purchase' (Dutch: 'Aankoop').
    expect(narrow.stdout).toMatch(/│ Purchase +│/);
    const nl = await runJourney(['friction', '--demo', '--lang', 'nl', '-q']);
    expect(nl.stdout).toMatch(/│ Aankoop +│/);
    expect(nl.stdout).not.toMatch(/│ purchase +│/);
    expect(Math.max(...table(wide.stdout).map(width))).toBeGreaterThan(80);
    for (const line of table(wide.stdout)) expect(width(line)).toBeLessThanOrEqual(120);
  });
});

describe('--lang nl', () => {
  it('writes the table in Dutch: labels, stage names, 1.264.890,65 and dd-mm-yyyy', async () => {
    const r = await runJourney(['report', '--demo', '--detail', '--lang', 'nl', '--since', '2025-01-01', '--until', '2025-12-31']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Periode: 01-01-2025 – 31-12-2025');
    expect(r.stdout).toContain('De klantreis in één oogopslag');
    expect(r.stdout).toContain('1 Bewustwording');
    expect(r.stdout).toContain('1.264.890,65');
    expect(r.stdout).toMatch(/│ Omzet +│ +1\.264\.890,65 │/);
    expect(r.stdout).not.toContain('1,264,890.65');
  });

  it('writes Markdown in Dutch and leaves JSON and CSV language-neutral', async () => {
    // One run per language, every format written at once (two demo loads, not five).
    const dir = tempDir();
    const runs = await Promise.all([
      runJourney(['report', '--demo', '--lang', 'nl', '--format', 'md,json,csv', '-o', 'nl/', '-q'], { cwd: dir }),
      runJourney(['report', '--demo', '--format', 'json,csv', '-o', 'en/', '-q'], { cwd: dir }),
    ]);
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const read = (path: string) => readFileSync(join(dir, path), 'utf8');
    const md = read('nl/report.md');
    expect(md).toContain('# Customer journey rapport');
    expect(md).toContain('## Bewustwording');
    expect(md).toContain('| Omzet | 1.264.890,65 |');
    expect(md).toContain('**Inzichten**');
    expect(read('nl/report.json')).toBe(read('en/report.json'));
    expect(read('nl/report.csv')).toBe(read('en/report.csv'));
  });

  it('takes lang: nl from the config, and --lang en over it', async () => {
    const dir = tempDir();
    const config = readFileSync(join(ROOT, 'fixtures', 'demo', 'journey.yaml'), 'utf8');
    writeFileSync(join(dir, 'journey.yaml'), `lang: nl\n${config}`);
    const demo = join(ROOT, 'fixtures', 'demo');
    const nl = await runJourney(['report', demo, '-q'], { cwd: dir });
    expect(nl.code).toBe(0);
    expect(nl.stdout).toContain('1 Bewustwording');
    const en = await runJourney(['report', demo, '--lang', 'en', '-q'], { cwd: dir });
    expect(en.stdout).toContain('1 Awareness');
    const bad = await runJourney(['report', '--demo', '--lang', 'de']);
    expect(bad.code).toBe(2);
  });

  it('--csv excel-nl writes CSV Dutch Excel opens directly: BOM, semicolons, decimal commas, the same cells', async () => {
    const [standard, excel] = await Promise.all([
      runJourney(['report', '--demo', '--format', 'csv', '-q']),
      runJourney(['report', '--demo', '--format', 'csv', '--csv', 'excel-nl', '-q']),
    ]);
    expect(excel.code).toBe(0);
    expect(excel.stdout.startsWith('\uFEFFsegment;stage;touchpoint;kpi;label;value;unit;n;ci_low;ci_high;flags\r\n')).toBe(true);
    expect(excel.stdout).toContain(';;;revenue;Revenue;1264890,65;money;4607;;;');
    const { parse } = await import('csv-parse/sync');
    const a = parse(standard.stdout) as string[][];
    const b = parse(excel.stdout.slice(1), { delimiter: ';' }) as string[][];
    expect(b.length).toBe(a.length);
    // Same cells: numbers with a comma for the point, text unchanged.
    for (const [i, row] of a.entries()) expect(b[i]).toEqual(row.map((c) => (/^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(c) ? c.replace('.', ',') : c)));
  });
});

