// A plain TypeScript reference implementation of the journey-level KPI catalogue (DESIGN §4-§5),
// with no DuckDB: it reads canonical-layout CSV files with csv-parse, validates rows the way
// DESIGN §4 says (a row failing any check is quarantined whole) and computes every KPI with
// ordinary loops. It is the independent check the CLI's SQL is compared against, so it is kept
// deliberately simple and does not share code with src/.
//
// Time handling: a timestamp with an offset (`Z`, `+02:00`) is that instant; one without is wall
// time in the configured zone. Wall times are turned into instants with Intl: a wall time that
// does not exist (spring-forward gap) is read with the offset in force before the change (02:30
// on 2025-03-30 in Europe/Amsterdam is 03:30 CEST), a wall time that occurs twice (fall-back) is
// read as the later one. Durations are differences of instants, i.e. elapsed time. "N days before
// T" is N calendar days in the configured zone at the same wall time (T = 00:00 -> 00:00).
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

export type Kind = 'survey' | 'ticket' | 'order' | 'web' | 'campaign';

type ColType = 'text' | 'email' | 'timestamp' | 'date' | 'number' | 'integer';
interface Col {
  name: string;
  type: ColType;
  required?: boolean;
  scale?: [number, number];
  nonNegative?: boolean;
  allowed?: string[];
  aliases?: string[];
}

const text = (name: string, extra: Partial<Col> = {}): Col => ({ name, type: 'text', ...extra });
const ts = (name: string, required = false): Col => ({ name, type: 'timestamp', required });
const score = (name: string, lo: number, hi: number): Col => ({ name, type: 'integer', scale: [lo, hi] });
const count = (name: string): Col => ({ name, type: 'number', nonNegative: true });

/** DESIGN §4, written out independently of src/core/sources/kinds. */
const SPECS: Record<Kind, Col[]> = {
  survey: [
    text('response_id', { required: true }), text('customer_id'), { name: 'email', type: 'email' }, ts('submitted_at', true),
    text('stage'), text('touchpoint'), text('channel'), score('nps', 0, 10), score('ces', 1, 7), score('csat', 1, 5), text('comment'),
  ],
  ticket: [
    text('ticket_id', { required: true }), text('customer_id'), { name: 'email', type: 'email' }, ts('created_at', true),
    ts('first_response_at'), ts('solved_at'), text('status'), text('channel'), text('stage'),
    text('touchpoint', { aliases: ['category'] }), score('replies', 0, 1_000_000), score('reopens', 0, 1_000_000),
    score('csat', 1, 5), text('subject'),
  ],
  order: [
    text('order_id', { required: true }), text('customer_id'), { name: 'email', type: 'email' }, ts('ordered_at', true),
    { name: 'amount', type: 'number', required: true }, text('currency'),
    text('status', { allowed: ['paid', 'pending', 'cancelled', 'refunded'] }), text('channel'),
  ],
  web: [
    ts('timestamp', true), text('session_id', { required: true }), text('user_id'), text('customer_id'),
    text('event', { required: true }), text('page'), text('source'), text('medium'), text('campaign'),
  ],
  campaign: [
    { name: 'date', type: 'date', required: true }, text('channel', { required: true }), text('campaign'),
    count('impressions'), count('reach'), count('sends'), count('delivered'), count('opens'), count('clicks'),
    count('engagements'), count('spend'),
  ],
};

// ---------------------------------------------------------------------------------------------
// Time zones

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock time of an instant in `tz`, expressed as "UTC milliseconds" of that wall time. */
export function wallOf(epochMs: number, tz: string): number {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(tz, f);
  }
  const whole = Math.floor(epochMs / 1000) * 1000;
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(whole))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) + (epochMs - whole);
}

const offsetAt = (epochMs: number, tz: string) => wallOf(epochMs, tz) - epochMs;

/** The instant of a wall time in `tz` (wall given as UTC milliseconds of the wall fields). */
export function localToEpoch(wall: number, tz: string): number {
  const DAY = 86_400_000;
  const before = offsetAt(wall - DAY, tz);
  const after = offsetAt(wall + DAY, tz);
  const candidates = [...new Set([wall - before, wall - after])].filter((t) => wallOf(t, tz) === wall);
  if (candidates.length === 0) return wall - before; // in a spring-forward gap
  return Math.max(...candidates); // a repeated wall time: the later instant
}

