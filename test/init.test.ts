// `journey init`: a starter config from detected files, which must load and drive a report.
import { describe, it, expect } from 'vitest';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runJourney, tempDir } from './helpers/run.js';

describe('journey init', { timeout: 120_000 }, () => {
  it('writes a journey.yaml naming every source and proposing touchpoints with guessed stages; the report runs on it', async () => {
    const cwd = tempDir();
    for (const f of ['surveys.csv', 'tickets.csv', 'web_events.csv']) cpSync(join(ROOT, 'fixtures', 'demo', f), join(cwd, 'exports', f));
    const init = await runJourney(['init', 'exports'], { cwd });
    expect(init.code, init.stderr).toBe(0);
    expect(init.stderr).toMatch(/wrote journey\.yaml: 3 source\(s\)/);
    const yaml = readFileSync(join(cwd, 'journey.yaml'), 'utf8');
    expect(yaml).toMatch(/- \{ path: "exports\/surveys\.csv", kind: survey \}/);
    expect(yaml).toMatch(/- id: checkout\n {4}label: "checkout"\n {4}stage: purchase {3}# guessed/);
    expect(yaml).toMatch(/survey: "touchpoint = 'delivery'"/);
    const report = await runJourney(['report', '--format', 'json'], { cwd });
    expect(report.code, report.stderr).toBe(0);
    const parsed = JSON.parse(report.stdout) as { config: string; stages: { id: string; touchpoints: { id: string; kpis: unknown[] }[] }[] };
    expect(parsed.config).toBe('journey.yaml');
    const checkout = parsed.stages.find((s) => s.id === 'purchase')!.touchpoints.find((t) => t.id === 'checkout')!;
    expect(checkout.kpis.length).toBeGreaterThan(0);
  });

  it('does not overwrite an existing file without --force (exit 2), and --out - prints instead', async () => {
    const cwd = tempDir();
    cpSync(join(ROOT, 'fixtures', 'demo', 'orders.csv'), join(cwd, 'orders.csv'));
    writeFileSync(join(cwd, 'journey.yaml'), '# mine\n');
    const refused = await runJourney(['init', 'orders.csv'], { cwd });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/journey\.yaml already exists; use --force/);
    expect(readFileSync(join(cwd, 'journey.yaml'), 'utf8')).toBe('# mine\n');
    const printed = await runJourney(['init', 'orders.csv', '--out', '-'], { cwd });
    expect(printed.code, printed.stderr).toBe(0);
    expect(printed.stdout).toMatch(/kind: order/);
    expect(existsSync(join(cwd, 'journey.yaml.tmp'))).toBe(false);
  });
});
