// Identity stitching (docs/identity.md): the identifiers `identity.link` names (customer ids, email
// hashes, web user ids, any attribute column) that appear together on a row belong to one person;
// connected groups of them become one person key. Runs after load and before the canonical views,
// which replace each row's customer key by its person's key through the `journey_identity` table.
import { quoteIdent, quoteLiteral, type Db } from '../db.js';
import { ConfigError } from '../errors.js';
import type { Config } from '../config/load.js';
import { hmacSql } from '../sources/keys.js';
import type { Kind } from '../sources/kinds/index.js';
import type { IdentityCoverageResult } from '../contracts/identity.js';
import type { LoadedSource } from '../sources/ingest.js';
import { EMAIL_KEY } from '../sources/ingest/plan.js';

/** Kinds whose rows belong to a customer (campaign and traffic rows are aggregates). */
export const PERSON_KINDS: Kind[] = ['survey', 'ticket', 'order', 'web'];

/** Whether loads keep the email's hash beside a customer id (`identity.link` names email). */
export const linksEmail = (config: Config): boolean => config.identity?.link.includes('email') ?? false;

/** Safety net: hooking with pointer jumping needs about log2(largest group) rounds. */
const MAX_ROUNDS = 200;

/** One identifier a row can carry: how to read it from a loaded table, and its rank as a person key. */
interface IdentifierSql {
  /** The column of the loaded table it is read from (internal columns included). */
  loaded: string;
  /** SQL: the identifier from that column's value `x` (applied after the distinct combinations are found). */
  value: (x: string) => string;
  /** SQL over the canonical view (for the join that applies the map), or null when only loaded tables have it. */
  canonical: string | null;
  /** SQL: 0 for a customer id, 1 for an email hash, 2 for anything else (the person key prefers the lowest). */
  rank: string;
}

/**
 * The identifier expressions of one table. The customer key is customer_id, else the email's hash,
 * so it stands for both; an email beside a customer id is the internal `_email_key`; any other
 * column is namespaced by its name (`@user_id:u5278`), so equal values of different columns never merge.
 */
function identifiers(config: Config, columns: Set<string>): IdentifierSql[] {
  const link = config.identity?.link ?? [];
  const out: IdentifierSql[] = [];
  if (columns.has('customer_key') && (link.includes('customer_id') || link.includes('email'))) {
    out.push({ loaded: 'customer_key', value: (x) => x, canonical: 'customer_key', rank: "CASE WHEN i0 LIKE 'h:%' THEN 1 ELSE 0 END" });
  }
  if (link.includes('email') && columns.has(EMAIL_KEY)) out.push({ loaded: EMAIL_KEY, value: (x) => x, canonical: null, rank: '1' });
  for (const name of link) {
    if (name === 'customer_id' || name === 'email' || !columns.has(name)) continue;
    const value = (x: string) => `${quoteLiteral(`@${name}:`)} || CAST(${x} AS VARCHAR)`;
    out.push({ loaded: quoteIdent(name), value, canonical: value(quoteIdent(name)), rank: '2' });
  }
  return out;
}

async function columnsOf(db: Db, table: string): Promise<Set<string>> {
  const rows = await db.all<{ name: string }>(`SELECT column_name AS name FROM (DESCRIBE SELECT * FROM ${table})`, undefined, false);
  return new Set(rows.map((r) => r.name));
}

export interface Stitching {
  /** Per kind, the SQL over its canonical view that finds the row's entry in journey_identity. */
  anchors: Map<Kind, string>;
  /** Identifiers seen with more customer ids than identity.max_customer_ids: kept apart, linking nothing. */
  shared: number;
}

/**
 * Builds `journey_identity(id, person)` from every loaded table of a person kind, before lock-down
 * (identifiers that are not customer ids become keyed hashes, as emails do). Returns null without
 * an `identity:` section.
 */
