// The JSON report contract (DESIGN §7, schema journey-report/1) as a zod schema, and its renderer.
import { z } from 'zod';
import type { Report } from '../core/report.js';

export const kpiSchema = z.object({
  id: z.string(),
  label: z.string(),
  value: z.number().nullable(),
  unit: z.enum(['%', 'nps', 'score', 'hours', 'count', 'money', 'ratio']),
  n: z.number().int().nonnegative(),
  ci: z.tuple([z.number(), z.number()]).nullable(),
  flags: z.array(z.string()),
});

const touchpointSchema = z.object({
  id: z.string(),
  label: z.string(),
  moment_of_truth: z.boolean(),
  kpis: z.array(kpiSchema),
});

const stageSchema = z.object({
  id: z.string(),
  label: z.string(),
  kpis: z.array(kpiSchema),
  touchpoints: z.array(touchpointSchema),
});

/** One friction component at one touchpoint (docs/friction.md): rates in %, excess in points. */
export const frictionComponentSchema = z.looseObject({
  group: z.enum(['dissatisfaction', 'effort', 'drop_off', 'contact']),
  label: z.string(),
  affected: z.number().int().nonnegative().nullable(),
  n: z.number().int().nonnegative(),
  rate: z.number().min(0).max(100).nullable(),
  ci: z.tuple([z.number(), z.number()]).nullable(),
  baseline: z.number().min(0).max(100),
  excess: z.number().nonnegative(),
  contribution: z.number().nonnegative(),
  flags: z.array(z.string()),
});

export const frictionSchema = z.looseObject({
  rank: z.number().int(),
  touchpoint: z.string(),
  stage: z.string(),
  score: z.number(),
  n: z.number().int(),
  components: z.record(z.string(), frictionComponentSchema),
  why: z.string(),
});

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Fields named by the contract are required; added fields are allowed (passthrough). */
export const reportSchema = z.looseObject({
  schema: z.literal('journey-report/1'),
  generated_at: z.iso.datetime(),
  period: z.object({ since: date.nullable(), until: date.nullable() }),
  sources: z.array(z.looseObject({
    path: z.string(),
    kind: z.enum(['survey', 'ticket', 'order', 'web', 'campaign', 'traffic']),
    format: z.enum(['csv', 'tsv', 'parquet', 'jsonl']),
    preset: z.string().nullable(),
    rows: z.number().int().nonnegative(),
    rejected: z.number().int().nonnegative(),
  })),
  kpis: z.array(kpiSchema),
  stages: z.array(stageSchema.loose()),
  friction: z.array(frictionSchema),
  warnings: z.array(z.string()),
});

export function renderJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

export function renderReportJson(report: Report): string {
  return renderJson(report);
}
