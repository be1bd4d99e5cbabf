// Builds the journey model inside DuckDB: one canonical view per kind over its loaded files, then
// one mapped view per kind that adds stage, touchpoint and segment columns from the config rules.
import { say } from '../messages.js';
import { ConfigError, duckMessage, withoutValues } from '../errors.js';
import { quoteIdent, type ConfigSql, type Db } from '../db.js';
import { forbiddenReads } from '../config/sql-guard.js';
import { candidateSql, maskSql, personalKind } from '../sources/personal.js';
import type { Config } from '../config/load.js';
import { KIND_SPECS, type Kind } from '../sources/kinds/index.js';
import type { LoadedSource, PersonalColumn } from '../sources/ingest.js';
import { keysChanged, stitchedViewSql, type Stitching } from './identity.js';

export const CANONICAL_VIEW: Record<Kind, string> = {
  survey: 'surveys',
  ticket: 'tickets',
  order: 'orders',
  web: 'web_events',
  campaign: 'campaigns',
  traffic: 'traffic',
};

export const mappedView = (kind: Kind) => `mapped_${CANONICAL_VIEW[kind]}`;
export const segmentColumn = (id: string) => `_seg_${id}`;
/** A persona's rows: true where its condition holds (NULL for kinds it does not bind to). */
export const personaColumn = (id: string) => `_persona_${id}`;

export interface JourneyModel {
  kinds: Kind[];
  /** Kinds where a segment expression bound (segment id -> kinds). */
  segmentKinds: Map<string, Set<Kind>>;
  /** Per persona id, the kinds its condition binds to. */
  personaKinds: Map<string, Set<Kind>>;
}

/**
 * Canonical views: every loaded file of a kind, valid rows only. Runs before lock-down. Text
 * values that are personal data (an email, phone number or IBAN in a channel, touchpoint, agent,
 * comment or any extra column) are masked in the view, with a warning naming file and column:
 * whatever a rule, group or segment makes of them, no report can show them.
 */
export async function createCanonicalViews(db: Db, sources: LoadedSource[], warnings: string[] = [], stitching: Stitching | null = null): Promise<Kind[]> {
  const kinds: Kind[] = [];
  for (const kind of Object.keys(CANONICAL_VIEW) as Kind[]) {
    const tables = sources.flatMap((s, i) => (s.kind === kind ? [{ ...s, file: i + 1 }] : []));
    if (tables.length === 0) continue;
    kinds.push(kind);
    const numbered = KIND_SPECS[kind].fileNumbers;
    const selects: string[] = [];
    for (const t of tables) {
      const masked = t.personal ?? await personalColumns(db, t.table);
      for (const m of masked) warnings.push(say('personalData', { path: t.path, column: m.column, count: m.count, kinds: m.kinds }));
      const replace = masked.length ? ` REPLACE (${masked.map((m) => `${maskSql(quoteIdent(m.column), isIdColumn(m.column))} AS ${quoteIdent(m.column)}`).join(', ')})` : '';
      selects.push(`SELECT * EXCLUDE (${['_reject', ...t.internal].join(', ')})${replace}${numbered ? `, ${t.file} AS _file` : ''} ` +
        `FROM ${quoteIdent(t.table)} WHERE _reject IS NULL`);
    }
    const union = selects.join('\nUNION ALL BY NAME\n');
    // With identity stitching, the customer key is the person's key (src/core/journey/identity.ts).
    const anchor = stitching?.anchors.get(kind);
    // Joined only where stitching changes a key: the join costs every query over the view.
    const changes = anchor ? await keysChanged(db, union, anchor) : false;
    await db.exec(`CREATE VIEW ${quoteIdent(CANONICAL_VIEW[kind])} AS\n${changes ? stitchedViewSql(union, anchor!) : union}`);
  }
  return kinds;
}

const isIdColumn = (name: string) => name.endsWith('_id');

/**
 * Text columns of a loaded table that hold personal data in valid rows, with how many distinct
 * values and of what kind. One pass over the table with a cheap SQL test per column; only the
 * distinct values that pass are classified here.
 */
