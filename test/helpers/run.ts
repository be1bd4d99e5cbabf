// Runs the built CLI (`bin/journey.js` over dist/, so `npm run build` first) as a real process and
// hands back what a user sees: exit code, stdout and stderr. Also makes throw-away folders.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'journey.js');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  /** Merged over the defaults; a key set to undefined is removed from the child's environment. */
  env?: Record<string, string | undefined>;
  input?: string;
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

function childEnv(extra: RunOptions['env']): NodeJS.ProcessEnv {
  configHome ??= tempDir('journey-xdg-');
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CONFIG_HOME: configHome, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  for (const [key, value] of Object.entries(extra ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

export function runJourney(args: string[], options: RunOptions = {}): RunResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: childEnv(options.env),
    input: options.input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Same as runJourney, without blocking: lets a beforeAll start several runs at once. */
export function runJourneyAsync(args: string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: childEnv(options.env) });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** Runs a shell pipeline (e.g. `journey report | head -3`) with the same environment. */
export function runShell(script: string, options: RunOptions = {}): RunResult {
  const result = spawnSync('bash', ['-c', script], {
    cwd: options.cwd ?? ROOT,
    env: { ...childEnv(options.env), JOURNEY: `${process.execPath} ${BIN}` },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
