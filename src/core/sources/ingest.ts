// Loads one detected file into DuckDB and accounts for every record: loaded + rejected + skipped
// + merged = records, or the run stops. The steps, each its own module under ingest/:
//   plan            which column the reader reads, where each canonical column comes from (pure)
//   input           the file DuckDB reads: the original or the pre-pass's normalised copy
//   column-formats  each typed column's spelling (ISO or day-first, decimal point or comma)
//   load            the one load statement: read, type, check every row into `src_<index>`
//   accounting      counts against an independent record count, rejects at their lines
import { say } from '../messages.js';
import type { Db } from '../db.js';
import type { DetectedFile } from './detect.js';
import { scanBytes, type Encoding } from './prepass.js';
import { accountFor } from './ingest/accounting.js';
import { decideFormats } from './ingest/column-formats.js';
import { softColumns } from './ingest/checks.js';
import { foldRepeatedIds } from './ingest/duplicates.js';
import { expressionError, fileExpressions } from './ingest/expressions.js';
import { prepareInput, rereadEncoding } from './ingest/input.js';
import { loadRows, readError } from './ingest/load.js';
import { describeMapping } from './ingest/mapping.js';
import { EMAIL_KEY, planColumns, readerFor, recodedColumns, recodedFlag, type ColumnPlan } from './ingest/plan.js';
import { KIND_SPECS } from './kinds/index.js';
import type { LoadedSource } from './ingest/types.js';

export type { LoadedSource, PersonalColumn, Reject } from './ingest/types.js';

export interface LoadOptions {
  /** Fail when more than this share of a file's records is rejected (DESIGN §6, exit 65). */
  maxRejectRate?: number;
  /** Keep the email's keyed hash beside the customer key (`_email_key`), for identity stitching. */
  emailKey?: boolean;
}

export async function loadSource(db: Db, file: DetectedFile, index: number, options: LoadOptions = {}): Promise<LoadedSource> {
  try {
    return await loadOnce(db, file, index, options);
  } catch (error) {
    if (!(error instanceof Retry)) throw error;
    // The head looked clean but the whole file is not (a CR, NUL or Windows-1252 byte further
    // down): read it again through the normalising pre-pass.
    await db.exec(`DROP TABLE IF EXISTS src_${index}`, undefined, false);
    await db.exec(`DROP TABLE IF EXISTS raw_${index}`, undefined, false);
    return loadOnce(db, { ...file, encoding: error.encoding, rewrite: true }, index, options);
  }
}

/**
 * A survey file whose rows carry no NPS, CSAT or CES answer gives a report without survey KPIs; say
 * so, with the questions found and how to map one (a value map turns word answers into scores).
 */
async function noScoresHint(db: Db, file: DetectedFile, plan: ColumnPlan, table: string, warnings: string[]): Promise<void> {
  const [row] = await db.all<{ n: number }>(
    `SELECT (count(nps) + count(csat) + count(ces))::DOUBLE AS n FROM ${table} WHERE _reject IS NULL`, undefined, false);
  if (row.n > 0) return;
  const questions = plan.extras.map((e) => `"${e.source}"`);
  warnings.push(questions.length
    ? say('noScoresColumns', { path: file.path, columns: `${questions.slice(0, 8).join(', ')}${questions.length > 8 ? ', ...' : ''}` })
    : say('noScores', { path: file.path }));
}

/** A traffic file with no session, user or page-view counts that add up gives no traffic KPI: say why. */
async function noAdditiveCounts(db: Db, file: DetectedFile, table: string, warnings: string[]): Promise<void> {
  const [row] = await db.all<{ n: number }>(
    `SELECT (count(sessions) + count(visitors) + count(pageviews))::DOUBLE AS n FROM ${table} WHERE _reject IS NULL`, undefined, false);
  if (row.n > 0) return;
  warnings.push(say('noAdditive', { path: file.path }));
}

/** Values of a soft column that could not be read: the field is empty, the row kept, the values said. */
async function droppedValues(db: Db, file: DetectedFile, table: string, column: string, warnings: string[]): Promise<void> {
  const rows = await db.all<{ v: string; n: number }>(
    `SELECT _dropped_${column} AS v, count(*)::DOUBLE AS n FROM ${table} WHERE _reject IS NULL AND _dropped_${column} IS NOT NULL ` +
      'GROUP BY 1 ORDER BY n DESC, v', undefined, false);
  if (rows.length === 0) return;
  const total = rows.reduce((s, r) => s + r.n, 0);
  const shown = rows.slice(0, 3).map((r) => `"${r.v}" (${r.n})`).join(', ');
  warnings.push(say('droppedValues', { path: file.path, count: total, column, values: `${shown}${rows.length > 3 ? `, and ${rows.length - 3} more` : ''}` }));
}

class Retry extends Error {
  constructor(readonly encoding: Encoding) {
    super('retry through the pre-pass');
  }
}

async function loadOnce(db: Db, file: DetectedFile, index: number, options: LoadOptions): Promise<LoadedSource> {
  const warnings: string[] = [];
  const expressions = await fileExpressions(db, file);
  const plan = planColumns(file, warnings, expressions);
  const input = await prepareInput(db, file, plan, index, warnings);
  const reader = readerFor(file, plan, input.path, index);
  const table = `src_${index}`;
  const emailKey = Boolean(options.emailKey) && KIND_SPECS[file.kind].columns.some((c) => c.type === 'email');
  // The independent line count (and, for a file read as is, the check that the head told the
  // truth about encoding and line endings) runs in JS while DuckDB reads on its own threads.
  const scanning = file.format === 'parquet' ? Promise.resolve(undefined) : scanBytes(input.path);
  try {
    const formats = await decideFormats(db, file, plan, reader, index, warnings);
    await loadRows(db, file, plan, reader, formats, table, emailKey);
    await foldRepeatedIds(db, file, table, warnings);
  } catch (error) {
    const reread = rereadEncoding(await scanning.catch(() => undefined), file);
    if (reread) throw new Retry(reread);
    throw expressionError(file, expressions, error) ?? readError(file, error);
  }
  const bytes = await scanning;
  const reread = rereadEncoding(bytes, file);
  if (reread) throw new Retry(reread);
  const counted = await accountFor(db, file, plan, table, index, input, bytes, options.maxRejectRate, warnings);
  if (file.kind === 'survey' && counted.loaded > 0) await noScoresHint(db, file, plan, table, warnings);
  for (const column of softColumns(file, plan)) await droppedValues(db, file, table, column, warnings);
  if (file.kind === 'traffic' && counted.loaded > 0) await noAdditiveCounts(db, file, table, warnings);
  return {
    path: file.path,
    absolute: file.path,
    kind: file.kind,
    format: file.format,
    preset: file.preset?.id ?? null,
    detectedBy: file.detectedBy,
    table,
    records: counted.records,
    rows: counted.loaded,
    rejected: counted.rejected,
    skipped: counted.skipped,
    merged: counted.merged,
    encoding: file.encoding,
    notes: file.notes,
    rejects: counted.rejects,
    warnings,
    internal: [
      ...(plan.collapseBy ? ['_rec', '_records'] : plan.skip ? ['_rec'] : []), ...softColumns(file, plan).map((c) => `_dropped_${c}`),
      ...recodedColumns(file, plan).map(recodedFlag), ...(emailKey ? [EMAIL_KEY] : []),
    ],
    mapping: await describeMapping(db, file, plan, expressions, table, { merged: counted.merged, cut: input.cut }),
  };
}
