// The journey-paths/1 contract (`journey paths --format json`): the most frequent sequences of
// touchpoints per person or web session, the touchpoints before and after a chosen one, and where
// the paths of units without a purchase end. docs/paths.md.
import { z } from 'zod';
import { countSchema, periodSchema, timestampSchema } from './shared.js';

const share = z.number().describe('Percent 0-100 of the section\'s denominator');
const next = z.strictObject({
  touchpoint: z.string().describe('A touchpoint id, or (start) / (end)'),
  label: z.string(),
  count: countSchema,
  share,
});

export const pathsResultSchema = z.strictObject({
  schema: z.literal('journey-paths/1'),
  generated_at: timestampSchema,
  period: periodSchema,
  unit: z.enum(['person', 'session']),
  max_steps: z.number().int().positive().describe('Paths are cut after this many touchpoints (more: true)'),
  units: countSchema.describe('Units with at least one touchpoint in the period'),
  purchasers: countSchema.describe('Of those, units with a purchase (a paid order or a web purchase event) in the period'),
  paths: z.array(z.strictObject({
    steps: z.array(z.string()).describe('Touchpoint ids in time order, repeats in a row collapsed'),
    labels: z.array(z.string()),
    more: z.boolean().describe('The units went on after max_steps'),
    units: countSchema,
    share: share.describe('100 x units / all units'),
    purchased: countSchema.describe('Units on this path with a purchase'),
  })),
  around: z.strictObject({
    touchpoint: z.string(),
    label: z.string(),
    occurrences: countSchema.describe('Times a path passes the touchpoint (repeats in a row count once)'),
    next: z.array(next).describe('What follows; share of occurrences'),
    previous: z.array(next).describe('What comes before; share of occurrences'),
  }).nullable().describe('With --from: the touchpoints next to the chosen one'),
  ends_without_purchase: z.array(next).describe('Last touchpoint of the units without a purchase; share of those units'),
  warnings: z.array(z.string()),
  explain: z.array(z.string()).optional().describe('With --explain: the SQL, values inlined'),
}).meta({ title: 'journey-paths/1', description: 'journey paths --format json: frequent touchpoint sequences per person or session' });

export type PathsResult = z.infer<typeof pathsResultSchema>;
