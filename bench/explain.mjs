// Profiling aid (bench/README.md): runs a `journey sql` script and prints DuckDB's EXPLAIN ANALYZE
// (per-operator times) of the statements whose text contains one of the given markers.
//   node bench/explain.mjs script.sql 'CREATE TABLE "src_5"' '-- KPIs on web' > plans.txt
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
const [file, ...markers] = process.argv.slice(2);
const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
const script = readFileSync(file, 'utf8');
const parts = script.split(/;\n(?=[A-Z-])/);
for (const part of parts) {
  const sql = part.trim();
  if (!sql) continue;
  const hit = markers.some((m) => sql.includes(m));
  const t = performance.now();
  try {
    if (hit) {
      const r = await con.runAndReadAll('EXPLAIN ANALYZE ' + sql);
      console.log(r.getRows().map((row) => row[1]).join('\n'));
    } else await con.run(sql);
  } catch (e) { console.error('fail:', sql.slice(0, 80), String(e).slice(0, 200)); }
  if (hit) console.error(`${((performance.now() - t) / 1000).toFixed(2)} s: ${sql.slice(0, 60)}`);
}
