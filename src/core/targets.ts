// Targets and alerts (docs/targets.md): the config's `targets:` judged against each KPI with its
// 95% interval, `--vs` changes attached to each KPI, and the alerts a cron run exits 3 on.
import type { z } from 'zod';
import { CATALOGUE } from './kpis/catalogue.js';
import type { Kpi, KpiStats } from './kpis/measure.js';
import type { AlertsConfig, TargetsConfig } from './config/schema.js';
import type { kpiTargetSchema } from './contracts/shared.js';
import type { Period } from './period.js';
import { compareKpi } from './analysis/compare-tests.js';
import { adjustFamily } from './analysis/significance.js';

export type KpiTarget = z.infer<typeof kpiTargetSchema>;
type Bound = { min?: number; max?: number };

/** KPIs that get better as they go down; every other KPI is better higher. */
export const LOWER_IS_BETTER = new Set(['ttr_median_hours', 'ttr_p90_hours', 'first_response_median_hours', 'tickets',
  'cart_abandonment_rate', 'churn_rate']);

const ALPHA = 0.05;
const KPI_IDS = new Set(CATALOGUE.map((k) => k.id));
const DEFS = new Map(CATALOGUE.map((k) => [k.id, k]));

/** Config problems of `targets:` and `alerts:` that need the rest of the config (ids), with dotted paths. */
export function checkTargets(targets: unknown, alerts: unknown, stageIds: Set<string>, touchpointIds: Set<string>): string[] {
  const problems: string[] = [];
  const obj = (v: unknown) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Record<string, unknown> : {});
  const kpis = (entries: Record<string, unknown>, path: string) => {
    for (const id of Object.keys(entries)) {
      if (!KPI_IDS.has(id)) problems.push(`${path}.${id}: "${id}" is not a KPI id; see journey kpis`);
    }
  };
  const t = obj(targets);
  kpis(Object.fromEntries(Object.entries(t).filter(([k]) => k !== 'stages' && k !== 'touchpoints')), 'targets');
  for (const [scope, known, word] of [['stages', stageIds, 'stage'], ['touchpoints', touchpointIds, 'touchpoint']] as const) {
    for (const [id, entries] of Object.entries(obj(t[scope]))) {
      if (!known.has(id)) problems.push(`targets.${scope}.${id}: "${id}" is not a ${word}; use one of ${[...known].join(', ') || '(none configured)'}`);
      kpis(obj(entries), `targets.${scope}.${id}`);
    }
  }
  const decline = obj(alerts).decline;
  if (Array.isArray(decline)) {
    decline.forEach((id, i) => {
      if (typeof id === 'string' && !KPI_IDS.has(id)) problems.push(`alerts.decline[${i}]: "${id}" is not a KPI id; see journey kpis`);
    });
  }
  return problems;
}

const wrongSide = (x: number, b: Bound) => (b.min !== undefined && x < b.min) || (b.max !== undefined && x > b.max);

/**
 * A value against its target. met: the value is on the right side. missed: the value is on the
 * wrong side and so is its whole 95% interval (or there is no interval: a count or total is exact,
 * a median has none here). at_risk: the value misses but the interval still reaches the target.
 */
export function judgeTarget(kpi: Pick<Kpi, 'value' | 'ci' | 'flags'>, bound: Bound): KpiTarget {
  const base = { min: bound.min ?? null, max: bound.max ?? null };
  if (kpi.value === null) {
    const reason = kpi.flags.includes('suppressed') ? 'withheld: fewer respondents than min_cell' : 'no data in the period';
    return { ...base, status: 'not_measurable', reason };
  }
  if (!wrongSide(kpi.value, bound)) return { ...base, status: 'met', reason: null };
  if (kpi.ci && !(wrongSide(kpi.ci[0], bound) && wrongSide(kpi.ci[1], bound))) return { ...base, status: 'at_risk', reason: null };
  return { ...base, status: 'missed', reason: null };
}

/** One KPI list at one scope, as the report holds it. */
export interface ScopedKpis {
  stage: string | null;
  touchpoint: string | null;
  kpis: Kpi[];
}

/** The target for a KPI at a scope: the touchpoint's, else the stage's, else (journey only) the top level. */
function boundFor(targets: TargetsConfig, scope: ScopedKpis, id: string): Bound | undefined {
  if (scope.touchpoint !== null) return targets.touchpoints?.[scope.touchpoint]?.[id];
  if (scope.stage !== null) return targets.stages?.[scope.stage]?.[id];
  const top = (targets as Record<string, unknown>)[id];
  return id === 'stages' || id === 'touchpoints' ? undefined : top as Bound | undefined;
}

/**
 * Sets `target` on each KPI that has one. A target for a KPI with no value at its scope still
 * shows, as not measurable, so a silent gap in the data is not read as "met".
 */
export function applyTargets(scopes: ScopedKpis[], targets: TargetsConfig | undefined): void {
  if (!targets) return;
  for (const scope of scopes) {
    for (const kpi of scope.kpis) {
      const bound = boundFor(targets, scope, kpi.id);
      if (bound) kpi.target = judgeTarget(kpi, bound);
    }
    const wanted = scope.touchpoint !== null ? targets.touchpoints?.[scope.touchpoint]
      : scope.stage !== null ? targets.stages?.[scope.stage]
        : Object.fromEntries(Object.entries(targets).filter(([k]) => k !== 'stages' && k !== 'touchpoints')) as Record<string, Bound>;
    for (const [id, bound] of Object.entries(wanted ?? {})) {
      const def = DEFS.get(id);
      if (!def || scope.kpis.some((k) => k.id === id)) continue;
      scope.kpis.push({
        id, label: def.label, value: null, unit: def.unit, n: 0, ci: null, flags: ['no_data'],
        target: judgeTarget({ value: null, ci: null, flags: ['no_data'] }, bound),
      });
    }
  }
}

