// The experience curve of the journey map: one KPI (CSAT or CES) per touchpoint in journey order,
// a point with its 95% interval as a whisker, gaps where there are no answers (never interpolated),
// ★ for a moment of truth, a hollow point for low n. Inline SVG, no script, no font.
import type { Kpi } from '../core/kpis/measure.js';
import type { StageReport, TouchpointReport } from '../core/report.js';
import { formatCi, formatCount, formatValue, plainValue, type Lang } from './format.js';
import { h, type Html } from './html-kit.js';
import { kpiLabel, stageLabel } from './labels/journey.js';
import { mapLabels } from './labels/map.js';
import { kpiState } from './map-model.js';

export interface CurvePoint {
  stage: StageReport;
  tp: TouchpointReport;
  kpi: Kpi | null;
}

const W = 1200;
const H = 300;
const LEFT = 56;
const RIGHT = 16;
const TOP = 34;
const BOTTOM = 64;

/** The y range: CES on its whole answer scale; a percentage padded to tens around the data. */
function domain(measure: 'csat' | 'ces', points: CurvePoint[]): [number, number] {
  if (measure === 'ces') return [1, 7];
  const ends = points.flatMap((p) => (p.kpi?.value == null ? [] : [p.kpi.value, ...(p.kpi.ci ?? [])]));
  const lo = Math.max(0, Math.floor((Math.min(...ends) - 5) / 10) * 10);
  const hi = Math.min(100, Math.ceil((Math.max(...ends) + 5) / 10) * 10);
  return [lo, hi];
}

/** Words of a label broken into lines of about `width` characters. */
function lines(text: string, width: number): string[] {
  const out: string[] = [];
  for (const word of text.split(/\s+/)) {
    const last = out[out.length - 1];
    if (last !== undefined && (last + ' ' + word).length <= width) out[out.length - 1] = `${last} ${word}`;
    else out.push(word);
  }
  return out.slice(0, 3);
}

function star(x: number, y: number, r: number): string {
  const pts: string[] = [];
  for (let i = 0; i < 10; i++) {
    const a = (Math.PI / 5) * i - Math.PI / 2;
    const rr = i % 2 === 0 ? r : r * 0.45;
    pts.push(`${(x + rr * Math.cos(a)).toFixed(1)},${(y + rr * Math.sin(a)).toFixed(1)}`);
  }
  return pts.join(' ');
}

export function experienceCurve(measure: 'csat' | 'ces', points: CurvePoint[], lang: Lang, id: string): Html {
  const L = mapLabels(lang);
  const [lo, hi] = domain(measure, points);
  const step = (W - LEFT - RIGHT) / Math.max(points.length, 1);
  const x = (i: number) => LEFT + step * (i + 0.5);
  const y = (v: number) => TOP + (H - TOP - BOTTOM) * (1 - (v - lo) / (hi - lo));
  const title = measure === 'csat' ? L.curveCsat : L.curveCes;
  const ticks = measure === 'ces' ? [1, 2, 3, 4, 5, 6, 7] : Array.from({ length: (hi - lo) / 10 + 1 }, (_, i) => lo + i * 10);

  // Stage bands behind the points, alternately shaded and named at the top.
  const bands: Html[] = [];
  let start = 0;
  points.forEach((p, i) => {
    if (i < points.length - 1 && points[i + 1]!.stage === p.stage) return;
    const x0 = LEFT + step * start;
    const width = step * (i - start + 1);
    bands.push(h`<g class="band"><rect x="${x0.toFixed(1)}" y="${TOP - 24}" width="${width.toFixed(1)}" height="${H - BOTTOM - TOP + 24}" class="${bands.length % 2 ? 'odd' : 'even'}"/><text x="${(x0 + 6).toFixed(1)}" y="${TOP - 8}" class="stage-name">${stageLabel(p.stage, lang)}</text></g>`);
    start = i + 1;
  });

  // Straight segments between neighbours that both have a value: a gap stays a gap.
  const segments: Html[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!.kpi;
    const b = points[i]!.kpi;
    if (a?.value == null || b?.value == null) continue;
    segments.push(h`<line class="curve" x1="${x(i - 1).toFixed(1)}" y1="${y(a.value).toFixed(1)}" x2="${x(i).toFixed(1)}" y2="${y(b.value).toFixed(1)}"/>`);
  }

  const marks = points.map((p, i) => {
    const cx = x(i);
    const label = lines(p.tp.label, Math.max(8, Math.floor(step / 7)));
    const name = h`<text class="tp-name" x="${cx.toFixed(1)}" y="${H - BOTTOM + 16}" text-anchor="middle">${label.map((l, j) => h`<tspan x="${cx.toFixed(1)}" dy="${j === 0 ? 0 : 13}">${l}</tspan>`)}</text>`;
    const kpi = p.kpi;
    if (!kpi) return name;
    const state = kpiState(kpi);
    if (kpi.value === null) {
      const word = state === 'suppressed' ? L.withheld : L.notMeasurable;
      return h`<g data-curve-touchpoint="${p.tp.id}"><title>${p.tp.label}: ${word}</title><text class="gap-note" x="${cx.toFixed(1)}" y="${(H - BOTTOM - 8).toFixed(1)}" text-anchor="middle">${word}</text></g>${name}`;
    }
    const cy = y(kpi.value);
    const whisker = kpi.ci
      ? h`<line class="whisker" x1="${cx.toFixed(1)}" x2="${cx.toFixed(1)}" y1="${y(kpi.ci[0]).toFixed(1)}" y2="${y(kpi.ci[1]).toFixed(1)}"/><line class="whisker" x1="${(cx - 5).toFixed(1)}" x2="${(cx + 5).toFixed(1)}" y1="${y(kpi.ci[0]).toFixed(1)}" y2="${y(kpi.ci[0]).toFixed(1)}"/><line class="whisker" x1="${(cx - 5).toFixed(1)}" x2="${(cx + 5).toFixed(1)}" y1="${y(kpi.ci[1]).toFixed(1)}" y2="${y(kpi.ci[1]).toFixed(1)}"/>`
      : null;
    const cls = state === 'low_n' ? 'point hollow' : 'point';
    const mark = p.tp.moment_of_truth
      ? h`<polygon class="${cls}" points="${star(cx, cy, 9)}"/>`
      : h`<circle class="${cls}" cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="5"/>`;
    const text = `${state === 'low_n' ? '~' : ''}${formatValue(kpi, lang)}`;
    return h`<g data-curve-touchpoint="${p.tp.id}" data-value="${String(kpi.value)}"><title>${p.tp.label}: ${kpiLabel(kpi, lang)} ${formatValue(kpi, lang)}, n = ${formatCount(kpi.n, lang)} ${formatCi(kpi, lang)}</title>${whisker}${mark}<text class="value" x="${(cx + 10).toFixed(1)}" y="${(cy - 6).toFixed(1)}">${text}</text></g>${name}`;
  });

  const grid = ticks.map((t) => h`<line class="grid" x1="${LEFT}" x2="${W - RIGHT}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}"/><text class="tick" x="${LEFT - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${plainValue(t, 'count', lang)}</text>`);
  return h`<figure class="curve-figure"><figcaption>${title}</figcaption><svg viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${id}-t ${id}-d" data-curve="${measure}"><title id="${id}-t">${title}</title><desc id="${id}-d">${L.curveNote}</desc>${bands}${grid}${segments}${marks}</svg></figure>`;
}
