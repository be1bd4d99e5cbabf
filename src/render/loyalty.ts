// The loyalty section (repeat purchase and churn per NPS group, satisfied-but-bought-once) for the
// table and Markdown renderers. They hand in their own table and escaping helpers, so the section
// looks like the rest of the report and this module needs neither of them.
import type { ChalkInstance } from 'chalk';
import type Table from 'cli-table3';
import type { Loyalty, LoyaltyDifference, NpsGroup } from '../core/analysis/loyalty.js';
import type { Kpi } from '../core/kpis/measure.js';
import { formatCi, formatCount as formatCountIn, formatDate, formatFlags, formatInterval, formatNumber, formatP, formatValue, type Lang } from './format.js';
import { commonLabels } from './labels/common.js';
import { kpiLabel as translated } from './labels/journey.js';
import { loyaltyLabels } from './labels/loyalty.js';

export interface TableKit {
  chalk: ChalkInstance;
  /** Makes data-derived text safe for a terminal. */
  clean: (text: string) => string;
  newTable: (head: string[], widths: number[], aligns: Table.HorizontalAlignment[]) => Table.Table;
  lang: Lang;
  /** Columns the section must fit. */
  width: number;
}

export interface MarkdownKit {
  /** Makes data-derived text inert in Markdown. */
  escape: (text: string) => string;
  table: (head: string[], align: ('l' | 'r')[], rows: string[][]) => string[];
  lang: Lang;
}

function groupLabel(id: NpsGroup, lang: Lang): string {
  const L = loyaltyLabels(lang);
  return { promoter: L.groupPromoter, passive: L.groupPassive, detractor: L.groupDetractor, all: L.groupAll }[id];
}

const KPIS = ['repeat_purchase_rate', 'churn_rate'] as const;

/** A signed number: differences read as a direction. */
export function signed(x: number, decimals = 1, lang: Lang = 'en'): string {
  const text = formatNumber(Math.abs(x), decimals, false, lang);
  return /[1-9]/.test(text) ? `${x > 0 ? '+' : '-'}${text}` : text;
}

function kpiLabel(loyalty: Loyalty, id: string, lang: Lang): string {
  for (const g of loyalty.groups) for (const k of g.kpis) if (k.id === id) return translated(k, lang);
  return id;
}

/** Value with n, then interval, then flags: one line each. */
function rateLines(kpi: Kpi | undefined, lang: Lang): string[] {
  if (!kpi) return [commonLabels(lang).noValue];
  return [`${formatValue(kpi, lang)} (${formatCountIn(kpi.n, lang)})`, formatCi(kpi, lang), formatFlags(kpi.flags, lang)].filter(Boolean);
}

function summary(loyalty: Loyalty, lang: Lang): string {
  const L = loyaltyLabels(lang);
  const formatCount = (n: number) => formatCountIn(n, lang);
  const scope = loyalty.nps_answers === 'home_stage' ? `, ${L.loyaltyHomeStage}` : '';
  const parts = [
    `${formatCount(loyalty.respondents)} ${L.loyaltyRespondents}${scope}`,
    `${formatCount(loyalty.unlinked)} ${L.loyaltyUnlinked}`,
  ];
  if (loyalty.anonymous_answers > 0) parts.push(`${formatCount(loyalty.anonymous_answers)} ${L.loyaltyAnonymous}`);
  return `${parts.join('; ')}.`;
}

function note(loyalty: Loyalty, lang: Lang): string {
  const L = loyaltyLabels(lang);
  const asOf = loyalty.churn_as_of ? `; ${L.churnAsOf} ${formatDate(loyalty.churn_as_of.slice(0, 10), lang)}` : '';
  return `${L.loyaltyNote}${asOf}.`;
}

function difference(loyalty: Loyalty, d: LoyaltyDifference, lang: Lang): string {
  const L = loyaltyLabels(lang);
  const ci = d.ci ? ` ${formatInterval(signed(d.ci[0], 1, lang), signed(d.ci[1], 1, lang), lang)}` : '';
  const verdict = d.p_value === null ? L.notTested : d.significant ? L.significant : L.notSignificant;
  const adjusted = d.p_adjusted === null ? '' : `, BH ${formatP(d.p_adjusted, 'prose').replace('p ', '')}`;
  return `${L.difference}, ${kpiLabel(loyalty, d.kpi, lang)}: ${signed(d.delta, 1, lang)} ${L.points}${ci}, ${formatP(d.p_value, 'prose', L.notTested)}${adjusted} (${verdict})`;
}

