// Every renderer, looked up by result kind and format. Its type lists every format for every kind:
// a renderer where formats.ts OFFERED says the kind offers the format, `null` where not, so adding
// a format makes the compiler name each kind that still needs a decision.
import type { OFFERED, Format, RenderContext, ResultKind, Results } from './formats.js';
import { renderAfterCsv, renderAfterJson, renderAfterMarkdown, renderAfterTable } from './after.js';
import { renderCompareCsv, renderCompareJson, renderCompareMarkdown, renderCompareTable } from './compare.js';
import { renderCsv } from './csv.js';
import { driversJson, renderDriversCsv, renderDriversMarkdown, renderDriversTable } from './drivers.js';
import { renderFrictionCsv, renderFrictionJson, renderFrictionMarkdown, renderFrictionTable } from './friction.js';
import { integrityJson, renderIntegrityCsv, renderIntegrityMarkdown, renderIntegrityTable } from './integrity.js';
import { renderFunnelCsv, renderFunnelJson, renderFunnelMarkdown, renderFunnelTable } from './funnel.js';
import { renderJson, renderReportJson } from './json.js';
import { renderPathsCsv, renderPathsJson, renderPathsMarkdown, renderPathsTable } from './paths.js';
import { renderKpisMarkdown, renderKpisTable } from './kpis.js';
import { renderMapHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { renderTable } from './table.js';
import { renderThemesCsv, renderThemesMarkdown, renderThemesTable, themesJson } from './themes.js';
import { renderValidationTable } from './validate.js';

export type Renderer<R> = (result: R, context: RenderContext) => string;
type Registry = { [K in ResultKind]: { [F in Format]: F extends (typeof OFFERED)[K][number] ? Renderer<Results[K]> : null } };

/** What the drivers table and Markdown show beside the result: the flags the command was given. */
const driversOptions = (o: Results['drivers'], c: RenderContext) => ({ explain: o.explain, color: c.color, minAnswers: o.minAnswers, minCoverage: o.minCoverage, lang: c.lang, columns: c.columns });

export const RENDERERS: Registry = {
  report: {
    table: (r, c) => renderTable(r, { color: c.color, lang: c.lang, columns: c.columns, detail: c.detail, allKpis: c.allKpis }),
    json: (r) => renderReportJson(r),
    csv: (r) => renderCsv(r),
    md: (r, c) => renderMarkdown(r, c.lang, { allKpis: c.allKpis }),
    html: (r, c) => renderMapHtml(r, { lang: c.lang, allKpis: c.allKpis }),
  },
  map: {
    html: (r, c) => renderMapHtml(r, { lang: c.lang, allKpis: c.allKpis }),
    table: (r, c) => renderTable(r, { color: c.color, lang: c.lang, columns: c.columns, detail: c.detail, allKpis: c.allKpis }),
    json: (r) => renderReportJson(r),
    csv: null,
    md: null,
  },
  friction: {
    table: (r, c) => renderFrictionTable(r, c),
    json: (r) => renderFrictionJson(r),
    csv: (r) => renderFrictionCsv(r),
    md: (r, c) => renderFrictionMarkdown(r, { explain: c.explain, lang: c.lang }),
    html: null,
  },
  compare: {
    table: (r, c) => renderCompareTable(r, c),
    json: (r) => renderCompareJson(r),
    csv: (r) => renderCompareCsv(r),
    md: (r, c) => renderCompareMarkdown(r, { explain: c.explain, lang: c.lang }),
    html: null,
  },
  drivers: {
    table: (o, c) => renderDriversTable(o.result, driversOptions(o, c)),
    json: (o) => renderJson(driversJson(o.result, o.explain)),
    csv: (o) => renderDriversCsv(o.result),
    md: (o, c) => renderDriversMarkdown(o.result, driversOptions(o, c)),
    html: null,
  },
  integrity: {
    table: (o, c) => renderIntegrityTable(o.result, { explain: o.explain, color: c.color, lang: c.lang, columns: c.columns }),
    json: (o) => renderJson(integrityJson(o.result, o.explain)),
    csv: (o) => renderIntegrityCsv(o.result),
    md: (o, c) => renderIntegrityMarkdown(o.result, { explain: o.explain, lang: c.lang }),
    html: null,
  },
  validate: {
    table: (v, c) => renderValidationTable(v, c.lang),
    json: (v) => renderJson(v),
    csv: null,
    md: null,
    html: null,
  },
  kpis: {
    table: (k, c) => renderKpisTable(k, c.columns, c.lang),
    json: (k) => renderJson(k),
    csv: null,
    md: (k, c) => renderKpisMarkdown(k, c.lang),
    html: null,
  },
  funnel: {
    table: (o, c) => renderFunnelTable(o, c.lang, c.columns),
    json: (o) => renderFunnelJson(o),
    csv: (o) => renderFunnelCsv(o),
    md: (o, c) => renderFunnelMarkdown(o, c.lang),
    html: null,
  },
  paths: {
    table: (o, c) => renderPathsTable(o, c.lang, c.columns),
    json: (o) => renderPathsJson(o),
    csv: (o) => renderPathsCsv(o),
    md: (o, c) => renderPathsMarkdown(o, c.lang),
    html: null,
  },
  after: {
    table: (o, c) => renderAfterTable(o, c.lang, c.columns),
    json: (o) => renderAfterJson(o),
    csv: (o) => renderAfterCsv(o),
    md: (o, c) => renderAfterMarkdown(o, c.lang),
    html: null,
  },
  themes: {
    table: (o, c) => renderThemesTable(o, { color: c.color, lang: c.lang, columns: c.columns }),
    json: (o) => renderJson(themesJson(o)),
    csv: (o) => renderThemesCsv(o),
    md: (o, c) => renderThemesMarkdown(o, { lang: c.lang }),
    html: null,
  },
};

export function render<K extends ResultKind>(kind: K, format: Format, result: Results[K], context: RenderContext): string {
  const renderer = RENDERERS[kind][format] as Renderer<Results[K]> | null;
  if (!renderer) throw new Error(`no ${format} renderer for ${kind}`);
  return renderer(result, context);
}
