// `journey init`: detect every input file and write a starter journey.yaml to adapt.
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import type { CommonOptions } from './options.js';
import { emit, writeAtomic, type Io } from './output.js';
import { withSession, type Track } from './run.js';

interface InitOptions extends Pick<CommonOptions, 'quiet' | 'verbose' | 'debug'> {
  out: string;
  force?: boolean;
}

export function initCommand(program: Command, io: Io, track: Track): void {
  program.command('init')
    .description('write a starter journey.yaml from the files it detects (kinds, presets, touchpoints)')
    .argument('<inputs...>', 'files, folders or globs; KIND=PATH forces a kind')
    .option('-o, --out <file|->', 'where to write it; - is stdout', 'journey.yaml')
    .option('--force', 'overwrite an existing file')
    .option('-q, --quiet', 'no progress or notes on stderr')
    .option('--debug', 'show stack traces for unexpected errors')
    .addHelpText('after', `
Examples:
  journey init exports/                 writes ./journey.yaml
  journey init exports/ --out -         prints it instead
  journey init exports/ --out audit/journey.yaml --force`)
    .action(async (inputs: string[], options: InitOptions) => {
      const target = options.out === '-' ? null : resolve(io.cwd, options.out);
      if (target && existsSync(target) && !options.force) {
        throw new UsageError(`${options.out} already exists; use --force to overwrite it, or --out another file`);
      }
      const [{ defaultConfig }, { starterConfig }] = await Promise.all([import('../core/config/load.js'), import('../core/init.js')]);
      // Detect with built-in defaults, never with a journey.yaml that happens to be in the folder.
      const config = defaultConfig(io.cwd);
      const shared = { quiet: options.quiet, format: 'table', color: false } satisfies CommonOptions;
      await withSession(shared, inputs, config, { since: null, until: null }, io, track, async (session) => {
        const text = await starterConfig(session, { target: target ?? resolve(io.cwd, 'journey.yaml'), inputs, now: io.now() });
        if (!target) {
          emit(io, [{ path: null, content: text }]);
          return;
        }
        writeAtomic(target, text);
        if (!options.quiet) {
          io.stderr.write(`wrote ${options.out}: ${session.sources.length} source(s); check the time zone, stages and rules, then run: journey report --config ${options.out}\n`);
        }
      });
    });
}
