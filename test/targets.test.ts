// Targets, --vs and alerts: a target judged with the interval (met / at risk / missed / not
// measurable), the change against the previous period equal to what `journey compare` reports for
// the same two periods, and a cron run's exit 3 with one stderr line per alert.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judgeTarget } from '../src/core/targets.js';
import { reportSchema } from '../src/core/contracts/report.js';
import { ROOT, runJourney, tempDir } from './helpers/run.js';

const DEMO = join(ROOT, 'fixtures', 'demo');

/** The demo config plus `extra` YAML, in a fresh folder, reading the demo exports. */
function demoConfig(extra: string): string {
  const dir = tempDir();
  const base = readFileSync(join(DEMO, 'journey.yaml'), 'utf8');
  // The exports beside the config: a config reads only files in its own folder.
  cpSync(DEMO, join(dir, 'exports'), { recursive: true });
  writeFileSync(join(dir, 'journey.yaml'), `${base}\nsources:\n  - exports/\n${extra}`);
  return dir;
}

describe('judgeTarget', () => {
  const kpi = (value: number | null, ci: [number, number] | null, flags: string[] = []) => ({ value, ci, flags });
  it('missed only when the whole interval is on the wrong side; at risk when the interval still reaches the target', () => {
    expect(judgeTarget(kpi(35, [28, 42]), { min: 30 }).status).toBe('met');
    expect(judgeTarget(kpi(25, [18, 32]), { min: 30 }).status).toBe('at_risk');
    expect(judgeTarget(kpi(25, [18, 29.9]), { min: 30 }).status).toBe('missed');
    expect(judgeTarget(kpi(30, [20, 40]), { min: 30 }).status).toBe('met');
    expect(judgeTarget(kpi(26, null), { max: 24 }).status).toBe('missed');
    expect(judgeTarget(kpi(24, null), { max: 24 }).status).toBe('met');
    expect(judgeTarget(kpi(50, [45, 55]), { min: 10, max: 40 }).status).toBe('missed');
  });
  it('not measurable without a value, saying why', () => {
    expect(judgeTarget(kpi(null, null, ['suppressed']), { min: 30 })).toEqual({ min: 30, max: null, status: 'not_measurable', reason: 'withheld: fewer respondents than min_cell' });
    expect(judgeTarget(kpi(null, null, ['no_data']), { min: 30 }).reason).toBe('no data in the period');
  });
});

