// `journey integrity` output: table, Markdown, CSV and JSON (schema journey-integrity/1). Pure
// functions from the result to text; every flagged group reads "review", never a verdict.
import Table from 'cli-table3';
import { Chalk } from 'chalk';
import type { IntegrityGroup, IntegrityResult } from '../core/analysis/integrity.js';
import { csvTable } from './csv.js';
import { formatCount, formatInterval, formatNumber, formatP, type Lang } from './format.js';
import { escapeMarkdown, generatedLabel, table as mdTable } from './markdown.js';
import { clean } from './table.js';
import { commonLabels, periodLabel } from './labels/common.js';
import { integrityLabels, integrityReason, notAssessedReason } from './labels/integrity.js';
import { wordMessage } from './labels/messages.js';
import { boxFit } from './fit.js';

export interface IntegrityRenderOptions {
  /** The SQL behind the result, values inlined; null when --explain was not asked for. */
  explain: string[] | null;
  color?: boolean;
  lang?: Lang;
  /** Terminal width the tables are fitted to (null: as wide as their cells). */
  columns?: number | null;
}

export type Status = 'review' | 'ok' | 'not_assessed';

const statusOf = (g: IntegrityGroup): Status => (g.flagged ? 'review' : g.tested ? 'ok' : 'not_assessed');

/** The reasons a person reads: the evidence for a review, or why a group was not assessed. */
function reasonsOf(g: IntegrityGroup, minN: number, lang: Lang = 'en'): string[] {
  if (!g.tested) return [notAssessedReason(g.n, minN, g.suppressed, lang)];
  return g.signals.map((s) => integrityReason(s, g, lang));
}

const pct = (x: number | null, lang: Lang) => (x === null ? commonLabels(lang).noValue : `${formatNumber(100 * x, 1, false, lang)}%`);
const pctCi = (ci: [number, number] | null, lang: Lang) =>
  (ci ? formatInterval(formatNumber(100 * ci[0], 1, false, lang), formatNumber(100 * ci[1], 1, false, lang), lang) : '');
const pText = (p: number | null, lang: Lang) => (lang === 'nl' ? formatP(p, 'review', '').replace('.', ',') : formatP(p, 'review', ''));

function heading(result: IntegrityResult, lang: Lang): string[] {
  const L = integrityLabels(lang);
  const C = commonLabels(lang);
  const score = result.score === 'nps' ? L.scoreNps : result.score === 'csat' ? L.scoreCsat : L.scoreAuto;
  const strata = result.strata === 'scale' ? L.strataScale : L.strataTouchpoint;
  return [
    `${L.title} ${L.by} ${result.by} · ${C.period}: ${periodLabel(result.period, lang)}`,
    `${score}; ${strata}; ${formatCount(result.answers, lang)} ${L.answers}, FDR ${formatNumber(100 * result.fdr, 0, false, lang)}%`,
  ];
}

const head = (lang: Lang) => {
  const L = integrityLabels(lang);
  return [L.group, L.n, L.topShare, L.ci, L.expected, L.limit, L.p, L.q, L.silent, L.spread, L.review];
};
/** The terminal leaves out p (q decides; JSON and CSV carry both) to stay within 100 columns. */
const TABLE_COLUMNS = [0, 1, 2, 3, 4, 5, 7, 8, 9, 10];
/** No line between rows: groups are one line each. */
const COMPACT = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

function row(g: IntegrityGroup, lang: Lang): string[] {
  const L = integrityLabels(lang);
  const status = statusOf(g);
  return [
    g.group,
    formatCount(g.n, lang),
    g.suppressed ? L.withheld : pct(g.top_share, lang),
    pctCi(g.top_share_ci, lang),
    pct(g.expected_share, lang),
    g.funnel ? pct(g.funnel.p998[1], lang) : '',
    pText(g.p_value, lang),
    pText(g.q_value, lang),
    g.top_without_comment ? `${pct(g.top_without_comment.share, lang)} (${pct(g.top_without_comment.expected_share, lang)})` : '',
    g.spread ? formatNumber(g.spread.variance_ratio, 2, false, lang) : '',
    status === 'review' ? L.reviewMark : status === 'not_assessed' ? L.notAssessed : '',
  ];
}

function componentRows(result: IntegrityResult, lang: Lang): string[][] {
  return result.groups.flatMap((g) => g.components.map((c) => [
    g.group, c.stratum, formatCount(c.n, lang), formatCount(c.top, lang), formatCount(c.rest_n, lang), pct(c.rest_share, lang),
  ]));
}

const componentHead = (lang: Lang) => {
  const L = integrityLabels(lang);
  return [L.group, L.stratum, L.n, lang === 'en' ? L.topShare.replace('share', 'scores') : L.topShare, L.restN, L.restShare];
};

