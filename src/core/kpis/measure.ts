// Measures the catalogue: one query per relation computes every KPI of that relation at every
// scope (journey, stage, touchpoint, optionally per segment) with GROUPING SETS; intervals and
// reliability flags are added here from the aggregates (DuckDB has no t or normal quantiles).
import { quoteIdent, type Db } from '../db.js';
import type { Kind } from '../sources/kinds/index.js';
import { CATALOGUE, type KpiDef, type Relation } from './catalogue.js';
import { relationSql, type RelationSql } from './relations.js';
import { CANONICAL_VIEW, type KindShape } from '../journey/map.js';
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
  /**
   * Per kind: does any row lack a stage / have one? does any row have a touchpoint? The stages
   * present, and whether each touchpoint has one stage (unit-grain relations, unitRowsCtes).
   */
  shape: Map<Kind, Omit<KindShape, 'kind'>>;
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

function stageMode(kinds: Kind[], shape: MeasureOptions['shape']): { mode: StageMode; touchpoints: boolean } & Pick<KindShape, 'stages' | 'touchpointStages'> {
  let rows = 0;
  let staged = 0;
  let mapped = 0;
  for (const k of kinds) {
    const s = shape.get(k);
    if (s) { rows += s.rows; staged += s.staged; mapped += s.mapped; }
  }
  const stages = [...new Set(kinds.flatMap((k) => shape.get(k)?.stages ?? []))];
  const touchpointStages = kinds.every((k) => shape.get(k)?.touchpointStages === 'one') ? 'one' : 'many';
  const mode: StageMode = staged === 0 ? 'none' : staged === rows ? 'own' : 'mixed';
  return { mode, touchpoints: mapped > 0, stages, touchpointStages };
}

interface UnitPlan extends Pick<KindShape, 'stages' | 'touchpointStages'> {
  unit: NonNullable<RelationSql['unit']>;
  sets: string[][];
  groupCols: string[];
  stageCols: string[];
  seg: string | null;
  mode: StageMode;
}

/**
 * Unit-grain relations: one row per unit (session, visitor) and group of each grouping set, so the
 * catalogue counts with count(key). A GROUPING SETS over (set, key) would do it too, at one hash
 * table of millions of units per set (18 s for 7 sets at 10M events); instead:
 *  - the sets without stage or touchpoint read one row per unit (and per unit and segment value);
 *  - stage sets read that same row once per stage the unit touched, from a flag per stage
 *    (rows without a stage also count in the KPI's home stage, as `homed` does);
 *  - touchpoint sets read `homed` directly: its rows are one per unit and (stage, touchpoint,
 *    segment), so one per unit and group when every touchpoint has one stage and the set names the
 *    segment if there is one. Otherwise they group by unit first.
 */
