// The pre-pass before DuckDB reads a text file (DESIGN §8): which encoding it is in, whether its
// line endings are mixed, whether an Excel `sep=` line or a `#` preamble comes before the header,
// and — when any of that needs fixing — a streamed UTF-8 copy with LF line endings that DuckDB
// reads instead. Line breaks are kept one for one, so physical line numbers still match the
// original (plus the constant offset of removed lines at the top).
import { createReadStream, createWriteStream, openSync, readSync, closeSync } from 'node:fs';
import { isAscii, isUtf8 } from 'node:buffer';
import { once } from 'node:events';
import iconv from 'iconv-lite';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

const LF = 0x0a;
const CR = 0x0d;
const NUL = 0x00;
const HEAD_BYTES = 1 << 18;

export interface FileHead {
  encoding: Encoding;
  /** Why this encoding (for `journey validate -v`). */
  encodingReason: string;
  /** The head decoded to text with LF line endings and NULs removed. */
  text: string;
  /** Whether `text` is the whole file. */
  complete: boolean;
  hasCR: boolean;
  hasNul: boolean;
}

/** Index where an incomplete UTF-8 sequence at the end of `buf` starts (buf.length if none). */
export function utf8Boundary(buf: Buffer): number {
  for (let back = 1; back <= Math.min(3, buf.length); back++) {
    const byte = buf[buf.length - back];
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return need > back ? buf.length - back : buf.length;
  }
  return buf.length;
}

/** Counts of well-formed multi-byte UTF-8 sequences and of bytes that fit no sequence. */
export function utf8Census(buf: Buffer): { multibyte: number; invalid: number } {
  let multibyte = 0;
  let invalid = 0;
  for (let i = 0; i < buf.length; i++) {
    const byte = buf[i];
    if (byte < 0x80) continue;
    const need = byte >= 0xc2 && byte < 0xe0 ? 1 : byte >= 0xe0 && byte < 0xf0 ? 2 : byte >= 0xf0 && byte < 0xf5 ? 3 : -1;
    let ok = need > 0 && i + need < buf.length + 1;
    for (let k = 1; ok && k <= need; k++) ok = i + k < buf.length && (buf[i + k] & 0xc0) === 0x80;
    if (ok) {
      multibyte++;
      i += need;
    } else invalid++;
  }
  return { multibyte, invalid };
}

function encodingOf(head: Buffer): { encoding: Encoding; reason: string } {
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', reason: 'UTF-16LE byte-order mark' };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', reason: 'UTF-16BE byte-order mark' };
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8-bom', reason: 'UTF-8 byte-order mark' };
  const whole = head.subarray(0, utf8Boundary(head));
  if (isUtf8(whole)) return { encoding: 'utf-8', reason: 'valid UTF-8' };
  // Windows-1252 text is almost never valid UTF-8 by accident; a UTF-8 file with one bad byte
  // still has well-formed multi-byte characters elsewhere, and keeps its encoding (the bad line
  // is quarantined by the reader).
  const { multibyte } = utf8Census(whole);
  return multibyte > 0
    ? { encoding: 'utf-8', reason: 'UTF-8 with invalid bytes' }
    : { encoding: 'windows-1252', reason: 'not UTF-8 and no multi-byte characters: Windows-1252 (Excel)' };
}

const ICONV: Partial<Record<Encoding, string>> = { 'utf-16le': 'utf-16le', 'utf-16be': 'utf-16be', 'windows-1252': 'win1252' };

/** Bytes after any byte-order mark. */
function bomLength(encoding: Encoding): number {
  return encoding === 'utf-8-bom' ? 3 : encoding === 'utf-16le' || encoding === 'utf-16be' ? 2 : 0;
}

/**
 * Line-ending and NUL normalisation on UTF-8 bytes, carrying a trailing CR across chunks:
 * CRLF -> LF, lone CR -> LF, NUL removed.
 */
class Normaliser {
  private pendingCR = false;
  nuls = 0;
  crs = 0;

  push(chunk: Buffer): Buffer {
    if (!this.pendingCR && chunk.indexOf(CR) === -1 && chunk.indexOf(NUL) === -1) return chunk;
    const out = Buffer.allocUnsafe(chunk.length + 1);
    let n = 0;
    let i = 0;
    if (this.pendingCR) {
      out[n++] = LF;
      this.pendingCR = false;
      if (chunk[0] === LF) i = 1;
    }
    for (; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === CR) {
        this.crs++;
        if (i + 1 === chunk.length) this.pendingCR = true;
        else {
          out[n++] = LF;
          if (chunk[i + 1] === LF) i++;
        }
      } else if (byte === NUL) this.nuls++;
      else out[n++] = byte;
    }
    return out.subarray(0, n);
  }

  end(): Buffer {
    if (!this.pendingCR) return Buffer.alloc(0);
    this.pendingCR = false;
    return Buffer.from([LF]);
  }
}

