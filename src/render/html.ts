// The journey map as one self-contained HTML file (`journey map`, `report --format html`): stages as
// columns, headline KPIs, touchpoint cards, the config's insights/opportunities/solutions as lanes,
// the experience curve, the friction top 5, loyalty, the config's funnels, and the data and method
// behind every number (identity coverage included).
// No script, no request: a CSP meta forbids everything but inline styles and data: images.
import type { Kpi } from '../core/kpis/measure.js';
import type { Report, StageReport, TouchpointReport } from '../core/report.js';
import { CATALOGUE } from '../core/kpis/catalogue.js';
import { formatCi, formatCount, formatDate, formatFlags, formatNumber, formatValue, unavailableReason, type Lang } from './format.js';
import { h, trusted, type Html } from './html-kit.js';
import { frictionWhy } from './friction-why.js';
import { cardTrend, cardVs } from './map-spark.js';
import { commonLabels, periodLabel } from './labels/common.js';
import { kpiLabel, stageLabel } from './labels/journey.js';
import { mapLabels, type MapLabels } from './labels/map.js';
import { MAP_CSS } from './map-css.js';
import { experienceCurve } from './map-svg.js';
import { frictionByTouchpoint, headlineKpis, journeyTouchpoints, keyKpi, kpiState } from './map-model.js';
import { frictionThemesLine } from './labels/themes.js';
import { wordMessage } from './labels/messages.js';
import { kpiDefinition } from './labels/kpi-definitions.js';
import { funnelPanels, identityPanel } from './report-funnels.js';

export interface HtmlOptions {
  lang: Lang;
  /** --all-kpis: a stage's every KPI in its headline row, not only its own. */
  allKpis?: boolean;
}

/** One KPI value with its evidence: value, n and interval, and a word for any state but ok. */
function kpiValue(kpi: Kpi, lang: Lang, L: MapLabels): Html {
  const state = kpiState(kpi);
  const reason = unavailableReason(kpi);
  const word = state === 'low_n' ? L.lowN : state === 'suppressed' ? L.withheld : state === 'unavailable' ? L.notMeasurable : null;
  const value = kpi.value === null ? (word ?? L.noData) : `${state === 'low_n' ? '~' : ''}${formatValue(kpi, lang)}`;
  const ci = formatCi(kpi, lang);
  return h`<span class="kv ${state}" data-kpi="${kpi.id}" data-state="${state}" data-n="${String(kpi.n)}" data-value="${kpi.value === null ? '' : String(kpi.value)}"${kpi.flags.length ? h` title="${formatFlags(kpi.flags, lang)}"` : null}><span class="v">${value}</span> <span class="n">n = ${formatCount(kpi.n, lang)}</span>${ci ? h` <span class="ci">${ci}</span>` : null}${word && kpi.value !== null ? h` <span class="tag">${word}</span>` : null}${reason ? h` <span class="why">${reason}</span>` : null}</span>`;
}

function headline(stage: StageReport, lang: Lang, L: MapLabels, all: boolean): Html {
  const kpis = all ? stage.kpis : headlineKpis(stage);
  if (kpis.length === 0) return h`<p class="empty">${L.noHeadline}</p>`;
  return h`<ul class="headline">${kpis.map((k) => h`<li><span class="kl">${kpiLabel(k, lang)}</span> ${kpiValue(k, lang, L)}</li>`)}</ul>`;
}

function card(stage: StageReport, tp: TouchpointReport, report: Report, lang: Lang, L: MapLabels): Html {
  const friction = frictionByTouchpoint(report).get(tp.id);
  const key = keyKpi(stage, tp);
  const mot = tp.moment_of_truth ? h`<span class="mot" title="${L.momentOfTruth}">★ <span class="mot-word">${L.momentOfTruth}</span></span>` : null;
  const rank = friction
    ? h`<p class="friction" data-rank="${String(friction.rank)}" data-score="${String(friction.score)}"><span class="rank">#${friction.rank}</span> ${L.frictionRank}, ${L.frictionScore} ${formatNumber(friction.score, 1, true, lang)}${friction.score === 0 ? h` <span class="muted">(${L.frictionNone})</span>` : null}</p>`
    : h`<p class="friction muted">${L.notRanked}</p>`;
  const rest = tp.kpis.filter((k) => k !== key);
  return h`<article class="card${tp.moment_of_truth ? ' is-mot' : ''}" data-touchpoint="${tp.id}" data-stage="${stage.id}">
<h3>${tp.label} ${mot}</h3>
${key ? h`<p class="key"><span class="kl">${kpiLabel(key, lang)}</span> ${kpiValue(key, lang, L)}</p>` : h`<p class="empty">${L.noData}</p>`}
${key ? cardTrend(report, stage.id, tp.id, key, lang, L) : null}${key ? cardVs(key, lang, L) : null}
${rank}
${rest.length ? h`<details><summary>${L.allKpis} (${String(tp.kpis.length)})</summary><ul class="all">${rest.map((k) => h`<li><span class="kl">${kpiLabel(k, lang)}</span> ${kpiValue(k, lang, L)}</li>`)}</ul></details>` : null}
</article>`;
}

