// Assembles the per-stage report (DESIGN §7) from measured KPI values: journey-wide KPIs, then
// each stage with its KPIs and touchpoints, optionally broken down by one segment.
import { CATALOGUE } from './kpis/catalogue.js';
import { stageHeadline } from './kpis/headline.js';
import { measure, NO_VALUE, protectSiblings, scopeKey, type Kpi } from './kpis/measure.js';
import { segmentColumn } from './journey/map.js';
import { withSegmentValue } from './journey/segment-filter.js';
import { findSegment } from './config/load.js';
import { runWarnings } from './warnings.js';
import { analyseFriction } from './analysis/friction.js';
import { reportFunnels } from './analysis/funnel.js';
import { withPeriod, type Period } from './period.js';
import { applyTargets, applyVs, collectAlerts, type ScopedKpis } from './targets.js';
import type { Session } from './session.js';
import { measureLoyalty } from './analysis/loyalty.js';
import { measureTrends, type TrendBy } from './analysis/trends.js';
import type { z } from 'zod';
import type { reportSchema, segmentReportSchema, stageReportSchema, touchpointReportSchema } from './contracts/report.js';

export type TouchpointReport = z.infer<typeof touchpointReportSchema>;
export type StageReport = z.infer<typeof stageReportSchema>;
export type SegmentReport = z.infer<typeof segmentReportSchema>;
/** The journey-report/1 document (src/core/contracts/report.ts). */
export type Report = z.infer<typeof reportSchema>;

const ORDER = new Map(CATALOGUE.map((k, i) => [k.id, i]));
const sorted = (m: Map<string, Kpi> | undefined) =>
  [...(m?.values() ?? [])].sort((a, b) => (ORDER.get(a.id) ?? 0) - (ORDER.get(b.id) ?? 0));

function stagesFor(session: Session, values: Map<string, Map<string, Kpi>>, segment: string | null): StageReport[] {
  const { config } = session;
  const configured = new Map(config.touchpoints.map((t) => [t.id, t]));
  const stageIds = new Set(config.stages.map((s) => s.id));
  // Touchpoints that exist only in the data (a `touchpoint` column) are listed after configured ones.
  const fromData = new Map<string, Set<string>>();
  for (const key of values.keys()) {
    const [seg, stage, tp] = JSON.parse(key) as [string | null, string | null, string | null];
    if (seg !== segment || !stage || !tp || configured.has(tp)) continue;
    if (!fromData.has(stage)) fromData.set(stage, new Set());
    fromData.get(stage)!.add(tp);
  }
  const extraStages = [...new Set([...values.keys()].map((k) => (JSON.parse(k) as unknown[])[1] as string | null))]
    .filter((s): s is string => s !== null && !stageIds.has(s));
  const stages = [...config.stages, ...extraStages.map((id) => ({ id, label: id }))];
  return stages.map((stage) => {
    const touchpoints = [
      ...config.touchpoints.filter((t) => t.stage === stage.id).map((t) => ({
        id: t.id, label: t.label ?? t.id, moment_of_truth: t.moment_of_truth,
        insights: t.insights, opportunities: t.opportunities, solutions: t.solutions,
      })),
      ...[...(fromData.get(stage.id) ?? [])].sort().map((id) => ({
        id, label: id, moment_of_truth: false, insights: [], opportunities: [], solutions: [],
      })),
    ];
    return {
      id: stage.id,
      label: stage.label,
      kpis: sorted(values.get(scopeKey({ segment, stage: stage.id, touchpoint: null }))),
      headline: stageHeadline(stage),
      touchpoints: touchpoints.map((t) => ({
        ...t, kpis: sorted(values.get(scopeKey({ segment, stage: stage.id, touchpoint: t.id }))),
      })),
    };
  });
}

export interface ReportRequest {
  period: Period;
  segment?: string;
  now: Date;
  /** Adds `trends`: every KPI per week, month or quarter. */
  by?: TrendBy;
  /** false: leave out the config's funnels (persona views of the map do not show them). */
  funnels?: boolean;
  /** --vs: every KPI beside its value in this period, with the change and its test. */
  vs?: { against: 'previous' | 'last-year' | 'before'; period: Period };
}

