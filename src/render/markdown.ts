// The human report as Markdown (`--format md`): to paste into a wiki, a ticket or a client memo.
// Labels, ids and paths can come from data, so every such string is escaped before it lands.
import type { Kpi } from '../core/kpis/measure.js';
import type { Report, StageReport, TouchpointReport } from '../core/report.js';
import type { FrictionEntry } from '../core/analysis/friction.js';
import { formatCi, formatCount, formatDate, formatFlags, formatNumber, formatValue, type Lang } from './format.js';
import { commonLabels, periodLabel } from './labels/common.js';
import { frictionLabels } from './labels/friction.js';
import { frictionWhy } from './friction-why.js';
import { kpiLabel, stageLabel, stageNameOf } from './labels/journey.js';
import { reportLabels } from './labels/report.js';
import { loyaltyMarkdown, type MarkdownKit } from './loyalty.js';
import { trendsMarkdown } from './trends.js';
import { ownKpis } from './map-model.js';
import { extraColumns, formatTarget, formatVs } from './targets.js';
import { frictionThemesLine } from './labels/themes.js';
import { wordMessage } from './labels/messages.js';
import { funnelsMarkdown, identityMarkdown } from './report-funnels.js';

type Extra = { target: boolean; vs: boolean };
const NO_EXTRA: Extra = { target: false, vs: false };

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Data-derived text made inert: HTML-escaped (renderers pass raw HTML through), Markdown
 * punctuation that could open links, code or emphasis backslash-escaped, `|` escaped so it cannot
 * end a table cell, line breaks folded so it cannot end a row, list item or heading, and control
 * characters replaced.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[&<>]/g, (c) => HTML[c]!)
    .replace(/[\\`*~[\]|]|(?<!\w)_|_(?!\w)/g, (c) => `\\${c}`)
    .replace(/\s*(?:\r\n|[\r\n])\s*/g, ' ')
    // Terminal escapes and bidi overrides would still act when the file is printed or diffed.
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '\uFFFD')
    // At the start of a line these would make a heading, quote or list of the text.
    .replace(/^([#>+-]|\d+[.)])/, '\\$1');
}

export function table(head: string[], align: ('l' | 'r')[], rows: string[][]): string[] {
  return [
    `| ${head.join(' | ')} |`,
    `|${align.map((a) => (a === 'r' ? '---:' : '---')).join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
}

function kpiTable(kpis: Kpi[], lang: Lang, extra: Extra = NO_EXTRA): string[] {
  const C = commonLabels(lang);
  const R = reportLabels(lang);
  return table(
    [C.kpi, C.value, C.n, C.ci, C.flags, ...(extra.target ? [R.target] : []), ...(extra.vs ? [R.vs] : [])],
    ['l', 'r', 'r', 'r', 'l', ...(extra.target ? ['l' as const] : []), ...(extra.vs ? ['r' as const] : [])],
    kpis.map((k) => [escapeMarkdown(kpiLabel(k, lang)), formatValue(k, lang), formatCount(k.n, lang), formatCi(k, lang), formatFlags(k.flags, lang, k.unavailable),
      ...(extra.target ? [k.target?.status === 'missed' ? `**${formatTarget(k)}**` : formatTarget(k)] : []),
      ...(extra.vs ? [formatVs(k)] : [])]),
  );
}

function bullets(title: string, items: string[]): string[] {
  return items.length === 0 ? [] : [`**${title}**`, '', ...items.map((i) => `- ${escapeMarkdown(i)}`), ''];
}

const hasNotes = (tp: TouchpointReport) => tp.insights.length + tp.opportunities.length + tp.solutions.length > 0;

/** The KPIs a section shows (all with --all-kpis, else the stage's own) and a line for the rest. */
function ownTable(stage: StageReport, kpis: Kpi[], touchpoint: boolean, lang: Lang, extra: Extra, all: boolean): string[] {
  const shown = all ? kpis : ownKpis(stage, kpis, touchpoint);
  const hidden = kpis.length - shown.length;
  return [...(shown.length > 0 ? [...kpiTable(shown, lang, extra), ''] : []), ...(hidden > 0 ? [`_${reportLabels(lang).moreKpis.replace('{n}', String(hidden))}_`, ''] : [])];
}

function touchpointSection(stage: StageReport, tp: TouchpointReport, lang: Lang, extra: Extra, all: boolean): string[] {
  const C = commonLabels(lang);
  const R = reportLabels(lang);
  const mark = tp.moment_of_truth ? ` ${C.momentOfTruthMark} ${R.momentOfTruth}` : '';
  return [
    `### ${escapeMarkdown(tp.label)}${mark}`,
    '',
    ...(tp.kpis.length > 0 ? ownTable(stage, tp.kpis, true, lang, extra, all) : [`_${R.noData}_`, '']),
    ...bullets(R.insights, tp.insights),
    ...bullets(R.opportunities, tp.opportunities),
    ...bullets(R.solutions, tp.solutions),
  ];
}

function stageSection(stage: StageReport, lang: Lang, extra: Extra, all: boolean): string[] {
  const R = reportLabels(lang);
  // A touchpoint with field notes but no data still belongs in the report people read.
  const touchpoints = stage.touchpoints.filter((t) => t.kpis.length > 0 || hasNotes(t));
  const out = [`## ${escapeMarkdown(stageLabel(stage, lang))}`, ''];
  if (stage.kpis.length > 0) out.push(...ownTable(stage, stage.kpis, false, lang, extra, all));
  else if (!stage.touchpoints.some((t) => t.kpis.length > 0)) out.push(`_${R.noData}_`, '');
  for (const tp of touchpoints) out.push(...touchpointSection(stage, tp, lang, extra, all));
  return out;
}

/** One row per KPI, one column per segment value: the cell is the value with n in parentheses. */
function segmentTable(title: string, values: string[], perValue: Kpi[][], lang: Lang): string[] {
  const C = commonLabels(lang);
  const rows = new Map<string, string>();
  for (const kpis of perValue) for (const k of kpis) if (!rows.has(k.id)) rows.set(k.id, kpiLabel(k, lang));
  if (rows.size === 0) return [];
  return [
    `### ${title}`,
    '',
    ...table([C.kpi, ...values.map(escapeMarkdown)], ['l', ...values.map(() => 'r' as const)],
      [...rows].map(([id, label]) => [escapeMarkdown(label), ...perValue.map((kpis) => {
        const kpi = kpis.find((k) => k.id === id);
        return kpi ? `${formatValue(kpi, lang)} (${formatCount(kpi.n, lang)})` : C.noValue;
      })])),
    '',
  ];
}

function segmentSection(segment: NonNullable<Report['segment']>, stages: StageReport[], lang: Lang, all: boolean): string[] {
  const C = commonLabels(lang);
  const R = reportLabels(lang);
  const names = segment.values.map((v) => v.value);
  const out = [`## ${C.segment}: ${escapeMarkdown(segment.label)}`, '', `_${R.segmentNote}_`, ''];
  out.push(...segmentTable(C.journey, names, segment.values.map((v) => v.kpis), lang));
  for (const stage of stages) {
    const perValue = segment.values.map((v) => {
      const kpis = v.stages.find((s) => s.id === stage.id)?.kpis ?? [];
      return all ? kpis : ownKpis(stage, kpis, false);
    });
    out.push(...segmentTable(escapeMarkdown(stageLabel(stage, lang)), names, perValue, lang));
  }
  return out;
}

/** The friction ranking with each touchpoint's `why`: the report's top 5 and `journey friction`. */
export function frictionMarkdown(entries: FrictionEntry[], lang: Lang = 'en'): string[] {
  const C = commonLabels(lang);
  const F = frictionLabels(lang);
  return table(
    [F.rank, C.touchpoint, C.stage, F.score, C.n, F.why],
    ['r', 'l', 'l', 'r', 'r', 'l'],
    entries.map((e) => [String(e.rank), escapeMarkdown(e.label), escapeMarkdown(stageNameOf(e.stage, lang)), formatNumber(e.score, 1, false, lang), formatCount(e.n, lang),
      escapeMarkdown([frictionWhy(e, lang), frictionThemesLine(e.themes ?? [], lang)].filter(Boolean).join(' '))]),
  );
}

/** When the report was made, as the language writes a date and time (UTC). */
export function generatedLabel(at: string, lang: Lang): string {
  return lang === 'en' ? at : `${formatDate(at.slice(0, 10), lang)} ${at.slice(11, 16)} UTC`;
}

export interface MarkdownOptions {
  /** --all-kpis: every KPI at every scope; default: a stage's own KPIs in its sections. */
  allKpis?: boolean;
}

export function renderMarkdown(report: Report, lang: Lang = 'en', options: MarkdownOptions = {}): string {
  const all = Boolean(options.allKpis);
  const C = commonLabels(lang);
  const R = reportLabels(lang);
  const meta = [`${C.period}: ${periodLabel(report.period, lang)}`, `${C.generated}: ${generatedLabel(report.generated_at, lang)}`];
  if (report.config) meta.push(`${R.config}: ${escapeMarkdown(report.config)}`);
  const out = [`# ${R.title}`, '', meta.join(' · '), ''];
  if (report.sources.length > 0) {
    out.push(`## ${R.sources}`, '', ...table(
      [R.path, R.kind, R.rowsHeading, R.rejectedHeading], ['l', 'l', 'r', 'r'],
      report.sources.map((s) => [escapeMarkdown(s.path), escapeMarkdown(s.kind), formatCount(s.rows, lang), formatCount(s.rejected, lang)]),
    ), '', ...identityMarkdown(report.identity, { escape: escapeMarkdown, table, lang }));
  }
  const extra = extraColumns([report.kpis, ...report.stages.flatMap((s) => [s.kpis, ...s.touchpoints.map((t) => t.kpis)])]);
  if (report.alerts?.length) out.push(`## ${R.alerts}`, '', ...report.alerts.map((a) => `- ${escapeMarkdown(a.message)}`), '');
  if (report.vs) {
    out.push(`${R.vsAgainst} ${report.vs.against === 'previous' ? R.previous : report.vs.against === 'before' ? R.beforePeriod : R.lastYear}: ${periodLabel(report.vs.period, lang)}`, '',
      `_${escapeMarkdown(R.vsNote)}_`, '');
  }
  out.push(`## ${C.journey}`, '', ...(report.kpis.length > 0 ? kpiTable(report.kpis, lang, extra) : [`_${R.noData}_`]), '');
  for (const stage of report.stages) out.push(...stageSection(stage, lang, extra, all));
  if (report.friction.length > 0) out.push(`## ${frictionLabels(lang).top}`, '', ...frictionMarkdown(report.friction.slice(0, 5), lang), '');
  const kit: MarkdownKit = { escape: escapeMarkdown, table, lang };
  out.push(...funnelsMarkdown(report.funnels ?? [], kit));
  if (report.segment) out.push(...segmentSection(report.segment, report.stages, lang, all));
  if (report.loyalty) out.push(...loyaltyMarkdown(report.loyalty, kit));
  if (report.trends) out.push(...trendsMarkdown(report, kit));
  if (report.warnings.length > 0) {
    out.push(`## ${C.warnings}`, '', ...report.warnings.map((w) => `- ${escapeMarkdown(wordMessage(w, lang))}`), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
