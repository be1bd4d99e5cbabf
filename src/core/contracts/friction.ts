// The journey-friction/1 contract (`journey friction --format json`), and the friction entry the
// report's `friction` list shares. Method: docs/friction.md.
import { z } from 'zod';
import { countSchema, flagsSchema, intervalSchema, periodSchema, pValueSchema, timestampSchema } from './shared.js';

const groupSchema = z.enum(['dissatisfaction', 'effort', 'drop_off', 'contact']).describe('What kind of friction the component measures');
const percent = z.number().min(0).max(100);

export const frictionComponentSchema = z.strictObject({
  group: groupSchema,
  label: z.string(),
  unit: z.string().describe('What n counts ("CSAT answers", "sessions", ...)'),
  phrase: z.string().describe('What the affected ones did ("were 1-3", "ended here without a purchase")'),
  affected: countSchema.nullable().describe('Answers, tickets or sessions that met the friction here; null when withheld'),
  n: countSchema,
  rate: percent.nullable().describe('affected / n in %; null when withheld (fewer than min_cell respondents)'),
  ci: intervalSchema.nullable().describe('Wilson 95% interval of rate, in %'),
  baseline: percent.describe('The same share over the whole journey, in %'),
  baseline_n: countSchema,
  excess: z.number().nonnegative().describe('Percentage points: max(0, ci low - baseline)'),
  contribution: z.number().nonnegative().describe('excess / 100 x n: customers beyond the journey\'s norm, by the conservative bound'),
  share: percent.describe('Percent of the touchpoint\'s score'),
  flags: flagsSchema,
}).meta({ id: 'FrictionComponent' });

export const frictionEntrySchema = z.strictObject({
  rank: z.number().int().positive().describe('1 = most friction; ties share a rank'),
  touchpoint: z.string(),
  stage: z.string(),
  score: z.number().nonnegative().describe('Sum of the components\' contributions'),
  n: countSchema.describe('Rows mapped to the touchpoint'),
  components: z.record(z.string(), frictionComponentSchema)
    .describe('By component id: low_csat, detractors, high_effort, drop_off, repeat_contact, slow_resolution (those with data)'),
  why: z.string().describe('One sentence on the largest components'),
  label: z.string(),
  moment_of_truth: z.boolean().describe('Marked moment_of_truth in the config'),
  themes: z.array(z.strictObject({
    theme: z.string().describe('Theme id (journey themes)'),
    detractors: z.number().describe('Share of commented detractor responses here that mention it, %'),
    promoters: z.number().describe('The same among promoters, %'),
    difference: z.number().describe('Points: detractors minus promoters'),
    significant: z.boolean().describe('Benjamini-Hochberg adjusted p at or below 0.05 (journey themes)'),
  })).optional().describe('Up to three comment themes detractors mention more than promoters here, significant ones first; present when comments are loaded'),
}).meta({ id: 'FrictionEntry', description: 'One touchpoint in the friction ranking' });

export const frictionBaselineSchema = z.strictObject({
  id: z.string().describe('Component id'),
  group: groupSchema,
  label: z.string(),
  unit: z.string(),
  definition: z.string(),
  affected: countSchema,
  n: countSchema,
  rate: percent.nullable().describe('Journey-wide share, in %'),
}).meta({ id: 'FrictionBaseline' });

export const motDriverSchema = z.strictObject({
  touchpoint: z.string(),
  label: z.string(),
  stage: z.string(),
  marked: z.boolean().describe('Marked moment_of_truth in the config'),
  measure: z.enum(['csat', 'ces']),
  importance: z.strictObject({
    r: z.number().nullable().describe('Pearson r between the customer\'s mean score here and their NPS answer'),
    ci: intervalSchema.nullable(),
    n: countSchema.describe('Customers who answered both'),
    p: pValueSchema.nullable(),
    p_adjusted: pValueSchema.nullable().describe('Benjamini-Hochberg across the drivers'),
  }),
  performance: z.strictObject({
    component: z.string().describe('low_csat or high_effort'),
    rate: percent.nullable(),
    baseline: percent.nullable(),
    gap: z.number().nullable().describe('rate - baseline in percentage points; positive = worse'),
  }),
  priority: z.number().nullable().describe('importance x gap: r x percentage points'),
  from_data: z.boolean().describe('r > 0 and significant after Benjamini-Hochberg at 5%'),
  verdict: z.enum(['fix_first', 'protect', 'no_evidence', 'too_few']),
}).meta({ id: 'MomentOfTruthDriver' });

export const momentOfTruthSchema = z.strictObject({
  touchpoint: z.string(),
  label: z.string(),
  marked: z.boolean().describe('Marked moment_of_truth in the config'),
  from_data: z.boolean().describe('A moment of truth by the data (one of its drivers is)'),
  drivers: z.array(motDriverSchema),
}).meta({ id: 'MomentOfTruth' });

export const frictionReportSchema = z.strictObject({
  schema: z.literal('journey-friction/1'),
  generated_at: timestampSchema,
  period: periodSchema,
  config: z.string().nullable().describe('Config file used, as shown to the user'),
  method: z.strictObject({
    formula: z.string(),
    interval: z.string(),
    baseline: z.string(),
    slow_after_hours: z.number().nullable().describe('Journey-wide median time to resolution that slow_resolution compares with'),
  }),
  baselines: z.array(frictionBaselineSchema),
  friction: z.array(frictionEntrySchema),
  moments_of_truth: z.array(momentOfTruthSchema),
  warnings: z.array(z.string()),
  sql: z.array(z.strictObject({ relation: z.string(), sql: z.string() })).optional()
    .describe('With --explain: the statements behind every number, values inlined, in run order'),
}).meta({ title: 'journey-friction/1', description: 'journey friction --format json: touchpoints ranked by friction, with moments of truth' });
