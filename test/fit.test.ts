// Fitting table output to the terminal (src/render/fit.ts): columns narrow by wrapping at spaces,
// never below their longest word, so no number is split; prose wraps under its text; table rows
// and SQL stay as they are.
import { describe, it, expect } from 'vitest';
import { alignedColumns, fitProse, fitWidths } from '../src/render/fit.js';

const rows = [['KPI', 'Value', '95% CI'], ['Customer Effort Score (mean, 1-7)', '4.78', '[4.68, 4.88]'], ['Revenue', '1,264,890.65', '']];

describe('fit', () => {
  it('keeps natural widths when they fit and narrows the widest wants first otherwise, never below a word', () => {
    expect(fitWidths(rows, 200, 4)).toEqual([33, 12, 12]);
    const narrow = fitWidths(rows, 40, 4);
    expect(narrow.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(36);
    expect(narrow[1]).toBe(12); // the number column keeps its widest cell
    expect(fitWidths(rows, 10, 4)).toEqual([8, 12, 6]); // no room: each column its longest word
  });

  it('draws aligned columns within the width, a number whole on its line', () => {
    const lines = alignedColumns(rows[0]!, rows.slice(1), [false, true, true], 40);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(40);
    expect(lines.some((l) => l.includes('1,264,890.65'))).toBe(true);
    expect(lines.join('\n')).toContain('[4.68,');
  });

  it('wraps prose under its text and leaves tables and SQL alone', () => {
    const sql = `SQL\n${'SELECT a, b, c FROM t WHERE x = \'a long literal with spaces\' AND y > 1 '.repeat(2)}`;
    const text = `1. ${'word '.repeat(30).trim()}\n│ a │ ${'b '.repeat(50)}│\n${sql}`;
    const out = fitProse(text, 40).split('\n');
    expect(out[0]!.startsWith('1. word')).toBe(true);
    expect(out[1]!.startsWith('   word')).toBe(true);
    expect(out.filter((l) => l.startsWith('1. ') || l.startsWith('   word')).every((l) => l.length <= 40)).toBe(true);
    expect(out).toContain(`│ a │ ${'b '.repeat(50)}│`);
    expect(out.at(-1)).toBe(sql.split('\n')[1]);
  });
});
