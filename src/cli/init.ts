// `journey init`: detect every input file and write a starter journey.yaml to adapt.
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataError, UsageError } from '../core/errors.js';
import type { Config } from '../core/config/load.js';
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
  journey init exports/ --out audit/journey.yaml --force

A file in a layout no preset knows gets a proposed source (kind, columns:, values:), each guess
marked "# guess:" in the file and listed on stderr; check them, then run journey report.`)
    .action(async (inputs: string[], options: InitOptions) => {
      const target = options.out === '-' ? null : resolve(io.cwd, options.out);
      if (target && existsSync(target) && !options.force) {
        throw new UsageError(`${options.out} already exists; use --force to overwrite it, or --out another file`);
      }
      const [{ defaultConfig }, { starterConfig, guessSummary }, { guessSources }, { resolveInputs }] = await Promise.all([
        import('../core/config/load.js'), import('../core/init.js'), import('../core/init-sources.js'), import('../core/sources/resolve.js'),
      ]);
      // Detect with built-in defaults, never with a journey.yaml that happens to be in the folder.
      const defaults = defaultConfig(io.cwd);
      // A file no preset or kind recognises gets its layout guessed from its names and values; the
      // session then reads it with the guess, like a source of the config init writes.
      const init = await guessSources(resolveInputs(inputs, io.cwd), defaults.timezone);
      const named = init.files.find((f) => f.error && !f.guess && !f.file.inFolder);
      if (named) throw new DataError(`${named.error!.message}\n  journey init could not guess its layout either: ${named.unread}`);
      const sources = init.files.flatMap((f): Config['sources'] => {
        if (f.guess) {
          const columns = Object.fromEntries(f.guess.columns.map((c) => [c.canonical, c.source]));
          const values = Object.fromEntries(f.guess.values.map((v) => [v.column, Object.fromEntries(v.map.map((m) => [m.from, m.to]))]));
          return [{ path: f.file.path, kind: f.guess.kind, columns, values }];
        }
        if (f.error) return [];
        return [f.file.kind ? `${f.file.kind}=${f.file.path}` : f.file.path];
      });
      if (sources.length === 0) throw init.files[0].error!;
      const config = { ...defaults, sources };
      const shared = { quiet: options.quiet, format: 'table', color: false, sourcesAnywhere: true } satisfies CommonOptions;
      await withSession(shared, [], config, { since: null, until: null }, io, track, async (session) => {
        const text = await starterConfig(session, { target: target ?? resolve(io.cwd, 'journey.yaml'), inputs, now: io.now(), init });
        if (!options.quiet) for (const line of guessSummary(init, session.display)) io.stderr.write(`${line}\n`);
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
