// Paths across kinds (docs/paths.md): per unit (stitched person or web session) the touchpoints it
// met in the period in time order, repeats in a row collapsed; the most frequent sequences, what
// comes before and after a chosen touchpoint, and where the paths of units without a purchase end.
import { say } from '../messages.js';
import type { PathsResult } from '../contracts/paths.js';
import { quoteIdent, type Params } from '../db.js';
import { ConfigError, UsageError } from '../errors.js';
import { PERSON_KINDS } from '../journey/identity.js';
import { mappedView } from '../journey/map.js';
import { inPeriod, type Period } from '../period.js';
import type { Session } from '../session.js';
import { KIND_SPECS, type Kind } from '../sources/kinds/index.js';

export interface PathsRequest {
  period: Period;
  now: Date;
  unit: 'person' | 'session';
  top: number;
  maxSteps: number;
  from: string | null;
}

/** A paid order no touchpoint rule maps still belongs on a person's path. */
export const ORDER_STEP = '(order)';
export const START = '(start)';
export const END = '(end)';

/** One row per event on a path: unit, time, touchpoint, and whether it is a purchase. */
function eventsSql(session: Session, unit: 'person' | 'session'): string {
  const kinds = (unit === 'session' ? ['web'] : PERSON_KINDS).filter((k) => session.model.kinds.includes(k as Kind)) as Kind[];
  const key = unit === 'session' ? 'session_id' : 'customer_key';
  const parts = kinds.map((kind) => {
    const time = quoteIdent(KIND_SPECS[kind].timeColumn);
    const purchase = kind === 'order' ? "status = 'paid'" : kind === 'web' ? "event = 'purchase'" : 'false';
    const step = kind === 'order' ? `coalesce(_touchpoint, CASE WHEN status = 'paid' THEN '${ORDER_STEP}' END)` : '_touchpoint';
    return `  SELECT ${key} AS unit, ${time} AS t, ${step} AS tp, ${purchase} AS purchase\n  FROM ${quoteIdent(mappedView(kind))}\n  WHERE ${key} IS NOT NULL AND ${inPeriod(time)}`;
  });
  return parts.length ? parts.join('\n  UNION ALL\n') : '  SELECT NULL::VARCHAR AS unit, NULL::TIMESTAMPTZ AS t, NULL::VARCHAR AS tp, false AS purchase WHERE false';
}

export interface PathsQuery {
  name: string;
  sql: string;
  params: Params;
  /** A statement that creates a table the later queries read (no rows back). */
  exec?: true;
}

/**
 * The statements: the collapsed steps and one path per unit into two temporary tables (read by
 * every section), then the top paths, the totals, the ends without a purchase and, with --from,
 * the neighbours.
 */
