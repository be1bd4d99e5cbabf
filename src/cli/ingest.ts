// `journey ingest`: add exports to the persistent store (docs/store.md). One writer at a time
// (STORE.lock; a second waits --wait seconds or exits 75); each file in one transaction.
import type { Command } from 'commander';
import { relative, resolve, isAbsolute } from 'node:path';
import { UsageError } from '../core/errors.js';
import { DEMO_DIR, parseMemoryLimit, progress, resolveConfig, type CommonOptions } from './options.js';
import type { Io } from './output.js';
import type { Track } from './run.js';

interface IngestOptions extends Pick<CommonOptions, 'config' | 'demo' | 'quiet' | 'verbose' | 'debug' | 'maxRejectRate' | 'store' | 'keyFile' | 'sourcesAnywhere' | 'memoryLimit'> {
  wait?: string;
  format: string;
  color: boolean;
}

export function ingestCommand(program: Command, io: Io, track: Track): void {
  program.command('ingest')
    .description('add exports to a persistent store (a DuckDB file): new files added, changed files replaced, unchanged files skipped')
    .argument('[inputs...]', 'files, folders or globs; KIND=PATH forces a kind (default: the config\'s sources:)')
    .option('--store <file>', 'the store to write (default: the config\'s store:)')
    .option('-c, --config <file>', 'config file (default: ./journey.yaml when present)')
    .option('--demo', 'ingest the bundled demo data')
    .option('--wait <seconds>', 'when another run holds the store, wait this long for it before giving up (exit 75)', '0')
    .option('--key-file <file>', 'the pseudonymisation key to use (default: ~/.config/journey/key, created on first use); never taken from a config')
    .option('--sources-anywhere', 'let the config\'s sources: reach outside the config\'s folder')
    .option('--max-reject-rate <rate>', 'fail (exit 65) when a file has more rejected rows than this share: 0.01 or 1%')
    .option('--memory-limit <size>', 'memory DuckDB may use before it spills to a temporary folder: 4GB, 512MB or 30% of RAM (default 50%)')
    .option('-q, --quiet', 'nothing on stderr unless something fails')
    .option('-v, --verbose', 'more detail on stderr')
    .option('--debug', 'show stack traces for unexpected errors')
    .addHelpText('after', `
Examples:
  journey ingest exports/ --store journey.duckdb
  journey ingest --config journey.yaml            the config's sources: into its store:
  journey report --store journey.duckdb --period last-week

Each file is stored with its content hash, its row accounting and its rejects. Ingesting the same
file again adds nothing; a changed file replaces its own rows in one transaction; a kill at any
moment leaves the store as it was before or after the file being written.`)
    .action(async (inputs: string[], options: IngestOptions) => {
      const wait = Number(options.wait ?? 0);
      if (!(wait >= 0)) throw new UsageError(`--wait ${options.wait}: use a number of seconds (0: do not wait)`);
      const memoryLimit = parseMemoryLimit(options.memoryLimit);
      if (options.demo && inputs.length) throw new UsageError('--demo uses the bundled data; leave out the inputs');
      const config = await resolveConfig({ ...options, format: 'table', color: false }, io.cwd);
      const storePath = options.store !== undefined ? resolve(io.cwd, options.store) : config.store ? resolve(config.baseDir, config.store) : null;
      if (!storePath) throw new UsageError('say which store to write: --store FILE, or store: in the config');
      const [{ inputFiles, withoutKey }, { lockStore }, { ingest }, { defaultKeyPath }] = await Promise.all([
        import('../core/session.js'), import('../core/store/lock.js'), import('../core/store/ingest.js'), import('../core/sources/keys.js'),
      ]);
      if (!options.demo && inputs.length === 0 && config.sources.some((s) => typeof s !== 'string' && s.query !== undefined)) {
        // A store holds loaded files; a derived source is rebuilt from its inputs on every run.
        throw new UsageError('the config has derived sources (query:), which journey ingest does not store; run report, validate and the other commands on the config\'s files instead of --store (docs/derived-sources.md)');
      }
      const keyPath = options.keyFile ? resolve(io.cwd, options.keyFile) : defaultKeyPath(io.env);
      const keyWarnings: string[] = [];
      const files = withoutKey(inputFiles({ inputs: options.demo ? [DEMO_DIR] : inputs, config, cwd: io.cwd, sourcesAnywhere: options.sourcesAnywhere }), keyPath, keyWarnings);
      const display = (path: string) => {
        const rel = relative(io.cwd, path);
        return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
      };
      const lock = await lockStore(storePath, wait);
      try {
        const counts = { added: 0, replaced: 0, unchanged: 0, duplicate: 0 };
        const { warnings } = await ingest({
          files, config, store: storePath, env: io.env, keyFile: options.keyFile, memoryLimit, cwd: io.cwd, now: io.now(), onFile: progress({ ...options, format: 'table', color: false }, io.stderr),
          onOpen: track,
          onResult: (r) => {
            counts[r.outcome]++;
            if (options.quiet) return;
            const what = r.outcome === 'unchanged' ? 'unchanged, skipped'
              : r.outcome === 'duplicate' ? `same content as ${display(r.same ?? '')}, skipped`
                : `${r.outcome} (${r.kind}): ${r.loaded} loaded, ${r.rejected} rejected, ${r.skipped} skipped, ${r.merged} merged of ${r.records} records`;
            io.stderr.write(`${display(r.path)}: ${what}\n`);
          },
        });
        track(null);
        if (!options.quiet) {
          for (const w of [...keyWarnings, ...warnings]) io.stderr.write(`warning: ${w}\n`);
          io.stderr.write(`${display(storePath)}: ${counts.added} added, ${counts.replaced} replaced, ${counts.unchanged + counts.duplicate} unchanged\n`);
        }
      } finally {
        lock.release();
      }
    });
}
