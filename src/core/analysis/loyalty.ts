// Loyalty beside satisfaction (issue 4, part 5): survey respondents linked to their orders by the
// customer key. Repeat purchase and churn per NPS group, promoters against detractors, and the
// share of satisfied customers who bought only once. One SQL statement; definitions in
// docs/loyalty-and-trends.md. The catalogue's own relations supply the paid-order, period and
// churn as-of logic, so these figures are the catalogue's KPIs restricted to a group.
import { quoteIdent, type Db } from '../db.js';
import { CANONICAL_VIEW, mappedView } from '../journey/map.js';
import { KPI_BY_ID, type KpiDef } from '../kpis/catalogue.js';
import { toKpi, type Kpi } from '../kpis/measure.js';
import { relationSql, type RelationSql } from '../kpis/relations.js';
import { newcombe, twoProportionTest } from '../kpis/stats.js';
import type { Kind } from '../sources/kinds/index.js';
import { inPeriod } from '../period.js';
import { adjustFamily } from './significance.js';
import type { z } from 'zod';
import type { loyaltyDifferenceSchema, loyaltyGroupSchema, loyaltySchema } from '../contracts/report.js';

export type NpsGroup = 'promoter' | 'passive' | 'detractor' | 'all';

export type LoyaltyGroup = z.infer<typeof loyaltyGroupSchema>;
export type LoyaltyDifference = z.infer<typeof loyaltyDifferenceSchema>;
/** Repeat purchase and churn per NPS group (`loyalty` in journey-report/1, src/core/contracts/report.ts). */
export type Loyalty = z.infer<typeof loyaltySchema>;

export interface LoyaltyOptions {
  loaded: Kind[];
  lowN: number;
  minCell: number;
}

const ALPHA = 0.05;
const GROUPS: NpsGroup[] = ['promoter', 'passive', 'detractor', 'all'];

/** A catalogue relation's CTEs nested in one CTE, reduced to one row per customer. */
function perCustomer(name: string, rel: RelationSql): string {
  return `${name} AS (\n  WITH ${rel.ctes.join(',\n')}\n  SELECT customer_key, ${rel.perCustomer} FROM scoped GROUP BY customer_key\n)`;
}