export function pathsQueries(session: Session, request: PathsRequest): PathsQuery[] {
  const queries: PathsQuery[] = [
    {
      name: 'steps',
      exec: true,
      sql: [
        'CREATE OR REPLACE TEMP TABLE path_events AS',
        eventsSql(session, request.unit).replace(/^ {2}/gm, ''),
      ].join('\n'),
      params: {},
    },
    {
      name: 'collapsed',
      exec: true,
      sql: [
        'CREATE OR REPLACE TEMP TABLE path_steps AS',
        'SELECT unit, t, tp FROM (',
        '  SELECT unit, t, tp, lag(tp) OVER (PARTITION BY unit ORDER BY t, tp) AS before',
        '  FROM path_events WHERE tp IS NOT NULL',
        ') WHERE before IS DISTINCT FROM tp',
      ].join('\n'),
      params: {},
    },
    {
      name: 'units',
      exec: true,
      sql: [
        'CREATE OR REPLACE TEMP TABLE path_units AS',
        'SELECT s.unit, list(s.tp ORDER BY s.t, s.tp) AS path, coalesce(b.bought, false) AS bought',
        'FROM path_steps s',
        'LEFT JOIN (SELECT unit, bool_or(purchase) AS bought FROM path_events GROUP BY unit) b USING (unit)',
        'GROUP BY s.unit, b.bought',
      ].join('\n'),
      params: {},
    },
    {
      name: 'totals',
      sql: 'SELECT count(*)::DOUBLE AS units, count(*) FILTER (WHERE bought)::DOUBLE AS purchasers FROM path_units',
      params: {},
    },
    {
      name: 'paths',
      sql: [
        'SELECT steps, more, count(*)::DOUBLE AS units, count(*) FILTER (WHERE bought)::DOUBLE AS purchased',
        'FROM (SELECT path[1:$max] AS steps, len(path) > $max AS more, bought FROM path_units)',
        'GROUP BY steps, more',
        'ORDER BY units DESC, len(steps), list_string_agg(steps)',
        'LIMIT $top',
      ].join('\n'),
      params: { max: request.maxSteps, top: request.top },
    },
    {
      name: 'ends',
      sql: 'SELECT path[-1] AS touchpoint, count(*)::DOUBLE AS count FROM path_units WHERE NOT bought GROUP BY ALL ORDER BY count DESC, touchpoint',
      params: {},
    },
  ];
  if (request.from) {
    for (const [name, dir, fill] of [['next', 'lead', END], ['previous', 'lag', START]] as const) {
      queries.push({
        name,
        sql: [
          'SELECT touchpoint, count(*)::DOUBLE AS count FROM (',
          `  SELECT coalesce(${dir}(tp) OVER (PARTITION BY unit ORDER BY t, tp), '${fill}') AS touchpoint, tp = $from AS here FROM path_steps`,
          ') WHERE here GROUP BY ALL ORDER BY count DESC, touchpoint',
        ].join('\n'),
        params: { from: request.from },
      });
    }
  }
  return queries;
}

export async function buildPaths(session: Session, request: PathsRequest): Promise<{ result: PathsResult; queries: PathsQuery[] }> {
  const { config } = session;
  if (request.from && request.from !== ORDER_STEP && !config.touchpoints.some((t) => t.id === request.from)) {
    throw new UsageError(`--from ${request.from}: no such touchpoint; the config has ${config.touchpoints.map((t) => t.id).join(', ') || 'none'}`);
  }
  if (config.touchpoints.length === 0) {
    throw new ConfigError(config.file ?? 'config', ['touchpoints: none configured; paths are sequences of touchpoints (docs/paths.md)']);
  }
  const label = (id: string) => config.touchpoints.find((t) => t.id === id)?.label ?? id;
  const queries = pathsQueries(session, request);
  const rows = new Map<string, Record<string, unknown>[]>();
  for (const q of queries) {
    if (q.exec) await session.db.exec(q.sql, q.params);
    else rows.set(q.name, await session.db.all(q.sql, q.params));
  }
  const [totals] = rows.get('totals')! as { units: number; purchasers: number }[];
  const units = totals?.units ?? 0;
  const purchasers = totals?.purchasers ?? 0;
  const pct = (part: number, whole: number) => (whole ? (100 * part) / whole : 0);
  const counted = (name: string, whole: number) => (rows.get(name) ?? []).map((r) => {
    const id = String(r.touchpoint);
    return { touchpoint: id, label: label(id), count: Number(r.count), share: pct(Number(r.count), whole) };
  });
  const nextRows = counted('next', 1);
  const occurrences = nextRows.reduce((sum, r) => sum + r.count, 0);
  const warnings: string[] = [];
  if (request.unit === 'person' && !session.config.identity) {
    warnings.push(say('pathsNoIdentity'));
  }
  return {
    result: {
      schema: 'journey-paths/1',
      generated_at: request.now.toISOString(),
      period: { since: request.period.since, until: request.period.until },
      unit: request.unit,
      max_steps: request.maxSteps,
      units,
      purchasers,
      paths: (rows.get('paths') ?? []).map((r) => {
        const steps = (r.steps as string[]).map(String);
        return {
          steps, labels: steps.map(label), more: Boolean(r.more), units: Number(r.units),
          share: pct(Number(r.units), units), purchased: Number(r.purchased),
        };
      }),
      around: request.from ? {
        touchpoint: request.from,
        label: label(request.from),
        occurrences,
        next: counted('next', occurrences),
        previous: counted('previous', occurrences),
      } : null,
      ends_without_purchase: counted('ends', units - purchasers),
      warnings,
    },
    queries,
  };
}
