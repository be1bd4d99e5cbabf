// The only module that imports @duckdb/node-api: one in-memory database per run, one connection,
// bound values everywhere, identifiers through quoteIdent. A persistent store (a DuckDB file,
// src/core/store/) is attached to it as `store`.
import type { DuckDBConnection, DuckDBInstance, DuckDBValue } from '@duckdb/node-api';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { ConfigError, DataError, JourneyError, LockedError, OutOfMemoryError, duckMessage, withoutValues } from './errors.js';

export type Params = Record<string, DuckDBValue> | DuckDBValue[];
export type Row = Record<string, unknown>;

/** One statement of the run, as `journey sql` prints it; `lockdown` marks where the session was locked. */
export interface LoggedStatement {
  sql: string;
  params?: Params;
  lockdown?: true;
}

/**
 * SQL that came from the config, with where it came from and a query that evaluates it over every
 * row: when a statement fails at run time, the probes find the rule to blame.
 */
export interface ConfigSql {
  path: string;
  probe: string;
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Only for SQL printed for people (`journey sql`); queries that run use bound values. */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * SQL: whether `expr` is one of the constant `values` (NULL when `expr` is NULL, as with IN).
 * Not `expr IN (...)`: in a projection DuckDB plans a long IN list as a join against the list,
 * which cost 3 of the 6 seconds of loading 10M web events (bench/RESULTS.md, 2026-12-05 profile).
 */
export function oneOf(expr: string, values: readonly string[]): string {
  return `list_contains([${values.map(quoteLiteral).join(', ')}], ${expr})`;
}

/** Private temp folders of open databases: removed on Ctrl-C even before a database is tracked. */
const liveTempDirs = new Set<string>();

export function removeLiveTempDirs(): void {
  for (const dir of liveTempDirs) rmSync(dir, { recursive: true, force: true });
  liveTempDirs.clear();
}

export interface DbOptions {
  timezone: string;
  threads?: number;
  /** DuckDB's memory_limit (4GB, 2048MiB); default: DEFAULT_MEMORY_SHARE of RAM. */
  memoryLimit?: string;
  /** After lock-down (where config SQL runs), each statement is interrupted after this long. */
  queryTimeoutMs?: number;
  /** Who to blame in the timeout message (the config file). */
  configFile?: string;
}

/**
 * DuckDB's memory_limit as a share of this machine's RAM. The default is half (DuckDB's own is 80%):
 * a run shares the machine, and past the limit DuckDB spills to the private temp folder instead
 * of failing (bench/RESULTS.md: 100M web events on a 24 GB machine).
 */
export function memoryShare(share: number): string {
  return `${Math.max(256, Math.floor((totalmem() * share) / 2 ** 20))}MiB`;
}
export const DEFAULT_MEMORY_SHARE = 0.5;

/** Generous: a config's rules over a large export take seconds; runaway SQL takes forever. */
export const DEFAULT_QUERY_TIMEOUT_S = 600;

/** JOURNEY_THREADS when it is a whole number from 1 up; otherwise DuckDB decides (one per core). */
function envThreads(): number | undefined {
  const n = Number(process.env.JOURNEY_THREADS);
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}

export class Db {
  private locked = false;
  /** Every statement run, in order, with its parameters: what `journey sql` prints. */
  readonly log: LoggedStatement[] = [];
  /** Pre-pass copies in the temp folder (deleted at close): what `journey sql` names instead. */
  readonly copies = new Map<string, { original: string; what: string }>();
  private configFile = 'config';
  private configSql: ConfigSql[] = [];

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly tempDir: string,
    private readonly timeout: { ms: number; file: string },
    private readonly memoryLimit: string,
  ) {}

