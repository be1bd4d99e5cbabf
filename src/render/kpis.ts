// `journey kpis` output: the catalogue as an aligned list or a Markdown table.
import type { KpiCatalogue } from '../core/kpis/catalogue-doc.js';
import type { Lang } from './format.js';
import { wrapWords } from './glance.js';
import { kpiDefinition, kpisLabels } from './labels/kpi-definitions.js';

export function renderKpisTable(catalogue: KpiCatalogue, columns: number | null = null, lang: Lang = 'en'): string {
  const L = kpisLabels(lang);
  const rows = catalogue.kpis;
  const width = Math.max(...rows.map((r) => r.id.length));
  // With a terminal width, the definition wraps at spaces under itself (the id, stage and unit stay).
  const indent = width + 2 + 14 + 6;
  const room = columns ? Math.max(20, columns - indent) : Number.MAX_SAFE_INTEGER;
  return rows.map((r) => {
    const [first, ...rest] = wrapWords(`${kpiDefinition(r, lang)}${r.interval ? ` [${r.interval} ${L.interval}]` : ''}`, room);
    return [`${r.id.padEnd(width)}  ${r.stage.padEnd(13)} ${r.unit.padEnd(5)} ${first}`, ...rest.map((l) => ' '.repeat(indent) + l)].join('\n');
  }).join('\n') + '\n';
}

export function renderKpisMarkdown(catalogue: KpiCatalogue, lang: Lang = 'en'): string {
  const L = kpisLabels(lang);
  return [`| id | ${L.stage} | ${L.unit} | ${L.definition} | ${L.ci} |`, '|---|---|---|---|---|',
    ...catalogue.kpis.map((r) => `| ${r.id} | ${r.stage} | ${r.unit} | ${kpiDefinition(r, lang).replaceAll('|', '\\|')} | ${r.interval ?? '-'} |`)].join('\n') + '\n';
}
