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
const count = z.number().int().nonnegative();
const interval = z.tuple([z.number(), z.number()]).nullable();
const npsGroup = z.enum(['promoter', 'passive', 'detractor', 'all']);

/** `loyalty`: repeat purchase and churn per NPS group (an addition to journey-report/1). */
export const loyaltySchema = z.object({
  nps_answers: z.enum(['home_stage', 'all']),
  respondents: count,
  anonymous_answers: count,
  unlinked: count,
  churn_as_of: z.iso.datetime().nullable(),
  groups: z.array(z.object({ id: npsGroup, respondents: count, unlinked: count, kpis: z.array(kpiSchema) })),
  differences: z.array(z.object({
    kpi: z.string(), a: npsGroup, b: npsGroup, delta: z.number(), ci: interval,
    p_value: z.number().nullable(), p_adjusted: z.number().nullable(), significant: z.boolean(),
  })),
  alpha: z.number(),
  satisfied_not_returning: z.object({ customers: count, unlinked: count, kpi: kpiSchema.nullable() }),
});

/** `trends` (`--by`): every KPI per period with the change from the period before. */
export const trendsSchema = z.object({
  by: z.enum(['week', 'month', 'quarter']),
  periods: z.array(z.object({ id: z.string(), since: date, until: date })),
  alpha: z.number(),
  adjustment: z.literal('benjamini-hochberg'),
  comparisons: count,
  rows: z.array(z.object({
    stage: z.string().nullable(),
    touchpoint: z.string().nullable(),
    kpi: z.string(),
    label: z.string(),
    unit: kpiSchema.shape.unit,
    values: z.array(kpiSchema.nullable()),
    changes: z.array(z.object({
      delta: z.number(),
      ci: interval,
      test: z.enum(['two_proportion_z', 'nps_z', 'welch_t']).nullable(),
      no_test: z.string().nullable(),
      p_value: z.number().nullable(),
      p_adjusted: z.number().nullable(),
      significant: z.boolean(),
    }).nullable()),
  })),
});

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
  loyalty: loyaltySchema.optional(),
  trends: trendsSchema.optional(),
});

export function renderJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

export function renderReportJson(report: Report): string {
  return renderJson(report);
}