/** The loyalty statement, or undefined when surveys or orders are not loaded. */
export function loyaltySql(loaded: Kind[]): string | undefined {
  const repeat = relationSql('order_customers', loaded, []);
  const churn = relationSql('churn', loaded, []);
  if (!loaded.includes('survey') || !repeat || !churn) return undefined;
  const surveys = quoteIdent(mappedView('survey'));
  // CSAT answers and order keys need no stage: the canonical views skip evaluating the rules.
  const canonical = (kind: Kind) => quoteIdent(CANONICAL_VIEW[kind]);
  const csatParts = [`    SELECT customer_key, csat FROM ${canonical('survey')} WHERE csat IS NOT NULL AND ${inPeriod('submitted_at')}`];
  if (loaded.includes('ticket')) {
    csatParts.push(`    SELECT customer_key, csat FROM ${canonical('ticket')} WHERE csat IS NOT NULL AND ${inPeriod('created_at')}`);
  }
  const among = 'nps_group IS NOT NULL';
  return [
    `-- Loyalty beside satisfaction: NPS respondents and satisfied customers linked to their paid orders`,
    // Relationship answers: those the report counts in NPS's home stage (mapped there, or unstaged).
    // A transactional NPS after a support contact rates the contact, not the relationship.
    `WITH nps_all AS (`,
    `  SELECT customer_key, nps, submitted_at, response_id, coalesce(_stage, $home) = $home AS relationship`,
    `  FROM ${surveys}`,
    `  WHERE nps IS NOT NULL AND ${inPeriod('submitted_at')}`,
    `),`,
    `nps_answers AS (`,
    `  SELECT * FROM nps_all`,
    `  WHERE relationship OR NOT EXISTS (SELECT 1 FROM nps_all WHERE relationship)`,
    `),`,
    // The latest answer decides; two answers at the same moment: the higher response id.
    `latest AS (`,
    `  SELECT customer_key, arg_max(nps, (submitted_at, response_id)) AS nps`,
    `  FROM nps_answers`,
    `  WHERE customer_key IS NOT NULL`,
    `  GROUP BY customer_key`,
    `),`,
    `respondents AS (`,
    `  SELECT customer_key,`,
    `         CASE WHEN nps >= 9 THEN 'promoter' WHEN nps >= 7 THEN 'passive' ELSE 'detractor' END AS nps_group`,
    `  FROM latest`,
    `),`,
    `csat_answers AS (`,
    csatParts.join('\n    UNION ALL\n'),
    `),`,
    // Satisfied: every CSAT answer the customer gave in the period is 4 or 5.
    `satisfied AS (`,
    `  SELECT customer_key FROM csat_answers`,
    `  WHERE customer_key IS NOT NULL`,
    `  GROUP BY customer_key`,
    `  HAVING min(csat) >= 4`,
    `),`,
    `known_customers AS (`,
    `  SELECT DISTINCT customer_key FROM ${canonical('order')} WHERE customer_key IS NOT NULL`,
    `),`,
    `${perCustomer('repeat_customers', repeat)},`,
    `${perCustomer('churn_customers', churn)},`,
    `churn_as_of AS (\n  WITH ${churn.ctes.join(',\n')}\n  SELECT t FROM as_of\n),`,
    `people AS (`,
    `  SELECT p.customer_key, r.nps_group, s.customer_key IS NOT NULL AS satisfied,`,
    `         k.customer_key IS NOT NULL AS linked, rc.paid_orders, cc.active_recently`,
    `  FROM (SELECT customer_key FROM respondents UNION SELECT customer_key FROM satisfied) p`,
    `  LEFT JOIN respondents r USING (customer_key)`,
    `  LEFT JOIN satisfied s USING (customer_key)`,
    `  LEFT JOIN known_customers k USING (customer_key)`,
    `  LEFT JOIN repeat_customers rc USING (customer_key)`,
    `  LEFT JOIN churn_customers cc USING (customer_key)`,
    `)`,
    `SELECT nps_group, GROUPING(nps_group) AS is_total,`,
    `       count(*) FILTER (WHERE ${among})::DOUBLE AS respondents,`,
    `       count(*) FILTER (WHERE ${among} AND NOT linked)::DOUBLE AS unlinked,`,
    `       count(paid_orders) FILTER (WHERE ${among})::DOUBLE AS repeat_n,`,
    `       count(*) FILTER (WHERE ${among} AND paid_orders >= 2)::DOUBLE AS repeat_k,`,
    `       count(active_recently) FILTER (WHERE ${among})::DOUBLE AS churn_n,`,
    `       count(*) FILTER (WHERE ${among} AND NOT active_recently)::DOUBLE AS churn_k,`,
    `       count(*) FILTER (WHERE satisfied)::DOUBLE AS satisfied,`,
    `       count(*) FILTER (WHERE satisfied AND NOT linked)::DOUBLE AS satisfied_unlinked,`,
    `       count(paid_orders) FILTER (WHERE satisfied)::DOUBLE AS satisfied_n,`,
    `       count(*) FILTER (WHERE satisfied AND paid_orders = 1)::DOUBLE AS satisfied_k,`,
    `       (SELECT count(*) FROM nps_answers WHERE customer_key IS NULL)::DOUBLE AS anonymous_answers,`,
    `       (SELECT bool_or(relationship) FROM nps_all) AS home_stage_answers,`,
    `       (SELECT epoch_ms(t) FROM churn_as_of)::DOUBLE AS churn_as_of_ms`,
    `FROM people`,
    `GROUP BY GROUPING SETS ((nps_group), ())`,
  ].join('\n');
}

interface Row {
  nps_group: string | null;
  is_total: number;
  home_stage_answers: boolean | null;
  [stat: string]: number | string | boolean | null;
}

/** Survey-derived: a group is defined by survey answers, so small groups are withheld (min_cell). */
const def = (id: string, overrides: Partial<KpiDef> = {}): KpiDef => ({ ...KPI_BY_ID.get(id)!, surveyDerived: true, ...overrides });
const REPEAT = def('repeat_purchase_rate');
const CHURN = def('churn_rate');
const SATISFIED_NOT_RETURNING = def('repeat_purchase_rate', {
  id: 'satisfied_not_returning',
  label: 'Satisfied, bought once',
  definition: '100 x satisfied customers (every csat answer in the period >= 4) with exactly one paid order in the period / ' +
    'satisfied customers with >= 1 paid order',
});

