// `journey compare` in the core: measures the catalogue in two periods (or per segment value) in
// one session, compares every KPI at every scope with the test that fits it, and controls the
// false-discovery rate over all comparisons (Benjamini-Hochberg). Initiatives add a
// difference-in-differences (compare-initiative.ts).
import { say } from '../messages.js';
import { quoteIdent, type Params } from '../db.js';
import { UsageError } from '../errors.js';
import { findSegment } from '../config/load.js';
import { runWarnings } from '../warnings.js';
import { mappedView, segmentColumn } from '../journey/map.js';
import { CATALOGUE, KPI_BY_ID, type KpiDef } from '../kpis/catalogue.js';
import { measure, scopeKey, type Kpi, type KpiStats } from '../kpis/measure.js';
import { withPeriod, type Period } from '../period.js';
import type { Session } from '../session.js';
import { compareKpi } from './compare-tests.js';
import { checkPeriods, splitAt } from './compare-periods.js';
import { initiativeComparison } from './compare-initiative.js';
import { adjustFamily } from './significance.js';
import type { Measured } from './compare-types.js';
import type { z } from 'zod';
import type { compareResultSchema, compareRowSchema } from '../contracts/compare.js';

/** Significance level for the false-discovery rate; intervals are 95%. */
export const ALPHA = 0.05;

export type CompareRow = z.infer<typeof compareRowSchema>;
/** The journey-compare/1 document (src/core/contracts/compare.ts). */
export type CompareResult = z.infer<typeof compareResultSchema>;

export type CompareRequest = { now: Date } & (
  | { mode: 'periods'; before: Period; after: Period }
  | { mode: 'segment'; segment: string; reference?: string; period: Period }
  | { mode: 'initiative'; initiative: string; period: Period }
);

export type { Measured } from './compare-types.js';

type Side = { kpi: Kpi; stats?: KpiStats };

/** Measures in `period`; the session's own period is back in place afterwards. */
function measureIn(session: Session, period: Period, segmentCol: string | null): Promise<Measured> {
  return withPeriod(session.db, period, session.config.churn_days, () => measure(session.db, {
    loaded: session.model.kinds, shape: session.shape, segmentColumn: segmentCol,
    lowN: session.config.low_n, minCell: session.config.min_cell,
  }));
}

/** A side with no data: n = 0, no value; the row says so rather than disappearing. */
function emptyKpi(def: KpiDef, lowN: number): Kpi {
  return { id: def.id, label: def.label, value: null, unit: def.unit, n: 0, ci: null, flags: lowN > 0 ? ['low_n'] : [] };
}

function sideOf(m: Measured, key: string, def: KpiDef, lowN: number): Side {
  const kpi = m.values.get(key)?.get(def.id);
  return kpi ? { kpi, stats: m.stats.get(key)?.get(def.id) } : { kpi: emptyKpi(def, lowN) };
}

function compareRow(def: KpiDef, scope: { stage: string | null; touchpoint: string | null }, before: Side, after: Side, lowN: number): CompareRow {
  const c = compareKpi(def, before, after);
  const flags = new Set<string>();
  if (before.kpi.n < lowN || after.kpi.n < lowN) flags.add('low_n');
  if (before.kpi.flags.includes('suppressed') || after.kpi.flags.includes('suppressed')) flags.add('suppressed');
  if (!before.stats || !after.stats) flags.add('no_data');
  return {
    stage: scope.stage, touchpoint: scope.touchpoint, kpi: def.id, label: def.label, unit: def.unit,
    before: before.kpi, after: after.kpi, delta: c.delta, ci: c.ci, p_value: c.p_value, p_adjusted: null,
    significant: false, test: c.test, no_test: c.no_test, flags: [...flags], components: c.components,
  };
}

/** Every (stage, touchpoint, KPI) measured in either group, in report order. */
function pairedScopes(session: Session, groups: { m: Measured; segment: string | null }[]): { stage: string | null; touchpoint: string | null; def: KpiDef }[] {
  const seen = new Map<string, { stage: string | null; touchpoint: string | null; def: KpiDef }>();
  for (const { m, segment } of groups) {
    for (const [key, kpis] of m.values) {
      const [seg, stage, touchpoint] = JSON.parse(key) as [string | null, string | null, string | null];
      if (seg !== segment) continue;
      for (const id of kpis.keys()) {
        const def = KPI_BY_ID.get(id);
        if (def) seen.set(JSON.stringify([stage, touchpoint, id]), { stage, touchpoint, def });
      }
    }
  }
  const order = scopeOrder(session);
  const kpiOrder = new Map(CATALOGUE.map((k, i) => [k.id, i]));
  const rank = (x: { stage: string | null; touchpoint: string | null; def: KpiDef }) =>
    [...order(x.stage, x.touchpoint), kpiOrder.get(x.def.id) ?? 0];
  return [...seen.values()].sort((a, b) => lexicographic(rank(a), rank(b)));
}

