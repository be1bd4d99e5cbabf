// `journey drivers`: which touchpoint experiences (CSAT, CES) explain customers' NPS.
import { UsageError } from '../core/errors.js';
import type { DriversRequest } from '../core/analysis/drivers.js';
import type { CommonOptions } from './options.js';
import type { DataCommand } from './run.js';

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

export const drivers: DataCommand<'drivers', DriversOptions, DriversRequest & { minCoveragePercent: number }> = {
  name: 'drivers',
  description: "key drivers of NPS: each touchpoint's CSAT and CES as a share of the explained NPS variance (Johnson's relative weights)",
  result: 'drivers',
  segment: 'per-value',
  flags: (command) => command
    .option('--nps-from <touchpoint>', 'use only NPS answers given at this touchpoint (e.g. the relationship survey); default: any NPS answer')
    .option('--predictors <list>', 'drivers to use, as touchpoint.measure (e.g. delivery.csat,checkout.ces); default: chosen from the data')
    .option('--min-answers <n>', 'leave out drivers answered by fewer customers with an NPS (default: the config\'s low_n, 30)')
    .option('--min-coverage <pct>', 'add drivers (most answered first) only while this % of the customers with an NPS answered all of them', '40')
    .option('--resamples <n>', 'bootstrap resamples for the 95% intervals (0: none)', '1000')
    .option('--explain', 'also print the SQL and every intermediate (correlations, eigenvalues, weights)'),
  help: `
Examples:
  journey drivers exports/
  journey drivers exports/ --predictors delivery.csat,checkout.ces,product_page.csat
  journey drivers exports/ --since 2025-01-01 --format json --explain`,
  check: (options, formats) => {
    if (options.explain && formats.includes('csv')) throw new UsageError('--explain needs --format table, md or json (CSV has one row per driver)');
  },
  request: (options, { config, period, now }) => {
    const resamples = wholeNumber('--resamples', options.resamples, 0);
    const minAnswers = options.minAnswers === undefined ? config.low_n : wholeNumber('--min-answers', options.minAnswers, 2);
    const minCoverage = Number(options.minCoverage);
    if (!(minCoverage >= 0 && minCoverage <= 100)) throw new UsageError(`--min-coverage ${options.minCoverage}: use a percentage from 0 to 100`);
    const predictors = options.predictors?.split(',').map((p) => p.trim()).filter(Boolean);
    return {
      period, npsFrom: options.npsFrom ?? null, predictors, minAnswers, minCoverage: minCoverage / 100, resamples, seed: 1, now,
      minCoveragePercent: minCoverage,
    };
  },
  compute: async (session, request, { explain }) => {
    const [{ buildDrivers }, { inline }] = await Promise.all([import('../core/analysis/drivers.js'), import('../core/sql-script.js')]);
    const { minCoveragePercent, ...driversRequest } = request;
    const result = await buildDrivers(session, driversRequest);
    return {
      result,
      explain: explain ? result.explain.queries.map((q) => inline(q.sql, q.params)) : null,
      minAnswers: request.minAnswers,
      minCoverage: minCoveragePercent,
    };
  },
  warnings: (output) => output.result.warnings,
};
