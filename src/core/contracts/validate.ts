// The journey-validate/1 contract (`journey validate --format json`): per input file, how it was read
// and where every record went. docs/ingest.md.
import { z } from 'zod';
import { countSchema, coverageSchema, kindSchema } from './shared.js';
import { identityCoverageSchema } from './identity.js';

export const rejectSchema = z.strictObject({
  file: z.string(),
  line: z.number().int().positive().nullable().describe('Physical line an editor shows (CSV, TSV, JSON lines) or row number (Parquet)'),
  column: z.string().nullable(),
  reason: z.string().describe('Why the row was quarantined; never the row\'s content'),
  key: z.string().optional().describe('A derived source\'s reject: the record\'s id (`order_id 53cdb2fc`); line is then its row in the query\'s output'),
}).meta({ id: 'Reject' });

export const mappingSchema = z.strictObject({
  columns: z.array(z.strictObject({
    canonical: z.string().describe('Canonical column, or the name of a kept attribute'),
    from: z.string().describe('The header, the config\'s expression, or the preset\'s SQL it is read from'),
    by: z.enum(['header', 'config', 'expression', 'preset', 'attribute'])
      .describe('header: the header is the canonical name; config: columns: names the header; expression: columns: gives SQL; preset: the vendor preset; attribute: an extra column kept as is'),
  })),
  recoded: z.array(z.strictObject({
    column: z.string(),
    values: countSchema.describe('Entries in the column\'s values: map'),
    rows: countSchema.describe('Rows whose value the map changed'),
  })).describe('values: maps applied'),
  collapsed: z.strictObject({
    by: z.string().describe('The id the lines share'),
    rows: countSchema.describe('Lines merged into the record on their first line (= merged)'),
  }).nullable().describe('Order lines collapsed into one record; null when none were'),
  where: z.string().nullable().describe('The source\'s where: filter'),
  skipped: z.array(z.strictObject({ reason: z.string(), rows: countSchema })).describe('Rows skipped, by reason (sum = skipped)'),
  derived: z.strictObject({
    query: z.string(),
    inputs: z.array(z.string()).describe('Names of the files the query reads'),
  }).nullable().describe('A derived source: its query and inputs; null for a file'),
}).meta({ id: 'SourceMapping' });

export const inputSchema = z.strictObject({
  name: z.string().describe('The name a derived source\'s query reads it by'),
  path: z.string(),
  format: z.string(),
  encoding: z.string().nullable().describe('Text encoding of a CSV/TSV input (read through a UTF-8 copy when not UTF-8); null for Parquet and JSON lines'),
  records: countSchema.describe('Records in the file, counted independently; = read + rejected'),
  read: countSchema.describe('Records read into the table the queries use'),
  rejected: countSchema.describe('Records that could not be read (structural)'),
  used_by: z.array(z.string()).describe('Derived sources whose query reads it'),
  also_source: z.boolean().describe('Also read as a source of its own (it has kind:); otherwise its rows count only here'),
  rejects: z.array(rejectSchema),
}).meta({ id: 'InputFile' });

export const validateFileSchema = z.strictObject({
  path: z.string(),
  kind: kindSchema,
  format: z.string().describe('csv, tsv, parquet, jsonl, or derived (a derived source)'),
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
  mapping: mappingSchema.nullable().describe('What the config and presets made of it; null for a source read from a store'),
}).meta({ id: 'ValidatedFile' });

export const validateSchema = z.strictObject({
  schema: z.literal('journey-validate/1'),
  files: z.array(validateFileSchema).describe('Every source: files, and derived sources (format "derived")'),
  inputs: z.array(inputSchema).describe('Files named only as tables for derived sources (docs/derived-sources.md); their records are accounted here'),
  coverage: z.array(coverageSchema),
  identity: z.array(identityCoverageSchema).nullable().describe('With identity: in the config, per kind the units linked to a person seen in another kind; else null'),
  warnings: z.array(z.string()),
}).meta({ title: 'journey-validate/1', description: 'journey validate --format json: what became of every input record' });

export type ValidateResult = z.infer<typeof validateSchema>;
