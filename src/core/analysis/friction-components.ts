// The friction components as data, and the SQL that counts them: each component is a share k / n
// measured per touchpoint on one relation, and over the whole journey (the baseline) in the same
// query. A new component is one entry in COMPONENTS.
import { quoteIdent } from '../db.js';
import { mappedView, type KindShape } from '../journey/map.js';
import { relationSql } from '../kpis/relations.js';
import type { Kind } from '../sources/kinds/index.js';
import { inPeriod } from '../period.js';

export type FrictionGroup = 'dissatisfaction' | 'effort' | 'drop_off' | 'contact';
export type FrictionRelation = 'csat_answers' | 'surveys' | 'tickets' | 'web';

export interface ComponentDef {
  id: string;
  group: FrictionGroup;
  /** What one friction event is, short: "CSAT 1-3". */
  label: string;
  /** What n counts: "CSAT answers". */
  unit: string;
  /** What the friction events did, for a sentence: "703 of 1831 CSAT answers were 1-3". */
  phrase: string;
  relation: FrictionRelation;
  /** Survey-derived shares from fewer than `min_cell` respondents are withheld (DESIGN §5, §10). */
  surveyDerived: boolean;
  definition: string;
  /** Aggregates over the relation's rows: the denominator and the friction events among them. */
  n: string;
  k: string;
}

export const COMPONENTS: ComponentDef[] = [
  {
    id: 'low_csat', group: 'dissatisfaction', relation: 'csat_answers', surveyDerived: true,
    label: 'CSAT 1-3', unit: 'CSAT answers', phrase: 'were 1-3',
    definition: 'CSAT answers that are not top-2 (1-3 on 1-5) / CSAT answers, survey and ticket csat',
    n: 'count(csat)', k: 'count(*) FILTER (WHERE csat <= 3)',
  },
  {
    id: 'detractors', group: 'dissatisfaction', relation: 'surveys', surveyDerived: true,
    label: 'NPS 0-6 (detractors)', unit: 'NPS answers', phrase: 'were 0-6 (detractors)',
    definition: 'NPS answers 0-6 / NPS answers',
    n: 'count(nps)', k: 'count(*) FILTER (WHERE nps <= 6)',
  },
  {
    id: 'high_effort', group: 'effort', relation: 'surveys', surveyDerived: true,
    label: 'CES 1-3 (hard)', unit: 'CES answers', phrase: 'were 1-3 (hard)',
    definition: 'CES answers 1-3 (on 1-7, higher = easier) / CES answers',
    n: 'count(ces)', k: 'count(*) FILTER (WHERE ces <= 3)',
  },
  {
    id: 'drop_off', group: 'drop_off', relation: 'web', surveyDerived: false,
    label: 'drop-off', unit: 'sessions', phrase: 'ended here without a purchase',
    definition: 'web sessions whose last event is at the touchpoint and that made no purchase / sessions with an event at the touchpoint; '
      + 'touchpoints in the stages up to the one where purchases are recorded (a session can still move on from there)',
    n: 'count(*)', k: 'count(*) FILTER (WHERE _ended_here)',
  },
  {
    id: 'repeat_contact', group: 'contact', relation: 'tickets', surveyDerived: false,
    label: 'not solved first time', unit: 'solved tickets', phrase: 'were reopened or needed more than one reply',
    definition: 'solved tickets reopened or with more than one agent reply (not first-contact resolved) / solved tickets',
    n: 'count(*) FILTER (WHERE _solved)',
    k: 'count(*) FILTER (WHERE _solved AND (coalesce(replies, 0) > 1 OR coalesce(reopens, 0) > 0))',
  },
  {
    id: 'slow_resolution', group: 'contact', relation: 'tickets', surveyDerived: false,
    label: 'slow resolution', unit: 'resolved tickets', phrase: 'took longer than the journey median to resolve',
    definition: 'tickets resolved later than the journey-wide median time to resolution / tickets with a resolution time',
    n: 'count(_ttr_hours)', k: 'count(*) FILTER (WHERE _ttr_hours > _ttr_median_hours)',
  },
];


/** CTEs for one relation, ending in a relation named by `from` with `_touchpoint` and `_stage`. */
/** No web row has a stage or a touchpoint: the facts are one per session, and it ends where it ends. */
function unscopedSessionCtes(): string[] {
  return [`session_touchpoints AS (
  SELECT session_id, _touchpoint, _stage, NOT _purchased AS _ended_here
  FROM session_facts
)`];
}