export async function buildReport(session: Session, request: ReportRequest): Promise<Report> {
  const { config } = session;
  const segmentDef = request.segment ? findSegment(config, request.segment, 'segment') : undefined;
  const segmentCol = segmentDef ? segmentColumn(segmentDef.id) : null;
  const measureOptions = {
    loaded: session.model.kinds,
    shape: session.shape,
    segmentColumn: segmentCol,
    lowN: config.low_n,
    minCell: config.min_cell,
  };
  const { values, stats } = await measure(session.db, measureOptions);
  const warnings = runWarnings(session);
  const report: Report = {
    schema: 'journey-report/1',
    generated_at: request.now.toISOString(),
    period: request.period,
    sources: session.sources.map((s) => ({ path: s.path, kind: s.kind, format: s.format, preset: s.preset, rows: s.rows, rejected: s.rejected })),
    kpis: sorted(values.get(scopeKey({ segment: null, stage: null, touchpoint: null }))),
    stages: stagesFor(session, values, null),
    friction: (await analyseFriction(session, { momentsOfTruth: false })).friction,
    warnings,
    config: config.file ? session.display(config.file) : null,
    coverage: session.coverage,
    identity: await session.identity(),
  };
  if (request.funnels !== false && config.funnels.length) {
    const funnels = await reportFunnels(session, request);
    if (funnels) {
      report.funnels = funnels.funnels;
      report.warnings.push(...funnels.warnings);
    }
  }
  const extras = await loyaltyAndTrends(session, request, report.stages);
  Object.assign(report, extras);
  // Targets, --vs and alerts on the whole-journey, stage and touchpoint KPIs (docs/targets.md).
  const scopes: ScopedKpis[] = [
    { stage: null, touchpoint: null, kpis: report.kpis },
    ...report.stages.flatMap((st) => [
      { stage: st.id, touchpoint: null, kpis: st.kpis },
      ...st.touchpoints.map((tp) => ({ stage: st.id, touchpoint: tp.id, kpis: tp.kpis })),
    ]),
  ];
  applyTargets(scopes, config.targets);
  if (request.vs) {
    const before = await withPeriod(session.db, request.vs.period, config.churn_days, () => measure(session.db, measureOptions));
    applyVs(scopes, (sc) => scopeKey({ segment: null, ...sc }), { stats }, before);
    report.vs = { against: request.vs.against, period: request.vs.period };
  }
  if (config.alerts) report.alerts = collectAlerts(scopes, config.alerts, request.period, request.vs?.period ?? null);
  if (segmentDef && segmentCol) {
    const segValues = [...new Set([...values.keys()].map((k) => (JSON.parse(k) as unknown[])[0] as string | null))]
      .filter((v): v is string => v !== null).sort();
    report.segment = {
      id: segmentDef.id,
      label: segmentDef.label ?? segmentDef.id,
      values: [],
    };
    for (const value of segValues) {
      const stages = stagesFor(session, values, value);
      // Loyalty and trends per value: the same analyses on the value's rows (core/journey/segment-filter.ts).
      // "(none)" gathers the rows without a value; it has no rows of its own to narrow to.
      const perValue = value === NO_VALUE ? {} : await withSegmentValue(session, segmentDef.id, value, (narrowed) => loyaltyAndTrends(narrowed, request, stages));
      report.segment.values.push({ value, kpis: sorted(values.get(scopeKey({ segment: value, stage: null, touchpoint: null }))), stages, ...perValue });
    }
    protectSegmentValues(report.segment.values, config.min_cell);
  }
  return report;
}

/** Each KPI at each scope, across the segment's values: siblings withheld so no small cell can be subtracted out. */
function protectSegmentValues(values: { kpis: Kpi[]; stages: StageReport[] }[], minCell: number): void {
  const cells = new Map<string, Kpi[]>();
  const add = (scope: string, kpis: Kpi[]) => {
    for (const kpi of kpis) {
      const key = `${scope}/${kpi.id}`;
      cells.set(key, [...(cells.get(key) ?? []), kpi]);
    }
  };
  for (const v of values) {
    add('', v.kpis);
    for (const stage of v.stages) {
      add(stage.id, stage.kpis);
      for (const tp of stage.touchpoints) add(`${stage.id}/${tp.id}`, tp.kpis);
    }
  }
  for (const group of cells.values()) protectSiblings(group, minCell);
}

/** Loyalty beside satisfaction (when surveys and orders are loaded) and, with --by, the trends. */
async function loyaltyAndTrends(session: Session, request: ReportRequest, stages: StageReport[]): Promise<Pick<Report, 'loyalty' | 'trends'>> {
  const { config } = session;
  const out: Pick<Report, 'loyalty' | 'trends'> = {};
  const loyalty = await measureLoyalty(session.db, { loaded: session.model.kinds, lowN: config.low_n, minCell: config.min_cell });
  if (loyalty) out.loyalty = loyalty;
  if (request.by) {
    out.trends = await measureTrends(session.db, {
      by: request.by, period: request.period, loaded: session.model.kinds, shape: session.shape,
      lowN: config.low_n, minCell: config.min_cell, churnDays: config.churn_days,
      scopes: [{ stage: null, touchpoint: null }, ...stages.flatMap((s) => [
        { stage: s.id, touchpoint: null }, ...s.touchpoints.map((t) => ({ stage: s.id, touchpoint: t.id })),
      ])],
    });
  }
  return out;
}
