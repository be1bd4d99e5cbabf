// Property: the web KPIs count sessions and visitors per scope without count(DISTINCT) (measure.ts,
// unitRowsCtes), and give the counts a plain distinct count gives, at the journey, every stage
// (rows without a stage sit in the KPI's home stage), every touchpoint and every segment value.
// The generated exports are built to hit what that shortcut must get right: touchpoints whose rows
// have a stage on some rows and none on others, sessions in several stages, touchpoints and
// segment values, visitors with several sessions and events without a visitor.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { frictionQueries } from '../src/core/analysis/friction-components.js';
import { loadConfig } from '../src/core/config/load.js';
import { openSession, type Session } from '../src/core/session.js';
import { runJourney, tempDir } from './helpers/run.js';

interface Event { session: string; user: string | null; event: string; page: string; touchpoint: string | null; stage: string | null }
interface Kpi { id: string; n: number; value: number | null; flags: string[] }
interface Scoped { kpis: Kpi[] }
interface Stage extends Scoped { id: string; touchpoints: (Scoped & { id: string })[] }

const HOME: Record<string, string> = {
  sessions: 'awareness', visitors: 'awareness', pages_per_session: 'consideration', leads: 'consideration',
  conversion_rate: 'purchase', cart_abandonment_rate: 'purchase',
};

const event = fc.record({
  user: fc.constantFrom('u1', 'u2', 'u3', null),
  event: fc.constantFrom('page_view', 'page_view', 'add_to_cart', 'purchase', 'generate_lead', 'file_download'),
  page: fc.constantFrom('/x', '/y'),
  touchpoint: fc.constantFrom('a', 'b', 'c', null),
  stage: fc.constantFrom('awareness', 'consideration', 'purchase', null),
});
const sessions = fc.array(fc.array(event, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 })
  .map((ss) => ss.flatMap((events, i) => events.map((e) => ({ ...e, session: `s${i + 1}` }))));

/** What a distinct count over the rows of each scope gives, keyed like the report's JSON. */
function expected(rows: Event[]): Map<string, Map<string, { n: number; value: number | null }>> {
  const out = new Map<string, Map<string, { n: number; value: number | null }>>();
  const staged = rows.filter((r) => r.stage).length;
  const mode = staged === 0 ? 'none' : staged === rows.length ? 'own' : 'mixed';
  const bought = new Set(rows.filter((r) => r.event === 'purchase').map((r) => r.session));
  const carted = new Set(rows.filter((r) => r.event === 'add_to_cart').map((r) => r.session));
  const measure = (key: string, id: string, scope: Event[]) => {
    const sessionsIn = new Set(scope.map((r) => r.session));
    const views = scope.filter((r) => r.event === 'page_view').length;
    const cartIn = [...sessionsIn].filter((s) => carted.has(s));
    const values: Record<string, { n: number; value: number | null }> = {
      sessions: { n: sessionsIn.size, value: sessionsIn.size },
      visitors: { n: new Set(scope.flatMap((r) => (r.user ? [r.user] : []))).size, value: null },
      pages_per_session: { n: sessionsIn.size, value: views / sessionsIn.size },
      leads: { n: scope.filter((r) => r.event === 'generate_lead').length, value: null },
      conversion_rate: { n: sessionsIn.size, value: (100 * [...sessionsIn].filter((s) => bought.has(s)).length) / sessionsIn.size },
      cart_abandonment_rate: { n: cartIn.length, value: cartIn.length ? (100 * cartIn.filter((s) => !bought.has(s)).length) / cartIn.length : null },
    };
    if (values[id].n === 0) return;
    if (!out.has(key)) out.set(key, new Map());
    out.get(key)!.set(id, values[id]);
  };
  for (const segment of [null, '/x', '/y']) {
    const inSegment = rows.filter((r) => segment === null || r.page === segment);
    for (const [id, home] of Object.entries(HOME)) {
      measure(JSON.stringify([segment, null, null]), id, inSegment);
      const stageOf = (r: Event) => (mode === 'none' ? home : mode === 'own' ? r.stage : (r.stage ?? home));
      for (const stage of ['awareness', 'consideration', 'purchase']) {
        const inStage = inSegment.filter((r) => stageOf(r) === stage);
        if (segment === null) measure(JSON.stringify([null, stage, null]), id, inStage);
        for (const tp of ['a', 'b', 'c']) measure(JSON.stringify([segment, stage, tp]), id, inStage.filter((r) => r.touchpoint === tp));
      }
    }
  }
  return out;
}

/** The report's web KPIs, keyed [segment value, stage, touchpoint]. */
function actual(report: { kpis: Kpi[]; stages: Stage[]; segment: { values: { value: string; kpis: Kpi[]; stages: Stage[] }[] } }) {
  const out = new Map<string, Map<string, { n: number; value: number | null }>>();
  const put = (key: (string | null)[], kpis: Kpi[]) => {
    const web = kpis.filter((k) => k.id in HOME && !k.flags.includes('not_measurable'));
    if (web.length) out.set(JSON.stringify(key), new Map(web.map((k) => [k.id, { n: k.n, value: k.value }])));
  };
  put([null, null, null], report.kpis);
  for (const s of report.stages) {
    put([null, s.id, null], s.kpis);
    for (const t of s.touchpoints) put([null, s.id, t.id], t.kpis);
  }
  for (const v of report.segment.values) {
    put([v.value, null, null], v.kpis);
    for (const s of v.stages) for (const t of s.touchpoints) put([v.value, s.id, t.id], t.kpis);
  }
  return out;
}

