// Funnels across kinds (docs/funnels.md): the steps of a configured funnel, each a touchpoint or a
// rule per kind, followed per unit (the stitched person, or a web session). One query per funnel
// finds, from every step-1 event in the period, the chain of first matching events inside each
// window (an ASOF join per step), keeps each unit's deepest chain, and counts per step; the
// statistics are done here.
import { say } from '../messages.js';
import type { Config } from '../config/load.js';
import type { FunnelConfig, FunnelStepConfig } from '../config/schema.js';
import type { Funnel, FunnelResult, FunnelStep } from '../contracts/funnel.js';
import { quoteIdent, type Params } from '../db.js';
import { ConfigError } from '../errors.js';
import { checkExpression, mappedView, segmentColumn } from '../journey/map.js';
import { inPeriod, withPeriod, type Period } from '../period.js';
import type { Session } from '../session.js';
import { KIND_SPECS, type Kind } from '../sources/kinds/index.js';
import { PERSON_KINDS } from '../journey/identity.js';
import { newcombe, twoProportionTest, wilson } from '../kpis/stats.js';
import { adjustFamily } from './significance.js';

export interface FunnelRequest {
  period: Period;
  now: Date;
  /** --funnel: the ids to run; empty: every funnel in the config. */
  ids: string[];
  segment: string | null;
  /** --before/--after: the same funnels for units whose step 1 falls in each period, compared. */
  periods: { before: Period; after: Period } | null;
  /** Every chosen funnel counts sessions: nothing reads a person key (the CLI then skips stitching). */
  sessionOnly?: boolean;
}

/** The funnel's statement, for --explain and tests. */
export interface FunnelQuery {
  id: string;
  sql: string;
  params: Params;
}

const HOURS: Record<string, number> = { m: 1 / 60, h: 1, d: 24, w: 168 };

/** `14d` -> 336 (hours). */
export function durationHours(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(m|h|d|w)$/.exec(text);
  if (!m) throw new Error(`not a duration: ${text}`);
  return Number(m[1]) * HOURS[m[2]]!;
}

/** The funnels asked for, checked against the config: unknown ids and kinds a session funnel cannot use. */
export function chooseFunnels(config: Config, ids: string[]): FunnelConfig[] {
  const file = config.file ?? 'config';
  if (config.funnels.length === 0) {
    throw new ConfigError(file, ['funnels: none configured; add one (docs/funnels.md), e.g. funnels: [{id: purchase, steps: [{id: product, touchpoint: product_page}, {id: paid, match: {order: "status = \'paid\'"}}]}]']);
  }
  const chosen = ids.length ? ids.map((id) => {
    const f = config.funnels.find((x) => x.id === id);
    if (!f) throw new ConfigError(file, [`--funnel ${id}: no such funnel; the config has ${config.funnels.map((x) => x.id).join(', ')}`]);
    return f;
  }) : config.funnels;
  const problems: string[] = [];
  for (const f of chosen) {
    const i = config.funnels.indexOf(f);
    f.steps.forEach((s, j) => {
      if (s.touchpoint && !config.touchpoints.some((t) => t.id === s.touchpoint)) {
        problems.push(`funnels[${i}].steps[${j}].touchpoint: no touchpoint ${s.touchpoint} in touchpoints:`);
      }
      if (f.unit === 'session' && s.match && Object.keys(s.match).some((k) => k !== 'web')) {
        problems.push(`funnels[${i}].steps[${j}].match: a session funnel follows web sessions; only match.web can be used (or unit: person)`);
      }
    });
  }
  if (problems.length) throw new ConfigError(file, problems);
  return chosen;
}

/** Each step rule must bind against its kind's view, like a touchpoint rule (config errors name the path). */
async function checkRules(session: Session, funnel: FunnelConfig): Promise<void> {
  const i = session.config.funnels.indexOf(funnel);
  const problems: string[] = [];
  for (const [j, step] of funnel.steps.entries()) {
    for (const [kind, rule] of Object.entries(step.match ?? {}) as [Kind, string][]) {
      if (!session.model.kinds.includes(kind)) continue;
      const problem = await checkExpression(session.db, rule, kind, true);
      if (problem) problems.push(`funnels[${i}].steps[${j}].match.${kind}: ${problem}`);
    }
  }
  if (problems.length) throw new ConfigError(session.config.file ?? 'config', problems);
}

