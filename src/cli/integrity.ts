// `journey integrity --by ATTRIBUTE`: groups (agents, stores, dealers ...) whose survey answers
// stand out from the others', as signals to review.
import type { Command } from 'commander';
import { Option } from 'commander';
import { UsageError } from '../core/errors.js';
import { wholeNumber } from './drivers.js';
import { addCommonOptions, inputsFor, parseFormats, periodOf, progress, resolveConfig, useColor, type CommonOptions } from './options.js';
import { emit, planOutputs, type Io, tellWritten } from './output.js';

const FORMATS = ['table', 'json', 'csv', 'md'];

interface IntegrityOptions extends CommonOptions {
  by?: string;
  score: 'auto' | 'nps' | 'csat';
  minN: string;
  fdr: string;
  explain?: boolean;
}

export function integrityCommand(program: Command, io: Io, track: (db: { abort(): void } | null) => void): void {
  const command = program.command('integrity')
    .description('survey integrity: groups (agent, store, dealer, channel ...) with unusually many top scores, silent top scores or low spread, to review')
    .argument('[inputs...]', 'files, folders or globs; KIND=PATH forces a kind')
    .option('--by <attribute>', 'the survey column to group by (e.g. agent, store, dealer, channel); required')
    .addOption(new Option('--score <scale>', 'which answers count: nps (10 is top), csat (5 is top), or auto (NPS where answered, else CSAT)').choices(['auto', 'nps', 'csat']).default('auto'))
    .option('--min-n <n>', 'groups with fewer comparable answers are listed but not assessed', '20')
    .option('--fdr <rate>', 'false-discovery rate for Benjamini-Hochberg over all tests', '0.05')
    .option('--explain', 'also print the SQL and each group\'s expected share per stratum');
  addCommonOptions(command, FORMATS).addHelpText('after', `
Examples:
  journey integrity exports/ --by agent
  journey integrity exports/ --by store --score csat --format json
  journey integrity exports/ --by agent --since 2025-04-01 --explain`);
  command.action(async (inputs: string[], options: IntegrityOptions) => {
    if (!options.by) throw new UsageError('journey integrity needs --by ATTRIBUTE (a survey column such as agent, store or channel)');
    const formats = parseFormats(options.format, FORMATS);
    if (options.explain && formats.includes('csv')) throw new UsageError('--explain needs --format table, md or json (CSV has one row per group)');
    const fdr = Number(options.fdr);
    if (!(fdr > 0 && fdr < 1)) throw new UsageError(`--fdr ${options.fdr}: use a rate between 0 and 1, e.g. 0.05`);
    const minN = wholeNumber('--min-n', options.minN, 1);
    const plan = planOutputs(formats, options.out, 'integrity', io.cwd);
    const config = await resolveConfig(options, io.cwd);
    const period = periodOf(options);
    const [{ openSession }, { buildIntegrity }, render, { renderJson }, { inline }] = await Promise.all([
      import('../core/session.js'), import('../core/analysis/integrity.js'), import('../render/integrity.js'),
      import('../render/json.js'), import('./sql.js'),
    ]);
    const session = await openSession({
      inputs: inputsFor(options, inputs), config, cwd: io.cwd, env: io.env, period, onFile: progress(options, io.stderr), onOpen: track,
    });
    try {
      const result = await buildIntegrity(session, { period, by: options.by, score: options.score, minN, fdr, now: io.now() }, config.min_cell);
      const explain = options.explain ? result.explain.queries.map((q) => inline(q.sql, q.params)) : null;
      const color = useColor(options, io.stdout, io.env) && plan.length === 1 && plan[0].path === null;
      const content = (format: string) =>
        format === 'json' ? renderJson(render.integrityJson(result, explain))
          : format === 'csv' ? render.renderIntegrityCsv(result)
            : format === 'md' ? render.renderIntegrityMarkdown(result, { explain })
              : render.renderIntegrityTable(result, { explain, color });
      const written = emit(io, plan.map((p) => ({ path: p.path, content: content(p.format) })));
      tellWritten(io, options, formats, written, result.warnings);
    } finally {
      track(null);
      session.db.close();
    }
  });
}
