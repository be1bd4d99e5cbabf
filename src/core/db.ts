// The only module that imports @duckdb/node-api: one in-memory database per run, one connection,
// bound values everywhere, identifiers through quoteIdent.
import type { DuckDBConnection, DuckDBInstance, DuckDBValue } from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Params = Record<string, DuckDBValue> | DuckDBValue[];
export type Row = Record<string, unknown>;

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Only for SQL printed for people (`journey sql`); queries that run use bound values. */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
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
  memoryLimit?: string;
}

export class Db {
  private locked = false;
  /** Every statement run, in order, with its parameters: what `journey sql` prints. */
  readonly log: { sql: string; params?: Params }[] = [];

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly tempDir: string,
  ) {}

  static async open(options: DbOptions): Promise<Db> {
    // Spill files can hold customer data: keep them in a private directory we remove on close.
    const tempDir = mkdtempSync(join(tmpdir(), 'journey-'));
    liveTempDirs.add(tempDir);
    // Loaded on first use so `journey --help` and `journey kpis` start without the native module.
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(':memory:', { temp_directory: tempDir });
    const connection = await instance.connect();
    const db = new Db(instance, connection, tempDir);
    await db.exec('SET TimeZone = $tz', { tz: options.timezone });
    if (options.threads) await db.exec(`SET threads = ${Math.floor(options.threads)}`);
    if (options.memoryLimit) await db.exec('SET memory_limit = $m', { m: options.memoryLimit });
    return db;
  }

  /** A path in the database's private temp folder (mode 0700, removed on close and on Ctrl-C). */
  tempPath(name: string): string {
    return join(this.tempDir, name);
  }

  /** Run a statement for its effect. */
  async exec(sql: string, params?: Params, record = true): Promise<void> {
    if (record) this.log.push({ sql, params });
    await this.connection.run(sql, params);
  }

  /** Run a query and return plain JS rows (BIGINT cast to number by the SQL, not here). */
  async all<T = Row>(sql: string, params?: Params, record = true): Promise<T[]> {
    if (record) this.log.push({ sql, params });
    const reader = await this.connection.runAndReadAll(sql, params);
    return reader.getRowObjectsJS() as T[];
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
    this.connection.closeSync();
    this.instance.closeSync();
    rmSync(this.tempDir, { recursive: true, force: true });
    liveTempDirs.delete(this.tempDir);
  }
}
