#!/usr/bin/env node
// Benchmark runner (DESIGN §11): the hand-written DuckDB baseline against `journey report` on the
// same files, plus the startup budgets, plus a cross-check of journey's KPI values at scale.
//
//   node bench/run.mjs --dir bench/data/1m [--format csv|parquet] [--runs 1] [--record]
//                      [--only handwritten|journey] [--timeout 1800] [--journey path/to/journey.js]
//
// Each measured command is a separate process under `/usr/bin/time -v` (peak RSS = "Maximum
// resident set size"); without GNU time, /proc/<pid>/status VmHWM is sampled every 50 ms.
// Runs alternate the order (baseline first on runs 1, 3, ..., journey first on runs 2, 4, ...) so
// neither side always gets the warmer machine. Prints a Markdown report; --record appends it to
// bench/RESULTS.md. Exit code 0 when everything ran and matched, 1 otherwise.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, appendFileSync, createReadStream, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const { values: opts } = parseArgs({
  options: {
    dir: { type: 'string' }, format: { type: 'string' }, runs: { type: 'string' }, timeout: { type: 'string' },
    only: { type: 'string' }, journey: { type: 'string' }, record: { type: 'boolean' },
  },
});
const FORMAT = opts.format ?? 'csv';
const RUNS = Number(opts.runs ?? 1);
const TIMEOUT_S = Number(opts.timeout ?? 1800);
if (!opts.dir || !['csv', 'parquet'].includes(FORMAT) || !(RUNS >= 1) || (opts.only && !['handwritten', 'journey'].includes(opts.only))) {
  process.stderr.write(
    'usage: node bench/run.mjs --dir DIR [--format csv|parquet] [--runs N] [--record]\n' +
      '                         [--only handwritten|journey] [--timeout S] [--journey path/to/journey.js]\n',
  );
  process.exit(2);
}
const DATA = dataDir(opts.dir, FORMAT);
const GNU_TIME = !process.env.BENCH_NO_GNU_TIME && hasGnuTime();
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const OUT = join(here, 'out', `run-${stamp}`);
mkdirSync(OUT, { recursive: true });
const shownFailures = new Set(); // print each distinct failure's stderr once
const JOURNEY = resolve(opts.journey ?? join(root, 'bin', 'journey.js'));

log(`data: ${DATA} (${FORMAT}); runs: ${RUNS}; memory via ${GNU_TIME ? '/usr/bin/time -v' : '/proc VmHWM sampling'}`);
log(`warming the page cache (both sides then read the files from memory) ...`);
await warm(DATA);

// ---------------------------------------------------------------------------------------------
const results = { handwritten: [], journey: [] };
let handwrittenJson = null;
let journeyJson = null;
for (let r = 0; r < RUNS; r++) {
  const order = r % 2 === 0 ? ['handwritten', 'journey'] : ['journey', 'handwritten'];
  for (const side of order) {
    if (opts.only && opts.only !== side) continue;
    if (side === 'handwritten') {
      const m = await measure([join(here, 'handwritten.mjs'), DATA, '--format', FORMAT]);
      results.handwritten.push(m);
      log(`run ${r + 1} handwritten: ${fmtRun(m)}`);
      if (m.code === 0) {
        handwrittenJson ??= tryJson(m.stdout, 'handwritten stdout');
        writeFileSync(join(OUT, `handwritten-run${r + 1}.json`), m.stdout);
      } else showFailure('handwritten', m);
    } else {
      const outFile = join(OUT, `journey-run${r + 1}.json`);
      const m = await measure([JOURNEY, 'report', DATA, '--format', 'json', '--out', outFile]);
      results.journey.push(m);
      log(`run ${r + 1} journey:     ${fmtRun(m)}`);
      if (m.code === 0 && existsSync(outFile)) journeyJson ??= tryJson(readFileSync(outFile, 'utf8'), outFile);
      else showFailure('journey', m);
    }
  }
}

