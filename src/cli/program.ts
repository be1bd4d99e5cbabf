// The commander program: commands, shared help, and usage errors as exit code 2.
import { Command } from 'commander';
import { createRequire } from 'node:module';
import { initCommand } from './init.js';
import { compareCommand } from './compare.js';
import { driversCommand } from './drivers.js';
import { integrityCommand } from './integrity.js';
import { frictionCommand } from './friction.js';
import { kpisCommand } from './kpis.js';
import type { Io } from './output.js';
import { reportCommand } from './report.js';
import { sqlCommand } from './sql.js';
import { validateCommand } from './validate.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

export function buildProgram(io: Io, track: (db: { abort(): void } | null) => void): Command {
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
  journey friction --demo --explain           touchpoints ranked by friction, with the evidence
  journey validate exports/ --rejects rejects.csv
  journey init exports/                       a starter journey.yaml from what it detects
  journey kpis                                KPI definitions
  journey sql --demo                          the SQL behind the report

Exit codes: 0 ok, 1 internal error, 2 usage, 65 bad data, 66 input not found,
73 cannot write output, 78 config error, 130 interrupted.`);
  reportCommand(program, io, track);
  frictionCommand(program, io, track);
  validateCommand(program, io, track);
  initCommand(program, io, track);
  kpisCommand(program, io);
  sqlCommand(program, io, track);
  compareCommand(program, io, track);
  driversCommand(program, io, track);
  integrityCommand(program, io, track);
  for (const command of program.commands) command.exitOverride().configureOutput({
    writeOut: (s) => io.stdout.write(s),
    writeErr: (s) => io.stderr.write(s),
  }).showHelpAfterError('(run journey --help for usage)');
  return program;
}
