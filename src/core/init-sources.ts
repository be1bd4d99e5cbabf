// `journey init`, before the session: each input file is detected; a file no preset or kind
// recognises is profiled by DuckDB and its kind and columns guessed (init-guess.ts), and the guess
// is loaded once to prove it reads; columns whose values are another file's key are reported as
// joins. The session that writes the starter config then reads the guessed files like any source.
import { Db } from './db.js';
import { JourneyError } from './errors.js';
import { guessSource, keyColumns, referenceColumns, type SourceGuess } from './init-guess.js';
import { detectFile, UnrecognisedFile, type DetectedFile } from './sources/detect.js';
import { loadSource } from './sources/ingest.js';
import { overlap, profileFile, type FileProfile } from './sources/profile.js';
import type { InputFile } from './sources/resolve.js';
import { basename } from 'node:path';

export interface InitFile {
  file: InputFile;
  /** Set when the file was not recognised and its layout was guessed (and loads). */
  guess?: SourceGuess;
  /** Set when the file was not recognised and no loading guess could be made: why. */
  unread?: string;
  /** The error a file named on its own raises when it cannot be read at all. */
  error?: JourneyError;
}

export interface Join {
  from: { path: string; column: string };
  to: { path: string; column: string };
  found: number;
  distinct: number;
}

/** Share of a column's distinct values that must be another file's keys to call it a join. */
const JOIN_SHARE = 0.8;

export async function guessSources(files: InputFile[], timezone: string): Promise<{ files: InitFile[]; joins: Join[] }> {
  const db = await Db.open({ timezone, configFile: 'journey init' });
  try {
    const out: InitFile[] = [];
    const detected: (DetectedFile | undefined)[] = [];
    for (const file of files) {
      try {
        detected.push(await detectFile(file, db));
        out.push({ file });
      } catch (error) {
        if (!(error instanceof UnrecognisedFile)) throw error;
        detected.push(undefined);
        out.push({ file, error });
      }
    }
    if (!out.some((f) => f.error)) return { files: out, joins: [] };
    const profiles: (FileProfile | undefined)[] = [];
    for (const [i, entry] of out.entries()) {
      // Any kind reads the file as text; the profile needs only its headers and dialect.
      const asText = detected[i] ?? await detectFile({ ...entry.file, kind: 'ticket' }, db);
      profiles.push(await profileFile(db, asText, i + 1));
      if (!entry.error) continue;
      const guess = guessSource(basename(entry.file.path), profiles[i]!);
      if ('reason' in guess) {
        entry.unread = guess.reason;
        continue;
      }
      const forced: InputFile = {
        ...entry.file, kind: guess.kind,
        columns: Object.fromEntries(guess.columns.map((c) => [c.canonical, c.source])),
        values: Object.fromEntries(guess.values.map((v) => [v.column, Object.fromEntries(v.map.map((m) => [m.from, m.to]))])),
      };
      try {
        const loaded = await loadSource(db, await detectFile(forced, db), 1000 + i);
        if (loaded.rows === 0) entry.unread = `guessed as ${guess.kind}, but none of its ${loaded.records} rows loaded (${loaded.rejects[0]?.reason ?? 'all rejected'})`;
        else entry.guess = guess;
      } catch (error) {
        if (!(error instanceof JourneyError)) throw error;
        entry.unread = `guessed as ${guess.kind}, but it did not load: ${error.message.split('\n')[0]}`;
      }
    }
    return { files: out, joins: await findJoins(db, out, profiles) };
  } finally {
    db.close();
  }
}

/** Columns of one file whose values are (mostly) the key of another file. */
async function findJoins(db: Db, files: InitFile[], profiles: (FileProfile | undefined)[]): Promise<Join[]> {
  const joins: Join[] = [];
  for (const [i, from] of profiles.entries()) {
    if (!from) continue;
    for (const [j, to] of profiles.entries()) {
      if (!to || i === j) continue;
      for (const ref of referenceColumns(from)) {
        for (const key of keyColumns(to)) {
          const { found, distinct } = await overlap(db, { table: from.table, column: ref.name }, { table: to.table, column: key.name });
          if (found >= 2 && found >= JOIN_SHARE * distinct) {
            joins.push({ from: { path: files[i].file.path, column: ref.name }, to: { path: files[j].file.path, column: key.name }, found, distinct });
          }
        }
      }
    }
  }
  return joins;
}
