// The journey-funnel/1 contract (`journey funnel --format json`): per configured funnel and step,
// how many units entered, converted and dropped off, with a Wilson interval; with --segment, each
// value against the reference value per step (BH-adjusted). docs/funnels.md.
import { z } from 'zod';
import { countSchema, intervalSchema, periodSchema, timestampSchema } from './shared.js';

const percent = z.number().nullable().describe('Percent 0-100; null when the denominator is 0');

export const funnelStepSchema = z.strictObject({
  id: z.string(),
  label: z.string(),
  absent: z.boolean().describe('The step is that no matching row follows within the window'),
  within_hours: z.number().nullable().describe('The conversion window in hours; null: any time after'),
  entered: countSchema.describe('Units that reached the previous step (step 1: units that did step 1 in the period), less those pending'),
  converted: countSchema.describe('Units that reached this step'),
  pending: countSchema.describe('Absent steps: units whose window had not closed by the end of the data (neither entered nor converted)'),
  drop_off: countSchema.describe('entered - converted'),
  conversion: percent.describe('100 x converted / entered; null for step 1 (where units enter) or when nobody entered'),
  ci: intervalSchema.nullable().describe('Wilson 95% interval of conversion'),
  overall: percent.describe('100 x converted / units that did step 1'),
  median_hours_to_next: z.number().nullable().describe('Median hours from this step to the next, over units that reached the next (ordered funnels)'),
  flags: z.array(z.string()).describe('low_n when entered < low_n'),
}).meta({ id: 'FunnelStep' });

export const funnelSegmentStepSchema = z.strictObject({
  id: z.string(),
  entered: countSchema,
  converted: countSchema,
  conversion: percent,
  ci: intervalSchema.nullable(),
  difference: z.number().nullable().describe('Conversion minus the reference value\'s, in points'),
  difference_ci: intervalSchema.nullable().describe('Newcombe 95% interval of the difference'),
  p_value: z.number().nullable().describe('Two-proportion z test against the reference value'),
  p_adjusted: z.number().nullable().describe('Benjamini-Hochberg over every test of this funnel'),
  significant: z.boolean().describe('p_adjusted < 0.05'),
}).meta({ id: 'FunnelSegmentStep' });

const periodCell = z.strictObject({ entered: countSchema, converted: countSchema, conversion: percent, ci: intervalSchema.nullable() });

export const funnelPeriodsSchema = z.strictObject({
  before: periodSchema,
  after: periodSchema,
  steps: z.array(z.strictObject({
    id: z.string(),
    before: periodCell,
    after: periodCell,
    difference: z.number().nullable().describe('After minus before, in points'),
    difference_ci: intervalSchema.nullable().describe('Newcombe 95% interval of the difference'),
    p_value: z.number().nullable().describe('Two-proportion z test'),
    p_adjusted: z.number().nullable().describe('Benjamini-Hochberg over the steps of this funnel'),
    significant: z.boolean(),
  })),
}).meta({ id: 'FunnelPeriods' });

export const funnelSchema = z.strictObject({
  id: z.string(),
  label: z.string(),
  unit: z.enum(['person', 'session']),
  order: z.enum(['ordered', 'any']),
  units: countSchema.describe('Units that did step 1 in the period'),
  data_end: z.string().nullable().describe('The last timestamp in the data: windows that end after it are pending'),
  steps: z.array(funnelStepSchema),
  segment: z.strictObject({
    id: z.string(),
    label: z.string(),
    reference: z.string().nullable().describe('The value every other is tested against: the one with most units at step 1'),
    values: z.array(z.strictObject({ value: z.string(), units: countSchema, steps: z.array(funnelSegmentStepSchema) })),
  }).nullable().describe('With --segment: the value of the row that entered step 1'),
  periods: funnelPeriodsSchema.nullable().describe('With --before/--after: each step\'s conversion in both periods (by when units did step 1), tested'),
}).meta({ id: 'Funnel' });

export const funnelResultSchema = z.strictObject({
  schema: z.literal('journey-funnel/1'),
  generated_at: timestampSchema,
  period: periodSchema,
  funnels: z.array(funnelSchema),
  warnings: z.array(z.string()),
  explain: z.array(z.string()).optional().describe('With --explain: the SQL of each funnel, values inlined'),
}).meta({ title: 'journey-funnel/1', description: 'journey funnel --format json: units entering, converting and dropping off per step' });

export type FunnelResult = z.infer<typeof funnelResultSchema>;
export type Funnel = z.infer<typeof funnelSchema>;
export type FunnelStep = z.infer<typeof funnelStepSchema>;
