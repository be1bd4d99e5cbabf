// `journey kpis`: the KPI catalogue with definitions and the SQL aggregates behind each.
import { Option, type Command } from 'commander';
import { OFFERED, type Format } from '../render/formats.js';
import { columnsOf, parseFormats } from './options.js';
import { emit, type Io } from './output.js';

export function kpisCommand(program: Command, io: Io): void {
  program.command('kpis')
    .description('the KPI catalogue: id, stage, unit, definition and SQL')
    .option('-f, --format <format>', OFFERED.kpis.join(', '), 'table')
    .addOption(new Option('--lang <lang>', 'language of the table and Markdown (definitions, units); JSON stays neutral').choices(['en', 'nl']).default('en'))
    .addHelpText('after', '\nExamples:\n  journey kpis\n  journey kpis --lang nl\n  journey kpis --format json')
    .action(async (options: { format: string; lang: 'en' | 'nl' }) => {
      const [format] = parseFormats(options.format, OFFERED.kpis) as Format[];
      const [{ kpiCatalogue }, { render }] = await Promise.all([import('../core/kpis/catalogue-doc.js'), import('../render/registry.js')]);
      emit(io, [{ path: null, content: render('kpis', format, kpiCatalogue(), { color: false, explain: false, lang: options.lang, columns: columnsOf(io.stdout, io.env), csv: 'standard' }) }]);
    });
}
