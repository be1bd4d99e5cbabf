// What the journey map shows, chosen once from the report for the HTML map and the terminal's
// first screen alike: each stage's headline KPIs, each touchpoint's key KPI and friction rank, and
// which KPIs belong to a stage at all (the human formats' stage sections without --all-kpis).
import type { Kpi } from '../core/kpis/measure.js';
import type { Report, StageReport, TouchpointReport } from '../core/report.js';
import type { FrictionEntry } from '../core/analysis/friction.js';
import { EXPERIENCE_KPIS, stageHeadline } from '../core/kpis/headline.js';

/** The headline KPIs measured at this stage, in the headline order (core/kpis/headline.ts). */
export function headlineKpis(stage: StageReport): Kpi[] {
  const byId = new Map(stage.kpis.map((k) => [k.id, k]));
  return stageHeadline(stage).flatMap((id) => byId.get(id) ?? []);
}

/**
 * The KPIs that belong to a scope of this stage: at the stage its headline, at a touchpoint first
 * how customers rate it (CSAT, CES, NPS), then the headline; in that order. `--all-kpis` shows all.
 */
export function ownKpis(stage: StageReport, kpis: Kpi[], touchpoint: boolean): Kpi[] {
  const byId = new Map(kpis.map((k) => [k.id, k]));
  const ids = new Set([...(touchpoint ? EXPERIENCE_KPIS : []), ...stageHeadline(stage)]);
  return [...ids].flatMap((id) => byId.get(id) ?? []);
}

/** The one KPI a touchpoint card leads with: how customers rate it first, then what they do there. */
const KEY_ORDER = ['csat', 'ces', 'nps', 'fcr', 'conversion_rate', 'email_ctr', 'leads', 'downloads', 'reach', 'sessions', 'tickets'];

/** Chosen among the KPIs that belong to the touchpoint's stage; from all it has when none does. */
export function keyKpi(stage: StageReport, tp: TouchpointReport): Kpi | null {
  const pick = (kpis: Kpi[]) => KEY_ORDER.map((id) => kpis.find((k) => k.id === id)).find((k) => k !== undefined) ?? kpis[0] ?? null;
  return pick(ownKpis(stage, tp.kpis, true)) ?? pick(tp.kpis);
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
