// Trends (issue 4, part 6): every KPI per week, month or quarter, with the change from the
// previous period tested per KPI exactly as `journey compare` tests it (compare-tests.ts), and
// Benjamini-Hochberg across all tests.
// Each period is measured exactly as `journey report --since <first day> --until <last day>`
// would, on the already loaded session: withPeriod moves the period, measure() runs, and the
// report's own period is put back afterwards.
import { quoteIdent, type Db } from '../db.js';
import { mappedView } from '../journey/map.js';
import { KPI_BY_ID, CATALOGUE } from '../kpis/catalogue.js';
import { measure, scopeKey, type Kpi, type KpiStats, type MeasureOptions } from '../kpis/measure.js';
import { KIND_SPECS } from '../sources/kinds/index.js';
import { inPeriod, withPeriod, type Period } from '../period.js';
import { compareKpi } from './compare-tests.js';
import { adjustFamily } from './significance.js';
import type { z } from 'zod';
import type { trendChangeSchema, trendPeriodSchema, trendRowSchema, trendsSchema } from '../contracts/report.js';

export const TREND_BY = ['week', 'month', 'quarter'] as const;
export type TrendBy = (typeof TREND_BY)[number];

export type TrendPeriod = z.infer<typeof trendPeriodSchema>;
export type TrendChange = z.infer<typeof trendChangeSchema>;
export type TrendRow = z.infer<typeof trendRowSchema>;
/** Every KPI per period (`trends` in journey-report/1, src/core/contracts/report.ts). */
export type Trends = z.infer<typeof trendsSchema>;

export interface TrendOptions extends Omit<MeasureOptions, 'segmentColumn'> {
  by: TrendBy;
  period: Period;
  /** The config's churn_days: each period measures churn as of its own end. */
  churnDays: number;
  /** Scopes in report order (journey first): rows follow it. */
  scopes: { stage: string | null; touchpoint: string | null }[];
}

const ALPHA = 0.05;

const BUCKETS: Record<TrendBy, { step: string; label: string }> = {
  week: { step: 'INTERVAL 1 WEEK', label: "strftime(g, '%G-W%V')" },
  month: { step: 'INTERVAL 1 MONTH', label: "strftime(g, '%Y-%m')" },
  quarter: { step: 'INTERVAL 3 MONTH', label: "strftime(g, '%Y') || '-Q' || quarter(g)" },
};

/**
 * The buckets from --since (else the first dated row in the period) to --until (else the last), in
 * the session's time zone.
 */
function periodsSql(loaded: MeasureOptions['loaded'], by: TrendBy): string {
  const spans = loaded.map((kind) => {
    const column = KIND_SPECS[kind].timeColumn;
    const at = kind === 'campaign' ? `CAST(${quoteIdent(column)} AS TIMESTAMPTZ)` : quoteIdent(column);
    return `  SELECT min(${at}) AS lo, max(${at}) AS hi FROM ${quoteIdent(mappedView(kind))}\n` +
      `  WHERE ${inPeriod(at)}`;
  });
  const { step, label } = BUCKETS[by];
  return [
    `-- Trend periods by ${by}`,
    `WITH spans AS (`,
    spans.join('\n  UNION ALL\n'),
    `),`,
    // --since/--until, when given, fix the ends: an empty month inside the period still shows.
    `span AS (`,
    `  SELECT coalesce(CAST($since AS DATE)::TIMESTAMPTZ, min(lo)) AS lo,`,
    `         coalesce(CAST($until AS DATE)::TIMESTAMPTZ, max(hi)) AS hi`,
    `  FROM spans`,
    `)`,
    `SELECT ${label} AS id,`,
    `       strftime(g, '%Y-%m-%d') AS since,`,
    `       strftime(g + ${step} - INTERVAL 1 DAY, '%Y-%m-%d') AS until`,
    `FROM span, generate_series(date_trunc($unit, span.lo), span.hi, ${step}) AS buckets(g)`,
    `WHERE span.lo IS NOT NULL`,
    `ORDER BY g`,
  ].join('\n');
}

async function trendPeriods(db: Db, options: Pick<TrendOptions, 'loaded' | 'by' | 'period'>): Promise<TrendPeriod[]> {
  if (options.loaded.length === 0) return [];
  const { since, until } = options.period;
  const rows = await db.all<TrendPeriod>(periodsSql(options.loaded, options.by), { unit: options.by, since, until });
  return rows.map((p) => ({
    id: p.id,
    since: since && since > p.since ? since : p.since,
    until: until && until < p.until ? until : p.until,
  }));
}

const ORDER = new Map(CATALOGUE.map((k, i) => [k.id, i]));

/** Null when either side has no value (no data, or withheld); else compare's test of cur against prev. */
function changeBetween(kpi: string, prev: Kpi | null, cur: Kpi | null, prevStats: KpiStats | undefined,
  curStats: KpiStats | undefined): TrendChange | null {
  const def = KPI_BY_ID.get(kpi);
  if (!def || !prev || !cur || prev.value === null || cur.value === null) return null;
  const c = compareKpi(def, { kpi: prev, stats: prevStats }, { kpi: cur, stats: curStats });
  return {
    delta: c.delta ?? cur.value - prev.value, ci: c.ci, test: c.test, no_test: c.no_test,
    p_value: c.p_value, p_adjusted: null, significant: false,
  };
}

export async function measureTrends(db: Db, options: TrendOptions): Promise<Trends> {
  const periods = await trendPeriods(db, options);
  const measured: { values: Map<string, Map<string, Kpi>>; stats: Map<string, Map<string, KpiStats>> }[] = [];
  for (const p of periods) {
    const { values, stats } = await withPeriod(db, p, options.churnDays, () => measure(db, { ...options, segmentColumn: null }));
    measured.push({ values, stats });
  }

  // Scopes in report order, then any scope only a period has (none in practice).
  const keys = options.scopes.map((s) => scopeKey({ segment: null, ...s }));
  for (const m of measured) for (const key of m.values.keys()) if (!keys.includes(key)) keys.push(key);
  const rows: TrendRow[] = [];
  for (const key of keys) {
    const [, stage, touchpoint] = JSON.parse(key) as [null, string | null, string | null];
    const ids = new Set(measured.flatMap((m) => [...(m.values.get(key)?.keys() ?? [])]));
    for (const id of [...ids].sort((a, b) => (ORDER.get(a) ?? 0) - (ORDER.get(b) ?? 0))) {
      const values = measured.map((m) => m.values.get(key)?.get(id) ?? null);
      const first = values.find((v) => v !== null)!;
      rows.push({
        stage, touchpoint, kpi: id, label: first.label, unit: first.unit, values,
        changes: values.map((v, i) => (i === 0 ? null
          : changeBetween(id, values[i - 1] ?? null, v, measured[i - 1]!.stats.get(key)?.get(id), measured[i]!.stats.get(key)?.get(id)))),
      });
    }
  }

  const changes = rows.flatMap((r) => r.changes).filter((c): c is TrendChange => c !== null);
  const tested = adjustFamily(changes, (c) => c.p_value, (c, q) => {
    c.p_adjusted = q;
    c.significant = q < ALPHA;
  });
  return { by: options.by, periods, alpha: ALPHA, adjustment: 'benjamini-hochberg', comparisons: tested.length, rows };
}