/**
 * The rows of every step: one scan per kind (materialised once), with a flag per step its rule or
 * touchpoint matches, then `e1..en` as that step's rows (unit, time, segment value) over every kind.
 */
function stepEvents(session: Session, funnel: FunnelConfig, segment: string | null, params: Record<string, string>): string[] {
  const kinds = (funnel.unit === 'session' ? ['web'] : PERSON_KINDS)
    .filter((kind) => session.model.kinds.includes(kind as Kind)) as Kind[];
  const unit = funnel.unit === 'session' ? 'session_id' : 'customer_key';
  const scans: string[] = [];
  const perStep: string[][] = funnel.steps.map(() => []);
  for (const kind of kinds) {
    const flags = funnel.steps.map((step, i) => {
      if (step.touchpoint) {
        params[`tp${i + 1}`] = step.touchpoint;
        return `_touchpoint = $tp${i + 1}`;
      }
      const rule = step.match?.[kind as keyof NonNullable<FunnelStepConfig['match']>];
      return rule ? `(${rule})` : null;
    });
    if (flags.every((f) => f === null)) continue;
    const time = quoteIdent(KIND_SPECS[kind].timeColumn);
    const seg = segment && session.model.segmentKinds.get(segment)?.has(kind) ? quoteIdent(segmentColumn(segment)) : 'NULL::VARCHAR';
    const used = flags.map((f, i) => ({ f, i })).filter((x): x is { f: string; i: number } => x.f !== null);
    scans.push([
      `ev_${kind} AS MATERIALIZED (`,
      `  SELECT ${unit} AS unit, ${time} AS t, ${seg} AS seg, ${used.map((x) => `${x.f} AS s${x.i + 1}`).join(', ')}`,
      `  FROM ${quoteIdent(mappedView(kind))}`,
      `  WHERE ${unit} IS NOT NULL AND ${time} IS NOT NULL AND (${used.map((x) => x.f).join(' OR ')})`,
      ')',
    ].join('\n'));
    for (const x of used) perStep[x.i]!.push(`  SELECT unit, t, seg FROM ev_${kind} WHERE s${x.i + 1}`);
  }
  const steps = perStep.map((parts, i) => `e${i + 1} AS (\n${parts.length ? parts.join('\n  UNION ALL\n')
    : '  SELECT NULL::VARCHAR AS unit, NULL::TIMESTAMPTZ AS t, NULL::VARCHAR AS seg WHERE false'}\n)`);
  return [...scans, ...steps];
}

const micros = (hours: number) => `to_microseconds(${Math.round(hours * 3_600_000_000)})`;

/**
 * Step k from the chains of step k-1, one row per chain: an ASOF join finds, per chain, the first
 * matching row at or after the window's start (ordered: step k-1's time; any order: step 1's time
 * less the window) in one sort-merge pass, instead of pairing every chain with every matching row.
 * The first such row is inside the window when any is, so it decides both a step (its time) and an
 * absent step (no row inside: the step holds at step k-1's time, unless the window had not closed).
 */
function stepCte(funnel: FunnelConfig, k: number): string {
  const step = funnel.steps[k - 1]!;
  const prev = `c.t${k - 1}`;
  const hours = step.within ? durationHours(step.within) : null;
  const ordered = funnel.order === 'ordered';
  if (!ordered && hours === null) {
    // Any order, no window: the unit's first matching row anywhere.
    return [
      `c${k} AS (`,
      `  SELECT c.*, false AS p${k}, CASE WHEN ${prev} IS NOT NULL THEN e.t END AS t${k}`,
      `  FROM c${k - 1} c LEFT JOIN (SELECT unit, min(t) AS t FROM e${k} GROUP BY unit) e ON e.unit = c.unit`,
      ')',
    ].join('\n');
  }
  const from = ordered ? prev : `c.t1 - ${micros(hours!)}`;
  const until = hours === null ? null : ordered ? `${prev} + ${micros(hours)}` : `c.t1 + ${micros(hours)}`;
  const inside = until === null ? 'e.t IS NOT NULL' : `e.t <= ${until}`;
  const join = `FROM c${k - 1} c ASOF LEFT JOIN e${k} e ON c.unit = e.unit AND e.t >= ${from}`;
  if (!step.absent) {
    return [`c${k} AS (`, `  SELECT c.*, false AS p${k}, CASE WHEN ${prev} IS NOT NULL AND ${inside} THEN e.t END AS t${k}`, `  ${join}`, ')'].join('\n');
  }
  // Pending: the window closes after the last timestamp in the data, so nobody can tell yet.
  const open = `${until} > (SELECT t FROM data_end)`;
  return [
    `c${k} AS (`,
    `  SELECT c.*,`,
    `         coalesce(${prev} IS NOT NULL AND ${open}, false) AS p${k},`,
    `         CASE WHEN ${prev} IS NULL OR ${open} THEN NULL WHEN NOT coalesce(${inside}, false) THEN ${prev} END AS t${k}`,
    `  ${join}`,
    ')',
  ].join('\n');
}

