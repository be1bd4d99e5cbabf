// Matomo single-period exports (no date column): the period is read from the file name Matomo gave
// the download (or a script's ISO name), German headers are read, and a name without a period is a
// clear error that says how to give the date in the config, which then loads.
import { describe, it, expect } from 'vitest';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runJourney, tempDir } from './helpers/run.js';
import { periodFromName } from '../src/core/sources/presets/period-from-name.js';

const FIXTURES = join(ROOT, 'fixtures', 'matomo-single');
const DAY = 'visits_2024-04-02.csv';

describe('Matomo single-period exports', { timeout: 60_000 }, () => {
  it.each([
    ['Export _ Visits Summary _ Friday, March 1, 2024.csv', '2024-03-01', '2024-03-01'],
    ['Export _ Besuche - Übersicht _ Freitag, 1. März 2024.csv', '2024-03-01', '2024-03-01'],
    ['Export _ Besuche _ März 2024.csv', '2024-03-01', '2024-03-31'],
    ['Export _ Visits Summary _ week March 4 – March 10, 2024.csv', '2024-03-04', '2024-03-10'],
    ['Export _ X _ week December 30 – January 5, 2025.csv', '2024-12-30', '2025-01-05'],
    ['Export _ Visits Summary _ 2024.csv', '2024-01-01', '2024-12-31'],
    ['visits_2024-02.csv', '2024-02-01', '2024-02-29'],
    ['visits_2024-03-01_2024-03-31.csv', '2024-03-01', '2024-03-31'],
  ])('reads the period of %s', (name, start, end) => {
    expect(periodFromName(name)).toMatchObject({ start, end });
  });

  it('names without a period give none', () => {
    expect(periodFromName('visits.csv')).toBeUndefined();
    expect(periodFromName('export_2024-13-45.csv')).toBeUndefined();
  });

  it('a German month export and an English day export load with their dates; --since keeps only the day', async () => {
    const all = await runJourney(['report', FIXTURES, '--format', 'json'], { cwd: ROOT });
    expect(all.code, all.stderr).toBe(0);
    const kpi = (out: string, id: string) => (JSON.parse(out) as { kpis: { id: string; value: number }[] }).kpis.find((k) => k.id === id)?.value;
    // Besuche 2811 (März 2024) + nb_visits 184 (2024-04-02); Besuche mit Konversionen 97 + 2.
    expect(kpi(all.stdout, 'traffic_sessions')).toBe(2995);
    expect(kpi(all.stdout, 'traffic_conversion_rate')).toBeCloseTo((100 * 99) / 2995, 6);
    const april = await runJourney(['report', FIXTURES, '--since', '2024-04-01', '--format', 'json'], { cwd: ROOT });
    expect(kpi(april.stdout, 'traffic_sessions')).toBe(184);
    const validate = await runJourney(['validate', FIXTURES], { cwd: ROOT });
    expect(validate.stdout).toMatch(/header has Besuche, Eindeutige Besucher, Aktionen \(Matomo visits metrics\); a single-period export: the period is the month 2024-03 in the file name/);
  });

  it('a name without a period is a clear error (exit 65); a constant date in the config reads it', async () => {
    const cwd = tempDir();
    cpSync(join(FIXTURES, DAY), join(cwd, 'visits.csv'));
    const bare = await runJourney(['report', 'visits.csv'], { cwd });
    expect(bare.code).toBe(65);
    expect(bare.stderr).toMatch(/visits\.csv: a Matomo export of a single period has no date column, and its file name does not say the period/);
    expect(bare.stderr).toMatch(/columns: \{ date: "'2024-03-01'"/);
    writeFileSync(join(cwd, 'journey.yaml'), `sources:\n  - { path: visits.csv, preset: matomo, columns: { date: "'2024-04-02'" } }\n`);
    const mapped = await runJourney(['report', '--format', 'json', '--since', '2024-04-02', '--until', '2024-04-02'], { cwd });
    expect(mapped.code, mapped.stderr).toBe(0);
    expect((JSON.parse(mapped.stdout) as { kpis: { id: string; value: number }[] }).kpis.find((k) => k.id === 'traffic_sessions')?.value).toBe(184);
  });
});
