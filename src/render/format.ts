// Number formatting shared by the human-facing renderers (table, markdown, html), so a KPI reads the
// same everywhere. Formatting is done by hand, not with Intl, so output never depends on the
// machine's locale: only on the language asked for (`--lang`), en `1,264,890.65`, nl `1.264.890,65`.
import type { Kpi } from '../core/kpis/measure.js';
import { COMMON_LABELS as C, commonLabels, flagLabel } from './labels/common.js';

/** A language of the human formats; JSON and CSV stay language-neutral. */
export const LANGS = ['en', 'nl'] as const;
export type Lang = (typeof LANGS)[number];

/** Decimal mark and thousands separator per language. */
const MARKS: Record<Lang, { decimal: string; group: string }> = {
  en: { decimal: '.', group: ',' },
  nl: { decimal: ',', group: '.' },
};

/** Hours as a unit, per language. */
const HOURS: Record<Lang, string> = { en: 'h', nl: 'u' };

export const hoursUnit = (lang: Lang) => HOURS[lang];

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

/** Fixed decimals with optional grouping; never "-0.0" (a rounded zero has no sign). */
export function formatNumber(x: number, decimals: number, group = false, lang: Lang = 'en'): string {
  if (!Number.isFinite(x)) return String(x);
  let text = x.toFixed(decimals);
  if (Number(text) === 0) text = (0).toFixed(decimals);
  const marks = MARKS[lang];
  const negative = text.startsWith('-');
  const [int, frac] = (negative ? text.slice(1) : text).split('.');
  const grouped = group ? int!.replace(/\B(?=(\d{3})+$)/g, marks.group) : int!;
  return `${negative ? '-' : ''}${grouped}${frac === undefined ? '' : `${marks.decimal}${frac}`}`;
}

/** A bare number in the KPI's unit precision (no unit suffix): for CIs and compact cells. */
export function plainValue(x: number, unit: string, lang: Lang = 'en'): string {
  return formatNumber(x, decimalsFor(unit), grouped(unit), lang);
}

/** A calendar day (YYYY-MM-DD) as the language writes it: en as is, nl `31-12-2025`. */
export function formatDate(day: string, lang: Lang = 'en'): string {
  if (lang === 'en') return day;
  const m = /^(\d{4})-(\d{2})-(\d{2})(.*)$/.exec(day);
  return m ? `${m[3]}-${m[2]}-${m[1]}${m[4]}` : day;
}

/** Why a KPI has no number (DESIGN §5): core sets `unavailable` when the data cannot support it. */
export function unavailableReason(kpi: object): string | null {
  const reason = (kpi as { unavailable?: unknown }).unavailable;
  return typeof reason === 'string' && reason !== '' ? reason : null;
}

/** The KPI's value as a person reads it: `62.4%`, `+17.5`, `4.12`, `3.5 h`, `12,345`, `1,234.50`. */
export function formatValue(kpi: Pick<Kpi, 'value' | 'unit' | 'flags'>, lang: Lang = 'en'): string {
  const { value, unit } = kpi;
  if (value === null) {
    if (kpi.flags.includes('suppressed') || kpi.flags.includes('suppressed_secondary')) return commonLabels(lang).suppressedValue;
    return unavailableReason(kpi) ? commonLabels(lang).notMeasurable : C.noValue;
  }
  const text = plainValue(value, unit, lang);
  switch (unit) {
    case '%':
      return `${text}%`;
    case 'nps':
      // NPS is read as a balance, so a positive score carries its sign.
      return value > 0 && /[1-9]/.test(text) ? `+${text}` : text;
    case 'hours':
      return `${text} ${HOURS[lang]}`;
    default:
      return text;
  }
}

/** An interval's two ends, already formatted: `[58.1, 66.5]`; Dutch writes decimal commas, so `[58,1; 66,5]`. */
export function formatInterval(lo: string, hi: string, lang: Lang = 'en'): string {
  return `[${lo}${lang === 'nl' ? ';' : ','} ${hi}]`;
}

/** The 95% interval as `[58.1, 66.5]` in the unit's precision, or '' when there is none. */
export function formatCi(kpi: Pick<Kpi, 'ci' | 'unit'>, lang: Lang = 'en'): string {
  if (!kpi.ci) return '';
  return formatInterval(plainValue(kpi.ci[0], kpi.unit, lang), plainValue(kpi.ci[1], kpi.unit, lang), lang);
}

/** n as a grouped integer: denominators run into the millions. */
export function formatCount(n: number, lang: Lang = 'en'): string {
  return formatNumber(n, 0, true, lang);
}

/** Reliability flags spelled out, comma-separated; `not measurable` carries its reason when given. */
export function formatFlags(flags: readonly string[], lang: Lang = 'en', unavailable?: string): string {
  return flags.map((f) => (f === 'not_measurable' && unavailable ? `${flagLabel(f, lang)}: ${unavailable}` : flagLabel(f, lang))).join(', ');
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
