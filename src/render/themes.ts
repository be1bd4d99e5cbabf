// `journey themes` output: table, Markdown, CSV and JSON (schema journey-themes/1). Pure functions
// from the result to text; quotes arrive with personal data already removed (core/themes/redact.ts).
import Table from 'cli-table3';
import { Chalk } from 'chalk';
import type { ThemesResult } from '../core/analysis/themes.js';
import type { ScopeTheme, ThemeScope, ThemesDocument } from '../core/contracts/themes.js';
import { csvTable } from './csv.js';
import { formatCount, formatNumber, formatP, type Lang } from './format.js';
import { escapeMarkdown, table as mdTable } from './markdown.js';
import { clean } from './table.js';
import { commonLabels, periodLabel } from './labels/common.js';
import { themeName, themesLabels } from './labels/themes.js';
import { wordMessage } from './labels/messages.js';
import { boxFit } from './fit.js';

export interface ThemesOutput {
  result: ThemesResult;
  /** The SQL as run, values inlined; null without --explain. */
  explain: string[] | null;
}

const COMPACT = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

const pct = (x: number | null, lang: Lang) => (x === null ? '–' : `${formatNumber(x, 1, false, lang)}%`);

function sideCell(s: ScopeTheme['detractors'], lang: Lang): string {
  if (s.flags.includes('suppressed')) return themesLabels(lang).withheld;
  if (s.share === null) return '–';
  return `${pct(s.share, lang)} (${formatCount(s.k ?? 0, lang)}/${formatCount(s.n, lang)})`;
}

function diffCell(t: ScopeTheme, lang: Lang): string {
  if (t.difference === null) return '–';
  const sign = (x: number) => `${x > 0 ? '+' : ''}${formatNumber(x, 1, false, lang)}`;
  return `${sign(t.difference)} [${t.difference_ci ? `${sign(t.difference_ci[0])}, ${sign(t.difference_ci[1])}` : ''}]`;
}

function scopeTitle(s: ThemeScope, lang: Lang): string {
  const L = themesLabels(lang);
  const what = s.level === 'journey' ? L.journey : s.label;
  return `${what}${s.stage ? ` (${s.stage})` : ''} · ${formatCount(s.comments, lang)} ${L.comments}`;
}

function rows(s: ThemeScope, lang: Lang): string[][] {
  return s.themes.map((t) => [
    themeName(t.theme, lang), formatCount(t.k, lang), pct(t.share, lang), sideCell(t.detractors, lang), sideCell(t.promoters, lang),
    diffCell(t, lang), formatP(t.p_adjusted, 'table', '–') + (t.significant ? ' *' : ''),
  ]);
}

function head(lang: Lang): string[] {
  const L = themesLabels(lang);
  return [L.theme, L.n, L.share, L.detractors, L.promoters, L.difference, L.q];
}

function summary(r: ThemesDocument, lang: Lang): string {
  const L = themesLabels(lang);
  const c = r.comments;
  return `${formatCount(c.responses, lang)} ${L.comments} (${formatCount(c.distinct, lang)} ${L.distinct}; ${L.dutch} ${formatCount(c.languages.nl, lang)}, ${L.english} ${formatCount(c.languages.en, lang)}); ` +
    `${L.themed} ${formatCount(c.themed, lang)}, ${L.unthemed} ${formatCount(c.unthemed, lang)}`;
}

/** Quotes of the scope's themes, most mentioned first, one line each. */
function quoteLines(s: ThemeScope, minCell: number, lang: Lang): string[] {
  const L = themesLabels(lang);
  const out: string[] = [];
  for (const t of s.themes) {
    if (t.quotes === null) out.push(`${themeName(t.theme, lang)}: ${L.quotesWithheld.replace('{min}', String(minCell))}`);
    else for (const q of t.quotes) out.push(`${themeName(t.theme, lang)}: "${q.text}" (${formatCount(q.respondents, lang)}×; ${q.terms.join(', ')})`);
  }
  return out;
}

function untaggedLine(r: ThemesDocument, lang: Lang): string {
  const L = themesLabels(lang);
  return r.untagged_terms.length
    ? r.untagged_terms.map((t) => `${t.word} (${formatCount(t.respondents, lang)})`).join(', ')
    : L.untaggedNone.replace('{min}', String(r.min_cell));
}

