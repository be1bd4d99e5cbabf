// The command line through main() (DESIGN §6, §7): output formats, --out, exit codes for usage
// mistakes, the KPI catalogue, and `journey sql` re-run by hand in a fresh DuckDB. Pipes, Ctrl-C
// and the terminal need a real process: test/e2e.test.ts.
import { describe, it, expect, beforeAll } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { DuckDBInstance } from '@duckdb/node-api';
import { reportSchema } from '../src/core/contracts/report.js';
import { runJourney, tempDir, type RunResult } from './helpers/run.js';

const STAGES = ['awareness', 'consideration', 'purchase', 'service', 'loyalty'];
const KPI_IDS = [
  'nps', 'csat', 'ces', 'fcr', 'ttr_median_hours', 'ttr_p90_hours', 'first_response_median_hours', 'tickets',
  'sessions', 'visitors', 'impressions', 'reach', 'social_engagement', 'pages_per_session', 'leads', 'downloads',
  'email_ctr', 'conversion_rate', 'cart_abandonment_rate', 'orders', 'revenue', 'aov', 'repeat_purchase_rate', 'churn_rate',
  'traffic_sessions', 'traffic_visitors', 'traffic_pageviews', 'traffic_pages_per_session', 'traffic_engagement_rate',
  'traffic_conversion_rate',
];

type Kpi = { id: string; value: number | null; n: number };
type Report = {
  schema: string;
  period: { since: string | null; until: string | null };
  kpis: Kpi[];
  stages: { id: string; label: string; kpis: Kpi[] }[];
  segment?: { id: string; values: { value: string; kpis: Kpi[] }[] };
};

const kpiOf = (report: Report, id: string) => report.kpis.find((k) => k.id === id);

// `report --demo --format json` is what three groups below start from: run once for the file.
let demoJsonRun: Promise<RunResult> | undefined;
const demoJson = () => (demoJsonRun ??= runJourney(['report', '--demo', '--format', 'json'], { cwd: tempDir() }));