/** The statement: every start in the period, the chain of first matches, each unit's deepest chain, counts per step. */
export function funnelSql(session: Session, funnel: FunnelConfig, segment: string | null): FunnelQuery {
  const params: Record<string, string> = {};
  const n = funnel.steps.length;
  const ctes: string[] = stepEvents(session, funnel, segment, params);
  const ends = (PERSON_KINDS.filter((k) => session.model.kinds.includes(k)))
    .map((k) => `SELECT max(${quoteIdent(KIND_SPECS[k].timeColumn)}) AS t FROM ${quoteIdent(mappedView(k))}`);
  ctes.push(`data_end AS (\n  SELECT max(t) AS t FROM (${ends.length ? ends.join(' UNION ALL ') : 'SELECT NULL::TIMESTAMPTZ AS t'})\n)`);
  // Every step-1 row in the period starts a chain; two rows of one unit at the same time give
  // the same chain twice, which is harmless: best keeps one chain per unit.
  ctes.push(`c1 AS (\n  SELECT unit, seg, t AS t1, false AS p1 FROM e1 WHERE ${inPeriod('t')}\n)`);
  // a_k: the chains alive at step k-1 with step k looked up. Those that did not reach step k stop
  // there (their depth is k-1) and are not joined again; the rest (c_k) go on to step k+1.
  const stopped: string[] = [];
  for (let k = 2; k <= n; k++) {
    ctes.push(stepCte(funnel, k).replace(`c${k} AS (`, `a${k} AS MATERIALIZED (`));
    // A chain that stopped before step k counts only for a unit none of whose chains reached it.
    stopped.push(`  SELECT * FROM a${k} WHERE t${k} IS NULL AND unit NOT IN (SELECT unit FROM a${k} WHERE t${k} IS NOT NULL)`);
    if (k === n) continue;
    // Ordered: what follows step k depends only on step k's time, so of the chains of one unit
    // that reach step k at the same time only the one the count would pick (the earliest start)
    // goes on (exact: the same chain wins in best).
    ctes.push(funnel.order === 'ordered'
      ? `c${k} AS (\n  SELECT * FROM a${k} WHERE t${k} IS NOT NULL\n  QUALIFY row_number() OVER (PARTITION BY unit, t${k} ORDER BY t1, seg) = 1\n)`
      : `c${k} AS (\n  SELECT * FROM a${k} WHERE t${k} IS NOT NULL\n)`);
  }
  const chains = n === 1 ? ['  SELECT * FROM c1'] : [...stopped, `  SELECT * FROM a${n} WHERE t${n} IS NOT NULL`];
  const reached = Array.from({ length: n }, (_, i) => `(t${i + 1} IS NOT NULL)::INTEGER`).join(' + ');
  ctes.push([
    'best AS (',
    `  SELECT *, ${reached} AS depth FROM (\n${chains.join('\n  UNION ALL BY NAME\n')}\n  )`,
    '  QUALIFY row_number() OVER (PARTITION BY unit ORDER BY depth DESC, t1, seg) = 1',
    ')',
  ].join('\n'));
  const measures = funnel.steps.flatMap((_, i) => {
    const k = i + 1;
    const out = [`count(t${k})::DOUBLE AS r${k}`, `count(*) FILTER (WHERE p${k})::DOUBLE AS p${k}`];
    if (k < n) out.push(`quantile_cont((epoch(t${k + 1}) - epoch(t${k})) / 3600, 0.5) AS m${k}`);
    return out;
  });
  const grouping = segment ? 'GROUP BY GROUPING SETS ((), (seg))' : '';
  const sql = [
    `WITH ${ctes.join(',\n')}`,
    `SELECT ${segment ? 'seg, GROUPING(seg)::INTEGER AS whole' : 'NULL AS seg, 1 AS whole'},`,
    `       (SELECT strftime(t AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') FROM data_end) AS data_end,`,
    `       ${measures.join(',\n       ')}`,
    'FROM best',
    grouping,
    'ORDER BY whole DESC, seg',
  ].filter(Boolean).join('\n');
  return { id: funnel.id, sql, params };
}

