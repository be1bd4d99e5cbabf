// Building blocks every output contract shares: dates, periods, intervals and the KPI value.
// Objects are strict here (an unexpected field fails a parse); the published JSON Schema files
// allow added fields, as the versioning rule does (docs/output-schemas.md).
import { z } from 'zod';

export const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('A calendar day, YYYY-MM-DD');

export const timestampSchema = z.iso.datetime().describe('When the output was made (ISO-8601, UTC)');

export const periodSchema = z.strictObject({
  since: dateSchema.nullable().describe('First day included; null: from the earliest data'),
  until: dateSchema.nullable().describe('Last day included; null: up to the latest data'),
}).meta({ id: 'Period', description: 'An inclusive range of days in the config\'s time zone' });

export const intervalSchema = z.tuple([z.number(), z.number()]).describe('95% interval [low, high]');

export const countSchema = z.number().int().nonnegative();

export const unitSchema = z.enum(['%', 'nps', 'score', 'hours', 'count', 'money', 'ratio'])
  .describe('%: percentage 0-100; nps: -100..100; score: mean on the answer scale; hours; count; money; ratio');

export const kindSchema = z.enum(['survey', 'ticket', 'order', 'web', 'campaign', 'traffic']).describe('Canonical kind of the rows');

export const flagsSchema = z.array(z.string())
  .describe('Reliability flags: low_n (n below the config\'s low_n), suppressed (withheld: fewer than min_cell respondents), suppressed_secondary (withheld so that a suppressed sibling cannot be derived from the total), no_data, not_measurable (inputs not in the data; see unavailable)');

export const kpiSchema = z.strictObject({
  id: z.string().describe('Catalogue id (journey kpis)'),
  label: z.string(),
  value: z.number().nullable().describe('Full precision (money: rounded to the currency\'s minor units, 2 decimals unless the currency has others); null when withheld, undefined or not measurable'),
  unit: unitSchema,
  n: countSchema.describe('Sample size behind the value'),
  ci: intervalSchema.nullable().describe('95% interval (adjusted-Wald for NPS, Wilson for rates, t for means); null where none applies'),
  flags: flagsSchema,
  unavailable: z.string().optional().describe('Set when the KPI is not measurable: its inputs are not in the data (e.g. "no replies or reopens column in the ticket data"); value is null'),
}).meta({ id: 'Kpi', description: 'One KPI value in one scope' });

export const coverageSchema = z.strictObject({
  kind: kindSchema,
  rows: countSchema.describe('Rows loaded of this kind'),
  mapped: countSchema.describe('Of those, rows a touchpoint rule matched'),
}).meta({ id: 'Coverage' });

export const testNameSchema = z.enum(['nps_z', 'two_proportion_z', 'welch_t'])
  .describe('nps_z: two-sample z on the trinomial variance; two_proportion_z: pooled z with a Newcombe interval; welch_t: Welch t');

export const noTestReasonSchema = z.enum(['total', 'quantile', 'ratio', 'as_of', 'suppressed', 'no_data', 'too_few', 'no_variance'])
  .describe('Why there is no p-value: total (a count or sum), quantile, ratio (of sums), as_of (churn windows), suppressed, no_data, too_few (< 2 values), no_variance');

export const pValueSchema = z.number().min(0).max(1);
