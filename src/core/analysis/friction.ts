// Friction ranking (issue 4): touchpoints ranked by how much more friction customers meet there
// than across the whole journey. Each component is a share with its Wilson interval; its
// contribution is the excess of the interval's lower bound over the journey-wide share, times the
// number of customers (answers, tickets, sessions) behind it. docs/friction.md explains why.
import { say } from '../messages.js';
import type { Db } from '../db.js';
import type { Period } from '../period.js';
import type { Session } from '../session.js';
import type { Kind } from '../sources/kinds/index.js';
import { wilson, Z95 } from '../kpis/stats.js';
import { COMPONENTS, frictionQueries, statColumn, type ComponentDef, type FrictionQuery } from './friction-components.js';
import { momentsOfTruth, type MomentOfTruth } from './friction-mot.js';
import type { TouchpointMeta } from './friction-types.js';

export type { TouchpointMeta } from './friction-types.js';
import type { z } from 'zod';
import type { frictionBaselineSchema, frictionComponentSchema, frictionEntrySchema, frictionReportSchema } from '../contracts/friction.js';
import { touchpointThemes } from './themes.js';

export type FrictionComponent = z.infer<typeof frictionComponentSchema>;
/** One touchpoint of the ranking, as the report's `friction` and journey-friction/1 list it. */
export type FrictionEntry = z.infer<typeof frictionEntrySchema>;
export type FrictionBaseline = z.infer<typeof frictionBaselineSchema>;

export interface FrictionResult {
  friction: FrictionEntry[];
  baselines: FrictionBaseline[];
  /** Journey-wide median time to resolution (hours) that `slow_resolution` compares with. */
  slow_after_hours: number | null;
  moments_of_truth: MomentOfTruth[];
  /** The statements behind every number, with the values they were run with. */
  queries: { relation: string; sql: string; params?: Record<string, string> }[];
  warnings: string[];
}

const FRICTION_FORMULA =
  'score = sum over components of max(0, Wilson 95% lower bound of the touchpoint share - journey-wide share) x n';

interface Counts {
  stage: string | null;
  rows: number;
  k: Map<string, number>;
  n: Map<string, number>;
}

interface Measured {
  touchpoints: Map<string, Counts>;
  journey: Map<string, { k: number; n: number }>;
  slowAfter: number | null;
}

async function runQueries(db: Db, queries: FrictionQuery[]): Promise<Measured> {
  const touchpoints = new Map<string, Counts>();
  const journey = new Map<string, { k: number; n: number }>();
  let slowAfter: number | null = null;
  for (const q of queries) {
    const rows = await db.all<Record<string, unknown>>(q.sql);
    for (const row of rows) {
      const num = (c: ComponentDef, stat: 'n' | 'k') => Number(row[statColumn(c, stat)] ?? 0);
      if (Number(row._baseline) === 1) {
        for (const c of q.components) journey.set(c.id, { k: num(c, 'k'), n: num(c, 'n') });
        if (q.relation === 'tickets') slowAfter = (row._ttr_median_hours as number | null) ?? null;
        continue;
      }
      if (row._touchpoint == null) continue; // rows matching no touchpoint count only in the baseline
      const id = String(row._touchpoint);
      const counts = touchpoints.get(id) ?? { stage: null, rows: 0, k: new Map(), n: new Map() };
      counts.stage ??= (row._stage as string | null) ?? null;
      // csat_answers re-counts survey and ticket rows: only the other relations add to n.
      if (q.relation !== 'csat_answers') counts.rows += Number(row._rows ?? 0);
      for (const c of q.components) {
        counts.n.set(c.id, num(c, 'n'));
        counts.k.set(c.id, num(c, 'k'));
      }
      touchpoints.set(id, counts);
    }
  }
  return { touchpoints, journey, slowAfter };
}

interface ScoreOptions {
  lowN: number;
  minCell: number;
}

