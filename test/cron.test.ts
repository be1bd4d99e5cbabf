// docs/cron.md's weekly job, run as documented on the demo: twice (the second ingest adds nothing,
// the files come out byte-identical), then with a target that must fire (exit 3, files written).
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Db } from '../src/core/db.js';
import { ROOT, runJourney, tempDir } from './helpers/run.js';

const DOC = readFileSync(join(ROOT, 'docs', 'cron.md'), 'utf8');
const DEMO = join(ROOT, 'fixtures', 'demo');

/** The `journey ...` lines of the `# weekly.sh` block. */
function weeklyCommands(): string[] {
  const block = /```sh\n# weekly\.sh\n([\s\S]*?)```/.exec(DOC);
  if (!block) throw new Error('docs/cron.md has no # weekly.sh block');
  return block[1]!.split('\n').filter((l) => l.startsWith('journey '));
}

/** Shell words: spaces split, single quotes keep (enough for the documented lines). */
function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

async function storeState(path: string) {
  const db = await Db.open({ timezone: 'UTC' });
  try {
    await db.attachStore(path, true);
    return await db.all<{ file_id: number; hash: string; at: string }>(
      'SELECT file_id, hash, CAST(ingested_at AS VARCHAR) AS at FROM store.journey_files ORDER BY file_id');
  } finally {
    db.close();
  }
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) out[name] = readFileSync(join(dir, name), 'utf8');
  return out;
}

describe('docs/cron.md', () => {
  const commands = weeklyCommands();

  it('documents one ingest and one report, and the crontab and systemd unit run the same commands', () => {
    expect(commands.map((c) => words(c)[1])).toEqual(['ingest', 'report']);
    for (const c of commands) expect(DOC).toContain(`&& ${c}`.replace('&& journey ingest', 'cd /srv/journey && journey ingest'));
    expect(DOC).toMatch(/^0 7 \* \* 1 {2}cd \/srv\/journey && journey ingest/m);
    expect(DOC).toContain('OnCalendar=Mon *-*-* 07:00:00');
    expect(DOC).toContain(`ExecStart=/usr/local/bin/${words(commands[1]!).join(' ')}`);
  });

  it('runs twice on the demo: the second ingest adds nothing, the files are byte-identical; a missed target exits 3', async () => {
    const dir = tempDir();
    const base = readFileSync(join(DEMO, 'journey.yaml'), 'utf8');
    // The exports beside the config, as a cron job keeps them (a config reads only its own folder).
    cpSync(DEMO, join(dir, 'exports'), { recursive: true });
    writeFileSync(join(dir, 'journey.yaml'), `${base}\nsources: [exports/]\nstore: journey.duckdb\n`);
    const run = async () => {
      const results = [];
      for (const line of commands) {
        const args = words(line).slice(1);
        results.push(await runJourney(args[0] === 'report' ? [...args, '--as-of', '2025-03-10'] : args, { cwd: dir }));
      }
      return results;
    };
    const first = await run();
    for (const r of first) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout + r.stderr).toBe('');
    }
    const week = join(dir, 'reports', '2025-W10');
    expect(readdirSync(week).sort()).toEqual(['report.csv', 'report.json', 'report.md']);
    const files = snapshot(week);
    expect(JSON.parse(files['report.json']!).period).toEqual({ since: '2025-03-03', until: '2025-03-09' });
    const stored = await storeState(join(dir, 'journey.duckdb'));
    expect(stored).toHaveLength(5);

    const second = await run();
    for (const r of second) expect(r.code).toBe(0);
    // Nothing ingested: the same five files, not rewritten.
    expect(await storeState(join(dir, 'journey.duckdb'))).toEqual(stored);
    expect(snapshot(week)).toEqual(files);

    // NPS of 2025-W10 is 29.0 [1.9, 51.0]: a target of 60 is missed by the whole interval.
    writeFileSync(join(dir, 'journey.yaml'), `${readFileSync(join(dir, 'journey.yaml'), 'utf8')}targets:\n  nps: {min: 60}\nalerts: {decline: none}\n`);
    const third = await run();
    expect(third[0]!.code).toBe(0);
    expect(third[1]!.code).toBe(3);
    expect(third[1]!.stderr).toBe('journey: alert: nps (journey) 2025-03-03..2025-03-09: missed target min 60: 29.03 [1.93, 51.01] (n=31)\n');
    const written = snapshot(week);
    expect(JSON.parse(written['report.json']!).kpis.find((k: { id: string }) => k.id === 'nps').target.status).toBe('missed');
    expect(written['report.md']).toContain('≥ 60.0: missed');
  }, 120_000);
});