export async function stitchIdentities(db: Db, sources: LoadedSource[], config: Config): Promise<Stitching | null> {
  if (!config.identity) return null;
  const selects: string[] = [];
  const anchors = new Map<Kind, string>();
  const found = new Set<string>();
  for (const source of sources) {
    if (!PERSON_KINDS.includes(source.kind)) continue;
    const columns = await columnsOf(db, source.table);
    for (const name of config.identity.link) if (columns.has(name) || (name === 'email' && columns.has(EMAIL_KEY)) || (name === 'customer_id' && columns.has('customer_key'))) found.add(name);
    const ids = identifiers(config, columns);
    if (ids.length === 0) continue;
    // Distinct combinations first: a million events of one visitor are one row here.
    const list = `[${ids.map((id, i) => `{'id': i${i}, 'rank': (${id.rank})::INTEGER}`).join(', ')}]`;
    selects.push([
      `  SELECT list_filter(${list}, x -> x.id IS NOT NULL) AS ids`,
      // The raw columns' distinct combinations first, the identifiers' text after: far fewer strings.
      `  FROM (SELECT ${ids.map((id, i) => `${id.value(`r${i}`)} AS i${i}`).join(', ')}`,
      `        FROM (SELECT DISTINCT ${ids.map((id, i) => `${id.loaded} AS r${i}`).join(', ')} FROM ${source.table} WHERE _reject IS NULL))`,
    ].join('\n'));
    const canonical = ids.filter((id) => id.canonical !== null).map((id) => id.canonical!);
    if (canonical.length && !anchors.has(source.kind)) anchors.set(source.kind, canonical.length === 1 ? canonical[0] : `coalesce(${canonical.join(', ')})`);
  }
  const missing = config.identity.link.filter((name) => !found.has(name));
  if (missing.length === config.identity.link.length && sources.some((s) => PERSON_KINDS.includes(s.kind))) {
    throw new ConfigError(config.file ?? 'config', [`identity.link: none of ${missing.join(', ')} is a column of the loaded surveys, tickets, orders or web events`]);
  }
  await db.exec([
    'CREATE TABLE identity_rows AS',
    `WITH rows AS (\n${selects.length ? selects.join('\n  UNION ALL\n') : "  SELECT []::STRUCT(id VARCHAR, rank INTEGER)[] AS ids"}\n)`,
    'SELECT DISTINCT ids FROM rows WHERE len(ids) > 0',
  ].join('\n'));
  // Every identifier links to the first identifier of its row: a star per row, a graph overall.
  await db.exec([
    'CREATE TABLE identity_edges AS',
    'SELECT DISTINCT ids[1].id AS a, unnest(ids).id AS b FROM identity_rows',
  ].join('\n'));
  await db.exec([
    'CREATE TABLE identity_labels AS',
    'SELECT id, min(rank) AS rank, id AS label',
    'FROM (SELECT unnest(ids, recursive := true) FROM identity_rows)',
    'GROUP BY id',
  ].join('\n'));
  // A shared identifier (one web user_id on a family computer, an info@ address) would merge
  // unrelated customers: seen with more customer ids than max_customer_ids, it links none.
  await db.exec([
    'CREATE TABLE identity_shared AS',
    'SELECT e.id FROM (',
    '  SELECT a AS id, b AS other FROM identity_edges WHERE a <> b',
    '  UNION SELECT b, a FROM identity_edges WHERE a <> b',
    ') e JOIN identity_labels o ON o.id = e.other AND o.rank = 0',
    'GROUP BY e.id HAVING count(DISTINCT e.other) > $max',
  ].join('\n'), { max: config.identity.max_customer_ids });
  await db.exec('DELETE FROM identity_edges WHERE a IN (SELECT id FROM identity_shared) OR b IN (SELECT id FROM identity_shared)');
  const [{ shared }] = await db.all<{ shared: number }>('SELECT count(*)::DOUBLE AS shared FROM identity_shared', undefined, false);
  await propagate(db);
  // The person key: the component's customer id when it has one (so an unlinked customer keeps
  // today's key), else its email hash, else a keyed hash of its smallest other identifier.
  await db.exec([
    'CREATE TABLE journey_identity AS',
    'WITH chosen AS (',
    '  SELECT label, arg_min(id, (rank, id)) AS id, min(rank) AS rank, count(*) AS ids',
    '  FROM identity_labels GROUP BY label',
    ')',
    "SELECT l.id AS _identity_id, CASE WHEN c.rank < 2 THEN c.id ELSE 'p:' || left(" + hmacSql('c.id') + ', 32) END AS _person',
    'FROM identity_labels l JOIN chosen c USING (label)',
  ].join('\n'));
  await db.exec('DROP TABLE identity_rows', undefined, false);
  await db.exec('DROP TABLE identity_edges', undefined, false);
  await db.exec('DROP TABLE identity_labels', undefined, false);
  await db.exec('DROP TABLE identity_shared', undefined, false);
  return { anchors, shared };
}

