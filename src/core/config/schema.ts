// The journey.yaml / journey.json contract, as a zod schema (every problem reported at once).
import { z } from 'zod';
import { isDate } from '../period.js';

const id = z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be lowercase letters, digits and _ (starting with a letter)');
const sqlRule = z.string().min(1, 'must be a SQL expression');
const notes = z.union([z.string(), z.array(z.string())]).optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
const kindMap = <T extends z.ZodTypeAny>(value: T) =>
  z.object({ survey: value, ticket: value, order: value, web: value, campaign: value, traffic: value }).partial().strict();

export const stageSchema = z.object({
  id,
  label: z.string().optional(),
  /** The stage's own KPIs (catalogue ids), in the order shown; default per stage id (core/kpis/headline.ts). */
  headline: z.array(z.string()).min(1, 'list at least one KPI id (journey kpis lists them), or leave headline out').optional(),
}).strict();

export const touchpointSchema = z.object({
  id,
  label: z.string().optional(),
  stage: id,
  moment_of_truth: z.boolean().default(false),
  insights: notes,
  opportunities: notes,
  solutions: notes,
  match: kindMap(sqlRule).default({}),
}).strict();

const segmentSchema = z.object({
  id,
  label: z.string().optional(),
  /** One expression for every kind where it binds, or one per kind. */
  expr: z.union([sqlRule, kindMap(sqlRule)]),
}).strict();

/**
 * A persona: who they are (label, description, goals, as written) and which rows are theirs: a SQL
 * condition over the canonical columns like a touchpoint rule, one for every kind where it binds or
 * one per kind (docs/journey-map.md). The map is drawn once per persona.
 */
const personaSchema = z.object({
  id,
  label: z.string().optional(),
  description: z.string().optional(),
  goals: notes,
  segment: z.union([sqlRule, kindMap(sqlRule)]),
}).strict();

/** Canonical column -> the header that holds it in a file (`nps: "Q12"`). */
const columnMap = z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be a canonical column name'), z.string().min(1));

/**
 * Per canonical column, what each value in the file means (`Closed with explanation: solved`),
 * compared case-insensitively; null maps a value to empty.
 */
const valueMap = z.record(
  z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be a canonical column name'),
  z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
);

/** A calendar date as YYYY-MM-DD that exists (2025-02-30 does not). */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine(isDate, 'is not a real date');

/** A change made at one touchpoint from a date on: `journey compare --initiative ID` measures it. */
const initiativeSchema = z.object({
  id,
  touchpoint: id,
  started: isoDate,
  description: z.string().optional(),
}).strict();

const sourceSchema = z.union([
  z.string().min(1),
  z.object({
    /** A file (path:) or a derived source (query:, docs/derived-sources.md); exactly one of the two. */
    path: z.string().min(1).optional(),
    /**
     * The table name a derived source's query reads this file by; a named file without `kind:` is
     * only an input (read as raw text, not a source of its own). A derived source's own name.
     */
    name: id.optional(),
    /** A derived source: one SELECT over named files' raw tables, run locked down. */
    query: z.string().min(1, 'must be a SQL query').optional(),
    kind: z.enum(['survey', 'ticket', 'order', 'web', 'campaign', 'traffic']).optional(),
    /** Force a vendor preset by id instead of detecting it. */
    preset: z.string().optional(),
    /** Force the text encoding when detection cannot tell. */
    encoding: z.enum(['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252']).optional(),
    columns: columnMap.optional(),
    /** Recode values per canonical column (order statuses, event names, scores as words). */
    values: valueMap.optional(),
    /** Keep only the rows where this SQL expression over the file's headers is true. */
    where: z.string().min(1, 'must be a SQL expression').optional(),
  }).strict(),
]);

/** A KPI's target: `{min: 30}`, `{max: 24}` or both (docs/targets.md). */
const bound = z.object({ min: z.number().optional(), max: z.number().optional() }).strict()
  .refine((b) => b.min !== undefined || b.max !== undefined, 'give min, max or both (e.g. {min: 30})')
  .refine((b) => b.min === undefined || b.max === undefined || b.min <= b.max, 'min is above max');
const kpiTargets = z.record(z.string(), bound);

/** Per KPI id for the whole journey; `stages:` and `touchpoints:` by id for those scopes. */
const targetsSchema = z.object({
  stages: z.record(z.string(), kpiTargets).optional(),
  touchpoints: z.record(z.string(), kpiTargets).optional(),
}).catchall(bound);

/** When the run exits 3 and writes one stderr line per alert. */
const alertsSchema = z.object({
  /** A target whose whole interval is on the wrong side. */
  missed: z.boolean().default(true),
  /** A target the value misses while its interval still reaches it. */
  at_risk: z.boolean().default(false),
  /** With --vs: a significant change for the worse of these KPIs (all, or a list of ids). */
  decline: z.union([z.literal('all'), z.literal('none'), z.array(z.string())]).default('all'),
}).strict();

/**
 * Identity stitching (docs/identity.md): the columns whose values name a person. On any row, the
 * values of these columns that are present belong to one person; connected groups of them become
 * one person key.
 */