type Row = Record<string, number | string | null>;

function stepsOf(funnel: FunnelConfig, row: Row, lowN: number): FunnelStep[] {
  const units = Number(row.r1);
  return funnel.steps.map((step, i) => {
    const k = i + 1;
    const converted = Number(row[`r${k}`]);
    const pending = Number(row[`p${k}`]);
    const entered = k === 1 ? converted : Number(row[`r${k - 1}`]) - pending;
    // Step 1 is where units enter: it has no conversion of its own.
    const ci = k === 1 ? null : wilson(converted, entered);
    const next = funnel.steps[k];
    const median = k < funnel.steps.length && funnel.order === 'ordered' && !next?.absent ? row[`m${k}`] : null;
    return {
      id: step.id,
      label: step.label ?? step.id,
      absent: step.absent,
      within_hours: step.within ? durationHours(step.within) : null,
      entered,
      converted,
      pending,
      drop_off: entered - converted,
      conversion: k > 1 && entered ? (100 * converted) / entered : null,
      ci: ci ? [100 * ci[0], 100 * ci[1]] : null,
      overall: units ? (100 * converted) / units : null,
      median_hours_to_next: median === null || median === undefined ? null : Number(median),
      flags: entered < lowN ? ['low_n'] : [],
    };
  });
}

/** Each step's conversion after against before; BH over the funnel's steps. */
function periodComparison(before: FunnelStep[], after: FunnelStep[], periods: { before: Period; after: Period }): NonNullable<Funnel['periods']> {
  const cell = (s: FunnelStep) => ({ entered: s.entered, converted: s.converted, conversion: s.conversion, ci: s.ci });
  const steps = after.map((a, i) => {
    const b = before[i]!;
    const test = i === 0 ? null : twoProportionTest(a.converted, a.entered, b.converted, b.entered);
    const d = i === 0 ? null : newcombe(a.converted, a.entered, b.converted, b.entered);
    return {
      id: a.id, before: cell(b), after: cell(a),
      difference: a.conversion === null || b.conversion === null ? null : a.conversion - b.conversion,
      difference_ci: d ? [100 * d[0], 100 * d[1]] as [number, number] : null,
      p_value: test?.p ?? null, p_adjusted: null as number | null, significant: false,
    };
  });
  adjustFamily(steps, (s) => s.p_value, (s, adjusted) => {
    s.p_adjusted = adjusted;
    s.significant = adjusted < 0.05;
  });
  return { before: periods.before, after: periods.after, steps };
}

/** Each segment value against the reference (most units at step 1), per step; BH over the funnel's tests. */
function segmentBreakdown(funnel: FunnelConfig, rows: Row[], lowN: number, id: string, label: string): NonNullable<Funnel['segment']> {
  const values = rows.filter((r) => Number(r.whole) === 0 && r.seg !== null)
    .map((r) => ({ value: String(r.seg), units: Number(r.r1), steps: stepsOf(funnel, r, lowN) }))
    .sort((a, b) => b.units - a.units || a.value.localeCompare(b.value));
  const reference = values[0] ?? null;
  const out = values.map((v) => ({
    value: v.value,
    units: v.units,
    steps: v.steps.map((s, i) => {
      const ref = reference!.steps[i]!;
      const isRef = v === reference;
      const test = isRef ? null : twoProportionTest(s.converted, s.entered, ref.converted, ref.entered);
      const d = isRef ? null : newcombe(s.converted, s.entered, ref.converted, ref.entered);
      return {
        id: s.id, entered: s.entered, converted: s.converted, conversion: s.conversion, ci: s.ci,
        difference: isRef || s.conversion === null || ref.conversion === null ? null : s.conversion - ref.conversion,
        difference_ci: d ? [100 * d[0], 100 * d[1]] as [number, number] : null,
        p_value: test?.p ?? null, p_adjusted: null as number | null, significant: false,
      };
    }),
  }));
  // Step 1 converts everyone by definition: no test there.
  const tests = out.flatMap((v) => v.steps.slice(1));
  adjustFamily(tests, (t) => t.p_value, (t, adjusted) => {
    t.p_adjusted = adjusted;
    t.significant = adjusted < 0.05;
  });
  for (const v of out) v.steps[0]!.p_value = null;
  return { id, label, reference: reference?.value ?? null, values: out };
}

