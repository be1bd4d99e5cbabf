#!/usr/bin/env node
// Runs bench/handwritten.sql (the hand-written DuckDB baseline) over one data folder and prints
// its KPI values as JSON on stdout; load/compute timings go to stderr and into the JSON.
//
//   node bench/handwritten.mjs <dir> [--format csv|parquet]
//
// <dir> is either the folder holding the five files or a generate.mjs output folder (then its
// csv/ or parquet/ subfolder is used).
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
let format = 'csv';
const positional = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--format') format = argv[++i];
  else if (argv[i].startsWith('--format=')) format = argv[i].slice(9);
  else positional.push(argv[i]);
}
if (positional.length !== 1 || !['csv', 'parquet'].includes(format)) {
  process.stderr.write('usage: node bench/handwritten.mjs <dir> [--format csv|parquet]\n');
  process.exit(2);
}
const dir = dataDir(positional[0], format);

const script = readFileSync(join(here, 'handwritten.sql'), 'utf8')
  .replaceAll('__READ__', format === 'csv' ? 'read_csv' : 'read_parquet')
  .replaceAll('__DIR__', dir.replaceAll("'", "''"))
  .replaceAll('__EXT__', format);

const t0 = performance.now();
const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
const statements = await con.extractStatements(script);
let loadMs = 0;
let rows = [];
for (let i = 0; i < statements.count; i++) {
  const t = performance.now();
  const prepared = await statements.prepare(i);
  if (i < statements.count - 1) {
    await prepared.run();
    loadMs += performance.now() - t;
  } else {
    rows = (await prepared.runAndReadAll()).getRowObjectsJson();
  }
}
const totalMs = performance.now() - t0;
const kpisMs = totalMs - loadMs;
const version = (await con.runAndReadAll('SELECT version()')).getRows()[0][0];
con.closeSync();
instance.closeSync();

const kpis = rows.map(({ id, value, n, extra }) => ({
  id,
  value: value === null ? null : Number(value),
  n: Number(n),
  ...mapEntries(extra),
}));
const out = {
  schema: 'bench-handwritten/1',
  dir,
  format,
  duckdb: version,
  seconds: { load: round(loadMs / 1000), kpis: round(kpisMs / 1000), total: round(totalMs / 1000) },
  kpis,
};
process.stderr.write(
  `handwritten: load ${out.seconds.load} s, kpis ${out.seconds.kpis} s, total ${out.seconds.total} s\n`,
);
process.stdout.write(JSON.stringify(out, null, 2) + '\n');

function dataDir(arg, fmt) {
  const d = resolve(arg);
  const sub = join(d, fmt);
  if (!existsSync(join(d, `surveys.${fmt}`)) && existsSync(join(sub, `surveys.${fmt}`))) return sub;
  if (!existsSync(join(d, `surveys.${fmt}`))) {
    process.stderr.write(`no surveys.${fmt} in ${d} or ${sub} (generate with bench/generate.mjs)\n`);
    process.exit(66);
  }
  return d;
}
// A DuckDB MAP arrives as [{key, value}] from getRowObjectsJson.
function mapEntries(map) {
  if (!Array.isArray(map)) return {};
  return Object.fromEntries(map.map(({ key, value }) => [key, value === null ? null : Number(value)]));
}
function round(x) {
  return Math.round(x * 1000) / 1000;
}
