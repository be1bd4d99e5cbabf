// `--segment` on analyses without a breakdown of their own (friction, compare, drivers,
// integrity): the analysis runs once on all rows and once per segment value, on mapped views
// narrowed to that value's rows. Rows of a kind the segment does not bind to have no value, so
// they drop out of every value's run; the whole-data run keeps them.
import { quoteIdent } from '../db.js';
import type { Session } from '../session.js';
import { mappedView, personaColumn, segmentColumn, shapeOf } from './map.js';

/** The segment's values in the data, sorted; kinds it does not bind to have none. */
export async function segmentValues(session: Session, segment: string): Promise<string[]> {
  const column = quoteIdent(segmentColumn(segment));
  const kinds = session.model.kinds.filter((k) => session.model.segmentKinds.get(segment)?.has(k));
  if (kinds.length === 0) return [];
  const union = kinds.map((k) => `SELECT ${column} AS v FROM ${quoteIdent(mappedView(k))}`).join('\nUNION\n');
  const rows = await session.db.all<{ v: string }>(`SELECT v FROM (${union}) WHERE v IS NOT NULL ORDER BY v`, undefined, false);
  return rows.map((r) => r.v);
}

/**
 * Runs `fn` with every mapped view holding only the rows whose segment is `value` (bound through
 * a one-row table, never spliced), and puts the views back afterwards, also on error.
 */
export async function withSegmentValue<T>(session: Session, segment: string, value: string, fn: (narrowed: Session) => Promise<T>): Promise<T> {
  await session.db.exec('CREATE OR REPLACE TEMP TABLE journey_segment_value (v VARCHAR)', undefined, false);
  await session.db.exec('INSERT INTO journey_segment_value VALUES ($v)', { v: value }, false);
  return withNarrowedViews(session, `${quoteIdent(segmentColumn(segment))} = (SELECT v FROM journey_segment_value)`, fn);
}

/** Runs `fn` with every mapped view holding only the persona's rows (its condition is true). */
export async function withPersona<T>(session: Session, persona: string, fn: (narrowed: Session) => Promise<T>): Promise<T> {
  return withNarrowedViews(session, `${quoteIdent(personaColumn(persona))} IS TRUE`, fn);
}

/** `where` is built from quoted identifiers and bound tables only, never from a value. */
async function withNarrowedViews<T>(session: Session, where: string, fn: (narrowed: Session) => Promise<T>): Promise<T> {
  const { db } = session;
  const kinds = session.model.kinds;
  for (const kind of kinds) {
    const view = quoteIdent(mappedView(kind));
    const all = quoteIdent(`${mappedView(kind)}__all`);
    await db.exec(`ALTER VIEW ${view} RENAME TO ${all}`, undefined, false);
    await db.exec(`CREATE VIEW ${view} AS SELECT * FROM ${all} WHERE ${where}`, undefined, false);
  }
  try {
    const shapes = await shapeOf(db, kinds);
    const narrowed: Session = {
      ...session,
      shape: new Map(shapes.map((s) => [s.kind, s])),
      coverage: shapes.map(({ kind, rows, mapped }) => ({ kind, rows, mapped })),
    };
    return await fn(narrowed);
  } finally {
    for (const kind of kinds) {
      const view = quoteIdent(mappedView(kind));
      await db.exec(`DROP VIEW ${view}`, undefined, false);
      await db.exec(`ALTER VIEW ${quoteIdent(`${mappedView(kind)}__all`)} RENAME TO ${view}`, undefined, false);
    }
  }
}