export function renderThemesTable(o: ThemesOutput, options: { color: boolean; lang: Lang; columns?: number | null }): string {
  const { result: r } = o;
  const { lang } = options;
  const L = themesLabels(lang);
  const C = commonLabels(lang);
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const out = [chalk.bold(L.title), `${C.period}: ${periodLabel(r.period, lang)} · ${summary(r, lang)}`, chalk.dim(L.method), ''];
  const fitted = (h: string[], body: string[][]) => (options.columns ? boxFit(h, body, options.columns) : {});
  if (r.comments.responses === 0) out.push(L.noComments, '');
  for (const s of r.scopes) {
    out.push(chalk.bold(clean(scopeTitle(s, lang))));
    const body = rows(s, lang).map((row) => row.map(clean));
    const t = new Table({ head: head(lang).map((h) => chalk.bold(h)), style: { head: [], border: [] }, chars: COMPACT,
      colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right'], ...fitted(head(lang), body) });
    for (const row of body) t.push(row);
    out.push(t.toString());
    if (s.level === 'touchpoint') for (const line of quoteLines(s, r.min_cell, lang)) out.push(`  ${clean(line)}`);
    out.push('');
  }
  if (r.comments.responses > 0) out.push(chalk.bold(L.untagged), clean(untaggedLine(r, lang)), '');
  if (o.explain && r.explain) {
    out.push(chalk.bold(L.explain));
    const matches = r.explain.matches.map((m) => [themeName(m.theme, lang), m.term, m.words.slice(0, 8).join(' '), formatCount(m.respondents, lang)].map(clean));
    const t = new Table({ head: [L.theme, L.term, L.words, L.n], style: { head: [], border: [] }, chars: COMPACT, ...fitted([L.theme, L.term, L.words, L.n], matches) });
    for (const row of matches) t.push(row);
    out.push(t.toString(), '', L.sql, ...o.explain.map((s) => `${s};\n`));
  }
  for (const w of r.warnings) out.push(chalk.yellow(`! ${clean(wordMessage(w, lang))}`));
  return `${out.join('\n').trimEnd()}\n`;
}

export function renderThemesMarkdown(o: ThemesOutput, options: { lang: Lang }): string {
  const { result: r } = o;
  const { lang } = options;
  const L = themesLabels(lang);
  const C = commonLabels(lang);
  const out = [`# ${L.title}`, '', `${C.generated}: ${r.generated_at}`, '', escapeMarkdown(`${C.period}: ${periodLabel(r.period, lang)} · ${summary(r, lang)}`), '', `_${escapeMarkdown(L.method)}_`, ''];
  if (r.comments.responses === 0) out.push(L.noComments, '');
  for (const s of r.scopes) {
    out.push(`## ${escapeMarkdown(scopeTitle(s, lang))}`, '', ...mdTable(head(lang), ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
      rows(s, lang).map((row) => row.map(escapeMarkdown))), '');
    if (s.level === 'touchpoint') {
      const quotes = quoteLines(s, r.min_cell, lang);
      if (quotes.length) out.push(`**${L.quotes}**`, '', ...quotes.map((q) => `- ${escapeMarkdown(q)}`), '');
    }
  }
  if (r.comments.responses > 0) out.push(`## ${L.untagged}`, '', escapeMarkdown(untaggedLine(r, lang)), '');
  if (o.explain && r.explain) {
    out.push(`## ${L.explain}`, '', ...mdTable([L.theme, L.term, L.words, L.n], ['l', 'l', 'l', 'r'],
      r.explain.matches.map((m) => [escapeMarkdown(themeName(m.theme, lang)), escapeMarkdown(m.term), escapeMarkdown(m.words.join(' ')), formatCount(m.respondents, lang)])), '',
    `${L.sql}:`, '', '```sql', ...o.explain.map((s) => `${s};`), '```', '');
  }
  if (r.warnings.length) out.push(`## ${C.warnings}`, '', ...r.warnings.map((w) => `- ${escapeMarkdown(wordMessage(w, lang))}`), '');
  return `${out.join('\n').trimEnd()}\n`;
}

const CSV_HEADER = ['level', 'scope', 'stage', 'theme', 'k', 'share', 'detractors_k', 'detractors_n', 'detractors_share', 'promoters_k', 'promoters_n',
  'promoters_share', 'difference', 'difference_ci_low', 'difference_ci_high', 'p_value', 'p_adjusted', 'significant', 'flags'];

export function renderThemesCsv(o: ThemesOutput): string {
  return csvTable(CSV_HEADER, o.result.scopes.flatMap((s) => s.themes.map((t) => [
    { text: s.level }, { text: s.id }, { text: s.stage ?? '' }, { text: t.theme }, { number: t.k }, { number: t.share },
    { number: t.detractors.k }, { number: t.detractors.n }, { number: t.detractors.share },
    { number: t.promoters.k }, { number: t.promoters.n }, { number: t.promoters.share },
    { number: t.difference }, { number: t.difference_ci?.[0] ?? null }, { number: t.difference_ci?.[1] ?? null },
    { number: t.p_value }, { number: t.p_adjusted }, { text: t.significant ? 'true' : 'false' },
    { text: [...new Set([...t.detractors.flags, ...t.promoters.flags])].join(' ') },
  ])));
}

/** The JSON document (journey-themes/1); --explain adds which terms matched and the SQL. */
export function themesJson(o: ThemesOutput): ThemesDocument {
  const { queries, explain, ...rest } = o.result;
  void queries;
  return { ...rest, ...(o.explain && explain ? { explain: { matches: explain.matches, sql: o.explain } } : {}) };
}
