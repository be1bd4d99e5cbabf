// One run's pipeline up to the journey model: resolve inputs, load and validate every file,
// lock the session, then apply the config's rules. Shared by report, validate and sql.
import { say } from './messages.js';
import { isAbsolute, relative, resolve } from 'node:path';
import { Db, quoteIdent } from './db.js';
import { ConfigError, InputNotFoundError, UsageError } from './errors.js';
import { realpathSync } from 'node:fs';
import type { Config } from './config/load.js';
import { detectFile, UnrecognisedFile } from './sources/detect.js';
import { derivedEntries, isInputOnly, loadDerivedSources, loadInputTables, type InputTable } from './sources/derived.js';
import { loadSource, type LoadedSource } from './sources/ingest.js';
import { defaultKeyPath, hmacPads, loadKey } from './sources/keys.js';
import { resolveInputs, type InputFile } from './sources/resolve.js';
import { buildJourney, CANONICAL_VIEW, createCanonicalViews, shapeOf, type JourneyModel, type KindShape } from './journey/map.js';
import type { Kind } from './sources/kinds/index.js';
import { checkPeriod, setPeriod, type Period } from './period.js';
import { identityCoverage, linksEmail, stitchIdentities, type IdentityCoverage } from './journey/identity.js';
import { keyFingerprint, storeSources } from './store/store.js';

// The period moved to period.ts; re-exported so existing importers keep compiling.
export { checkPeriod, setPeriod, type Period } from './period.js';

export interface SessionOptions {
  inputs: string[];
  config: Config;
  cwd: string;
  env: NodeJS.ProcessEnv;
  period: Period;
  /** Read every file of this store (a DuckDB file written by journey ingest) instead of inputs. */
  store?: string;
  /** Called as each file is loaded (progress on a TTY). */
  onFile?: (done: number, total: number, path: string) => void;
  /** Receives the database as soon as it opens, so Ctrl-C can abort a long load. */
  onOpen?: (db: Db) => void;
  /** --key-file: the pseudonymisation key chosen by the user (a config cannot choose it). */
  keyFile?: string;
  /** --query-timeout, in seconds: the deadline for each query once config SQL is in play. */
  queryTimeoutS?: number;
  /** --memory-limit, as DuckDB reads it (4GB); default: half of RAM (core/db.ts). */
  memoryLimit?: string;
  /** --sources-anywhere: the config's `sources:` may reach outside the config's folder. */
  sourcesAnywhere?: boolean;
  /** False: leave identity stitching out (nothing this run shows reads a person key). */
  stitch?: boolean;
}

export interface Session {
  db: Db;
  config: Config;
  sources: LoadedSource[];
  model: JourneyModel;
  shape: Map<Kind, KindShape>;
  coverage: { kind: Kind; rows: number; mapped: number }[];
  warnings: string[];
  /** Files found in a folder that matched no kind or preset, skipped with a warning (as displayed). */
  skippedFiles?: string[];
  /** Named files read only as tables for derived sources (their rows are accounted here, not as sources). */
  inputs?: InputTable[];
  /**
   * With `identity:` in the config: per kind, the share of units linked to a person seen in another
   * kind (computed on first call: commands that do not show it do not pay for it); else null.
   */
  identity: () => Promise<IdentityCoverage[] | null>;
  /** Path as shown to users: relative to the working directory when inside it. */
  display: (path: string) => string;
}

/** The input files of a run (or an ingest): the inputs given, else the config's `sources:`. */
export function inputFiles(options: Pick<SessionOptions, 'inputs' | 'config' | 'cwd' | 'sourcesAnywhere'>): InputFile[] {
  const { config, cwd } = options;
  if (options.inputs.length) return resolveInputs(options.inputs, cwd);
  if (config.sources.length) {
    return config.sources.flatMap((s, i) => {
      // Derived sources and files named only as their inputs are read by sources/derived.ts.
      if (typeof s !== 'string' && (s.path === undefined || isInputOnly(s))) return [];
      const files = typeof s === 'string'
        ? resolveInputs([s], config.baseDir)
        : resolveInputs([s.kind ? `${s.kind}=${s.path}` : s.path!], config.baseDir)
          .map((file) => ({ ...file, presetId: s.preset, encoding: s.encoding, columns: s.columns, values: s.values, where: s.where }));
      if (!options.sourcesAnywhere) for (const file of files) confine(file.path, config, i);
      return files;
    });
  }
  throw new UsageError('no inputs: give files, folders or globs (e.g. journey report exports/), list `sources:` in the config, or use --demo');
}

