// Key drivers of NPS (`journey drivers`): which touchpoint experiences (CSAT, CES) explain the
// customer's NPS answer, as Johnson's relative weights with bootstrap intervals. DuckDB builds one
// row per customer; the small matrix is analysed here.
import { say } from '../messages.js';
import { quoteIdent, type Db, type Params } from '../db.js';
import { DataError, UsageError } from '../errors.js';
import { inPeriod, type Period } from '../period.js';
import type { Session } from '../session.js';
import { fitDrivers, type RelativeWeightComponents } from './drivers-stats.js';
import type { z } from 'zod';
import type { driverSchema, driversCoreSchema, droppedPredictorSchema } from '../contracts/drivers.js';

export const MEASURES = ['csat', 'ces'] as const;
export type Measure = (typeof MEASURES)[number];

export interface DriversRequest {
  period: Period;
  /** Only NPS answers given at this touchpoint (a relationship survey); null: any NPS answer. */
  npsFrom: string | null;
  /** Predictor ids (`touchpoint.measure`) to use as given; default: chosen from the data. */
  predictors?: string[];
  /** Predictors answered by fewer customers (who also gave an NPS) are dropped. */
  minAnswers: number;
  /** Default choice: a predictor is added only while this share (0..1) of the customers with an NPS answered all. */
  minCoverage: number;
  resamples: number;
  seed: number;
  now: Date;
}

export type Driver = z.infer<typeof driverSchema>;

export type DropReason = 'too_few_answers' | 'no_variation' | 'shrinks_sample';

export type DroppedPredictor = z.infer<typeof droppedPredictorSchema>;

/**
 * The journey-drivers/1 fields (src/core/contracts/drivers.ts) plus `explain`, the internals that
 * the JSON renderer turns into the document's `explain` (with --explain) or leaves out.
 */
export interface DriversResult extends z.infer<typeof driversCoreSchema> {
  /** What `--explain` shows: the queries and every intermediate of the computation. */
  explain: { queries: { sql: string; params?: Params }[]; ids: string[]; components: RelativeWeightComponents };
}

interface Candidate {
  id: string;
  touchpoint: string;
  measure: Measure;
  answers: number;
  sd: number;
}

const ANSWERS_CTES = `answers AS (
  SELECT customer_key, _touchpoint AS touchpoint, submitted_at, nps, csat, ces
  FROM mapped_surveys
  WHERE customer_key IS NOT NULL
    AND ${inPeriod('submitted_at')}
),
outcome AS (
  -- each customer's latest NPS answer in the period
  SELECT customer_key, arg_max(nps, submitted_at) AS nps
  FROM answers
  WHERE nps IS NOT NULL AND ($1 IS NULL OR touchpoint = $1)
  GROUP BY customer_key
),
experience AS (
  -- each customer's average CSAT and CES per touchpoint
  SELECT customer_key, touchpoint, avg(csat) AS csat, avg(ces) AS ces
  FROM answers
  WHERE touchpoint IS NOT NULL AND (csat IS NOT NULL OR ces IS NOT NULL)
  GROUP BY customer_key, touchpoint
)`;

/** Per touchpoint and measure: customers with an NPS who answered it, and the spread of their answers. */
const CANDIDATES_SQL = `WITH ${ANSWERS_CTES},
long AS (
  UNPIVOT experience ON csat, ces INTO NAME measure VALUE score
)
SELECT long.touchpoint, long.measure,
       count(*)::DOUBLE AS answers,
       coalesce(stddev_samp(long.score), 0)::DOUBLE AS sd
FROM long
JOIN outcome USING (customer_key)
GROUP BY long.touchpoint, long.measure
ORDER BY answers DESC, long.touchpoint, long.measure`;