function lexicographic(a: (number | string)[], b: (number | string)[]): number {
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i]!, b[i]!];
    if (x !== y) return typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
  }
  return 0;
}

/**
 * Sort key of a scope: the journey first, then each stage in config order (stages only in the data
 * after, by id), each followed by its touchpoints in config order (data-only ones after, by id).
 */
function scopeOrder(session: Session): (stage: string | null, touchpoint: string | null) => (number | string)[] {
  const stages = new Map(session.config.stages.map((s, i) => [s.id, i]));
  const touchpoints = new Map(session.config.touchpoints.map((t, i) => [t.id, i]));
  const last = Number.MAX_SAFE_INTEGER;
  return (stage, touchpoint) => [
    stage === null ? (touchpoint === null ? -1 : last) : stages.get(stage) ?? last - 1,
    stage ?? '',
    touchpoint === null ? -1 : touchpoints.get(touchpoint) ?? last,
    touchpoint ?? '',
  ];
}

/**
 * The default reference: of the values present in the period, the one with the most rows across
 * every kind the segment binds to (ties: alphabetical).
 */
async function largestValue(session: Session, segment: string, present: string[]): Promise<string | null> {
  const col = quoteIdent(segmentColumn(segment));
  const kinds = session.model.kinds.filter((k) => session.model.segmentKinds.get(segment)?.has(k));
  if (kinds.length === 0) return null;
  const parts = kinds.map((k) => `SELECT ${col} AS value, count(*) AS n FROM ${quoteIdent(mappedView(k))} WHERE ${col} IS NOT NULL GROUP BY 1`);
  const rows = await session.db.all<{ value: string }>(
    `SELECT value FROM (${parts.join(' UNION ALL ')}) GROUP BY value ORDER BY sum(n) DESC, value`, undefined, false);
  return rows.map((r) => r.value).find((v) => present.includes(v)) ?? null;
}

/** Benjamini-Hochberg over every p-value in the result, then `significant` from the adjusted p. */
function correct(items: { p_value: number | null; p_adjusted: number | null; significant: boolean }[]): { tests: number; significant: number } {
  const tested = adjustFamily(items, (r) => r.p_value, (r, q) => {
    r.p_adjusted = q;
    r.significant = q <= ALPHA;
  });
  return { tests: tested.length, significant: tested.filter((r) => r.significant).length };
}

export interface CompareOutput {
  result: CompareResult;
  /** Statements behind the numbers, in run order, for --explain (values still bound). */
  statements: { sql: string; params?: Params }[];
}

/**
 * Everything about a request that can be checked from the config alone, so a mistake is reported
 * before any file loads: the segment or initiative exists, the periods are usable.
 */
export function checkRequest(config: Session['config'], request: CompareRequest): void {
  if (request.mode === 'segment') findSegment(config, request.segment, 'by');
  if (request.mode === 'initiative') {
    const initiative = config.initiatives.find((i) => i.id === request.initiative);
    if (!initiative) {
      const known = config.initiatives.map((i) => i.id);
      throw new UsageError(`--initiative ${request.initiative}: no such initiative in the config${known.length ? `; use one of ${known.join(', ')}` : ' (add one under initiatives:)'}`);
    }
    splitAt(initiative.started, request.period);
  }
  if (request.mode === 'periods') checkPeriods(request.before, request.after);
}

type Base = Omit<CompareResult, 'rows' | 'method'>;
type Statements = CompareOutput['statements'];

export async function compare(session: Session, request: CompareRequest): Promise<CompareOutput> {
  const { config } = session;
  checkRequest(config, request);
  const base: Base = {
    schema: 'journey-compare/1',
    generated_at: request.now.toISOString(),
    mode: request.mode,
    sources: session.sources.map((s) => ({ path: s.path, kind: s.kind, rows: s.rows, rejected: s.rejected })),
    config: config.file ? session.display(config.file) : null,
    labels: {
      stages: Object.fromEntries(config.stages.map((s) => [s.id, s.label])),
      touchpoints: Object.fromEntries(config.touchpoints.map((t) => [t.id, t.label ?? t.id])),
    },
    warnings: runWarnings(session),
  };
  return request.mode === 'segment' ? compareSegments(session, request, base) : comparePeriods(session, request, base);
}

