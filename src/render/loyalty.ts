// The loyalty section (repeat purchase and churn per NPS group, satisfied-but-bought-once) for the
// table and Markdown renderers. They hand in their own table and escaping helpers, so the section
// looks like the rest of the report and this module needs neither of them.
import type { ChalkInstance } from 'chalk';
import type Table from 'cli-table3';
import type { Loyalty, LoyaltyDifference, NpsGroup } from '../core/analysis/loyalty.js';
import type { Kpi } from '../core/kpis/measure.js';
import { formatCi, formatCount, formatFlags, formatP, formatValue } from './format.js';
import { COMMON_LABELS as C } from './labels/common.js';
import { LOYALTY_LABELS as L } from './labels/loyalty.js';

export interface TableKit {
  chalk: ChalkInstance;
  /** Makes data-derived text safe for a terminal. */
  clean: (text: string) => string;
  newTable: (head: string[], widths: number[], aligns: Table.HorizontalAlignment[]) => Table.Table;
}

export interface MarkdownKit {
  /** Makes data-derived text inert in Markdown. */
  escape: (text: string) => string;
  table: (head: string[], align: ('l' | 'r')[], rows: string[][]) => string[];
}

const GROUP_LABELS: Record<NpsGroup, string> = {
  promoter: L.groupPromoter,
  passive: L.groupPassive,
  detractor: L.groupDetractor,
  all: L.groupAll,
};

const KPIS = ['repeat_purchase_rate', 'churn_rate'] as const;

/** A signed number: differences read as a direction. */
export function signed(x: number, decimals = 1): string {
  const text = Math.abs(x).toFixed(decimals);
  return Number(text) === 0 ? text : `${x > 0 ? '+' : '-'}${text}`;
}

function kpiLabel(loyalty: Loyalty, id: string): string {
  for (const g of loyalty.groups) for (const k of g.kpis) if (k.id === id) return k.label;
  return id;
}

/** Value with n, then interval, then flags: one line each. */
function rateLines(kpi: Kpi | undefined): string[] {
  if (!kpi) return [C.noValue];
  return [`${formatValue(kpi)} (${formatCount(kpi.n)})`, formatCi(kpi), formatFlags(kpi.flags)].filter(Boolean);
}

function summary(loyalty: Loyalty): string {
  const scope = loyalty.nps_answers === 'home_stage' ? `, ${L.loyaltyHomeStage}` : '';
  const parts = [
    `${formatCount(loyalty.respondents)} ${L.loyaltyRespondents}${scope}`,
    `${formatCount(loyalty.unlinked)} ${L.loyaltyUnlinked}`,
  ];
  if (loyalty.anonymous_answers > 0) parts.push(`${formatCount(loyalty.anonymous_answers)} ${L.loyaltyAnonymous}`);
  return `${parts.join('; ')}.`;
}

function note(loyalty: Loyalty): string {
  const asOf = loyalty.churn_as_of ? `; ${L.churnAsOf} ${loyalty.churn_as_of.slice(0, 10)}` : '';
  return `${L.loyaltyNote}${asOf}.`;
}

function difference(loyalty: Loyalty, d: LoyaltyDifference): string {
  const ci = d.ci ? ` [${signed(d.ci[0])}, ${signed(d.ci[1])}]` : '';
  const verdict = d.p_value === null ? L.notTested : d.significant ? L.significant : L.notSignificant;
  const adjusted = d.p_adjusted === null ? '' : `, BH ${formatP(d.p_adjusted, 'prose').replace('p ', '')}`;
  return `${L.difference}, ${kpiLabel(loyalty, d.kpi)}: ${signed(d.delta)} ${L.points}${ci}, ${formatP(d.p_value, 'prose', L.notTested)}${adjusted} (${verdict})`;
}

function satisfied(loyalty: Loyalty): string {
  const s = loyalty.satisfied_not_returning;
  const value = s.kpi ? `${formatValue(s.kpi)} ${formatCi(s.kpi)} (n ${formatCount(s.kpi.n)}${s.kpi.flags.length ? `, ${formatFlags(s.kpi.flags)}` : ''})` : C.noValue;
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

const testNote = (loyalty: Loyalty) => `${L.loyaltyTestNote}, α = ${loyalty.alpha}.`;

export function loyaltyTable(loyalty: Loyalty, kit: TableKit): string[] {
  const { chalk } = kit;
  const table = kit.newTable(
    [L.npsGroup, L.respondents, L.unlinked, ...KPIS.map((id) => kpiLabel(loyalty, id))],
    [20, 13, 12, 24, 24], ['left', 'right', 'right', 'right', 'right']);
  for (const g of loyalty.groups) {
    const cells = KPIS.map((id) => {
      const kpi = g.kpis.find((k) => k.id === id);
      const text = rateLines(kpi).join('\n');
      return kpi?.flags.includes('low_n') ? chalk.dim(text) : text;
    });
    const label = g.id === 'all' ? chalk.bold(GROUP_LABELS[g.id]) : GROUP_LABELS[g.id];
    table.push([label, formatCount(g.respondents), formatCount(g.unlinked), ...cells]);
  }
  const dim = (text: string) => wrap(text).map((l) => chalk.dim(l));
  return [
    chalk.bold(L.loyalty),
    ...wrap(summary(loyalty)),
    table.toString(),
    ...dim(note(loyalty)),
    ...loyalty.differences.flatMap((d) => wrap(difference(loyalty, d))),
    ...(loyalty.differences.length ? dim(testNote(loyalty)) : []),
    ...wrap(satisfied(loyalty)),
    ...dim(`${L.satisfiedNote}.`),
    '',
  ];
}

export function loyaltyMarkdown(loyalty: Loyalty, kit: MarkdownKit): string[] {
  const rows = loyalty.groups.map((g) => [
    GROUP_LABELS[g.id], formatCount(g.respondents), formatCount(g.unlinked),
    ...KPIS.flatMap((id) => {
      const kpi = g.kpis.find((k) => k.id === id);
      return kpi ? [formatValue(kpi), formatCount(kpi.n), formatCi(kpi), formatFlags(kpi.flags)] : [C.noValue, '', '', ''];
    }),
  ]);
  const head = [L.npsGroup, L.respondents, L.unlinked,
    ...KPIS.flatMap((id) => [kpiLabel(loyalty, id), C.n, C.ci, C.flags])];
  // Every word here is ours (no data-derived text), so nothing needs escaping.
  const bullet = (text: string) => `- ${text}`;
  return [
    `## ${L.loyalty}`,
    '',
    summary(loyalty),
    '',
    ...kit.table(head, ['l', 'r', 'r', 'r', 'r', 'r', 'l', 'r', 'r', 'r', 'l'], rows),
    '',
    `_${note(loyalty)}_`,
    '',
    ...loyalty.differences.map((d) => bullet(difference(loyalty, d))),
    ...(loyalty.differences.length ? [`- _${testNote(loyalty)}_`] : []),
    bullet(satisfied(loyalty)),
    `  _${L.satisfiedNote}._`,
    '',
  ];
}