/**
 * Connected components by hooking and contraction (Shiloach-Vishkin style), set-based: every
 * identifier starts labelled with itself, and `identity_graph` holds the edges between labels. Each
 * round (1) hooks every label to its smallest neighbour label when that is smaller, (2) follows the
 * hooks to their end by pointer jumping (a chain of hooks halves each step, on the small hook table),
 * (3) relabels the identifiers and contracts the graph through the hooks, dropping edges inside a
 * label. Labels only decrease and stay identifiers of the same group, and every edge of the data
 * stays represented between the labels of its ends, so when no edge is left each group has one
 * label (its smallest identifier). A group of n identifiers needs about log2 n rounds; after the
 * first round the graph holds only the edges between groups not yet merged, so later rounds are small.
 */
async function propagate(db: Db): Promise<void> {
  await db.exec([
    'CREATE TABLE identity_graph AS',
    'SELECT a, b FROM identity_edges WHERE a <> b',
    'UNION SELECT b, a FROM identity_edges WHERE a <> b',
  ].join('\n'));
  for (let round = 0; round < MAX_ROUNDS; round++) {
    await db.exec([
      'CREATE OR REPLACE TABLE identity_hooks AS',
      'SELECT a AS x, min(b) AS p FROM identity_graph GROUP BY a HAVING min(b) < a',
    ].join('\n'));
    const [{ hooks }] = await db.all<{ hooks: number }>('SELECT count(*)::DOUBLE AS hooks FROM identity_hooks', undefined, false);
    if (hooks === 0) {
      await db.exec('DROP TABLE identity_graph', undefined, false);
      await db.exec('DROP TABLE identity_hooks', undefined, false);
      return;
    }
    for (let jump = 0; jump < MAX_ROUNDS; jump++) {
      const [{ open }] = await db.all<{ open: number }>(
        'SELECT count(*)::DOUBLE AS open FROM identity_hooks h JOIN identity_hooks next ON next.x = h.p', undefined, false);
      if (open === 0) break;
      await db.exec([
        'CREATE OR REPLACE TABLE identity_hooks AS',
        'SELECT h.x, coalesce(next.p, h.p) AS p FROM identity_hooks h LEFT JOIN identity_hooks next ON next.x = h.p',
      ].join('\n'));
    }
    await db.exec([
      'CREATE OR REPLACE TABLE identity_labels AS',
      'SELECT l.id, l.rank, coalesce(h.p, l.label) AS label',
      'FROM identity_labels l LEFT JOIN identity_hooks h ON h.x = l.label',
    ].join('\n'));
    await db.exec([
      'CREATE OR REPLACE TABLE identity_graph AS',
      'SELECT DISTINCT coalesce(ha.p, g.a) AS a, coalesce(hb.p, g.b) AS b',
      'FROM identity_graph g LEFT JOIN identity_hooks ha ON ha.x = g.a LEFT JOIN identity_hooks hb ON hb.x = g.b',
      'WHERE coalesce(ha.p, g.a) <> coalesce(hb.p, g.b)',
    ].join('\n'));
  }
  throw new Error(`identity stitching did not settle in ${MAX_ROUNDS} rounds`);
}

