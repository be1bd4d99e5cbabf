// `journey validate`: per input file, the detected kind, rows loaded and rejected, and the rejects.
import { resolve } from 'node:path';
import type { CommonOptions } from './options.js';
import type { DataCommand } from './run.js';

interface ValidateOptions extends CommonOptions {
  rejects?: string;
}

export const validate: DataCommand<'validate', ValidateOptions, null> = {
  name: 'validate',
  description: 'data-quality report: detected kind per file, rows loaded and rejected, and why',
  result: 'validate',
  segment: 'none',
  flags: (command) => command
    .option('--rejects <file>', 'write every rejected row (file, line, column, reason; never the row itself) as CSV'),
  help: `
Examples:
  journey validate --demo
  journey validate exports/ --rejects rejects.csv
  journey validate exports/ --format json`,
  request: () => null,
  compute: async (session) => (await import('../core/validate.js')).validation(session),
  // The warnings are part of the output itself (its last lines, or `warnings` in JSON).
  warnings: () => [],
  extraOutputs: async (validation, options, io) => {
    if (!options.rejects) return [];
    const { renderRejectsCsv } = await import('../render/csv.js');
    return [{ path: resolve(io.cwd, options.rejects), content: renderRejectsCsv([...validation.files, ...validation.inputs].flatMap((f) => f.rejects)) }];
  },
};