/** One lane row (insights, opportunities or solutions): each stage's touchpoints' notes. */
function lane(title: string, pick: (tp: TouchpointReport) => string[], stages: StageReport[], L: MapLabels, cls: string): Html {
  return h`<tr class="lane ${cls}"><th scope="row">${title}</th>${stages.map((s) => {
    const notes = s.touchpoints.flatMap((tp) => pick(tp).map((note) => ({ tp, note })));
    return h`<td>${notes.length ? h`<ul>${notes.map((x) => h`<li><span class="src">${x.tp.label}:</span> ${x.note}</li>`)}</ul>` : h`<span class="muted">${L.noNotes}</span>`}</td>`;
  })}</tr>`;
}

function mapTable(report: Report, lang: Lang, L: MapLabels, all: boolean): Html {
  const stages = report.stages;
  if (stages.length === 0) return h`<p>${L.noStages}</p>`;
  return h`<table class="map" style="--stages:${String(stages.length)}">
<thead><tr><th scope="col" class="lane-head">${L.lanes}</th>${stages.map((s, i) => h`<th scope="col" data-stage="${s.id}"><span class="step">${String(i + 1)}</span> ${stageLabel(s, lang)}</th>`)}</tr></thead>
<tbody>
<tr class="lane headline-row"><th scope="row">${L.headline}</th>${stages.map((s) => h`<td data-stage-headline="${s.id}">${headline(s, lang, L, all)}</td>`)}</tr>
<tr class="lane cards-row"><th scope="row">${L.touchpoints}</th>${stages.map((s) => h`<td>${s.touchpoints.length ? s.touchpoints.map((tp) => card(s, tp, report, lang, L)) : h`<p class="empty">${L.noData}</p>`}</td>`)}</tr>
${lane(L.insights, (tp) => tp.insights, stages, L, 'insights')}
${lane(L.opportunities, (tp) => tp.opportunities, stages, L, 'opportunities')}
${lane(L.solutions, (tp) => tp.solutions, stages, L, 'solutions')}
</tbody></table>`;
}

/**
 * With personas: one map per persona beside the all-customers map, switched by radio inputs and
 * CSS alone (no script: the CSP forbids it); print shows every view. Ids are config ids
 * ([a-z][a-z0-9_]*), so the generated selectors cannot carry markup.
 */
function personaViews(report: Report, lang: Lang, L: MapLabels, all: boolean): { inputs: Html; nav: Html; views: Html; css: Html } {
  const personas = report.personas ?? [];
  const ids = ['all', ...personas.map((p) => `p_${p.id}`)];
  const inputs = h`${ids.map((id, i) => h`<input type="radio" name="persona" class="pv" id="view-${id}"${i === 0 ? trusted(' checked') : null}>`)}`;
  const nav = h`<nav class="persona-switch" aria-label="${L.personas}"><span class="muted">${L.personas}:</span> <label for="view-all">${L.allCustomers}</label>${personas.map((p) => h` <label for="view-p_${p.id}" data-persona="${p.id}">${p.label}</label>`)}</nav>`;
  const views = h`<div class="view" data-view="all"><h2 class="view-title">${L.allCustomers}</h2>${mapTable(report, lang, L, all)}</div>
${personas.map((p) => h`<div class="view" data-view="p_${p.id}" data-persona="${p.id}"><h2 class="view-title">${p.label}</h2>
<div class="persona">${p.description ? h`<p>${p.description}</p>` : null}${p.goals.length ? h`<p><strong>${L.goals}:</strong></p><ul>${p.goals.map((g) => h`<li>${g}</li>`)}</ul>` : null}<p class="note">${L.personaNote}</p></div>
${mapTable({ ...report, kpis: p.kpis, stages: p.stages, friction: p.friction }, lang, L, all)}</div>`)}`;
  const css = trusted([
    '.pv{position:absolute;opacity:0;pointer-events:none}.view{display:none}',
    '.persona-switch{margin:0 0 12px}.persona-switch label{display:inline-block;margin:0 4px 4px 0;padding:3px 10px;border:1px solid var(--line);border-radius:12px;cursor:pointer}',
    '.persona{margin:0 0 10px;padding:8px 12px;border-left:3px solid var(--blue)}.persona p{margin:0 0 4px}.view-title{margin-top:8px}',
    ...ids.map((id) => `#view-${id}:checked~main .view[data-view="${id}"]{display:block}#view-${id}:checked~nav label[for="view-${id}"]{border-color:var(--blue);font-weight:600;text-decoration:underline}`),
    '@media print{.view{display:block!important;break-before:page}.persona-switch{display:none}}',
  ].join('\n'));
  return { inputs, nav, views, css };
}

