// `journey drivers`: which touchpoint experiences (CSAT, CES) explain customers' NPS.
import type { Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { addCommonOptions, inputsFor, parseFormats, periodOf, progress, resolveConfig, useColor, type CommonOptions } from './options.js';
import { emit, planOutputs, type Io, tellWritten } from './output.js';

const FORMATS = ['table', 'json', 'csv', 'md'];

interface DriversOptions extends CommonOptions {
  predictors?: string;
  npsFrom?: string;
  minAnswers?: string;
  minCoverage: string;
  resamples: string;
  explain?: boolean;
}

/** A whole number from a flag, or a usage error naming the flag. */
export function wholeNumber(flag: string, value: string, min: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
    throw new UsageError(`${flag} ${value}: use a whole number of at least ${min}`);
  }
  return n;
}

export function driversCommand(program: Command, io: Io, track: (db: { abort(): void } | null) => void): void {
  const command = program.command('drivers')
    .description("key drivers of NPS: each touchpoint's CSAT and CES as a share of the explained NPS variance (Johnson's relative weights)")
    .argument('[inputs...]', 'files, folders or globs; KIND=PATH forces a kind (survey=exports/nps.csv)')
    .option('--nps-from <touchpoint>', 'use only NPS answers given at this touchpoint (e.g. the relationship survey); default: any NPS answer')
    .option('--predictors <list>', 'drivers to use, as touchpoint.measure (e.g. delivery.csat,checkout.ces); default: chosen from the data')
    .option('--min-answers <n>', 'leave out drivers answered by fewer customers with an NPS (default: the config\'s low_n, 30)')
    .option('--min-coverage <pct>', 'add drivers (most answered first) only while this % of the customers with an NPS answered all of them', '40')
    .option('--resamples <n>', 'bootstrap resamples for the 95% intervals (0: none)', '1000')
    .option('--explain', 'also print the SQL and every intermediate (correlations, eigenvalues, weights)');
  addCommonOptions(command, FORMATS).addHelpText('after', `
Examples:
  journey drivers exports/
  journey drivers exports/ --predictors delivery.csat,checkout.ces,product_page.csat
  journey drivers exports/ --since 2025-01-01 --format json --explain`);
  command.action(async (inputs: string[], options: DriversOptions) => {
    const formats = parseFormats(options.format, FORMATS);
    if (options.explain && formats.includes('csv')) throw new UsageError('--explain needs --format table, md or json (CSV has one row per driver)');
    const plan = planOutputs(formats, options.out, 'drivers', io.cwd);
    const config = await resolveConfig(options, io.cwd);
    const period = periodOf(options);
    const resamples = wholeNumber('--resamples', options.resamples, 0);
    const minAnswers = options.minAnswers === undefined ? config.low_n : wholeNumber('--min-answers', options.minAnswers, 2);
    const minCoverage = Number(options.minCoverage);
    if (!(minCoverage >= 0 && minCoverage <= 100)) throw new UsageError(`--min-coverage ${options.minCoverage}: use a percentage from 0 to 100`);
    const predictors = options.predictors?.split(',').map((p) => p.trim()).filter(Boolean);
    const [{ openSession }, { buildDrivers }, render, { renderJson }, { inline }] = await Promise.all([
      import('../core/session.js'), import('../core/analysis/drivers.js'), import('../render/drivers.js'),
      import('../render/json.js'), import('./sql.js'),
    ]);
    const session = await openSession({
      inputs: inputsFor(options, inputs), config, cwd: io.cwd, env: io.env, period, onFile: progress(options, io.stderr), onOpen: track,
    });
    try {
      const result = await buildDrivers(session, { period, npsFrom: options.npsFrom ?? null, predictors, minAnswers, minCoverage: minCoverage / 100, resamples, seed: 1, now: io.now() });
      const explain = options.explain ? result.explain.queries.map((q) => inline(q.sql, q.params)) : null;
      const color = useColor(options, io.stdout, io.env) && plan.length === 1 && plan[0].path === null;
      const renderOptions = { explain, color, minAnswers, minCoverage };
      const content = (format: string) =>
        format === 'json' ? renderJson(render.driversJson(result, explain))
          : format === 'csv' ? render.renderDriversCsv(result)
            : format === 'md' ? render.renderDriversMarkdown(result, renderOptions)
              : render.renderDriversTable(result, renderOptions);
      const written = emit(io, plan.map((p) => ({ path: p.path, content: content(p.format) })));
      tellWritten(io, options, formats, written, result.warnings);
    } finally {
      track(null);
      session.db.close();
    }
  });
}
