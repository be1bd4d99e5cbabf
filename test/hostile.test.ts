// Hostile data, hostile configs and faults (issue 10, docs/security.md): one matrix per class.
// Each row is a case a user or an attacker could produce and what journey must do about it; add a
// row to extend a class. Runs are in-process (runJourney) with a real DuckDB; file-system faults
// are injected into output writes only (Io.fs), never into DuckDB.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import * as nodeFs from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { OutputFs } from '../src/cli/output.js';
import { encodeCell } from '../src/render/csv.js';
import { runJourney, tempDir } from './helpers/run.js';

const TICKETS = [
  'ticket_id,created_at,solved_at,status,channel,touchpoint,replies',
  'T1,2025-01-01 10:00:00,2025-01-01 12:00:00,solved,email,delivery,1',
  'T2,2025-01-02 10:00:00,,open,chat,payment,3',
  'T3,2025-01-03 10:00:00,2025-01-04 10:00:00,solved,email,delivery,2',
].join('\n') + '\n';

function workspace(config: unknown = {}, tickets = TICKETS): string {
  const cwd = tempDir();
  writeFileSync(join(cwd, 'tickets.csv'), tickets);
  writeFileSync(join(cwd, 'journey.yaml'), stringify(config));
  return cwd;
}

const OLD_REPORT = 'the report of last week\n';
const real = nodeFs as unknown as OutputFs;

/** Files in a folder other than the ones a case started with: temp files left behind show here. */
const leftovers = (dir: string, keep: string[]) => readdirSync(dir).filter((f) => !keep.includes(f)).sort();

describe('output under faults', { timeout: 60_000 }, () => {
  const faults: [string, () => { fs: Partial<OutputFs>; victim?: string }, number][] = [
    ['the disk fills after 4096 bytes (ENOSPC)', () => {
      let written = 0;
      return {
        fs: {
          writeSync: (fd, buffer, offset, length) => {
            if (written >= 4096) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
            const n = real.writeSync(fd, buffer, offset, Math.min(length, 4096 - written));
            written += n;
            return n;
          },
        },
      };
    }, 73],
    ['write() returns 0 bytes without an error', () => ({ fs: { writeSync: () => 0 } }), 73],
    ['fsync fails (EIO)', () => ({ fs: { fsyncSync: () => { throw Object.assign(new Error('EIO'), { code: 'EIO' }); } } }), 73],
    ['rename fails (EACCES)', () => ({ fs: { renameSync: () => { throw Object.assign(new Error('EACCES'), { code: 'EACCES' }); } } }), 73],
    ['a symlink to a victim file is planted at the temp name just before it is opened', () => {
      const victimDir = tempDir();
      const victim = join(victimDir, 'victim.txt');
      writeFileSync(victim, 'precious\n');
      let planted = false;
      return {
        victim,
        fs: {
          openSync: (path, flags, mode) => {
            if (!planted) {
              planted = true;
              symlinkSync(victim, path);
            }
            return real.openSync(path, flags, mode);
          },
        },
      };
    }, 0],
  ];

  it.each(faults)('%s: exit %i, the old report intact or replaced whole, no temp file left', async (_, make, code) => {
    const cwd = workspace();
    writeFileSync(join(cwd, 'report.json'), OLD_REPORT);
    const { fs, victim } = make();
    const r = await runJourney(['report', 'tickets.csv', '--format', 'json', '--out', 'report.json'], { cwd, fs });
    expect(r.code, r.stderr).toBe(code);
    const now = readFileSync(join(cwd, 'report.json'), 'utf8');
    if (code === 0) {
      expect(JSON.parse(now).kpis.length).toBeGreaterThan(0);
      expect(r.stderr).toContain('wrote');
    } else {
      expect(now).toBe(OLD_REPORT);
      expect(r.stderr).toMatch(/cannot write .*report\.json/);
      expect(r.stderr).not.toMatch(/wrote|unexpected error|at .*\.ts:\d+/);
    }
    if (victim) expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    // A planted symlink is the attacker's; anything else left over is ours.
    const left = leftovers(cwd, ['journey.yaml', 'tickets.csv', 'report.json']);
    expect(left.filter((f) => !nodeFs.lstatSync(join(cwd, f)).isSymbolicLink())).toEqual([]);
  });

  it('temp names are random and opened with O_EXCL | O_NOFOLLOW', async () => {
    const opened: { path: string; flags: number }[] = [];
    const fs: Partial<OutputFs> = { openSync: (path, flags, mode) => { opened.push({ path, flags }); return real.openSync(path, flags, mode); } };
    const cwd = workspace();
    for (let i = 0; i < 2; i++) expect((await runJourney(['report', 'tickets.csv', '-f', 'json', '-o', 'r.json'], { cwd, fs })).code).toBe(0);
    expect(opened).toHaveLength(2);
    expect(opened[0].path).not.toBe(opened[1].path);
    for (const o of opened) {
      expect(o.path).toMatch(/\.r\.json\.[0-9a-f]{16}\.tmp$/);
      expect(o.flags & nodeFs.constants.O_EXCL).toBeTruthy();
      expect(o.flags & nodeFs.constants.O_NOFOLLOW).toBeTruthy();
    }
  });

  it.each([
    ['below a plain file', 'plain.txt/report.csv'],
    ['in a folder that does not exist', 'missing/report.csv'],
    ['as a folder that is a plain file', 'plain.txt/'],
  ])('--out %s: exit 73 naming the path', async (_, out) => {
    const cwd = workspace();
    writeFileSync(join(cwd, 'plain.txt'), 'x');
    const r = await runJourney(['report', 'tickets.csv', '--format', 'csv', '--out', out], { cwd });
    expect(r.code, r.stderr).toBe(73);
    expect(r.stderr).toContain(out.split('/')[0]);
    expect(readFileSync(join(cwd, 'plain.txt'), 'utf8')).toBe('x');
  });
});

