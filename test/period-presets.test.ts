// --period and --as-of: named periods resolved to dates with known calendar answers (ISO weeks,
// month ends, leap years), --vs periods, and the resolved dates in every output of a run.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparisonPeriod, isoWeekOf, isoWeeksIn, resolvePeriod, todayIn } from '../src/core/period.js';
import { runJourney, tempDir } from './helpers/run.js';

describe('resolvePeriod', () => {
  it('ISO weeks: week 1 holds 4 January and starts on a Monday', () => {
    expect(resolvePeriod('2021-W01', '2026-01-01')).toEqual({ name: '2021-W01', since: '2021-01-04', until: '2021-01-10' });
    expect(resolvePeriod('2025-W01', '2026-01-01')).toEqual({ name: '2025-W01', since: '2024-12-30', until: '2025-01-05' });
    expect(resolvePeriod('2025-W10', '2026-01-01')).toEqual({ name: '2025-W10', since: '2025-03-03', until: '2025-03-09' });
    expect(resolvePeriod('2020-W53', '2026-01-01')).toEqual({ name: '2020-W53', since: '2020-12-28', until: '2021-01-03' });
    expect(isoWeeksIn(2020)).toBe(53);
    expect(isoWeeksIn(2021)).toBe(52);
    expect(() => resolvePeriod('2021-W53', '2026-01-01')).toThrow('ISO year 2021 has weeks W01 to W52');
    expect(isoWeekOf('2021-01-03')).toEqual({ year: 2020, week: 53 });
    expect(isoWeekOf('2024-12-30')).toEqual({ year: 2025, week: 1 });
  });

  it('months, quarters and years, with leap days', () => {
    expect(resolvePeriod('2024-02', '2026-01-01')).toEqual({ name: '2024-02', since: '2024-02-01', until: '2024-02-29' });
    expect(resolvePeriod('2025-02', '2026-01-01').until).toBe('2025-02-28');
    expect(resolvePeriod('2025-Q1', '2026-01-01')).toEqual({ name: '2025-Q1', since: '2025-01-01', until: '2025-03-31' });
    expect(resolvePeriod('2025-Q4', '2026-01-01')).toEqual({ name: '2025-Q4', since: '2025-10-01', until: '2025-12-31' });
    expect(resolvePeriod('2025', '2026-01-01')).toEqual({ name: '2025', since: '2025-01-01', until: '2025-12-31' });
    expect(() => resolvePeriod('2025-13', '2026-01-01')).toThrow('--period 2025-13');
    expect(() => resolvePeriod('lastweek', '2026-01-01')).toThrow('use last-week, this-week');
  });

  it('presets against an as-of day, across year ends', () => {
    // Monday 2025-03-10: last week is W10 (3-9 March).
    expect(resolvePeriod('last-week', '2025-03-10')).toEqual({ name: '2025-W10', since: '2025-03-03', until: '2025-03-09' });
    // Sunday 2025-03-16 is still in W11: last week is W10 again.
    expect(resolvePeriod('last-week', '2025-03-16').name).toBe('2025-W10');
    // 2021-01-05 (Tuesday of 2021-W01): last week is 2020-W53.
    expect(resolvePeriod('last-week', '2021-01-05')).toEqual({ name: '2020-W53', since: '2020-12-28', until: '2021-01-03' });
    expect(resolvePeriod('this-week', '2025-03-12')).toEqual({ name: '2025-03-10..2025-03-12', since: '2025-03-10', until: '2025-03-12' });
    expect(resolvePeriod('last-month', '2025-01-15')).toEqual({ name: '2024-12', since: '2024-12-01', until: '2024-12-31' });
    expect(resolvePeriod('month-to-date', '2025-03-12')).toMatchObject({ since: '2025-03-01', until: '2025-03-12' });
    expect(resolvePeriod('last-quarter', '2025-02-01')).toEqual({ name: '2024-Q4', since: '2024-10-01', until: '2024-12-31' });
    expect(resolvePeriod('quarter-to-date', '2025-05-20')).toMatchObject({ since: '2025-04-01', until: '2025-05-20' });
    expect(resolvePeriod('last-year', '2025-06-01')).toEqual({ name: '2024', since: '2024-01-01', until: '2024-12-31' });
    expect(resolvePeriod('year-to-date', '2025-06-01')).toMatchObject({ since: '2025-01-01', until: '2025-06-01' });
  });

  it('today is the day in the config time zone, not in UTC', () => {
    const lateEvening = new Date('2025-03-09T23:30:00Z');
    expect(todayIn(lateEvening, 'UTC')).toBe('2025-03-09');
    expect(todayIn(lateEvening, 'Europe/Amsterdam')).toBe('2025-03-10');
    expect(todayIn(lateEvening, 'America/New_York')).toBe('2025-03-09');
  });

  it('--vs periods: the unit before, and the same unit a year earlier', () => {
    const w10 = resolvePeriod('2025-W10', '2026-01-01');
    expect(comparisonPeriod(w10, 'previous')).toEqual({ name: '2025-W09', since: '2025-02-24', until: '2025-03-02' });
    expect(comparisonPeriod(w10, 'last-year')).toEqual({ name: '2024-W10', since: '2024-03-04', until: '2024-03-10' });
    expect(comparisonPeriod(resolvePeriod('2021-W01', '2026-01-01'), 'previous').name).toBe('2020-W53');
    expect(comparisonPeriod(resolvePeriod('2025-03', '2026-01-01'), 'previous')).toEqual({ name: '2025-02', since: '2025-02-01', until: '2025-02-28' });
    expect(comparisonPeriod(resolvePeriod('2025-Q1', '2026-01-01'), 'previous').name).toBe('2024-Q4');
    const mtd = resolvePeriod('month-to-date', '2025-03-12');
    expect(comparisonPeriod(mtd, 'previous')).toMatchObject({ since: '2025-02-17', until: '2025-02-28' });
    expect(comparisonPeriod({ name: 'x', since: '2024-02-29', until: '2024-03-05' }, 'last-year')).toMatchObject({ since: '2023-02-28', until: '2023-03-05' });
  });
});