export async function personalColumns(db: Db, table: string): Promise<PersonalColumn[]> {
  const columns = (await db.all<{ name: string }>(
    `SELECT column_name AS name FROM duckdb_columns() WHERE table_name = $t AND data_type = 'VARCHAR' ORDER BY column_index`, { t: table }, false,
  )).map((c) => c.name).filter((name) => !name.startsWith('_') && name !== 'customer_key');
  if (columns.length === 0) return [];
  // Identifier columns get the cheap test (an @) on every row. Other text columns get the costly
  // one (a regular expression) on their distinct values only: far fewer than rows in an export
  // (event names, pages, channels), and never more (1.6 s of 2.0 s on 10M web events before).
  const valid = `${quoteIdent(table)} WHERE _reject IS NULL`;
  const lists = columns.map((name, i) => isIdColumn(name)
    ? `list(DISTINCT ${quoteIdent(name)}) FILTER (WHERE ${candidateSql(quoteIdent(name), true)}) AS k${i}`
    : `(SELECT list(v) FILTER (WHERE ${candidateSql('v', false)}) FROM (SELECT DISTINCT ${quoteIdent(name)} AS v FROM ${valid})) AS k${i}`);
  const rowWise = columns.some(isIdColumn) ? ` FROM ${valid}` : '';
  const [row] = await db.all<Record<string, unknown>>(`SELECT ${lists.join(', ')}${rowWise}`, undefined, false);
  return columns.flatMap((column, i) => {
    const found = ((row[`k${i}`] as string[] | null) ?? [])
      .map((v) => personalKind(v))
      .filter((k): k is NonNullable<typeof k> => k !== null && (!isIdColumn(column) || k === 'email'));
    return found.length ? [{ column, count: found.length, kinds: [...new Set(found)].sort().join(', ') }] : [];
  });
}

/** Stages and touchpoints from the config, as tables (values bound, never spliced). */
async function createJourneyTables(db: Db, config: Config): Promise<void> {
  await db.exec('CREATE TABLE journey_stages (id VARCHAR, label VARCHAR, ord INTEGER)');
  for (const [i, s] of config.stages.entries()) {
    await db.exec('INSERT INTO journey_stages VALUES ($id, $label, $ord)', { id: s.id, label: s.label, ord: i });
  }
  await db.exec('CREATE TABLE journey_touchpoints (id VARCHAR, label VARCHAR, stage VARCHAR, ord INTEGER, moment_of_truth BOOLEAN)');
  for (const [i, t] of config.touchpoints.entries()) {
    await db.exec('INSERT INTO journey_touchpoints VALUES ($id, $label, $stage, $ord, $mot)', {
      id: t.id, label: t.label ?? t.id, stage: t.stage, ord: i, mot: t.moment_of_truth,
    });
  }
}

/**
 * A config expression must be one SQL expression that binds against the kind's canonical view and
 * runs in the locked session. Returns the DuckDB complaint, or null when it is fine.
 */
export async function checkExpression(db: Db, expr: string, kind: Kind, asBoolean: boolean): Promise<string | null> {
  const view = quoteIdent(CANONICAL_VIEW[kind]);
  const probe = `SELECT ${asBoolean ? `CAST((${expr}) AS BOOLEAN)` : `CAST((${expr}) AS VARCHAR)`} AS v FROM ${view}`;
  try {
    if ((await db.statementCount(probe)) !== 1) return 'must be one SQL expression (no ";" or extra statements)';
    const forbidden = await forbiddenReads(db, probe, CANONICAL_VIEW[kind]);
    if (forbidden) return forbidden;
    await db.all(`SELECT count(v)::DOUBLE AS n FROM (${probe} LIMIT 100)`, undefined, false);
    return null;
  } catch (error) {
    const text = withoutValues(duckMessage(error));
    if (/Permission Error|external access|disabled by configuration/i.test(text)) {
      return 'tries to read or write files, which config SQL may not do';
    }
    return text.includes('extract statements') || text.includes('Parser Error')
      ? `is not one valid SQL expression: ${text}`
      : text;
  }
}

async function isOneExpression(db: Db, expr: string): Promise<boolean> {
  try {
    return (await db.statementCount(`SELECT (${expr}) AS v`)) === 1;
  } catch {
    return false;
  }
}