describe('CSV cells cannot start a formula in either spreadsheet dialect', () => {
  // [text, what the CSV cell must be]
  const cells: [string, string][] = [
    ['x;=1+1', '"x;=1+1"'],
    ['x,=1+1', '"x,=1+1"'],
    ['a;b', '"a;b"'],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+31', `"'+31"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\t=1', `"'\t=1"`],
    ['tab\tinside', '"tab\tinside"'],
    ['plain text', 'plain text'],
  ];
  it.each(cells)('%j is written as %s', (text, cell) => {
    expect(encodeCell({ text })).toBe(cell);
  });

  it('a data value with ";=" reaches a CSV report quoted, as one cell', async () => {
    const tickets = TICKETS.replace('chat,payment', 'x;=1+1,payment');
    const cwd = workspace({ min_cell: 1, segments: [{ id: 'ch', expr: 'channel' }] }, tickets);
    const r = await runJourney(['report', 'tickets.csv', '--segment', 'ch', '--format', 'csv'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^"x;=1\+1",/m);
    expect(r.stdout).not.toMatch(/(^|,)x;=1\+1/m);
  });
});

describe('journey sql names the files it read', { timeout: 60_000 }, () => {
  it('--out FILE is written, and a pre-pass copy is replaced by the original path with a note', async () => {
    const cwd = tempDir();
    // Windows-1252 with a euro sign and ';': read through the pre-pass's UTF-8 copy.
    writeFileSync(join(cwd, 'tickets.csv'), Buffer.from('ticket_id;created_at;status;channel\nT1;2025-01-01 10:00:00;solved;caf\xe9 \x80\nT2;2025-01-02 10:00:00;open;chat\n', 'latin1'));
    const r = await runJourney(['sql', 'ticket=tickets.csv', '--out', 'script.sql'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const script = readFileSync(join(cwd, 'script.sql'), 'utf8');
    expect(script).toContain(`read_csv('${join(cwd, 'tickets.csv')}'`);
    expect(script).not.toMatch(/journey-[A-Za-z0-9]+\/input_/);
    expect(script).toMatch(/tickets\.csv: journey read a normalised copy of this file \(converted from windows-1252 to UTF-8/);
  });
});