function unitRowsCtes(plan: UnitPlan): string[] {
  const { unit, sets, groupCols, stageCols, seg, mode } = plan;
  const key = quoteIdent(unit.key);
  const flagCols = Object.keys(unit.flags).map(quoteIdent);
  // Without stage, touchpoint or segment columns `homed` is one row per unit already.
  const oneRowPerUnit = groupCols.length === 0;
  const flagAggs = Object.entries(unit.flags).map(([name, col]) => `${oneRowPerUnit ? col : `bool_or(${col})`} AS ${quoteIdent(name)}`);
  const sumCols = unit.sums.map(quoteIdent);
  const stageSets = sets.some((s) => s.some((c) => stageCols.includes(c)) && !s.includes('_touchpoint'));
  const homes = mode === 'mixed' ? stageCols.map((c) => c.slice('_stage_'.length)) : [];
  const stages = [...new Set([...plan.stages, ...homes])].sort();
  const stageFlag = (st: string | null) => quoteIdent(`_in__${st ?? ''}`);
  const lit = (v: string) => `'${v.replaceAll("'", "''")}'`;
  const perStage = stageSets
    ? [...stages.map((st) => `bool_or(_stage = ${lit(st)}) AS ${stageFlag(st)}`), ...(mode === 'mixed' ? [`bool_or(_stage IS NULL) AS ${stageFlag(null)}`] : [])]
    : [];
  const unitCols = [key, ...(seg ? [quoteIdent(seg), `GROUPING(${quoteIdent(seg)}) AS _gseg`] : []),
    ...flagAggs, ...sumCols.map((c) => (oneRowPerUnit ? c : `sum(${c}) AS ${c}`)), ...perStage];
  const split = seg !== null && flagCols.length > 0;
  const unitCtes = [`${split ? 'unit_groups' : 'units'} AS (
  SELECT ${unitCols.join(',\n         ')}
  FROM homed${oneRowPerUnit ? '' : `
  GROUP BY ${seg ? `GROUPING SETS ((${key}), (${key}, ${quoteIdent(seg)}))` : key}`}
)`];
  // A unit's flags are the whole unit's, also on its rows per segment value.
  if (split) {
    unitCtes.push(`units AS (
  SELECT g.* EXCLUDE (${flagCols.join(', ')}), ${flagCols.map((c) => `f.${c}`).join(', ')}
  FROM unit_groups g
  JOIN (SELECT * FROM unit_groups WHERE _gseg = 1) f USING (${key})
)`);
  }
  // Every branch gives the same columns: the group columns, their GROUPING() flags, the key, the
  // unit's flags and sums. A `unit` row is one unit in one group; `grouped` rows are made one per
  // unit and group here; a `carrier` row has no key: it adds a group's sums and counts no unit
  // (the catalogue's unit stats count the key, never rows).
  type Row = 'unit' | 'grouped' | 'carrier';
  const select = (set: string[], row: Row, stage: [string, string] | null = null, sums: string[] = sumCols) => [
    ...groupCols.map((c) => `${stage?.[0] === c ? stage[1] : set.includes(c) ? quoteIdent(c) : 'NULL'} AS ${quoteIdent(c)}`),
    ...groupCols.map((c) => `${set.includes(c) ? 0 : 1} AS ${quoteIdent(`_g${c}`)}`),
    row === 'carrier' ? `NULL AS ${key}` : key,
    ...flagCols.map((c) => (row === 'carrier' ? `NULL AS ${c}` : row === 'grouped' ? `any_value(${c}) AS ${c}` : c)),
    ...sums.map((expr, i) => `${row === 'unit' ? expr : `sum(${expr})`} AS ${sumCols[i]}`),
  ].join(', ');
  const groupedBy = (set: string[], withKey = true) => `GROUP BY ${[...set.map(quoteIdent), ...(withKey ? [key] : [])].join(', ')}`;
  const segOnly = (set: string[]) => (seg ? [`_gseg = ${set.includes(seg) ? 0 : 1}`] : []);
  const branches = sets.flatMap((set) => {
    const stageCol = set.find((c) => stageCols.includes(c));
    if (set.includes('_touchpoint')) {
      const unique = (mode !== 'mixed' || plan.touchpointStages === 'one') && (!seg || set.includes(seg));
      return unique
        ? [`SELECT ${select(set, 'unit')} FROM unit_scopes`]
        : [`SELECT ${select(set, 'grouped')} FROM unit_scopes ${groupedBy(set)}`];
    }
    const where = (conds: string[]) => (conds.length ? ` WHERE ${conds.join(' AND ')}` : '');
    if (!stageCol) return [`SELECT ${select(set, 'unit')} FROM units${where(segOnly(set))}`];
    const home = mode === 'mixed' ? stageCol.slice('_stage_'.length) : null;
    const members = stages.map((st) => {
      const member = st === home ? `(${stageFlag(st)} OR ${stageFlag(null)})` : stageFlag(st);
      return `SELECT ${select(set, 'unit', [stageCol, lit(st)], sumCols.map(() => 'NULL'))} FROM units${where([member, ...segOnly(set)])}`;
    });
    // A stage group's sums are sums over its rows: one carrier row per group.
    return unit.sums.length ? [...members, `SELECT ${select(set, 'carrier')} FROM homed ${groupedBy(set, false)}`] : members;
  });
  if (sets.some((set) => set.includes('_touchpoint'))) {
    // Rows with a touchpoint, with their unit's flags (from its row without a segment value).
    const flags = flagCols.length
      ? ` JOIN (SELECT ${[key, ...flagCols].join(', ')} FROM units${seg ? ' WHERE _gseg = 1' : ''}) USING (${key})`
      : '';
    unitCtes.push(`unit_scopes AS (\n  SELECT * FROM homed${flags}\n  WHERE _touchpoint IS NOT NULL\n)`);
  }
  return [...unitCtes, `unit_rows AS (\n  ${branches.join('\n  UNION ALL\n  ')}\n)`];
}

/** The SQL for one relation: CTEs, a home-stage level, grouping sets, then the KPI formulas. */
function relationQuery(relation: Relation, kpis: KpiDef[], options: MeasureOptions): RelationQuery | undefined {
  const seg = options.segmentColumn;
  const rel = relationSql(relation, options.loaded, seg ? [seg] : []);
  if (!rel) return undefined;
  const { mode, touchpoints, stages, touchpointStages } = stageMode(rel.kinds, options.shape);
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
  } else if (rel.unit) {
    // Unit rows include carriers without a key (stage sums): count(*) would count them, and a
    // distinct count is what the rows already are.
    const wrong = kpis.find((k) => Object.values(k.stats).some((e) => /count\(\*\)|DISTINCT/i.test(e)));
    if (wrong) throw new Error(`catalogue: ${wrong.id} is measured per ${rel.unit.key}; count with count(${rel.unit.key})`);
    ctes.push(...unitRowsCtes({ unit: rel.unit, sets, groupCols, stageCols, seg, mode, stages, touchpointStages }));
    from = 'unit_rows';
  }
  if (rel.perCustomer || rel.unit) {
    groupBy = groupCols.length ? `GROUP BY ${[...groupCols, ...groupCols.map((c) => `_g${c}`)].map(quoteIdent).join(', ')}` : '';
  }
  const selectGroups = rel.perCustomer || rel.unit
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
      // The canonical view has the same rows; the mapped one would evaluate the touchpoint rules
      // for nothing (0.42 s against 0.06 s on 10M events with four touchpoints).
      `SELECT ${mine.map((k) => `(${k.requires!.missing}) AS ${quoteIdent(k.id)}`).join(', ')} FROM ${quoteIdent(CANONICAL_VIEW[kind])}`,
      undefined, false);
    for (const k of mine) if (row[k.id]) out.set(k.id, k.requires!.reason);
  }
  return out;
}

/** Decimals of the orders' currency (ISO 4217 minor units) when they all have one; else 2. */
export async function moneyDecimals(db: Db, loaded: Kind[]): Promise<number> {
  if (!loaded.includes('order')) return 2;
  const rows = await db.all<{ c: string }>(
    `SELECT DISTINCT upper(trim(currency)) AS c FROM ${quoteIdent(CANONICAL_VIEW.order)} WHERE currency IS NOT NULL LIMIT 2`, undefined, false);
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
