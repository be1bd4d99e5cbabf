// The commander program: commands, shared help, and usage errors as exit code 2.
import { Command } from 'commander';
import { createRequire } from 'node:module';
import { after } from './after.js';
import { compare } from './compare.js';
import { drivers } from './drivers.js';
import { friction } from './friction.js';
import { funnel } from './funnel.js';
import { ingestCommand } from './ingest.js';
import { initCommand } from './init.js';
import { integrity } from './integrity.js';
import { kpisCommand } from './kpis.js';
import { map } from './map.js';
import { paths } from './paths.js';
import type { Io } from './output.js';
import { report } from './report.js';
import { dataCommand, type Track } from './run.js';
import { sqlCommand } from './sql.js';
import { themes } from './themes.js';
import { validate } from './validate.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

export function buildProgram(io: Io, track: Track): Command {
  const program = new Command('journey')
    .description('Customer-journey KPIs from your exports (surveys, tickets, orders, web analytics, campaigns), on DuckDB')
    .version(version)
    .showHelpAfterError('(run journey --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .addHelpText('after', `
Examples:
  journey report --demo                       the bundled demo shop, all five stages
  journey report exports/                     every CSV, TSV, Parquet and JSON-lines file in exports/
  journey map --demo -o map.html              the journey map: one HTML file to open or print
  journey friction --demo --explain           touchpoints ranked by friction, with the evidence
  journey validate exports/ --rejects rejects.csv
  journey init exports/                       a starter journey.yaml from what it detects
  journey funnel --demo                       funnels across web, orders, tickets and surveys
  journey paths --demo --from checkout         frequent touchpoint sequences, and what comes before and after one
  journey after --demo --touchpoint delivery  repeat purchase and NPS after a delivery ticket, against without
  journey kpis                                KPI definitions
  journey sql --demo                          the SQL behind the report
  journey themes --demo                       why: comment themes in Dutch and English, detractors vs promoters

Exit codes: 0 ok, 1 internal error, 2 usage, 3 alert fired, 65 bad data, 66 input not found,
73 cannot write output, 75 store locked, 78 config error, 130 interrupted.`);
  // Data commands, in the order --help lists them: one spec each, one pipeline for all (run.ts).
  dataCommand(program, io, track, report);
  dataCommand(program, io, track, map);
  dataCommand(program, io, track, friction);
  dataCommand(program, io, track, validate);
  initCommand(program, io, track);
  ingestCommand(program, io, track);
  kpisCommand(program, io);
  sqlCommand(program, io, track);
  dataCommand(program, io, track, compare);
  dataCommand(program, io, track, drivers);
  dataCommand(program, io, track, integrity);
  dataCommand(program, io, track, funnel);
  dataCommand(program, io, track, paths);
  dataCommand(program, io, track, after);
  dataCommand(program, io, track, themes);
  for (const command of program.commands) command.exitOverride().configureOutput({
    writeOut: (s) => io.stdout.write(s),
    writeErr: (s) => io.stderr.write(s),
  }).showHelpAfterError('(run journey --help for usage)');
  return program;
}