/** Friction's web query as it is written for web rows with no scopes, one stage per touchpoint, or any. */
function dropOff(scopes: 'none' | 'one' | 'many'): string {
  const shape = scopes === 'none' ? { staged: 0, mapped: 0, touchpointStages: 'one' as const } : { staged: 1, mapped: 1, touchpointStages: scopes };
  return frictionQueries(['web'], new Map([['web', shape]])).find((q) => q.relation === 'web')!.sql;
}

/** The events as a web export, with or without the touchpoint and stage columns. */
function webCsv(rows: Event[], scoped = true): string {
  const header = `timestamp,session_id,user_id,event,page${scoped ? ',touchpoint,stage' : ''}`;
  const line = (r: Event, i: number) => [`2025-01-01 10:${String(i).padStart(2, '0')}:00`, r.session, r.user ?? '', r.event, r.page,
    ...(scoped ? [r.touchpoint ?? '', r.stage ?? ''] : [])].join(',');
  return `${[header, ...rows.map(line)].join('\n')}\n`;
}

describe('web KPIs count each session and visitor once per scope', () => {
  const dir = tempDir('journey-web-units-');

  /** Opens a session on one web export without a config, runs `fn`, closes it. */
  async function inSession(csv: string, fn: (session: Session) => Promise<void>): Promise<void> {
    const path = join(dir, 'web_events.csv');
    writeFileSync(path, csv);
    const session = await openSession({ inputs: [path], config: await loadConfig(undefined, dir), cwd: dir, env: { XDG_CONFIG_HOME: dir }, period: { since: null, until: null } });
    try {
      await fn(session);
    } finally {
      session.db.close();
    }
  }
  writeFileSync(join(dir, 'journey.yaml'), 'segments:\n  - id: page\n    expr:\n      web: "page"\n');

  it('equals a distinct count at every scope, segment value, stage and touchpoint', async () => {
    // Rows as generated (some with a stage, some without), all with a stage, or none with one: the
    // three ways measure.ts places rows in stages.
    const staging = fc.constantFrom('mixed', 'all', 'none');
    await fc.assert(fc.asyncProperty(sessions, staging, async (generated, how) => {
      const rows = generated.map((r) => ({ ...r, stage: how === 'none' ? null : how === 'all' ? (r.stage ?? 'consideration') : r.stage }));
      writeFileSync(join(dir, 'web_events.csv'), webCsv(rows));
      const run = await runJourney(['report', join(dir, 'web_events.csv'), '-c', join(dir, 'journey.yaml'), '--segment', 'page', '-f', 'json', '-q']);
      expect(run.code, run.stderr).toBe(0);
      const got = actual(JSON.parse(run.stdout));
      const want = expected(rows);
      for (const [scope, kpis] of want) {
        for (const [id, { n, value }] of kpis) {
          // A KPI whose event is missing from the whole export is "not measurable" instead.
          const measurable = id === 'sessions' || id === 'visitors' || id === 'leads'
            || rows.some((r) => r.event === { pages_per_session: 'page_view', conversion_rate: 'purchase', cart_abandonment_rate: 'add_to_cart' }[id]);
          if (!measurable) continue;
          const have = got.get(scope)?.get(id);
          expect(have?.n, `${id} at ${scope}`).toBe(n);
          if (value !== null && id !== 'visitors' && id !== 'leads') expect(have?.value, `${id} value at ${scope}`).toBeCloseTo(value, 9);
        }
      }
      // Nothing the distinct count does not have either.
      for (const [scope, kpis] of got) for (const id of kpis.keys()) expect(want.get(scope)?.has(id), `${id} at ${scope} not expected`).toBe(true);
    }), { numRuns: 15, seed: 20261206 });
  }, 60_000);

  it('drop-off skips grouping by session and touchpoint only where that changes nothing', async () => {
    // Every touchpoint with one stage (or none), the rows without a touchpoint too: the per-session
    // facts are one per session and touchpoint already, and the short query must give the grouped
    // query's rows.
    const oneStage = fc.record({ a: fc.constantFrom('awareness', 'consideration', 'purchase', null), b: fc.constantFrom('purchase', null), c: fc.constantFrom('consideration', 'purchase'), none: fc.constantFrom('awareness', null) });
    await fc.assert(fc.asyncProperty(sessions, oneStage, async (rows, stageOf) => {
      const staged = rows.map((r) => ({ ...r, stage: stageOf[(r.touchpoint ?? 'none') as keyof typeof stageOf] }));
      await inSession(webCsv(staged), async (session) => {
        expect(session.shape.get('web')?.touchpointStages).toBe('one');
        expect(await session.db.all(dropOff('one'))).toEqual(await session.db.all(dropOff('many')));
      });
    }), { numRuns: 10, seed: 20261206 });
  }, 60_000);

  it('drop-off without any stage or touchpoint reads one row per session', async () => {
    await fc.assert(fc.asyncProperty(sessions, async (rows) => {
      await inSession(webCsv(rows, false), async (session) => {
        expect(session.shape.get('web')).toMatchObject({ staged: 0, mapped: 0 });
        expect(await session.db.all(dropOff('none'))).toEqual(await session.db.all(dropOff('many')));
      });
    }), { numRuns: 10, seed: 20261206 });
  }, 60_000);

  it('counts the rows without a touchpoint as one more touchpoint when it asks for one stage each', async () => {
    // s1's pages without a touchpoint are in two stages: grouped per session and touchpoint, they are
    // one row, so the facts are not one per session and touchpoint.
    const s1 = { session: 's1', user: 'u1', event: 'page_view', page: '/x', touchpoint: null };
    await inSession(webCsv([{ ...s1, stage: 'awareness' }, { ...s1, stage: 'consideration' }, { ...s1, session: 's2', touchpoint: 'a', stage: 'awareness' }]), async (session) => {
      expect(session.shape.get('web')).toMatchObject({ touchpointStages: 'many', stages: ['awareness', 'consideration'] });
    });
  });
});