/** Key of a scope in measure()'s maps. */
export type ScopeKeyOf = (scope: { stage: string | null; touchpoint: string | null }) => string;

/**
 * With --vs: each KPI gets the comparison period's value and the change, tested as `journey
 * compare` tests it (compareKpi), Benjamini-Hochberg adjusted over every tested change of the run.
 */
export function applyVs(scopes: ScopedKpis[], key: ScopeKeyOf,
  now: { stats: Map<string, Map<string, KpiStats>> },
  before: { values: Map<string, Map<string, Kpi>>; stats: Map<string, Map<string, KpiStats>> }): void {
  const all: NonNullable<Kpi['vs']>[] = [];
  for (const scope of scopes) {
    const k = key(scope);
    for (const kpi of scope.kpis) {
      const def = DEFS.get(kpi.id);
      if (!def) continue;
      const prev = before.values.get(k)?.get(kpi.id);
      const prevStats = before.stats.get(k)?.get(kpi.id);
      const curStats = now.stats.get(k)?.get(kpi.id);
      const c = compareKpi(def, { kpi: prev ?? emptyKpi(kpi), stats: prevStats }, { kpi, stats: curStats });
      const delta = prev && prev.value !== null && kpi.value !== null ? kpi.value - prev.value : c.delta;
      kpi.vs = {
        value: prev?.value ?? null, n: prev?.n ?? 0, ci: prev?.ci ?? null, flags: prev?.flags ?? ['no_data'],
        delta, delta_ci: c.ci, test: c.test, no_test: c.no_test, p_value: c.p_value, p_adjusted: null, significant: false, worse: false,
      };
      all.push(kpi.vs);
    }
  }
  adjustFamily(all, (v) => v.p_value, (v, q) => {
    v.p_adjusted = q;
    v.significant = q <= ALPHA;
  });
  for (const scope of scopes) {
    for (const kpi of scope.kpis) {
      const vs = kpi.vs;
      if (!vs || !vs.significant || vs.delta === null) continue;
      vs.worse = LOWER_IS_BETTER.has(kpi.id) ? vs.delta > 0 : vs.delta < 0;
    }
  }
}

function emptyKpi(kpi: Kpi): Kpi {
  return { id: kpi.id, label: kpi.label, value: null, unit: kpi.unit, n: 0, ci: null, flags: ['no_data'] };
}

export interface Alert {
  type: 'missed' | 'at_risk' | 'decline';
  stage: string | null;
  touchpoint: string | null;
  kpi: string;
  message: string;
}

const num = (x: number) => String(Number(x.toFixed(2)));
const scopeName = (s: ScopedKpis) => (s.touchpoint !== null ? `touchpoint ${s.touchpoint} (${s.stage})` : s.stage !== null ? `stage ${s.stage}` : 'journey');
const periodText = (p: Period) => `${p.since ?? 'start'}..${p.until ?? 'end'}`;

function targetText(t: KpiTarget): string {
  return [t.min !== null ? `min ${num(t.min)}` : '', t.max !== null ? `max ${num(t.max)}` : ''].filter(Boolean).join(', ');
}

function valueText(kpi: Kpi): string {
  return kpi.value === null ? 'no value' : `${num(kpi.value)}${kpi.ci ? ` [${num(kpi.ci[0])}, ${num(kpi.ci[1])}]` : ''} (n=${kpi.n})`;
}

/**
 * The alerts that fire under `alerts:` (none without it): each as one line for a cron mail, naming
 * the KPI, the scope, the period, the value with its interval and what it was judged against.
 */
export function collectAlerts(scopes: ScopedKpis[], alerts: AlertsConfig | undefined, period: Period, vsPeriod: Period | null): Alert[] {
  if (!alerts) return [];
  const out: Alert[] = [];
  const declineOn = (id: string) => alerts.decline === 'all' || (Array.isArray(alerts.decline) && alerts.decline.includes(id));
  for (const scope of scopes) {
    for (const kpi of scope.kpis) {
      const base = { stage: scope.stage, touchpoint: scope.touchpoint, kpi: kpi.id };
      const where = `${kpi.id} (${scopeName(scope)}) ${periodText(period)}`;
      const t = kpi.target;
      if (t && ((t.status === 'missed' && alerts.missed) || (t.status === 'at_risk' && alerts.at_risk))) {
        const word = t.status === 'missed' ? 'missed target' : 'at risk of missing target';
        out.push({ ...base, type: t.status, message: `${where}: ${word} ${targetText(t)}: ${valueText(kpi)}` });
      }
      const vs = kpi.vs;
      if (vs?.worse && vsPeriod && declineOn(kpi.id) && vs.delta !== null) {
        const ci = vs.delta_ci ? ` [${num(vs.delta_ci[0])}, ${num(vs.delta_ci[1])}]` : '';
        out.push({ ...base, type: 'decline', message: `${where}: significant decline against ${periodText(vsPeriod)}: ${num(vs.value ?? 0)} -> ${num(kpi.value ?? 0)}, change ${num(vs.delta)}${ci}, adjusted p ${vs.p_adjusted === null ? '-' : vs.p_adjusted.toPrecision(2)}` });
      }
    }
  }
  return out;
}