/** The canonical view over `loaded` (a kind's rows) with the stitched key: the row's person, else its own customer key. */
export function stitchedViewSql(loaded: string, anchor: string): string {
  return [
    'SELECT loaded.* REPLACE (coalesce(person._person, loaded.customer_key) AS customer_key)',
    `FROM (\n${loaded}\n) loaded`,
    `LEFT JOIN journey_identity person ON person._identity_id = ${anchor}`,
  ].join('\n');
}

/** Per kind, the share of its units whose person appears in another kind (web: a session counts when any of its events links). */
export type IdentityCoverage = IdentityCoverageResult;

const UNIT: Partial<Record<Kind, IdentityCoverage['unit']>> = { survey: 'answers', ticket: 'tickets', order: 'orders', web: 'sessions' };

/**
 * Over every loaded row (not only the period's): it describes the data, not a KPI. One statement
 * for every kind, so each canonical view (and its join to journey_identity) is read once: the units
 * per person and kind, the kinds per person, then per kind the units whose person has another kind.
 */
export async function identityCoverage(db: Db, kinds: Kind[], view: (kind: Kind) => string): Promise<IdentityCoverage[]> {
  const present = PERSON_KINDS.filter((k) => kinds.includes(k));
  if (present.length === 0) return [];
  // Surveys, tickets and orders: one unit per row, counted per person; web: one unit per session
  // (a session with events of two persons appears under both and counts once, linked if either is).
  const units = present.map((k) => k === 'web'
    ? `  SELECT 'web' AS kind, coalesce(session_id, '') AS unit, customer_key AS person, 1 AS n FROM ${view(k)} GROUP BY ALL`
    : `  SELECT ${quoteLiteral(k)} AS kind, NULL::VARCHAR AS unit, customer_key AS person, count(*) AS n FROM ${view(k)} GROUP BY ALL`);
  const rows = await db.all<{ kind: Kind; units: number; linked: number; with_orders: number }>([
    'WITH units AS MATERIALIZED (',
    units.join('\n  UNION ALL\n'),
    '), kinds AS (',
    '  SELECT person, list(DISTINCT kind) AS kinds FROM units WHERE person IS NOT NULL GROUP BY person',
    '), judged AS MATERIALIZED (',
    '  SELECT u.kind, u.unit, u.n,',
    '         coalesce(len(list_filter(k.kinds, x -> x <> u.kind)) > 0, false) AS linked,',
    "         coalesce(list_contains(k.kinds, 'order') AND u.kind <> 'order', false) AS with_orders",
    '  FROM units u LEFT JOIN kinds k USING (person)',
    '), counted AS (',
    '  SELECT kind, n, linked, with_orders FROM judged WHERE unit IS NULL',
    '  UNION ALL',
    '  SELECT kind, 1, bool_or(linked), bool_or(with_orders) FROM judged WHERE unit IS NOT NULL GROUP BY kind, unit',
    ')',
    'SELECT kind, sum(n)::DOUBLE AS units,',
    '       coalesce(sum(n) FILTER (WHERE linked), 0)::DOUBLE AS linked,',
    '       coalesce(sum(n) FILTER (WHERE with_orders), 0)::DOUBLE AS with_orders',
    'FROM counted GROUP BY kind',
  ].join('\n'), undefined, false);
  return present.map((kind) => {
    const row = rows.find((r) => r.kind === kind) ?? { units: 0, linked: 0, with_orders: 0 };
    return { kind, unit: UNIT[kind]!, units: row.units, linked: row.linked, with_orders: kind === 'order' ? null : row.with_orders };
  });
}

/** Whether stitching gives any row of `loaded` another key than its own customer key. */
export async function keysChanged(db: Db, loaded: string, anchor: string): Promise<boolean> {
  // The first such row answers it: LIMIT 1 lets the scan stop there.
  const rows = await db.all<{ n: number }>([
    'SELECT 1 AS n',
    `FROM (\n${loaded}\n) loaded`,
    `JOIN journey_identity person ON person._identity_id = ${anchor}`,
    'WHERE person._person IS DISTINCT FROM loaded.customer_key',
    'LIMIT 1',
  ].join('\n'), undefined, false);
  return rows.length > 0;
}
