// The persistent store: journey ingest is idempotent by content, a changed file replaces its own
// rows, every command reads the same numbers from the store as from the files, a kill -9 at any
// moment leaves the store before or after a file, one writer at a time (exit 75, a dead holder's
// lock taken over), and a store of another schema version is refused.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../src/core/db.js';
import { BIN, ROOT, runJourney, tempDir } from './helpers/run.js';

const DEMO = join(ROOT, 'fixtures', 'demo');
const CONFIG = join(DEMO, 'journey.yaml');

/** A JSON output without its clock field. */
const body = (stdout: string) => {
  const doc = JSON.parse(stdout);
  delete doc.generated_at;
  return doc;
};

/** Opens a store file read-write in this process, runs `fn` on it, closes it. */
async function inStore<T>(path: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await Db.open({ timezone: 'UTC' });
  try {
    await db.attachStore(path, false);
    return await fn(db);
  } finally {
    db.close();
  }
}

describe('journey ingest', () => {
  it('adds the demo, then adds nothing the second time; reports from the store equal reports from the files', async () => {
    const dir = tempDir();
    const first = await runJourney(['ingest', '--demo', '--store', 'journey.duckdb'], { cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/surveys\.csv: added \(survey\): 6013 loaded, 6 rejected, 0 skipped, 0 merged of 6019 records/);
    expect(first.stderr).toContain('journey.duckdb: 5 added, 0 replaced, 0 unchanged');
    const second = await runJourney(['ingest', '--demo', '--store', 'journey.duckdb'], { cwd: dir });
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('journey.duckdb: 0 added, 0 replaced, 5 unchanged');
    const counts = await inStore(join(dir, 'journey.duckdb'), async (db) => (await db.all<{ files: number; rejects: number; version: string }>(
      `SELECT (SELECT count(*) FROM store.journey_files)::INTEGER AS files, (SELECT count(*) FROM store.journey_rejects)::INTEGER AS rejects,
              (SELECT value FROM store.journey_meta WHERE key = 'schema_version') AS version`))[0]);
    expect(counts).toEqual({ files: 5, rejects: 15, version: '1' });

    // Every KPI of the demo, every analysis: the same document from the store as from the files.
    // (drivers and integrity read the same canonical views; they are checked by hand in docs/store.md's note.)
    for (const args of [['report', '--by', 'quarter', '--segment', 'channel'], ['validate'],
      ['compare', '--before', '2025-01-01..2025-03-31', '--after', '2025-04-01..2025-06-30']]) {
      const fromStore = await runJourney([...args, '--store', 'journey.duckdb', '--config', CONFIG, '--format', 'json'], { cwd: dir });
      const fromFiles = await runJourney([...args, '--demo', '--format', 'json'], { cwd: dir });
      expect(fromStore.code, fromStore.stderr).toBe(0);
      expect(body(fromStore.stdout), args.join(' ')).toEqual(body(fromFiles.stdout));
      if (args[0] === 'report') expect(body(fromStore.stdout).kpis.length).toBeGreaterThan(20);
    }
  }, 120_000);

  it('replaces a changed file in place, skips a copy of a stored file, adds a new one; the config store: is read without --store', async () => {
    const dir = tempDir();
    cpSync(DEMO, join(dir, 'exports'), { recursive: true });
    writeFileSync(join(dir, 'journey.yaml'), `${readFileSync(CONFIG, 'utf8')}\nsources: [exports]\nstore: journey.duckdb\n`);
    expect((await runJourney(['ingest'], { cwd: dir })).code).toBe(0);
    // A week later: surveys.csv re-exported with fewer rows, a copy of orders, a new tickets export.
    const surveys = readFileSync(join(dir, 'exports', 'surveys.csv'), 'utf8').split('\n');
    writeFileSync(join(dir, 'exports', 'surveys.csv'), `${surveys.slice(0, 3001).join('\n')}\n`);
    cpSync(join(dir, 'exports', 'orders.csv'), join(dir, 'exports', 'orders_copy.csv'));
    const tickets = readFileSync(join(dir, 'exports', 'tickets.csv'), 'utf8').split('\n');
    writeFileSync(join(dir, 'exports', 'tickets_extra.csv'), `${tickets.slice(0, 11).join('\n')}\n`);
    const again = await runJourney(['ingest'], { cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/exports\/surveys\.csv: replaced \(survey\): \d+ loaded/);
    expect(again.stderr).toContain('exports/orders_copy.csv: same content as exports/orders.csv, skipped');
    expect(again.stderr).toMatch(/exports\/tickets_extra\.csv: added \(ticket\): 10 loaded/);
    expect(again.stderr, again.stderr).toContain('journey.duckdb: 1 added, 1 replaced, 5 unchanged');
    // The store holds what the folder holds (minus the duplicate): the same report.
    const { rmSync } = await import('node:fs');
    rmSync(join(dir, 'exports', 'orders_copy.csv'));
    const fromStore = await runJourney(['report', '--format', 'json'], { cwd: dir });
    const fromFiles = await runJourney(['report', 'exports', '--format', 'json'], { cwd: dir });
    expect(fromStore.code, fromStore.stderr).toBe(0);
    expect(body(fromStore.stdout)).toEqual(body(fromFiles.stdout));
    expect(body(fromStore.stdout).sources.find((s: { path: string }) => s.path.endsWith('surveys.csv')).rows).toBeLessThan(3001);
  }, 120_000);

  it('a changed values: map re-ingests the file it recodes: the store never keeps an old recoding', async () => {
    const dir = tempDir();
    const fixture = join(ROOT, 'fixtures', 'real', 'marketplace');
    cpSync(fixture, dir, { recursive: true });
    const orders = async () => {
      const out = await runJourney(['report', '--store', 'm.duckdb', '--format', 'json'], { cwd: dir });
      expect(out.code, out.stderr).toBe(0);
      return JSON.parse(out.stdout).kpis.find((k: { id: string }) => k.id === 'orders').value as number;
    };
    expect((await runJourney(['ingest', '--store', 'm.duckdb'], { cwd: dir })).code).toBe(0);
    const before = await orders();
    // The client says shipped orders are not paid yet.
    const config = readFileSync(join(dir, 'journey.yaml'), 'utf8');
    writeFileSync(join(dir, 'journey.yaml'), config.replace('shipped: paid', 'shipped: pending'));
    const again = await runJourney(['ingest', '--store', 'm.duckdb'], { cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/orders\.csv: replaced \(order\)/);
    const shipped = readFileSync(join(dir, 'orders.csv'), 'utf8').split('\n').filter((line) => line.includes(',shipped,')).length;
    expect(shipped).toBeGreaterThan(0);
    expect(await orders()).toBe(before - shipped);
  });

  it('refuses a store of another schema version and a DuckDB file that is not a store; --store with inputs is a usage error', async () => {
    const dir = tempDir();
    expect((await runJourney(['ingest', '--demo', '--store', 's.duckdb'], { cwd: dir })).code).toBe(0);
    await inStore(join(dir, 's.duckdb'), (db) => db.exec("UPDATE store.journey_meta SET value = '99' WHERE key = 'schema_version'"));
    const newer = await runJourney(['report', '--store', 's.duckdb'], { cwd: dir });
    expect(newer.code).toBe(65);
    expect(newer.stderr).toContain('has schema version 99, written by a newer journey; this one reads version 1: upgrade journey');
    const refused = await runJourney(['ingest', '--demo', '--store', 's.duckdb'], { cwd: dir });
    expect(refused.code).toBe(65);
    await inStore(join(dir, 'other.duckdb'), (db) => db.exec('CREATE TABLE store.t (x INTEGER)'));
    const other = await runJourney(['ingest', '--demo', '--store', 'other.duckdb'], { cwd: dir });
    expect(other.code).toBe(65);
    expect(other.stderr).toContain('is not a journey store');
    const missing = await runJourney(['report', '--store', 'nope.duckdb'], { cwd: dir });
    expect(missing.code).toBe(66);
    const both = await runJourney(['report', DEMO, '--store', 's.duckdb'], { cwd: dir });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--store reads the store only');
  }, 60_000);
});

describe('one writer at a time', () => {
  it('a live holder: the second writer exits 75 naming the lock; --wait gives up after the wait', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 's.duckdb.lock'), `${process.pid} ${hostname()}\n`);
    const r = await runJourney(['ingest', '--demo', '--store', 's.duckdb'], { cwd: dir });
    expect(r.code).toBe(75);
    expect(r.stderr).toContain(`another run holds the lock ${join(dir, 's.duckdb.lock')} (pid ${process.pid}`);
    const started = Date.now();
    const waited = await runJourney(['ingest', '--demo', '--store', 's.duckdb', '--wait', '1'], { cwd: dir });
    expect(waited.code).toBe(75);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(existsSync(join(dir, 's.duckdb'))).toBe(false);
  });

  it('--wait: the second writer goes ahead as soon as the first releases the lock', async () => {
    const dir = tempDir();
    const lock = join(dir, 's.duckdb.lock');
    writeFileSync(lock, `${process.pid} ${hostname()}\n`);
    const { rmSync } = await import('node:fs');
    setTimeout(() => rmSync(lock), 600);
    const r = await runJourney(['ingest', '--demo', '--store', 's.duckdb', '--wait', '20', '-q'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(dir, 's.duckdb'))).toBe(true);
    expect(existsSync(lock)).toBe(false);
  });

  it('a lock left by a dead process is taken over, and released after the run', async () => {
    const dir = tempDir();
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((r) => dead.on('close', r));
    writeFileSync(join(dir, 's.duckdb.lock'), `${dead.pid} ${hostname()}\n`);
    const r = await runJourney(['ingest', '--demo', '--store', 's.duckdb', '-q'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(dir, 's.duckdb.lock'))).toBe(false);
  });
});

