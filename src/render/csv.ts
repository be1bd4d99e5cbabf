// The report flattened to one CSV row per scope x KPI (`--format csv`), for spreadsheets and
// scripts: RFC 4180 quoting, numbers as numbers, and text cells neutralised against formulas.
import type { Kpi } from '../core/kpis/measure.js';
import type { Report, StageReport } from '../core/report.js';
import type { Reject } from '../core/sources/ingest.js';
import { TREND_CSV_COLUMNS, trendCsvRows } from './trends.js';

const HEADER = ['segment', 'stage', 'touchpoint', 'kpi', 'label', 'value', 'unit', 'n', 'ci_low', 'ci_high', 'flags'] as const;

/** A cell is text (from config or data, so possibly hostile) or a number (ours, never escaped). */
export type Cell = { text: string } | { number: number | null };

/**
 * Spreadsheets run a cell that starts with one of these as a formula (OWASP CSV injection, ASVS
 * 1.2.10); NUL and LF are in the OWASP list too.
 */
const FORMULA_START = /^[=+\-@\t\r\n\u0000]/;

/**
 * RFC 4180: quote a field holding a separator, quote or line break; double inner quotes. `;` and
 * tab count as separators too: a Dutch Excel splits on `;`, so `x;=1+1` unquoted would become a
 * second cell starting a formula.
 */
function quote(field: string, force = false): string {
  return force || /[",;\t\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

export function encodeCell(cell: Cell): string {
  if ('number' in cell) {
    // Full precision as measured; a negative number stays a number (`-3.5`), never a text cell.
    return cell.number === null || !Number.isFinite(cell.number) ? '' : String(cell.number);
  }
  // The leading quote shows the text as typed in Excel and LibreOffice; quoting the field keeps
  // the apostrophe and what follows in one cell whatever the text contains.
  return FORMULA_START.test(cell.text) ? quote(`'${cell.text}`, true) : quote(cell.text);
}

interface Scope {
  segment: string;
  stage: string;
  touchpoint: string;
}

function kpiRow(scope: Scope, kpi: Kpi): Cell[] {
  return [
    { text: scope.segment },
    { text: scope.stage },
    { text: scope.touchpoint },
    { text: kpi.id },
    { text: kpi.label },
    { number: kpi.value },
    { text: kpi.unit },
    { number: kpi.n },
    { number: kpi.ci?.[0] ?? null },
    { number: kpi.ci?.[1] ?? null },
    { text: kpi.flags.join('|') },
  ];
}

/** Journey, then each stage followed by its touchpoints, in report order. Ids, not labels,
 * identify scopes so scripts can join files from runs whose config relabelled a stage. */
function scopeRows(segment: string, journey: Kpi[], stages: StageReport[]): Cell[][] {
  const rows = journey.map((k) => kpiRow({ segment, stage: '', touchpoint: '' }, k));
  for (const stage of stages) {
    rows.push(...stage.kpis.map((k) => kpiRow({ segment, stage: stage.id, touchpoint: '' }, k)));
    for (const tp of stage.touchpoints) {
      rows.push(...tp.kpis.map((k) => kpiRow({ segment, stage: stage.id, touchpoint: tp.id }, k)));
    }
  }
  return rows;
}

export function csvTable(header: readonly string[], rows: Cell[][]): string {
  const lines = [header.join(','), ...rows.map((row) => row.map(encodeCell).join(','))];
  return `${lines.join('\n')}\n`;
}

export function renderCsv(report: Report): string {
  const rows = scopeRows('', report.kpis, report.stages);
  for (const value of report.segment?.values ?? []) rows.push(...scopeRows(value.value, value.kpis, value.stages));
  if (!report.trends) return csvTable(HEADER, rows);
  // With --by: trend columns appended; the whole-period rows leave them empty.
  const blank: Cell[] = TREND_CSV_COLUMNS.map(() => ({ text: '' }));
  return csvTable([...HEADER, ...TREND_CSV_COLUMNS], [...rows.map((r) => [...r, ...blank]), ...trendCsvRows(report.trends)]);
}

/** `journey validate --rejects`: where and why, never the rejected row itself. */
export function renderRejectsCsv(rejects: Reject[]): string {
  return csvTable(['file', 'line', 'column', 'reason'], rejects.map((r) => [
    { text: r.file }, { number: r.line }, { text: r.column ?? '' }, { text: r.reason },
  ]));
}
