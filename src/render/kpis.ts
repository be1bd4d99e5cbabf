// `journey kpis` output: the catalogue as an aligned list or a Markdown table.
import type { KpiCatalogue } from '../core/kpis/catalogue-doc.js';
import { wrapWords } from './glance.js';

export function renderKpisTable(catalogue: KpiCatalogue, columns: number | null = null): string {
  const rows = catalogue.kpis;
  const width = Math.max(...rows.map((r) => r.id.length));
  // With a terminal width, the definition wraps at spaces under itself (the id, stage and unit stay).
  const indent = width + 2 + 14 + 6;
  const room = columns ? Math.max(20, columns - indent) : Number.MAX_SAFE_INTEGER;
  return rows.map((r) => {
    const [first, ...rest] = wrapWords(`${r.definition}${r.interval ? ` [${r.interval} interval]` : ''}`, room);
    return [`${r.id.padEnd(width)}  ${r.stage.padEnd(13)} ${r.unit.padEnd(5)} ${first}`, ...rest.map((l) => ' '.repeat(indent) + l)].join('\n');
  }).join('\n') + '\n';
}

export function renderKpisMarkdown(catalogue: KpiCatalogue): string {
  return ['| id | stage | unit | definition | 95% interval |', '|---|---|---|---|---|',
    ...catalogue.kpis.map((r) => `| ${r.id} | ${r.stage} | ${r.unit} | ${r.definition.replaceAll('|', '\\|')} | ${r.interval ?? '-'} |`)].join('\n') + '\n';
}