/**
 * A config's `sources:` stay inside the config's own folder (symlinks followed): a config from
 * someone else cannot make journey read another client's folder or a system file. The user
 * widens that by naming inputs on the command line or with --sources-anywhere.
 */
export function confine(path: string, config: Config, index: number): void {
  const base = realpathSync(config.baseDir);
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return; // unreadable or gone: reading it fails later with its own message
  }
  const rel = relative(base, real);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new ConfigError(config.file ?? 'config', [
      `sources[${index}]: ${path} is outside the config's folder (${base}); a config reads only files in its own folder — name the file on the command line, or pass --sources-anywhere`,
    ]);
  }
}

/** The key file is never read as data, whichever folder or glob matched it. */
export function withoutKey(files: InputFile[], keyPath: string, warnings: string[]): InputFile[] {
  let key: string;
  try {
    key = realpathSync(keyPath);
  } catch {
    return files;
  }
  return files.filter((file) => {
    let real = file.path;
    try {
      real = realpathSync(file.path);
    } catch {
      // left to the reader
    }
    if (real !== key) return true;
    warnings.push(say('keySkipped', { path: file.path }));
    return false;
  });
}

export async function openSession(options: SessionOptions): Promise<Session> {
  const { config, cwd } = options;
  checkPeriod(options.period);
  const keyPath = options.keyFile ? resolve(cwd, options.keyFile) : defaultKeyPath(options.env);
  const warnings: string[] = [];
  const files = options.store ? [] : withoutKey(inputFiles(options), keyPath, warnings);
  // Derived sources come with the config's sources; files named on the command line replace them.
  const derived = !options.store && options.inputs.length === 0 && derivedEntries(config).length > 0;
  if (!options.store && files.length === 0 && !derived) throw new UsageError('no inputs left to read (the only file matched was the pseudonymisation key)');
  const display = (path: string) => {
    const rel = relative(cwd, path);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
  };
  const db = await Db.open({
    timezone: config.timezone, configFile: config.file ?? 'config',
    queryTimeoutMs: options.queryTimeoutS !== undefined ? options.queryTimeoutS * 1000 : undefined,
    memoryLimit: options.memoryLimit,
  });
  options.onOpen?.(db);
  try {
    // Only the default place (the user's own config folder) gets its folder made; a --key-file
    // path must be in a folder that exists.
    const { key, created } = loadKey(keyPath, { createFolder: !options.keyFile });
    if (created) warnings.push(say('keyCreated', { path: keyPath }));
    const pads = hmacPads(key);
    // The key is bound, never spliced, and not logged: `journey sql` shows a placeholder.
    await db.exec("SET VARIABLE journey_hmac_ipad = from_hex($pad)", { pad: pads.ipad }, false);
    await db.exec("SET VARIABLE journey_hmac_opad = from_hex($pad)", { pad: pads.opad }, false);
    const sources: LoadedSource[] = [];
    const skippedFiles: UnrecognisedFile[] = [];
    const skippedPaths: string[] = [];
    if (options.store) {
      // The store's rows were loaded, checked and pseudonymised at ingest (src/core/store/store.ts).
      const stored = await storeSources(db, options.store);
      if (stored.keyFingerprint !== null && stored.keyFingerprint !== keyFingerprint(key)) {
        warnings.push(say('storeOtherKey', { path: keyPath }));
      }
      for (const loaded of stored.sources) {
        sources.push({ ...loaded, path: display(loaded.path), rejects: loaded.rejects.map((r) => ({ ...r, file: display(r.file) })) });
        warnings.push(...loaded.warnings.map((w) => w.replace(loaded.path, display(loaded.path))));
        if (loaded.records === 0) warnings.push(say('headerOnly', { path: display(loaded.path) }));
      }
    }
    for (const [i, file] of files.entries()) {
      options.onFile?.(i, files.length, display(file.path));
      let detected: Awaited<ReturnType<typeof detectFile>>;
      try {
        detected = await detectFile(file, db, config.columns, config.values);
      } catch (error) {
        // A reference table beside the exports in a folder does not stop the run; a file named
        // on its own does (DESIGN §8).
        if (!(error instanceof UnrecognisedFile) || !file.inFolder) throw fileError(error, display(file.path));
        skippedFiles.push(error);
        skippedPaths.push(display(file.path));
        warnings.push(say('notRecognised', { path: display(file.path) }));
        continue;
      }
      let loaded: Awaited<ReturnType<typeof loadSource>>;
      try {
        loaded = await loadSource(db, detected, i + 1, { maxRejectRate: config.max_reject_rate, emailKey: linksEmail(config) });
      } catch (error) {
        throw fileError(error, display(file.path));
      }
      sources.push({ ...loaded, path: display(loaded.path), absolute: loaded.path, rejects: loaded.rejects.map((r) => ({ ...r, file: display(r.file) })) });
      warnings.push(...loaded.warnings.map((w) => w.replace(file.path, display(file.path))));
      if (loaded.records === 0) warnings.push(say('headerOnly', { path: display(file.path) }));
    }
    options.onFile?.(files.length, files.length, '');
    if (sources.length === 0 && skippedFiles.length && !derived) throw skippedFiles[0];
    let inputs: InputTable[] | undefined;
    if (derived) {
      // The named files are read before the lock-down; the queries over them run after it, with the
      // key still set (their rows get customer keys like a file's), and the key goes before any rule.
      inputs = await loadInputTables(db, config, (path, i) => {
        if (!options.sourcesAnywhere) confine(path, config, i);
        return path;
      }, display);
      await dropRejectTables(db);
      await db.lockDown();
      const made = await loadDerivedSources(db, config, inputs, files.length + 1, config.max_reject_rate);
      for (const loaded of made) {
        sources.push(loaded);
        warnings.push(...loaded.warnings);
        if (loaded.records === 0) warnings.push(say('queryEmpty', { path: loaded.path }));
      }
      for (const input of inputs) {
        if (input.rejected) warnings.push(say('inputRejected', { path: input.path, rejected: input.rejected, records: input.records, name: input.name }));
        if (input.usedBy.length === 0 && !input.alsoSource) warnings.push(say('inputUnused', { path: input.path, name: input.name }));
      }
    }
    const stitching = options.stitch === false ? null : await stitchIdentities(db, sources, config);
    if (stitching?.shared) {
      warnings.push(say('identityShared', { shared: stitching.shared, max: config.identity!.max_customer_ids }));
    }
    const kinds = await createCanonicalViews(db, sources, warnings, stitching);
    await dropRejectTables(db);
    // Customer keys are computed during load; config SQL must not be able to read the key.
    await db.exec('RESET VARIABLE journey_hmac_ipad', undefined, false);
    await db.exec('RESET VARIABLE journey_hmac_opad', undefined, false);
    if (!db.isLocked) await db.lockDown();
    const model = await buildJourney(db, config, kinds);
    await setPeriod(db, options.period, config.churn_days);
    const shapes = await shapeOf(db, kinds);
    const shape = new Map(shapes.map((s) => [s.kind, s]));
    const cov = shapes.map(({ kind, rows, mapped }) => ({ kind, rows, mapped }));
    let coverage: Promise<IdentityCoverage[]> | null = null;
    const identity = async () => {
      if (!stitching) return null;
      coverage ??= identityCoverage(db, kinds, (k) => quoteIdent(CANONICAL_VIEW[k]));
      return coverage;
    };
    return { db, config, sources, model, shape, coverage: cov, identity, warnings, display, skippedFiles: skippedPaths, inputs };
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * DuckDB's rejects tables hold the raw rejected lines (personal data included); their counts and
 * positions are already in `sources`, so they go before any config SQL runs.
 */
async function dropRejectTables(db: Db): Promise<void> {
  const tables = await db.all<{ schema: string; name: string }>(
    "SELECT schema_name AS schema, table_name AS name FROM duckdb_tables() WHERE table_name LIKE 'rejects\\_%' ESCAPE '\\'", undefined, false);
  for (const t of tables) await db.exec(`DROP TABLE ${quoteIdent(t.schema)}.${quoteIdent(t.name)}`, undefined, false);
}

/**
 * The file system said no while a file was read (deleted mid-run, no permission, a folder or a
 * symlink loop where a file was): exit 66 naming the file, never "unexpected error".
 */
export function fileError(error: unknown, path: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const why = code ? FS_REASONS[code] : undefined;
  return why ? new InputNotFoundError(`${path}: cannot read: ${why}`) : error;
}

const FS_REASONS: Record<string, string> = {
  ENOENT: 'the file is gone (deleted or moved while journey ran?); run again when it is in place',
  EACCES: 'permission denied; give your user read access (chmod u+r) or copy the file',
  EPERM: 'permission denied; give your user read access (chmod u+r) or copy the file',
  ELOOP: 'a symlink loop; fix or remove the link',
  EISDIR: 'it is a folder, not a file',
  EIO: 'the disk returned an I/O error',
};
