#!/usr/bin/env node
// Funnel and stitching benchmark (issue 14): on the benchmark data, `journey report` without and
// with identity stitching, and `journey funnel` for a five-step session funnel and a five-step
// person funnel (bench/funnel.yaml). The target: each funnel within the time of one report.
//
//   node bench/funnel.mjs --dir bench/data/1m [--runs 3] [--record] [--journey path/to/journey.js]
//
// Runs are interleaved (each round runs the four commands, the order rotating by one per round, so
// none always gets the warmer machine); the table shows the minimum and every run. Each command is
// a separate process; its wall time is measured here. The load average before and after is printed
// and recorded, since the machine may be shared. --record appends the table to bench/RESULTS.md.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const { values: opts } = parseArgs({
  options: { dir: { type: 'string' }, runs: { type: 'string' }, record: { type: 'boolean' }, journey: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
});
const RUNS = Number(opts.runs ?? 3);
if (opts.help || !opts.dir || !(RUNS >= 1)) {
  process.stderr.write('usage: node bench/funnel.mjs --dir bench/data/1m [--runs 3] [--record] [--journey path/to/journey.js]\n');
  process.exit(opts.help ? 0 : 2);
}
const DATA = join(resolve(opts.dir), 'csv');
if (!existsSync(DATA)) {
  process.stderr.write(`${DATA}: not found; make it with node bench/generate.mjs --web 1000000 --out ${opts.dir}\n`);
  process.exit(2);
}
const JOURNEY = resolve(opts.journey ?? join(root, 'bin', 'journey.js'));
const OUT = join(here, 'out', `funnel-${new Date().toISOString().replace(/[:.]/g, '-')}`);
mkdirSync(OUT, { recursive: true });

// The reports run without the funnels: (a report shows the config's funnels, and the target is a
// funnel within the time of a report without them), one with and one without the identity: section.
const WITH = join(here, 'funnel.yaml');
const text = readFileSync(WITH, 'utf8');
const section = (name) => new RegExp(`^${name}:\\n(?:(?: {2}.*)?\\n)+`, 'm');
const REPORT_ID = join(OUT, 'report-identity.yaml');
const REPORT_NO_ID = join(OUT, 'report-no-identity.yaml');
writeFileSync(REPORT_ID, text.replace(section('funnels'), ''));
writeFileSync(REPORT_NO_ID, text.replace(section('funnels'), '').replace(section('identity'), ''));

const COMMANDS = [
  { id: 'report', label: '`journey report`, no identity', args: ['report', DATA, '--config', REPORT_NO_ID, '-f', 'json'] },
  { id: 'report_identity', label: '`journey report`, identity stitched', args: ['report', DATA, '--config', REPORT_ID, '-f', 'json'] },
  { id: 'session_funnel', label: '`journey funnel`, 5-step session funnel (a session funnel alone does not stitch)', args: ['funnel', DATA, '--config', WITH, '--funnel', 'session_checkout', '-f', 'json'] },
  { id: 'person_funnel', label: '`journey funnel`, 5-step person funnel (stitched)', args: ['funnel', DATA, '--config', WITH, '--funnel', 'visit_to_promoter', '-f', 'json'] },
];

const load = [loadavg()];
log(`data: ${DATA}; runs: ${RUNS}; load average ${fmtLoad(load[0])}`);
const times = Object.fromEntries(COMMANDS.map((c) => [c.id, []]));
let failed = false;
for (let r = 0; r < RUNS; r++) {
  const order = COMMANDS.map((_, i) => COMMANDS[(i + r) % COMMANDS.length]);
  for (const c of order) {
    const m = await run(c.args);
    if (m.code !== 0) {
      failed = true;
      log(`run ${r + 1} ${c.id}: exit ${m.code}\n${m.stderr.slice(-2000)}`);
      continue;
    }
    times[c.id].push(m.seconds);
    writeFileSync(join(OUT, `${c.id}-run${r + 1}.json`), m.stdout);
    log(`run ${r + 1} ${c.id}: ${m.seconds.toFixed(2)} s`);
  }
}
load.push(loadavg());

const min = (xs) => (xs.length ? Math.min(...xs) : null);
const report = min(times.report_identity);
const lines = [
  `### ${new Date().toISOString().slice(0, 10)} — funnels and stitching (bench/funnel.mjs), ${relative(root, resolve(opts.dir))}`,
  '',
  `Machine: ${cpus().length} vCPU, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; load average (1/5/15 min) ${fmtLoad(load[0])} before, ${fmtLoad(load[1])} after; ${RUNS} interleaved run(s).`,
  '',
  '| command | min s | runs s | vs report with identity |',
  '|---|---:|---|---:|',
  ...COMMANDS.map((c) => {
    const m = min(times[c.id]);
    return `| ${c.label} | ${m === null ? 'failed' : m.toFixed(2)} | ${times[c.id].map((t) => t.toFixed(2)).join(' / ')} | ${m === null || !report ? '' : `${(m / report).toFixed(2)}x`} |`;
  }),
  '',
];
const funnelsOk = ['session_funnel', 'person_funnel'].every((id) => min(times[id]) !== null && report !== null && min(times[id]) <= report);
lines.push(`Each funnel within the time of one report (with identity): **${funnelsOk ? 'yes' : 'no'}**.`, '');
process.stdout.write(`\n${lines.join('\n')}`);
if (opts.record) {
  appendFileSync(join(here, 'RESULTS.md'), `\n${lines.join('\n')}`);
  log('recorded in bench/RESULTS.md');
}
process.exit(failed ? 1 : 0);

function run(args) {
  return new Promise((resolvePromise) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [JOURNEY, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('close', (code) => resolvePromise({
      code, seconds: Number(process.hrtime.bigint() - started) / 1e9,
      stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'),
    }));
  });
}

function fmtLoad(l) {
  return l.map((x) => x.toFixed(2)).join(' / ');
}

function log(msg) {
  process.stderr.write(`${msg}\n`);
}
