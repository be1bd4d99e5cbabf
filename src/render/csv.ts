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

/** With targets or --vs, these columns follow the KPI's own (empty where a KPI has none). */
const PERIOD_COLUMNS = ['period_since', 'period_until'] as const;
const TARGET_COLUMNS = ['target_min', 'target_max', 'target_status'] as const;
const VS_COLUMNS = ['vs_since', 'vs_until', 'vs_value', 'vs_n', 'vs_delta', 'vs_delta_ci_low', 'vs_delta_ci_high', 'vs_p_adjusted', 'vs_significant', 'vs_worse'] as const;

function extraCells(kpi: Kpi | undefined, report: Report, target: boolean, vs: boolean): Cell[] {
  const cells: Cell[] = [];
  if (target) {
    const t = kpi?.target;
    cells.push({ number: t?.min ?? null }, { number: t?.max ?? null }, { text: t?.status ?? '' });
  }
  if (vs) {
    const v = kpi?.vs;
    if (!v) cells.push(...VS_COLUMNS.map(() => ({ text: '' })));
    else {
      cells.push({ text: report.vs?.period.since ?? '' }, { text: report.vs?.period.until ?? '' }, { number: v.value }, { number: v.n },
        { number: v.delta }, { number: v.delta_ci?.[0] ?? null }, { number: v.delta_ci?.[1] ?? null }, { number: v.p_adjusted },
        { text: String(v.significant) }, { text: String(v.worse) });
    }
  }
  return cells;
}

export function renderCsv(report: Report): string {
  const rows = scopeRows('', report.kpis, report.stages);
  const whole = [...report.kpis, ...report.stages.flatMap((s) => [...s.kpis, ...s.touchpoints.flatMap((t) => t.kpis)])];
  const target = whole.some((k) => k.target);
  const vs = whole.some((k) => k.vs);
  // With --period or --since/--until, every row carries the resolved dates (the file may be read far from its folder name).
  const dated = report.period.since !== null || report.period.until !== null;
  const periodCells: Cell[] = dated ? [{ text: report.period.since ?? '' }, { text: report.period.until ?? '' }] : [];
  // The whole-report rows come first, in the same order as `whole`.
  whole.forEach((kpi, i) => rows[i]!.push(...periodCells, ...extraCells(kpi, report, target, vs)));
  const header = [...HEADER, ...(dated ? PERIOD_COLUMNS : []), ...(target ? TARGET_COLUMNS : []), ...(vs ? VS_COLUMNS : [])];
  const blankExtra = () => [...periodCells, ...extraCells(undefined, report, target, vs)];
  for (const value of report.segment?.values ?? []) rows.push(...scopeRows(value.value, value.kpis, value.stages).map((r) => [...r, ...blankExtra()]));
  if (!report.trends) return csvTable(header, rows);
  // With --by: trend columns appended; the whole-period rows leave them empty.
  const blank: Cell[] = TREND_CSV_COLUMNS.map(() => ({ text: '' }));
  return csvTable([...header, ...TREND_CSV_COLUMNS], [...rows.map((r) => [...r, ...blank]),
    ...trendCsvRows(report.trends).map((r) => [...r.slice(0, HEADER.length), ...blankExtra(), ...r.slice(HEADER.length)])]);
}

/** `journey validate --rejects`: where and why, never the rejected row itself. */
export function renderRejectsCsv(rejects: Reject[]): string {
  return csvTable(['file', 'line', 'column', 'reason'], rejects.map((r) => [
    // A derived source's reject names its record by key (its line is the row in the query's output).
    { text: r.file }, { number: r.line }, { text: r.column ?? '' }, { text: r.key ? `${r.reason} [${r.key}]` : r.reason },
  ]));
}