function satisfied(loyalty: Loyalty, lang: Lang): string {
  const L = loyaltyLabels(lang);
  const formatCount = (n: number) => formatCountIn(n, lang);
  const s = loyalty.satisfied_not_returning;
  const value = s.kpi ? `${formatValue(s.kpi, lang)} ${formatCi(s.kpi, lang)} (n ${formatCount(s.kpi.n)}${s.kpi.flags.length ? `, ${formatFlags(s.kpi.flags, lang)}` : ''})` : commonLabels(lang).noValue;
  return `${L.satisfiedNotReturning}: ${value}; ${formatCount(s.customers)} ${L.satisfiedCustomers}, ` +
    `${formatCount(s.unlinked)} ${L.loyaltyUnlinked}.`;
}

/** Prose for the terminal: words wrapped at 98 columns, every line indented. */
export function wrap(text: string, indent = '  ', width = 98): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(indent + line);
  return lines;
}

const testNote = (loyalty: Loyalty, lang: Lang) => `${loyaltyLabels(lang).loyaltyTestNote}, α = ${formatNumber(loyalty.alpha, 2, false, lang)}.`;

export function loyaltyTable(loyalty: Loyalty, kit: TableKit): string[] {
  const { chalk, lang } = kit;
  const L = loyaltyLabels(lang);
  const formatCount = (n: number) => formatCountIn(n, lang);
  const table = kit.newTable(
    [L.npsGroup, L.respondents, L.unlinked, ...KPIS.map((id) => kpiLabel(loyalty, id, lang))],
    // 18 + 13 + 12 + 2 x 15 + 6 borders = 79 columns; wider terminals give the rates more room.
    kit.width >= 99 ? [20, 13, 12, 24, 24] : [18, 13, 12, 15, 15], ['left', 'right', 'right', 'right', 'right']);
  for (const g of loyalty.groups) {
    const cells = KPIS.map((id) => {
      const kpi = g.kpis.find((k) => k.id === id);
      const text = rateLines(kpi, lang).join('\n');
      return kpi?.flags.includes('low_n') ? chalk.dim(text) : text;
    });
    const label = g.id === 'all' ? chalk.bold(groupLabel(g.id, lang)) : groupLabel(g.id, lang);
    table.push([label, formatCount(g.respondents), formatCount(g.unlinked), ...cells]);
  }
  const wrapped = (text: string) => wrap(text, '  ', Math.min(98, kit.width));
  const dim = (text: string) => wrapped(text).map((l) => chalk.dim(l));
  return [
    chalk.bold(L.loyalty),
    ...wrapped(summary(loyalty, lang)),
    table.toString(),
    ...dim(note(loyalty, lang)),
    ...loyalty.differences.flatMap((d) => wrapped(difference(loyalty, d, lang))),
    ...(loyalty.differences.length ? dim(testNote(loyalty, lang)) : []),
    ...wrapped(satisfied(loyalty, lang)),
    ...dim(`${L.satisfiedNote}.`),
    '',
  ];
}

export function loyaltyMarkdown(loyalty: Loyalty, kit: MarkdownKit): string[] {
  const { lang } = kit;
  const L = loyaltyLabels(lang);
  const C = commonLabels(lang);
  const formatCount = (n: number) => formatCountIn(n, lang);
  const rows = loyalty.groups.map((g) => [
    groupLabel(g.id, lang), formatCount(g.respondents), formatCount(g.unlinked),
    ...KPIS.flatMap((id) => {
      const kpi = g.kpis.find((k) => k.id === id);
      return kpi ? [formatValue(kpi, lang), formatCount(kpi.n), formatCi(kpi, lang), formatFlags(kpi.flags, lang)] : [C.noValue, '', '', ''];
    }),
  ]);
  const head = [L.npsGroup, L.respondents, L.unlinked,
    ...KPIS.flatMap((id) => [kpiLabel(loyalty, id, lang), C.n, C.ci, C.flags])];
  // Every word here is ours (no data-derived text), so nothing needs escaping.
  const bullet = (text: string) => `- ${text}`;
  return [
    `## ${L.loyalty}`,
    '',
    summary(loyalty, lang),
    '',
    ...kit.table(head, ['l', 'r', 'r', 'r', 'r', 'r', 'l', 'r', 'r', 'r', 'l'], rows),
    '',
    `_${note(loyalty, lang)}_`,
    '',
    ...loyalty.differences.map((d) => bullet(difference(loyalty, d, lang))),
    ...(loyalty.differences.length ? [`- _${testNote(loyalty, lang)}_`] : []),
    bullet(satisfied(loyalty, lang)),
    `  _${L.satisfiedNote}._`,
    '',
  ];
}