// Startup budgets: min of 3 runs each.
const startup = [];
if (opts.only !== 'handwritten') {
  for (const [label, args, budget] of [
    ['journey --help', [JOURNEY, '--help'], 0.3],
    ['journey report --demo --format json', [JOURNEY, 'report', '--demo', '--format', 'json'], 2],
  ]) {
    const ms = [];
    for (let i = 0; i < 3; i++) ms.push(await measure(args));
    const ok = ms.filter((m) => m.code === 0);
    const best = ok.length ? ok.reduce((a, b) => (a.wall <= b.wall ? a : b)) : null;
    startup.push({ label, budget, best, failed: ms.find((m) => m.code !== 0) });
    log(`${label}: ${best ? fmtRun(best) : 'FAILED'}`);
    if (!best) showFailure(label, ms[0]);
  }
}

// ---------------------------------------------------------------------------------------------
const report = [];
const hw = summarise(results.handwritten);
const jr = summarise(results.journey);
const manifest = readManifest(DATA);
report.push(`### ${new Date().toISOString().slice(0, 10)} — ${relative(root, DATA) || DATA} (${FORMAT}), ${RUNS} run(s)`);
report.push('');
report.push(machineInfo(handwrittenJson?.duckdb));
if (manifest) {
  report.push(
    `Data: ${Object.entries(manifest.files).map(([k, v]) => `${k} ${v.rows.toLocaleString('en')}`).join(', ')} rows (seed ${manifest.seed}).`,
  );
}
report.push('');
report.push('| command | wall s (min) | wall s (median) | peak RSS MB (max) | status |');
report.push('|---|---:|---:|---:|---|');
report.push(row('handwritten SQL (bench/handwritten.mjs)', hw));
report.push(row('journey report --format json', jr));
if (hw.ok && jr.ok) {
  const ratio = jr.min / hw.min;
  report.push(
    `| **ratio journey / handwritten** | **${ratio.toFixed(2)}x** | ${(jr.median / hw.median).toFixed(2)}x | ${(jr.rss / hw.rss).toFixed(2)}x | ${ratio <= 1.5 ? 'within' : 'OVER'} 1.5x budget; journey ${jr.rss < 4096 ? 'under' : 'OVER'} 4 GB |`,
  );
}
for (const s of startup) {
  report.push(
    `| ${s.label} (min of 3) | ${s.best ? s.best.wall.toFixed(3) : '-'} | - | ${s.best ? s.best.rssMb.toFixed(0) : '-'} | ${s.best ? (s.best.wall <= s.budget ? 'within' : 'OVER') + ` ${s.budget} s budget` : 'FAILED'} |`,
  );
}
if (handwrittenJson?.seconds) {
  report.push('');
  report.push(
    `Handwritten split (first run, in-process): load ${handwrittenJson.seconds.load} s, KPI queries ${handwrittenJson.seconds.kpis} s.`,
  );
}

const check = crossCheck(handwrittenJson, journeyJson);
report.push('');
report.push(...check.lines);
const text = report.join('\n') + '\n';
process.stdout.write('\n' + text);
if (opts.record) {
  const file = join(here, 'RESULTS.md');
  if (!existsSync(file)) appendFileSync(file, '# Benchmark results\n\nAppended by `node bench/run.mjs --record`; newest last.\n');
  appendFileSync(file, '\n' + text);
  log(`appended to ${relative(root, file)}`);
}
log(`journey outputs and logs: ${relative(root, OUT)}`);
const failed =
  ((!opts.only || opts.only === 'handwritten') && !hw.ok) || ((!opts.only || opts.only === 'journey') && !jr.ok);
process.exit(failed || check.mismatches > 0 || startup.some((s) => !s.best) ? 1 : 0);

