// The SQL a report runs, as one script runnable in DuckDB: the statements the session ran (values
// written in as literals), the lock-down where the session took it, then the KPI, friction and
// loyalty queries a report runs over them.
import { quoteLiteral, type Params } from './db.js';
import { frictionQueries } from './analysis/friction-components.js';
import { loyaltySql } from './analysis/loyalty.js';
import { segmentColumn } from './journey/map.js';
import { KPI_BY_ID } from './kpis/catalogue.js';
import { relationQueries } from './kpis/measure.js';
import type { Session } from './session.js';

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return quoteLiteral(String(value));
}

/** Put bound values back as literals, for reading and re-running by hand. */
export function inline(sql: string, params?: Params): string {
  if (!params) return sql;
  if (Array.isArray(params)) return sql.replace(/\$(\d+)/g, (_, i: string) => literal(params[Number(i) - 1]));
  return sql.replace(/\$([a-z_]+)/gi, (whole, name: string) => (name in params ? literal(params[name]) : whole));
}

export interface SqlScriptRequest {
  /** A segment id (already checked against the config), or null. */
  segment: string | null;
  now: Date;
}

export function sqlScript(session: Session, request: SqlScriptRequest): string {
  const { config } = session;
  const queries = relationQueries({
    loaded: session.model.kinds, shape: session.shape,
    segmentColumn: request.segment ? segmentColumn(request.segment) : null,
    lowN: config.low_n, minCell: config.min_cell,
  });
  const header = [
    `-- journey: the SQL behind \`journey report\`, generated ${request.now.toISOString()}`,
    `-- Intervals (Wilson, adjusted-Wald NPS, t) and flags are computed from these aggregates by journey itself.`,
    `-- The pseudonymisation key is not printed; this placeholder key gives other customer keys but the same KPIs.`,
    `SET VARIABLE journey_hmac_ipad = from_hex(repeat('36', 64));`,
    `SET VARIABLE journey_hmac_opad = from_hex(repeat('5c', 64));`,
  ];
  // The lock-down entry is the session's own marker: printed as the two settings, then a blank line.
  let statements = session.db.log.map((e) => (e.lockdown ? `${e.sql};\n` : `${inline(e.sql, e.params)};`));
  // Pre-pass copies live in a temp folder removed when the run ends: the script names the original
  // file instead and says what the copy changed, so a reader can redo it before running the script.
  for (const [temp, copy] of session.db.copies) {
    header.push(`-- ${copy.original}: journey read a normalised copy of this file (${copy.what}).`);
    header.push(`--   The statements below read the original; make the same changes first (e.g. iconv -f <encoding> -t UTF-8) or DuckDB may read it differently.`);
    statements = statements.map((sql) => sql.replaceAll(quoteLiteral(temp), quoteLiteral(copy.original)));
  }
  // The report's other sections: friction components per touchpoint, and loyalty by NPS group.
  const friction = frictionQueries(session.model.kinds, session.shape).map((q) => `-- friction: ${q.relation}\n${q.sql};`);
  const loyalty = loyaltySql(session.model.kinds);
  return [
    ...header, '', ...statements, '', '-- KPIs', ...queries.map((q) => q.sql + ';'), '', ...friction,
    ...(loyalty ? ['', '-- loyalty beside satisfaction', inline(loyalty, { home: KPI_BY_ID.get('nps')!.stage }) + ';'] : []), '',
  ].join('\n');
}
