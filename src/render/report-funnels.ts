// The config's funnels and the identity coverage inside the report: a compact table after the first
// screen, a Markdown section, and the journey map's funnel panels (docs/funnels.md, "In the report").
// `journey funnel` has the full tables (segments, periods, time to the next step).
import type { ChalkInstance } from 'chalk';
import type { Funnel, FunnelStep } from '../core/contracts/funnel.js';
import type { IdentityCoverageResult } from '../core/contracts/identity.js';
import { formatCount, formatInterval, formatNumber, type Lang } from './format.js';
import { clip, wrapWords } from './glance.js';
import { h, type Html } from './html-kit.js';
import { commonLabels } from './labels/common.js';
import { funnelLabels } from './labels/funnel.js';
import { identityLabels, identitySentence, identityShortLine } from './labels/identity.js';
import type { MarkdownKit } from './loyalty.js';

export const pct = (x: number | null, lang: Lang) => (x === null ? '—' : `${formatNumber(x, 1, false, lang)}%`);
export const ci = (c: [number, number] | null, lang: Lang) => (c ? formatInterval(formatNumber(c[0], 1, false, lang), formatNumber(c[1], 1, false, lang), lang) : '');
const width = (s: string) => [...s].length;

/** A window as the config says it: 14 d, 2 h, 30 min. */
function windowText(hours: number, lang: Lang): string {
  const L = funnelLabels(lang);
  if (hours >= 24 && hours % 24 === 0) return `${hours / 24} ${L.days}`;
  if (hours >= 1 && Number.isInteger(hours)) return `${hours} ${L.hours}`;
  return `${formatNumber(hours * 60, 0, false, lang)} min`;
}

/** "2. no delivery ticket (within 14 d)". */
export function stepTitle(s: FunnelStep, i: number, lang: Lang, inert: (text: string) => string = (t) => t): string {
  const L = funnelLabels(lang);
  return `${i + 1}. ${inert(`${s.absent ? `${L.absent} ` : ''}${s.label}${s.within_hours === null ? '' : ` (${L.within} ${windowText(s.within_hours, lang)})`}`)}`;
}

/** "Paid order to promoter · per person (stitched across kinds) · 2,627 did step 1". */
function funnelHeading(f: Funnel, lang: Lang): string {
  const L = funnelLabels(lang);
  return `${f.label} · ${f.unit === 'person' ? L.person : L.session} · ${formatCount(f.units, lang)} ${L.didStep1}`;
}

/** Steps after the first whose window was still open at the end of the data. */
function pendingNote(f: Funnel, lang: Lang): string | null {
  const L = funnelLabels(lang);
  const open = f.steps.map((s, i) => ({ s, i })).filter(({ s }) => s.pending > 0);
  if (open.length === 0) return null;
  return `${open.map(({ s, i }) => `${L.step} ${i + 1}: ${formatCount(s.pending, lang)} ${L.pending}`).join(', ')} (${L.pendingShort})`;
}

/**
 * The terminal: per funnel a heading and one line per step (entered, converted, conversion with
 * its interval), fitted to `total` columns; a step's name is shortened with '…', a number never.
 */
export function funnelsTable(funnels: Funnel[], lang: Lang, total: number, chalk: ChalkInstance, clean: (s: string) => string): string[] {
  if (funnels.length === 0) return [];
  const L = funnelLabels(lang);
  const C = commonLabels(lang);
  const out = [chalk.bold(L.reportTitle)];
  for (const f of funnels) {
    out.push(...wrapWords(clean(funnelHeading(f, lang)), total, '  '));
    const rows = f.steps.map((s, i) => [
      clean(stepTitle(s, i, lang)),
      formatCount(s.entered, lang),
      formatCount(s.converted, lang),
      s.conversion === null ? '' : `${pct(s.conversion, lang)} ${ci(s.ci, lang)}${s.flags.includes('low_n') ? ` ${C.lowN}` : ''}`,
    ]);
    const head = [L.step, L.entered, L.converted, `${L.conversion} ${C.ci}`];
    const w = (c: number) => Math.max(...[head, ...rows].map((r) => width(r[c]!)));
    const fixed = w(1) + w(2) + w(3) + 6;
    const name = Math.max(12, Math.min(w(0), total - 2 - fixed));
    const line = (r: string[]) => `  ${clip(r[0]!, name).padEnd(name)}  ${r[1]!.padStart(w(1))}  ${r[2]!.padStart(w(2))}  ${r[3]!.padStart(w(3))}`.trimEnd();
    out.push(chalk.dim(line(head)), ...rows.map(line));
    const note = pendingNote(f, lang);
    if (note) out.push(...wrapWords(note, total - 2, '  ').map((l) => chalk.dim(`  ${l.trimStart()}`)));
    out.push('');
  }
  out.push(...wrapWords(L.reportHint, total).map((l) => chalk.dim(l)), '');
  return out;
}

