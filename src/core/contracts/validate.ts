// The journey-validate/1 contract (`journey validate --format json`): per input file, how it was read
// and where every record went. docs/ingest.md.
import { z } from 'zod';
import { countSchema, coverageSchema, kindSchema } from './shared.js';

export const rejectSchema = z.strictObject({
  file: z.string(),
  line: z.number().int().positive().nullable().describe('Physical line an editor shows (CSV, TSV, JSON lines) or row number (Parquet)'),
  column: z.string().nullable(),
  reason: z.string().describe('Why the row was quarantined; never the row\'s content'),
}).meta({ id: 'Reject' });

export const validateFileSchema = z.strictObject({
  path: z.string(),
  kind: kindSchema,
  format: z.string().describe('csv, tsv, parquet or jsonl'),
  preset: z.string().nullable().describe('Vendor preset; null for the canonical layout'),
  detected_by: z.string().describe('The header signature the kind or preset was recognised from'),
  encoding: z.string().describe('utf-8, utf-8-bom, utf-16le, utf-16be or windows-1252'),
  notes: z.array(z.string()).describe('How the file was read (sep= line, preamble, ...)'),
  records: countSchema.describe('Records in the file, counted independently; = loaded + rejected + skipped + merged'),
  loaded: countSchema,
  rejected: countSchema.describe('Quarantined rows'),
  skipped: countSchema.describe('Rows that are not data (repeated headers, total lines)'),
  merged: countSchema.describe('Rows folded into another row\'s record (Shopify line items)'),
  rejects: z.array(rejectSchema),
}).meta({ id: 'ValidatedFile' });

export const validateSchema = z.strictObject({
  schema: z.literal('journey-validate/1'),
  files: z.array(validateFileSchema),
  coverage: z.array(coverageSchema),
  warnings: z.array(z.string()),
}).meta({ title: 'journey-validate/1', description: 'journey validate --format json: what became of every input record' });

export type ValidateResult = z.infer<typeof validateSchema>;
