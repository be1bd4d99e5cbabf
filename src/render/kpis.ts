// `journey kpis` output: the catalogue as an aligned list or a Markdown table.
import type { KpiCatalogue } from '../core/kpis/catalogue-doc.js';

export function renderKpisTable(catalogue: KpiCatalogue): string {
  const rows = catalogue.kpis;
  const width = Math.max(...rows.map((r) => r.id.length));
  return rows.map((r) =>
    `${r.id.padEnd(width)}  ${r.stage.padEnd(13)} ${r.unit.padEnd(5)} ${r.definition}${r.interval ? ` [${r.interval} interval]` : ''}`).join('\n') + '\n';
}

export function renderKpisMarkdown(catalogue: KpiCatalogue): string {
  return ['| id | stage | unit | definition | 95% interval |', '|---|---|---|---|---|',
    ...catalogue.kpis.map((r) => `| ${r.id} | ${r.stage} | ${r.unit} | ${r.definition.replaceAll('|', '\\|')} | ${r.interval ?? '-'} |`)].join('\n') + '\n';
}