/** Local midnight at the start of a YYYY-MM-DD date. */
export function localMidnight(date: string, tz: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return localToEpoch(Date.UTC(y, m - 1, d), tz);
}

/** The same wall time `days` calendar days earlier, in `tz`. */
export function minusDays(epochMs: number, days: number, tz: string): number {
  return localToEpoch(wallOf(epochMs, tz) - days * 86_400_000, tz);
}

export function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Parsing cells

const TIMESTAMP =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function realDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** Epoch milliseconds of an ISO timestamp, or null when it is not one. */
export function parseTimestamp(s: string, tz: string): number | null {
  const m = TIMESTAMP.exec(s);
  if (!m) return null;
  const [y, mo, d, h = 0, mi = 0, sec = 0] = m.slice(1, 7).map((v) => (v === undefined ? 0 : Number(v)));
  if (!realDate(y, mo, d) || h > 23 || mi > 59 || sec > 59) return null;
  const ms = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  const wall = Date.UTC(y, mo - 1, d, h, mi, sec) + ms;
  const zone = m[8];
  if (!zone) return localToEpoch(wall, tz);
  if (zone.toUpperCase() === 'Z') return wall;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offset = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  return wall - sign * offset * 60_000;
}

function parseDate(s: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m && realDate(Number(m[1]), Number(m[2]), Number(m[3])) ? s : null;
}

const parseNumber = (s: string): number | null => (NUMBER.test(s) ? Number(s) : null);

// ---------------------------------------------------------------------------------------------
// Loading and validating a file

export type Value = string | number | null;
export type Row = Record<string, Value>;

export interface Rejected {
  /** Data record number, 1 = first record after the header. */
  record: number;
  /** Physical line where the record starts (line 1 = header). */
  line: number;
  column: string;
}

export interface LoadedFile {
  path: string;
  kind: Kind;
  records: number;
  rows: Row[];
  rejected: Rejected[];
}

const normalise = (h: string) => h.trim().toLowerCase().replace(/[\s-]+/g, '_');

/** Reads one CSV file of a kind: typed valid rows (with `customer`), and the rejected records. */
export function loadCsv(path: string, kind: Kind, tz: string): LoadedFile {
  const spec = SPECS[kind];
  const parsed = parse(readFileSync(path), { columns: true, skip_empty_lines: true, info: true, raw: true }) as {
    record: Record<string, string>;
    info: { lines: number };
    raw: string;
  }[];
  const rows: Row[] = [];
  const rejected: Rejected[] = [];
  parsed.forEach(({ record, info, raw }, i) => {
    // Cell per canonical column: trimmed, empty -> null; the first matching header wins.
    const cells: Record<string, string | null> = {};
    for (const [header, value] of Object.entries(record)) {
      const n = normalise(header);
      const col = spec.find((c) => c.name === n || c.aliases?.includes(n));
      if (col && !(col.name in cells)) cells[col.name] = value.trim() === '' ? null : value.trim();
    }
    const row: Row = {};
    let bad: string | null = null;
    for (const col of spec) {
      const s = cells[col.name] ?? null;
      let v: Value = null;
      let ok = true;
      if (s === null) ok = !col.required;
      else if (col.type === 'timestamp') {
        v = parseTimestamp(s, tz);
        ok = v !== null;
      } else if (col.type === 'date') {
        v = parseDate(s);
        ok = v !== null;
      }
      else if (col.type === 'number' || col.type === 'integer') {
        v = parseNumber(s);
        ok = v !== null && !(col.nonNegative && v < 0);
        if (ok && col.type === 'integer') ok = Number.isInteger(v) && v! >= col.scale![0] && v! <= col.scale![1];
      } else if (col.allowed) {
        v = s.toLowerCase();
        ok = col.allowed.includes(v);
      } else v = s;
      if (!ok && bad === null) bad = col.name;
      row[col.name] = v;
    }
    if (kind === 'ticket' && bad === null) {
      const created = row.created_at as number;
      if (row.solved_at !== null && (row.solved_at as number) < created) bad = 'solved_at';
      else if (row.first_response_at !== null && (row.first_response_at as number) < created) bad = 'first_response_at';
    }
    // info.lines is the line the record ends on; line breaks inside quoted fields move the start up.
    const inner = (raw.replace(/(\r\n|\r|\n)$/, '').match(/\r\n|\r|\n/g) ?? []).length;
    const line = info.lines - inner;
    if (bad !== null) {
      rejected.push({ record: i + 1, line, column: bad });
      return;
    }
    if ('customer_id' in row) {
      const email = row.email as string | null | undefined;
      row.customer = (row.customer_id as string | null) ?? (email ? `email:${email.trim().toLowerCase()}` : null);
    }
    rows.push(row);
  });
  return { path, kind, records: parsed.length, rows, rejected };
}

