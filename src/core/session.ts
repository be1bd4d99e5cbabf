// One run's pipeline up to the journey model: resolve inputs, load and validate every file,
// lock the session, then apply the config's rules. Shared by report, validate and sql.
import { isAbsolute, relative, resolve } from 'node:path';
import { Db } from './db.js';
import { UsageError } from './errors.js';
import type { Config } from './config/load.js';
import { detectFile } from './sources/detect.js';
import { loadSource, type LoadedSource } from './sources/ingest.js';
import { defaultKeyPath, hmacPads, loadKey } from './sources/keys.js';
import { resolveInputs, type InputFile } from './sources/resolve.js';
import { buildJourney, createCanonicalViews, shapeOf, type JourneyModel, type KindShape } from './journey/map.js';
import type { Kind } from './sources/kinds/index.js';
import { checkPeriod, setPeriod, type Period } from './period.js';
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
}

export interface Session {
  db: Db;
  config: Config;
  sources: LoadedSource[];
  model: JourneyModel;
  shape: Map<Kind, KindShape>;
  coverage: { kind: Kind; rows: number; mapped: number }[];
  warnings: string[];
  /** Path as shown to users: relative to the working directory when inside it. */
  display: (path: string) => string;
}

/** The input files of a run (or an ingest): the inputs given, else the config's `sources:`. */
export function inputFiles(options: Pick<SessionOptions, 'inputs' | 'config' | 'cwd'>): InputFile[] {
  const { config, cwd } = options;
  if (options.inputs.length) return resolveInputs(options.inputs, cwd);
  if (config.sources.length) {
    return config.sources.flatMap((s) => typeof s === 'string'
      ? resolveInputs([s], config.baseDir)
      : resolveInputs([s.kind ? `${s.kind}=${s.path}` : s.path], config.baseDir)
        .map((file) => ({ ...file, presetId: s.preset, encoding: s.encoding, columns: s.columns })));
  }
  throw new UsageError('no inputs: give files, folders or globs (e.g. journey report exports/), list `sources:` in the config, or use --demo');
}

export async function openSession(options: SessionOptions): Promise<Session> {
  const { config, cwd } = options;
  checkPeriod(options.period);
  const files = options.store ? [] : inputFiles(options);
  const display = (path: string) => {
    const rel = relative(cwd, path);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
  };
  const db = await Db.open({ timezone: config.timezone });
  options.onOpen?.(db);
  try {
    const keyPath = config.key_file ? resolve(config.baseDir, config.key_file) : defaultKeyPath(options.env);
    const warnings: string[] = [];
    const { key, created } = loadKey(keyPath);
    if (created) warnings.push(`created a new pseudonymisation key at ${keyPath} (keep it private; the same key links customers across runs)`);
    const pads = hmacPads(key);
    // The key is bound, never spliced, and not logged: `journey sql` shows a placeholder.
    await db.exec("SET VARIABLE journey_hmac_ipad = from_hex($pad)", { pad: pads.ipad }, false);
    await db.exec("SET VARIABLE journey_hmac_opad = from_hex($pad)", { pad: pads.opad }, false);
    const sources: LoadedSource[] = [];
    if (options.store) {
      // The store's rows were loaded, checked and pseudonymised at ingest (src/core/store/store.ts).
      const stored = await storeSources(db, options.store);
      if (stored.keyFingerprint !== null && stored.keyFingerprint !== keyFingerprint(key)) {
        warnings.push(`the store was built with another pseudonymisation key than ${keyPath}: its customer keys do not match this key's`);
      }
      for (const loaded of stored.sources) {
        sources.push({ ...loaded, path: display(loaded.path), rejects: loaded.rejects.map((r) => ({ ...r, file: display(r.file) })) });
        warnings.push(...loaded.warnings.map((w) => w.replace(loaded.path, display(loaded.path))));
        if (loaded.records === 0) warnings.push(`${display(loaded.path)}: header only, 0 data rows`);
      }
    }
    for (const [i, file] of files.entries()) {
      options.onFile?.(i, files.length, display(file.path));
      const detected = await detectFile(file, db, config.columns);
      const loaded = await loadSource(db, detected, i + 1, { maxRejectRate: config.max_reject_rate });
      sources.push({ ...loaded, path: display(loaded.path), absolute: loaded.path, rejects: loaded.rejects.map((r) => ({ ...r, file: display(r.file) })) });
      warnings.push(...loaded.warnings.map((w) => w.replace(file.path, display(file.path))));
      if (loaded.records === 0) warnings.push(`${display(file.path)}: header only, 0 data rows`);
    }
    options.onFile?.(files.length, files.length, '');
    const kinds = await createCanonicalViews(db, sources);
    // Customer keys are computed during load; config SQL must not be able to read the key.
    await db.exec('RESET VARIABLE journey_hmac_ipad', undefined, false);
    await db.exec('RESET VARIABLE journey_hmac_opad', undefined, false);
    await db.lockDown();
    const model = await buildJourney(db, config, kinds);
    await setPeriod(db, options.period, config.churn_days);
    const shapes = await shapeOf(db, kinds);
    const shape = new Map(shapes.map((s) => [s.kind, s]));
    const cov = shapes.map(({ kind, rows, mapped }) => ({ kind, rows, mapped }));
    return { db, config, sources, model, shape, coverage: cov, warnings, display };
  } catch (error) {
    db.close();
    throw error;
  }
}
