// The journey-report/1 contract (`journey report --format json`, DESIGN §7), with the additions the
// versioning rule allows: config, coverage, touchpoint notes, segment, loyalty and trends.
import { z } from 'zod';
import { frictionEntrySchema } from './friction.js';
import { funnelSchema } from './funnel.js';
import { identityCoverageSchema } from './identity.js';
import {
  countSchema, coverageSchema, dateSchema, intervalSchema, kindSchema, kpiSchema, noTestReasonSchema, periodSchema,
  pValueSchema, testNameSchema, timestampSchema, unitSchema,
} from './shared.js';

export const touchpointReportSchema = z.strictObject({
  id: z.string(),
  label: z.string(),
  moment_of_truth: z.boolean().describe('Marked moment_of_truth in the config'),
  kpis: z.array(kpiSchema),
  insights: z.array(z.string()).describe('From the config, as written'),
  opportunities: z.array(z.string()).describe('From the config, as written'),
  solutions: z.array(z.string()).describe('From the config, as written'),
}).meta({ id: 'TouchpointReport' });

export const stageReportSchema = z.strictObject({
  id: z.string(),
  label: z.string(),
  kpis: z.array(kpiSchema).describe('KPIs over the stage\'s rows'),
  headline: z.array(z.string()).describe('The stage\'s own KPIs (ids, in the order shown): the config\'s stages[].headline, else the default for the stage id. The human formats show these (and at touchpoints also csat, ces, nps) unless --all-kpis; kpis keeps every KPI'),
  touchpoints: z.array(touchpointReportSchema).describe('Configured touchpoints first, then those only the data names'),
}).meta({ id: 'StageReport' });

export const segmentReportSchema = z.strictObject({
  value: z.string().describe('The segment expression\'s value; (none) where it is empty'),
  kpis: z.array(kpiSchema),
  stages: z.array(stageReportSchema),
  loyalty: z.lazy(() => loyaltySchema).optional().describe('Loyalty beside satisfaction over this value\'s survey respondents'),
  trends: z.lazy(() => trendsSchema).optional().describe('With --by: the trends over this value\'s rows'),
}).meta({ id: 'SegmentReport' });

export const personaReportSchema = z.strictObject({
  id: z.string(),
  label: z.string(),
  description: z.string().nullable().describe('From the config, as written'),
  goals: z.array(z.string()).describe('From the config, as written'),
  kpis: z.array(kpiSchema).describe('Whole-journey values over the persona\'s rows'),
  stages: z.array(stageReportSchema).describe('The report\'s stages over the persona\'s rows'),
  friction: z.array(frictionEntrySchema).describe('The friction ranking over the persona\'s rows'),
}).meta({ id: 'PersonaReport' });

const npsGroupSchema = z.enum(['promoter', 'passive', 'detractor', 'all']);

export const loyaltyGroupSchema = z.strictObject({
  id: npsGroupSchema,
  respondents: countSchema.describe('Customers whose latest NPS answer in the period puts them in the group'),
  unlinked: countSchema.describe('Of those, customers with no order of any status at any time'),
  kpis: z.array(kpiSchema).describe('repeat_purchase_rate and churn_rate over the group (left out when n = 0)'),
});

export const loyaltyDifferenceSchema = z.strictObject({
  kpi: z.string(),
  a: npsGroupSchema,
  b: npsGroupSchema,
  delta: z.number().describe('a minus b, in percentage points'),
  ci: intervalSchema.nullable().describe('Newcombe hybrid score interval'),
  p_value: pValueSchema.nullable().describe('Two-sided pooled z'),
  p_adjusted: pValueSchema.nullable().describe('Benjamini-Hochberg across the list'),
  significant: z.boolean(),
});

export const loyaltySchema = z.strictObject({
  nps_answers: z.enum(['home_stage', 'all']).describe('Which NPS answers define the groups: those at NPS\'s home stage, or all when none is there'),
  respondents: countSchema.describe('Customers (by key) with such an NPS answer in the period'),
  anonymous_answers: countSchema.describe('NPS answers without a customer key: they cannot be linked'),
  unlinked: countSchema,
  churn_as_of: z.iso.datetime().nullable().describe('T of the churn windows, the same as churn_rate\'s'),
  groups: z.array(loyaltyGroupSchema),
  differences: z.array(loyaltyDifferenceSchema).describe('Promoters against detractors'),
  alpha: z.number(),
  satisfied_not_returning: z.strictObject({
    customers: countSchema.describe('Customers whose every CSAT answer in the period is 4 or 5'),
    unlinked: countSchema,
    kpi: kpiSchema.nullable(),
  }),
}).meta({ id: 'Loyalty', description: 'Repeat purchase and churn per NPS group (docs/loyalty-and-trends.md)' });