// ---------------------------------------------------------------------------------------------
/** Run `node ...args`, return wall seconds, peak RSS MB, exit code, stdout, stderr. */
function measure(args) {
  return new Promise((resolvePromise) => {
    const statsFile = join(OUT, `time-${process.hrtime.bigint()}.txt`);
    const [cmd, cmdArgs] = GNU_TIME
      ? ['/usr/bin/time', ['-v', '-o', statsFile, process.execPath, ...args]]
      : [process.execPath, args];
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, cmdArgs, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    let hwmKb = 0;
    const sampler = GNU_TIME
      ? null
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) hwmKb = Math.max(hwmKb, Number(m[1]));
          } catch {
            /* exited between samples */
          }
        }, 50);
    const killer = setTimeout(() => {
      err.push(Buffer.from(`\n[bench] killed after ${TIMEOUT_S} s timeout\n`));
      child.kill('SIGKILL');
    }, TIMEOUT_S * 1000);
    child.on('close', (code, signal) => {
      const wallHr = Number(process.hrtime.bigint() - t0) / 1e9;
      clearTimeout(killer);
      if (sampler) clearInterval(sampler);
      let wall = wallHr;
      let rssKb = hwmKb;
      if (GNU_TIME && existsSync(statsFile)) {
        const stats = readFileSync(statsFile, 'utf8');
        const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stats);
        const el = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)/.exec(stats);
        const st = /Exit status: (\d+)/.exec(stats);
        if (rss) rssKb = Number(rss[1]);
        if (el) wall = el[1].split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
        if (st && code === 0) code = Number(st[1]);
        // GNU time prints "Command exited with non-zero status N" and its own errors here too
        const timeErr = stats.split('\n').filter((l) => /^Command (exited|terminated)/.test(l));
        if (timeErr.length) err.push(Buffer.from(timeErr.join('\n') + '\n'));
      }
      resolvePromise({
        args,
        code: code ?? (signal ? 128 : 1),
        wall: Math.max(wall, 0) || wallHr,
        rssMb: rssKb / 1024,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

function summarise(runs) {
  const ok = runs.filter((m) => m.code === 0);
  if (!runs.length) return { ok: false, skipped: true };
  if (!ok.length) return { ok: false, code: runs[0].code };
  const walls = ok.map((m) => m.wall).sort((a, b) => a - b);
  return {
    ok: ok.length === runs.length,
    min: walls[0],
    median: walls.length % 2 ? walls[(walls.length - 1) / 2] : (walls[walls.length / 2 - 1] + walls[walls.length / 2]) / 2,
    rss: Math.max(...ok.map((m) => m.rssMb)),
    failures: runs.length - ok.length,
  };
}

function row(label, s) {
  if (s.skipped) return `| ${label} | - | - | - | skipped |`;
  if (s.min === undefined) return `| ${label} | - | - | - | FAILED (exit ${s.code}) |`;
  const status = s.failures ? `${s.failures} run(s) failed` : 'ok';
  return `| ${label} | ${s.min.toFixed(2)} | ${s.median.toFixed(2)} | ${s.rss.toFixed(0)} | ${status} |`;
}

/** Handwritten KPI values next to journey's whole-journey `kpis`; flag relative difference > 1e-6. */
function crossCheck(hwJson, jJson) {
  const lines = ['#### Cross-check: handwritten SQL vs journey `kpis` (relative tolerance 1e-6)', ''];
  if (!hwJson) {
    lines.push('Not possible: no handwritten result.');
    return { lines, mismatches: 0 };
  }
  const expectJourney = opts.only !== 'handwritten';
  if (!jJson) lines.push(expectJourney ? '**No journey JSON** (see its stderr above); handwritten values only.' : 'journey skipped (--only handwritten); handwritten values only.', '');
  const jk = new Map((Array.isArray(jJson?.kpis) ? jJson.kpis : []).map((k) => [k.id, k]));
  let mismatches = 0;
  lines.push('| kpi | handwritten | journey | rel. diff | n (hw / journey) | check |');
  lines.push('|---|---:|---:|---:|---:|---|');
  for (const h of hwJson.kpis) {
    const j = jk.get(h.id);
    jk.delete(h.id);
    let verdict;
    let rel = null;
    if (!jJson) verdict = expectJourney ? 'no journey result' : '-';
    else if (!j) verdict = 'MISSING in journey';
    else if (h.value === null || j.value === null || j.value === undefined) {
      verdict = h.value === null && (j.value === null || j.value === undefined) ? 'ok (both null)' : 'MISMATCH (null)';
    } else {
      rel = Math.abs(h.value - j.value) / Math.max(Math.abs(h.value), Math.abs(j.value), 1e-300);
      if (h.value === j.value) rel = 0;
      verdict = rel <= 1e-6 ? 'ok' : 'MISMATCH';
    }
    if (jJson && !verdict.startsWith('ok')) mismatches++;
    const nNote = j && j.n !== undefined && Number(j.n) !== h.n ? ' (n differs)' : '';
    lines.push(
      `| ${h.id} | ${num(h.value)} | ${j ? num(j.value) : '-'} | ${rel === null ? '-' : rel.toExponential(1)} | ${h.n} / ${j?.n ?? '-'} | ${verdict}${nNote} |`,
    );
  }
  for (const [id, j] of jk) lines.push(`| ${id} | - | ${num(j.value)} | - | - / ${j.n ?? '-'} | journey only |`);
  lines.push('');
  if (jJson) lines.push(mismatches ? `**${mismatches} KPI(s) differ.**` : 'All KPIs agree.');
  return { lines, mismatches };
}

function showFailure(label, m) {
  const tail = (m.stderr || '').trim().split('\n').slice(-25).join('\n');
  if (shownFailures.has(tail)) {
    log(`--- ${label} failed (exit ${m.code}) with the same stderr as above`);
    return;
  }
  shownFailures.add(tail);
  log(`--- ${label} failed (exit ${m.code}); stderr (last 25 lines):\n${tail || '(empty)'}\n---`);
  if (label.startsWith('journey') && /Cannot find module .*dist/.test(m.stderr)) log('hint: build the CLI first: npm run build');
}

function machineInfo(duckdbVersion) {
  const cpuModel = (/model name\s*:\s*(.+)/.exec(safeRead('/proc/cpuinfo')) ?? [])[1] ?? cpus()[0]?.model ?? '?';
  const memKb = Number((/MemTotal:\s+(\d+)/.exec(safeRead('/proc/meminfo')) ?? [])[1] ?? totalmem() / 1024);
  let nproc = String(cpus().length);
  try {
    nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    /* keep os.cpus() */
  }
  return `Machine: ${nproc} CPUs (nproc), ${(memKb / 1048576).toFixed(1)} GiB RAM, ${cpuModel.trim()}; node ${process.version}; DuckDB ${duckdbVersion ?? duckdbPackageVersion()}.`;
}

function duckdbPackageVersion() {
  try {
    return 'node-api ' + JSON.parse(readFileSync(join(root, 'node_modules/@duckdb/node-api/package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

async function warm(dir) {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (!statSync(p).isFile()) continue;
    await new Promise((res, rej) => createReadStream(p, { highWaterMark: 1 << 22 }).on('data', () => {}).on('end', res).on('error', rej));
  }
}

function dataDir(arg, fmt) {
  const d = resolve(arg);
  if (existsSync(join(d, `surveys.${fmt}`))) return d;
  if (existsSync(join(d, fmt, `surveys.${fmt}`))) return join(d, fmt);
  process.stderr.write(`no surveys.${fmt} in ${d} or ${join(d, fmt)}; generate it with bench/generate.mjs${fmt === 'parquet' ? ' --parquet' : ''}\n`);
  process.exit(66);
}

function readManifest(dir) {
  for (const p of [join(dir, 'manifest.json'), join(dir, '..', 'manifest.json')]) {
    if (existsSync(p)) return tryJson(readFileSync(p, 'utf8'), p);
  }
  return null;
}

function hasGnuTime() {
  try {
    execFileSync('/usr/bin/time', ['-v', 'true'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

function tryJson(text, what) {
  try {
    return JSON.parse(text);
  } catch (e) {
    log(`cannot parse JSON from ${what}: ${e.message}`);
    return null;
  }
}

function fmtRun(m) {
  return `${m.code === 0 ? 'ok' : `exit ${m.code}`}, ${m.wall.toFixed(2)} s, ${m.rssMb.toFixed(0)} MB`;
}

function num(v) {
  if (v === null || v === undefined) return 'null';
  return Number.isInteger(v) ? String(v) : Number(v).toPrecision(10);
}

function safeRead(p) {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return '';
  }
}


function log(msg) {
  process.stderr.write(msg + '\n');
}