export async function buildJourney(db: Db, config: Config, kinds: Kind[]): Promise<JourneyModel> {
  if (!db.isLocked) throw new Error('config SQL must only run in a locked session');
  await createJourneyTables(db, config);
  const problems: string[] = [];
  const file = config.file ?? 'config';
  for (const [i, t] of config.touchpoints.entries()) {
    for (const [kind, rule] of Object.entries(t.match) as [Kind, string][]) {
      if (!kinds.includes(kind)) {
        // Cannot bind without the kind's data, but a rule must be one expression in every run.
        if (!(await isOneExpression(db, rule))) problems.push(`touchpoints[${i}].match.${kind}: must be one SQL expression (no ";" or extra statements)`);
        continue;
      }
      const problem = await checkExpression(db, rule, kind, true);
      if (problem) problems.push(`touchpoints[${i}].match.${kind}: ${problem}`);
    }
  }
  // Segments and personas bind the same way: one expression for every kind, or one per kind.
  const bindPerKind = async (path: string, expr: string | Partial<Record<Kind, string>>, asBoolean: boolean): Promise<Set<Kind>> => {
    const bound = new Set<Kind>();
    const errors: string[] = [];
    for (const kind of kinds) {
      const one = typeof expr === 'string' ? expr : expr[kind];
      if (!one) continue;
      const problem = await checkExpression(db, one, kind, asBoolean);
      if (!problem) bound.add(kind);
      else if (typeof expr !== 'string') problems.push(`${path}.${kind}: ${problem}`);
      else errors.push(`${kind}: ${problem}`);
      if (problem && /files|one SQL expression|config SQL may only/.test(problem)) problems.push(`${path}: ${problem}`);
    }
    if (typeof expr === 'string' && bound.size === 0 && kinds.length > 0 && errors.length) {
      problems.push(`${path}: binds to no loaded kind (${errors[0]})`);
    }
    return bound;
  };
  const segmentKinds = new Map<string, Set<Kind>>();
  for (const [i, s] of config.segments.entries()) segmentKinds.set(s.id, await bindPerKind(`segments[${i}].expr`, s.expr, false));
  const personaKinds = new Map<string, Set<Kind>>();
  for (const [i, p] of config.personas.entries()) personaKinds.set(p.id, await bindPerKind(`personas[${i}].segment`, p.segment, true));
  if (problems.length) throw new ConfigError(file, [...new Set(problems)]);
  db.noteConfigSql(file, configProbes(config, kinds, segmentKinds, personaKinds));

  for (const kind of kinds) await db.exec(mappedViewSql(config, kind, segmentKinds, personaKinds));
  return { kinds, segmentKinds, personaKinds };
}

/** Each bound rule and segment expression with a query that evaluates it on every row of its kind. */
function configProbes(config: Config, kinds: Kind[], segmentKinds: Map<string, Set<Kind>>, personaKinds: Map<string, Set<Kind>>): ConfigSql[] {
  const probe = (expr: string, kind: Kind, type: string) =>
    `SELECT count(CAST((${expr}) AS ${type})) FROM ${quoteIdent(CANONICAL_VIEW[kind])}`;
  const rules = config.touchpoints.flatMap((t, i) => (Object.entries(t.match) as [Kind, string][])
    .filter(([kind]) => kinds.includes(kind))
    .map(([kind, rule]) => ({ path: `touchpoints[${i}].match.${kind}`, probe: probe(rule, kind, 'BOOLEAN') })));
  const segments = config.segments.flatMap((s, i) => kinds
    .filter((kind) => segmentKinds.get(s.id)?.has(kind))
    .map((kind) => typeof s.expr === 'string'
      ? { path: `segments[${i}].expr`, probe: probe(s.expr, kind, 'VARCHAR') }
      : { path: `segments[${i}].expr.${kind}`, probe: probe(s.expr[kind]!, kind, 'VARCHAR') }));
  const personas = config.personas.flatMap((p, i) => kinds
    .filter((kind) => personaKinds.get(p.id)?.has(kind))
    .map((kind) => typeof p.segment === 'string'
      ? { path: `personas[${i}].segment`, probe: probe(p.segment, kind, 'BOOLEAN') }
      : { path: `personas[${i}].segment.${kind}`, probe: probe(p.segment[kind]!, kind, 'BOOLEAN') }));
  return [...rules, ...segments, ...personas];
}

