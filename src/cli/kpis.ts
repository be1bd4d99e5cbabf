// `journey kpis`: the KPI catalogue with definitions and the SQL aggregates behind each.
import type { Command } from 'commander';
import { CATALOGUE } from '../core/kpis/catalogue.js';
import { parseFormats } from './options.js';
import { emit, type Io } from './output.js';

export function kpisCommand(program: Command, io: Io): void {
  program.command('kpis')
    .description('the KPI catalogue: id, stage, unit, definition and SQL')
    .option('-f, --format <format>', 'table, json or md', 'table')
    .addHelpText('after', '\nExamples:\n  journey kpis\n  journey kpis --format json')
    .action(async (options: { format: string }) => {
      const { renderJson } = await import('../render/json.js');
      const [format] = parseFormats(options.format, ['table', 'json', 'md']);
      const rows = CATALOGUE.map((k) => ({
        id: k.id, label: k.label, stage: k.stage, unit: k.unit, definition: k.definition,
        interval: k.interval, sql: { stats: k.stats, value: k.value },
      }));
      let content: string;
      if (format === 'json') content = renderJson({ schema: 'journey-kpis/1', kpis: rows });
      else if (format === 'md') {
        content = ['| id | stage | unit | definition | 95% interval |', '|---|---|---|---|---|',
          ...rows.map((r) => `| ${r.id} | ${r.stage} | ${r.unit} | ${r.definition.replaceAll('|', '\\|')} | ${r.interval ?? '-'} |`)].join('\n') + '\n';
      } else {
        const width = Math.max(...rows.map((r) => r.id.length));
        content = rows.map((r) =>
          `${r.id.padEnd(width)}  ${r.stage.padEnd(13)} ${r.unit.padEnd(5)} ${r.definition}${r.interval ? ` [${r.interval} interval]` : ''}`).join('\n') + '\n';
      }
      emit(io, [{ path: null, content }]);
    });
}
