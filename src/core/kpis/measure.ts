// Measures the catalogue: one query per relation computes every KPI of that relation at every
// scope (journey, stage, touchpoint, optionally per segment) with GROUPING SETS; intervals and
// reliability flags are added here from the aggregates (DuckDB has no t or normal quantiles).
import { quoteIdent, type Db } from '../db.js';
import type { Kind } from '../sources/kinds/index.js';
import { CATALOGUE, type KpiDef, type Relation } from './catalogue.js';
import { relationSql } from './relations.js';
import { mappedView } from '../journey/map.js';
import { npsAdjustedWald, tInterval, wilson, Z95 } from './stats.js';
import type { z } from 'zod';
import type { kpiSchema } from '../contracts/shared.js';

/** The segment value of rows whose segment expression gave nothing. */
export const NO_VALUE = '(none)';

export type Kpi = z.infer<typeof kpiSchema>;

export interface Scope {
  segment: string | null;
  stage: string | null;
  touchpoint: string | null;
}

export const scopeKey = (s: Scope) => JSON.stringify([s.segment, s.stage, s.touchpoint]);

/** How rows of a relation carry stages, decided from the data so no grouping set is wasted. */
export type StageMode = 'none' | 'own' | 'mixed';

export interface MeasureOptions {
  loaded: Kind[];
  /** Per kind: does any row lack a stage / have one? does any row have a touchpoint? */
  shape: Map<Kind, { rows: number; staged: number; mapped: number }>;
  segmentColumn: string | null;
  lowN: number;
  minCell: number;
  /** Decimals money values are rounded to (the currency's minor units); default 2. */
  moneyDecimals?: number;
}

export interface RelationQuery {
  relation: Relation;
  kpis: KpiDef[];
  sql: string;
  mode: StageMode;
  groupCols: string[];
}

const stat = (kpi: KpiDef, name: string) => quoteIdent(`${kpi.id}__${name}`);

function stageMode(kinds: Kind[], shape: MeasureOptions['shape']): { mode: StageMode; touchpoints: boolean } {
  let rows = 0;
  let staged = 0;
  let mapped = 0;
  for (const k of kinds) {
    const s = shape.get(k);
    if (s) { rows += s.rows; staged += s.staged; mapped += s.mapped; }
  }
  const mode: StageMode = staged === 0 ? 'none' : staged === rows ? 'own' : 'mixed';
  return { mode, touchpoints: mapped > 0 };
}

/** The SQL for one relation: CTEs, a home-stage level, grouping sets, then the KPI formulas. */
function relationQuery(relation: Relation, kpis: KpiDef[], options: MeasureOptions): RelationQuery | undefined {
  const seg = options.segmentColumn;
  const rel = relationSql(relation, options.loaded, seg ? [seg] : []);
  if (!rel) return undefined;
  const { mode, touchpoints } = stageMode(rel.kinds, options.shape);
  const homes = [...new Set(kpis.map((k) => k.stage))];
  const stageCols = mode === 'own' ? ['_stage'] : mode === 'mixed' ? homes.map((h) => `_stage_${h}`) : [];
  const homed = mode === 'mixed'
    ? `homed AS (\n  SELECT *, ${homes.map((h) => `coalesce(_stage, '${h}') AS ${quoteIdent(`_stage_${h}`)}`).join(', ')}\n  FROM scoped\n)`
    : `homed AS (\n  SELECT * FROM scoped\n)`;
  const base: string[][] = [[]];
  for (const c of stageCols) {
    base.push([c]);
    if (touchpoints) base.push([c, '_touchpoint']);
  }
  if (stageCols.length === 0 && touchpoints) base.push(['_touchpoint']);
  const sets = seg ? [...base, ...base.map((s) => [seg, ...s])] : base;
  const groupCols = [...new Set(sets.flat())];
  const setsSql = sets.map((s) => `(${s.map(quoteIdent).join(', ')})`).join(', ');
  const groupingCols = groupCols.map((c) => `GROUPING(${quoteIdent(c)}) AS ${quoteIdent(`_g${c}`)}`);
  const statCols = kpis.flatMap((k) =>
    Object.entries(k.stats).map(([name, expr]) => `CAST(${expr} AS DOUBLE) AS ${stat(k, name)}`));
  const valueCols = kpis.map((k) => {
    const formula = k.value.replace(/\{(\w+)\}/g, (_, name: string) => stat(k, name));
    // Money comes out in the currency's minor units, rounded as a decimal (half away from zero).
    const value = k.unit === 'money'
      ? `round(CAST(${formula} AS DECIMAL(38, 6)), ${options.moneyDecimals ?? 2})`
      : formula;
    return `CAST(${value} AS DOUBLE) AS ${stat(k, 'value')}`;
  });
  const ctes = [...rel.ctes, homed];
  let from = 'homed';
  let groupBy = `GROUP BY GROUPING SETS (${setsSql})`;
  if (rel.perCustomer) {
    // Customer grain: first one row per customer within each scope, then count customers.
    const customerSets = sets.map((s) => `(${[...s, 'customer_key'].map(quoteIdent).join(', ')})`).join(', ');
    ctes.push(`per_customer AS (
  SELECT ${[...groupCols.map(quoteIdent), ...groupingCols, 'customer_key', rel.perCustomer].join(', ')}
  FROM homed
  GROUP BY GROUPING SETS (${customerSets})
)`);
    from = 'per_customer';
    groupBy = groupCols.length ? `GROUP BY ${[...groupCols, ...groupCols.map((c) => `_g${c}`)].map(quoteIdent).join(', ')}` : '';
  }
  const selectGroups = rel.perCustomer
    ? [...groupCols.map(quoteIdent), ...groupCols.map((c) => quoteIdent(`_g${c}`))]
    : [...groupCols.map(quoteIdent), ...groupingCols];
  const sql = [
    `-- KPIs on ${relation}: ${kpis.map((k) => k.id).join(', ')}`,
    `WITH ${ctes.join(',\n')},`,
    `stats AS (`,
    `  SELECT ${[...selectGroups, ...statCols].join(',\n         ')}`,
    `  FROM ${from}`,
    `  ${groupBy}`,
    `)`,
    `SELECT *,`,
    `       ${valueCols.join(',\n       ')}`,
    `FROM stats`,
  ].join('\n');
  return { relation, kpis, sql, mode, groupCols };
}

