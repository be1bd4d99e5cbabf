// The journey-drivers/1 contract (`journey drivers --format json`): each touchpoint's CSAT and CES as
// a share of the explained NPS variance (Johnson's relative weights). docs/drivers-and-integrity.md.
import { z } from 'zod';
import { countSchema, intervalSchema, periodSchema, timestampSchema } from './shared.js';

const measureSchema = z.enum(['csat', 'ces']);
const bootstrap = (what: string) => intervalSchema.nullable().describe(`Bootstrap percentile interval of ${what}`);

export const driverSchema = z.strictObject({
  id: z.string().describe('touchpoint.measure, e.g. delivery.csat'),
  touchpoint: z.string(),
  touchpoint_label: z.string(),
  measure: measureSchema,
  answers: countSchema.describe('Customers with an NPS who answered this driver (before listwise deletion)'),
  raw_weight: z.number().describe('Share of the NPS variance attributed to the driver; they sum to r2'),
  raw_weight_ci: bootstrap('raw_weight'),
  share: z.number().describe('100 x raw_weight / r2: percent of the explained variance'),
  share_ci: bootstrap('share'),
  coefficient: z.number().describe('Standardised regression coefficient of the full model: its sign is the direction'),
  rank: z.number().int().positive().describe('1 = most important'),
  rank_ci: bootstrap('the rank'),
}).meta({ id: 'Driver' });

export const droppedPredictorSchema = z.strictObject({
  id: z.string(),
  touchpoint: z.string(),
  touchpoint_label: z.string(),
  measure: measureSchema,
  answers: countSchema,
  reason: z.enum(['too_few_answers', 'no_variation', 'shrinks_sample']),
  n_if_kept: countSchema.optional().describe('For shrinks_sample: the customers left had it been kept'),
}).meta({ id: 'DroppedPredictor' });

/** The fields the core's DriversResult shares with the document (its `explain` is internal). */
export const driversCoreSchema = z.strictObject({
  schema: z.literal('journey-drivers/1'),
  generated_at: timestampSchema,
  period: periodSchema,
  outcome: z.strictObject({
    id: z.literal('nps'),
    scale: z.literal('0-10'),
    touchpoint: z.string().nullable().describe('--nps-from: only NPS answers given at this touchpoint'),
  }),
  n: countSchema.describe('Customers with the NPS and every driver used (listwise deletion)'),
  customers_with_nps: countSchema.describe('Customers with an NPS answer in the period'),
  r2: z.number().describe('Variance of the NPS answer the drivers explain together'),
  r2_ci: bootstrap('r2'),
  drivers: z.array(driverSchema),
  dropped: z.array(droppedPredictorSchema),
  method: z.strictObject({
    name: z.literal('johnson_relative_weights'),
    interval: z.literal('bootstrap_percentile'),
    level: z.number(),
    resamples: countSchema,
    seed: z.number().int(),
  }),
  warnings: z.array(z.string()),
});

const matrix = z.array(z.array(z.number()));

export const driversDocumentSchema = driversCoreSchema.extend({
  explain: z.strictObject({
    sql: z.array(z.string()).describe('The statements that ran, values inlined'),
    predictors: z.array(z.string()).describe('Driver ids, in the order of the matrices'),
    rxx: matrix.describe('Correlations among the drivers'),
    rxy: z.array(z.number()).describe('Correlations of each driver with the NPS answer'),
    eigenvalues: z.array(z.number()),
    lambda_star: matrix.describe('V Λ^½ Vᵀ: correlations between the drivers and their orthogonal counterparts'),
    beta: z.array(z.number()).describe('Regression of the NPS answer on the orthogonal counterparts'),
    raw_weights: z.array(z.number()),
    coefficients: z.array(z.number()),
  }).optional().describe('With --explain: the SQL and every intermediate of the computation'),
}).meta({ title: 'journey-drivers/1', description: 'journey drivers --format json: key drivers of NPS' });

/** What the JSON renderer emits (the core's DriversResult keeps the internals of --explain). */
export type DriversDocument = z.infer<typeof driversDocumentSchema>;
