#!/usr/bin/env node
// Encoding benchmark (issue 3): the same survey export, 1M rows, in UTF-8 and in Windows-1252 (the
// Dutch Excel default). A cp1252 file goes through the streaming pre-pass (iconv-lite to a UTF-8
// copy) before DuckDB reads it; the budget is "well under twice" the UTF-8 time.
//
//   node bench/encoding.mjs [--rows 1000000] [--runs 3] [--record]
//
// Data goes to bench/data/encoding/ (git-ignored); --record appends the table to bench/RESULTS.md.
import { spawnSync } from 'node:child_process';
import { appendFileSync, createReadStream, createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import iconv from 'iconv-lite';
import { DuckDBInstance } from '@duckdb/node-api';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const { values: opts } = parseArgs({ options: { rows: { type: 'string' }, runs: { type: 'string' }, record: { type: 'boolean' } } });
const ROWS = Number(opts.rows ?? 1_000_000);
const RUNS = Number(opts.runs ?? 3);
const dir = join(here, 'data', 'encoding', String(ROWS));
const utf8 = join(dir, 'surveys-utf8.csv');
const cp1252 = join(dir, 'surveys-cp1252.csv');

async function generate() {
  mkdirSync(dir, { recursive: true });
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  // Comments with the characters that break latin-1 readers: € and curly quotes, en dashes, é.
  await connection.run(`COPY (
    SELECT 'R' || i AS response_id, 'c' || (i % 50000) AS customer_id,
           TIMESTAMP '2025-01-01' + to_seconds(i * 31) AS submitted_at,
           ['checkout', 'delivery', 'returns', 'product_page'][1 + i % 4] AS touchpoint,
           CASE WHEN i % 3 = 0 THEN i % 11 END AS nps,
           CASE WHEN i % 3 = 1 THEN 1 + i % 5 END AS csat,
           CASE WHEN i % 3 = 2 THEN 1 + i % 7 END AS ces,
           ['Levering “op tijd”, prima – €' || (i % 90) || ',95', 'Café-service was goed', 'Te duur: € 12,50 verzendkosten', NULL][1 + i % 4] AS comment
    FROM range(${ROWS}) t(i)) TO '${utf8}' (HEADER)`);
  connection.closeSync();
  instance.closeSync();
  const out = createWriteStream(cp1252);
  for await (const chunk of createReadStream(utf8, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    if (!out.write(iconv.encode(chunk, 'win1252'))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
}

function time(file) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [join(root, 'bin', 'journey.js'), 'validate', `survey=${file}`, '--format', 'json'], {
    encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, XDG_CONFIG_HOME: join(dir, 'xdg') },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`journey failed on ${file}: ${result.stderr}`);
  const [f] = JSON.parse(result.stdout).files;
  return { seconds, encoding: f.encoding, loaded: f.loaded, rejected: f.rejected };
}

if (!existsSync(cp1252)) await generate();
const rows = [];
for (let run = 1; run <= RUNS; run++) {
  // Alternate the order so neither file always gets the warmer cache.
  const order = run % 2 ? [utf8, cp1252] : [cp1252, utf8];
  for (const file of order) rows.push({ run, file, ...time(file) });
}
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const med = (file) => median(rows.filter((r) => r.file === file).map((r) => r.seconds));
const mb = (file) => (statSync(file).size / 1e6).toFixed(0);
const lines = [
  `### Encoding pre-pass: ${ROWS.toLocaleString('en')} survey rows, UTF-8 vs Windows-1252 — ${new Date().toISOString().slice(0, 10)}`,
  '',
  `Machine: ${cpus().length} × ${cpus()[0].model}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}. Command: \`journey validate survey=FILE --format json\`, ${RUNS} runs each, alternating order.`,
  '',
  '| file | size | detected | loaded | rejected | median s | runs (s) |',
  '|---|---:|---|---:|---:|---:|---|',
  ...[utf8, cp1252].map((file) => {
    const r = rows.find((x) => x.file === file);
    return `| ${file.endsWith('utf8.csv') ? 'UTF-8' : 'Windows-1252'} | ${mb(file)} MB | ${r.encoding} | ${r.loaded} | ${r.rejected} | ${med(file).toFixed(2)} | ${rows.filter((x) => x.file === file).map((x) => x.seconds.toFixed(2)).join(', ')} |`;
  }),
  '',
  `Ratio Windows-1252 / UTF-8: **${(med(cp1252) / med(utf8)).toFixed(2)}x** (budget: well under 2x).`,
  '',
];
process.stdout.write(lines.join('\n'));
if (opts.record) appendFileSync(join(here, 'RESULTS.md'), `\n${lines.join('\n')}`);
