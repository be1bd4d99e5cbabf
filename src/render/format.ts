// Number formatting shared by the human-facing renderers (table, markdown), so a KPI reads the
// same everywhere. Formatting is done by hand, not with Intl, so output never depends on locale.
import type { Kpi } from '../core/kpis/measure.js';
import { COMMON_LABELS as C, flagLabel } from './labels/common.js';

/** Decimals per unit; units outside the contract fall back to two decimals. */
const DECIMALS: Record<string, number> = {
  '%': 1,
  nps: 1,
  score: 2,
  hours: 1,
  count: 0,
  money: 2,
  ratio: 2,
};

const decimalsFor = (unit: string) => DECIMALS[unit] ?? 2;

/** Only these units are big enough to need thousands separators. */
const grouped = (unit: string) => unit === 'count' || unit === 'money';

/** Fixed decimals with optional ',' grouping; never "-0.0" (a rounded zero has no sign). */
function formatNumber(x: number, decimals: number, group = false): string {
  if (!Number.isFinite(x)) return String(x);
  let text = x.toFixed(decimals);
  if (Number(text) === 0) text = (0).toFixed(decimals);
  if (!group) return text;
  const negative = text.startsWith('-');
  const [int, frac] = (negative ? text.slice(1) : text).split('.');
  const withCommas = int!.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${negative ? '-' : ''}${withCommas}${frac === undefined ? '' : `.${frac}`}`;
}

/** A bare number in the KPI's unit precision (no unit suffix): for CIs and compact cells. */
export function plainValue(x: number, unit: string): string {
  return formatNumber(x, decimalsFor(unit), grouped(unit));
}

/** The KPI's value as a person reads it: `62.4%`, `+17.5`, `4.12`, `3.5 h`, `12,345`, `1,234.50`. */
export function formatValue(kpi: Pick<Kpi, 'value' | 'unit' | 'flags' | 'unavailable'>): string {
  const { value, unit } = kpi;
  if (kpi.unavailable) return C.notMeasurable;
  if (value === null) return kpi.flags.includes('suppressed') || kpi.flags.includes('suppressed_secondary') ? C.suppressedValue : C.noValue;
  const text = plainValue(value, unit);
  switch (unit) {
    case '%':
      return `${text}%`;
    case 'nps':
      // NPS is read as a balance, so a positive score carries its sign.
      return Number(text) > 0 ? `+${text}` : text;
    case 'hours':
      return `${text} h`;
    default:
      return text;
  }
}

/** The 95% interval as `[58.1, 66.5]` in the unit's precision, or '' when there is none. */
export function formatCi(kpi: Pick<Kpi, 'ci' | 'unit'>): string {
  if (!kpi.ci) return '';
  const [lo, hi] = kpi.ci;
  return `[${plainValue(lo, kpi.unit)}, ${plainValue(hi, kpi.unit)}]`;
}

/** n as a grouped integer: denominators run into the millions. */
export function formatCount(n: number): string {
  return formatNumber(n, 0, true);
}

/** Reliability flags spelled out, comma-separated; `not measurable` carries its reason when given. */
export function formatFlags(flags: readonly string[], unavailable?: string): string {
  return flags.map((f) => (f === 'not_measurable' && unavailable ? `${flagLabel(f)}: ${unavailable}` : flagLabel(f))).join(', ');
}

/**
 * How a p-value is written, by where it is read:
 * - `table`: `0.042`, `<0.001` (compare's tables: three decimals, tiny values collapsed)
 * - `review`: `0.042`, `3.1e-5`, `0` (integrity: how far below 0.001 matters for a review)
 * - `prose`: `p = 0.042`, `p < 0.001` (loyalty's sentences: two significant digits)
 * - `exact`: `4.213e-2` (compare --explain: the number as computed)
 */
export type PStyle = 'table' | 'review' | 'prose' | 'exact';

/** The one p-value formatter; `none` is what a missing p reads as (no test ran). */
export function formatP(p: number | null, style: PStyle, none: string = C.noValue): string {
  if (p === null) return none;
  switch (style) {
    case 'table':
      return p < 0.001 ? '<0.001' : p.toFixed(3);
    case 'review':
      return p >= 0.001 ? p.toFixed(3) : p === 0 ? '0' : p.toExponential(1);
    case 'prose':
      return p < 0.001 ? 'p < 0.001' : `p = ${p.toPrecision(2)}`;
    case 'exact':
      return p.toExponential(3);
  }
}