  static async open(options: DbOptions): Promise<Db> {
    // Spill files can hold customer data: keep them in a private directory we remove on close.
    const tempDir = mkdtempSync(join(tmpdir(), 'journey-'));
    liveTempDirs.add(tempDir);
    // Loaded on first use so `journey --help` and `journey kpis` start without the native module.
    const { DuckDBInstance } = await import('@duckdb/node-api');
    // JOURNEY_THREADS caps DuckDB's threads (a cron job sharing a server; the test suite, whose two
    // workers already keep both cores busy and would otherwise run four DuckDB threads on two).
    const threads = options.threads ?? envThreads();
    const instance = await DuckDBInstance.create(':memory:', { temp_directory: tempDir, ...(threads ? { threads: String(threads) } : {}) });
    const connection = await instance.connect();
    const memoryLimit = options.memoryLimit ?? memoryShare(DEFAULT_MEMORY_SHARE);
    const db = new Db(instance, connection, tempDir, {
      ms: options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_S * 1000, file: options.configFile ?? 'config',
    }, memoryLimit);
    await db.exec('SET TimeZone = $tz', { tz: options.timezone });
    // Not in the statement log: a machine setting, not part of how a number is computed.
    await db.exec('SET memory_limit = $m', { m: memoryLimit }, false);
    return db;
  }

  /**
   * Attaches a DuckDB database file as `store` (created when `readOnly` is false and it is
   * missing). DuckDB's own file lock refuses a second writer, and a reader while a writer is open:
   * that is exit 75, "another run holds the store".
   */
  async attachStore(path: string, readOnly: boolean): Promise<void> {
    try {
      await this.connection.run(`ATTACH ${quoteLiteral(path)} AS store${readOnly ? ' (READ_ONLY)' : ''}`);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      if (/lock/i.test(text)) throw new LockedError(`another run holds the store ${path}; try again when it has finished`);
      throw new DataError(`cannot open the store ${path}: ${duckMessage(error)}`);
    }
    this.log.push({ sql: `ATTACH ${quoteLiteral(path)} AS store${readOnly ? ' (READ_ONLY)' : ''}` });
  }

  /** A path in the database's private temp folder (mode 0700, removed on close and on Ctrl-C). */
  tempPath(name: string): string {
    return join(this.tempDir, name);
  }

  /** Record that `temp` is a normalised copy of `original`, made as `what` says. */
  noteCopy(temp: string, original: string, what: string): void {
    this.copies.set(temp, { original, what });
  }

  /** Run a statement for its effect. */
  async exec(sql: string, params?: Params, record = true): Promise<void> {
    if (record) this.log.push({ sql, params });
    await this.timed(sql, () => this.bounded(sql, () => this.connection.run(sql, params)));
  }

  /** Run a query and return plain JS rows (BIGINT cast to number by the SQL, not here). */
  async all<T = Row>(sql: string, params?: Params, record = true): Promise<T[]> {
    if (record) this.log.push({ sql, params });
    const reader = await this.timed(sql, () => this.bounded(sql, () => this.connection.runAndReadAll(sql, params)));
    return reader.getRowObjectsJS() as T[];
  }

  /** Wall time per statement when JOURNEY_PROFILE names a file (bench/README.md, "Profiling"). */
  private readonly timings: { ms: number; sql: string }[] | undefined = process.env.JOURNEY_PROFILE ? [] : undefined;

  private async timed<T>(sql: string, run: () => Promise<T>): Promise<T> {
    if (!this.timings) return run();
    const t0 = performance.now();
    try {
      return await run();
    } finally {
      this.timings.push({ ms: performance.now() - t0, sql });
    }
  }

  private writeTimings(): void {
    const path = process.env.JOURNEY_PROFILE;
    if (!this.timings || !path) return;
    const total = this.timings.reduce((s, t) => s + t.ms, 0);
    const lines = this.timings
      .map((t, i) => ({ ...t, i }))
      .sort((a, b) => b.ms - a.ms)
      .map((t) => `${(t.ms / 1000).toFixed(3).padStart(8)} s  #${t.i}  ${t.sql.replace(/\s+/g, ' ').slice(0, 300)}`);
    appendFileSync(path, `# ${this.timings.length} statements, ${(total / 1000).toFixed(3)} s in DuckDB\n${lines.join('\n')}\n`);
  }

