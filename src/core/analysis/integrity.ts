// Survey integrity (`journey integrity --by ATTRIBUTE`): per agent, store, dealer or channel, is the
// share of top scores higher than the other groups get at the same touchpoints? Plus silent top
// scores and unusually low spread. DuckDB aggregates per (group, stratum); the tests run here.
import { say } from '../messages.js';
import { quoteIdent, type Params } from '../db.js';
import { DataError, UsageError } from '../errors.js';
import { segmentColumn } from '../journey/map.js';
import { inPeriod, type Period } from '../period.js';
import type { Session } from '../session.js';
import { assessIntegrity, type GroupAssessment, type IntegrityCell } from './integrity-stats.js';
import type { z } from 'zod';
import type { integrityCoreSchema } from '../contracts/integrity.js';

export type ScoreMode = 'auto' | 'nps' | 'csat';

export interface IntegrityRequest {
  period: Period;
  /** An attribute column of the survey rows, `touchpoint`, `stage`, or a segment id from the config. */
  by: string;
  score: ScoreMode;
  minN: number;
  fdr: number;
  now: Date;
}

export interface IntegrityGroup extends Omit<GroupAssessment, 'top'> {
  top: number | null;
  /** Fewer answers than the config's min_cell: shares withheld (privacy), only n shown. */
  suppressed: boolean;
}

/**
 * The journey-integrity/1 fields (src/core/contracts/integrity.ts) plus the internal groups (the JSON
 * renderer adds each group's reasons and status and drops `tested`) and the queries for --explain.
 */
export interface IntegrityResult extends z.infer<typeof integrityCoreSchema> {
  groups: IntegrityGroup[];
  explain: { queries: { sql: string; params?: Params }[] };
}

/** Survey columns that are scores, times, ids or free text: never a grouping attribute. */
const NOT_ATTRIBUTES = new Set(['response_id', 'customer_key', 'submitted_at', 'nps', 'ces', 'csat', 'comment', 'email', 'customer_id']);

/** The journey's own touchpoint and stage (after rules), not the raw columns. */
const JOURNEY_COLUMNS: Record<string, string> = { touchpoint: '_touchpoint', stage: '_stage' };

const normalise = (name: string) => name.trim().toLowerCase().replace(/[\s-]+/g, '_').replace(/[^a-z0-9_]/g, '_');

/** Attribute columns of the survey rows that `--by` accepts, and the column each name reads. */
async function attributeColumns(session: Session): Promise<Map<string, string>> {
  const described = await session.db.all<{ column_name: string; column_type: string }>('DESCRIBE mapped_surveys', undefined, false);
  const names = new Set(described.map((c) => c.column_name));
  const out = new Map<string, string>();
  for (const c of described) {
    if (c.column_name.startsWith('_') || NOT_ATTRIBUTES.has(c.column_name) || c.column_type !== 'VARCHAR') continue;
    out.set(c.column_name, JOURNEY_COLUMNS[c.column_name] ?? c.column_name);
  }
  for (const [name, column] of Object.entries(JOURNEY_COLUMNS)) if (names.has(column)) out.set(name, column);
  for (const s of session.config.segments) {
    const column = segmentColumn(s.id);
    if (names.has(column) && session.model.segmentKinds.get(s.id)?.has('survey') && !out.has(s.id)) out.set(s.id, column);
  }
  return out;
}

const SCORE: Record<ScoreMode, { present: string; x: string; top: string; scale: string }> = {
  auto: {
    present: 'nps IS NOT NULL OR csat IS NOT NULL',
    x: 'CASE WHEN nps IS NOT NULL THEN nps / 10.0 ELSE (csat - 1) / 4.0 END',
    top: 'CASE WHEN nps IS NOT NULL THEN nps = 10 ELSE csat = 5 END',
    scale: "CASE WHEN nps IS NOT NULL THEN 'nps' ELSE 'csat' END",
  },
  nps: { present: 'nps IS NOT NULL', x: 'nps / 10.0', top: 'nps = 10', scale: "'nps'" },
  csat: { present: 'csat IS NOT NULL', x: '(csat - 1) / 4.0', top: 'csat = 5', scale: "'csat'" },
};

