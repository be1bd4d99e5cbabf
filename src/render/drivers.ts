// `journey drivers` output: table, Markdown, CSV and JSON (schema journey-drivers/1). Pure
// functions from the result (plus the explained SQL, already inlined by the command) to text.
import Table from 'cli-table3';
import { Chalk } from 'chalk';
import type { DriversResult } from '../core/analysis/drivers.js';
import type { Matrix } from '../core/analysis/linalg.js';
import { csvTable } from './csv.js';
import { formatCount, formatInterval, formatNumber, type Lang } from './format.js';
import { escapeMarkdown, table as mdTable } from './markdown.js';
import { clean } from './table.js';
import { commonLabels, periodLabel } from './labels/common.js';
import { driverLabel, driverLabels, driversSummary, droppedLabel, weakFitLabel } from './labels/drivers.js';
import { generatedLabel } from './markdown.js';
import { wordMessage } from './labels/messages.js';
import { boxFit } from './fit.js';

export interface DriversRenderOptions {
  /** The SQL behind the result, values inlined; null when --explain was not asked for. */
  explain: string[] | null;
  color?: boolean;
  /** Terminal width the tables are fitted to (null: as wide as their cells). */
  columns?: number | null;
  minAnswers: number;
  /** Percent of customers with an NPS the default choice of drivers keeps. */
  minCoverage: number;
  lang?: Lang;
}

const pct = (lang: Lang) => (x: number) => formatNumber(100 * x, 1, false, lang);
const share = (lang: Lang) => (x: number) => formatNumber(x, 1, false, lang);
const interval = (ci: [number, number] | null, f: (x: number) => string, lang: Lang) => (ci ? formatInterval(f(ci[0]), f(ci[1]), lang) : '');
const rankText = (rank: number, ci: [number, number] | null) =>
  ci && (ci[0] !== rank || ci[1] !== rank) ? `${rank} (${Math.round(ci[0])}–${Math.round(ci[1])})` : String(rank);

function labelOf(result: DriversResult, id: string): string {
  const d = result.drivers.find((x) => x.id === id) ?? result.dropped.find((x) => x.id === id);
  return d ? driverLabel(d.touchpoint_label, d.measure) : id;
}

/** Under this R², the drivers explain too little of NPS to rank what matters: said in words. */
export const WEAK_FIT = 0.1;

/** The weak-fit sentence, or nothing when the drivers explain a fair share of NPS. */
function weakFit(result: DriversResult, lang: Lang): string[] {
  if (result.drivers.length === 0 || !(result.r2 < WEAK_FIT)) return [];
  return [weakFitLabel(formatNumber(100 * result.r2, 1, false, lang), lang)];
}

function summary(result: DriversResult, lang: Lang): string {
  const r2 = (x: number) => formatNumber(x, 3, false, lang);
  return driversSummary(formatCount(result.n, lang), result.drivers.length, formatCount(result.customers_with_nps, lang),
    r2(result.r2), interval(result.r2_ci, r2, lang), lang);
}

function rows(result: DriversResult, lang: Lang): string[][] {
  const L = driverLabels(lang);
  return result.drivers.map((d) => [
    rankText(d.rank, d.rank_ci),
    driverLabel(d.touchpoint_label, d.measure),
    `${share(lang)(d.share)}%`,
    interval(d.share_ci, share(lang), lang),
    `${pct(lang)(d.raw_weight)}% ${interval(d.raw_weight_ci, pct(lang), lang)}`,
    formatCount(d.answers, lang),
    d.coefficient >= 0 ? L.up : L.down,
  ]);
}

/** No line between rows: drivers are one line each. */
const COMPACT = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

const head = (lang: Lang) => {
  const L = driverLabels(lang);
  return [L.rank, L.driver, L.importance, L.importanceCi, L.variance, L.answers, L.direction];
};

function droppedLines(result: DriversResult, options: DriversRenderOptions, lang: Lang): string[] {
  return result.dropped.map((d) => `${labelOf(result, d.id)}: ${droppedLabel(d.reason, formatCount(d.answers, lang), formatCount(options.minAnswers, lang),
    d.n_if_kept === undefined ? undefined : formatCount(d.n_if_kept, lang), formatNumber(options.minCoverage, Number.isInteger(options.minCoverage) ? 0 : 1, false, lang), lang)}`);
}

/** The intermediates of the computation as labelled blocks of plain text. */
function componentBlocks(result: DriversResult, lang: Lang): { title: string; head: string[]; rows: string[][] }[] {
  const L = driverLabels(lang);
  const fixed = (x: number) => formatNumber(x, 4, false, lang);
  const c = result.explain.components;
  const names = result.explain.ids.map((id) => labelOf(result, id));
  const square = (m: Matrix) => m.map((row, i) => [names[i], ...row.map(fixed)]);
  return [
    { title: L.correlations, head: ['', ...names], rows: square(c.rxx) },
    { title: L.withNps, head: [L.driver, 'r'], rows: c.rxy.map((r, i) => [names[i], fixed(r)]) },
    { title: L.eigenvalues, head: ['k', 'λ'], rows: c.eigenvalues.map((l, k) => [String(k + 1), fixed(l)]) },
    { title: L.lambdaStar, head: ['', ...names.map((_, k) => `z${k + 1}`)], rows: square(c.lambdaStar) },
    { title: L.beta, head: ['k', 'β'], rows: c.beta.map((b, k) => [`z${k + 1}`, fixed(b)]) },
    { title: L.raw, head: [L.driver, 'ε', L.coefficient], rows: c.raw.map((e, i) => [names[i], fixed(e), fixed(c.coefficients[i])]) },
  ];
}

