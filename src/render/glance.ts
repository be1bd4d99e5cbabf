// The terminal report's first screen: the journey at a glance. Stages side by side with their
// headline KPIs, each stage's touchpoints with friction rank and ★, then the friction top 5 and a
// legend, all within the terminal's width (80 columns when there is none). Labels may be shortened
// with '…'; a number never is: a value that does not fit beside its n moves n to the next line.
import type { ChalkInstance } from 'chalk';
import type { Kpi } from '../core/kpis/measure.js';
import type { Report, StageReport } from '../core/report.js';
import { formatCi, formatCount, formatNumber, formatValue, type Lang } from './format.js';
import { commonLabels } from './labels/common.js';
import { frictionLabels } from './labels/friction.js';
import { frictionWhy } from './friction-why.js';
import { glanceLabels, SHORT_KPI } from './labels/glance.js';
import { kpiLabel, stageLabel } from './labels/journey.js';
import { frictionByTouchpoint, headlineKpis, keyKpi, kpiState } from './map-model.js';

/** Narrowest stage column: wide enough for `2,080,991` and `[17.9, 25.6]` with room to spare. */
const MIN_COLUMN = 15;

/** One line of a column: plain text (measured and padded) and how to colour it. */
interface Line {
  text: string;
  style?: (s: string) => string;
}

const width = (s: string) => [...s].length;

/** A label shortened to `w` characters with '…' (labels only; numbers are never passed here). */
export function clip(text: string, w: number): string {
  const chars = [...text];
  return chars.length <= w ? text : `${chars.slice(0, Math.max(1, w - 1)).join('')}…`;
}

