// `-o FILE` without --format: the file's extension names the format (`-o report.json` writes
// JSON); an explicit --format still wins, and an extension the command cannot write is a usage error.
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runJourney, tempDir } from './helpers/run.js';

describe('-o FILE picks the format from its extension', () => {
  it('writes JSON to report.json, HTML to map.html, Markdown to .md and the table to .txt', async () => {
    const dir = tempDir();
    const run = (args: string[]) => runJourney([...args, '-q'], { cwd: dir });
    const results = await Promise.all([
      run(['report', '--demo', '-o', 'report.json']),
      run(['report', '--demo', '-o', 'map.html']),
      run(['report', '--demo', '-o', 'report.md']),
      run(['report', '--demo', '-o', 'report.txt']),
    ]);
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { schema: string }).schema).toBe('journey-report/1');
    expect(readFileSync(join(dir, 'map.html'), 'utf8')).toMatch(/^<!doctype html>/);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toMatch(/^# Customer journey report/);
    expect(readFileSync(join(dir, 'report.txt'), 'utf8')).toMatch(/^Period: /);
  });

  it('keeps an explicit --format, and refuses an extension the command does not write (exit 2, nothing written)', async () => {
    const dir = tempDir();
    const explicit = await runJourney(['report', '--demo', '--format', 'md', '-o', 'out.json', '-q'], { cwd: dir });
    expect(explicit.code).toBe(0);
    expect(readFileSync(join(dir, 'out.json'), 'utf8')).toMatch(/^# Customer journey report/);
    const bad = await runJourney(['validate', '--demo', '-o', 'v.csv'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--out v\.csv: this command does not write \.csv files \(it writes table, json\)/);
    expect(existsSync(join(dir, 'v.csv'))).toBe(false);
  });
});