function curves(report: Report, lang: Lang, L: MapLabels): Html {
  const all = journeyTouchpoints(report);
  const figures = (['csat', 'ces'] as const).flatMap((measure) => {
    const points = all.map(({ stage, tp }) => ({ stage, tp, kpi: tp.kpis.find((k) => k.id === measure) ?? null }));
    return points.some((p) => p.kpi?.value != null) ? [experienceCurve(measure, points, lang, `curve-${measure}`)] : [];
  });
  return h`<section id="curve" class="page"><h2>${L.curve}</h2><p class="note">${L.curveNote}</p>${figures.length ? figures : h`<p>${L.curveNone}</p>`}</section>`;
}

function frictionTop(report: Report, lang: Lang, L: MapLabels): Html {
  const top = report.friction.slice(0, 5);
  return h`<section id="friction"><h2>${L.frictionTop}</h2><p class="note">${L.frictionNote}</p>
<ol class="friction-list">${top.map((e) => h`<li data-friction="${e.touchpoint}"><span class="rank">#${String(e.rank)}</span> <strong>${e.label}</strong>${e.moment_of_truth ? h` <span class="mot">★ <span class="mot-word">${L.momentOfTruth}</span></span>` : null} — ${L.frictionScore} ${formatNumber(e.score, 1, true, lang)}, n = ${formatCount(e.n, lang)}<br><span class="why">${frictionWhy(e, lang)}</span>${frictionThemesLine(e.themes ?? [], lang) ? h`<br><span class="why themes">${frictionThemesLine(e.themes ?? [], lang)}</span>` : null}</li>`)}</ol></section>`;
}

function loyaltyPanel(report: Report, lang: Lang, L: MapLabels): Html | null {
  const loyalty = report.loyalty;
  if (!loyalty) return null;
  const groupName: Record<string, string> = { promoter: L.groupPromoter, passive: L.groupPassive, detractor: L.groupDetractor, all: L.groupAll };
  const ids = ['repeat_purchase_rate', 'churn_rate'];
  const labelOf = (id: string) => {
    for (const g of loyalty.groups) for (const k of g.kpis) if (k.id === id) return kpiLabel(k, lang);
    return id;
  };
  return h`<section id="loyalty"><h2>${L.loyalty}</h2><p class="note">${L.loyaltyNote}</p>
<table class="data"><thead><tr><th scope="col">${L.group}</th><th scope="col">${L.respondents}</th>${ids.map((id) => h`<th scope="col">${labelOf(id)}</th>`)}</tr></thead>
<tbody>${loyalty.groups.map((g) => h`<tr data-group="${g.id}"><th scope="row">${groupName[g.id] ?? g.id}</th><td class="num">${formatCount(g.respondents, lang)}</td>${ids.map((id) => {
    const k = g.kpis.find((x) => x.id === id);
    return h`<td>${k ? kpiValue(k, lang, L) : '—'}</td>`;
  })}</tr>`)}</tbody></table></section>`;
}

