// Flags every data command shares (DESIGN §6), and turning them into core inputs.
import { Option, type Command } from 'commander';
import { fileURLToPath } from 'node:url';
import { existsSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { Config } from '../core/config/load.js';
import { UsageError } from '../core/errors.js';
import { memoryShare } from '../core/db.js';
import { isDate, resolvePeriod, todayIn, type Period } from '../core/period.js';

export interface CommonOptions {
  config?: string;
  demo?: boolean;
  /** Absent: from --out's extension, else the command's first format (formatsOf). */
  format?: string;
  out?: string;
  since?: string;
  until?: string;
  period?: string;
  asOf?: string;
  store?: string;
  segment?: string;
  quiet?: boolean;
  verbose?: boolean;
  color: boolean;
  debug?: boolean;
  maxRejectRate?: string;
  keyFile?: string;
  queryTimeout?: string;
  memoryLimit?: string;
  sourcesAnywhere?: boolean;
  lang?: 'en' | 'nl';
  csv?: 'standard' | 'excel-nl';
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
    .addOption(new Option('-f, --format <list>', `output format, or a comma list with --out DIR (${formats.join(', ')}); default: from the --out file's extension, else ${formats[0]}`))
    .option('-o, --out <file|dir|->', 'write to a file, or one file per format into a folder; - is stdout')
    .addOption(new Option('--lang <lang>', 'language of table, Markdown and HTML output (default: the config\'s lang, else en); JSON and CSV stay neutral').choices(['en', 'nl']))
    .option('--since <date>', 'first day of the period (YYYY-MM-DD, inclusive)')
    .option('--until <date>', 'last day of the period (YYYY-MM-DD, inclusive)')
    .option('--period <name>', 'a named period in the config\'s time zone: last-week, this-week, last-month, month-to-date, last-quarter, quarter-to-date, last-year, year-to-date, or 2025-W10 (ISO week), 2025-03, 2025-Q1, 2025')
    .option('--store <file>', 'read from this store (a DuckDB file written by journey ingest) instead of exports; default: the config\'s store: when no inputs are given')
    .option('--as-of <date>', 'the day --period counts from (YYYY-MM-DD; default: today in the config\'s time zone)');
  if (formats.includes('csv')) {
    command.addOption(new Option('--csv <dialect>', 'CSV flavour: standard (RFC 4180, comma, decimal point) or excel-nl (semicolon, decimal comma, BOM: opens in Dutch Excel)')
      .choices(['standard', 'excel-nl']).default('standard'));
  }
  if (shared.segment) command.option('--segment <name>', 'a segment from the config: the result for all rows, then for each of its values');
  return command
    .option('--max-reject-rate <rate>', 'fail (exit 65) when a file has more rejected rows than this share: 0.01 or 1% (0 = any reject fails)')
    .option('--key-file <file>', 'pseudonymisation key (default ~/.config/journey/key, created 0600 on first use)')
    .option('--query-timeout <seconds>', 'stop any query over the config\'s rules after this long (default 600)')
    .option('--memory-limit <size>', 'memory DuckDB may use before it spills to a temporary folder: 4GB, 512MB or 30% of this machine\'s RAM (default 50%)')
    .option('--sources-anywhere', 'let the config\'s sources: reach files outside the config\'s folder')
    .option('-q, --quiet', 'no progress or notes on stderr')
    .option('-v, --verbose', 'more detail on stderr')
    .option('--no-color', 'no colour (also: NO_COLOR, or when output is not a terminal)')
    .option('--debug', 'show stack traces for unexpected errors');
}

/** --memory-limit: a size DuckDB understands (4GB, 512MiB) or a share of RAM (30%); undefined: the default. */
export function parseMemoryLimit(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const size = /^\s*(\d+(?:\.\d+)?)\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*$/i.exec(value);
  if (size && Number(size[1]) > 0) return `${size[1]}${size[2]}`;
  const share = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
  if (share && Number(share[1]) > 0 && Number(share[1]) <= 100) return memoryShare(Number(share[1]) / 100);
  throw new UsageError(`--memory-limit ${value}: use a size such as 4GB or 512MB, or a share of RAM such as 30%`);
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

/** A file extension -> the format it names (the reverse of output.ts EXTENSION). */
const FORMAT_OF_EXTENSION: Record<string, string> = { json: 'json', csv: 'csv', md: 'md', markdown: 'md', html: 'html', htm: 'html', txt: 'table', sql: 'sql' };

/**
 * The formats to write: --format as given; without it, the one `-o FILE` names by its extension
 * (`-o report.json` writes JSON); else the command's first (default) format.
 */
export function formatsOf(options: CommonOptions, offered: readonly string[], cwd: string): string[] {
  if (options.format !== undefined) return parseFormats(options.format, offered);
  const out = options.out;
  if (!out || out === '-' || out.endsWith('/') || (existsSync(resolve(cwd, out)) && statSync(resolve(cwd, out)).isDirectory())) return [offered[0]!];
  const ext = extname(out).slice(1).toLowerCase();
  const format = FORMAT_OF_EXTENSION[ext];
  if (!format) return [offered[0]!];
  if (!offered.includes(format)) {
    throw new UsageError(`--out ${out}: this command does not write .${ext} files (it writes ${offered.join(', ')}); pass --format or name the file for one of those`);
  }
  return [format];
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

/**
 * The store a run reads: --store, else the config's `store:` when no inputs (and no --demo) are
 * given; null to read the inputs. Inputs together with --store are a usage error: journey ingest
 * adds files to a store.
 */
export function storeFor(options: CommonOptions, inputs: string[], config: Config, cwd: string): string | null {
  if (options.store !== undefined) {
    if (inputs.length || options.demo) throw new UsageError('--store reads the store only; add files to it with journey ingest FILES --store FILE');
    return resolve(cwd, options.store);
  }
  if (config.store && inputs.length === 0 && !options.demo) return resolve(config.baseDir, config.store);
  return null;
}

export function inputsFor(options: CommonOptions, inputs: string[]): string[] {
  if (options.demo && inputs.length) throw new UsageError('--demo uses the bundled data; leave out the inputs');
  return options.demo ? [DEMO_DIR] : inputs;
}

/**
 * The run's period: --period resolved against --as-of (default today in the config's time zone),
 * or --since/--until. `name` is what {period} in --out becomes: 2025-W10, 2025-03, or the dates.
 */
export function periodSpec(options: CommonOptions, timezone: string, now: Date): { period: Period; name: string } {
  if (options.asOf !== undefined && !isDate(options.asOf)) throw new UsageError(`--as-of ${options.asOf}: use a date as YYYY-MM-DD`);
  if (options.period !== undefined) {
    if (options.since !== undefined || options.until !== undefined) throw new UsageError('--period sets both ends; leave out --since/--until');
    const named = resolvePeriod(options.period, options.asOf ?? todayIn(now, timezone));
    return { period: { since: named.since, until: named.until }, name: named.name.replace('..', '_') };
  }
  if (options.asOf !== undefined) throw new UsageError('--as-of goes with --period (e.g. --period last-week --as-of 2025-03-10)');
  const since = options.since ?? null;
  const until = options.until ?? null;
  return { period: { since, until }, name: since || until ? `${since ?? 'start'}_${until ?? 'end'}` : 'all' };
}

export function periodOf(options: CommonOptions, timezone = 'UTC', now: Date = new Date()): Period {
  return periodSpec(options, timezone, now).period;
}

/** --lang, else the config's `lang`, else English. */
export function langOf(options: CommonOptions, config: Config): 'en' | 'nl' {
  return options.lang ?? config.lang ?? 'en';
}

/** The width a table is drawn for: the terminal's, or COLUMNS when set; null for files and pipes. */
export function columnsOf(stream: { isTTY?: boolean; columns?: number }, env: NodeJS.ProcessEnv): number | null {
  const fromEnv = Number(env.COLUMNS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return stream.isTTY && stream.columns ? stream.columns : null;
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