export function relationQueries(options: MeasureOptions): RelationQuery[] {
  const byRelation = new Map<Relation, KpiDef[]>();
  for (const k of CATALOGUE) byRelation.set(k.relation, [...(byRelation.get(k.relation) ?? []), k]);
  return [...byRelation].flatMap(([relation, kpis]) => relationQuery(relation, kpis, options) ?? []);
}

function interval(kpi: KpiDef, s: Record<string, number | null>): [number, number] | null {
  const n = s.n ?? 0;
  switch (kpi.interval) {
    case 'wilson': {
      const ci = wilson(s.k ?? 0, n, Z95);
      return ci && [100 * ci[0], 100 * ci[1]];
    }
    case 'nps':
      return npsAdjustedWald(s.promoters ?? 0, s.detractors ?? 0, n, Z95)?.ci ?? null;
    case 't':
      return s.mean === null ? null : tInterval(s.mean, s.sd, n);
    default:
      return null;
  }
}

/** A KPI whose inputs are not in the data: no value, and the reason. */
export function notMeasurable(kpi: KpiDef, reason: string): Kpi {
  return { id: kpi.id, label: kpi.label, value: null, unit: kpi.unit, n: 0, ci: null, flags: ['not_measurable'], unavailable: reason };
}

/**
 * KPIs whose inputs the loaded data lacks (catalogue `requires`), with the reason: checked over all
 * rows of the kind, whatever the period, so a quiet month does not make a KPI "not measurable".
 */
export function unavailableKpis(db: Db, loaded: Kind[]): Promise<Map<string, string>> {
  // The answer does not depend on the period, so one scan per session serves every measure() call
  // (trends measure once per period, compare and --vs twice).
  const known = UNAVAILABLE.get(db) ?? new Map<string, Promise<Map<string, string>>>();
  UNAVAILABLE.set(db, known);
  const key = loaded.join(',');
  if (!known.has(key)) known.set(key, scanUnavailable(db, loaded));
  return known.get(key)!;
}

const UNAVAILABLE = new WeakMap<Db, Map<string, Promise<Map<string, string>>>>();

