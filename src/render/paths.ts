// `journey paths` output: table, Markdown, CSV and JSON (schema journey-paths/1). Pure functions
// from the result (plus the SQL, inlined by the command, with --explain) to text.
import type { PathsResult } from '../core/contracts/paths.js';
import { csvTable, type Cell } from './csv.js';
import { formatCount, formatNumber, type Lang } from './format.js';
import { renderJson } from './json.js';
import { escapeMarkdown, table as mdTable } from './markdown.js';
import { commonLabels, periodLabel } from './labels/common.js';
import { pathsLabels } from './labels/paths.js';
import { wordMessage } from './labels/messages.js';
import { alignedColumns } from './fit.js';

export interface PathsOutput {
  result: PathsResult;
  explain: string[] | null;
}

const pct = (x: number, lang: Lang) => `${formatNumber(x, 1, false, lang)}%`;

/** (start), (end) and (order) in the output's language; touchpoints by their label. */
function name(id: string, label: string, lang: Lang): string {
  const L = pathsLabels(lang);
  return id === '(start)' ? L.start : id === '(end)' ? L.end : id === '(order)' ? L.order : label;
}

function sections(r: PathsResult, lang: Lang): { title: string; head: string[]; right: boolean[]; rows: string[][] }[] {
  const L = pathsLabels(lang);
  const out = [{
    title: `${L.title}: ${r.unit === 'person' ? L.person : L.session}; ${formatCount(r.units, lang)} ${L.units}, ${formatCount(r.purchasers, lang)} ${L.purchasers}`,
    head: ['#', L.path, L.unitsHead, L.share, L.purchased],
    right: [true, false, true, true, true],
    rows: r.paths.map((p, i) => [String(i + 1), [...p.steps.map((s, j) => name(s, p.labels[j]!, lang)), ...(p.more ? [L.more] : [])].join(' → '),
      formatCount(p.units, lang), pct(p.share, lang), formatCount(p.purchased, lang)]),
  }];
  if (r.around) {
    const a = r.around;
    for (const [title, list] of [[L.next, a.next], [L.previous, a.previous]] as const) {
      out.push({
        title: `${L.around} ${name(a.touchpoint, a.label, lang)} (${formatCount(a.occurrences, lang)} ${L.occurrences}): ${title}`,
        head: ['#', title, L.count, L.share, ''],
        right: [true, false, true, true, true],
        rows: list.map((x, i) => [String(i + 1), name(x.touchpoint, x.label, lang), formatCount(x.count, lang), pct(x.share, lang), '']),
      });
    }
  }
  out.push({
    title: L.ends,
    head: ['#', commonLabels(lang).touchpoint, L.unitsHead, L.share, ''],
    right: [true, false, true, true, true],
    rows: r.ends_without_purchase.map((x, i) => [String(i + 1), name(x.touchpoint, x.label, lang), formatCount(x.count, lang), pct(x.share, lang), '']),
  });
  return out;
}

export function renderPathsTable(output: PathsOutput, lang: Lang, width: number | null = null): string {
  const r = output.result;
  const lines = [`${commonLabels(lang).period}: ${periodLabel(r.period, lang)}`, ''];
  for (const s of sections(r, lang)) lines.push(s.title, '', ...alignedColumns(s.head, s.rows, s.right, width), '');
  lines.push(pathsLabels(lang).method);
  for (const w of r.warnings) lines.push(`! ${wordMessage(w, lang)}`);
  if (output.explain) lines.push('', `${pathsLabels(lang).sql}:`, ...output.explain);
  return `${lines.join('\n')}\n`;
}

export function renderPathsMarkdown(output: PathsOutput, lang: Lang): string {
  const r = output.result;
  const lines = [`# ${pathsLabels(lang).title}`, '', `${commonLabels(lang).period}: ${periodLabel(r.period, lang)}`, ''];
  for (const s of sections(r, lang)) {
    lines.push(`## ${escapeMarkdown(s.title)}`, '', ...mdTable(s.head, s.right.map((x) => (x ? 'r' : 'l')), s.rows.map((row) => row.map(escapeMarkdown))), '');
  }
  lines.push(escapeMarkdown(pathsLabels(lang).method));
  for (const w of r.warnings) lines.push('', `- ${escapeMarkdown(wordMessage(w, lang))}`);
  if (output.explain) lines.push('', `## SQL`, '', '```sql', ...output.explain, '```');
  return `${lines.join('\n')}\n`;
}

/** One table: section (path, next, previous, end), the path or touchpoint, count and share. */
export function renderPathsCsv(output: PathsOutput): string {
  const r = output.result;
  const t = (text: string) => ({ text });
  const num = (number: number | null) => ({ number });
  const rows: Cell[][] = r.paths.map((p) => [t('path'), t(r.unit), t([...p.steps, ...(p.more ? ['…'] : [])].join(' > ')), num(p.units), num(p.share), num(p.purchased)]);
  for (const x of r.around?.next ?? []) rows.push([t(`next:${r.around!.touchpoint}`), t(r.unit), t(x.touchpoint), num(x.count), num(x.share), num(null)]);
  for (const x of r.around?.previous ?? []) rows.push([t(`previous:${r.around!.touchpoint}`), t(r.unit), t(x.touchpoint), num(x.count), num(x.share), num(null)]);
  for (const x of r.ends_without_purchase) rows.push([t('end_without_purchase'), t(r.unit), t(x.touchpoint), num(x.count), num(x.share), num(null)]);
  return csvTable(['section', 'unit', 'steps', 'count', 'share', 'purchased'], rows);
}

export function renderPathsJson(output: PathsOutput): string {
  return renderJson(output.explain ? { ...output.result, explain: output.explain } : output.result);
}
