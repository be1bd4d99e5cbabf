// The journey-integrity/1 contract (`journey integrity --by ATTRIBUTE --format json`): groups with
// unusually many top scores, silent top scores or low spread, to review. docs/drivers-and-integrity.md.
import { z } from 'zod';
import { countSchema, intervalSchema, periodSchema, pValueSchema, timestampSchema } from './shared.js';

const fraction = z.number().min(0).max(1);

export const stratumComponentSchema = z.strictObject({
  stratum: z.string().describe('touchpoint · scale (or the scale only)'),
  n: countSchema,
  top: countSchema,
  rest_n: countSchema.describe('The other groups\' answers in this stratum'),
  rest_top: countSchema,
  rest_share: fraction.describe('The other groups\' top-score share here: this stratum\'s part of the expectation'),
}).meta({ id: 'StratumComponent' });

export const integrityGroupSchema = z.strictObject({
  group: z.string().describe('The --by value'),
  n: countSchema.describe('Scored answers in strata other groups answered too (the base of every figure)'),
  top_share: fraction.nullable().describe('Share of top scores (0-1); null when withheld'),
  expected_share: fraction.nullable().describe('The share with the other groups\' share in each of its strata'),
  p_value: pValueSchema.nullable().describe('One-sided exact binomial P(X >= top) under expected_share'),
  flagged: z.boolean().describe('A signal is significant after Benjamini-Hochberg'),
  reasons: z.array(z.string()).describe('The evidence for a review, or why the group was not assessed'),
  status: z.enum(['review', 'ok', 'not_assessed']).describe('review: worth a look, not a verdict'),
  top: countSchema.nullable().describe('Top scores (NPS 10, CSAT 5); null when withheld'),
  top_share_ci: intervalSchema.nullable().describe('Wilson interval of top_share'),
  q_value: pValueSchema.nullable().describe('Benjamini-Hochberg adjusted p_value'),
  funnel: z.strictObject({ p95: intervalSchema, p998: intervalSchema }).nullable()
    .describe('Funnel-plot limits of top_share around the expectation for this n (exact binomial, 95% and 99.8%)'),
  top_without_comment: z.strictObject({
    top: countSchema,
    silent: countSchema.describe('Top scores with an empty comment'),
    share: fraction,
    expected_share: fraction,
    p_value: pValueSchema,
    q_value: pValueSchema,
  }).nullable(),
  spread: z.strictObject({
    variance_ratio: z.number().describe('The group\'s variance over the other groups\' in the same strata'),
    p_value: pValueSchema,
    q_value: pValueSchema,
  }).nullable(),
  signals: z.array(z.enum(['top_share', 'top_without_comment', 'low_variance'])),
  uncompared: countSchema.describe('Scored answers in strata no other group answered'),
  suppressed: z.boolean().describe('Fewer answers than min_cell: shares withheld, only n shown'),
  components: z.array(stratumComponentSchema).optional().describe('With --explain: the expectation per stratum'),
}).meta({ id: 'IntegrityGroup' });

/** The fields the core's IntegrityResult shares with the document (its groups and `explain` differ). */
export const integrityCoreSchema = z.strictObject({
  schema: z.literal('journey-integrity/1'),
  generated_at: timestampSchema,
  period: periodSchema,
  by: z.string().describe('The survey attribute, touchpoint, stage or segment grouped by'),
  score: z.enum(['auto', 'nps', 'csat']).describe('Which answers count: auto = NPS where answered, else CSAT'),
  strata: z.enum(['touchpoint_and_scale', 'scale']).describe('What groups are compared within'),
  fdr: fraction.describe('False-discovery rate for Benjamini-Hochberg'),
  min_n: countSchema.describe('Groups with fewer compared answers are listed, not assessed'),
  answers: countSchema.describe('Scored answers with a group value'),
  unassigned: countSchema.describe('Scored answers without a group value (not assessed)'),
  comments: z.boolean().describe('The data has comments (else the silent-top-score signal is off)'),
  warnings: z.array(z.string()),
});

export const integrityDocumentSchema = integrityCoreSchema.extend({
  groups: z.array(integrityGroupSchema),
  explain: z.strictObject({ sql: z.array(z.string()) }).optional().describe('With --explain: the statements that ran, values inlined'),
}).meta({ title: 'journey-integrity/1', description: 'journey integrity --format json: survey groups to review' });

/** What the JSON renderer emits (the core's IntegrityResult keeps internal group fields). */
export type IntegrityDocument = z.infer<typeof integrityDocumentSchema>;
