// `journey ingest`: each input file into the store, one transaction per file, skipping files whose
// content (and the way it is read) the store already holds. Loading is the same as a run's
// (detect, load, check, pseudonymise), so a report from the store has the numbers a report from
// the files has.
import { resolve } from 'node:path';
import type { Config } from '../config/load.js';
import { Db } from '../db.js';
import { detectFile } from '../sources/detect.js';
import { loadSource } from '../sources/ingest.js';
import { linksEmail } from '../journey/identity.js';
import { personalColumns } from '../journey/map.js';
import { defaultKeyPath, hmacPads, loadKey } from '../sources/keys.js';
import type { InputFile } from '../sources/resolve.js';
import { checkStoreKey, fileHash, keyFingerprint, loadSignature, lookUp, openStoreForWrite, storeFile, type IngestOutcome } from './store.js';

export interface IngestResult {
  path: string;
  outcome: IngestOutcome;
  kind: string | null;
  records: number;
  loaded: number;
  rejected: number;
  skipped: number;
  merged: number;
  /** For a duplicate: the stored file with the same content. */
  same?: string;
}

export interface IngestOptions {
  files: InputFile[];
  config: Config;
  store: string;
  env: NodeJS.ProcessEnv;
  /** --key-file: the user's choice of key (a config cannot choose it); default ~/.config/journey/key. */
  keyFile?: string;
  /** --memory-limit (4GB); default: half of RAM. */
  memoryLimit?: string;
  cwd: string;
  now: Date;
  onFile?: (done: number, total: number, path: string) => void;
  onOpen?: (db: Db) => void;
  /** Called after each file is committed (or skipped). */
  onResult?: (result: IngestResult) => void;
}

export async function ingest(options: IngestOptions): Promise<{ results: IngestResult[]; warnings: string[] }> {
  const { config, files } = options;
  const db = await Db.open({ timezone: config.timezone, memoryLimit: options.memoryLimit });
  options.onOpen?.(db);
  const warnings: string[] = [];
  try {
    await openStoreForWrite(db, options.store);
    const keyPath = options.keyFile ? resolve(options.cwd, options.keyFile) : defaultKeyPath(options.env);
    const { key, created } = loadKey(keyPath, { createFolder: !options.keyFile });
    if (created) warnings.push(`created a new pseudonymisation key at ${keyPath} (keep it private; the same key links customers across runs)`);
    await checkStoreKey(db, keyFingerprint(key), options.store);
    const pads = hmacPads(key);
    await db.exec('SET VARIABLE journey_hmac_ipad = from_hex($pad)', { pad: pads.ipad }, false);
    await db.exec('SET VARIABLE journey_hmac_opad = from_hex($pad)', { pad: pads.opad }, false);
    const results: IngestResult[] = [];
    for (const [i, file] of files.entries()) {
      options.onFile?.(i, files.length, file.path);
      const hash = await fileHash(file.path);
      const signature = loadSignature(file, config.columns);
      const found = await lookUp(db, file.path, hash, signature);
      let result: IngestResult;
      if (found.outcome === 'unchanged' || found.outcome === 'duplicate') {
        result = { path: file.path, outcome: found.outcome, kind: null, records: 0, loaded: 0, rejected: 0, skipped: 0, merged: 0, same: found.same };
      } else {
        const index = i + 1;
        const detected = await detectFile(file, db, config.columns);
        const loaded = await loadSource(db, detected, index, { maxRejectRate: config.max_reject_rate, emailKey: linksEmail(config) });
        // Found once here, kept in the store: a report from the store need not scan every text value.
        loaded.personal = await personalColumns(db, loaded.table);
        warnings.push(...loaded.warnings);
        await storeFile(db, loaded, hash, signature, found.previous, options.now);
        await db.exec(`DROP TABLE IF EXISTS src_${index}`, undefined, false);
        result = {
          path: file.path, outcome: found.previous ? 'replaced' : 'added', kind: loaded.kind,
          records: loaded.records, loaded: loaded.rows, rejected: loaded.rejected, skipped: loaded.skipped, merged: loaded.merged,
        };
      }
      results.push(result);
      options.onResult?.(result);
    }
    options.onFile?.(files.length, files.length, '');
    return { results, warnings };
  } finally {
    db.close();
  }
}