/** One component at one touchpoint: share, interval, excess over the baseline, contribution. */
function scoreComponent(def: ComponentDef, k: number, n: number, base: { k: number; n: number }, options: ScoreOptions): FrictionComponent {
  const baseline = base.n > 0 ? base.k / base.n : 0;
  const flags: string[] = [];
  if (n < options.lowN) flags.push('low_n');
  const common = { group: def.group, label: def.label, unit: def.unit, phrase: def.phrase, n, baseline: 100 * baseline, baseline_n: base.n };
  if (def.surveyDerived && n < options.minCell) {
    // Withheld for privacy: showing the share, or a contribution computed from it, would reveal
    // what a handful of respondents answered.
    return { ...common, affected: null, rate: null, ci: null, excess: 0, contribution: 0, share: 0, flags: [...flags, 'suppressed'] };
  }
  const ci = wilson(k, n, Z95)!;
  const excess = base.n > 0 ? Math.max(0, ci[0] - baseline) : 0;
  return {
    ...common,
    affected: k,
    rate: (100 * k) / n,
    ci: [100 * ci[0], 100 * ci[1]],
    excess: 100 * excess,
    contribution: excess * n,
    share: 0,
    flags,
  };
}

const pct = (x: number) => `${x.toFixed(1)}%`;

function describe(c: FrictionComponent): string {
  return `${c.affected} of ${c.n} ${c.unit} ${c.phrase} (${pct(c.rate!)}, 95% CI ${pct(c.ci![0])}-${pct(c.ci![1])}, journey-wide ${pct(c.baseline)})`;
}

/** One sentence naming the biggest contributors with their numbers, or why the score is 0. */
function whyOf(entry: Pick<FrictionEntry, 'score' | 'components'>): string {
  const parts = Object.values(entry.components);
  if (entry.score > 0) {
    const top = parts.filter((c) => c.contribution > 0).sort((a, b) => b.contribution - a.contribution).slice(0, 2);
    const share = top.reduce((sum, c) => sum + c.share, 0);
    return `${top.map(describe).join('; and ')}: ${Math.round(share)}% of the score.`;
  }
  const withheld = parts.filter((c) => c.flags.includes('suppressed'));
  const above = parts.filter((c) => c.rate !== null && c.rate > c.baseline);
  const notes: string[] = [];
  if (above.length) {
    const c = above.sort((a, b) => b.n - a.n)[0]!;
    notes.push(`${c.label} is ${pct(c.rate!)} of ${c.n} ${c.unit} against ${pct(c.baseline)} journey-wide, `
      + `but its 95% interval reaches down to ${pct(c.ci![0])}, so it is not clearly worse`);
  } else if (parts.some((c) => c.rate !== null)) {
    notes.push('no component is above the journey-wide share');
  }
  if (withheld.length) {
    notes.push(`${withheld.map((c) => `${c.n} ${c.unit}`).join(' and ')} withheld (fewer than min_cell respondents)`);
  }
  if (notes.length === 0) notes.push('none of its rows carries a CSAT, CES, NPS, ticket resolution or funnel session');
  return `No evidence of more friction than the journey as a whole: ${notes.join('; ')}.`;
}

/** Scores, shares, ranks (ties share a rank) and the `why` of every touchpoint with data. */
function rankFriction(measured: Measured, meta: Map<string, TouchpointMeta>, options: ScoreOptions): FrictionEntry[] {
  const entries: Omit<FrictionEntry, 'rank'>[] = [];
  for (const [id, counts] of measured.touchpoints) {
    const components: Record<string, FrictionComponent> = {};
    for (const def of COMPONENTS) {
      const n = counts.n.get(def.id) ?? 0;
      const base = measured.journey.get(def.id);
      if (n === 0 || !base) continue;
      components[def.id] = scoreComponent(def, counts.k.get(def.id) ?? 0, n, base, options);
    }
    const score = Object.values(components).reduce((sum, c) => sum + c.contribution, 0);
    for (const c of Object.values(components)) c.share = score > 0 ? (100 * c.contribution) / score : 0;
    const m = meta.get(id);
    const entry = {
      touchpoint: id,
      stage: m?.stage ?? counts.stage ?? '',
      score,
      n: counts.rows,
      components,
      why: '',
      label: m?.label ?? id,
      moment_of_truth: m?.moment_of_truth ?? false,
    };
    entry.why = whyOf(entry);
    entries.push(entry);
  }
  entries.sort((a, b) => b.score - a.score || a.touchpoint.localeCompare(b.touchpoint));
  return entries.map((e, i) => {
    const first = entries.findIndex((x) => x.score === e.score);
    return { rank: first === -1 ? i + 1 : first + 1, ...e };
  });
}

