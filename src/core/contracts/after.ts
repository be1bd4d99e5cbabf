// The journey-after/1 contract (`journey after --format json`): per touchpoint, customers who met
// it within a window after their first paid order of the period against those who did not — their
// repeat purchase and NPS, with intervals and BH-adjusted tests. docs/after.md.
import { z } from 'zod';
import { countSchema, intervalSchema, periodSchema, timestampSchema } from './shared.js';

const measured = z.strictObject({
  value: z.number().nullable(),
  ci: intervalSchema.nullable(),
  n: countSchema.describe('The denominator: customers (repeat) or customers with an NPS answer after the order (nps)'),
});

const group = z.strictObject({
  customers: countSchema,
  repeat_purchase: measured.describe('100 x customers with another paid order after the first / customers; Wilson interval'),
  nps: measured.describe('NPS of each customer\'s latest answer at or after the first order; adjusted-Wald interval'),
});

const difference = z.strictObject({
  delta: z.number().nullable().describe('Met minus not met, in points'),
  ci: intervalSchema.nullable().describe('Newcombe (repeat purchase) or adjusted-Wald z (NPS) 95% interval'),
  p_value: z.number().nullable(),
  p_adjusted: z.number().nullable().describe('Benjamini-Hochberg over every test of the run'),
  significant: z.boolean(),
});

export const afterResultSchema = z.strictObject({
  schema: z.literal('journey-after/1'),
  generated_at: timestampSchema,
  period: periodSchema,
  within_hours: z.number().describe('The window after the first paid order in which a touchpoint counts as met'),
  customers: countSchema.describe('Persons (stitched) with a paid order in the period'),
  kinds: z.array(z.enum(['ticket', 'survey', 'web'])).describe('The kinds whose rows count as meeting a touchpoint'),
  touchpoints: z.array(z.strictObject({
    touchpoint: z.string(),
    label: z.string(),
    met: group,
    not_met: group,
    repeat_purchase: difference,
    nps: difference,
  })),
  warnings: z.array(z.string()),
  explain: z.array(z.string()).optional(),
}).meta({ title: 'journey-after/1', description: 'journey after --format json: what happens to customers after a touchpoint' });

export type AfterResult = z.infer<typeof afterResultSchema>;
