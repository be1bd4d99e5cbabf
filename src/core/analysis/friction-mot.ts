// Moments of truth from the data: touchpoints whose experience goes with a customer's NPS answer
// (importance: correlation over customers who answered both) and that score worse than the journey
// (performance gap), beside the touchpoints the config marks as moments of truth.
import type { Db } from '../db.js';
import type { Kind } from '../sources/kinds/index.js';
import { KPI_BY_ID } from '../kpis/catalogue.js';
import { relationSql } from '../kpis/relations.js';
import { normalCdf, Z95 } from '../kpis/stats.js';
import { adjustFamily } from './significance.js';
import type { RankedTouchpoint, TouchpointMeta } from './friction-types.js';
import type { z } from 'zod';
import type { momentOfTruthSchema, motDriverSchema } from '../contracts/friction.js';

/** A touchpoint's CSAT or CES against the customer's NPS (src/core/contracts/friction.ts). */
export type Driver = z.infer<typeof motDriverSchema>;
export type MomentOfTruth = z.infer<typeof momentOfTruthSchema>;

const MEASURES = [
  { measure: 'csat', component: 'low_csat' },
  { measure: 'ces', component: 'high_effort' },
] as const;

/**
 * The customer's NPS is their relationship NPS: answers at the NPS KPI's home stage (loyalty) when
 * the data has any, else every NPS answer. A transactional NPS asked in the same survey as a
 * touchpoint's CSAT would make that touchpoint look important through the questionnaire alone.
 */
const momentsOfTruthSql = (surveyCtes: string[]) => [
  '-- moments of truth: per touchpoint, how a customer\'s CSAT / CES there goes with their relationship NPS (customers with both)',
  `WITH ${surveyCtes.join(',\n')},`,
  `nps_answers AS (
  SELECT customer_key, nps, coalesce(_stage = $nps_stage, false) AS _relationship
  FROM scoped
  WHERE nps IS NOT NULL AND customer_key IS NOT NULL
),`,
  `nps AS (
  SELECT customer_key, avg(nps) AS nps
  FROM nps_answers
  WHERE _relationship OR NOT (SELECT coalesce(bool_or(_relationship), false) FROM nps_answers)
  GROUP BY customer_key
),`,
  `experience AS (
  SELECT customer_key, _touchpoint, avg(csat) AS csat, avg(ces) AS ces
  FROM scoped
  WHERE _touchpoint IS NOT NULL AND customer_key IS NOT NULL AND (csat IS NOT NULL OR ces IS NOT NULL)
  GROUP BY customer_key, _touchpoint
)`,
  `SELECT _touchpoint,
       CAST(regr_count(nps, csat) AS DOUBLE) AS csat_n,
       corr(nps, csat ORDER BY customer_key) AS csat_r,
       CAST(regr_count(nps, ces) AS DOUBLE) AS ces_n,
       corr(nps, ces ORDER BY customer_key) AS ces_r
FROM experience JOIN nps USING (customer_key)
GROUP BY _touchpoint
ORDER BY _touchpoint`,
].join('\n');

/** Fisher z interval and two-sided p for r over n pairs; null below 4 pairs. */
function fisher(r: number, n: number): { ci: [number, number]; p: number } | null {
  if (!(n >= 4) || !Number.isFinite(r)) return null;
  const z = Math.atanh(Math.max(-1 + 1e-12, Math.min(1 - 1e-12, r)));
  const se = 1 / Math.sqrt(n - 3);
  return { ci: [Math.tanh(z - Z95 * se), Math.tanh(z + Z95 * se)], p: 2 * normalCdf(-Math.abs(z) / se) };
}

export async function momentsOfTruth(
  db: Db, loaded: Kind[], friction: RankedTouchpoint[], meta: Map<string, TouchpointMeta>, options: { minCell: number },
): Promise<{ moments: MomentOfTruth[]; query: { sql: string; params: Record<string, string> } | null }> {
  const rel = relationSql('surveys', loaded, []);
  const marked = [...meta].filter(([, m]) => m.moment_of_truth).map(([id]) => id);
  if (!rel) return { moments: marked.map((id) => ({ touchpoint: id, label: meta.get(id)!.label, marked: true, from_data: false, drivers: [] })), query: null };
  const sql = momentsOfTruthSql(rel.ctes);
  const params = { nps_stage: KPI_BY_ID.get('nps')!.stage };
  const rows = await db.all<Record<string, number | string | null>>(sql, params);
  const byId = new Map(friction.map((f) => [f.touchpoint, f]));
  const drivers: Driver[] = [];
  for (const row of rows) {
    const id = String(row._touchpoint);
    for (const { measure, component } of MEASURES) {
      const n = Number(row[`${measure}_n`] ?? 0);
      if (n === 0) continue;
      const raw = row[`${measure}_r`];
      // Privacy: a correlation over fewer than min_cell customers is withheld like any survey cell.
      const r = n >= options.minCell && typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
      const test = r === null ? null : fisher(r, n);
      const c = byId.get(id)?.components[component];
      const gap = c && c.rate !== null ? c.rate - c.baseline : null;
      drivers.push({
        touchpoint: id,
        label: meta.get(id)?.label ?? id,
        stage: byId.get(id)?.stage ?? meta.get(id)?.stage ?? '',
        marked: meta.get(id)?.moment_of_truth ?? false,
        measure,
        importance: { r, ci: test?.ci ?? null, n, p: test?.p ?? null, p_adjusted: null },
        performance: { component, rate: c?.rate ?? null, baseline: c?.baseline ?? null, gap },
        priority: r !== null && r > 0 && gap !== null ? r * gap : null,
        from_data: false,
        verdict: 'too_few',
      });
    }
  }
  // One family of tests: every touchpoint x measure with a p-value.
  adjustFamily(drivers, (d) => d.importance.p, (d, q) => {
    d.importance.p_adjusted = q;
    d.from_data = d.importance.r! > 0 && q < 0.05;
    d.verdict = !d.from_data ? 'no_evidence' : (d.performance.gap ?? 0) > 0 ? 'fix_first' : 'protect';
  });
  // Fix first (by importance x gap), then protect, then the rest (each by importance).
  const group = (d: Driver) => ['fix_first', 'protect', 'no_evidence', 'too_few'].indexOf(d.verdict);
  drivers.sort((a, b) => group(a) - group(b)
    || (a.verdict === 'fix_first' ? b.priority! - a.priority! : 0)
    || (b.importance.r ?? -Infinity) - (a.importance.r ?? -Infinity) || a.touchpoint.localeCompare(b.touchpoint));
  const ids = [...new Set([...drivers.map((d) => d.touchpoint), ...marked])];
  const moments = ids.map((id) => {
    const own = drivers.filter((d) => d.touchpoint === id);
    return {
      touchpoint: id,
      label: meta.get(id)?.label ?? id,
      marked: meta.get(id)?.moment_of_truth ?? false,
      from_data: own.some((d) => d.from_data),
      drivers: own,
    };
  });
  return { moments, query: { sql, params } };
}