/** The mapped view: first matching touchpoint rule wins; else the row's own columns. */
function mappedViewSql(config: Config, kind: Kind, segmentKinds: Map<string, Set<Kind>>, personaKinds: Map<string, Set<Kind>>): string {
  const spec = KIND_SPECS[kind];
  const has = (name: string) => spec.columns.some((c) => c.name === name);
  const rules = config.touchpoints
    .map((t, ord) => ({ rule: t.match[kind], ord }))
    .filter((r): r is { rule: string; ord: number } => Boolean(r.rule));
  const ruleCase = rules.length
    ? `CASE ${rules.map((r) => `WHEN (${r.rule}) THEN ${r.ord}`).join('\n              ')} END`
    : 'NULL::INTEGER';
  const segments = config.segments.map((s) => {
    const expr = typeof s.expr === 'string' ? s.expr : s.expr[kind];
    const ok = expr && segmentKinds.get(s.id)?.has(kind);
    return `${ok ? `CAST((${expr}) AS VARCHAR)` : 'NULL::VARCHAR'} AS ${quoteIdent(segmentColumn(s.id))}`;
  }).concat(config.personas.map((p) => {
    const expr = typeof p.segment === 'string' ? p.segment : p.segment[kind];
    const ok = expr && personaKinds.get(p.id)?.has(kind);
    return `${ok ? `CAST((${expr}) AS BOOLEAN)` : 'NULL::BOOLEAN'} AS ${quoteIdent(personaColumn(p.id))}`;
  }));
  const view = quoteIdent(CANONICAL_VIEW[kind]);
  const dataTouchpoint = has('touchpoint') ? 'ruled.touchpoint' : 'NULL';
  const dataStage = has('stage') ? 'lower(trim(ruled.stage))' : 'NULL';
  return [
    `CREATE VIEW ${quoteIdent(mappedView(kind))} AS`,
    `WITH ruled AS (`,
    `  SELECT *, ${ruleCase} AS _rule`,
    `  FROM ${view}`,
    `)`,
    `SELECT ruled.*,`,
    `       coalesce(r.id, ${dataTouchpoint}) AS _touchpoint,`,
    `       coalesce(r.stage, d.stage, s.id) AS _stage${segments.length ? ',' : ''}`,
    ...segments.map((s, i) => `       ${s}${i < segments.length - 1 ? ',' : ''}`),
    `FROM ruled`,
    `LEFT JOIN journey_touchpoints r ON r.ord = ruled._rule`,
    `LEFT JOIN journey_touchpoints d ON d.id = ${dataTouchpoint}`,
    `LEFT JOIN journey_stages s ON s.id = ${dataStage}`,
  ].join('\n');
}

export interface KindShape {
  kind: Kind;
  rows: number;
  /** Rows with a stage / with a touchpoint: the coverage figure (DESIGN §2). */
  staged: number;
  mapped: number;
  /**
   * The stages rows have, and whether every touchpoint has one stage or none — the rows without a
   * touchpoint counted as one more touchpoint (unit counting in measure.ts, drop-off in friction).
   */
  stages: string[];
  touchpointStages: 'one' | 'many';
}

export async function shapeOf(db: Db, kinds: Kind[]): Promise<KindShape[]> {
  const out: KindShape[] = [];
  for (const kind of kinds) {
    // One pass, grouped by (stage, touchpoint) first: a handful of groups however many rows.
    const [row] = await db.all<{ rows: number; staged: number; mapped: number; stages: string[]; pairs: number; touchpoints: number }>(
      `WITH pairs AS (
         SELECT _stage, _touchpoint, count(*) AS n FROM ${quoteIdent(mappedView(kind))} GROUP BY ALL
       )
       SELECT coalesce(sum(n), 0)::DOUBLE AS rows,
              coalesce(sum(n) FILTER (WHERE _stage IS NOT NULL), 0)::DOUBLE AS staged,
              coalesce(sum(n) FILTER (WHERE _touchpoint IS NOT NULL), 0)::DOUBLE AS mapped,
              coalesce(list(DISTINCT _stage ORDER BY _stage) FILTER (WHERE _stage IS NOT NULL), []) AS stages,
              count(*)::DOUBLE AS pairs,
              (count(DISTINCT _touchpoint) + CASE WHEN count(*) FILTER (WHERE _touchpoint IS NULL) > 0 THEN 1 ELSE 0 END)::DOUBLE AS touchpoints
       FROM pairs`, undefined, false);
    const { pairs, touchpoints, ...shape } = row;
    out.push({ kind, ...shape, touchpointStages: pairs === touchpoints ? 'one' : 'many' });
  }
  return out;
}

