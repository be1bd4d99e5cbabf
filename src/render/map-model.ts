// What the journey map shows, chosen once from the report for the HTML map and the terminal's
// first screen alike: each stage's headline KPIs, each touchpoint's key KPI and friction rank.
import type { Kpi } from '../core/kpis/measure.js';
import type { Report, StageReport, TouchpointReport } from '../core/report.js';
import type { FrictionEntry } from '../core/analysis/friction.js';
import { CATALOGUE } from '../core/kpis/catalogue.js';

/**
 * The KPIs a stage is judged by (the list, after the practice in docs/journey-map.md);
 * a stage id not listed here gets the catalogue KPIs whose home stage it is.
 */
export const HEADLINE: Record<string, readonly string[]> = {
  awareness: ['reach', 'impressions', 'sessions'],
  consideration: ['pages_per_session', 'leads', 'downloads', 'email_ctr'],
  purchase: ['conversion_rate', 'cart_abandonment_rate', 'aov'],
  service: ['csat', 'ces', 'fcr', 'ttr_median_hours'],
  loyalty: ['nps', 'repeat_purchase_rate', 'churn_rate'],
};

/** The headline KPIs measured at this stage, in the headline order. */
export function headlineKpis(stage: StageReport): Kpi[] {
  const ids = HEADLINE[stage.id] ?? CATALOGUE.filter((k) => k.stage === stage.id).map((k) => k.id);
  const byId = new Map(stage.kpis.map((k) => [k.id, k]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The one KPI a touchpoint card leads with: how customers rate it first, then what they do there. */
const KEY_ORDER = ['csat', 'ces', 'nps', 'fcr', 'conversion_rate', 'email_ctr', 'reach', 'sessions', 'tickets'];

export function keyKpi(tp: TouchpointReport): Kpi | null {
  for (const id of KEY_ORDER) {
    const kpi = tp.kpis.find((k) => k.id === id);
    if (kpi) return kpi;
  }
  return tp.kpis[0] ?? null;
}

/** Friction entries by touchpoint id. */
export function frictionByTouchpoint(report: Report): Map<string, FrictionEntry> {
  return new Map(report.friction.map((e) => [e.touchpoint, e]));
}

/** Every touchpoint in journey order (stage order, then the config's order), with its stage. */
export function journeyTouchpoints(report: Report): { stage: StageReport; tp: TouchpointReport }[] {
  return report.stages.flatMap((stage) => stage.touchpoints.map((tp) => ({ stage, tp })));
}

/** The state a KPI value is in, for marks that must not rely on colour. */
export type KpiState = 'ok' | 'low_n' | 'suppressed' | 'unavailable' | 'no_data';

export function kpiState(kpi: Kpi): KpiState {
  if (kpi.flags.includes('suppressed') || kpi.flags.includes('suppressed_secondary')) return 'suppressed';
  if (kpi.value === null) return typeof (kpi as { unavailable?: unknown }).unavailable === 'string' ? 'unavailable' : 'no_data';
  return kpi.flags.includes('low_n') ? 'low_n' : 'ok';
}
