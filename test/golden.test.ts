// Golden outputs: every command on the bundled demo, byte for byte, with the clock frozen
// (helpers/run.ts NOW) and a committed test pseudonymisation key. A change shows as a diff and
// leaves `<name>-changed` beside the golden; `npm run test:update-goldens` rewrites them all
// when the change is intended (scripts/update-goldens.mjs).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { copyFileSync, chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runJourney, tempDir, type RunResult } from './helpers/run.js';

const GOLDEN = join(ROOT, 'test', 'golden');
const UPDATE = process.env.JOURNEY_UPDATE_GOLDENS === '1';
const PERIODS = ['--before', '2025-01-01..2025-03-31', '--after', '2025-04-01..2025-06-30'];
/** The terminal every case runs in: the goldens are what an 80-column terminal shows. */
const WIDTH = 80;

// Name (the stdout golden; stderr, when there is any, goes to `<name>.stderr`) and arguments.
// Run from the repository root so the demo's paths print relative, and at COLUMNS=80 so tables
// wrap the same on every machine; init prints (--out -) so nothing is written there.
const CASES: [string, string[]][] = [
  ['help.txt', ['--help']],
  ['report.txt', ['report', '--demo']],
  ['report-detail.txt', ['report', '--demo', '--detail']],
  ['report.json', ['report', '--demo', '--format', 'json']],
  ['report.csv', ['report', '--demo', '--format', 'csv']],
  ['report.md', ['report', '--demo', '--format', 'md']],
  ['report-by-month.txt', ['report', '--demo', '--by', 'month']],
  ['report-segment-channel.txt', ['report', '--demo', '--segment', 'channel']],
  ['friction.txt', ['friction', '--demo']],
  ['friction.json', ['friction', '--demo', '--format', 'json']],
  ['friction-explain.txt', ['friction', '--demo', '--explain']],
  ['compare-periods.txt', ['compare', '--demo', ...PERIODS]],
  ['compare-by-channel.txt', ['compare', '--demo', '--by', 'channel']],
  ['drivers.txt', ['drivers', '--demo']],
  ['integrity-by-agent.txt', ['integrity', '--demo', '--by', 'agent']],
  ['themes.txt', ['themes', '--demo']],
  ['themes.json', ['themes', '--demo', '--format', 'json']],
  ['validate.txt', ['validate', '--demo']],
  ['validate.json', ['validate', '--demo', '--format', 'json']],
  ['funnel.txt', ['funnel', '--demo']],
  ['paths.txt', ['paths', '--demo', '--from', 'delivery']],
  ['after-delivery.txt', ['after', '--demo', '--touchpoint', 'delivery', '--kind', 'ticket']],
  ['kpis.txt', ['kpis']],
  ['sql.sql', ['sql', '--demo']],
  ['init.yaml', ['init', 'fixtures/demo', '--out', '-']],
];

// Long doubles in JSON and CSV (correlations, p-values, intervals) differ in the last bits from
// run to run: DuckDB's parallel aggregates (avg, corr) add in varying order. They are compared
// to 12 significant digits; everything else byte for byte.
const LONG_DOUBLE = /-?\d+\.\d{10,}(?:e[-+]?\d+)?/gi;
const roundDoubles = (text: string) => text.replace(LONG_DOUBLE, (x) => String(Number(Number(x).toPrecision(12))));

/** Only what differs between machines or runs: the checkout, the temp config home, double noise. */
function normalise(file: string, text: string, xdg: string): string {
  const out = text.replaceAll(xdg, '<XDG_CONFIG_HOME>').replaceAll(ROOT, '<ROOT>');
  return /\.(json|csv)$/.test(file) ? roundDoubles(out) : out;
}

const results = new Map<string, RunResult>();
let xdg: string;

beforeAll(async () => {
  // The committed key, copied where keys.ts looks for it: git does not keep mode 0600.
  xdg = tempDir('journey-golden-xdg-');
  mkdirSync(join(xdg, 'journey'), { mode: 0o700 });
  copyFileSync(join(GOLDEN, 'test-key'), join(xdg, 'journey', 'key'));
  chmodSync(join(xdg, 'journey', 'key'), 0o600);
  // Two at a time: DuckDB works on its own threads, so this keeps both cores busy.
  const queue = [...CASES];
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      results.set(c[0], await runJourney(c[1], { cwd: ROOT, env: { XDG_CONFIG_HOME: xdg, COLUMNS: String(WIDTH) } }));
    }
  };
  await Promise.all([worker(), worker()]);
}, 300_000);

afterAll(() => {
  if (!UPDATE) return;
  // Goldens no case produces any more are dropped with the update.
  const wanted = new Set(CASES.flatMap(([name]) => [name, `${name}.stderr`]));
  for (const f of readdirSync(GOLDEN)) {
    if (f !== 'test-key' && f !== '.gitignore' && !wanted.has(f)) rmSync(join(GOLDEN, f));
  }
});

/** Compare with the golden (or write it, in update mode); a mismatch leaves `<file>-changed`. */
function check(file: string, actual: string): void {
  const path = join(GOLDEN, file);
  const changed = `${path}-changed`;
  rmSync(changed, { force: true });
  if (UPDATE) {
    if (actual === '' && file.endsWith('.stderr')) rmSync(path, { force: true });
    else writeFileSync(path, actual);
    return;
  }
  const expected = existsSync(path) ? readFileSync(path, 'utf8') : file.endsWith('.stderr') ? '' : null;
  if (expected === null) throw new Error(`no golden ${file}: run npm run test:update-goldens`);
  if (actual !== expected) writeFileSync(changed, actual);
  expect(actual, `${file} differs from the golden (new output in ${file}-changed)`).toBe(expected);
}

describe('golden outputs on the demo', () => {
  it.each(CASES.map(([name, args]) => [name, args.join(' ')]))('%s: journey %s', (name) => {
    const r = results.get(name)!;
    expect(r.code, r.stderr).toBe(0);
    check(name, normalise(name, r.stdout, xdg));
    check(`${name}.stderr`, normalise(`${name}.stderr`, r.stderr, xdg));
  });
});

/** Lines wider than the terminal, but for SQL (from an `SQL` heading to the warnings) and --help. */
function tooWide(text: string): string[] {
  let sql = false;
  return text.split('\n').filter((line) => {
    if (/^SQL\b/.test(line)) sql = true;
    else if (line.startsWith('! ')) sql = false;
    return !sql && [...line].length > WIDTH;
  });
}

describe('an 80-column terminal', () => {
  it('every table output on the demo fits: no line wider than 80 (SQL excepted)', () => {
    const tables = CASES.filter(([name]) => name.endsWith('.txt') && name !== 'help.txt');
    expect(tables.length).toBeGreaterThan(10);
    for (const [name] of tables) expect(tooWide(results.get(name)!.stdout), name).toEqual([]);
  });
});