/** One line for the terminal's footer: the identity coverage, or nothing without `identity:`. */
export function identityFooter(identity: IdentityCoverageResult[] | null, lang: Lang, total: number, chalk: ChalkInstance): string[] {
  if (!identity) return [];
  return wrapWords(identityShortLine(identity, lang), total).map((l) => chalk.dim(l));
}

/** Markdown: a section per funnel with its step table. */
export function funnelsMarkdown(funnels: Funnel[], kit: MarkdownKit): string[] {
  if (funnels.length === 0) return [];
  const { lang, escape: escapeMarkdown, table: mdTable } = kit;
  const L = funnelLabels(lang);
  const C = commonLabels(lang);
  const out = [`## ${L.reportTitle}`, ''];
  for (const f of funnels) {
    out.push(`### ${escapeMarkdown(funnelHeading(f, lang))}`, '');
    out.push(...mdTable([L.step, L.entered, L.converted, `${L.conversion} ${C.ci}`, L.dropOff], ['l', 'r', 'r', 'r', 'r'],
      f.steps.map((s, i) => [stepTitle(s, i, lang, escapeMarkdown), formatCount(s.entered, lang), formatCount(s.converted, lang),
        `${pct(s.conversion, lang)} ${ci(s.ci, lang)}`.trim() + (s.flags.includes('low_n') ? ` (${C.lowN})` : ''), formatCount(s.drop_off, lang)])), '');
    const note = pendingNote(f, lang);
    if (note) out.push(`_${escapeMarkdown(note)}_`, '');
  }
  out.push(`_${escapeMarkdown(`${L.method} ${L.reportHint}`)}_`, '');
  return out;
}

/** Markdown, in the sources section: one sentence per kind, or nothing without `identity:`. */
export function identityMarkdown(identity: IdentityCoverageResult[] | null, kit: MarkdownKit): string[] {
  if (!identity) return [];
  const { lang, escape: escapeMarkdown } = kit;
  return [`**${identityLabels(lang).heading}**`, '', ...identity.map((c) => `- ${escapeMarkdown(identitySentence(c, lang))}`), ''];
}

/**
 * The map: a panel per funnel, its steps as bars (length = share of the units that did step 1) with
 * entered, converted, conversion with its interval, and drop-off written beside each bar, so the
 * bar's colour is never the only signal and every value prints.
 */
export function funnelPanels(funnels: Funnel[] | undefined, lang: Lang): Html | null {
  if (!funnels?.length) return null;
  const L = funnelLabels(lang);
  const C = commonLabels(lang);
  const bar = (s: FunnelStep) => {
    const share = Math.max(0, Math.min(100, s.overall ?? 0));
    return h`<span class="fbar"><span class="fbar-fill" style="width:${share.toFixed(1)}%"></span></span><span class="fshare">${pct(s.overall, lang)}</span>`;
  };
  return h`<section id="funnels"><h2>${L.reportTitle}</h2><p class="note">${L.method} ${L.reportHint}</p>
${funnels.map((f) => h`<section class="funnel" data-funnel="${f.id}" data-units="${String(f.units)}"><h3>${funnelHeading(f, lang)}</h3>
<table class="data funnel-steps"><thead><tr><th scope="col">${L.step}</th><th scope="col">${L.overall}</th><th scope="col">${L.entered}</th><th scope="col">${L.converted}</th><th scope="col">${L.conversion} ${C.ci}</th><th scope="col">${L.dropOff}</th></tr></thead>
<tbody>${f.steps.map((s, i) => h`<tr data-step="${s.id}" data-entered="${String(s.entered)}" data-converted="${String(s.converted)}" data-conversion="${s.conversion === null ? '' : String(s.conversion)}" data-ci="${s.ci ? `${s.ci[0]},${s.ci[1]}` : ''}" data-drop-off="${String(s.drop_off)}">
<th scope="row">${stepTitle(s, i, lang)}</th><td class="fcell">${bar(s)}</td><td class="num">${formatCount(s.entered, lang)}${s.pending ? h` <span class="muted">(+${formatCount(s.pending, lang)} ${L.pending})</span>` : null}</td><td class="num">${formatCount(s.converted, lang)}</td><td class="num">${s.conversion === null ? '—' : h`${pct(s.conversion, lang)} <span class="muted">${ci(s.ci, lang)}</span>${s.flags.includes('low_n') ? h` <span class="tag">${C.lowN}</span>` : null}`}</td><td class="num">${formatCount(s.drop_off, lang)}</td></tr>`)}</tbody></table>
${pendingNote(f, lang) ? h`<p class="note">${pendingNote(f, lang)!}</p>` : null}</section>`)}
</section>`;
}

/** The map's data and method section: the identity coverage, or nothing without `identity:`. */
export function identityPanel(identity: IdentityCoverageResult[] | null, lang: Lang): Html | null {
  if (!identity) return null;
  const L = identityLabels(lang);
  return h`<h3>${L.heading}</h3><ul class="identity">${identity.map((c) => h`<li data-identity="${c.kind}" data-units="${String(c.units)}" data-linked="${String(c.linked)}">${identitySentence(c, lang)}</li>`)}</ul><p class="note">${L.method}</p>`;
}
