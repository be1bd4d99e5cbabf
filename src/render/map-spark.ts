// On a touchpoint card of the journey map: its key KPI's trend as a small inline SVG sparkline
// (with --by), each significant change marked ▲/▼ at its period and named in words below, and the
// change against the comparison period with its significance (with --vs). No colour-only signal.
import type { Kpi } from '../core/kpis/measure.js';
import type { Report } from '../core/report.js';
import { formatValue, plainValue, type Lang } from './format.js';
import { h, type Html } from './html-kit.js';
import type { MapLabels } from './labels/map.js';
import { trendLabels } from './labels/trends.js';

const W = 160;
const H = 36;
const PAD = 9;

/** The key KPI's trend row at this touchpoint, drawn; null without --by or without the row. */
export function cardTrend(report: Report, stage: string, touchpoint: string, kpi: Kpi, lang: Lang, L: MapLabels): Html | null {
  const trends = report.trends;
  const row = trends?.rows.find((r) => r.stage === stage && r.touchpoint === touchpoint && r.kpi === kpi.id);
  if (!trends || !row) return null;
  const T = trendLabels(lang);
  const values = row.values.map((k) => k?.value ?? null);
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return null;
  const lo = Math.min(...present);
  const hi = Math.max(...present);
  const x = (i: number) => PAD + (values.length === 1 ? (W - 2 * PAD) / 2 : (i * (W - 2 * PAD)) / (values.length - 1));
  const y = (v: number) => (hi === lo ? H / 2 : H - PAD - ((v - lo) / (hi - lo)) * (H - 2 * PAD));
  // A gap (no value in a period) breaks the line: nothing is drawn that was not measured.
  const segments: string[] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length) segments.push(current.join(' '));
      current = [];
    } else current.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (current.length) segments.push(current.join(' '));
  const changes = row.changes.flatMap((c, i) => (c?.significant && values[i] !== null ? [{ i, up: c.delta > 0, period: trends.periods[i]!.id }] : []));
  const first = trends.periods[0]!.id;
  const last = trends.periods[trends.periods.length - 1]!.id;
  const title = `${row.label}, ${T.trendsBy[trends.by]}: ${row.values.map((k, i) => `${trends.periods[i]!.id} ${k ? formatValue(k, lang) : '–'}`).join('; ')}`;
  return h`<div class="trend" data-trend="${kpi.id}" data-values="${values.map((v) => (v === null ? '' : String(v))).join(',')}" data-changes="${changes.map((c) => `${c.up ? 'up' : 'down'}:${c.period}`).join(',')}">
<svg class="spark" viewBox="0 0 ${String(W)} ${String(H)}" width="${String(W)}" height="${String(H)}" role="img" aria-label="${title}"><title>${title}</title>
${segments.map((points) => (points.includes(' ') ? h`<polyline points="${points}" fill="none" stroke="currentColor" stroke-width="1.5"/>` : h`<circle cx="${points.split(',')[0]!}" cy="${points.split(',')[1]!}" r="1.8" fill="currentColor"/>`))}
${changes.map((c) => h`<text x="${x(c.i).toFixed(1)}" y="${(c.up ? y(values[c.i]!) - 2 : y(values[c.i]!) + 9).toFixed(1)}" text-anchor="middle" font-size="9" class="${c.up ? 'up' : 'down'}">${c.up ? T.trendUp : T.trendDown}</text>`)}
</svg>
<span class="trend-range">${first} – ${last}</span>${changes.length ? h` <span class="trend-changes">${L.significantChange}: ${changes.map((c) => `${c.up ? T.trendUp : T.trendDown} ${c.period}`).join(', ')}</span>` : null}</div>`;
}

/** With --vs: the key KPI's change against the comparison period, and whether it is significant. */
export function cardVs(kpi: Kpi, lang: Lang, L: MapLabels): Html | null {
  const vs = kpi.vs;
  if (!vs || vs.delta === null) return null;
  const text = plainValue(vs.delta, kpi.unit, lang);
  const signed = vs.delta > 0 && /[1-9]/.test(text) ? `+${text}` : text;
  const mark = vs.significant ? (vs.delta > 0 ? '▲' : '▼') : '';
  const word = vs.significant ? (vs.worse ? L.significantWorse : L.significant) : L.notSignificant;
  return h`<p class="vs${vs.significant ? ' sig' : ''}${vs.worse ? ' worse' : ''}" data-vs="${String(vs.delta)}" data-significant="${String(vs.significant)}">${mark ? h`<span class="mark">${mark}</span> ` : null}${L.change} ${signed}${kpi.unit === '%' ? ' pp' : ''} (${word})</p>`;
}