describe('journey report --demo', { timeout: 60_000 }, () => {
  const cwd = tempDir();
  let json: RunResult;
  let table: RunResult;
  let csv: RunResult;
  let report: Report;

  beforeAll(async () => {
    [json, table, csv] = await Promise.all([
      demoJson(),
      // NO_COLOR unset: stdout being a pipe alone must keep escape codes out.
      runJourney(['report', '--demo', '--format', 'table'], { cwd, env: { NO_COLOR: undefined } }),
      runJourney(['report', '--demo', '--format', 'csv'], { cwd }),
    ]);
    report = JSON.parse(json.stdout) as Report;
  }, 120_000);

  it('--format json follows the journey-report/1 contract', () => {
    expect(json.code, json.stderr).toBe(0);
    expect(() => reportSchema.parse(JSON.parse(json.stdout))).not.toThrow();
    expect(report.schema).toBe('journey-report/1');
    expect(report.period).toEqual({ since: null, until: null });
  });

  it('has the five stages in config order, each with KPIs', () => {
    expect(report.stages.map((s) => s.id)).toEqual(STAGES);
    for (const stage of report.stages) expect(stage.kpis.length, stage.id).toBeGreaterThan(0);
    expect(kpiOf(report, 'nps')?.n).toBeGreaterThan(0);
  });

  it('--format table prints a heading per stage and no escape codes into a pipe', () => {
    expect(table.code, table.stderr).toBe(0);
    for (const stage of report.stages) expect(table.stdout).toContain(stage.label);
    expect(table.stdout).not.toContain('\x1b[');
    expect(table.stderr).not.toContain('\x1b[');
  });

  it('--format csv has a header and the same numbers as the JSON', () => {
    expect(csv.code, csv.stderr).toBe(0);
    const rows = parseCsv(csv.stdout, { columns: true }) as Record<string, string>[];
    const header = csv.stdout.split('\n')[0].split(',');
    expect(header).toEqual(expect.arrayContaining(['stage', 'touchpoint', 'kpi', 'value', 'unit', 'n']));
    const nps = rows.find((r) => r.kpi === 'nps' && r.stage === '' && r.touchpoint === '');
    expect(Number(nps?.value)).toBeCloseTo(kpiOf(report, 'nps')!.value!, 6);
    expect(Number(nps?.n)).toBe(kpiOf(report, 'nps')!.n);
  });

  it('--segment nope is a usage error naming the segment', async () => {
    const r = await runJourney(['report', '--demo', '--segment', 'nope'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nope');
  });
});

describe('--out', { timeout: 60_000 }, () => {
  it('-o DIR --format json,csv,md writes exactly report.json, report.csv and report.md', async () => {
    const cwd = tempDir();
    const r = await runJourney(['report', '--demo', '-o', 'reports', '--format', 'json,csv,md'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const dir = join(cwd, 'reports');
    expect(readdirSync(dir).sort()).toEqual(['report.csv', 'report.json', 'report.md']);
    expect(() => reportSchema.parse(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')))).not.toThrow();
    expect(readFileSync(join(dir, 'report.csv'), 'utf8').split('\n')[0]).toContain('kpi');
    const md = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(md).toMatch(/^# /);
    for (const label of ['Awareness', 'Consideration', 'Purchase', 'Service', 'Loyalty']) {
      expect(md).toMatch(new RegExp(`^## ${label}$`, 'm'));
    }
    expect(md).toMatch(/^\|.*Net Promoter Score.*\|$/m);
    // Nothing else in the working directory either (no temp files beside the folder).
    expect(readdirSync(cwd)).toEqual(['reports']);
  });

  it('-o file.json replaces the file whole and leaves no temp file', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'out.json'), '{"old": tr');
    const r = await runJourney(['report', '--demo', '--format', 'json', '-o', 'out.json'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(readdirSync(cwd)).toEqual(['out.json']);
    expect(() => reportSchema.parse(JSON.parse(readFileSync(join(cwd, 'out.json'), 'utf8')))).not.toThrow();
  });

  it('-o into a folder that does not exist is exit 73 and writes nothing', async () => {
    const cwd = tempDir();
    const r = await runJourney(['report', '--demo', '--format', 'json', '-o', join('missing', 'deeper', 'out.json')], { cwd });
    expect(r.code).toBe(73);
    expect(r.stderr).toContain('out.json');
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe('usage errors', { timeout: 60_000 }, () => {
  it('several formats without --out is exit 2', async () => {
    const r = await runJourney(['report', '--demo', '--format', 'json,csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--out');
    expect(r.stdout).toBe('');
  });

  it('--format xls is exit 2 and names the allowed formats', async () => {
    const r = await runJourney(['report', '--demo', '--format', 'xls']);
    expect(r.code).toBe(2);
    for (const f of ['table', 'json', 'csv', 'md']) expect(r.stderr).toContain(f);
  });

  it('an unknown option is exit 2', async () => {
    const r = await runJourney(['report', '--demo', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--bogus');
  });

  it('a missing input path is exit 66 naming the path', async () => {
    const cwd = tempDir();
    const r = await runJourney(['report', 'exports/nope.csv'], { cwd });
    expect(r.code).toBe(66);
    expect(r.stderr).toContain('exports/nope.csv');
  });

  it('no inputs and no config is exit 2 with a hint', async () => {
    const cwd = tempDir();
    const r = await runJourney(['report'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no inputs/i);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it.each(['yesterday', '2025-13-01', '01-03-2025', '2025-02-30'])('--since %s is exit 2 naming the flag', async (since) => {
    const r = await runJourney(['report', '--demo', '--since', since]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('--since');
    expect(r.stderr).not.toMatch(/unexpected error/i);
  });

  it('--since after --until is exit 2', async () => {
    const r = await runJourney(['report', '--demo', '--since', '2025-03-01', '--until', '2025-02-01']);
    expect(r.code).toBe(2);
  });
});

describe('help and catalogue', { timeout: 60_000 }, () => {
  it('journey --help exits 0 and lists the commands', async () => {
    const r = await runJourney(['--help']);
    expect(r.code).toBe(0);
    for (const command of ['report', 'validate', 'kpis', 'sql']) expect(r.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
  });

  it('journey kpis --format json lists the 30 catalogue KPIs with id, stage, unit and definition', async () => {
    const r = await runJourney(['kpis', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const { kpis } = JSON.parse(r.stdout) as { kpis: Record<string, unknown>[] };
    expect(kpis).toHaveLength(30);
    expect(kpis.map((k) => k.id)).toEqual(KPI_IDS);
    for (const k of kpis) {
      for (const field of ['id', 'stage', 'unit', 'definition']) {
        expect(typeof k[field], `${String(k.id)}.${field}`).toBe('string');
        expect(k[field]).not.toBe('');
      }
      expect(STAGES).toContain(k.stage);
    }
  });
});

describe('period and segment', { timeout: 60_000 }, () => {
  let full: Report;
  let narrowed: Report;
  let segmented: Report;
  let narrowedRun: RunResult;
  let segmentedRun: RunResult;

  beforeAll(async () => {
    const cwd = tempDir();
    const [a, b, c] = await Promise.all([
      demoJson(),
      runJourney(['report', '--demo', '--format', 'json', '--since', '2025-03-01', '--until', '2025-04-30'], { cwd }),
      runJourney(['report', '--demo', '--format', 'json', '--segment', 'channel'], { cwd }),
    ]);
    narrowedRun = b;
    segmentedRun = c;
    full = JSON.parse(a.stdout) as Report;
    narrowed = JSON.parse(b.stdout || '{}') as Report;
    segmented = JSON.parse(c.stdout || '{}') as Report;
  }, 120_000);

  it('--since/--until are echoed in period and narrow the counts', () => {
    expect(narrowedRun.code, narrowedRun.stderr).toBe(0);
    expect(narrowed.period).toEqual({ since: '2025-03-01', until: '2025-04-30' });
    const all = kpiOf(full, 'tickets')!.n;
    const some = kpiOf(narrowed, 'tickets')!.n;
    expect(some).toBeGreaterThan(0);
    expect(some).toBeLessThan(all);
    expect(kpiOf(narrowed, 'orders')!.n).toBeLessThan(kpiOf(full, 'orders')!.n);
  });

  it('--segment channel adds segment.values with KPIs per channel', () => {
    expect(segmentedRun.code, segmentedRun.stderr).toBe(0);
    expect(() => reportSchema.parse(segmented)).not.toThrow();
    expect(segmented.segment?.id).toBe('channel');
    const values = segmented.segment!.values.map((v) => v.value);
    expect(values).toEqual(expect.arrayContaining(['web', 'app', 'email']));
    for (const v of segmented.segment!.values) expect(v.kpis.length, v.value).toBeGreaterThan(0);
    // The whole-journey figures are unchanged by a breakdown.
    expect(kpiOf(segmented, 'nps')).toEqual(kpiOf(full, 'nps'));
  });
});

describe('journey sql --demo', { timeout: 60_000 }, () => {
  it('prints SQL that runs as-is in a fresh DuckDB and gives the report\'s NPS', async () => {
    const cwd = tempDir();
    const [sql, json] = await Promise.all([runJourney(['sql', '--demo'], { cwd }), demoJson()]);
    expect(sql.code, sql.stderr).toBe(0);
    expect(json.code, json.stderr).toBe(0);
    const nps = kpiOf(JSON.parse(json.stdout) as Report, 'nps')!;

    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    let journeyRow: Record<string, unknown> | undefined;
    try {
      const statements = await connection.extractStatements(sql.stdout);
      expect(statements.count).toBeGreaterThan(5);
      for (let i = 0; i < statements.count; i++) {
        const prepared = await statements.prepare(i);
        const reader = await prepared.runAndReadAll();
        if (!reader.columnNames().includes('nps__promoters')) continue;
        // The grand-total grouping set: every GROUPING() flag is 1.
        const rows = reader.getRowObjectsJS() as Record<string, unknown>[];
        journeyRow = rows.find((row) =>
          Object.entries(row).filter(([k]) => k.startsWith('_g')).every(([, v]) => Number(v) === 1));
      }
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
    expect(journeyRow, 'a result with nps__promoters at journey level').toBeDefined();
    const n = Number(journeyRow!.nps__n);
    const promoters = Number(journeyRow!.nps__promoters);
    const detractors = Number(journeyRow!.nps__detractors);
    expect(n).toBe(nps.n);
    expect((100 * (promoters - detractors)) / n).toBeCloseTo(nps.value!, 9);
  });
});
