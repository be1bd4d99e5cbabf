// What happens after a touchpoint (docs/after.md): customers (stitched persons) with a paid order
// in the period, split per touchpoint by whether they met it within a window after their first
// such order (a delivery ticket within 14 days); each group's repeat purchase and NPS afterwards,
// and the difference with its interval and a test, Benjamini-Hochberg over the run.
import { say } from '../messages.js';
import type { AfterResult } from '../contracts/after.js';
import { quoteIdent, type Params } from '../db.js';
import { UsageError } from '../errors.js';
import { mappedView } from '../journey/map.js';
import { inPeriod, type Period } from '../period.js';
import type { Session } from '../session.js';
import { KIND_SPECS, type Kind } from '../sources/kinds/index.js';
import { newcombe, npsAdjustedWald, npsTwoSampleTest, twoProportionTest, wilson } from '../kpis/stats.js';
import { adjustFamily } from './significance.js';

export interface AfterRequest {
  period: Period;
  now: Date;
  withinHours: number;
  /** --touchpoint: only these; empty: every touchpoint met after an order. */
  touchpoints: string[];
  /** --kind: which kinds' rows count as meeting a touchpoint (default ticket, survey and web). */
  kinds: Kind[];
}

export const TOUCH_KINDS: Kind[] = ['ticket', 'survey', 'web'];

export function afterSql(session: Session, request: AfterRequest): { sql: string; params: Params } {
  const has = (k: Kind) => session.model.kinds.includes(k);
  const touches = TOUCH_KINDS.filter((k) => has(k) && (request.kinds.length === 0 || request.kinds.includes(k))).map((k) => {
    const time = quoteIdent(KIND_SPECS[k].timeColumn);
    return `  SELECT customer_key AS unit, _touchpoint AS tp, ${time} AS t FROM ${quoteIdent(mappedView(k))}\n  WHERE _touchpoint IS NOT NULL AND customer_key IS NOT NULL`;
  });
  const answers = has('survey')
    ? `SELECT customer_key AS unit, submitted_at AS t, nps FROM ${quoteIdent(mappedView('survey'))} WHERE nps IS NOT NULL AND customer_key IS NOT NULL`
    : 'SELECT NULL::VARCHAR AS unit, NULL::TIMESTAMPTZ AS t, NULL::INTEGER AS nps WHERE false';
  const only = request.touchpoints.length ? ` AND x.tp IN (${request.touchpoints.map((_, i) => `$tp${i}`).join(', ')})` : '';
  const sql = [
    'WITH paid AS (',
    `  SELECT customer_key AS unit, ordered_at AS t FROM ${quoteIdent(mappedView('order'))}`,
    "  WHERE status = 'paid' AND customer_key IS NOT NULL",
    `), answers AS (\n  ${answers}\n), first_orders AS (`,
    `  SELECT unit, min(t) AS t0 FROM paid WHERE ${inPeriod('t')} GROUP BY unit`,
    '), touches AS (',
    touches.length ? touches.join('\n  UNION ALL\n') : '  SELECT NULL::VARCHAR AS unit, NULL::VARCHAR AS tp, NULL::TIMESTAMPTZ AS t WHERE false',
    '), met AS (',
    '  SELECT DISTINCT f.unit, x.tp FROM first_orders f',
    '  JOIN touches x ON x.unit = f.unit AND x.t >= f.t0 AND x.t <= f.t0 + to_microseconds($window_us)',
    `  WHERE true${only}`,
    '), outcomes AS (',
    '  SELECT f.unit,',
    '         EXISTS (SELECT 1 FROM paid p WHERE p.unit = f.unit AND p.t > f.t0) AS again,',
    '         (SELECT arg_max(a.nps, a.t) FROM answers a WHERE a.unit = f.unit AND a.t >= f.t0) AS nps',
    '  FROM first_orders f',
    ')',
    'SELECT tps.tp AS touchpoint, m.unit IS NOT NULL AS met,',
    '       count(*)::DOUBLE AS customers, count(*) FILTER (WHERE o.again)::DOUBLE AS repeaters,',
    '       count(o.nps)::DOUBLE AS answered, count(*) FILTER (WHERE o.nps >= 9)::DOUBLE AS promoters,',
    '       count(*) FILTER (WHERE o.nps <= 6)::DOUBLE AS detractors',
    'FROM (SELECT DISTINCT tp FROM met) tps',
    'CROSS JOIN outcomes o',
    'LEFT JOIN met m ON m.unit = o.unit AND m.tp = tps.tp',
    'GROUP BY ALL',
    'ORDER BY touchpoint, met',
  ].join('\n');
  const params: Params = { window_us: Math.round(request.withinHours * 3_600_000_000) };
  request.touchpoints.forEach((id, i) => { (params as Record<string, string | number>)[`tp${i}`] = id; });
  return { sql, params };
}

