// Terminal output fitted to the terminal's width. `fitWidths` sizes a table's columns: as wide as
// their widest cell when that fits, else narrower by wrapping cells at spaces — never below a
// column's longest word, so no number is wrapped or cut. `alignedColumns` draws a table of plain
// aligned columns with it. `fitProse` wraps every other line longer than the terminal (a friction
// "why", a method note, a warning) at spaces, continuation lines under the text after the line's
// indent and list mark (`1. `, `! `, `— `); table rows and SQL after an `--explain` "SQL" heading
// are left as they are (wrapping SQL could split a string literal).
import { stripVTControlCharacters } from 'node:util';

const BOX = /[─│┌┐└┘├┤┬┴┼]/;
/** Two spaces between words: a row of aligned columns, not prose. */
const ALIGNED = /\S {2,}\S/;
const MARK = /^(\s*)((?:\d+\.|[!*•—–-]|[A-Za-z]\)|#\d+)\s+)?/;

const visible = (s: string) => [...stripVTControlCharacters(s)].length;
const longestWord = (s: string) => Math.max(0, ...s.split(/[\s]+/).map(visible));

/**
 * Column widths (each including `pad`) for rows of cells (the heading first) within `total`
 * characters, `gaps` being what the borders or gaps between columns take. Columns that want the
 * least extra room get all of it first, so as few columns as possible wrap.
 */
export function fitWidths(rows: string[][], total: number, gaps: number, pad = 0): number[] {
  const count = Math.max(...rows.map((r) => r.length));
  const cells = (c: number) => rows.map((r) => r[c] ?? '');
  const natural = Array.from({ length: count }, (_, c) => Math.max(...cells(c).flatMap((x) => x.split('\n').map(visible))) + pad);
  const least = Array.from({ length: count }, (_, c) => Math.max(...cells(c).map(longestWord)) + pad);
  const room = total - gaps;
  if (natural.reduce((a, b) => a + b, 0) <= room) return natural;
  const widths = [...least];
  let left = room - least.reduce((a, b) => a + b, 0);
  const order = widths.map((_, c) => c).sort((a, b) => natural[a]! - least[a]! - (natural[b]! - least[b]!));
  for (const c of order) {
    if (left <= 0) break;
    const give = Math.min(left, natural[c]! - least[c]!);
    widths[c]! += give;
    left -= give;
  }
  return widths;
}

/** A cell's words over lines of at most `w` characters (a longer word keeps its own line). */
function wrapCell(text: string, w: number): string[] {
  const out: string[] = [];
  for (const part of text.split('\n')) {
    let line = '';
    for (const word of part.split(' ').filter(Boolean)) {
      if (line && visible(line) + 1 + visible(word) > w) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  return out;
}

/**
 * Plain aligned columns (text left, numbers right where `right`), two spaces apart, a rule under
 * the heading; with `total`, cells wrap at spaces to fit it (a row then takes several lines).
 */
export function alignedColumns(head: string[], rows: string[][], right: boolean[], total: number | null = null): string[] {
  const all = [head, ...rows];
  // Two spaces between columns; one when even the longest words do not fit with two.
  const room = total ?? Number.MAX_SAFE_INTEGER;
  const gap = fitWidths(all, 0, 0).reduce((a, b) => a + b, 0) + 2 * (head.length - 1) > room ? 1 : 2;
  const widths = fitWidths(all, room, gap * (head.length - 1));
  const line = (r: string[]) => {
    const wrapped = r.map((cell, c) => wrapCell(cell ?? '', widths[c]!));
    const height = Math.max(...wrapped.map((w) => w.length));
    return Array.from({ length: height }, (_, k) => wrapped.map((cellLines, c) => {
      const text = cellLines[k] ?? '';
      const padding = ' '.repeat(Math.max(0, widths[c]! - visible(text)));
      return right[c] ? padding + text : text + padding;
    }).join(' '.repeat(gap)).trimEnd());
  };
  return [...line(head), widths.map((w) => '─'.repeat(w)).join(' '.repeat(gap)), ...rows.flatMap(line)];
}

/** Words of one line over as many lines as `columns` needs, each continuation under the text. */
function wrapLine(line: string, columns: number): string[] {
  const [lead] = MARK.exec(stripVTControlCharacters(line))!;
  const hang = ' '.repeat(lead.length);
  const head = line.slice(0, line.length - line.trimStart().length);
  const words = line.trimStart().split(' ').filter(Boolean);
  const out: string[] = [];
  let current = head;
  for (const word of words) {
    const start = current.trim() === '' && current.length <= head.length;
    if (!start && visible(current) + 1 + visible(word) > columns) {
      out.push(current);
      current = hang + word;
    } else current = start ? current + word : `${current} ${word}`;
  }
  out.push(current);
  return out;
}

/** The text with its long prose lines wrapped to `columns` (tables and SQL untouched). */
export function fitProse(text: string, columns: number): string {
  const out: string[] = [];
  let sql = false;
  for (const line of text.split('\n')) {
    const plain = stripVTControlCharacters(line);
    if (/^SQL\b/.test(plain)) sql = true;
    else if (plain.startsWith('! ')) sql = false;
    if (sql || visible(line) <= columns || BOX.test(plain) || ALIGNED.test(plain.trim())) out.push(line);
    else out.push(...wrapLine(line, columns));
  }
  return out.join('\n');
}

/**
 * cli-table3 column widths for a box table within `total` columns (its borders are one character
 * between and around the columns, its cells padded by one space each side).
 */
export function boxWidths(head: string[], rows: string[][], total: number): number[] {
  return fitWidths([head, ...rows], total, head.length + 1, 2);
}

/**
 * cli-table3 options that fit a box table (head, rows) within `total` columns: fitted widths and
 * wrapping, and when even the longest words do not fit with a space each side, one space only on
 * the right of each cell.
 */
export function boxFit(head: string[], rows: string[][], total: number) {
  const borders = head.length + 1;
  // With no room at all, fitWidths gives every column its longest word.
  const least = (pad: number) => fitWidths([head, ...rows], 0, 0, pad).reduce((x, y) => x + y, 0);
  const style = (pad: number) => ({ head: [] as string[], border: [] as string[], 'padding-left': pad - 1, 'padding-right': 1 });
  if (least(2) + borders <= total) return { colWidths: fitWidths([head, ...rows], total, borders, 2), wordWrap: true, style: style(2) };
  if (least(1) + borders <= total) return { colWidths: fitWidths([head, ...rows], total, borders, 1), wordWrap: true, style: style(1) };
  // Still too wide (long Dutch headings): no vertical lines, columns a space apart, a rule under the heading.
  return { colWidths: fitWidths([head, ...rows], total, 0, 1), wordWrap: true, style: style(1), chars: OPEN };
}

/** cli-table3 borders of an open table: no lines but the rule under the heading. */
const OPEN = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '',
};
