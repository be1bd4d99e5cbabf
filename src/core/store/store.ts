// The persistent store (docs/store.md): a DuckDB file with every ingested export's loaded rows,
// its accounting and its rejects. `journey ingest` adds files to it, idempotent by content; every
// data command can read from it instead of the exports (`--store FILE`).
//
// Layout (schema version 1):
//   journey_meta(key, value)        schema_version, key_fingerprint, mapping:<file_id> (validate's mapping, JSON),
//                                   personal:<file_id> (the columns with personal data, JSON; absent in older stores: scanned)
//   journey_files(file_id, path, ...) one row per ingested file: hash, how it was read, accounting
//   journey_rejects(file_id, line, column, reason)
//   f_<file_id>                     the file's loaded table, as `src_<n>` holds it in a run
// Each file is written in one transaction: a crash leaves the store before or after that file.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, renameSync, rmSync } from 'node:fs';
import type { Db } from '../db.js';
import { DataError, InputNotFoundError } from '../errors.js';
import type { Kind } from '../sources/kinds/index.js';
import type { LoadedSource, Reject } from '../sources/ingest.js';
import type { InputFile } from '../sources/resolve.js';

export const STORE_SCHEMA_VERSION = 1;

/** sha256 of a file's bytes, streamed. */
export async function fileHash(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * What else decides how a file loads besides its bytes: forced kind, preset, encoding, column maps,
 * value maps and row filter. A changed `values:` or `where:` must re-ingest the file, or the store
 * would keep the old recoding. The last two join only when set, so stores written before they
 * counted are not re-ingested for nothing.
 */
export function loadSignature(file: InputFile, kindColumns: unknown): string {
  const forced = {
    kind: file.kind ?? null, preset: file.presetId ?? null, encoding: file.encoding ?? null, columns: file.columns ?? null, kindColumns,
    ...(file.values ? { values: file.values } : {}),
    ...(file.where ? { where: file.where } : {}),
  };
  return createHash('sha256').update(JSON.stringify(forced)).digest('hex').slice(0, 16);
}

/** A short, non-reversible name for the pseudonymisation key: customer keys in the store were made with it. */
export function keyFingerprint(key: Buffer): string {
  return createHash('sha256').update('journey-store-key:').update(key).digest('hex').slice(0, 16);
}

async function version(db: Db): Promise<number | null> {
  const meta = await db.all<{ n: number }>(
    "SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE database_name = 'store' AND table_name = 'journey_meta'", undefined, false);
  if (!meta[0]!.n) return null;
  const rows = await db.all<{ value: string }>("SELECT value FROM store.journey_meta WHERE key = 'schema_version'", undefined, false);
  return rows.length ? Number(rows[0]!.value) : null;
}

function checkVersion(found: number | null, path: string): void {
  if (found === STORE_SCHEMA_VERSION) return;
  if (found === null) throw new DataError(`${path} is not a journey store (no schema version); give a new file to journey ingest --store, or the right one`);
  if (found > STORE_SCHEMA_VERSION) {
    throw new DataError(`the store ${path} has schema version ${found}, written by a newer journey; this one reads version ${STORE_SCHEMA_VERSION}: upgrade journey`);
  }
  throw new DataError(`the store ${path} has schema version ${found}, which this journey cannot migrate; ingest the exports again into a new store`);
}

/**
 * Attaches the store for writing: checks the version of an existing one; a new store is made whole
 * under a temporary name beside `path` and renamed into place, so a kill while it is being created
 * leaves no store at all rather than an empty file.
 */
export async function openStoreForWrite(db: Db, path: string): Promise<void> {
  if (!existsSync(path)) {
    const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.creating`;
    try {
      await db.attachStore(temp, false);
      await createSchema(db);
      // DETACH checkpoints: the new file holds the schema without a write-ahead log beside it.
      await db.exec('DETACH store', undefined, false);
      renameSync(temp, path);
    } finally {
      rmSync(temp, { force: true });
      rmSync(`${temp}.wal`, { force: true });
    }
  }
  await db.attachStore(path, false);
  const found = await version(db);
  if (found === null) {
    const others = await db.all<{ n: number }>("SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE database_name = 'store'", undefined, false);
    if (others[0]!.n > 0) checkVersion(null, path);
    // An empty DuckDB file given as a new store (made by another tool, or by an older journey).
    await createSchema(db);
    return;
  }
  checkVersion(found, path);
}

/** The store's own tables, in one transaction. */
async function createSchema(db: Db): Promise<void> {
  await db.exec('BEGIN TRANSACTION', undefined, false);
  await db.exec('CREATE TABLE store.journey_meta (key VARCHAR PRIMARY KEY, value VARCHAR)', undefined, false);
  await db.exec("INSERT INTO store.journey_meta VALUES ('schema_version', $v)", { v: String(STORE_SCHEMA_VERSION) }, false);
  await db.exec(`CREATE TABLE store.journey_files (
    file_id INTEGER PRIMARY KEY, path VARCHAR UNIQUE, hash VARCHAR, signature VARCHAR, kind VARCHAR, format VARCHAR,
    preset VARCHAR, detected_by VARCHAR, encoding VARCHAR, records BIGINT, loaded BIGINT, rejected BIGINT, skipped BIGINT,
    merged BIGINT, notes VARCHAR, warnings VARCHAR, internal VARCHAR, ingested_at TIMESTAMPTZ)`, undefined, false);
  await db.exec('CREATE TABLE store.journey_rejects (file_id INTEGER, line BIGINT, "column" VARCHAR, reason VARCHAR)', undefined, false);
  await db.exec('COMMIT', undefined, false);
}

/** The key the store's customer keys were made with must be the key this run uses (first ingest records it). */
export async function checkStoreKey(db: Db, fingerprint: string, path: string): Promise<void> {
  const rows = await db.all<{ value: string }>("SELECT value FROM store.journey_meta WHERE key = 'key_fingerprint'", undefined, false);
  if (rows.length === 0) {
    await db.exec("INSERT INTO store.journey_meta VALUES ('key_fingerprint', $f)", { f: fingerprint }, false);
  } else if (rows[0]!.value !== fingerprint) {
    throw new DataError(`the store ${path} was built with another pseudonymisation key: customer keys would not match; use that key (--key-file), or a new store`);
  }
}

export type IngestOutcome = 'added' | 'replaced' | 'unchanged' | 'duplicate';

export interface StoredFile {
  file_id: number;
  path: string;
  hash: string;
  signature: string;
}

/** Is this file (by path, content and load signature) already in the store, and as what? */
export async function lookUp(db: Db, path: string, hash: string, signature: string): Promise<{ outcome: IngestOutcome | null; previous: StoredFile | null; same?: string }> {
  const byPath = await db.all<StoredFile>('SELECT file_id, path, hash, signature FROM store.journey_files WHERE path = $p', { p: path }, false);
  const previous = byPath[0] ?? null;
  if (previous && previous.hash === hash && previous.signature === signature) return { outcome: 'unchanged', previous };
  const byHash = await db.all<StoredFile>('SELECT file_id, path, hash, signature FROM store.journey_files WHERE hash = $h AND signature = $s AND path <> $p',
    { h: hash, s: signature, p: path }, false);
  if (byHash.length) return { outcome: 'duplicate', previous, same: byHash[0]!.path };
  return { outcome: null, previous };
}

/**
 * Writes one loaded file into the store in one transaction: a changed file's old table, rejects
 * and accounting are replaced by the new ones; a new file is added. A kill at any moment leaves
 * the store with the old rows or the new, never a mix (DuckDB's write-ahead log).
 */
export async function storeFile(db: Db, loaded: LoadedSource, hash: string, signature: string, previous: StoredFile | null, now: Date): Promise<number> {
  const next = await db.all<{ id: number }>('SELECT (coalesce(max(file_id), 0) + 1)::INTEGER AS id FROM store.journey_files', undefined, false);
  const id = next[0]!.id;
  await db.exec('BEGIN TRANSACTION', undefined, false);
  try {
    if (previous) {
      await db.exec(`DROP TABLE IF EXISTS store.main.f_${previous.file_id}`, undefined, false);
      await db.exec('DELETE FROM store.journey_rejects WHERE file_id = $id', { id: previous.file_id }, false);
      await db.exec('DELETE FROM store.journey_files WHERE file_id = $id', { id: previous.file_id }, false);
      await db.exec("DELETE FROM store.journey_meta WHERE key IN ($m, $p)", { m: `mapping:${previous.file_id}`, p: `personal:${previous.file_id}` }, false);
    }
    await db.exec(`CREATE TABLE store.main.f_${id} AS SELECT * FROM memory.main.${loaded.table}`, undefined, false);
    await db.exec(`INSERT INTO store.journey_files VALUES ($id, $path, $hash, $sig, $kind, $format, $preset, $by, $enc,
      $records, $loaded, $rejected, $skipped, $merged, $notes, $warnings, $internal, $at::TIMESTAMPTZ)`, {
      id, path: loaded.absolute, hash, sig: signature, kind: loaded.kind, format: loaded.format, preset: loaded.preset,
      by: loaded.detectedBy, enc: loaded.encoding, records: loaded.records, loaded: loaded.rows, rejected: loaded.rejected,
      skipped: loaded.skipped, merged: loaded.merged, notes: JSON.stringify(loaded.notes), warnings: JSON.stringify(loaded.warnings),
      internal: JSON.stringify(loaded.internal), at: now.toISOString(),
    }, false);
    // What the config made of the file (journey validate): a meta entry, so stores written before it still read.
    if (loaded.mapping) {
      await db.exec('INSERT INTO store.journey_meta VALUES ($k, $v)', { k: `mapping:${id}`, v: JSON.stringify(loaded.mapping) }, false);
    }
    if (loaded.personal) {
      await db.exec('INSERT INTO store.journey_meta VALUES ($k, $v)', { k: `personal:${id}`, v: JSON.stringify(loaded.personal) }, false);
    }
    for (let start = 0; start < loaded.rejects.length; start += 500) {
      const chunk = loaded.rejects.slice(start, start + 500);
      const params: (string | number | null)[] = [];
      const rows = chunk.map((r, i) => {
        params.push(id, r.line, r.column, r.reason);
        return `($${4 * i + 1}, $${4 * i + 2}, $${4 * i + 3}, $${4 * i + 4})`;
      });
      await db.exec(`INSERT INTO store.journey_rejects VALUES ${rows.join(', ')}`, params, false);
    }
    await db.exec('COMMIT', undefined, false);
  } catch (error) {
    await db.exec('ROLLBACK', undefined, false).catch(() => undefined);
    throw error;
  }
  return id;
}

interface FileRow {
  file_id: number;
  path: string;
  kind: Kind;
  format: string;
  preset: string | null;
  detected_by: string;
  encoding: string;
  records: number;
  loaded: number;
  rejected: number;
  skipped: number;
  merged: number;
  notes: string;
  warnings: string;
  internal: string;
}

/**
 * Every file of the store as the loaded sources of a run: a view `src_<n>` over each file's table,
 * in path order (the order a folder of the same files is read in), with its accounting and rejects.
 */
export async function storeSources(db: Db, path: string): Promise<{ sources: LoadedSource[]; keyFingerprint: string | null }> {
  if (!existsSync(path)) throw new InputNotFoundError(`store not found: ${path} (create it with journey ingest --store ${path})`);
  await db.attachStore(path, true);
  checkVersion(await version(db), path);
  const files = await db.all<FileRow>(`SELECT file_id, path, kind, format, preset, detected_by, encoding, records::DOUBLE AS records,
    loaded::DOUBLE AS loaded, rejected::DOUBLE AS rejected, skipped::DOUBLE AS skipped, merged::DOUBLE AS merged, notes, warnings, internal
    FROM store.journey_files ORDER BY path`, undefined, false);
  const rejects = await db.all<{ file_id: number; line: number | null; column: string | null; reason: string }>(
    'SELECT file_id, line::DOUBLE AS line, "column", reason FROM store.journey_rejects ORDER BY file_id, line NULLS FIRST, "column", reason', undefined, false);
  const mappings = new Map((await db.all<{ key: string; value: string }>(
    "SELECT key, value FROM store.journey_meta WHERE key LIKE 'mapping:%' OR key LIKE 'personal:%'", undefined, false)).map((m) => [m.key, m.value]));
  const sources: LoadedSource[] = [];
  for (const [i, f] of files.entries()) {
    const mapping = mappings.get(`mapping:${f.file_id}`);
    const personal = mappings.get(`personal:${f.file_id}`);
    const table = `src_${i + 1}`;
    await db.exec(`CREATE VIEW ${table} AS SELECT * FROM store.main.f_${f.file_id}`);
    const own: Reject[] = rejects.filter((r) => r.file_id === f.file_id).map((r) => ({ file: f.path, line: r.line, column: r.column, reason: r.reason }));
    sources.push({
      path: f.path, absolute: f.path, kind: f.kind, format: f.format, preset: f.preset, detectedBy: f.detected_by, table,
      records: f.records, rows: f.loaded, rejected: f.rejected, rejects: own, warnings: JSON.parse(f.warnings) as string[],
      skipped: f.skipped, merged: f.merged, encoding: f.encoding, notes: JSON.parse(f.notes) as string[], internal: JSON.parse(f.internal) as string[],
      ...(mapping ? { mapping: JSON.parse(mapping) as LoadedSource['mapping'] } : {}),
      ...(personal ? { personal: JSON.parse(personal) as LoadedSource['personal'] } : {}),
    });
  }
  const key = await db.all<{ value: string }>("SELECT value FROM store.journey_meta WHERE key = 'key_fingerprint'", undefined, false);
  return { sources, keyFingerprint: key[0]?.value ?? null };
}
