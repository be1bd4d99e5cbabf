// Turns command-line inputs (files, directories, globs, KIND=PATH) into a list of input files.
import { readdirSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { globSync } from 'tinyglobby';
import { InputNotFoundError, UsageError } from '../errors.js';
import { KINDS, type Kind } from './kinds/index.js';

export type FileFormat = 'csv' | 'tsv' | 'parquet' | 'jsonl';

export interface InputFile {
  path: string;
  format: FileFormat;
  /** Set when the user forced it with KIND=PATH or a config source's `kind`. */
  kind?: Kind;
  /** A config source's `preset:` (vendor layout forced by id). */
  presetId?: string;
  /** A config source's `encoding:` (when detection cannot tell, e.g. Windows-1252 that is valid UTF-8). */
  encoding?: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  /** A config source's `columns:` (canonical column -> header). */
  columns?: Record<string, string>;
  /** A config source's `values:` (canonical column -> value in the file -> value meant). */
  values?: Record<string, Record<string, string | number | null>>;
  /** A config source's `where:` (rows kept). */
  where?: string;
  /** Found in a folder or by a glob, not named one by one: an unrecognised file is skipped, not fatal. */
  inFolder?: boolean;
}

const FORMATS: Record<string, FileFormat> = {
  '.csv': 'csv',
  '.txt': 'csv',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.parquet': 'parquet',
  '.pq': 'parquet',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'jsonl',
};

export function formatOf(path: string): FileFormat | undefined {
  return FORMATS[extname(path).toLowerCase()];
}

/** Split `survey=exports/nps.csv` into kind and path; plain paths have no kind. */
export function parseInputArg(arg: string): { kind?: Kind; pattern: string } {
  const match = /^([a-z]+)=(.+)$/.exec(arg);
  if (!match) return { pattern: arg };
  const kind = match[1] as Kind;
  if (!KINDS.includes(kind)) {
    throw new UsageError(`"${arg}": unknown kind "${match[1]}"; use one of ${KINDS.join(', ')} (e.g. survey=exports/nps.csv)`);
  }
  return { kind, pattern: match[2] };
}

/** Expand one input: a file, a directory (its supported files, not recursive) or a glob. */
function expand(pattern: string, baseDir: string): string[] {
  const full = resolve(baseDir, pattern);
  let stat: ReturnType<typeof statSync> | undefined;
  try {
    stat = statSync(full);
  } catch (error) {
    // Missing is "no such file" below; anything else (a loop, no permission) is said as such.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw unreadable(pattern, error);
    stat = undefined;
  }
  if (stat?.isFile()) return [full];
  if (stat?.isDirectory()) {
    let names: string[];
    try {
      names = readdirSync(full);
    } catch (error) {
      throw unreadable(pattern, error);
    }
    return names
      .filter((name) => !name.startsWith('.') && formatOf(name))
      .sort()
      .map((name) => join(full, name))
      .filter((path) => {
        try {
          return statSync(path).isFile();
        } catch (error) {
          // A dangling symlink or a loop in the folder: named, not skipped in silence.
          throw unreadable(path, error);
        }
      });
  }
  if (/[*?[{]/.test(pattern)) {
    return globSync(pattern, { cwd: baseDir, absolute: true, onlyFiles: true }).sort();
  }
  return [];
}

const WHY: Record<string, string> = {
  ENOENT: 'a symlink to a file that does not exist; remove it or point it at the file',
  ELOOP: 'a symlink loop; remove the link or name the files you want',
  EACCES: 'permission denied; give your user read access or copy the files elsewhere',
  EPERM: 'permission denied; give your user read access or copy the files elsewhere',
};

function unreadable(path: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return new InputNotFoundError(`${path}: cannot read: ${WHY[code] ?? code}`);
}

export function resolveInputs(args: string[], baseDir: string): InputFile[] {
  const files: InputFile[] = [];
  const seen = new Set<string>();
  for (const arg of args) {
    const { kind, pattern } = parseInputArg(arg);
    const paths = expand(pattern, baseDir);
    if (paths.length === 0) {
      throw new InputNotFoundError(`${pattern}: no such file, or no supported files matched (csv, tsv, parquet, jsonl)`);
    }
    const named = paths.length === 1 && paths[0] === resolve(baseDir, pattern);
    for (const path of paths) {
      const format = formatOf(path) ?? 'csv';
      if (seen.has(path)) continue;
      seen.add(path);
      files.push({ path, format, kind, ...(named ? {} : { inFolder: true }) });
    }
  }
  return files;
}