/** One row per (group, stratum): the counts and score moments the tests need. */
function cellsSql(column: string, score: ScoreMode, byTouchpoint: boolean): string {
  const s = SCORE[score];
  const stratum = byTouchpoint ? `coalesce(_touchpoint, '-') || ' · ' || ${s.scale}` : s.scale;
  return `WITH answers AS (
  -- one row per scored answer: its group, stratum, score scaled to 0..1, and whether it is a top score
  SELECT nullif(trim(CAST(${quoteIdent(column)} AS VARCHAR)), '') AS grp,
         ${stratum} AS stratum,
         ${s.x} AS x,
         ${s.top} AS top,
         (comment IS NULL OR trim(comment) = '') AS silent
  FROM mapped_surveys
  WHERE (${s.present})
    AND ${inPeriod('submitted_at')}
)
SELECT grp, stratum,
       count(*)::DOUBLE                                   AS n,
       count(*) FILTER (WHERE top)::DOUBLE                AS top,
       count(*) FILTER (WHERE top AND silent)::DOUBLE     AS top_silent,
       count(*) FILTER (WHERE NOT silent)::DOUBLE         AS commented,
       sum(x)::DOUBLE AS s1, sum(x ^ 2)::DOUBLE AS s2, sum(x ^ 3)::DOUBLE AS s3, sum(x ^ 4)::DOUBLE AS s4
FROM answers
GROUP BY grp, stratum
ORDER BY grp NULLS FIRST, stratum`;
}

interface CellRow { grp: string | null; stratum: string; n: number; top: number; top_silent: number; commented: number; s1: number; s2: number; s3: number; s4: number }

export async function buildIntegrity(session: Session, request: IntegrityRequest, minCell: number): Promise<IntegrityResult> {
  if (!session.model.kinds.includes('survey')) {
    throw new UsageError('journey integrity needs survey answers; the inputs have none');
  }
  const columns = await attributeColumns(session);
  const wanted = normalise(request.by);
  const column = columns.get(wanted) ?? columns.get(request.by);
  if (!column) {
    throw new UsageError(`--by ${request.by}: the survey rows have no such column; available: ${[...columns.keys()].sort().join(', ') || '(none)'}`);
  }
  const byName = columns.has(wanted) ? wanted : request.by;
  const byTouchpoint = column !== '_touchpoint' && column !== '_stage';
  const sql = cellsSql(column, request.score, byTouchpoint);
  const rows = await session.db.all<CellRow>(sql);
  const assigned = rows.filter((r): r is CellRow & { grp: string } => r.grp !== null);
  const answers = assigned.reduce((s, r) => s + r.n, 0);
  const unassigned = rows.filter((r) => r.grp === null).reduce((s, r) => s + r.n, 0);
  if (rows.length === 0) throw new DataError(`journey integrity: no ${request.score === 'auto' ? 'NPS or CSAT' : request.score.toUpperCase()} answers in the period`);
  const comments = rows.some((r) => r.commented > 0);
  const cells: IntegrityCell[] = assigned.map((r) => ({
    group: r.grp, stratum: r.stratum, n: r.n, top: r.top, topSilent: r.top_silent, s1: r.s1, s2: r.s2, s3: r.s3, s4: r.s4,
  }));
  const groups = assessIntegrity(cells, { minN: request.minN, minTop: 10, fdr: request.fdr, comments }).map((g) => {
    const suppressed = g.n + g.uncompared < minCell;
    return suppressed
      ? { ...g, suppressed, top: null, top_share: null, top_share_ci: null, expected_share: null, components: [] }
      : { ...g, suppressed };
  });
  const warnings = [...session.warnings];
  if (answers === 0) warnings.push(say('integrityNoValues', { by: byName }));
  if (unassigned > 0) warnings.push(say('integrityUnassigned', { count: unassigned, by: byName }));
  if (!comments) warnings.push(say('integrityNoComments'));
  if (groups.length === 1) warnings.push(say('integrityOneGroup', { by: byName }));
  return {
    schema: 'journey-integrity/1',
    generated_at: request.now.toISOString(),
    period: request.period,
    by: byName,
    score: request.score,
    strata: byTouchpoint ? 'touchpoint_and_scale' : 'scale',
    fdr: request.fdr,
    min_n: request.minN,
    answers,
    unassigned,
    comments,
    groups,
    warnings,
    explain: { queries: [{ sql }] },
  };
}
