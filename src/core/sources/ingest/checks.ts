// The row checks of the load statement: for every canonical column, when a row is quarantined and
// the reason it gets (required value empty, a value that is not a date or number in the column's
// decided format, a value outside the allowed set), plus summary rows and repeated header lines.
// Pure: SQL text in, SQL text out. A quarantined row's `_reject` is `<column><separator><reason>`.
import { oneOf, quoteIdent, quoteLiteral } from '../../db.js';
import type { DetectedFile } from '../detect.js';
import { FAMILY_LABEL, isNumberType, isTimeType, MIN_YEAR, type Family } from '../formats.js';
import { KIND_SPECS, type ColumnSpec } from '../kinds/index.js';
import { NULL_MARKERS, type ColumnPlan } from './plan.js';
import { rawText } from './native.js';
import { say, saySql, type MessageCode, type MessageParams } from '../../messages.js';

/**
 * The separator inside `_reject` (valid rows have NULL) is the ASCII unit separator, which no
 * column name or reason contains.
 */
export const REJECT_SEPARATOR = '\u001f';
export const REJECT_COLUMN = "split_part(_reject, chr(31), 1)";
export const REJECT_REASON = "split_part(_reject, chr(31), 2)";

/** `_reject` columns that are not rejects: skipped summary rows and repeated headers. */
export const SKIPPED = '(skipped)';
export const REPEATED_HEADER = '(repeated header)';
/** Order lines folded into the order's first row (accounted as merged), and repeated ids (skipped). */
export const MERGED = '(merged)';
export const DUPLICATE = '(duplicate id)';
/** `_reject` columns that are accounted, not rejected. */
export const NOT_REJECTS = [SKIPPED, REPEATED_HEADER, MERGED, DUPLICATE];

/** One check: the `_reject` column, the SQL condition, and the SQL expression of the reason. */
export interface RowCheck {
  column: string;
  when: string;
  reason: string;
}


/**
 * Whether a raw cell is such a marker. Only asked of cells that did not convert (the typed value
 * is NULL anyway), so the string work stays off the path of the millions of cells that do.
 */
const SHOWABLE_NUMBER = '[-+]?[0-9]{0,6}([.,][0-9]{0,4})?';
const SHOWABLE_DATE = '[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}([ T][0-9]{1,2}(:[0-9]{2}){1,2}([.][0-9]{1,6})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?';
const isMarker = (raw: string) => oneOf(`lower(trim(${raw}))`, NULL_MARKERS);
const isTyped = (c: ColumnSpec) => isTimeType(c.type) || isNumberType(c.type);

/**
 * The reason for a date that did not read: a value that would read as a year before 1900 (`22-04-15`
 * as the year 0022) says so; any other gets `otherwise`.
 */
function beforeMinYear(raw: string, otherwise: string): string {
  return `CASE WHEN year(TRY_CAST(trim(${raw}) AS TIMESTAMP)) < ${MIN_YEAR} ` +
    `THEN ${after('yearBefore', { year: MIN_YEAR })} ELSE ${otherwise} END`;
}

/**
 * A reason's words after the shown value, as a SQL literal (`shown || <this>`): the template of
 * core/messages.ts, all of which start with `{shown}`, so a renderer can word the reason again.
 */
function after(code: MessageCode, params: MessageParams = {}): string {
  return quoteLiteral(say(code, { ...params, shown: '' }));
}