/** Words wrapped to `w` columns, each line after the first indented. */
export function wrapWords(text: string, w: number, indent = ''): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const prefix = lines.length ? indent : '';
    if (line && width(prefix + line) + 1 + width(word) > w) {
      lines.push(prefix + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push((lines.length ? indent : '') + line);
  return lines;
}

/** A KPI's value with n (and the interval below), in as many lines as the column needs. */
function valueLines(kpi: Kpi, w: number, lang: Lang, chalk: ChalkInstance, indent: string): Line[] {
  const state = kpiState(kpi);
  const value = `${state === 'low_n' ? '~' : ''}${formatValue(kpi, lang)}`;
  const n = `n ${formatCount(kpi.n, lang)}`;
  const style = state === 'ok' ? chalk.bold : chalk.dim;
  const out: Line[] = width(indent + value + ' ' + n) <= w
    ? [{ text: `${indent}${value} ${n}`, style }]
    : [{ text: indent + value, style }, { text: indent + n }];
  const ci = formatCi(kpi, lang);
  if (ci) out.push({ text: indent + ci, style: chalk.dim });
  return out;
}

const shortLabel = (kpi: Kpi, lang: Lang) => SHORT_KPI[lang][kpi.id] ?? kpiLabel(kpi, lang);

/** A stage's column in two parts, so every stage's touchpoints start on the same row. */
function stageColumn(stage: StageReport, index: number, report: Report, w: number, lang: Lang, chalk: ChalkInstance): { head: Line[]; cards: Line[] } {
  const G = glanceLabels(lang);
  const friction = frictionByTouchpoint(report);
  const head: Line[] = [
    { text: clip(`${index + 1} ${stageLabel(stage, lang)}`, w), style: chalk.bold },
    { text: '─'.repeat(w), style: chalk.dim },
  ];
  const headline = headlineKpis(stage);
  if (headline.length === 0) head.push({ text: clip(G.noHeadline, w), style: chalk.dim });
  for (const kpi of headline) {
    head.push({ text: clip(shortLabel(kpi, lang), w) }, ...valueLines(kpi, w, lang, chalk, ' '));
  }
  const lines: Line[] = [];
  for (const tp of stage.touchpoints) {
    const entry = friction.get(tp.id);
    const rank = entry ? `#${entry.rank}` : '–';
    const mot = tp.moment_of_truth ? '★' : '';
    lines.push({ text: clip(`${rank} ${mot}${tp.label}`, w), style: tp.moment_of_truth ? chalk.yellow : undefined });
    const key = keyKpi(stage, tp);
    if (key) {
      const [first, ...rest] = valueLines(key, w, lang, chalk, ' ');
      // The KPI's short name leads the value when both fit on one line.
      const named = ` ${shortLabel(key, lang)}${first!.text}`;
      lines.push(...(width(named) <= w ? [{ ...first!, text: named }, ...rest.slice(0, 1)] : [{ text: clip(` ${shortLabel(key, lang)}`, w), style: chalk.dim }, first!]));
    }
  }
  return { head, cards: lines };
}

/** Columns laid side by side, each padded to its width before it is coloured. */
function sideBySide(columns: Line[][], w: number): string[] {
  const height = Math.max(...columns.map((c) => c.length));
  const rows: string[] = [];
  for (let i = 0; i < height; i++) {
    const cells = columns.map((c) => {
      const line = c[i] ?? { text: '' };
      const padded = line.text + ' '.repeat(Math.max(0, w - width(line.text)));
      return line.style ? line.style(padded) : padded;
    });
    rows.push(cells.join(' ').trimEnd());
  }
  return rows;
}

export function glance(report: Report, total: number, lang: Lang, chalk: ChalkInstance, clean: (s: string) => string): string[] {
  const G = glanceLabels(lang);
  const C = commonLabels(lang);
  const F = frictionLabels(lang);
  // Labels from the config or data are made safe for the terminal before they are measured.
  const safe: Report = {
    ...report,
    stages: report.stages.map((s) => ({ ...s, label: clean(s.label), touchpoints: s.touchpoints.map((t) => ({ ...t, label: clean(t.label) })) })),
  };
  const out = [chalk.bold.underline(G.title)];
  const stages = safe.stages;
  const perRow = Math.max(1, Math.min(stages.length, Math.floor((total + 1) / (MIN_COLUMN + 1))));
  const w = Math.floor((total - (perRow - 1)) / perRow);
  for (let start = 0; start < stages.length; start += perRow) {
    const chunk = stages.slice(start, start + perRow);
    const columns = chunk.map((s, i) => stageColumn(s, start + i, safe, w, lang, chalk));
    const headHeight = Math.max(...columns.map((c) => c.head.length));
    const pad = (lines: Line[]) => [...lines, ...Array.from({ length: headHeight - lines.length }, () => ({ text: '' }))];
    out.push(...sideBySide(columns.map((c) => [...pad(c.head), { text: '' }, ...c.cards]), w), '');
  }
  if (report.friction.length > 0) {
    out.push(chalk.bold(F.top));
    for (const e of report.friction.slice(0, 5)) {
      const mot = e.moment_of_truth ? ' ★' : '';
      const stage = safe.stages.find((s) => s.id === e.stage);
      const head = `${e.rank}. ${clean(e.label)}${mot} · ${stage ? stageLabel(stage, lang) : clean(e.stage)} · `
        + `${F.score.toLowerCase()} ${formatNumber(e.score, 1, true, lang)} · n ${formatCount(e.n, lang)}`;
      // A zero score has nothing to explain beyond that (the why is in journey friction).
      out.push(...wrapWords(e.score > 0 ? head : `${head} · ${F.none}`, total, '    ').map((l, i) => (i === 0 ? chalk.bold(l) : l)));
      if (e.score > 0) out.push(...wrapWords(clean(frictionWhy(e, lang)), total - 4).map((l) => chalk.dim(`    ${l}`)));
    }
    out.push('');
  }
  out.push(...wrapWords(`${G.legend}: ${C.n} = ${G.legendN} · ${lang === 'nl' ? '[a; b]' : '[a, b]'} = ${G.legendCi} · ~ = ${G.legendLowN} · ${C.suppressedValue} = ${G.legendSuppressed} · ★ = ${G.legendMot} · #k = ${G.legendRank}`, total).map((l) => chalk.dim(l)), '');
  return out;
}