function rate(kpi: KpiDef, k: number, n: number, options: LoyaltyOptions): Kpi | null {
  if (!(n > 0)) return null;
  return toKpi(kpi, { n, k, value: (100 * k) / n }, options);
}

/**
 * Secondary suppression: when exactly one NPS group's value is withheld, the total and the other
 * two would give it back, so the smaller of the other two is withheld as well.
 */
function protect(groups: LoyaltyGroup[], kpiId: string): void {
  const cells = groups.filter((g) => g.id !== 'all').map((g) => g.kpis.find((k) => k.id === kpiId)).filter((k): k is Kpi => Boolean(k));
  const withheld = cells.filter((k) => k.value === null);
  const shown = cells.filter((k) => k.value !== null).sort((a, b) => a.n - b.n);
  if (withheld.length !== 1 || shown.length === 0) return;
  const smallest = shown[0]!;
  smallest.value = null;
  smallest.ci = null;
  smallest.flags = [...smallest.flags, 'suppressed_secondary'];
}

export async function measureLoyalty(db: Db, options: LoyaltyOptions): Promise<Loyalty | undefined> {
  const sql = loyaltySql(options.loaded);
  if (!sql) return undefined;
  const rows = await db.all<Row>(sql, { home: KPI_BY_ID.get('nps')!.stage });
  const total = rows.find((r) => Number(r.is_total) === 1);
  if (!total) throw new Error('loyalty query returned no total row');
  const num = (r: Row | undefined, name: string) => Number(r?.[name] ?? 0);
  const counts = new Map<string, { k: number; n: number }>();
  const groups: LoyaltyGroup[] = GROUPS.map((id) => {
    const row = id === 'all' ? total : rows.find((r) => Number(r.is_total) === 0 && r.nps_group === id);
    const kpis: Kpi[] = [];
    for (const [kpi, prefix] of [[REPEAT, 'repeat'], [CHURN, 'churn']] as const) {
      const k = num(row, `${prefix}_k`);
      const n = num(row, `${prefix}_n`);
      counts.set(`${id}/${kpi.id}`, { k, n });
      const value = rate(kpi, k, n, options);
      if (value) kpis.push(value);
    }
    return { id, respondents: num(row, 'respondents'), unlinked: num(row, 'unlinked'), kpis };
  });
  for (const kpi of [REPEAT, CHURN]) protect(groups, kpi.id);

  const differences: LoyaltyDifference[] = [];
  for (const kpi of [REPEAT, CHURN]) {
    const shown = (id: NpsGroup) => groups.find((g) => g.id === id)?.kpis.find((k) => k.id === kpi.id && k.value !== null);
    const a = shown('promoter');
    const b = shown('detractor');
    if (!a || !b) continue;
    const ca = counts.get(`promoter/${kpi.id}`)!;
    const cb = counts.get(`detractor/${kpi.id}`)!;
    const ci = newcombe(ca.k, ca.n, cb.k, cb.n);
    differences.push({
      kpi: kpi.id, a: 'promoter', b: 'detractor',
      delta: a.value! - b.value!,
      ci: ci && [100 * ci[0], 100 * ci[1]],
      p_value: twoProportionTest(ca.k, ca.n, cb.k, cb.n)?.p ?? null,
      p_adjusted: null,
      significant: false,
    });
  }
  adjustFamily(differences, (d) => d.p_value, (d, q) => {
    d.p_adjusted = q;
    d.significant = q < ALPHA;
  });

  const asOf = total.churn_as_of_ms;
  return {
    nps_answers: total.home_stage_answers ? 'home_stage' : 'all',
    respondents: num(total, 'respondents'),
    anonymous_answers: num(total, 'anonymous_answers'),
    unlinked: num(total, 'unlinked'),
    churn_as_of: asOf === null || asOf === undefined ? null : new Date(Number(asOf)).toISOString(),
    groups,
    differences,
    alpha: ALPHA,
    satisfied_not_returning: {
      customers: num(total, 'satisfied'),
      unlinked: num(total, 'satisfied_unlinked'),
      kpi: rate(SATISFIED_NOT_RETURNING, num(total, 'satisfied_k'), num(total, 'satisfied_n'), options),
    },
  };
}