function reasonFor(column: ColumnSpec, family: Family | undefined): { when: string; reason: string } | undefined {
  // The cell as text: what the checks show and test (for a native Parquet column, cast only here).
  const raw = rawText(column.name, family);
  const present = quoteIdent(`${column.name}__raw`);
  const value = quoteIdent(column.name);
  // Show the offending value only when it is plainly not personal: a short number (at most 6
  // digits; a 10-digit "score" is a phone number) or something shaped like a date. Text in a wrong
  // column can be a name, an email, a phone number or free text, which must not reach a report.
  const shown = `CASE WHEN regexp_full_match(trim(${raw}), '${SHOWABLE_NUMBER}') OR regexp_full_match(trim(${raw}), '${SHOWABLE_DATE}') ` +
    `THEN '"' || ${raw} || '"' WHEN regexp_full_match(${raw}, '[0-9 .,:+/()-]+') THEN ${quoteLiteral(say('longNumber'))} ` +
    `ELSE ${saySql('textValue', {}, { length: `length(${raw})` }, quoteLiteral)} END`;
  const decided = family && family !== 'iso' && family !== 'point' && family !== 'native' ? { format: FAMILY_LABEL[family] } : undefined;
  switch (column.type) {
    case 'timestamp':
      return { when: `${present} IS NOT NULL AND ${value} IS NULL`, reason: `${shown} || ${beforeMinYear(raw, decided ? after('notDateTimeIn', decided) : after('notDateTime'))}` };
    case 'date':
      return { when: `${present} IS NOT NULL AND ${value} IS NULL`, reason: `${shown} || ${beforeMinYear(raw, decided ? after('notDateIn', decided) : after('notDate'))}` };
    case 'integer': {
      const [lo, hi] = column.scale ?? [0, Number.MAX_SAFE_INTEGER];
      return {
        when: `${present} IS NOT NULL AND (${value} IS NULL OR ${value} <> floor(${value}) OR ${value} < ${lo} OR ${value} > ${hi})`,
        reason: `${shown} || ${after('notWhole', { lo, hi })}`,
      };
    }
    case 'number':
      return column.nonNegative
        ? { when: `${present} IS NOT NULL AND (${value} IS NULL OR ${value} < 0)`, reason: `${shown} || ${decided ? after('notNonNegativeIn', decided) : after('notNonNegative')}` }
        : { when: `${present} IS NOT NULL AND ${value} IS NULL`, reason: `${shown} || ${decided ? after('notNumberIn', decided) : after('notNumber')}` };
    case 'text':
      return column.allowed
        ? {
            when: `${raw} IS NOT NULL AND NOT ${oneOf(`lower(trim(${raw}))`, column.allowed)}`,
            // A status is a category, not personal data: the value is shown so it can be mapped.
            reason: saySql('notAllowed', { column: column.name, allowed: column.allowed.join(', ') }, { value: `left(trim(${raw}), 40)` }, quoteLiteral),
          }
        : undefined;
    default:
      return undefined;
  }
}

/**
 * Columns whose unreadable value empties that field instead of quarantining the row: a ticket's
 * satisfaction rating (an unknown survey label must not lose the ticket, its times and its status).
 * The value, cut to 40 characters, goes to `_dropped_<column>` for the warning (a label, not free text).
 */
export function softColumns(file: DetectedFile, plan: ColumnPlan): string[] {
  return file.kind === 'ticket' && plan.present.has('csat') ? ['csat'] : [];
}

/** The condition under which a soft column's value is dropped (its check, had it been one). */
export function softWhen(file: DetectedFile, column: string, families: Map<string, Family>): string {
  const spec = KIND_SPECS[file.kind].columns.find((c) => c.name === column)!;
  // A null marker (`n/a`) is no answer, not an unreadable one.
  return `CASE WHEN ${reasonFor(spec, families.get(column))!.when} THEN NOT ${isMarker(rawText(column, families.get(column)))} ELSE false END`;
}

/** Every check of one file, in the order the load statement's CASE tries them (the first wins). */
export function rowChecks(file: DetectedFile, plan: ColumnPlan, families: Map<string, Family>): RowCheck[] {
  const spec = KIND_SPECS[file.kind];
  const checks: RowCheck[] = [];
  if (plan.skip) checks.push({ column: SKIPPED, when: '_skip', reason: quoteLiteral(plan.skip.reason) });
  // A header line in the middle of the data: two exports pasted together.
  const directText = [...plan.direct.entries()].slice(0, 4);
  if (directText.length >= 2 && (file.format === 'csv' || file.format === 'tsv')) {
    checks.push({
      column: REPEATED_HEADER,
      // Nested CASE: only rows whose first cell equals its header name pay for the other comparisons.
      when: directText.reduceRight<string>((inner, [canonical, source], i) => {
        const test = `${quoteIdent(`${canonical}__raw`)} = ${quoteLiteral(source)}`;
        return i === directText.length - 1 ? test : `CASE WHEN ${test} THEN ${inner} ELSE false END`;
      }, ''),
      reason: quoteLiteral(say('repeatedHeader')),
    });
  }
  for (const c of spec.columns) {
    const raw = quoteIdent(`${c.name}__raw`);
    // CASE, not OR/AND: DuckDB then runs the marker test only on the few cells that did not convert.
    const empty = isTyped(c)
      ? `CASE WHEN ${raw} IS NULL THEN true WHEN ${quoteIdent(c.name)} IS NULL THEN ${isMarker(rawText(c.name, families.get(c.name)))} ELSE false END`
      : `${raw} IS NULL`;
    if (c.required) checks.push({ column: c.name, when: empty, reason: quoteLiteral(say('requiredEmpty')) });
  }
  const soft = softColumns(file, plan);
  for (const c of spec.columns) {
    if (soft.includes(c.name)) continue;
    const r = reasonFor(c, families.get(c.name));
    if (r && isTyped(c)) r.when = `CASE WHEN ${r.when} THEN NOT ${isMarker(rawText(c.name, families.get(c.name)))} ELSE false END`;
    if (r) checks.push({ column: c.name, ...r });
  }
  for (const check of spec.checks) checks.push({ column: check.column, when: check.failWhen, reason: quoteLiteral(check.reason) });
  return checks;
}