interface Cell { touchpoint: string; met: boolean; customers: number; repeaters: number; answered: number; promoters: number; detractors: number }

function groupOf(c: Cell | undefined) {
  const x = c ?? { customers: 0, repeaters: 0, answered: 0, promoters: 0, detractors: 0 };
  const w = wilson(x.repeaters, x.customers);
  const nps = npsAdjustedWald(x.promoters, x.detractors, x.answered);
  return {
    customers: x.customers,
    repeat_purchase: { value: x.customers ? (100 * x.repeaters) / x.customers : null, ci: w ? [100 * w[0], 100 * w[1]] as [number, number] : null, n: x.customers },
    nps: { value: x.answered ? (100 * (x.promoters - x.detractors)) / x.answered : null, ci: nps?.ci ?? null, n: x.answered },
  };
}

export async function buildAfter(session: Session, request: AfterRequest): Promise<{ result: AfterResult; sql: string; params: Params }> {
  const { config } = session;
  for (const id of request.touchpoints) {
    if (!config.touchpoints.some((t) => t.id === id)) throw new UsageError(`--touchpoint ${id}: no such touchpoint; the config has ${config.touchpoints.map((t) => t.id).join(', ') || 'none'}`);
  }
  const warnings: string[] = [];
  if (!session.model.kinds.includes('order')) {
    throw new UsageError('journey after needs orders: it follows customers from their first paid order in the period');
  }
  if (!session.config.identity) warnings.push(say('afterNoIdentity'));
  const { sql, params } = afterSql(session, request);
  const cells = (await session.db.all<Cell>(sql, params)).map((c) => ({ ...c, met: Boolean(c.met) }));
  const [{ customers }] = await session.db.all<{ customers: number }>(
    `SELECT count(DISTINCT customer_key)::DOUBLE AS customers FROM ${quoteIdent(mappedView('order'))} WHERE status = 'paid' AND customer_key IS NOT NULL AND ${inPeriod('ordered_at')}`);
  const label = (id: string) => config.touchpoints.find((t) => t.id === id)?.label ?? id;
  const order = (id: string) => config.touchpoints.findIndex((t) => t.id === id);
  const ids = [...new Set(cells.map((c) => c.touchpoint))].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  const rows = ids.map((id) => {
    const yes = cells.find((c) => c.touchpoint === id && c.met);
    const no = cells.find((c) => c.touchpoint === id && !c.met);
    const met = groupOf(yes);
    const notMet = groupOf(no);
    const a = yes ?? { customers: 0, repeaters: 0, answered: 0, promoters: 0, detractors: 0 };
    const b = no ?? { customers: 0, repeaters: 0, answered: 0, promoters: 0, detractors: 0 };
    const rp = twoProportionTest(a.repeaters, a.customers, b.repeaters, b.customers);
    const rci = newcombe(a.repeaters, a.customers, b.repeaters, b.customers);
    const nt = npsTwoSampleTest({ promoters: a.promoters, detractors: a.detractors, n: a.answered }, { promoters: b.promoters, detractors: b.detractors, n: b.answered });
    const delta = (x: number | null, y: number | null) => (x === null || y === null ? null : x - y);
    return {
      touchpoint: id, label: label(id), met, not_met: notMet,
      repeat_purchase: { delta: delta(met.repeat_purchase.value, notMet.repeat_purchase.value), ci: rci ? [100 * rci[0], 100 * rci[1]] as [number, number] : null, p_value: rp?.p ?? null, p_adjusted: null as number | null, significant: false },
      nps: { delta: delta(met.nps.value, notMet.nps.value), ci: nt ? [100 * nt.ci[0], 100 * nt.ci[1]] as [number, number] : null, p_value: nt?.p ?? null, p_adjusted: null as number | null, significant: false },
    };
  });
  adjustFamily(rows.flatMap((r) => [r.repeat_purchase, r.nps]), (d) => d.p_value, (d, p) => {
    d.p_adjusted = p;
    d.significant = p < 0.05;
  });
  return {
    result: {
      schema: 'journey-after/1', generated_at: request.now.toISOString(), period: { since: request.period.since, until: request.period.until },
      within_hours: request.withinHours, customers,
      kinds: (request.kinds.length ? request.kinds : TOUCH_KINDS) as AfterResult['kinds'], touchpoints: rows, warnings,
    },
    sql, params,
  };
}
