// Trends as sparklines (`report --by`): one line per KPI with a bar per period (▁▂▃▄▅▆▇█, scaled
// from the row's lowest to its highest value), the last value, and each significant change with its
// period. The terminal's summary of the trends; the per-period tables follow with --detail.
import type { TrendRow } from '../core/analysis/trends.js';
import type { Report } from '../core/report.js';
import { formatValue } from './format.js';
import { commonLabels } from './labels/common.js';
import { kpiLabel, stageLabel } from './labels/journey.js';
import { trendLabels } from './labels/trends.js';
import { clip, wrapWords } from './glance.js';
import type { TableKit } from './loyalty.js';
import { ownKpis } from './map-model.js';

const BARS = '▁▂▃▄▅▆▇█';
const LABEL_WIDTH = 26;

/** One character per value: its height between the lowest and highest; `·` where there is none. */
export function sparkline(values: (number | null)[]): string {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length === 0) return values.map(() => '·').join('');
  const lo = Math.min(...present);
  const hi = Math.max(...present);
  return values.map((v) => {
    if (v === null || !Number.isFinite(v)) return '·';
    // A flat row sits in the middle rather than pretending to be at its lowest.
    const level = hi === lo ? 3 : Math.round(((v - lo) / (hi - lo)) * (BARS.length - 1));
    return BARS[level]!;
  }).join('');
}

/** The rows shown: the whole journey's, and each stage's own KPIs (every KPI with --all-kpis). */
function rowsShown(report: Report, all: boolean): { title: string | null; rows: TrendRow[] }[] {
  const rows = report.trends!.rows.filter((r) => r.touchpoint === null);
  const journey = { title: null, rows: rows.filter((r) => r.stage === null) };
  return [journey, ...report.stages.map((stage) => {
    const mine = rows.filter((r) => r.stage === stage.id);
    if (all) return { title: stage.id, rows: mine };
    const own = new Set(ownKpis(stage, stage.kpis, false).map((k) => k.id));
    return { title: stage.id, rows: mine.filter((r) => own.has(r.kpi)) };
  })].filter((g) => g.rows.length > 0);
}

export function trendSparklines(report: Report, kit: TableKit, all: boolean): string[] {
  const trends = report.trends!;
  const { chalk, lang } = kit;
  const T = trendLabels(lang);
  const C = commonLabels(lang);
  const out = [chalk.bold.underline(`${T.trends} ${T.trendsBy[trends.by]}: ${T.sparkTitle}`), ...wrapWords(T.sparkNote, kit.width).map((l) => chalk.dim(l)), ''];
  for (const group of rowsShown(report, all)) {
    const stage = group.title === null ? null : report.stages.find((s) => s.id === group.title)!;
    out.push(chalk.bold(stage ? `${C.stage}: ${kit.clean(stageLabel(stage, lang))}` : C.journey));
    for (const row of group.rows) {
      const spark = sparkline(row.values.map((k) => k?.value ?? null));
      const last = [...row.values].reverse().find((k) => k?.value != null);
      const head = `  ${clip(kit.clean(kpiLabel({ id: row.kpi, label: row.label }, lang)), LABEL_WIDTH).padEnd(LABEL_WIDTH)} ${spark} ${last ? formatValue(last, lang) : C.noValue}`;
      const marks = row.changes.flatMap((c, i) => (c?.significant ? [`${c.delta > 0 ? T.trendUp : T.trendDown} ${trends.periods[i]!.id}`] : []));
      // Marks go on the line as long as they fit; the rest are counted.
      let line = head;
      let shown = 0;
      for (const mark of marks) {
        if ([...`${line}  ${mark}`].length > kit.width - 8) break;
        line += `${shown === 0 ? '  ' : ' '}${mark}`;
        shown++;
      }
      if (shown < marks.length) line += ` +${marks.length - shown} ${T.sparkMore}`;
      out.push(line);
    }
    out.push('');
  }
  return out;
}