export const trendPeriodSchema = z.strictObject({
  id: z.string().describe('ISO week 2025-W14, month 2025-04 or quarter 2025-Q2'),
  since: dateSchema.describe('First day measured (clipped to --since)'),
  until: dateSchema.describe('Last day measured (clipped to --until)'),
});

export const trendChangeSchema = z.strictObject({
  delta: z.number().describe('This period\'s value minus the previous period\'s, in the KPI\'s unit'),
  ci: intervalSchema.nullable(),
  test: testNameSchema.nullable(),
  no_test: noTestReasonSchema.nullable(),
  p_value: pValueSchema.nullable(),
  p_adjusted: pValueSchema.nullable().describe('Benjamini-Hochberg over every tested change'),
  significant: z.boolean(),
});

export const trendRowSchema = z.strictObject({
  stage: z.string().nullable(),
  touchpoint: z.string().nullable(),
  kpi: z.string(),
  label: z.string(),
  unit: unitSchema,
  values: z.array(kpiSchema.nullable()).describe('One per period; null where the scope had no data'),
  changes: z.array(trendChangeSchema.nullable()).describe('One per period; null for the first and where a value is missing or withheld'),
});

export const trendsSchema = z.strictObject({
  by: z.enum(['week', 'month', 'quarter']),
  periods: z.array(trendPeriodSchema),
  alpha: z.number(),
  adjustment: z.literal('benjamini-hochberg'),
  comparisons: countSchema.describe('Changes tested (the m of the adjustment)'),
  rows: z.array(trendRowSchema),
}).meta({ id: 'Trends', description: 'Every KPI per period (--by), docs/loyalty-and-trends.md' });

export const reportSourceSchema = z.strictObject({
  path: z.string().describe('As shown to the user (relative to the working directory when inside it)'),
  kind: kindSchema,
  format: z.string().describe('csv, tsv, parquet or jsonl'),
  preset: z.string().nullable().describe('Vendor preset that mapped the file; null for the canonical layout'),
  rows: countSchema.describe('Rows loaded'),
  rejected: countSchema.describe('Rows quarantined (journey validate lists them)'),
});

export const reportSchema = z.strictObject({
  schema: z.literal('journey-report/1'),
  generated_at: timestampSchema,
  period: periodSchema,
  sources: z.array(reportSourceSchema),
  kpis: z.array(kpiSchema).describe('Whole-journey values, one per catalogue id that has data'),
  stages: z.array(stageReportSchema),
  friction: z.array(frictionEntrySchema).describe('The friction ranking (docs/friction.md)'),
  warnings: z.array(z.string()),
  config: z.string().nullable().describe('Config file used, as shown to the user'),
  coverage: z.array(coverageSchema).describe('Per kind: rows, and rows mapped to a touchpoint'),
  identity: z.array(identityCoverageSchema).nullable().describe('With identity: in the config, per kind the units linked to a person seen in another kind (as in journey validate); else null'),
  funnels: z.array(funnelSchema).optional().describe('With funnels: in the config: each funnel as journey funnel computes it (journey-funnel/1) over the report\'s period, without segments; left out when none can start in the loaded data'),
  segment: z.strictObject({
    id: z.string(),
    label: z.string(),
    values: z.array(segmentReportSchema),
  }).optional().describe('With --segment: the report per value'),
  personas: z.array(personaReportSchema).optional().describe('journey map, with personas: in the config: the report over each persona\'s rows (rows where its segment condition is true)'),
  loyalty: loyaltySchema.optional().describe('When surveys and orders are loaded'),
  trends: trendsSchema.optional().describe('With --by week|month|quarter'),
  vs: z.strictObject({
    against: z.enum(['previous', 'last-year', 'before']).describe('previous / last-year: --vs; before: journey map --before/--after, the period given by --before'),
    period: periodSchema,
  }).optional().describe('With --vs: the period every KPI\'s `vs` compares with'),
  alerts: z.array(z.strictObject({
    type: z.enum(['missed', 'at_risk', 'decline']),
    stage: z.string().nullable(),
    touchpoint: z.string().nullable(),
    kpi: z.string(),
    message: z.string().describe('The line written to stderr'),
  })).optional().describe('With alerts: in the config: every alert that fired (the run exits 3 when any did)'),
}).meta({ title: 'journey-report/1', description: 'journey report --format json: KPIs per journey, stage and touchpoint' });
