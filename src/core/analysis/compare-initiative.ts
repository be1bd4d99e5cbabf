// `journey compare --initiative ID`: the change at the initiative's touchpoint minus the change at
// the touchpoints it did not touch (pooled), per KPI with a test — a difference-in-differences
// with its 95% interval from the four independent cells.
import type { InitiativeConfig } from '../config/schema.js';
import { KPI_BY_ID, type KpiDef, type Relation } from '../kpis/catalogue.js';
import { toKpi, type Kpi, type KpiStats } from '../kpis/measure.js';
import type { Period } from '../period.js';
import type { Session } from '../session.js';
import { differenceInDifferences, poolStats, testFor } from './compare-tests.js';
import type { Measured } from './compare-types.js';
import type { z } from 'zod';
import type { didRowSchema, initiativeResultSchema } from '../contracts/compare.js';

/** Relations where every row belongs to one touchpoint, so touchpoint groups are disjoint samples. */
const ROW_GRAIN: Relation[] = ['surveys', 'csat_answers', 'tickets', 'campaigns'];

export type DidRow = z.infer<typeof didRowSchema>;
/** `initiative` in journey-compare/1 (src/core/contracts/compare.ts). */
export type InitiativeResult = z.infer<typeof initiativeResultSchema>;

/** Aggregates per touchpoint (summed over the stages it appears under) for one KPI. */
function byTouchpoint(m: Measured, kpi: string): Map<string, KpiStats[]> {
  const out = new Map<string, KpiStats[]>();
  for (const [key, stats] of m.stats) {
    const [segment, , touchpoint] = JSON.parse(key) as [string | null, string | null, string | null];
    const s = stats.get(kpi);
    if (segment !== null || touchpoint === null || !s) continue;
    out.set(touchpoint, [...(out.get(touchpoint) ?? []), s]);
  }
  return out;
}

const inside = (date: string, span: { since: string | null; until: string | null }) =>
  (span.since === null || date >= span.since) && (span.until === null || date <= span.until);

export function initiativeComparison(
  session: Session, initiative: InitiativeConfig, periods: { before: Period; after: Period }, mb: Measured, ma: Measured,
): InitiativeResult {
  const { config } = session;
  const opts = { lowN: config.low_n, minCell: config.min_cell };
  const span = { since: periods.before.since, until: periods.after.until };
  const excluded = [...new Set(config.initiatives
    .filter((i) => i.id !== initiative.id && i.touchpoint !== initiative.touchpoint && inside(i.started, span))
    .map((i) => i.touchpoint))];
  const target = initiative.touchpoint;
  const kpiIds = new Set<string>();
  for (const m of [mb, ma]) {
    for (const [key, kpis] of m.values) {
      const [segment, , touchpoint] = JSON.parse(key) as [string | null, string | null, string | null];
      if (segment === null && touchpoint === target) for (const id of kpis.keys()) kpiIds.add(id);
    }
  }
  const did: DidRow[] = [];
  for (const def of [...KPI_BY_ID.values()].filter((d) => kpiIds.has(d.id))) {
    const test = testFor(def);
    if (test !== 'nps_z' && test !== 'two_proportion_z' && test !== 'welch_t') continue;
    did.push(didRow(def, target, excluded, mb, ma, opts));
  }
  return {
    id: initiative.id,
    touchpoint: target,
    stage: config.touchpoints.find((t) => t.id === target)?.stage ?? null,
    started: initiative.started,
    description: initiative.description ?? null,
    before: periods.before,
    after: periods.after,
    excluded,
    did,
  };
}

function didRow(def: KpiDef, target: string, excluded: string[], mb: Measured, ma: Measured, opts: { lowN: number; minCell: number }): DidRow {
  const [tb, ta] = [mb, ma].map((m) => poolStats(def, byTouchpoint(m, def.id).get(target) ?? []));
  // Control: touchpoints with data in both periods, so the pool's mix does not change between them.
  const [cbParts, caParts] = [byTouchpoint(mb, def.id), byTouchpoint(ma, def.id)];
  const controls = [...cbParts.keys()].filter((t) => t !== target && !excluded.includes(t) && caParts.has(t)).sort();
  const cb = poolStats(def, controls.flatMap((t) => cbParts.get(t)!));
  const ca = poolStats(def, controls.flatMap((t) => caParts.get(t)!));
  const kpi = (s: KpiStats | null) => toKpi(def, s ?? { n: 0, value: null }, opts);
  const delta = (b: Kpi, a: Kpi) => (a.value === null || b.value === null ? null : a.value - b.value);
  const [tbK, taK, cbK, caK] = [tb, ta, cb, ca].map(kpi);
  const flags = new Set<string>();
  if ([tbK, taK, cbK, caK].some((k) => k.n < opts.lowN)) flags.add('low_n');
  if ([tbK, taK, cbK, caK].some((k) => k.flags.includes('suppressed'))) flags.add('suppressed');
  if (!tb || !ta || !cb || !ca) flags.add('no_data');
  const row: DidRow = {
    kpi: def.id, label: def.label, unit: def.unit,
    touchpoint: { before: tbK, after: taK, delta: delta(tbK, taK) },
    control: { before: cbK, after: caK, delta: delta(cbK, caK), touchpoints: controls },
    estimate: null, ci: null, p_value: null, p_adjusted: null, significant: false, method: null, no_test: null,
    flags: [...flags], components: { se: null, statistic: null, df: null },
  };
  if (!ROW_GRAIN.includes(def.relation)) return { ...row, no_test: 'overlap' };
  if (flags.has('no_data')) return { ...row, no_test: 'no_data' };
  if (flags.has('suppressed')) return { ...row, touchpoint: { ...row.touchpoint, delta: null }, no_test: 'suppressed' };
  const est = differenceInDifferences(def, { tb: tb!, ta: ta!, cb: cb!, ca: ca! });
  if (!est) return { ...row, no_test: testFor(def) === 'welch_t' && [tb, ta, cb, ca].some((s) => (s!.n ?? 0) < 2) ? 'too_few' : 'no_variance' };
  return {
    ...row, estimate: est.estimate, ci: est.ci, p_value: est.p_value,
    method: est.df === null ? 'normal' : 'welch_t',
    components: { se: est.se, statistic: est.statistic, df: est.df },
  };
}