export function renderDriversTable(result: DriversResult, options: DriversRenderOptions): string {
  const lang = options.lang ?? 'en';
  const L = driverLabels(lang);
  const C = commonLabels(lang);
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const out = [chalk.bold(`${L.title} · ${C.period}: ${periodLabel(result.period, lang)}`), summary(result, lang), ...weakFit(result, lang), ''];
  const body = rows(result, lang).map((row) => row.map((cell, i) => (i === 1 ? clean(cell) : cell)));
  const fitted = (h: string[], r: string[][]) => (options.columns ? boxFit(h, r, options.columns) : {});
  const t = new Table({ head: head(lang).map((h) => chalk.bold(h)), style: { head: [], border: [] }, chars: COMPACT,
    colAligns: ['left', 'left', 'right', 'right', 'right', 'right', 'center'], ...fitted(head(lang), body) });
  for (const row of body) t.push(row);
  out.push(t.toString(), chalk.dim(L.method), '');
  const dropped = droppedLines(result, options, lang);
  if (dropped.length) out.push(chalk.bold(L.notUsed), ...dropped.map((d) => `  ${clean(d)}`), '');
  if (options.explain) {
    out.push(chalk.bold(L.explainTitle), '', L.explainSql, ...options.explain.map((s) => `${s};\n`));
    for (const block of componentBlocks(result, lang)) {
      const blockRows = block.rows.map((row) => row.map(clean));
      const bt = new Table({ head: block.head.map((h) => clean(h)), style: { head: [], border: [] }, chars: COMPACT, ...fitted(block.head, blockRows) });
      for (const row of blockRows) bt.push(row);
      out.push(block.title, bt.toString(), '');
    }
  }
  for (const w of result.warnings) out.push(chalk.yellow(`! ${clean(wordMessage(w, lang))}`));
  return `${out.join('\n').trimEnd()}\n`;
}

export function renderDriversMarkdown(result: DriversResult, options: DriversRenderOptions): string {
  const lang = options.lang ?? 'en';
  const L = driverLabels(lang);
  const C = commonLabels(lang);
  const out = [`# ${L.title}`, '', `${C.period}: ${periodLabel(result.period, lang)} · ${C.generated}: ${generatedLabel(result.generated_at, lang)}`, '', summary(result, lang), '',
    ...weakFit(result, lang).flatMap((line) => [`**${escapeMarkdown(line)}**`, ''])];
  out.push(...mdTable(head(lang), ['r', 'l', 'r', 'r', 'r', 'r', 'l'], rows(result, lang).map((row) => row.map((cell, i) => (i === 1 ? escapeMarkdown(cell) : cell)))), '');
  out.push(`_${L.method}_`, '');
  const dropped = droppedLines(result, options, lang);
  if (dropped.length) out.push(`## ${L.notUsed}`, '', ...dropped.map((d) => `- ${escapeMarkdown(d)}`), '');
  if (options.explain) {
    out.push(`## ${L.explainTitle}`, '', `${L.explainSql}:`, '', '```sql', ...options.explain.map((s) => `${s};`), '```', '');
    for (const block of componentBlocks(result, lang)) {
      out.push(`**${block.title}**`, '', ...mdTable(block.head.map(escapeMarkdown), block.head.map(() => 'r'), block.rows.map(([name, ...numbers]) => [escapeMarkdown(name), ...numbers])), '');
    }
  }
  if (result.warnings.length) out.push(`## ${C.warnings}`, '', ...result.warnings.map((w) => `- ${escapeMarkdown(wordMessage(w, lang))}`), '');
  return `${out.join('\n').trimEnd()}\n`;
}

const CSV_HEADER = ['rank', 'driver', 'touchpoint', 'measure', 'share_pct', 'share_ci_low', 'share_ci_high', 'raw_weight', 'raw_weight_ci_low',
  'raw_weight_ci_high', 'coefficient', 'rank_ci_low', 'rank_ci_high', 'answers', 'n', 'r2', 'r2_ci_low', 'r2_ci_high'];

export function renderDriversCsv(result: DriversResult): string {
  return csvTable(CSV_HEADER, result.drivers.map((d) => [
    { number: d.rank }, { text: d.id }, { text: d.touchpoint }, { text: d.measure },
    { number: d.share }, { number: d.share_ci?.[0] ?? null }, { number: d.share_ci?.[1] ?? null },
    { number: d.raw_weight }, { number: d.raw_weight_ci?.[0] ?? null }, { number: d.raw_weight_ci?.[1] ?? null },
    { number: d.coefficient }, { number: d.rank_ci?.[0] ?? null }, { number: d.rank_ci?.[1] ?? null },
    { number: d.answers }, { number: result.n }, { number: result.r2 }, { number: result.r2_ci?.[0] ?? null }, { number: result.r2_ci?.[1] ?? null },
  ]));
}

/** The JSON document: the result without its internals, plus the explanation when asked for. */
export function driversJson(result: DriversResult, explain: string[] | null): unknown {
  const { explain: internals, ...rest } = result;
  const c = internals.components;
  return explain
    ? {
        ...rest,
        explain: {
          sql: explain, predictors: internals.ids, rxx: c.rxx, rxy: c.rxy, eigenvalues: c.eigenvalues,
          lambda_star: c.lambdaStar, beta: c.beta, raw_weights: c.raw, coefficients: c.coefficients,
        },
      }
    : rest;
}
