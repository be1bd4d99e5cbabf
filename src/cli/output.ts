// The one place command results leave the process: stdout, or files written atomically
// (temp name in the same directory, then rename), so cron never sees a half-written report.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
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
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    if (error instanceof OutputError) throw error;
    throw new OutputError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

export const EXTENSION: Record<string, string> = { table: 'txt', json: 'json', csv: 'csv', md: 'md', html: 'html' };

/**
 * Where rendered outputs go. `-o -` or none: stdout (one format). `-o DIR` (an existing folder,
 * a path ending in /, or several formats): `<name>.<ext>` per format. `-o FILE`: that file.
 */
export function planOutputs(formats: string[], out: string | undefined, name: string, cwd: string): { format: string; path: string | null }[] {
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

export function emit(io: Io, outputs: { path: string | null; content: string }[]): string[] {
  const written: string[] = [];
  for (const o of outputs) {
    if (o.path === null) io.stdout.write(o.content);
    else {
      writeAtomic(o.path, o.content);
      written.push(o.path);
    }
  }
  return written;
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
