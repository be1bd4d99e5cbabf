// The loyalty section (repeat purchase and churn per NPS group, satisfied-but-bought-once) for the
// table and Markdown renderers. They hand in their own table and escaping helpers, so the section
// looks like the rest of the report and this module needs neither of them.
import type { ChalkInstance } from 'chalk';
import type Table from 'cli-table3';
import type { Loyalty, LoyaltyDifference, NpsGroup } from '../core/analysis/loyalty.js';
import type { Kpi } from '../core/kpis/measure.js';
import { formatCi, formatCount, formatFlags, formatValue } from './format.js';
import { LABELS } from './labels.js';

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
  promoter: LABELS.groupPromoter,
  passive: LABELS.groupPassive,
  detractor: LABELS.groupDetractor,
  all: LABELS.groupAll,
};

const KPIS = ['repeat_purchase_rate', 'churn_rate'] as const;

/** A signed number: differences read as a direction. */
export function signed(x: number, decimals = 1): string {
  const text = Math.abs(x).toFixed(decimals);
  return Number(text) === 0 ? text : `${x > 0 ? '+' : '-'}${text}`;
}

export function formatP(p: number | null): string {
  if (p === null) return LABELS.notTested;
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toPrecision(2)}`;
}

function kpiLabel(loyalty: Loyalty, id: string): string {
  for (const g of loyalty.groups) for (const k of g.kpis) if (k.id === id) return k.label;
  return id;
}

/** Value with n, then interval, then flags: one line each. */
function rateLines(kpi: Kpi | undefined): string[] {
  if (!kpi) return [LABELS.noValue];
  return [`${formatValue(kpi)} (${formatCount(kpi.n)})`, formatCi(kpi), formatFlags(kpi.flags)].filter(Boolean);
}

function summary(loyalty: Loyalty): string {
  const scope = loyalty.nps_answers === 'home_stage' ? `, ${LABELS.loyaltyHomeStage}` : '';
  const parts = [
    `${formatCount(loyalty.respondents)} ${LABELS.loyaltyRespondents}${scope}`,
    `${formatCount(loyalty.unlinked)} ${LABELS.loyaltyUnlinked}`,
  ];
  if (loyalty.anonymous_answers > 0) parts.push(`${formatCount(loyalty.anonymous_answers)} ${LABELS.loyaltyAnonymous}`);
  return `${parts.join('; ')}.`;
}

function note(loyalty: Loyalty): string {
  const asOf = loyalty.churn_as_of ? `; ${LABELS.churnAsOf} ${loyalty.churn_as_of.slice(0, 10)}` : '';
  return `${LABELS.loyaltyNote}${asOf}.`;
}

function difference(loyalty: Loyalty, d: LoyaltyDifference): string {
  const ci = d.ci ? ` [${signed(d.ci[0])}, ${signed(d.ci[1])}]` : '';
  const verdict = d.p_value === null ? LABELS.notTested : d.significant ? LABELS.significant : LABELS.notSignificant;
  const adjusted = d.p_adjusted === null ? '' : `, BH ${formatP(d.p_adjusted).replace('p ', '')}`;
  return `${LABELS.difference}, ${kpiLabel(loyalty, d.kpi)}: ${signed(d.delta)} ${LABELS.points}${ci}, ${formatP(d.p_value)}${adjusted} (${verdict})`;
}

function satisfied(loyalty: Loyalty): string {
  const s = loyalty.satisfied_not_returning;
  const value = s.kpi ? `${formatValue(s.kpi)} ${formatCi(s.kpi)} (n ${formatCount(s.kpi.n)}${s.kpi.flags.length ? `, ${formatFlags(s.kpi.flags)}` : ''})` : LABELS.noValue;
  return `${LABELS.satisfiedNotReturning}: ${value}; ${formatCount(s.customers)} ${LABELS.satisfiedCustomers}, ` +
    `${formatCount(s.unlinked)} ${LABELS.loyaltyUnlinked}.`;
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

const testNote = (loyalty: Loyalty) => `${LABELS.loyaltyTestNote}, α = ${loyalty.alpha}.`;

export function loyaltyTable(loyalty: Loyalty, kit: TableKit): string[] {
  const { chalk } = kit;
  const table = kit.newTable(
    [LABELS.npsGroup, LABELS.respondents, LABELS.unlinked, ...KPIS.map((id) => kpiLabel(loyalty, id))],
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
    chalk.bold(LABELS.loyalty),
    ...wrap(summary(loyalty)),
    table.toString(),
    ...dim(note(loyalty)),
    ...loyalty.differences.flatMap((d) => wrap(difference(loyalty, d))),
    ...(loyalty.differences.length ? dim(testNote(loyalty)) : []),
    ...wrap(satisfied(loyalty)),
    ...dim(`${LABELS.satisfiedNote}.`),
    '',
  ];
}

export function loyaltyMarkdown(loyalty: Loyalty, kit: MarkdownKit): string[] {
  const rows = loyalty.groups.map((g) => [
    GROUP_LABELS[g.id], formatCount(g.respondents), formatCount(g.unlinked),
    ...KPIS.flatMap((id) => {
      const kpi = g.kpis.find((k) => k.id === id);
      return kpi ? [formatValue(kpi), formatCount(kpi.n), formatCi(kpi), formatFlags(kpi.flags)] : [LABELS.noValue, '', '', ''];
    }),
  ]);
  const head = [LABELS.npsGroup, LABELS.respondents, LABELS.unlinked,
    ...KPIS.flatMap((id) => [kpiLabel(loyalty, id), LABELS.n, LABELS.ci, LABELS.flags])];
  // Every word here is ours (no data-derived text), so nothing needs escaping.
  const bullet = (text: string) => `- ${text}`;
  return [
    `## ${LABELS.loyalty}`,
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
    `  _${LABELS.satisfiedNote}._`,
    '',
  ];
}
