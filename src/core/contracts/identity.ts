// Identity coverage (docs/identity.md): how far numbers that join kinds can be trusted. Part of
// journey-validate/1 and of the note every data command prints when `identity:` is configured.
import { z } from 'zod';
import { countSchema, kindSchema } from './shared.js';

export const identityCoverageSchema = z.strictObject({
  kind: kindSchema,
  unit: z.enum(['answers', 'tickets', 'orders', 'sessions']).describe('What is counted: survey answers, tickets, orders, or web sessions'),
  units: countSchema.describe('All loaded units of this kind (every period)'),
  linked: countSchema.describe('Units whose stitched person is also seen in another kind'),
  with_orders: countSchema.nullable().describe('Units whose person has an order; null for orders'),
}).meta({ id: 'IdentityCoverage' });

export type IdentityCoverageResult = z.infer<typeof identityCoverageSchema>;