/** UTF-8 bytes of the file after the byte-order mark, decoded from its encoding, chunk by chunk. */
async function* utf8Chunks(path: string, encoding: Encoding): AsyncGenerator<Buffer> {
  const stream = createReadStream(path, { start: bomLength(encoding), highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>;
  const name = ICONV[encoding];
  if (!name) {
    yield* stream;
    return;
  }
  const decoder = iconv.getDecoder(name);
  for await (const chunk of stream) yield Buffer.from(decoder.write(chunk), 'utf8');
  const rest = decoder.end();
  if (rest) yield Buffer.from(rest, 'utf8');
}

export function readHead(path: string, forced?: Encoding): FileHead {
  const fd = openSync(path, 'r');
  let raw: Buffer;
  let complete: boolean;
  try {
    const buffer = Buffer.alloc(HEAD_BYTES + 1);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    complete = read <= HEAD_BYTES;
    raw = buffer.subarray(0, Math.min(read, HEAD_BYTES));
  } finally {
    closeSync(fd);
  }
  const { encoding, reason } = forced ? { encoding: forced, reason: 'set in the config' } : encodingOf(raw);
  const body = raw.subarray(bomLength(encoding));
  const name = ICONV[encoding];
  let utf8 = name ? Buffer.from(iconv.decode(body, name), 'utf8') : body;
  // A partial UTF-16 code unit or UTF-8 sequence at the cut is not part of the head.
  if (!complete && !name) utf8 = utf8.subarray(0, utf8Boundary(utf8));
  const normaliser = new Normaliser();
  const text = Buffer.concat([normaliser.push(utf8), complete ? normaliser.end() : Buffer.alloc(0)]).toString('utf8');
  return { encoding, encodingReason: reason, text, complete, hasCR: normaliser.crs > 0, hasNul: normaliser.nuls > 0 };
}

export interface ByteScan {
  /** Physical lines (a final line without a newline counts). */
  lines: number;
  hasCR: boolean;
  hasNul: boolean;
  /** Bytes that are not UTF-8, and well-formed multi-byte characters, over the whole file. */
  invalid: number;
  multibyte: number;
}

/**
 * One streaming pass over a file DuckDB reads as is: counts lines for the row accounting and
 * notices what the head did not show (a CR, a NUL or a non-UTF-8 byte far down the file).
 */
export async function scanBytes(path: string): Promise<ByteScan> {
  let lines = 0;
  let last = -1;
  let hasCR = false;
  let hasNul = false;
  let invalid = 0;
  let multibyte = 0;
  let carry = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let at = chunk.indexOf(LF);
    while (at !== -1) {
      lines++;
      at = chunk.indexOf(LF, at + 1);
    }
    if (!hasCR && chunk.indexOf(CR) !== -1) hasCR = true;
    if (!hasNul && chunk.indexOf(NUL) !== -1) hasNul = true;
    const joined = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    const cut = utf8Boundary(joined);
    const whole = joined.subarray(0, cut);
    if (!isUtf8(whole)) {
      const census = utf8Census(whole);
      invalid += census.invalid;
      multibyte += census.multibyte;
    } else if (multibyte === 0 && !isAscii(whole)) {
      // Valid UTF-8 that is not ASCII holds at least one multi-byte character (native check: a
      // JS loop over every byte of a large ASCII file cost more than DuckDB's whole read).
      multibyte++;
    }
    carry = Buffer.from(joined.subarray(cut));
    if (chunk.length) last = chunk[chunk.length - 1];
  }
  if (carry.length) invalid += carry.length;
  return { lines: last === -1 || last === LF ? lines : lines + 1, hasCR, hasNul, invalid, multibyte };
}

export interface RewritePlan {
  encoding: Encoding;
  /** Bytes of normalised UTF-8 (after the byte-order mark) to drop: preamble and header rows. */
  dropBytes: number;
  /** The single header line written in their place (null: none, for JSON lines). */
  headerLine: string | null;
  /** Stop at the first line that starts with `#` after the data begins (a second table). */
  cutAtComment?: boolean;
}

/**
 * Writes the normalised UTF-8 copy; returns how many NUL bytes were removed and, with
 * `cutAtComment`, how many non-blank lines were left out from the cut on.
 */
export async function rewrite(path: string, target: string, plan: RewritePlan): Promise<{ nuls: number; cutLines: number }> {
  const out = createWriteStream(target, { mode: 0o600 });
  const write = async (buf: Buffer) => {
    if (buf.length && !out.write(buf)) await once(out, 'drain');
  };
  const normaliser = new Normaliser();
  let toDrop = plan.dropBytes;
  if (plan.headerLine !== null) await write(Buffer.from(`${plan.headerLine}\n`, 'utf8'));
  let atLineStart = true;
  let cut = false;
  const leftOut: Buffer[] = [];
  const emit = async (buf: Buffer) => {
    if (toDrop >= buf.length) {
      toDrop -= buf.length;
      return;
    }
    let rest = buf.subarray(toDrop);
    toDrop = 0;
    if (plan.cutAtComment && !cut) {
      const at = atLineStart && rest[0] === 0x23 ? 0 : rest.indexOf('\n#');
      if (at !== -1) {
        const keep = at === 0 ? 0 : at + 1;
        leftOut.push(rest.subarray(keep));
        rest = rest.subarray(0, keep);
        cut = true;
      }
    } else if (cut) {
      leftOut.push(rest);
      return;
    }
    if (rest.length) atLineStart = rest[rest.length - 1] === LF;
    await write(rest);
  };
  try {
    for await (const chunk of utf8Chunks(path, plan.encoding)) await emit(normaliser.push(chunk));
    await emit(normaliser.end());
  } finally {
    out.end();
    await once(out, 'close');
  }
  const cutLines = Buffer.concat(leftOut).toString('utf8').split('\n').filter((l) => l.trim() !== '').length;
  return { nuls: normaliser.nuls, cutLines };
}