/** One row per customer with an NPS: the NPS answer and each candidate predictor (null when not answered). */
function matrixSql(candidates: Candidate[], npsFrom: string | null): { sql: string; params: Params } {
  const params = [npsFrom, ...candidates.map((c) => c.touchpoint)];
  const columns = candidates.map((c, i) => `max(${c.measure}) FILTER (WHERE touchpoint = $${i + 2}) AS ${quoteIdent(c.id)}`);
  const sql = `WITH ${ANSWERS_CTES},
wide AS (
  SELECT customer_key,
         ${columns.join(',\n         ')}
  FROM experience
  GROUP BY customer_key
)
SELECT outcome.nps::DOUBLE AS nps, ${candidates.map((c) => `wide.${quoteIdent(c.id)}`).join(', ')}
FROM outcome
JOIN wide USING (customer_key)
ORDER BY customer_key`;
  return { sql, params };
}

const isMeasure = (m: string): m is Measure => (MEASURES as readonly string[]).includes(m);

function parsePredictor(id: string): { touchpoint: string; measure: Measure } | null {
  const dot = id.lastIndexOf('.');
  const measure = id.slice(dot + 1);
  return dot > 0 && isMeasure(measure) ? { touchpoint: id.slice(0, dot), measure } : null;
}

const complete = (rows: (number | null)[][], columns: number[]) =>
  rows.filter((row) => row[0] !== null && columns.every((c) => row[c] !== null)).length;

/**
 * Default choice of predictors: most-answered first; each next one is kept only while the customers
 * answering every kept predictor stay at least `floor` (the first predictor is always tried).
 */
function choosePredictors(rows: (number | null)[][], floor: number): { kept: number[]; dropped: { index: number; nIfKept: number }[] } {
  const kept: number[] = [];
  const dropped: { index: number; nIfKept: number }[] = [];
  for (let i = 0; i + 1 < (rows[0]?.length ?? 0); i++) {
    const next = complete(rows, [...kept.map((k) => k + 1), i + 1]);
    if (kept.length === 0 || next >= floor) kept.push(i);
    else dropped.push({ index: i, nIfKept: next });
  }
  return { kept, dropped };
}

/** `--predictors`: exactly these, each of which must have answers from customers with an NPS. */
function named(all: Candidate[], ids: string[]): Candidate[] {
  const byId = new Map(all.map((c) => [c.id, c]));
  const unknown = ids.filter((id) => !parsePredictor(id) || !byId.has(id));
  if (unknown.length) {
    throw new UsageError(`--predictors: no answers for ${unknown.join(', ')} from customers with an NPS; available: ${all.map((c) => c.id).join(', ') || '(none)'}`);
  }
  return [...new Set(ids)].map((id) => byId.get(id)!);
}

/** Default candidates: enough answers and some variation; the others go to `dropped` with a reason. */
function eligible(all: Candidate[], minAnswers: number, drop: (c: Candidate, reason: DropReason) => DroppedPredictor, dropped: DroppedPredictor[]): Candidate[] {
  const out: Candidate[] = [];
  for (const c of all) {
    if (c.answers < minAnswers) dropped.push(drop(c, 'too_few_answers'));
    else if (!(c.sd > 0)) dropped.push(drop(c, 'no_variation'));
    else out.push(c);
  }
  return out;
}