export function renderIntegrityTable(result: IntegrityResult, options: IntegrityRenderOptions): string {
  const lang = options.lang ?? 'en';
  const L = integrityLabels(lang);
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const [title, sub] = heading(result, lang);
  const out = [chalk.bold(clean(title)), sub, chalk.dim(L.caution), ''];
  const HEAD = head(lang);
  const fitted = (h: string[], r: string[][]) => (options.columns ? boxFit(h, r, options.columns) : {});
  const body = result.groups.map((g) => {
    const cells = row(g, lang);
    cells[0] = clean(cells[0]!);
    if (g.flagged) cells[10] = chalk.yellow(cells[10]);
    return TABLE_COLUMNS.map((i) => cells[i]!);
  });
  const mainHead = TABLE_COLUMNS.map((i) => chalk.bold(HEAD[i]!));
  const t = new Table({ head: mainHead, style: { head: [], border: [] }, chars: COMPACT,
    colAligns: TABLE_COLUMNS.map((i) => (i === 0 || i === 10 ? 'left' : 'right')), ...fitted(mainHead, body) });
  for (const cells of body) t.push(cells);
  out.push(t.toString(), chalk.dim(`${L.method}.`), '');
  const flagged = result.groups.filter((g) => g.flagged);
  if (flagged.length === 0) out.push(L.nothingToReview, '');
  else {
    out.push(chalk.bold(L.reasons));
    for (const g of flagged) out.push(`  ${clean(g.group)}: ${reasonsOf(g, result.min_n, lang).join('; ')}`);
    out.push('');
  }
  if (options.explain) {
    out.push(chalk.bold(L.explainTitle), '', L.explainSql, ...options.explain.map((s) => `${s};\n`), L.components);
    const componentBody = componentRows(result, lang).map((r) => r.map(clean));
    const ct = new Table({ head: componentHead(lang), style: { head: [], border: [] }, chars: COMPACT, ...fitted(componentHead(lang), componentBody) });
    for (const r of componentBody) ct.push(r);
    out.push(ct.toString(), '');
  }
  for (const w of result.warnings) out.push(chalk.yellow(`! ${clean(wordMessage(w, lang))}`));
  return `${out.join('\n').trimEnd()}\n`;
}

export function renderIntegrityMarkdown(result: IntegrityResult, options: IntegrityRenderOptions): string {
  const lang = options.lang ?? 'en';
  const L = integrityLabels(lang);
  const C = commonLabels(lang);
  const [title, sub] = heading(result, lang);
  const out = [`# ${escapeMarkdown(title)}`, '', `${C.generated}: ${generatedLabel(result.generated_at, lang)}`, '', escapeMarkdown(sub), '', `_${L.caution}_`, ''];
  out.push(...mdTable(head(lang), ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
    result.groups.map((g) => row(g, lang).map((cell, i) => (i === 0 ? escapeMarkdown(cell) : cell)))), '', `_${L.method}._`, '');
  const flagged = result.groups.filter((g) => g.flagged);
  if (flagged.length === 0) out.push(L.nothingToReview, '');
  else out.push(`## ${L.reasons}`, '', ...flagged.map((g) => `- **${escapeMarkdown(g.group)}**: ${escapeMarkdown(reasonsOf(g, result.min_n, lang).join('; '))}`), '');
  if (options.explain) {
    out.push(`## ${L.explainTitle}`, '', `${L.explainSql}:`, '', '```sql', ...options.explain.map((s) => `${s};`), '```', '', `**${L.components}**`, '',
      ...mdTable(componentHead(lang), ['l', 'l', 'r', 'r', 'r', 'r'], componentRows(result, lang).map(([group, stratum, ...numbers]) => [escapeMarkdown(group), escapeMarkdown(stratum), ...numbers])), '');
  }
  if (result.warnings.length) out.push(`## ${C.warnings}`, '', ...result.warnings.map((w) => `- ${escapeMarkdown(wordMessage(w, lang))}`), '');
  return `${out.join('\n').trimEnd()}\n`;
}

const CSV_HEADER = ['group', 'n', 'top', 'top_share', 'top_share_ci_low', 'top_share_ci_high', 'expected_share', 'funnel_95_low', 'funnel_95_high',
  'funnel_998_low', 'funnel_998_high', 'p_value', 'q_value', 'top_without_comment_share', 'top_without_comment_expected', 'top_without_comment_q',
  'variance_ratio', 'variance_q', 'status', 'reasons'];

export function renderIntegrityCsv(result: IntegrityResult): string {
  return csvTable(CSV_HEADER, result.groups.map((g) => [
    { text: g.group }, { number: g.n }, { number: g.top }, { number: g.top_share },
    { number: g.top_share_ci?.[0] ?? null }, { number: g.top_share_ci?.[1] ?? null }, { number: g.expected_share },
    { number: g.funnel?.p95[0] ?? null }, { number: g.funnel?.p95[1] ?? null }, { number: g.funnel?.p998[0] ?? null }, { number: g.funnel?.p998[1] ?? null },
    { number: g.p_value }, { number: g.q_value },
    { number: g.top_without_comment?.share ?? null }, { number: g.top_without_comment?.expected_share ?? null }, { number: g.top_without_comment?.q_value ?? null },
    { number: g.spread?.variance_ratio ?? null }, { number: g.spread?.q_value ?? null },
    { text: statusOf(g) }, { text: reasonsOf(g, result.min_n).join('; ') },
  ]));
}

/** The JSON document (journey-integrity/1): the contract's fields first, then the evidence behind them. */
export function integrityJson(result: IntegrityResult, explain: string[] | null): unknown {
  const { explain: internals, groups, ...rest } = result;
  void internals;
  return {
    ...rest,
    groups: groups.map((g) => ({
      group: g.group,
      n: g.n,
      top_share: g.top_share,
      expected_share: g.expected_share,
      p_value: g.p_value,
      flagged: g.flagged,
      reasons: reasonsOf(g, result.min_n),
      status: statusOf(g),
      top: g.top,
      top_share_ci: g.top_share_ci,
      q_value: g.q_value,
      funnel: g.funnel,
      top_without_comment: g.top_without_comment,
      spread: g.spread,
      signals: g.signals,
      uncompared: g.uncompared,
      suppressed: g.suppressed,
      ...(explain ? { components: g.components } : {}),
    })),
    ...(explain ? { explain: { sql: explain } } : {}),
  };
}