describe('targets in a report', () => {
  const targets = `targets:
  nps: {min: 60}
  ttr_median_hours: {max: 24}
  stages:
    purchase: {revenue: {min: 1}}
  touchpoints:
    checkout: {ces: {min: 5}}
    delivery: {csat: {min: 10}}
    blog: {nps: {min: 0}}
`;

  it('shows each target beside its value in JSON, table, Markdown and CSV', async () => {
    const dir = demoConfig(targets);
    const r = await runJourney(['report', '--period', '2025-W10', '--as-of', '2025-03-10', '--format', 'json,md,csv,table', '--out', 'out/'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const report = reportSchema.parse(JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8')));
    const nps = report.kpis.find((k) => k.id === 'nps')!;
    // NPS 29.0 [1.9, 51.0] in 2025-W10: the whole interval is below 60.
    expect(nps.target).toEqual({ min: 60, max: null, status: 'missed', reason: null });
    expect(report.kpis.find((k) => k.id === 'ttr_median_hours')!.target?.status).toBe('met');
    const stage = (id: string) => report.stages.find((s) => s.id === id)!;
    const tp = (s: string, t: string) => stage(s).touchpoints.find((x) => x.id === t)!;
    expect(stage('purchase').kpis.find((k) => k.id === 'revenue')!.target?.status).toBe('met');
    expect(tp('purchase', 'checkout').kpis.find((k) => k.id === 'ces')!.target?.status).toBe('missed');
    expect(tp('service', 'delivery').kpis.find((k) => k.id === 'csat')!.target?.status).toBe('met');
    // No surveys at the blog: the target shows as not measurable, not silently dropped.
    const blogNps = tp('awareness', 'blog').kpis.find((k) => k.id === 'nps')!;
    expect(blogNps.target).toMatchObject({ status: 'not_measurable', reason: 'no data in the period' });
    // A KPI without a target has none.
    expect(report.kpis.find((k) => k.id === 'csat')!.target).toBeUndefined();

    const md = readFileSync(join(dir, 'out', 'report.md'), 'utf8');
    expect(md).toMatch(/\| Net Promoter Score \| \+29\.0 \|.*\| \*\*≥ 60\.0: missed\*\* \|/);
    const table = readFileSync(join(dir, 'out', 'report.txt'), 'utf8');
    expect(table).toMatch(/Net Promoter Score.*\+29\.0.*≥ 60\.0: missed/);
    expect(table).toMatch(/Time to resolution,.*19\.7 h.*≤ 24\.0: met/);
    const csv = readFileSync(join(dir, 'out', 'report.csv'), 'utf8').split('\n');
    expect(csv[0]).toContain(',target_min,target_max,target_status');
    expect(csv.find((l) => l.startsWith(',,,nps,'))).toMatch(/,60,,missed$/);
    expect(csv.find((l) => l.startsWith(',,,csat,'))).toMatch(/,,,$/);
  });

  it('without alerts: a missed target is shown, the run still exits 0', async () => {
    const dir = demoConfig(targets);
    const r = await runJourney(['report', '--period', '2025-W10', '-q', '--format', 'json', '--out', 'r.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('with alerts: files written, one stderr line per alert, exit 3 (also with -q and --format json)', async () => {
    const dir = demoConfig(`${targets}alerts: {at_risk: true}\n`);
    const r = await runJourney(['report', '--period', '2025-W10', '-q', '--format', 'json,csv', '--out', 'out/'], { cwd: dir });
    expect(r.code).toBe(3);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toEqual([
      'journey: alert: nps (journey) 2025-03-03..2025-03-09: missed target min 60: 29.03 [1.93, 51.01] (n=31)',
      'journey: alert: ces (touchpoint checkout (purchase)) 2025-03-03..2025-03-09: missed target min 5: 4.34 [4.03, 4.65] (n=59)',
    ]);
    const report = JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8'));
    expect(report.alerts.map((a: { kpi: string; type: string }) => `${a.kpi}:${a.type}`)).toEqual(['nps:missed', 'ces:missed']);
    expect(readFileSync(join(dir, 'out', 'report.csv'), 'utf8')).toContain('missed');
  });

  it('-q and no alert fires: nothing at all on stdout or stderr', async () => {
    const dir = demoConfig('targets:\n  nps: {min: -100}\nalerts: {}\n');
    const r = await runJourney(['report', '--period', '2025-W10', '-q', '--format', 'json', '--out', 'r.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toBe('');
  });

  it('unknown KPI ids, stages and touchpoints in targets are config errors with their paths (78)', async () => {
    const dir = demoConfig('targets:\n  npz: {min: 30}\n  nps: {}\n  stages:\n    checkout: {nps: {min: 1}}\n  touchpoints:\n    checkout: {aov: {max: 1, min: 2}}\nalerts:\n  decline: [nps, foo]\n');
    const r = await runJourney(['report'], { cwd: dir });
    expect(r.code).toBe(78);
    expect(r.stderr).toContain('targets.npz: "npz" is not a KPI id');
    expect(r.stderr).toContain('targets.nps: give min, max or both');
    expect(r.stderr).toContain('targets.stages.checkout: "checkout" is not a stage');
    expect(r.stderr).toContain('targets.touchpoints.checkout.aov: min is above max');
    expect(r.stderr).toContain('alerts.decline[1]: "foo" is not a KPI id');
  });
});

describe('--vs', () => {
  it('every KPI gets the previous period and the change compare reports for the same two periods', async () => {
    const r = await runJourney(['report', '--demo', '--period', '2025-W10', '--vs', 'previous', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const report = reportSchema.parse(JSON.parse(r.stdout));
    expect(report.vs).toEqual({ against: 'previous', period: { since: '2025-02-24', until: '2025-03-02' } });
    const c = await runJourney(['compare', '--demo', '--before', '2025-02-24..2025-03-02', '--after', '2025-03-03..2025-03-09', '--format', 'json']);
    const compare = JSON.parse(c.stdout);
    const scopes = [{ stage: null, touchpoint: null, kpis: report.kpis },
      ...report.stages.flatMap((s) => [{ stage: s.id, touchpoint: null, kpis: s.kpis }, ...s.touchpoints.map((t) => ({ stage: s.id, touchpoint: t.id, kpis: t.kpis }))])];
    let checked = 0;
    for (const scope of scopes) {
      for (const kpi of scope.kpis) {
        expect(kpi.vs, kpi.id).toBeDefined();
        const row = compare.rows.find((x: { stage: string | null; touchpoint: string | null; kpi: string }) =>
          x.stage === scope.stage && x.touchpoint === scope.touchpoint && x.kpi === kpi.id);
        if (!row || row.p_value === null) continue;
        expect(kpi.vs!.delta, `${scope.stage}/${scope.touchpoint}/${kpi.id}`).toBeCloseTo(row.delta, 9);
        expect(kpi.vs!.p_value).toBeCloseTo(row.p_value, 12);
        expect(kpi.vs!.delta_ci).toEqual(row.ci);
        expect(kpi.vs!.value).toBeCloseTo(row.before.value, 9);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
    const csat = report.kpis.find((k) => k.id === 'csat')!;
    // CSAT fell from 67.5% to 49.4%: significant after the correction, and worse.
    expect(csat.vs).toMatchObject({ significant: true, worse: true });
    expect(csat.vs!.delta).toBeCloseTo(-18.152, 2);
  });

  it('shows the change in table, Markdown and CSV; a significant decline alerts with alerts:', async () => {
    const dir = demoConfig('alerts: {decline: [csat]}\n');
    const r = await runJourney(['report', '--period', '2025-W10', '--vs', 'previous', '--format', 'table,md,csv', '--out', 'out/'], { cwd: dir });
    expect(r.code).toBe(3);
    const alerts = r.stderr.split('\n').filter((l) => l.startsWith('journey: alert:'));
    expect(alerts[0]).toBe('journey: alert: csat (journey) 2025-03-03..2025-03-09: significant decline against 2025-02-24..2025-03-02: 67.55 -> 49.4, change -18.15 [-28.38, -7.29], adjusted p 0.015');
    expect(alerts.every((l) => l.includes('csat ('))).toBe(true);
    const table = readFileSync(join(dir, 'out', 'report.txt'), 'utf8');
    expect(table).toContain('Change against the previous period: 2025-02-24 – 2025-03-02');
    expect(table).toMatch(/CSAT \(top-2-box\).*49\.4%.*-18\.2 \[-28\.4, -7\.3\] \* ▼/);
    const md = readFileSync(join(dir, 'out', 'report.md'), 'utf8');
    expect(md).toContain("| CSAT (top-2-box) | 49.4% | 166 | [41.9, 56.9] |  | -18.2 [-28.4, -7.3] * ▼ |");
    const csv = readFileSync(join(dir, 'out', 'report.csv'), 'utf8').split('\n');
    expect(csv[0]).toContain('vs_since,vs_until,vs_value,vs_n,vs_delta');
    expect(csv.find((l) => l.startsWith(',,,csat,'))).toContain(',2025-02-24,2025-03-02,67.54966887417218,151,');
  });

  it('last-year of an ISO week is the same week a year earlier; --vs needs a closed period', async () => {
    const r = await runJourney(['report', '--demo', '--period', '2025-W10', '--vs', 'last-year', '--format', 'json']);
    expect(JSON.parse(r.stdout).vs.period).toEqual({ since: '2024-03-04', until: '2024-03-10' });
    // The demo starts in 2025: every KPI is there, without a comparison value.
    expect(JSON.parse(r.stdout).kpis.every((k: { vs: { value: null; no_test: string } }) => k.vs.value === null && k.vs.no_test === 'no_data')).toBe(true);
    const open = await runJourney(['report', '--demo', '--since', '2025-03-01', '--vs', 'previous']);
    expect(open.code).toBe(2);
    expect(open.stderr).toContain('--vs previous needs a period with both ends');
  });
});
