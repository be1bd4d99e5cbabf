// Independent record counting for row accounting (DESIGN §8), and the map from DuckDB's record
// positions to the physical lines an editor shows, for CSV/TSV and JSON lines. Streams the file;
// never loads it whole.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

export interface RecordScan {
  /** Data records (header excluded, blank lines skipped, quoted newlines kept inside their record). */
  records: number;
  /** Physical line (1-based) where each data record starts. */
  startLine: Int32Array;
  /** Byte offset where each data record starts. */
  startByte: Float64Array;
}

/**
 * Walk the file as a CSV reader does: a record ends at a newline outside quotes; blank lines are
 * not records. LF, CRLF and lone CR all end a physical line.
 */
export async function scanRecords(path: string, hasHeader: boolean): Promise<RecordScan> {
  let startLine = new Int32Array(1024);
  let startByte = new Float64Array(1024);
  let count = 0;
  let inQuotes = false;
  let line = 1;
  let offset = 0;
  let recordStart = 0;
  let recordLine = 1;
  let recordHasContent = false;
  let previous = -1;
  const push = () => {
    if (count === startLine.length) {
      const lines = new Int32Array(count * 2);
      lines.set(startLine);
      startLine = lines;
      const bytes = new Float64Array(count * 2);
      bytes.set(startByte);
      startByte = bytes;
    }
    startLine[count] = recordLine;
    startByte[count] = recordStart;
    count++;
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++, offset++) {
      const byte = chunk[i];
      const newline = byte === LF ? previous !== CR : byte === CR;
      if (byte === LF && previous === CR) {
        // second half of CRLF: the line break was already counted at the CR
        if (!inQuotes) recordStart = offset + 1;
      } else if (newline) {
        line++;
        if (!inQuotes) {
          if (recordHasContent) push();
          recordHasContent = false;
          recordStart = offset + 1;
          recordLine = line;
        }
      } else {
        if (byte === QUOTE) inQuotes = !inQuotes;
        recordHasContent = true;
      }
      previous = byte;
    }
  }
  if (recordHasContent) push();
  const skip = hasHeader && count > 0 ? 1 : 0;
  return {
    records: count - skip,
    startLine: startLine.subarray(skip, count),
    startByte: startByte.subarray(skip, count),
  };
}

/** Physical line (1-based) of a byte offset, given the record scan of the same file. */
export function lineOfByte(scan: RecordScan, byte: number): number {
  let lo = 0;
  let hi = scan.records - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (scan.startByte[mid] <= byte) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found === -1 ? 1 : scan.startLine[found];
}

/** Start line of every non-blank line of a JSON-lines file (records are lines). */
export async function scanJsonLines(path: string): Promise<number[]> {
  const lines: number[] = [];
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
    n++;
    if (line.trim() !== '') lines.push(n);
  }
  return lines;
}
