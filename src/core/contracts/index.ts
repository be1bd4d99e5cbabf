// Every output contract by command, and its published JSON Schema (docs/schemas/<name>.schema.json,
// written by scripts/write-schemas.mjs). The zod schemas are strict; the JSON Schema leaves out
// `additionalProperties: false`, because a version may add fields (docs/output-schemas.md).
import { z } from 'zod';
import { compareResultSchema } from './compare.js';
import { driversDocumentSchema } from './drivers.js';
import { frictionReportSchema } from './friction.js';
import { integrityDocumentSchema } from './integrity.js';
import { reportSchema } from './report.js';
import { validateSchema } from './validate.js';

export const CONTRACTS = {
  report: reportSchema,
  friction: frictionReportSchema,
  compare: compareResultSchema,
  drivers: driversDocumentSchema,
  integrity: integrityDocumentSchema,
  validate: validateSchema,
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