async function scanUnavailable(db: Db, loaded: Kind[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const checks = CATALOGUE.filter((k) => k.requires && loaded.includes(k.requires.kind));
  for (const kind of new Set(checks.map((k) => k.requires!.kind))) {
    const mine = checks.filter((k) => k.requires!.kind === kind);
    const [row] = await db.all<Record<string, boolean>>(
      `SELECT ${mine.map((k) => `(${k.requires!.missing}) AS ${quoteIdent(k.id)}`).join(', ')} FROM ${quoteIdent(mappedView(kind))}`,
      undefined, false);
    for (const k of mine) if (row[k.id]) out.set(k.id, k.requires!.reason);
  }
  return out;
}

/** Decimals of the orders' currency (ISO 4217 minor units) when they all have one; else 2. */
export async function moneyDecimals(db: Db, loaded: Kind[]): Promise<number> {
  if (!loaded.includes('order')) return 2;
  const rows = await db.all<{ c: string }>(
    `SELECT DISTINCT upper(trim(currency)) AS c FROM ${quoteIdent(mappedView('order'))} WHERE currency IS NOT NULL LIMIT 2`, undefined, false);
  if (rows.length !== 1) return 2;
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency: rows[0].c }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export function toKpi(kpi: KpiDef, s: Record<string, number | null>, options: Pick<MeasureOptions, 'lowN' | 'minCell'>): Kpi {
  const n = s.n ?? 0;
  const flags: string[] = [];
  if (n < options.lowN) flags.push('low_n');
  if (kpi.surveyDerived && n < options.minCell) {
    return { id: kpi.id, label: kpi.label, value: null, unit: kpi.unit, n, ci: null, flags: [...flags, 'suppressed'] };
  }
  return { id: kpi.id, label: kpi.label, value: s.value ?? null, unit: kpi.unit, n, ci: interval(kpi, s), flags };
}

/**
 * Complementary suppression (DESIGN §10): the cells of one KPI at one scope across the values of a
 * segment add up, with their n, to the whole-journey cell that is shown. One withheld cell could
 * be recovered by subtracting its siblings from the total, so more siblings are withheld —
 * smallest n first — until at least two are withheld and together they hold at least `minCell`
 * respondents. What can still be derived is then only a blend of two or more cells that is not
 * small itself. Cells withheld this way carry `suppressed_secondary`.
 */
export function protectSiblings(cells: Kpi[], minCell: number): void {
  // A cell can sit in more than one group (a stage's KPI is also the journey's): count it withheld
  // however it was withheld.
  const withheld = cells.filter((k) => k.value === null && (k.flags.includes('suppressed') || k.flags.includes('suppressed_secondary')));
  if (withheld.length === 0) return;
  const shown = cells.filter((k) => k.value !== null).sort((a, b) => a.n - b.n);
  let count = withheld.length;
  let n = withheld.reduce((sum, k) => sum + k.n, 0);
  while ((count < 2 || n < minCell) && shown.length) {
    const next = shown.shift()!;
    next.value = null;
    next.ci = null;
    next.flags = [...next.flags, 'suppressed_secondary'];
    count += 1;
    n += next.n;
  }
}

/** A KPI's named aggregates at one scope (the catalogue's `stats`, plus `value`): what tests need. */
export type KpiStats = Record<string, number | null>;

/**
 * Runs every relation query; returns KPI values by scope, and the aggregates behind each value
 * (`stats`, same keys). KPIs with n = 0 are left out.
 */
export async function measure(db: Db, options: MeasureOptions): Promise<{
  values: Map<string, Map<string, Kpi>>;
  stats: Map<string, Map<string, KpiStats>>;
  queries: RelationQuery[];
}> {
  const values = new Map<string, Map<string, Kpi>>();
  const statsByScope = new Map<string, Map<string, KpiStats>>();
  const put = (scope: Scope, kpi: Kpi, stats: KpiStats) => {
    const key = scopeKey(scope);
    if (!values.has(key)) values.set(key, new Map());
    values.get(key)!.set(kpi.id, kpi);
    if (!statsByScope.has(key)) statsByScope.set(key, new Map());
    statsByScope.get(key)!.set(kpi.id, stats);
  };
  const unavailable = await unavailableKpis(db, options.loaded);
  const queries = relationQueries({ ...options, moneyDecimals: options.moneyDecimals ?? await moneyDecimals(db, options.loaded) });
  const seg = options.segmentColumn;
  for (const [id, reason] of unavailable) {
    // Said once, at the journey and in the KPI's home stage; every other scope leaves it out.
    const kpi = CATALOGUE.find((k) => k.id === id)!;
    const value = notMeasurable(kpi, reason);
    put({ segment: null, stage: null, touchpoint: null }, value, { n: 0, value: null });
    put({ segment: null, stage: kpi.stage, touchpoint: null }, value, { n: 0, value: null });
  }
  for (const q of queries) {
    const rows = await db.all<Record<string, unknown>>(q.sql);
    const stageCols = q.groupCols.filter((c) => c.startsWith('_stage'));
    for (const row of rows) {
      const grouped = (c: string) => q.groupCols.includes(c) && Number(row[`_g${c}`]) === 0;
      const segment = seg && grouped(seg) ? (row[seg] as string | null) ?? NO_VALUE : null;
      const tpGrouped = grouped('_touchpoint');
      if (tpGrouped && row._touchpoint == null) continue;
      for (const kpi of q.kpis) {
        if (unavailable.has(kpi.id)) continue;
        const stats: Record<string, number | null> = {};
        for (const name of [...Object.keys(kpi.stats), 'value']) stats[name] = row[`${kpi.id}__${name}`] as number | null;
        if (!stats.n) continue;
        const value = toKpi(kpi, stats, options);
        const own = q.mode === 'own' ? '_stage' : q.mode === 'mixed' ? `_stage_${kpi.stage}` : null;
        let stage: string | null = null;
        if (own && grouped(own)) stage = row[own] as string;
        else if (stageCols.some(grouped)) continue; // a set that belongs to another home stage
        const touchpoint = tpGrouped ? (row._touchpoint as string) : null;
        if (q.mode === 'none') {
          // Rows without stages sit in the KPI's home stage: stage value = journey value.
          if (touchpoint) stage = kpi.stage;
          else put({ segment, stage: kpi.stage, touchpoint: null }, value, stats);
        }
        put({ segment, stage, touchpoint }, value, stats);
      }
    }
  }
  return { values, stats: statsByScope, queries };
}
