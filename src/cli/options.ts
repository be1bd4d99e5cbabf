// Flags every data command shares (DESIGN §6), and turning them into core inputs.
import { Option, type Command } from 'commander';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Config } from '../core/config/load.js';
import { UsageError } from '../core/errors.js';
import type { Period } from '../core/session.js';

export interface CommonOptions {
  config?: string;
  demo?: boolean;
  format: string;
  out?: string;
  since?: string;
  until?: string;
  segment?: string;
  quiet?: boolean;
  verbose?: boolean;
  color: boolean;
  debug?: boolean;
  maxRejectRate?: string;
  keyFile?: string;
  queryTimeout?: string;
  sourcesAnywhere?: boolean;
}

export const DEMO_DIR = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'fixtures', 'demo');

/**
 * The flags every data command shares, defined once so they read the same in every --help.
 * `segment: false` for commands about files rather than customers (validate).
 */
export function addCommonOptions(command: Command, formats: readonly string[], shared: { segment: boolean } = { segment: true }): Command {
  command
    .option('-c, --config <file>', 'config file (default: ./journey.yaml when present)')
    .option('--demo', 'use the bundled demo data and config')
    .addOption(new Option('-f, --format <list>', `output format, or a comma list with --out DIR (${formats.join(', ')})`).default(formats[0]))
    .option('-o, --out <file|dir|->', 'write to a file, or one file per format into a folder; - is stdout')
    .option('--since <date>', 'first day of the period (YYYY-MM-DD, inclusive)')
    .option('--until <date>', 'last day of the period (YYYY-MM-DD, inclusive)');
  if (shared.segment) command.option('--segment <name>', 'a segment from the config: the result for all rows, then for each of its values');
  return command
    .option('--max-reject-rate <rate>', 'fail (exit 65) when a file has more rejected rows than this share: 0.01 or 1% (0 = any reject fails)')
    .option('--key-file <file>', 'pseudonymisation key (default ~/.config/journey/key, created 0600 on first use)')
    .option('--query-timeout <seconds>', 'stop any query over the config\'s rules after this long (default 600)')
    .option('--sources-anywhere', 'let the config\'s sources: reach files outside the config\'s folder')
    .option('-q, --quiet', 'no progress or notes on stderr')
    .option('-v, --verbose', 'more detail on stderr')
    .option('--no-color', 'no colour (also: NO_COLOR, or when output is not a terminal)')
    .option('--debug', 'show stack traces for unexpected errors');
}

/** --query-timeout: positive seconds, or undefined for the default. */
export function parseTimeout(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!(seconds > 0) || !Number.isFinite(seconds)) throw new UsageError(`--query-timeout ${value}: use a number of seconds above 0 (e.g. 600)`);
  return seconds;
}

export function parseFormats(value: string, allowed: readonly string[]): string[] {
  const formats = value.split(',').map((f) => f.trim()).filter(Boolean);
  const bad = formats.filter((f) => !allowed.includes(f));
  if (bad.length || formats.length === 0) {
    throw new UsageError(`--format ${value}: use ${allowed.join(', ')} (or a comma list with --out DIR)`);
  }
  return [...new Set(formats)];
}

export async function resolveConfig(options: CommonOptions, cwd: string): Promise<Config> {
  if (options.demo && options.config) throw new UsageError('--demo brings its own config; leave out --config');
  const { loadConfig } = await import('../core/config/load.js');
  const config = await loadConfig(options.demo ? join(DEMO_DIR, 'journey.yaml') : options.config, cwd);
  if (options.maxRejectRate !== undefined) config.max_reject_rate = parseRate(options.maxRejectRate);
  return config;
}

/** `0.05`, `5%` -> 0.05. */
export function parseRate(value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(value);
  const rate = match ? Number(match[1]) / (match[2] ? 100 : 1) : NaN;
  if (!(rate >= 0 && rate <= 1)) {
    throw new UsageError(`--max-reject-rate ${value}: use a share from 0 to 1 (0.01) or a percentage (1%)`);
  }
  return rate;
}

export function inputsFor(options: CommonOptions, inputs: string[]): string[] {
  if (options.demo && inputs.length) throw new UsageError('--demo uses the bundled data; leave out the inputs');
  return options.demo ? [DEMO_DIR] : inputs;
}

export function periodOf(options: CommonOptions): Period {
  return { since: options.since ?? null, until: options.until ?? null };
}

export function useColor(options: CommonOptions, stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (!options.color) return false;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

/** Progress on stderr, only on a terminal and never with --quiet (DESIGN §6). */
export function progress(options: CommonOptions, stderr: { isTTY?: boolean; write(s: string): unknown }) {
  const live = Boolean(stderr.isTTY) && !options.quiet;
  return (done: number, total: number, path: string) => {
    if (!live) return;
    const width = 20;
    const filled = total ? Math.round((done / total) * width) : width;
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
    stderr.write(done < total ? `\r\x1b[K${bar} loading ${done + 1}/${total} ${path}` : '\r\x1b[K');
  };
}