describe('kill -9 during an ingest', { timeout: 240_000 }, () => {
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) {
      execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: ROOT });
    }
  }, 120_000);

  /**
   * Spawns `journey ingest --demo --store STORE`. With `kill`, sends SIGKILL `delay` ms after the
   * `after`-th file has been reported stored (ingest writes one line per file as it commits), so
   * the kill lands while the next file is being written however loaded the machine is.
   */
  function ingest(dir: string, env: NodeJS.ProcessEnv, kill: { after: number; delay: number } | null): Promise<{ code: number | null; signal: string | null }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [BIN, 'ingest', '--demo', '--store', 's.duckdb'], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
      let stored = 0;
      let timer: NodeJS.Timeout | null = null;
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => {
        stored += chunk.split('\n').filter((line) => / added \(/.test(line)).length;
        if (kill && !timer && stored >= kill.after) timer = setTimeout(() => child.kill('SIGKILL'), kill.delay);
      });
      child.on('close', (code, signal) => {
        if (timer) clearTimeout(timer);
        resolve({ code, signal });
      });
    });
  }

  it('leaves every file in the store whole or absent; the next ingest completes it to the same numbers', async () => {
    const home = tempDir();
    const env = { ...process.env, XDG_CONFIG_HOME: home, NO_COLOR: '1' };
    const full = tempDir();
    const whole = await ingest(full, env, null);
    expect(whole.code).toBe(0);
    // Reports in-process (the same code as the binary, without a node start each): only the
    // ingests need a process to kill.
    const report = async (cwd: string) =>
      body((await runJourney(['report', '--store', 's.duckdb', '--config', CONFIG, '--format', 'json'], { cwd, env: { XDG_CONFIG_HOME: home } })).stdout);
    const expected = await report(full);
    const seen: number[] = [];
    // Kill points counted from the files already stored, not from a clock, so a loaded machine
    // cannot move them; more than needed: the loop stops once three kills have landed, one mid-way.
    for (const kill of [{ after: 1, delay: 0 }, { after: 2, delay: 15 }, { after: 3, delay: 0 }, { after: 4, delay: 5 }, { after: 1, delay: 40 }, { after: 2, delay: 0 }]) {
      if (seen.length >= 3 && seen.some((n) => n > 0 && n < 5)) break;
      const dir = tempDir();
      const killed = await ingest(dir, env, kill);
      if (killed.signal !== 'SIGKILL' || !existsSync(join(dir, 's.duckdb'))) continue;
      // Every file the store lists is there whole: its table holds exactly the rows it accounted for.
      const state = await inStore(join(dir, 's.duckdb'), async (db) => {
        const files = await db.all<{ file_id: number; loaded: number; rejected: number }>(
          'SELECT file_id, loaded::INTEGER AS loaded, rejected::INTEGER AS rejected FROM store.journey_files ORDER BY file_id');
        const tables = await db.all<{ name: string }>("SELECT table_name AS name FROM duckdb_tables() WHERE database_name = 'store' AND table_name LIKE 'f\\_%' ESCAPE '\\'");
        for (const f of files) {
          const [{ n }] = await db.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM store.main.f_${f.file_id} WHERE _reject IS NULL`);
          expect(n, `file ${f.file_id}`).toBe(f.loaded);
          const [{ r }] = await db.all<{ r: number }>('SELECT count(*)::INTEGER AS r FROM store.journey_rejects WHERE file_id = $id', { id: f.file_id });
          expect(r).toBe(f.rejected);
        }
        expect(tables.map((t) => t.name).sort()).toEqual(files.map((f) => `f_${f.file_id}`).sort());
        return files.length;
      });
      seen.push(state);
      // The killed run's lock is left behind with a dead pid: the next ingest takes it over and finishes.
      expect(existsSync(join(dir, 's.duckdb.lock'))).toBe(true);
      const resumed = await ingest(dir, env, null);
      expect(resumed.code).toBe(0);
      const after = await report(dir);
      expect(after).toEqual(expected);
    }
    // The kills landed while files were being written: some stores were left with part of the demo.
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.some((n) => n > 0 && n < 5)).toBe(true);
  });
});
