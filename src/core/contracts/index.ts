// Every output contract by command, and its published JSON Schema (docs/schemas/<name>.schema.json,
// written by scripts/write-schemas.mjs). The zod schemas are strict; the JSON Schema leaves out
// `additionalProperties: false`, because a version may add fields (docs/output-schemas.md).
import { z } from 'zod';
import { compareResultSchema } from './compare.js';
import { driversDocumentSchema } from './drivers.js';
import { frictionReportSchema } from './friction.js';
import { afterResultSchema } from './after.js';
import { funnelResultSchema } from './funnel.js';
import { pathsResultSchema } from './paths.js';
import { integrityDocumentSchema } from './integrity.js';
import { reportSchema } from './report.js';
import { themesDocumentSchema } from './themes.js';
import { validateSchema } from './validate.js';

/**
 * With `--segment`, an analysis without a breakdown of its own adds `per_segment` (compare's own
 * `segment` is its --by comparison): its document again
 * for each value's rows, or why the analysis could not run on them (docs/architecture.md).
 */
function perSegmentValue<T extends z.ZodObject>(schema: T) {
  const value = z.string().describe('A value of the segment expression');
  return schema.extend({
    per_segment: z.strictObject({
      id: z.string(),
      label: z.string(),
      values: z.array(z.union([
        z.strictObject({ value, result: schema.describe('The same document over this value\'s rows') }),
        z.strictObject({ value, result: z.null(), not_measurable: z.string().describe('Why the analysis cannot run on this value\'s rows') }),
      ])),
    }).optional().describe('With --segment: the document for each value of the segment'),
  }).meta(schema.meta() ?? {});
}

export const CONTRACTS = {
  report: reportSchema,
  friction: perSegmentValue(frictionReportSchema),
  compare: perSegmentValue(compareResultSchema),
  drivers: perSegmentValue(driversDocumentSchema),
  integrity: perSegmentValue(integrityDocumentSchema),
  validate: validateSchema,
  funnel: funnelResultSchema,
  paths: perSegmentValue(pathsResultSchema),
  after: perSegmentValue(afterResultSchema),
  themes: perSegmentValue(themesDocumentSchema),
} as const;

export type ContractName = keyof typeof CONTRACTS;

/** The JSON Schema (draft 2020-12) of one output, as docs/schemas/ holds it. */
export function contractJsonSchema(name: ContractName): Record<string, unknown> {
  const json = z.toJSONSchema(CONTRACTS[name], {
    target: 'draft-2020-12',
    io: 'output',
    override: (ctx) => {
      if (ctx.jsonSchema.additionalProperties === false) delete ctx.jsonSchema.additionalProperties;
    },
  });
  return { ...json, $id: `${name}.schema.json` };
}

/** The file text: stable key order as generated, two-space indent, final newline. */
export const contractJsonSchemaText = (name: ContractName) => `${JSON.stringify(contractJsonSchema(name), null, 2)}\n`;