export async function buildDrivers(session: Session, request: DriversRequest): Promise<DriversResult> {
  const { db, config } = session;
  if (!session.model.kinds.includes('survey')) {
    throw new DataError('journey drivers needs survey answers (NPS, and CSAT or CES per touchpoint); the inputs have none');
  }
  const npsParams = [request.npsFrom];
  const queries: { sql: string; params?: Params }[] = [{ sql: CANDIDATES_SQL, params: npsParams }];
  const found = await db.all<{ touchpoint: string; measure: string; answers: number; sd: number }>(CANDIDATES_SQL, npsParams);
  const customersWithNps = await countNps(db, npsParams);
  if (customersWithNps === 0) {
    throw new DataError(`journey drivers needs NPS answers${request.npsFrom ? ` at ${request.npsFrom}` : ''} from identified customers (customer_id or email) in the period; found none`);
  }
  const all: Candidate[] = found
    .filter((r) => isMeasure(r.measure))
    .map((r) => ({ id: `${r.touchpoint}.${r.measure}`, touchpoint: r.touchpoint, measure: r.measure as Measure, answers: r.answers, sd: r.sd }));
  const labels = new Map(config.touchpoints.map((t) => [t.id, t.label ?? t.id]));
  const drop = (c: Candidate, reason: DropReason, nIfKept?: number): DroppedPredictor => ({
    id: c.id, touchpoint: c.touchpoint, touchpoint_label: labels.get(c.touchpoint) ?? c.touchpoint, measure: c.measure, answers: c.answers, reason,
    ...(nIfKept === undefined ? {} : { n_if_kept: nIfKept }),
  });
  const dropped: DroppedPredictor[] = [];
  const candidates = request.predictors?.length ? named(all, request.predictors) : eligible(all, request.minAnswers, drop, dropped);
  if (candidates.length === 0) {
    throw new DataError(`journey drivers found no touchpoint CSAT or CES answered by at least ${request.minAnswers} customers who also gave an NPS`);
  }
  const matrix = matrixSql(candidates, request.npsFrom);
  queries.push(matrix);
  const raw = await db.all<Record<string, number | null>>(matrix.sql, matrix.params);
  const rows = raw.map((r) => [r.nps, ...candidates.map((c) => r[c.id] ?? null)]);
  const floor = Math.max(config.low_n, 10);
  let kept = candidates.map((_, i) => i);
  if (!request.predictors?.length) {
    const choice = choosePredictors(rows, Math.max(floor, request.minCoverage * customersWithNps));
    kept = choice.kept;
    dropped.push(...choice.dropped.map(({ index, nIfKept }) => drop(candidates[index], 'shrinks_sample', nIfKept)));
  }
  const used = kept.map((i) => candidates[i]);
  const columns = [...kept.map((i) => i + 1), 0];
  const data = rows
    .filter((row) => columns.every((c) => row[c] !== null))
    .map((row) => columns.map((c) => row[c] as number));
  if (data.length < Math.max(floor, used.length + 2)) {
    throw new DataError(`journey drivers: only ${data.length} customers gave an NPS and answered ${used.map((c) => c.id).join(', ')}; need at least ${Math.max(floor, used.length + 2)}`);
  }
  const fit = fitDrivers(data, { resamples: request.resamples, seed: request.seed, level: 0.95 });
  if (!fit) {
    throw new DataError(`journey drivers: the predictors ${used.map((c) => c.id).join(', ')} are collinear or constant among the ${data.length} customers; choose others with --predictors`);
  }
  const drivers = used.map((c, j) => ({
    id: c.id, touchpoint: c.touchpoint, touchpoint_label: labels.get(c.touchpoint) ?? c.touchpoint, measure: c.measure, answers: c.answers,
    ...fit.estimates[j],
  })).sort((a, b) => a.rank - b.rank);
  const warnings = [...session.warnings];
  for (const d of drivers) {
    // Tiny weights flip sign by chance; a sizeable driver with a negative sign is worth a word.
    if (d.coefficient < 0 && d.share >= 5) warnings.push(say('driversNegative', { id: d.id }));
  }
  return {
    schema: 'journey-drivers/1',
    generated_at: request.now.toISOString(),
    period: request.period,
    outcome: { id: 'nps', scale: '0-10', touchpoint: request.npsFrom },
    n: fit.n,
    customers_with_nps: customersWithNps,
    r2: fit.r2,
    r2_ci: fit.r2_ci,
    drivers,
    dropped,
    method: { name: 'johnson_relative_weights', interval: 'bootstrap_percentile', level: 0.95, resamples: fit.resamples, seed: request.seed },
    warnings,
    explain: { queries, ids: used.map((c) => c.id), components: fit.components },
  };
}

async function countNps(db: Db, params: Params): Promise<number> {
  const [row] = await db.all<{ n: number }>(`WITH ${ANSWERS_CTES}\nSELECT count(*)::DOUBLE AS n FROM outcome`, params, false);
  return row.n;
}