export interface FrictionRequest {
  /** Leave out the moments-of-truth analysis (the report needs only the ranking). */
  momentsOfTruth?: boolean;
}

/** Runs the friction queries (and the moments-of-truth query) on an open session. */
export async function analyseFriction(session: Pick<Session, 'db' | 'config' | 'model' | 'shape'>, request: FrictionRequest = {}): Promise<FrictionResult> {
  const { db, config } = session;
  const loaded: Kind[] = session.model.kinds;
  const queries = frictionQueries(loaded, session.shape);
  const measured = await runQueries(db, queries);
  const meta = new Map(config.touchpoints.map((t) => [t.id, { label: t.label ?? t.id, stage: t.stage, moment_of_truth: t.moment_of_truth }]));
  const options = { lowN: config.low_n, minCell: config.min_cell };
  const friction = rankFriction(measured, meta, options);
  // The why behind the numbers: the comment themes detractors mention more than promoters (themes.ts).
  const themes = await touchpointThemes(session);
  if (themes) for (const e of friction) e.themes = themes.get(e.touchpoint) ?? [];
  const baselines = COMPONENTS.flatMap((c) => {
    const base = measured.journey.get(c.id);
    return base && base.n > 0
      ? [{ id: c.id, group: c.group, label: c.label, unit: c.unit, definition: c.definition, affected: base.k, n: base.n, rate: (100 * base.k) / base.n }]
      : [];
  });
  const warnings: string[] = [];
  if (queries.length === 0) warnings.push(say('frictionNoData'));
  else if (friction.length === 0) warnings.push(say('frictionNoMapped'));
  const out: FrictionResult = {
    friction,
    baselines,
    slow_after_hours: measured.slowAfter,
    moments_of_truth: [],
    queries: queries.map((q) => ({ relation: q.relation, sql: q.sql })),
    warnings,
  };
  if (request.momentsOfTruth !== false) {
    const mot = await momentsOfTruth(db, loaded, friction, meta, options);
    out.moments_of_truth = mot.moments;
    if (mot.query) out.queries.push({ relation: 'moments_of_truth', ...mot.query });
  }
  return out;
}

/** The `journey friction` document (journey-friction/1, src/core/contracts/friction.ts). */
export type FrictionReport = z.infer<typeof frictionReportSchema>;

/** `sql` (with --explain) is given by the caller, as it wants it printed (values inlined). */
export function frictionReport(session: Pick<Session, 'config' | 'display' | 'warnings'>, result: FrictionResult,
  request: { period: Period; now: Date; sql?: { relation: string; sql: string }[] }): FrictionReport {
  const { config } = session;
  const report: FrictionReport = {
    schema: 'journey-friction/1',
    generated_at: request.now.toISOString(),
    period: request.period,
    config: config.file ? session.display(config.file) : null,
    method: {
      formula: FRICTION_FORMULA,
      interval: 'Wilson score interval, 95%',
      baseline: 'the same share over every row of the period, mapped to a touchpoint or not (the journey-wide value)',
      slow_after_hours: result.slow_after_hours,
    },
    baselines: result.baselines,
    friction: result.friction,
    moments_of_truth: result.moments_of_truth,
    warnings: [...session.warnings, ...result.warnings],
  };
  if (request.sql) report.sql = request.sql;
  return report;
}