  /**
   * Runs one statement through the error boundary; once the session is locked (config SQL is in
   * play: rules, segments, the views built on them) under the deadline, after which DuckDB is
   * interrupted and the run ends with a config error that says how to raise the limit.
   */
  private async bounded<T>(sql: string, run: () => Promise<T>): Promise<T> {
    let timedOut = false;
    const timer = this.locked ? setTimeout(() => { timedOut = true; this.connection.interrupt(); }, this.timeout.ms) : undefined;
    try {
      return await run();
    } catch (error) {
      if (timedOut) {
        const seconds = Math.round(this.timeout.ms / 100) / 10;
        throw new ConfigError(this.timeout.file, [
          `touchpoints/segments: a query over the config's rules ran longer than ${seconds} s and was stopped; look for SQL that makes work out of nothing (range(), recursive CTEs, cross joins), or if the data is just large raise the limit with --query-timeout SECONDS`,
        ]);
      }
      throw await this.boundary(error, sql);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The config's SQL, once it has bound: later run-time failures are blamed on it by path. */
  noteConfigSql(file: string, entries: ConfigSql[]): void {
    this.configFile = file;
    this.configSql = entries;
  }

  /**
   * The error boundary (DESIGN §6): a failure caused by config SQL becomes a config error (78)
   * naming the rule's dotted path; a failure while reading inputs a data error (65); anything
   * else stays a bug. Config SQL is checked on a sample when it binds, so a value that breaks a
   * rule further down the file is only met here; the probes run on this error path alone.
   */
  private async boundary(error: unknown, sql: string): Promise<unknown> {
    if (error instanceof JourneyError || !(error instanceof Error)) return error;
    if (/^(INTERRUPT|Interrupt)/.test(error.message)) return error;
    if (/^Out of Memory Error/.test(error.message)) {
      return new OutOfMemoryError(`DuckDB ran out of memory (limit ${this.memoryLimit}, with spilling to disk): raise --memory-limit (e.g. 8GB or 70%) or free disk space in ${tmpdir()}`);
    }
    if (this.locked && this.configSql.length && !/^(Parser|Binder|Catalog) Error/.test(error.message)) {
      for (const entry of this.configSql) {
        // The probes are config SQL too: under the same deadline (an interrupted probe blames nobody).
        const timer = setTimeout(() => this.connection.interrupt(), this.timeout.ms);
        try {
          await this.connection.run(entry.probe);
        } catch (cause) {
          if (/^(INTERRUPT|Interrupt)/.test((cause as Error).message)) continue;
          return new ConfigError(this.configFile, [`${entry.path}: fails on a row of the data (${withoutValues(duckMessage(cause))}); make it work for every value, e.g. TRY_CAST instead of CAST`]);
        } finally {
          clearTimeout(timer);
        }
      }
    }
    if (!this.locked && /\bread_(csv|parquet|json)/.test(sql) && /^(IO|Invalid Input|Conversion) Error/.test(error.message)) {
      return new DataError(`cannot read an input file: ${duckMessage(error)}`);
    }
    return error;
  }

  async statementCount(sql: string): Promise<number> {
    const extracted = await this.connection.extractStatements(sql);
    return extracted.count;
  }

  /**
   * After inputs are loaded and before any SQL from a config runs: no file or network access,
   * and no way to switch it back on (DESIGN §9).
   */
  async lockDown(): Promise<void> {
    await this.exec('SET enable_external_access = false', undefined, false);
    await this.exec('SET lock_configuration = true', undefined, false);
    this.log.push({ sql: 'SET enable_external_access = false;\nSET lock_configuration = true', lockdown: true });
    this.locked = true;
  }

  get isLocked(): boolean {
    return this.locked;
  }

  /** Ctrl-C: stop the running query and remove spill files (they can hold customer rows). */
  abort(): void {
    this.connection.interrupt();
    rmSync(this.tempDir, { recursive: true, force: true });
  }

  close(): void {
    this.writeTimings();
    this.connection.closeSync();
    this.instance.closeSync();
    rmSync(this.tempDir, { recursive: true, force: true });
    liveTempDirs.delete(this.tempDir);
  }
}