async function comparePeriods(session: Session, funnel: FunnelConfig, periods: { before: Period; after: Period }): Promise<Funnel['periods']> {
  const query = funnelSql(session, funnel, null);
  const run = async (period: Period) => {
    const [row] = await withPeriod(session.db, period, session.config.churn_days, () => session.db.all<Row>(query.sql, query.params));
    return stepsOf(funnel, row ?? { r1: 0 }, session.config.low_n);
  };
  return periodComparison(await run(periods.before), await run(periods.after), periods);
}

export async function buildFunnels(session: Session, request: FunnelRequest): Promise<{ result: FunnelResult; queries: FunnelQuery[] }> {
  const funnels = chooseFunnels(session.config, request.ids);
  const segmentDef = request.segment ? session.config.segments.find((s) => s.id === request.segment) ?? null : null;
  const out: Funnel[] = [];
  const queries: FunnelQuery[] = [];
  const warnings: string[] = [];
  for (const funnel of funnels) {
    await checkRules(session, funnel);
    const query = funnelSql(session, funnel, segmentDef?.id ?? null);
    queries.push(query);
    const rows = await session.db.all<Row>(query.sql, query.params);
    const whole = rows.find((r) => Number(r.whole) === 1) ?? { r1: 0 };
    for (const [j, step] of funnel.steps.entries()) {
      const kinds = step.touchpoint ? ['(touchpoint)'] : Object.keys(step.match ?? {}).filter((k) => session.model.kinds.includes(k as Kind));
      if (kinds.length === 0) warnings.push(say('funnelKindMissing', { funnel: funnel.id, step: `${j + 1} (${step.id})`, kinds: Object.keys(step.match ?? {}).join(', ') }));
    }
    out.push({
      id: funnel.id,
      label: funnel.label ?? funnel.id,
      unit: funnel.unit,
      order: funnel.order,
      units: Number(whole.r1 ?? 0),
      data_end: (whole.data_end as string | null | undefined) ?? null,
      steps: stepsOf(funnel, whole as Row, session.config.low_n),
      segment: segmentDef ? segmentBreakdown(funnel, rows, session.config.low_n, segmentDef.id, segmentDef.label ?? segmentDef.id) : null,
      periods: request.periods ? await comparePeriods(session, funnel, request.periods) : null,
    });
  }
  return {
    result: {
      schema: 'journey-funnel/1',
      generated_at: request.now.toISOString(),
      period: { since: request.period.since, until: request.period.until },
      funnels: out,
      warnings,
    },
    queries,
  };
}

/** Whether a step can match any loaded row: a touchpoint always may; a rule needs a loaded kind it names. */
function reachable(session: Session, funnel: FunnelConfig, step: FunnelStepConfig): boolean {
  if (funnel.unit === 'session' && !session.model.kinds.includes('web')) return false;
  if (step.touchpoint) return true;
  return Object.keys(step.match ?? {}).some((k) => session.model.kinds.includes(k as Kind) && (funnel.unit === 'person' || k === 'web'));
}

/**
 * The config's funnels for `journey report` and the journey map (docs/funnels.md, "In the report"):
 * the same computation as `journey funnel` over the report's period, without segments or periods.
 * A funnel whose step 1 no loaded kind can reach is left out (its warnings are journey funnel's).
 */
export async function reportFunnels(session: Session, request: { period: Period; now: Date }): Promise<{ funnels: Funnel[]; warnings: string[] } | null> {
  const ids = session.config.funnels.filter((f) => reachable(session, f, f.steps[0]!)).map((f) => f.id);
  if (ids.length === 0) return null;
  const { result } = await buildFunnels(session, { period: request.period, now: request.now, ids, segment: null, periods: null });
  return { funnels: result.funnels, warnings: result.warnings };
}