// ---------------------------------------------------------------------------------------------
// KPIs

export interface Tables {
  survey: Row[];
  ticket: Row[];
  order: Row[];
  web: Row[];
  campaign: Row[];
}

export interface RefOptions {
  timezone: string;
  since?: string | null;
  until?: string | null;
  churnDays?: number;
}

export interface RefKpi {
  value: number | null;
  n: number;
}

/** Quantile with linear interpolation between order statistics (DuckDB quantile_cont, R type 7). */
export function quantile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const xs = [...values].sort((a, b) => a - b);
  const pos = q * (xs.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, xs.length - 1);
  return xs[lo] + (pos - lo) * (xs[hi] - xs[lo]);
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const pct = (k: number, n: number) => (n === 0 ? null : (100 * k) / n);
const nums = (rows: Row[], col: string) => rows.map((r) => r[col]).filter((v): v is number => v !== null);
const HOUR = 3_600_000;

/** Every journey-level KPI of DESIGN §5 over the valid rows; KPIs with n = 0 are left out. */
export function referenceKpis(tables: Tables, options: RefOptions): Map<string, RefKpi> {
  const tz = options.timezone;
  const N = options.churnDays ?? 90;
  const from = options.since ? localMidnight(options.since, tz) : -Infinity;
  const to = options.until ? localMidnight(nextDay(options.until), tz) : Infinity;
  const inPeriod = (t: number) => t >= from && t < to;
  const out = new Map<string, RefKpi>();
  const put = (id: string, value: number | null, n: number) => {
    if (n > 0) out.set(id, { value, n });
  };

  // Surveys and CSAT answers
  const surveys = tables.survey.filter((r) => inPeriod(r.submitted_at as number));
  const tickets = tables.ticket.filter((r) => inPeriod(r.created_at as number));
  const nps = nums(surveys, 'nps');
  put('nps', pct(nps.filter((x) => x >= 9).length - nps.filter((x) => x <= 6).length, nps.length), nps.length);
  const csat = [...nums(surveys, 'csat'), ...nums(tickets, 'csat')];
  put('csat', pct(csat.filter((x) => x >= 4).length, csat.length), csat.length);
  const ces = nums(surveys, 'ces');
  put('ces', ces.length ? sum(ces) / ces.length : null, ces.length);

  // Tickets
  const solved = tickets.filter((r) => r.solved_at !== null || ['solved', 'closed'].includes(String(r.status ?? '').toLowerCase()));
  const firstContact = solved.filter((r) => ((r.replies as number | null) ?? 0) <= 1 && ((r.reopens as number | null) ?? 0) === 0);
  put('fcr', pct(firstContact.length, solved.length), solved.length);
  const ttr = tickets.filter((r) => r.solved_at !== null).map((r) => ((r.solved_at as number) - (r.created_at as number)) / HOUR);
  put('ttr_median_hours', quantile(ttr, 0.5), ttr.length);
  put('ttr_p90_hours', quantile(ttr, 0.9), ttr.length);
  const frt = tickets.filter((r) => r.first_response_at !== null)
    .map((r) => ((r.first_response_at as number) - (r.created_at as number)) / HOUR);
  put('first_response_median_hours', quantile(frt, 0.5), frt.length);
  put('tickets', tickets.length, tickets.length);

  // Web events: sessions and their flags, within the period
  const events = tables.web.filter((r) => inPeriod(r.timestamp as number));
  const sessions = new Map<string, { carted: boolean; purchased: boolean }>();
  for (const e of events) {
    const s = sessions.get(e.session_id as string) ?? { carted: false, purchased: false };
    if (e.event === 'add_to_cart') s.carted = true;
    if (e.event === 'purchase') s.purchased = true;
    sessions.set(e.session_id as string, s);
  }
  const visitors = new Set(events.map((e) => e.user_id).filter((u) => u !== null));
  const views = events.filter((e) => e.event === 'page_view').length;
  put('sessions', sessions.size, sessions.size);
  put('visitors', visitors.size, visitors.size);
  put('pages_per_session', sessions.size ? views / sessions.size : null, sessions.size);
  const leads = events.filter((e) => e.event === 'generate_lead' || e.event === 'sign_up').length;
  put('leads', leads, leads);
  const downloads = events.filter((e) => e.event === 'file_download').length;
  put('downloads', downloads, downloads);
  const flags = [...sessions.values()];
  put('conversion_rate', pct(flags.filter((s) => s.purchased).length, flags.length), flags.length);
  const carted = flags.filter((s) => s.carted);
  put('cart_abandonment_rate', pct(carted.filter((s) => !s.purchased).length, carted.length), carted.length);

  // Campaigns: the period compares dates
  const campaigns = tables.campaign.filter((r) =>
    (!options.since || (r.date as string) >= options.since) && (!options.until || (r.date as string) <= options.until));
  for (const id of ['impressions', 'reach']) {
    const xs = nums(campaigns, id);
    put(id, sum(xs), xs.length);
  }
  const channel = (r: Row) => String(r.channel).toLowerCase();
  const social = nums(campaigns.filter((r) => channel(r) === 'social'), 'engagements');
  put('social_engagement', sum(social), social.length);
  const email = campaigns.filter((r) => channel(r) === 'email' && r.clicks !== null && r.delivered !== null);
  const delivered = sum(nums(email, 'delivered'));
  put('email_ctr', pct(sum(nums(email, 'clicks')), delivered), delivered);

  // Orders
  const isPaid = (r: Row) => (r.status ?? 'paid') === 'paid';
  const paid = tables.order.filter((r) => isPaid(r) && inPeriod(r.ordered_at as number));
  const revenue = sum(paid.map((r) => r.amount as number));
  put('orders', paid.length, paid.length);
  put('revenue', revenue, paid.length);
  put('aov', paid.length ? revenue / paid.length : null, paid.length);
  const perCustomer = new Map<string, number>();
  for (const r of paid) if (r.customer !== null) perCustomer.set(r.customer as string, (perCustomer.get(r.customer as string) ?? 0) + 1);
  const buyers = [...perCustomer.values()];
  put('repeat_purchase_rate', pct(buyers.filter((c) => c >= 2).length, buyers.length), buyers.length);

  // Churn, as of T; --since does not apply
  const churn = churnRate(tables.order, options.until ? localMidnight(nextDay(options.until), tz) : null, N, tz);
  if (churn) put('churn_rate', churn.value, churn.n);
  return out;
}

