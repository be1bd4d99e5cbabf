// Entry point: the only try/catch. Maps errors to exit codes (DESIGN §6) and keeps pipes quiet.
import { CommanderError } from 'commander';
import { AlertsFired, ConfigError, JourneyError, redact } from '../core/errors.js';
import { buildProgram } from './program.js';
import type { Io } from './output.js';

export async function main(argv: string[], io?: Io): Promise<number> {
  const effective: Io = io ?? { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env, now: () => new Date() };
  const debug = argv.includes('--debug');
  const json = wantsJson(argv);
  if (!io) {
    // `journey report | head` closes the pipe early: that is not an error.
    // Any other failure of stdout (a full disk under `> file`, ENOSPC) is exit 73, as for --out.
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      process.stderr.write(`journey: cannot write output to stdout: ${error.code ?? error.message}\n`);
      process.exit(73);
    });
  }
  let running: { abort(): void } | null = null;
  const onSignal = async (signal: NodeJS.Signals) => {
    running?.abort();
    // db.ts is loaded lazily; if it never loaded, there is no temp folder to remove.
    const { removeLiveTempDirs } = await import('../core/db.js');
    removeLiveTempDirs();
    effective.stderr.write(`interrupted (${signal}); no files written\n`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  if (!io) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  let code = 0;
  try {
    await buildProgram(effective, (db) => { running = db; }).parseAsync(argv);
  } catch (error) {
    code = exitCodeFor(error, effective, debug);
    if (json && code !== 0 && !(error instanceof AlertsFired)) writeJsonError(error, code, effective);
  }
  if (!io) process.exitCode = code;
  return code;
}

/** `--format json` (or a list holding json, in any spelling commander takes): errors go out as JSON too. */
function wantsJson(argv: string[]): boolean {
  let format = false;
  let outJson = false;
  for (const [i, arg] of argv.entries()) {
    const value = arg === '-f' || arg === '--format' ? argv[i + 1]
      : arg.startsWith('--format=') ? arg.slice('--format='.length)
        : /^-f[^-]/.test(arg) ? arg.slice(2) : undefined;
    if (value !== undefined) format = true;
    if (value?.split(',').some((f) => f.trim() === 'json')) return true;
    // `-o report.json` without --format writes JSON (the format follows the extension).
    const out = arg === '-o' || arg === '--out' ? argv[i + 1] : arg.startsWith('--out=') ? arg.slice('--out='.length) : undefined;
    if (out?.toLowerCase().endsWith('.json')) outJson = true;
  }
  return outJson && !format;
}

/**
 * The error as one JSON object on one line of stderr, after the human message: what a cron job
 * or a wrapper script parses. Config errors list every problem with its dotted path.
 */
function writeJsonError(error: unknown, code: number, io: Io): void {
  const kind = error instanceof CommanderError ? 'usage' : error instanceof JourneyError ? error.code : 'internal';
  const message = error instanceof CommanderError ? error.message.replace(/^error: /, '')
    : error instanceof JourneyError ? error.message : 'unexpected error (a bug in journey; re-run with --debug)';
  const body: Record<string, unknown> = { error: { code: kind, exit_code: code, message: redact(message) } };
  if (error instanceof ConfigError) (body.error as Record<string, unknown>).problems = error.problems.map(redact);
  io.stderr.write(JSON.stringify(body) + '\n');
}

function exitCodeFor(error: unknown, io: Io, debug: boolean): number {
  if (error instanceof CommanderError) {
    return error.exitCode === 0 ? 0 : 2;
  }
  // The alert lines are on stderr already, one per alert: nothing to add for a cron mail.
  if (error instanceof AlertsFired) return error.exitCode;
  if (error instanceof JourneyError) {
    io.stderr.write(`journey: ${redact(error.message)}\n`);
    if (debug && error.stack) io.stderr.write(redact(error.stack) + '\n');
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`journey: unexpected error: ${redact(message.split('\n')[0])}\n`);
  if (debug && error instanceof Error && error.stack) io.stderr.write(redact(error.stack) + '\n');
  else io.stderr.write('This is a bug in journey; re-run with --debug for details and report it.\n');
  return 1;
}
