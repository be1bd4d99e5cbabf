// Runs the CLI and hands back what a user sees: exit code, stdout and stderr. `runJourney` calls
// `main(argv, io)` in this process (src through vitest, no build needed) with a frozen clock;
// `spawnJourney` and `runShell` start `bin/journey.js` over dist/ for what needs a real process
// (pipes, signals, a terminal: test/e2e.test.ts). Also makes throw-away folders.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Io, OutputFs } from '../../src/cli/output.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'journey.js');
/** What `io.now()` returns in every in-process run: generated_at and dates in outputs are stable. */
export const NOW = new Date('2026-01-15T12:00:00Z');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  /** Merged over the defaults; a key set to undefined is removed from the run's environment. */
  env?: Record<string, string | undefined>;
  /** In-process runs only: file-system calls of output writes to replace (fault injection). */
  fs?: Partial<OutputFs>;
}

const made: string[] = [];

/** A fresh temp folder, removed when the test file finishes. */
export function tempDir(prefix = 'journey-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

// One private config home per test file, so the pseudonymisation key never lands in the real ~/.config.
let configHome: string | undefined;

function runEnv(extra: RunOptions['env']): NodeJS.ProcessEnv {
  configHome ??= tempDir('journey-xdg-');
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CONFIG_HOME: configHome, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  for (const [key, value] of Object.entries(extra ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** A stream that keeps what is written, like a pipe (isTTY false) that nobody closes early. */
class Collector extends Writable {
  readonly isTTY = false;
  text = '';
  constructor() {
    super({ decodeStrings: false });
  }
  override _write(chunk: string | Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    done();
  }
}

/** `journey ARGS` in this process, through main() with an in-memory Io. */
export async function runJourney(args: string[], options: RunOptions = {}): Promise<RunResult> {
  const stdout = new Collector();
  const stderr = new Collector();
  const io: Io = { stdout, stderr, cwd: options.cwd ?? ROOT, env: runEnv(options.env), now: () => new Date(NOW), fs: options.fs };
  const code = await main([process.execPath, BIN, ...args], io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** The same through `bin/journey.js` as a child process (dist/ must be built: `npm test` does). */
export function spawnJourney(args: string[], options: RunOptions = {}): Promise<RunResult> {
  return collect(spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: runEnv(options.env) }));
}

/** Runs a shell script (e.g. `$JOURNEY report | head -3`) with the same environment; $JOURNEY is the binary. */
export function runShell(script: string, options: RunOptions = {}): Promise<RunResult> {
  return collect(spawn('bash', ['-c', script], {
    cwd: options.cwd ?? ROOT,
    env: { ...runEnv(options.env), JOURNEY: `${process.execPath} ${BIN}` },
  }));
}

/** A child's exit code and everything it wrote, once it closes; stdin is closed at once. */
function collect(child: ChildProcessWithoutNullStreams): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
    child.stdin.end();
  });
}
