// `journey validate`: per input file, the detected kind, rows loaded and rejected, and the rejects.
import type { Command } from 'commander';
import { addCommonOptions, inputsFor, parseFormats, periodOf, progress, resolveConfig, type CommonOptions } from './options.js';
import { emit, planOutputs, writeAtomic, type Io } from './output.js';
import { resolve } from 'node:path';

const FORMATS = ['table', 'json'];
const SHOWN = 10;


export function validateCommand(program: Command, io: Io, track: (db: { abort(): void } | null) => void): void {
  const command = program.command('validate')
    .description('data-quality report: detected kind per file, rows loaded and rejected, and why')
    .argument('[inputs...]', 'files, folders or globs; KIND=PATH forces a kind')
    .option('--rejects <file>', 'write every rejected row (file, line, column, reason; never the row itself) as CSV');
  addCommonOptions(command, FORMATS).addHelpText('after', `
Examples:
  journey validate --demo
  journey validate exports/ --rejects rejects.csv
  journey validate exports/ --format json`);
  command.action(async (inputs: string[], options: CommonOptions & { rejects?: string }) => {
    const formats = parseFormats(options.format, FORMATS);
    const plan = planOutputs(formats, options.out, 'validate', io.cwd);
    const config = await resolveConfig(options, io.cwd);
    const [{ openSession }, { renderJson }, { renderRejectsCsv }] = await Promise.all([
      import('../core/session.js'), import('../render/json.js'), import('../render/csv.js'),
    ]);
    const session = await openSession({
      inputs: inputsFor(options, inputs), config, cwd: io.cwd, env: io.env, period: periodOf(options), onFile: progress(options, io.stderr), onOpen: track,
    });
    try {
      const files = session.sources.map((s) => ({
        path: s.path, kind: s.kind, format: s.format, preset: s.preset, detected_by: s.detectedBy, encoding: s.encoding, notes: s.notes,
        records: s.records, loaded: s.rows, rejected: s.rejected, skipped: s.skipped, merged: s.merged, rejects: s.rejects,
      }));
      const result = { schema: 'journey-validate/1', files, coverage: session.coverage, warnings: session.warnings };
      if (options.rejects) {
        writeAtomic(resolve(io.cwd, options.rejects), renderRejectsCsv(session.sources.flatMap((s) => s.rejects)));
      }
      const render = (format: string) => {
        if (format === 'json') return renderJson(result);
        const lines: string[] = [];
        for (const f of files) {
          lines.push(`${f.path}`);
          lines.push(`  kind ${f.kind}, ${f.preset ? f.detected_by : `canonical layout: ${f.detected_by}`}`);
          lines.push(`  format ${f.format}${f.format === 'parquet' ? '' : `, encoding ${f.encoding}`}`);
          for (const note of f.notes) lines.push(`  ${note}`);
          const extra = [f.skipped ? `${f.skipped} skipped (not data)` : '', f.merged ? `${f.merged} merged into their record` : '']
            .filter(Boolean).join(', ');
          lines.push(`  ${f.records} records: ${f.loaded} loaded, ${f.rejected} rejected${extra ? `, ${extra}` : ''}`);
          for (const r of f.rejects.slice(0, SHOWN)) {
            lines.push(`    ${r.file}:${r.line ?? '?'}${r.column ? ` ${r.column}` : ''}: ${r.reason}`);
          }
          if (f.rejects.length > SHOWN) lines.push(`    ... and ${f.rejects.length - SHOWN} more (write them all with --rejects FILE)`);
        }
        for (const c of session.coverage) {
          lines.push(`${c.kind}: ${c.mapped} of ${c.rows} rows mapped to a touchpoint`);
        }
        for (const w of session.warnings) lines.push(`! ${w}`);
        return lines.join('\n') + '\n';
      };
      emit(io, plan.map((p) => ({ path: p.path, content: render(p.format) })));
    } finally {
      track(null);
      session.db.close();
    }
  });
}
