// The one place command results leave the process: stdout, or files written atomically
// (temp name in the same directory, then rename), so cron never sees a half-written report.
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { OutputError, UsageError } from '../core/errors.js';

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  cwd: string;
  env: NodeJS.ProcessEnv;
  now: () => Date;
}

export function writeAtomic(path: string, content: string): void {
  renameInto(writeTemp(path, content), path);
}

/** The content in a temp file beside `path` (same folder, so the rename is atomic); its name. */
function writeTemp(path: string, content: string): string {
  const dir = dirname(path);
  if (!existsSync(dir)) throw new OutputError(`cannot write ${path}: folder ${dir} does not exist`);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    const fd = openSync(temp, 'w', 0o644);
    try {
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return temp;
  } catch (error) {
    rmSync(temp, { force: true });
    throw new OutputError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function renameInto(temp: string, path: string): void {
  try {
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new OutputError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

export const EXTENSION: Record<string, string> = { table: 'txt', json: 'json', csv: 'csv', md: 'md', html: 'html' };

/** What {period}, {since}, {until} and {kind} in --out stand for. */
export interface OutputNames {
  period: string;
  since: string | null;
  until: string | null;
  kind: string;
}

/** `reports/{period}/` -> `reports/2025-W10/`; an unknown {word} is a usage error, not a folder name. */
export function expandOutName(out: string, names: OutputNames): string {
  const values: Record<string, string> = {
    period: names.period, since: names.since ?? 'start', until: names.until ?? 'end', kind: names.kind,
  };
  return out.replace(/\{([^{}]*)\}/g, (whole, key: string) => {
    if (!(key in values)) throw new UsageError(`--out ${out}: ${whole} is not a name; use {period}, {since}, {until} or {kind}`);
    return values[key];
  });
}

/**
 * Where rendered outputs go. `-o -` or none: stdout (one format). `-o DIR` (an existing folder,
 * a path ending in /, or several formats): `<name>.<ext>` per format. `-o FILE`: that file.
 */
export function planOutputs(formats: string[], out: string | undefined, name: string, cwd: string,
  names?: OutputNames): { format: string; path: string | null }[] {
  if (out && names) out = expandOutName(out, names);
  if (!out || out === '-') {
    if (formats.length > 1) throw new UsageError(`several formats (${formats.join(',')}) need --out DIR`);
    return [{ format: formats[0], path: null }];
  }
  const full = resolve(cwd, out);
  const isDir = out.endsWith('/') || (existsSync(full) && statSync(full).isDirectory()) || formats.length > 1;
  if (!isDir) return [{ format: formats[0], path: full }];
  if (!existsSync(full)) {
    try {
      mkdirSync(full, { recursive: true });
    } catch (error) {
      throw new OutputError(`cannot create folder ${out}: ${(error as NodeJS.ErrnoException).code}`);
    }
  }
  return formats.map((format) => ({ format, path: join(full, `${name}.${EXTENSION[format] ?? format}`) }));
}

/**
 * A run's files, all or nothing: every file is first written to a temp name beside it; only when
 * all are written are they renamed into place. A file a rename would replace is kept under a
 * backup name until the set is in place, so if a rename fails the files already renamed are put
 * back as they were (or removed when new), and no file of the run appears. stdout comes last.
 */
export function emit(io: Io, outputs: { path: string | null; content: string }[]): string[] {
  const files = outputs.filter((o): o is { path: string; content: string } => o.path !== null);
  const temps: string[] = [];
  const placed: { path: string; backup: string | null }[] = [];
  let done = false;
  try {
    for (const o of files) temps.push(writeTemp(o.path, o.content));
    for (const [i, o] of files.entries()) {
      let backup: string | null = null;
      if (existsSync(o.path) && statSync(o.path).isFile()) {
        backup = `${temps[i]}.previous`;
        linkSync(o.path, backup);
      }
      placed.push({ path: o.path, backup });
      renameInto(temps[i], o.path);
      temps[i] = '';
    }
    done = true;
  } finally {
    for (const temp of temps) if (temp) rmSync(temp, { force: true });
    for (const p of placed.reverse()) {
      if (!done) {
        try {
          if (p.backup) renameSync(p.backup, p.path);
          else rmSync(p.path, { force: true });
        } catch {
          // Best effort: the error being thrown already names the file that failed.
        }
      }
      if (p.backup) rmSync(p.backup, { force: true });
    }
  }
  for (const o of outputs) if (o.path === null) io.stdout.write(o.content);
  return files.map((o) => o.path);
}

/**
 * The closing lines on stderr after a command emitted its outputs: each file written, then the
 * warnings — unless the only output was a table on stdout, which shows them itself.
 */
export function tellWritten(io: Io, options: { quiet?: boolean }, formats: string[], written: string[], warnings: string[]): void {
  if (options.quiet) return;
  for (const path of written) io.stderr.write(`wrote ${path}\n`);
  if (formats[0] !== 'table' || written.length) for (const w of warnings) io.stderr.write(`warning: ${w}\n`);
}