const identitySchema = z.object({
  link: z.array(z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be a canonical or attribute column name')).min(1, 'list at least one column (e.g. [customer_id, email, user_id])'),
  /** An identifier seen with more customer ids than this (a shared device, a family email) links none of them. */
  max_customer_ids: z.number().int().positive().default(3),
}).strict();

/** A duration: 30m, 2h, 14d, 2w. */
export const durationSchema = z.string().regex(/^\d+(\.\d+)?(m|h|d|w)$/, 'must be a duration such as 30m, 2h, 14d or 2w');
const personKindMap = <T extends z.ZodTypeAny>(value: T) =>
  z.object({ survey: value, ticket: value, order: value, web: value }).partial().strict();

/** One funnel step: rows of a touchpoint, or rows a rule per kind matches (docs/funnels.md). */
const funnelStepSchema = z.object({
  id,
  label: z.string().optional(),
  touchpoint: id.optional(),
  match: personKindMap(sqlRule).optional(),
  /** The step counts only within this long after the previous step (any order: of the first step). */
  within: durationSchema.optional(),
  /** The step is that no such row follows within `within` (e.g. no delivery ticket within 14 days). */
  absent: z.boolean().default(false),
}).strict()
  .refine((s) => (s.touchpoint === undefined) !== (s.match === undefined), 'give either touchpoint: or match:, not both')
  .refine((s) => !s.absent || s.within !== undefined, 'an absent step needs within: (how long to wait, e.g. 14d)');

const funnelSchema = z.object({
  id,
  label: z.string().optional(),
  /** person: the stitched customer key, across kinds; session: one web session (web steps only). */
  unit: z.enum(['person', 'session']).default('person'),
  /** ordered: each step after the previous one; any: in any order around the first step. */
  order: z.enum(['ordered', 'any']).default('ordered'),
  steps: z.array(funnelStepSchema).min(2, 'a funnel needs at least two steps')
    .refine((steps) => !steps[0]?.absent, 'the first step cannot be absent: it is where a unit enters'),
}).strict();

/** Comment themes (docs/themes.md): the bundled sets, plus or instead of the config's own, by name. */
const themeTerm = z.string().regex(/^[\p{L}\p{N}' -]+\*?$/u, 'a term is words (letters, digits, spaces, hyphens), optionally ending in * (e.g. bezorg*, te laat)');
const themesSchema = z.object({
  /** false: only the themes under `define`. */
  bundled: z.boolean().default(true),
  /** Theme name -> terms; a bundled theme of the same name is replaced. */
  define: z.record(z.string().regex(/^[a-z0-9_]+$/, 'a theme name is lower-case letters, digits and _'), z.array(themeTerm).min(1)).default({}),
}).strict();

export const configSchema = z.object({
  timezone: z.string().default('UTC'),
  churn_days: z.number().int().positive().default(90),
  low_n: z.number().int().nonnegative().default(30),
  min_cell: z.number().int().nonnegative().default(5),
  /** Refused with its own message in load.ts (crossCheck): the key is the user's, never the config's. */
  key_file: z.unknown().optional(),
  /** Language of the human formats (table, Markdown, HTML); --lang overrides it. JSON and CSV stay neutral. */
  lang: z.enum(['en', 'nl']).optional(),
  /** A file with a larger share of rejected records fails the run (exit 65); default: report and go on. */
  max_reject_rate: z.number().min(0).max(1).optional(),
  sources: z.array(sourceSchema).default([]),
  /** Per kind, canonical column -> header, for every file of that kind (e.g. Qualtrics questions). */
  columns: kindMap(columnMap).default({}),
  /** Per kind, canonical column -> value -> canonical value, for every file of that kind. */
  values: kindMap(valueMap).default({}),
  stages: z.array(stageSchema).min(1).optional(),
  touchpoints: z.array(touchpointSchema).default([]),
  segments: z.array(segmentSchema).default([]),
  personas: z.array(personaSchema).default([]),
  initiatives: z.array(initiativeSchema).default([]),
  /** The persistent store journey ingest writes and every command reads when no inputs are given (docs/store.md). */
  store: z.string().min(1).optional(),
  targets: targetsSchema.optional(),
  alerts: alertsSchema.optional(),
  identity: identitySchema.optional(),
  funnels: z.array(funnelSchema).default([]),
  themes: themesSchema.optional(),
}).strict();

export type ParsedConfig = z.output<typeof configSchema>;
export type SegmentConfig = z.output<typeof segmentSchema>;
export type PersonaConfig = z.output<typeof personaSchema>;
export type TargetsConfig = z.output<typeof targetsSchema>;
export type AlertsConfig = z.output<typeof alertsSchema>;
export type IdentityConfig = z.output<typeof identitySchema>;
export type FunnelConfig = z.output<typeof funnelSchema>;
export type FunnelStepConfig = FunnelConfig['steps'][number];
export type ThemeConfig = z.output<typeof themesSchema>;
export type InitiativeConfig = z.output<typeof initiativeSchema>;
