// The one place command results leave the process: stdout, or files written atomically
// (temp name in the same directory, then rename), so cron never sees a half-written report.
import * as nodeFs from 'node:fs';
import { constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { OutputError, UsageError } from '../core/errors.js';

/** The file calls an atomic write makes; tests swap one for a fault (ENOSPC, a planted symlink). */
export interface OutputFs {
  openSync(path: string, flags: number, mode: number): number;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  rmSync(path: string, options: { force: boolean }): void;
}

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  cwd: string;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  /** Only tests set this, to inject file-system faults into output writes. */
  fs?: Partial<OutputFs>;
}

/**
 * The temp file is created exclusively (O_EXCL, and O_NOFOLLOW where the platform has it) under a
 * random name next to the target: a file or symlink planted at that name is never opened, only
 * skipped for another name.
 */
const CREATE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

function openTemp(fs: OutputFs, path: string): { fd: number; temp: string } {
  for (let attempt = 0; ; attempt++) {
    const temp = join(dirname(path), `.${basename(path)}.${randomBytes(8).toString('hex')}.tmp`);
    try {
      return { fd: fs.openSync(temp, CREATE_FLAGS, 0o644), temp };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 20) throw error;
    }
  }
}

/** writeSync may write less than asked (a full disk mid-buffer); keep going or fail, never stop short. */
function writeAll(fs: OutputFs, fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) {
    const n = fs.writeSync(fd, bytes, offset, bytes.length - offset);
    if (n <= 0) throw Object.assign(new Error('short write'), { code: 'ENOSPC' });
    offset += n;
  }
}

/**
 * Write `content` to `path` or fail with exit 73: the old file stays as it was until the new one
 * is complete on disk, and no temp file is left behind either way.
 */
export function writeAtomic(path: string, content: string, faults: Partial<OutputFs> = {}): void {
  const fs: OutputFs = { ...(nodeFs as unknown as OutputFs), ...faults };
  const dir = dirname(path);
  if (!existsSync(dir)) throw new OutputError(`cannot write ${path}: folder ${dir} does not exist`);
  if (!statSync(dir).isDirectory()) throw new OutputError(`cannot write ${path}: ${dir} is a file, not a folder`);
  let temp: string | null = null;
  try {
    const opened = openTemp(fs, path);
    temp = opened.temp;
    try {
      writeAll(fs, opened.fd, Buffer.from(content, 'utf8'));
      fs.fsyncSync(opened.fd);
    } finally {
      fs.closeSync(opened.fd);
    }
    fs.renameSync(temp, path);
    temp = null;
  } catch (error) {
    if (temp) fs.rmSync(temp, { force: true });
    if (error instanceof OutputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOSPC' ? 'the disk is full' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? (error as Error).message);
    throw new OutputError(`cannot write ${path}: ${why}; the previous file (if any) is unchanged`);
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
      writeAtomic(o.path, o.content, io.fs);
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