function scopedSessionCtes(webScopes: 'one' | 'many'): string[] {
  // When every touchpoint (and the rows without one) has one stage, the facts are one per session
  // and touchpoint already, and need no grouping that merges stages.
  const perTouchpoint = webScopes === 'one'
    ? `SELECT f.session_id, f._touchpoint, f._stage,
         f._last_at = s._last_at AND NOT s._purchased AS _ended_here`
    : `SELECT f.session_id, f._touchpoint, min(f._stage) AS _stage,
         bool_or(f._last_at = s._last_at) AND NOT bool_or(s._purchased) AS _ended_here`;
  return [
    `sessions AS (
  SELECT session_id, max(_last_at) AS _last_at, bool_or(_purchased) AS _purchased
  FROM session_facts
  GROUP BY session_id
)`,
    // Drop-off is measured where a session can still move on to a purchase: touchpoints in the
    // stages up to the last one where purchase events are mapped (else the stage `purchase`,
    // else every stage). Nearly every visit to a help or returns page ends there; that is no drop-off.
    `funnel AS (
  SELECT coalesce(
           (SELECT max(st.ord) FROM session_facts f JOIN journey_stages st ON st.id = f._stage WHERE f._purchased),
           (SELECT ord FROM journey_stages WHERE id = 'purchase'),
           (SELECT max(ord) FROM journey_stages)) AS last_stage
)`,
    // One row per session and touchpoint in the funnel (pages matching no touchpoint are one
    // more group, so they count in the baseline): did the session end here, without a purchase?
    `session_touchpoints AS (
  ${perTouchpoint}
  FROM session_facts f
  JOIN sessions s USING (session_id)
  LEFT JOIN journey_stages st ON st.id = f._stage
  CROSS JOIN funnel
  WHERE st.ord IS NULL OR st.ord <= funnel.last_stage${webScopes === 'one' ? '' : '\n  GROUP BY f.session_id, f._touchpoint'}
)`,
  ];
}

/** How web rows carry scopes: none at all, every touchpoint in one stage, or any. */
type WebScopes = 'none' | 'one' | 'many';

function relationCtes(relation: FrictionRelation, loaded: Kind[], webScopes: WebScopes): { ctes: string[]; from: string } | undefined {
  if (relation === 'web') {
    if (!loaded.includes('web')) return undefined;
    return {
      ctes: [
        // The one pass over the events: facts per session, touchpoint and stage; everything below
        // reads these (a session's last event is the latest of its touchpoints' last events).
        `session_facts AS (
  SELECT session_id, _touchpoint, _stage,
         max(timestamp) AS _last_at,
         bool_or(event = 'purchase') AS _purchased
  FROM ${quoteIdent(mappedView('web'))}
  WHERE ${inPeriod('timestamp')}
  GROUP BY ALL
)`,
        ...(webScopes === 'none' ? unscopedSessionCtes() : scopedSessionCtes(webScopes)),
      ],
      from: 'session_touchpoints',
    };
  }
  const rel = relationSql(relation, loaded, []);
  if (!rel) return undefined;
  if (relation !== 'tickets') return { ctes: rel.ctes, from: 'scoped' };
  // "Slow" is relative to this journey: slower than its median time to resolution (the report's
  // ttr_median_hours), so about half of all resolved tickets are slow by construction.
  return {
    ctes: [
      ...rel.ctes,
      `threshold AS (\n  SELECT quantile_cont(_ttr_hours, 0.5) AS _ttr_median_hours FROM scoped\n)`,
      `timed AS (\n  SELECT * FROM scoped CROSS JOIN threshold\n)`,
    ],
    from: 'timed',
  };
}

export interface FrictionQuery {
  relation: FrictionRelation;
  components: ComponentDef[];
  sql: string;
}

export const statColumn = (c: ComponentDef, stat: 'n' | 'k') => `${c.id}__${stat}`;

/**
 * One query per relation: every component's n and k per touchpoint, plus the journey-wide row
 * (the empty grouping set, `_baseline` = 1) that every touchpoint is compared with.
 */
export function frictionQueries(loaded: Kind[], shape: Map<Kind, Pick<KindShape, 'staged' | 'mapped' | 'touchpointStages'>>): FrictionQuery[] {
  const relations = [...new Set(COMPONENTS.map((c) => c.relation))];
  const web = shape.get('web');
  const webScopes: WebScopes = !web ? 'many' : web.staged === 0 && web.mapped === 0 ? 'none' : web.touchpointStages;
  return relations.flatMap((relation) => {
    const rel = relationCtes(relation, loaded, webScopes);
    if (!rel) return [];
    const components = COMPONENTS.filter((c) => c.relation === relation);
    const extra = relation === 'tickets' ? ['max(_ttr_median_hours) AS _ttr_median_hours'] : [];
    const columns = [
      '_touchpoint',
      'GROUPING(_touchpoint) AS _baseline',
      'min(_stage) AS _stage',
      'CAST(count(*) AS DOUBLE) AS _rows',
      ...extra,
      ...components.flatMap((c) => [
        `CAST(${c.n} AS DOUBLE) AS ${quoteIdent(statColumn(c, 'n'))}`,
        `CAST(${c.k} AS DOUBLE) AS ${quoteIdent(statColumn(c, 'k'))}`,
      ]),
    ];
    const sql = [
      `-- friction on ${relation}: ${components.map((c) => c.id).join(', ')} per touchpoint; the row with _baseline = 1 is the whole journey`,
      `WITH ${rel.ctes.join(',\n')}`,
      `SELECT ${columns.join(',\n       ')}`,
      `FROM ${rel.from}`,
      `GROUP BY GROUPING SETS ((_touchpoint), ())`,
      `ORDER BY _baseline DESC, _touchpoint`,
    ].join('\n');
    return [{ relation, components, sql }];
  });
}