function method(report: Report, lang: Lang, L: MapLabels): Html {
  const shown = new Set<string>();
  const collect = (kpis: Kpi[]) => kpis.forEach((k) => shown.add(k.id));
  collect(report.kpis);
  for (const s of report.stages) {
    collect(s.kpis);
    for (const tp of s.touchpoints) collect(tp.kpis);
  }
  const defs = CATALOGUE.filter((k) => shown.has(k.id));
  const pct = (a: number, b: number) => (b === 0 ? '—' : `${formatNumber((100 * a) / b, 1, false, lang)}%`);
  return h`<section id="method" class="page"><h2>${L.method}</h2>
<h3>${L.sources}</h3>
<table class="data"><thead><tr><th scope="col">${L.path}</th><th scope="col">${L.kind}</th><th scope="col">${L.loaded}</th><th scope="col">${L.rejected}</th></tr></thead>
<tbody>${report.sources.map((s) => h`<tr><td>${s.path}</td><td>${s.kind}${s.preset ? ` (${s.preset})` : ''}</td><td class="num">${formatCount(s.rows, lang)}</td><td class="num">${formatCount(s.rejected, lang)}</td></tr>`)}</tbody></table>
<h3>${L.coverage}</h3>
<table class="data"><thead><tr><th scope="col">${L.kind}</th><th scope="col">${L.loaded}</th><th scope="col">${L.mapped}</th><th scope="col">${L.share}</th></tr></thead>
<tbody>${report.coverage.map((c) => h`<tr><td>${c.kind}</td><td class="num">${formatCount(c.rows, lang)}</td><td class="num">${formatCount(c.mapped, lang)}</td><td class="num">${pct(c.mapped, c.rows)}</td></tr>`)}</tbody></table>
${identityPanel(report.identity, lang)}
<h3>${L.definitions}</h3>
<table class="data"><thead><tr><th scope="col">id</th><th scope="col">KPI</th><th scope="col">${L.definition}</th><th scope="col">${L.interval}</th></tr></thead>
<tbody>${defs.map((d) => h`<tr><td><code>${d.id}</code></td><td>${kpiLabel(d, lang)}</td><td>${kpiDefinition(d, lang)}</td><td>${d.interval ?? '—'}</td></tr>`)}</tbody></table>
<p>${L.reproduce}</p>
${report.warnings.length ? h`<h3>${L.warnings}</h3><ul class="warnings">${report.warnings.map((w) => h`<li>${wordMessage(w, lang)}</li>`)}</ul>` : null}
</section>`;
}

function legend(L: MapLabels, lang: Lang): Html {
  // The example value in the reader's number format (nl: 61,8% [57,5; 65,9]).
  const example = formatCi({ ci: [57.5, 65.9], unit: '%' }, lang);
  return h`<section id="legend" aria-label="${L.legend}"><h2 class="small">${L.legend}</h2><ul class="legend">
<li><span class="kv ok"><span class="v">${formatNumber(61.8, 1, false, lang)}%</span> <span class="n">n = 520</span> <span class="ci">${example}</span></span> ${L.legendValue}</li>
<li><span class="kv low_n"><span class="v">~</span> <span class="tag">${L.lowN}</span></span> ${L.lowNLong}</li>
<li><span class="kv suppressed"><span class="v">${L.withheld}</span></span> ${L.withheldLong}</li>
<li><span class="kv unavailable"><span class="v">${L.notMeasurable}</span></span> ${L.notMeasurableLong}</li>
<li><span class="mot">★</span> ${L.legendStar}</li>
<li><span class="rank">#1</span> ${L.legendRank}</li></ul></section>`;
}

export function renderMapHtml(report: Report, options: HtmlOptions): string {
  const { lang } = options;
  const L = mapLabels(lang);
  const generated = `${formatDate(report.generated_at.slice(0, 10), lang)} ${report.generated_at.slice(11, 16)} UTC`;
  const rows = report.sources.reduce((sum, s) => sum + s.rows, 0);
  const meta = [`${periodLabel(report.period, lang)}`, `${formatCount(rows, lang)} ${commonLabels(lang).rows}`, generated];
  const all = Boolean(options.allKpis);
  const personas = report.personas?.length ? personaViews(report, lang, L, all) : null;
  const doc = h`<!doctype html>
<html lang="${L.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="journey">
<title>${L.page} — ${periodLabel(report.period, lang)}</title>
<style>${trusted(MAP_CSS)}${personas ? personas.css : null}</style>
</head>
<body>
${personas ? personas.inputs : null}
<header><h1>${L.title}</h1><p class="meta">${meta.join(' · ')}${report.config ? h` · ${L.config}: <code>${report.config}</code>` : null}</p></header>
${personas ? personas.nav : null}
${legend(L, lang)}
<main>
<section id="map">${personas ? personas.views : mapTable(report, lang, L, all)}</section>
${curves(report, lang, L)}
${frictionTop(report, lang, L)}
${loyaltyPanel(report, lang, L)}
${funnelPanels(report.funnels, lang)}
${method(report, lang, L)}
</main>
<footer><p>${L.page} · ${periodLabel(report.period, lang)} · ${generated}</p></footer>
</body>
</html>
`;
  return doc.text;
}