/**
 * As-of T (the given instant, else the latest paid order): base = customers with a paid order in
 * [T-2N, T-N); churned = base customers with no paid order in [T-N, T]. Orders at or after an
 * explicit as-of instant do not exist for this calculation.
 */
export function churnRate(orders: Row[], asOf: number | null, days: number, tz: string): RefKpi | null {
  const paidAll = orders.filter((r) => (r.status ?? 'paid') === 'paid'
    && (asOf === null || (r.ordered_at as number) < asOf));
  // T is the latest paid order of anyone, guests included; only identified customers churn.
  const paid = paidAll.filter((r) => r.customer !== null);
  if (paid.length === 0 && asOf === null) return null;
  const T = asOf ?? Math.max(...paidAll.map((r) => r.ordered_at as number));
  const recentFrom = minusDays(T, days, tz);
  const baseFrom = minusDays(T, 2 * days, tz);
  const base = new Set<string>();
  const recent = new Set<string>();
  for (const r of paid) {
    const t = r.ordered_at as number;
    if (t >= baseFrom && t < recentFrom) base.add(r.customer as string);
    if (t >= recentFrom && t <= T) recent.add(r.customer as string);
  }
  const churned = [...base].filter((c) => !recent.has(c)).length;
  return { value: pct(churned, base.size), n: base.size };
}

/** Loads a set of files (kind per file) into tables of valid rows. */
export function loadTables(files: { path: string; kind: Kind }[], tz: string): { tables: Tables; files: LoadedFile[] } {
  const tables: Tables = { survey: [], ticket: [], order: [], web: [], campaign: [] };
  const loaded = files.map((f) => loadCsv(f.path, f.kind, tz));
  for (const f of loaded) tables[f.kind].push(...f.rows);
  return { tables, files: loaded };
}
