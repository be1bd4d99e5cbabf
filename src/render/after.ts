// `journey after` output: table, Markdown, CSV and JSON (schema journey-after/1).
import type { AfterResult } from '../core/contracts/after.js';
import { csvTable, type Cell } from './csv.js';
import { formatCount, formatInterval, formatNumber, formatP, type Lang } from './format.js';
import { renderJson } from './json.js';
import { escapeMarkdown, table as mdTable } from './markdown.js';
import { commonLabels, periodLabel } from './labels/common.js';
import { afterLabels } from './labels/after.js';
import { wordMessage } from './labels/messages.js';
import { alignedColumns } from './fit.js';

export interface AfterOutput {
  result: AfterResult;
  explain: string[] | null;
}

type Row = AfterResult['touchpoints'][number];
const num = (x: number | null, d: number, lang: Lang) => (x === null ? '—' : formatNumber(x, d, false, lang));
// nl: `[44,5; 52,7]` (the comma is the decimal mark) and `0,107`, as in every other Dutch table.
const ci = (c: [number, number] | null, lang: Lang) => (c ? ` ${formatInterval(num(c[0], 1, lang), num(c[1], 1, lang), lang)}` : '');
const diff = (d: Row['nps'], lang: Lang) =>
  d.delta === null ? '' : `${d.delta >= 0 ? '+' : ''}${num(d.delta, 1, lang)}${ci(d.ci, lang)}`;
const p = (d: Row['nps'], lang: Lang) => {
  if (d.p_adjusted === null) return '';
  const text = formatP(d.p_adjusted, 'table');
  return `${lang === 'nl' ? text.replace('.', ',') : text}${d.significant ? ' *' : ''}`;
};

function head(lang: Lang): string[] {
  const L = afterLabels(lang);
  return [L.touchpoint, L.group, L.customers, `${L.repeat} %`, L.difference, L.pAdjusted, L.nps, L.difference, L.pAdjusted];
}

function rows(r: AfterResult, lang: Lang): string[][] {
  const L = afterLabels(lang);
  return r.touchpoints.flatMap((t) => [
    [t.label, L.met, formatCount(t.met.customers, lang), `${num(t.met.repeat_purchase.value, 1, lang)}${ci(t.met.repeat_purchase.ci, lang)}`,
      diff(t.repeat_purchase, lang), p(t.repeat_purchase, lang), `${num(t.met.nps.value, 0, lang)} (${formatCount(t.met.nps.n, lang)})`, diff(t.nps, lang), p(t.nps, lang)],
    ['', L.notMet, formatCount(t.not_met.customers, lang), `${num(t.not_met.repeat_purchase.value, 1, lang)}${ci(t.not_met.repeat_purchase.ci, lang)}`,
      '', '', `${num(t.not_met.nps.value, 0, lang)} (${formatCount(t.not_met.nps.n, lang)})`, '', ''],
  ]);
}

function intro(r: AfterResult, lang: Lang): string {
  const L = afterLabels(lang);
  const h = r.within_hours;
  const window = h % 24 === 0 ? `${h / 24} d` : `${num(h, 1, lang)} h`;
  return `${L.title}: ${formatCount(r.customers, lang)} ${L.intro} ${window} ${L.ofFirstOrder} (${r.kinds.join(', ')})`;
}

export function renderAfterTable(o: AfterOutput, lang: Lang, width: number | null = null): string {
  const L = afterLabels(lang);
  const lines = [`${commonLabels(lang).period}: ${periodLabel(o.result.period, lang)}`, '', intro(o.result, lang), '',
    ...alignedColumns(head(lang), rows(o.result, lang), head(lang).map((_, c) => c >= 2), width), '', L.method, ...o.result.warnings.map((w) => `! ${wordMessage(w, lang)}`)];
  if (o.explain) lines.push('', `${L.sql}:`, ...o.explain);
  return `${lines.join('\n')}\n`;
}

export function renderAfterMarkdown(o: AfterOutput, lang: Lang): string {
  const L = afterLabels(lang);
  const lines = [`# ${L.title}`, '', `${commonLabels(lang).period}: ${periodLabel(o.result.period, lang)}`, '', escapeMarkdown(intro(o.result, lang)), '',
    ...mdTable(head(lang), ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'], rows(o.result, lang).map((x) => x.map(escapeMarkdown))), '', escapeMarkdown(L.method),
    ...o.result.warnings.map((w) => `\n- ${escapeMarkdown(wordMessage(w, lang))}`)];
  if (o.explain) lines.push('', '## SQL', '', '```sql', ...o.explain, '```');
  return `${lines.join('\n')}\n`;
}

/** One row per touchpoint x group; the differences on the met row. */
export function renderAfterCsv(o: AfterOutput): string {
  const n = (number: number | null) => ({ number });
  const out: Cell[][] = o.result.touchpoints.flatMap((t) => ([['met', t.met], ['not_met', t.not_met]] as const).map(([g, x]) => [
    { text: t.touchpoint }, { text: g }, n(x.customers), n(x.repeat_purchase.value), n(x.repeat_purchase.ci?.[0] ?? null), n(x.repeat_purchase.ci?.[1] ?? null),
    n(x.nps.n), n(x.nps.value), n(x.nps.ci?.[0] ?? null), n(x.nps.ci?.[1] ?? null),
    n(g === 'met' ? t.repeat_purchase.delta : null), n(g === 'met' ? t.repeat_purchase.p_adjusted : null),
    n(g === 'met' ? t.nps.delta : null), n(g === 'met' ? t.nps.p_adjusted : null),
  ]));
  return csvTable(['touchpoint', 'group', 'customers', 'repeat_purchase', 'repeat_ci_low', 'repeat_ci_high', 'nps_n', 'nps', 'nps_ci_low', 'nps_ci_high',
    'repeat_delta', 'repeat_p_adjusted', 'nps_delta', 'nps_p_adjusted'], out);
}

export function renderAfterJson(o: AfterOutput): string {
  return renderJson(o.explain ? { ...o.result, explain: o.explain } : o.result);
}