/** Each segment value against the reference value, in one measurement split by the segment. */
async function compareSegments(session: Session, request: Extract<CompareRequest, { mode: 'segment' }>, base: Base): Promise<CompareOutput> {
  const { config, db } = session;
  const def = findSegment(config, request.segment, 'by');
  const start = db.log.length;
  const m = await measureIn(session, request.period, segmentColumn(def.id));
  const statements: Statements = [{ sql: `-- period: ${request.period.since ?? '…'} .. ${request.period.until ?? '…'}` }, ...db.log.slice(start)];
  const values = [...new Set([...m.values.keys()].map((k) => (JSON.parse(k) as unknown[])[0]))]
    .filter((v): v is string => typeof v === 'string' && v !== '(none)').sort();
  if (request.reference !== undefined && !values.includes(request.reference)) {
    throw new UsageError(`--reference ${request.reference}: segment ${def.id} has no such value in the period; use one of ${values.join(', ') || '(none)'}`);
  }
  const reference = request.reference ?? await largestValue(session, def.id, values);
  if (reference === null) throw new UsageError(`--by ${def.id}: the segment has no values in the period, so there is nothing to compare`);
  const others = values.filter((v) => v !== reference);
  const warnings = [...base.warnings];
  if (others.length === 0) warnings.push(say('compareOneValue', { segment: def.id, value: reference }));
  const rows: CompareRow[] = [];
  // Scope by scope, KPI by KPI, the values side by side.
  const groups = [reference, ...others].map((segment) => ({ m, segment }));
  for (const scope of pairedScopes(session, groups)) {
    const key = (segment: string) => scopeKey({ segment, stage: scope.stage, touchpoint: scope.touchpoint });
    const ref = sideOf(m, key(reference), scope.def, config.low_n);
    for (const value of others) {
      const val = sideOf(m, key(value), scope.def, config.low_n);
      // A KPI that one of the two values never has (web KPIs for an order channel) is not a comparison.
      if (ref.stats && val.stats) rows.push({ segment: value, ...compareRow(scope.def, scope, ref, val, config.low_n) });
    }
  }
  const method = methodOf(config, correct(rows));
  const segment = { id: def.id, label: def.label ?? def.id, reference, values: others };
  return { result: { ...base, warnings, period: request.period, segment, rows, method }, statements };
}

/** Two periods (given, or split at an initiative's start), measured one after the other in the same session. */
async function comparePeriods(session: Session, request: Exclude<CompareRequest, { mode: 'segment' }>, base: Base): Promise<CompareOutput> {
  const { config, db } = session;
  const initiative = request.mode === 'initiative' ? config.initiatives.find((i) => i.id === request.initiative)! : undefined;
  const { before, after } = request.mode === 'initiative' ? splitAt(initiative!.started, request.period) : request;
  const start = db.log.length;
  const mb = await measureIn(session, before, null);
  const mid = db.log.length;
  const ma = await measureIn(session, after, null);
  const statements: Statements = [
    { sql: `-- before: ${before.since ?? '…'} .. ${before.until ?? '…'}` }, ...db.log.slice(start, mid),
    { sql: `-- after: ${after.since ?? '…'} .. ${after.until ?? '…'}` },
    ...db.log.slice(mid).filter((e) => e.sql.startsWith('SET VARIABLE')),
    { sql: '-- ... then the same KPI queries as above, now over the after period' },
  ];
  const rows: CompareRow[] = [];
  for (const scope of pairedScopes(session, [{ m: mb, segment: null }, { m: ma, segment: null }])) {
    if (initiative && scope.touchpoint !== initiative.touchpoint) continue;
    const key = scopeKey({ segment: null, stage: scope.stage, touchpoint: scope.touchpoint });
    rows.push(compareRow(scope.def, scope, sideOf(mb, key, scope.def, config.low_n), sideOf(ma, key, scope.def, config.low_n), config.low_n));
  }
  const warnings = [...base.warnings];
  const did = initiative ? initiativeComparison(session, initiative, { before, after }, mb, ma) : undefined;
  if (initiative && rows.length === 0) warnings.push(say('compareNoInitiativeData', { touchpoint: initiative.touchpoint }));
  const method = methodOf(config, correct([...rows, ...(did?.did ?? [])]));
  return { result: { ...base, warnings, before, after, ...(did ? { initiative: did } : {}), rows, method }, statements };
}

function methodOf(config: Session['config'], counts: { tests: number; significant: number }): CompareResult['method'] {
  return { level: 0.95, alpha: ALPHA, correction: 'benjamini-hochberg', ...counts, low_n: config.low_n, min_cell: config.min_cell };
}