describe('--period on the command line', () => {
  it('resolves in the config time zone against --as-of and shows the dates in the output', async () => {
    const r = await runJourney(['report', '--demo', '--period', 'last-week', '--as-of', '2025-03-10', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).period).toEqual({ since: '2025-03-03', until: '2025-03-09' });
    const t = await runJourney(['report', '--demo', '--period', '2025-Q1']);
    expect(t.stdout).toContain('2025-01-01 – 2025-03-31');
    const csv = (await runJourney(['report', '--demo', '--period', '2025-Q1', '--format', 'csv'])).stdout.split('\n');
    expect(csv[0]).toBe('segment,stage,touchpoint,kpi,label,value,unit,n,ci_low,ci_high,flags,period_since,period_until');
    expect(csv.slice(1).filter(Boolean).every((line) => line.endsWith(',2025-01-01,2025-03-31'))).toBe(true);
    // Without a period the CSV keeps its columns (and the golden its bytes).
    expect((await runJourney(['report', '--demo', '--format', 'csv'])).stdout.split('\n')[0]).toBe('segment,stage,touchpoint,kpi,label,value,unit,n,ci_low,ci_high,flags');
    const same = await runJourney(['report', '--demo', '--since', '2025-03-03', '--until', '2025-03-09', '--format', 'json']);
    expect(JSON.parse(same.stdout).stages).toEqual(JSON.parse(r.stdout).stages);
    expect(JSON.parse(r.stdout).stages.length).toBeGreaterThan(0);
  });

  it('defaults --as-of to today in the config time zone (the frozen clock: 2026-01-15)', async () => {
    const r = await runJourney(['friction', '--demo', '--period', 'last-month', '--format', 'json']);
    expect(JSON.parse(r.stdout).period).toEqual({ since: '2025-12-01', until: '2025-12-31' });
  });

  it('refuses --period with --since, --as-of without --period, and a bad --as-of (exit 2)', async () => {
    const both = await runJourney(['report', '--demo', '--period', 'last-week', '--since', '2025-01-01']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--period sets both ends');
    const alone = await runJourney(['report', '--demo', '--as-of', '2025-03-10']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--as-of goes with --period');
    const bad = await runJourney(['report', '--demo', '--period', 'last-week', '--as-of', '2025-02-30']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--as-of 2025-02-30');
    const compare = await runJourney(['compare', '--demo', '--before', '..2025-03-31', '--after', '2025-04-01..', '--period', '2025']);
    expect(compare.code).toBe(2);
  });

  it('every data command takes --period', async () => {
    for (const command of ['report', 'friction', 'validate', 'drivers', 'integrity', 'sql']) {
      const r = await runJourney([command, '--help']);
      expect(r.stdout, command).toContain('--period <name>');
      expect(r.stdout, command).toContain('--as-of <date>');
    }
  });
});

describe('--out names and all-or-nothing files', () => {
  it('puts {period}, {since}, {until} and {kind} into the output path', async () => {
    const dir = tempDir();
    const r = await runJourney(['report', '--demo', '--period', 'last-week', '--as-of', '2025-03-10', '--format', 'json,md',
      '--out', 'reports/{period}/{kind}-{since}_{until}/'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const folder = join(dir, 'reports', '2025-W10', 'report-2025-03-03_2025-03-09');
    expect(readdirSync(folder).sort()).toEqual(['report.json', 'report.md']);
    expect(readFileSync(join(folder, 'report.md'), 'utf8')).toContain('2025-03-03 – 2025-03-09');
    const bad = await runJourney(['report', '--demo', '--out', 'reports/{week}/'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('{week} is not a name');
  });

  it('writes no file of the set when one cannot be written', async () => {
    const dir = tempDir();
    // report.md is a folder: that one rename fails, so report.json must not appear either.
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(join(dir, 'out', 'report.md', 'x'), { recursive: true });
    writeFileSync(join(dir, 'out', 'report.md', 'x', 'keep'), '');
    writeFileSync(join(dir, 'out', 'report.csv'), 'last week\n');
    const r = await runJourney(['report', '--demo', '--format', 'csv,json,md', '--out', 'out/'], { cwd: dir });
    expect(r.code).toBe(73);
    expect(r.stderr).toContain('report.md');
    // The new report.csv was renamed into place before report.md failed: it is put back as it was.
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['report.csv', 'report.md']);
    expect(readFileSync(join(dir, 'out', 'report.csv'), 'utf8')).toBe('last week\n');
  });

  it('same inputs, config and --as-of give byte-identical files; generated_at honours SOURCE_DATE_EPOCH', async () => {
    const dir = tempDir();
    const args = ['report', '--demo', '--period', '2025-Q1', '--format', 'json,md,csv'];
    const a = await runJourney([...args, '--out', 'a/'], { cwd: dir, env: { SOURCE_DATE_EPOCH: '1741564800' } });
    const b = await runJourney([...args, '--out', 'b/'], { cwd: dir, env: { SOURCE_DATE_EPOCH: '1741564800' } });
    expect(a.code, a.stderr).toBe(0);
    expect(b.code).toBe(0);
    for (const name of readdirSync(join(dir, 'a'))) {
      expect(readFileSync(join(dir, 'b', name), 'utf8'), name).toBe(readFileSync(join(dir, 'a', name), 'utf8'));
    }
    expect(JSON.parse(readFileSync(join(dir, 'a', 'report.json'), 'utf8')).generated_at).toBe('2025-03-10T00:00:00.000Z');
    const bad = await runJourney(['report', '--demo'], { env: { SOURCE_DATE_EPOCH: 'yesterday' } });
    expect(bad.code).toBe(2);
  });
});
