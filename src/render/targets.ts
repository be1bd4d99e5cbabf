// Targets and --vs beside each KPI, for the human formats (table, Markdown): one cell each.
import type { Kpi } from '../core/kpis/measure.js';
import { plainValue } from './format.js';
import { REPORT_LABELS as R } from './labels/report.js';

const STATUS: Record<string, string> = { met: R.met, missed: R.missed, at_risk: R.atRisk, not_measurable: R.notMeasurable };

/** `≥ 30: met`, `≤ 24: missed`, `25–30: at risk`; '' without a target. */
export function formatTarget(kpi: Kpi): string {
  const t = kpi.target;
  if (!t) return '';
  const bound = t.min !== null && t.max !== null ? `${plainValue(t.min, kpi.unit)}–${plainValue(t.max, kpi.unit)}`
    : t.min !== null ? `≥ ${plainValue(t.min, kpi.unit)}` : `≤ ${plainValue(t.max!, kpi.unit)}`;
  return `${bound}: ${STATUS[t.status] ?? t.status}`;
}

const signed = (x: number, unit: string) => {
  const text = plainValue(x, unit);
  return x > 0 && Number(text.replace(/,/g, '')) !== 0 ? `+${text}` : text;
};

/** `+2.1 [-0.4, 4.6]`, `-18.2 [-28.4, -7.3] * ▼` (was 67.5); '' without --vs. */
export function formatVs(kpi: Kpi): string {
  const vs = kpi.vs;
  if (!vs) return '';
  if (vs.delta === null) return vs.value === null ? '–' : `(${R.vs.toLowerCase()}: –)`;
  const ci = vs.delta_ci ? ` [${plainValue(vs.delta_ci[0], kpi.unit)}, ${plainValue(vs.delta_ci[1], kpi.unit)}]` : '';
  const mark = vs.worse ? ' * ▼' : vs.significant ? ' *' : '';
  return `${signed(vs.delta, kpi.unit)}${ci}${mark}`;
}

/** Whether any KPI in the lists carries a target or a --vs change: the columns appear only then. */
export function extraColumns(lists: Kpi[][]): { target: boolean; vs: boolean } {
  const all = lists.flat();
  return { target: all.some((k) => k.target), vs: all.some((k) => k.vs) };
}
