// `journey kpis`: the KPI catalogue with definitions and the SQL aggregates behind each.
import type { Command } from 'commander';
import { OFFERED, type Format } from '../render/formats.js';
import { columnsOf, parseFormats } from './options.js';
import { emit, type Io } from './output.js';

export function kpisCommand(program: Command, io: Io): void {
  program.command('kpis')
    .description('the KPI catalogue: id, stage, unit, definition and SQL')
    .option('-f, --format <format>', OFFERED.kpis.join(', '), 'table')
    .addHelpText('after', '\nExamples:\n  journey kpis\n  journey kpis --format json')
    .action(async (options: { format: string }) => {
      const [format] = parseFormats(options.format, OFFERED.kpis) as Format[];
      const [{ kpiCatalogue }, { render }] = await Promise.all([import('../core/kpis/catalogue-doc.js'), import('../render/registry.js')]);
      emit(io, [{ path: null, content: render('kpis', format, kpiCatalogue(), { color: false, explain: false, lang: 'en', columns: columnsOf(io.stdout, io.env), csv: 'standard' }) }]);
    });
}
