// The journey-compare/1 contract (`journey compare --format json`): before/after, segment values or
// an initiative, every KPI with its delta, interval and Benjamini-Hochberg adjusted p. docs/compare.md.
import { z } from 'zod';
import {
  countSchema, dateSchema, flagsSchema, intervalSchema, kindSchema, kpiSchema, noTestReasonSchema, periodSchema,
  pValueSchema, testNameSchema, timestampSchema, unitSchema,
} from './shared.js';

export const compareComponentsSchema = z.strictObject({
  test: testNameSchema.nullable(),
  statistic: z.number().nullable().describe('z or t; null without a test'),
  df: z.number().nullable().describe('Degrees of freedom (Welch t)'),
  se: z.number().nullable().describe('Standard error of the difference, in the KPI\'s unit'),
  before: z.record(z.string(), z.number()).describe('The sufficient statistics the test read (n, k, promoters, detractors, mean, sd)'),
  after: z.record(z.string(), z.number()),
}).describe('The numbers a reader needs to redo the test by hand');

export const compareRowSchema = z.strictObject({
  segment: z.string().optional().describe('Segment mode: the value compared with the reference (before is the reference)'),
  stage: z.string().nullable(),
  touchpoint: z.string().nullable(),
  kpi: z.string(),
  label: z.string(),
  unit: unitSchema,
  before: kpiSchema,
  after: kpiSchema,
  delta: z.number().nullable().describe('after - before, in the KPI\'s unit (percentage points for rates)'),
  ci: intervalSchema.nullable().describe('95% interval of the delta'),
  p_value: pValueSchema.nullable(),
  p_adjusted: pValueSchema.nullable().describe('Benjamini-Hochberg over every p-value in the run'),
  significant: z.boolean().describe('p_adjusted below alpha'),
  test: testNameSchema.nullable(),
  no_test: noTestReasonSchema.nullable(),
  flags: flagsSchema,
  components: compareComponentsSchema,
}).meta({ id: 'CompareRow' });

export const didRowSchema = z.strictObject({
  kpi: z.string(),
  label: z.string(),
  unit: unitSchema,
  touchpoint: z.strictObject({ before: kpiSchema, after: kpiSchema, delta: z.number().nullable() }),
  control: z.strictObject({
    before: kpiSchema,
    after: kpiSchema,
    delta: z.number().nullable(),
    touchpoints: z.array(z.string()).describe('The touchpoints pooled as control'),
  }),
  estimate: z.number().nullable().describe('(after - before at the touchpoint) - (after - before at the control), in the KPI\'s unit'),
  ci: intervalSchema.nullable(),
  p_value: pValueSchema.nullable(),
  p_adjusted: pValueSchema.nullable(),
  significant: z.boolean(),
  method: z.enum(['normal', 'welch_t']).nullable(),
  no_test: z.union([noTestReasonSchema, z.literal('overlap')]).nullable()
    .describe('overlap: a session or customer can count at several touchpoints, so the groups are not independent'),
  flags: flagsSchema,
  components: z.strictObject({ se: z.number().nullable(), statistic: z.number().nullable(), df: z.number().nullable() }),
}).meta({ id: 'DidRow', description: 'A difference-in-differences for one KPI' });

export const initiativeResultSchema = z.strictObject({
  id: z.string(),
  touchpoint: z.string(),
  stage: z.string().nullable(),
  started: dateSchema,
  description: z.string().nullable(),
  before: periodSchema,
  after: periodSchema,
  excluded: z.array(z.string()).describe('Touchpoints left out of the control: another initiative started there inside the compared span'),
  did: z.array(didRowSchema),
}).meta({ id: 'Initiative' });

/** --before/--after: each end a day (whole day included) or a moment in the config's zone (a start included, an end excluded). */
const endSchema = z.union([dateSchema, z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/).describe('A moment, YYYY-MM-DDTHH:MM[:SS], in the config\'s time zone')]);
export const comparePeriodSchema = z.strictObject({
  since: endSchema.nullable().describe('First day included, or the moment the period starts (included); null: from the earliest data'),
  until: endSchema.nullable().describe('Last day included, or the moment the period ends (excluded); null: up to the latest data'),
}).meta({ id: 'ComparePeriod', description: 'journey compare --before/--after: days or moments in the config\'s time zone' });

export const compareResultSchema = z.strictObject({
  schema: z.literal('journey-compare/1'),
  generated_at: timestampSchema,
  mode: z.enum(['periods', 'segment', 'initiative']),
  before: comparePeriodSchema.optional().describe('Periods and initiative modes'),
  after: comparePeriodSchema.optional().describe('Periods and initiative modes'),
  period: periodSchema.optional().describe('Segment mode: the period every value is measured in'),
  segment: z.strictObject({
    id: z.string(),
    label: z.string(),
    reference: z.string().describe('The value the others are compared with'),
    values: z.array(z.string()).describe('The values compared with the reference'),
  }).optional(),
  initiative: initiativeResultSchema.optional(),
  method: z.strictObject({
    level: z.number().describe('Interval level (0.95)'),
    alpha: z.number().describe('False-discovery rate'),
    correction: z.literal('benjamini-hochberg'),
    tests: countSchema.describe('Comparisons with a p-value (the family the correction runs over)'),
    significant: countSchema,
    low_n: countSchema,
    min_cell: countSchema,
  }),
  sources: z.array(z.strictObject({ path: z.string(), kind: kindSchema, rows: countSchema, rejected: countSchema })),
  config: z.string().nullable(),
  labels: z.strictObject({
    stages: z.record(z.string(), z.string()),
    touchpoints: z.record(z.string(), z.string()),
  }).describe('Display labels by id'),
  rows: z.array(compareRowSchema),
  warnings: z.array(z.string()),
  sql: z.array(z.string()).optional().describe('With --explain: the statements that ran, values inlined'),
}).meta({ title: 'journey-compare/1', description: 'journey compare --format json' });
