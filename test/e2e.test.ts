// What needs a real process: `bin/journey.js` spawned over dist/ (npm test builds it first). One
// case per exit-code class (the process status, not main()'s return value), pipes closed early,
// Ctrl-C, colour on a terminal and in a pipe, and `--help` starting without DuckDB. Everything
// else runs in-process through runJourney (test/helpers/run.ts).
import { beforeAll, describe, it, expect } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../src/cli/main.js';
import { reportSchema } from '../src/core/contracts/report.js';
import { BIN, ROOT, runJourney, runShell, spawnJourney, tempDir } from './helpers/run.js';
import { TICKETS } from './helpers/small-files.js';

/** A temp folder holding the given files. */
function workspace(files: Record<string, string>): string {
  const cwd = tempDir();
  for (const [name, content] of Object.entries(files)) writeFileSync(join(cwd, name), content);
  return cwd;
}

const ESC = '\x1b[';

// `npm test` builds dist/ first; a bare `npx vitest` on a fresh checkout builds it here.
beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) {
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: ROOT });
  }
}, 120_000);

describe('exit codes of the process', { timeout: 60_000 }, () => {
  it('0: report --demo --format json prints a journey-report/1 document', async () => {
    const r = await spawnJourney(['report', '--demo', '--format', 'json'], { cwd: tempDir() });
    expect(r.code, r.stderr).toBe(0);
    expect(() => reportSchema.parse(JSON.parse(r.stdout))).not.toThrow();
  });

  // No input is known to reach the catch-all (a bug), so no spawned run can show exit 1 honestly.
  // In-process, a stream that fails with a plain Error stands in for the bug: the mapping to exit 1,
  // the hint and the missing stack are main's, the same code the binary runs.
  it('1: an unexpected failure is exit 1 with the bug hint and no stack', async () => {
    let stderr = '';
    const failing = new Writable({ write: (_chunk, _encoding, done) => done(new Error('a plain bug')) });
    failing.write = () => { throw new Error('a plain bug'); };
    const io = {
      stdout: failing, stderr: new Writable({ write: (chunk, _encoding, done) => { stderr += String(chunk); done(); } }),
      cwd: ROOT, env: { ...process.env, XDG_CONFIG_HOME: tempDir(), NO_COLOR: '1' }, now: () => new Date('2026-01-15T12:00:00Z'),
    };
    const code = await main(['node', 'journey', 'kpis'], io);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^journey: unexpected error: a plain bug/);
    expect(stderr).toContain('This is a bug in journey; re-run with --debug');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('73: stdout on a full disk (/dev/full) is "cannot write output", not a stack trace', async () => {
    const r = await runShell('$JOURNEY kpis > /dev/full');
    expect(r.code, r.stderr).toBe(73);
    expect(r.stderr).toContain('cannot write output');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('78: a key path that is a folder is a config error naming it', async () => {
    const xdg = tempDir();
    mkdirSync(join(xdg, 'journey', 'key'), { recursive: true, mode: 0o700 });
    const r = await runJourney(['report', 'tickets.csv'], { cwd: workspace({ 'tickets.csv': TICKETS }), env: { XDG_CONFIG_HOME: xdg } });
    expect(r.code, r.stderr).toBe(78);
    expect(r.stderr).toContain('is a folder');
  });

  it('2: an unknown option is a usage error with nothing on stdout', async () => {
    const r = await spawnJourney(['report', '--demo', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--bogus');
    expect(r.stdout).toBe('');
  });

  it('65: an unterminated quote is bad data naming file:line', async () => {
    const cwd = workspace({
      'unterminated.csv': 'ticket_id,created_at,status,subject\nT1,2025-01-01 10:00:00,solved,ok\nT2,2025-01-02 10:00:00,solved,"never closed\nT3,2025-01-03 10:00:00,solved,x\n',
    });
    const r = await spawnJourney(['report', 'unterminated.csv'], { cwd });
    expect(r.code).toBe(65);
    expect(r.stderr).toContain('unterminated.csv:3');
    expect(r.stdout).toBe('');
  });

  it('66: a missing input names the path', async () => {
    const r = await spawnJourney(['report', 'exports/nope.csv'], { cwd: tempDir() });
    expect(r.code).toBe(66);
    expect(r.stderr).toContain('exports/nope.csv');
  });

  it('73: --out into a folder that does not exist writes nothing', async () => {
    const cwd = workspace({ 'tickets.csv': TICKETS });
    const r = await spawnJourney(['report', 'tickets.csv', '--format', 'json', '-o', join('missing', 'out.json')], { cwd });
    expect(r.code).toBe(73);
    expect(r.stderr).toContain('out.json');
    expect(readdirSync(cwd)).toEqual(['tickets.csv']);
  });

  it('78: YAML that does not parse is a config error naming the file', async () => {
    const cwd = workspace({ 'tickets.csv': TICKETS, 'broken.yaml': 'touchpoints: [\n  - id: x\n' });
    const r = await spawnJourney(['report', 'tickets.csv', '-c', 'broken.yaml'], { cwd });
    expect(r.code).toBe(78);
    expect(r.stderr).toContain('broken.yaml');
  });

  it('130: Ctrl-C writes no output and leaves no private temp folder behind', async () => {
    const cwd = tempDir();
    const tmp = tempDir();
    const child = spawn(process.execPath, [BIN, 'report', '--demo', '--segment', 'channel', '--format', 'json', '-o', 'out.json'], {
      cwd, env: { ...process.env, XDG_CONFIG_HOME: cwd, TMPDIR: tmp, NO_COLOR: '1' },
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    // Interrupt once the load is under way: DuckDB's private folder exists (db.ts creates it after
    // main() has installed its handlers), not after a fixed delay a loaded machine can outrun.
    const code = await new Promise<number | null>((done) => {
      const poll = setInterval(() => {
        if (readdirSync(tmp).some((f) => f.startsWith('journey-'))) {
          clearInterval(poll);
          child.kill('SIGINT');
        }
      }, 10);
      child.on('close', (c) => { clearInterval(poll); done(c); });
    });
    expect(code, stderr).toBe(130);
    expect(stderr).toMatch(/interrupted/);
    expect(readdirSync(cwd).filter((f) => f !== 'journey')).toEqual([]);
    // DuckDB's spill folder can hold customer rows (db.ts): it must not outlive the run.
    expect(readdirSync(tmp)).toEqual([]);
  });
});

describe('pipes', { timeout: 60_000 }, () => {
  it.each([
    ['report --demo', '$JOURNEY report --demo | head -3'],
    ['a long report (bigger than a pipe buffer)', '$JOURNEY report --demo --segment channel | head -3'],
  ])('%s | head -3 exits 0 with nothing on stderr', async (_, script) => {
    const cwd = tempDir();
    const tmp = tempDir();
    const r = await runShell(`set -o pipefail; ${script}`, { cwd, env: { TMPDIR: tmp } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(readdirSync(tmp)).toEqual([]);
    expect(r.stdout.split('\n').length).toBeLessThanOrEqual(4);
  });
});

describe('colour', { timeout: 60_000 }, () => {
  // `script` gives the command a real terminal; stderr goes to a file so only stdout is on it.
  const onTerminal = (env: Record<string, string | undefined>) => {
    const cwd = workspace({ 'tickets.csv': TICKETS });
    return runShell('script -qec "$JOURNEY report tickets.csv 2>stderr.txt" /dev/null', { cwd, env });
  };

  it('a terminal gets colour; NO_COLOR turns it off there', async () => {
    const [plain, noColor] = await Promise.all([onTerminal({ NO_COLOR: undefined }), onTerminal({ NO_COLOR: '1' })]);
    expect(plain.code, plain.stderr).toBe(0);
    expect(noColor.code, noColor.stderr).toBe(0);
    expect(plain.stdout).toContain(ESC);
    expect(noColor.stdout).toContain('The journey at a glance');
    expect(noColor.stdout).not.toContain(ESC);
  });

  it('a pipe gets none unless FORCE_COLOR asks for it', async () => {
    const cwd = workspace({ 'tickets.csv': TICKETS });
    const [piped, forced] = await Promise.all([
      spawnJourney(['report', 'tickets.csv'], { cwd, env: { NO_COLOR: undefined } }),
      spawnJourney(['report', 'tickets.csv'], { cwd, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }),
    ]);
    expect(piped.code, piped.stderr).toBe(0);
    expect(forced.code, forced.stderr).toBe(0);
    expect(piped.stdout).not.toContain(ESC);
    expect(forced.stdout).toContain(ESC);
  });
});

describe('--help budget', { timeout: 60_000 }, () => {
  // The speed itself is measured in bench/, not asserted here; what keeps it fast is that
  // `--help` never loads DuckDB's native module (DESIGN §6). A report run is the control.
  const nativeModules = async (args: string[], cwd: string) => {
    const log = join(tempDir(), 'dlopen.log');
    const preload = join(ROOT, 'test', 'helpers', 'dlopen-log.cjs');
    const r = await spawnJourney(args, {
      cwd, env: { JOURNEY_DLOPEN_LOG: log, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${preload}`.trim() },
    });
    expect(r.code, r.stderr).toBe(0);
    return { stdout: r.stdout, loaded: existsSync(log) ? readFileSync(log, 'utf8') : '' };
  };

  it('journey --help lists the commands without loading DuckDB; a report does load it', async () => {
    const cwd = workspace({ 'tickets.csv': TICKETS });
    const [help, report] = await Promise.all([nativeModules(['--help'], cwd), nativeModules(['report', 'tickets.csv'], cwd)]);
    expect(report.loaded).toMatch(/duckdb\.node/);
    expect(help.stdout).toMatch(/^\s+report\b/m);
    expect(help.loaded).not.toMatch(/duckdb/);
  });
});
