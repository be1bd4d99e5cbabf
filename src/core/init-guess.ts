// `journey init` on a file no preset or kind recognises: guess its kind and the role of each column
// from the column names (English and Dutch) and from the values DuckDB measured (profile.ts) —
// dates, ids, amounts, scores on a 0-10, 1-5 or 1-7 scale, categories with few values — and a
// `values:` map for its statuses or event names. Every guess carries the reason it was made, which
// init writes as a `# guess:` comment for the user to confirm. Pure: profiles in, guesses out.
import type { Kind } from './sources/kinds/index.js';
import type { ColumnProfile, FileProfile } from './sources/profile.js';

export interface ColumnGuess {
  canonical: string;
  /** A header of the file, or a SQL expression over its headers. */
  source: string;
  why: string;
}

export interface ValueGuess {
  from: string;
  to: string | number | null;
  n: number;
  why: string;
}

export interface SourceGuess {
  kind: Kind;
  why: string;
  columns: ColumnGuess[];
  values: { column: string; why: string; map: ValueGuess[] }[];
}

const norm = (name: string) => name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, ' ').trim();
const compact = (name: string) => norm(name).replace(/ /g, '');

/** Last word of the name (`Complaint ID`, `customer_id`), a camel-case end (`CustomerID`, `InvoiceNo`) or a Dutch compound (`Klantnummer`). */
const ID_WORD = /(^| )(id|nr|nummer|number|no|num|key|ref|uuid|guid)$/;
const ID_CAMEL = /[a-z](ID|Id|No|Nr|Num|Number|Key|Ref)$/;
const ID_COMPOUND = /(nummer|number)$/;
const CUSTOMER = /customer|client|klant|member|account|relatie|debiteur|buyer|koper|contact/;
const USER = /user|visitor|bezoeker|gebruiker|device|anonymous|cookie|client ?id/;
const PRODUCT = /product|stock|sku|item|artikel|article|variant|ean/;
const SESSION = /session|sessie|visit|bezoek/;
const EVENT = /event|action|actie|gebeurtenis|activity|activiteit/;
const ORDER_NAME = /order|invoice|factuur|bestel|transaction|transactie|purchase|receipt|bon/;
const TICKET_NAME = /ticket|melding|complaint|klacht|case|incident|issue|zaak|request|verzoek|vraag|call/;
const SURVEY_NAME = /response|respons|survey|enquete|submission|inzending|feedback/;
const AMOUNT = /amount|total|totaal|bedrag|revenue|omzet|value|waarde|sales|paid|betaald|gmv|sum/;
const QUANTITY = /quantity|qty|aantal|stuks|units/;
const PRICE = /price|prijs/;
const CURRENCY = /currency|valuta/;
const STATUS = /status|state|toestand|afhandeling|resolution|uitkomst/;
const CHANNEL = /channel|kanaal|medium|via/;
const CATEGORY = /categor|topic|onderwerp|product|type|reason|reden|soort|afdeling|department|queue|group|groep/;
const SOLVED = /solved|resolved|closed|afgehandeld|opgelost|gesloten|completed|afgesloten|close/;
const FIRST_RESPONSE = /first ?(response|reply)|eerste ?(reactie|antwoord)|responded|beantwoord/;
const CREATED = /created|date|datum|time|tijd|timestamp|ordered|submitted|received|ontvangen|aangemaakt|gemeld|ingediend|moment|dag/;
const NPS = /nps|recommend|aanbevel|aanraden|likely|waarschijnlijk/;
const CES = /(^| )ces( |$)|effort|moeite|gemak/;
const CSAT = /csat|satisf|tevreden|rating|beoordeling|score|cijfer|waardering|sterren|stars/;
const COMMENT = /comment|opmerking|toelichting|feedback|text|tekst|remark|waarom|why|suggest/;
const SUBJECT = /subject|onderwerp|title|titel/;
const PAGE = /page|url|path|pagina/;
const CAMPAIGN = /campaign|campagne/;
const REPLIES = /replies|reacties|antwoorden|interactions/;
const REOPENS = /reopen|heropend/;

const isDate = (c: ColumnProfile) => c.nonNull > 0 && c.dates >= 0.9 * c.nonNull;
const isTime = (c: ColumnProfile) => c.nonNull > 0 && c.times >= 0.9 * c.nonNull && !isDate(c);
const isNumber = (c: ColumnProfile) => c.nonNull > 0 && c.numbers >= 0.95 * c.nonNull && !isDate(c);
const isWhole = (c: ColumnProfile) => c.nonNull > 0 && c.integers === c.nonNull;
/**
 * An id by its name (`Complaint ID`, `InvoiceNo`, `Klantnummer`), or a column named only after what
 * it identifies (`Invoice`, `Customer`, `Ticket`) whose values are whole numbers or codes.
 */
const isIdName = (c: ColumnProfile) => !isDate(c) && (ID_WORD.test(norm(c.name)) || ID_CAMEL.test(c.name.trim()) || ID_COMPOUND.test(compact(c.name)) ||
  (ENTITY_ONLY.test(norm(c.name)) && (isWhole(c) || !isNumber(c))));
const ENTITY_ONLY = /^(order|invoice|factuur|bestelling|ticket|melding|case|complaint|klacht|customer|client|klant|user|respondent|response|transaction|transactie)$/;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Value guesses: pattern over the normalised value -> canonical value, first match wins. */
type Rules = [RegExp, string | number][];

const ORDER_STATUS: Rules = [
  [/refund|terugbetaal|return|retour|credit|chargeback/, 'refunded'],
  [/cancel|annul|void|unavailable|failed|mislukt|declined|rejected|expired|verlopen/, 'cancelled'],
  [/pending|open|processing|in behandeling|wacht|awaiting|created|new|nieuw|unpaid|onbetaald|hold/, 'pending'],
  [/paid|betaald|complete|voltooid|delivered|geleverd|bezorgd|shipped|verzonden|invoiced|gefactureerd|fulfilled|succe|approved|closed|afgerond/, 'paid'],
];
const TICKET_STATUS: Rules = [
  [/unresolved|niet opgelost|not resolved|reopen|heropend/, 'open'],
  [/closed|gesloten|solved|resolved|opgelost|afgehandeld|afgerond|done|klaar|completed|beantwoord|answered/, 'solved'],
  [/pending|wacht|on hold|hold|awaiting/, 'pending'],
  [/open|new|nieuw|progress|behandeling|escalat|assigned|toegewezen/, 'open'],
];
const WEB_EVENT: Rules = [
  [/^(page ?views?|pageviews?|views?|screen views?|view item|product view|bekeken|paginaweergave)$/, 'page_view'],
  [/^((add )?(to )?cart|add to cart|addtocart|add to basket|basket|winkelwagen)$/, 'add_to_cart'],
  [/^(purchase|purchased|buy|order|checkout complete|transaction|aankoop|bestelling)$/, 'purchase'],
  [/^(begin )?checkout$/, 'begin_checkout'],
  [/^(generate )?lead$/, 'generate_lead'],
  [/^(sign ?up|register|registration|aanmelding)$/, 'sign_up'],
  [/^(file )?download$/, 'file_download'],
];
const CSAT_WORDS: Rules = [
  [/^(very|extremely|highly) (dis|un)satisfied$|^zeer ontevreden$/, 1],
  [/^(dis|un)satisfied$|^ontevreden$/, 2],
  [/^neutral$|^neither|^neutraal$/, 3],
  [/^(very|extremely|highly) satisfied$|^zeer tevreden$/, 5],
  [/^satisfied$|^tevreden$/, 4],
  [/^good$|^goed$/, 5],
  [/^bad$|^slecht$/, 1],
];

function ruleFor(rules: Rules, value: string): string | number | undefined {
  const v = norm(value);
  return rules.find(([re]) => re.test(v))?.[1];
}

/** A `values:` map listing every value found, each with its guess (or kept as written). */
function valueMap(c: ColumnProfile, rules: Rules, unknown: { to: string | null | undefined; why: string }): ValueGuess[] {
  return (c.values ?? []).map(({ v, n }) => {
    const to = ruleFor(rules, v);
    if (to !== undefined) return { from: v, to, n, why: `reads as ${to}` };
    return { from: v, to: unknown.to === undefined ? v : unknown.to, n, why: unknown.why };
  });
}

/** The kind of a file no preset recognises, and where each canonical column comes from; or why not. */
export function guessSource(fileName: string, profile: FileProfile): SourceGuess | { reason: string } {
  const cols = profile.columns.filter((c) => c.nonNull > 0);
  const used = new Set<string>();
  const take = (c: ColumnProfile | undefined) => {
    if (c) used.add(c.name);
    return c;
  };
  const free = (pred: (c: ColumnProfile) => boolean) => cols.find((c) => !used.has(c.name) && pred(c));
  const n = (c: ColumnProfile) => norm(c.name);
  const file = norm(fileName);

  // Time: the first date column that is not a solved or first-response time, named like one if any.
  const dates = cols.filter(isDate);
  const mainDate = dates.find((c) => CREATED.test(n(c)) && !SOLVED.test(n(c)) && !FIRST_RESPONSE.test(n(c)))
    ?? dates.find((c) => !SOLVED.test(n(c)) && !FIRST_RESPONSE.test(n(c)));
  const timeOfDay = cols.find((c) => isTime(c) && /time|tijd|uur|hour/.test(n(c)));
  const session = cols.find((c) => SESSION.test(n(c)) && !isDate(c));
  const event = cols.find((c) => EVENT.test(n(c)) && !isNumber(c) && !isDate(c) && c.values !== undefined);
  const ids = cols.filter(isIdName);
  const primary = (entity: RegExp) => ids.find((c) => entity.test(n(c)))
    ?? ids.find((c) => !CUSTOMER.test(n(c)) && !USER.test(n(c)) && !PRODUCT.test(n(c)) && !SESSION.test(n(c)));
  const numbers = cols.filter((c) => isNumber(c) && !isIdName(c));
  const total = numbers.find((c) => AMOUNT.test(n(c)));
  const quantity = numbers.find((c) => QUANTITY.test(n(c)));
  const price = numbers.find((c) => PRICE.test(n(c)) && c !== quantity);
  const status = cols.find((c) => STATUS.test(n(c)) && c.values !== undefined && !isNumber(c));
  const scoreCols = cols.filter((c) => isWhole(c) && !isIdName(c) && (NPS.test(n(c)) || CES.test(n(c)) || CSAT.test(n(c))));
  const wordScores = cols.filter((c) => CSAT.test(n(c)) && c.values?.length && c.values.every(({ v }) => ruleFor(CSAT_WORDS, v) !== undefined));
  const ticketHint = TICKET_NAME.test(file) || ids.some((c) => TICKET_NAME.test(n(c)))
    || dates.some((c) => SOLVED.test(n(c)) || FIRST_RESPONSE.test(n(c)))
    || Boolean(status?.values?.some(({ v }) => ruleFor(TICKET_STATUS, v) === 'solved' && !/paid|deliver|ship/.test(norm(v))));

  const missing = (what: string) => ({
    reason: `${what}; its ${plural(cols.length, 'column')} hold ${describe(cols)}`,
  });
  if (!mainDate) return missing('no column of dates or timestamps');

  let kind: Kind;
  let why: string;
  if (session && event) {
    kind = 'web';
    why = `a timestamp, a session column ("${session.name}") and an event column ("${event.name}")`;
  } else if ((total || (quantity && price)) && ids.length && !ticketHint) {
    kind = 'order';
    why = `an id, a date and an amount${total ? ` ("${total.name}")` : ` (quantity x price)`}`;
  } else if (ticketHint && ids.length) {
    kind = 'ticket';
    why = `an id, a date and ${TICKET_NAME.test(file) ? 'a ticket-like file name' : status ? `a status column ("${status.name}")` : 'ticket-like column names'}`;
  } else if (scoreCols.length || wordScores.length) {
    kind = 'survey';
    why = `a date and score column(s) (${[...scoreCols, ...wordScores].map((c) => `"${c.name}"`).join(', ')})`;
  } else if (ids.length && (ORDER_NAME.test(file) || ids.some((c) => ORDER_NAME.test(n(c))))) {
    // An orders table whose amounts live in another file (a marketplace's payments table): a
    // status column must not make it a ticket register, which would count orders as tickets.
    return missing('it looks like orders (an order id or file name) but has no amount column; if the amounts are in another file (payments), join them in with a derived source (docs/derived-sources.md)');
  } else if (status && ids.length) {
    kind = 'ticket';
    why = `an id, a date and a status column ("${status.name}")`;
  } else {
    return missing('no mix of columns that makes an order (id, date, amount), ticket (id, date, status), survey (date, score) or web event (timestamp, session, event)');
  }

  const columns: ColumnGuess[] = [];
  const add = (canonical: string, c: ColumnProfile | undefined, reason: string) => {
    if (!c || used.has(c.name)) return;
    take(c);
    columns.push({ canonical, source: c.name, why: reason });
  };
  const idWhy = (c: ColumnProfile) => `an id column (${c.distinct} distinct values in ${profile.rows} rows)`;
  const time = mainDate;
  const timeWhy = `dates in ${time.dates} of ${time.nonNull} values`;
  const timeColumn = { survey: 'submitted_at', ticket: 'created_at', order: 'ordered_at', web: 'timestamp' }[kind as 'survey'];
  if (timeOfDay && time.maxLength <= 10) {
    take(time);
    take(timeOfDay);
    columns.push({ canonical: timeColumn, source: `${sqlIdent(time.name)} || ' ' || ${sqlIdent(timeOfDay.name)}`, why: `${timeWhy}, with the time of day in "${timeOfDay.name}"` });
  } else {
    add(timeColumn, time, timeWhy);
  }

  const values: SourceGuess['values'] = [];
  const customer = ids.find((c) => CUSTOMER.test(n(c)));
  if (kind === 'web') {
    add('session_id', session, 'named like a session');
    add('event', event, `${plural(event!.values!.length, 'distinct value')}, named like an event`);
    add('user_id', free((c) => USER.test(n(c)) && isIdName(c)), 'named like a visitor id');
    add('customer_id', free((c) => CUSTOMER.test(n(c)) && isIdName(c)), 'named like a customer id');
    add('page', free((c) => PAGE.test(n(c))), 'named like a page');
    add('campaign', free((c) => CAMPAIGN.test(n(c))), 'named like a campaign');
    values.push({ column: 'event', why: 'each event name found; the KPIs count page_view, add_to_cart and purchase', map: valueMap(event!, WEB_EVENT, { to: undefined, why: 'kept as written (no canonical event)' }) });
  } else if (kind === 'order') {
    const id = primary(ORDER_NAME)!;
    add('order_id', id, `${idWhy(id)}; rows that repeat it are lines of one order`);
    add('customer_id', customer, 'named like a customer id');
    if (total) add('amount', total, 'numbers, named like an amount');
    else {
      take(quantity);
      take(price);
      columns.push({ canonical: 'amount', source: `${sqlIdent(quantity!.name)} * ${sqlIdent(price!.name)}`, why: 'quantity x unit price (each row is a line; an order sums its lines)' });
    }
    add('currency', free((c) => CURRENCY.test(n(c))), 'named like a currency');
    add('channel', free((c) => CHANNEL.test(n(c)) && c.values !== undefined), 'a few values, named like a channel');
    if (status && !used.has(status.name)) {
      add('status', status, `${plural(status.values!.length, 'distinct value')}, named like a status`);
      values.push({ column: 'status', why: 'each status found; only paid orders count as revenue', map: valueMap(status, ORDER_STATUS, { to: 'pending', why: 'no guess: read as pending (not revenue)' }) });
    }
  } else {
    const id = primary(kind === 'ticket' ? TICKET_NAME : SURVEY_NAME) ?? cols.find((c) => c.distinct >= 0.98 * profile.rows && !isDate(c) && !used.has(c.name));
    if (!id) return missing(`looks like a ${kind} export but has no id column (a column with one value per row)`);
    add(kind === 'ticket' ? 'ticket_id' : 'response_id', id, idWhy(id));
    add('customer_id', customer, 'named like a customer id');
    if (kind === 'ticket') {
      add('solved_at', free((c) => isDate(c) && SOLVED.test(n(c))), 'dates, named like a solved time');
      add('first_response_at', free((c) => isDate(c) && FIRST_RESPONSE.test(n(c))), 'dates, named like a first response');
      add('replies', free((c) => isWhole(c) && REPLIES.test(n(c))), 'whole numbers, named like replies');
      add('reopens', free((c) => isWhole(c) && REOPENS.test(n(c))), 'whole numbers, named like reopens');
      if (status && !used.has(status.name)) {
        add('status', status, `${plural(status.values!.length, 'distinct value')}, named like a status`);
        values.push({ column: 'status', why: 'each status found; solved (or closed) tickets count for FCR and time to resolution', map: valueMap(status, TICKET_STATUS, { to: undefined, why: 'kept as written (not counted as solved)' }) });
      }
    }
    for (const c of scoreCols) {
      const score = scoreOf(c);
      if (score && !columns.some((g) => g.canonical === score.canonical)) add(score.canonical, c, score.why);
    }
    for (const c of wordScores) {
      if (used.has(c.name) || columns.some((g) => g.canonical === 'csat')) continue;
      add('csat', c, 'satisfaction given as words');
      values.push({ column: 'csat', why: 'each answer found, as a score 1-5', map: valueMap(c, CSAT_WORDS, { to: null, why: 'no guess: left empty' }) });
    }
    add('channel', free((c) => CHANNEL.test(n(c)) && c.values !== undefined), 'a few values, named like a channel');
    add('touchpoint', free((c) => CATEGORY.test(n(c)) && c.values !== undefined && c.maxLength <= 60), 'a few values, named like a category: one touchpoint per value');
    if (kind === 'survey') add('comment', free((c) => COMMENT.test(n(c)) && !isNumber(c)), 'free text, named like a comment');
    else add('subject', free((c) => SUBJECT.test(n(c)) && !isNumber(c) && c.values === undefined), 'free text, named like a subject');
  }
  return { kind, why, columns, values };
}

/** Which score a whole-number column holds, by its name and the range of its values. */
function scoreOf(c: ColumnProfile): { canonical: string; why: string } | undefined {
  const name = norm(c.name);
  const range = `values ${c.min}-${c.max}`;
  const within = (lo: number, hi: number) => c.min !== null && c.max !== null && c.min >= lo && c.max <= hi;
  if (NPS.test(name) && within(0, 10)) return { canonical: 'nps', why: `${range}, named like a recommendation question (0-10)` };
  if (CES.test(name) && within(1, 7)) return { canonical: 'ces', why: `${range}, named like an effort question (1-7)` };
  if (CSAT.test(name) && within(1, 5)) return { canonical: 'csat', why: `${range}, named like satisfaction (1-5)` };
  if (CSAT.test(name) && within(0, 10) && !within(1, 7)) return { canonical: 'nps', why: `${range}: a 0-10 scale read as NPS; if it is not the recommendation question, remove this line` };
  if (CSAT.test(name) && within(1, 7)) return { canonical: 'ces', why: `${range}: a 1-7 scale read as effort (CES); check` };
  return undefined;
}

/** A short account of what the columns hold, for the reason a file could not be guessed. */
function describe(cols: ColumnProfile[]): string {
  const count = (pred: (c: ColumnProfile) => boolean, what: string) => {
    const k = cols.filter(pred).length;
    return k ? `${k} ${what}` : '';
  };
  return [
    count(isDate, 'date'), count((c) => isNumber(c) && !isIdName(c), 'number'), count(isIdName, 'id-named'),
    count((c) => c.values !== undefined && !isNumber(c) && !isDate(c), 'category'),
  ].filter(Boolean).join(', ') || 'text only';
}

/** A header as it is written in a SQL expression (double quotes, doubled inside). */
export function sqlIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Id-named columns whose values are (nearly) all different: what another file's column may point at. */
export function keyColumns(profile: FileProfile): ColumnProfile[] {
  return profile.columns.filter((c) => isIdName(c) && c.nonNull >= 2 && c.distinct >= 0.98 * c.nonNull);
}

/** Id-named columns that may point at another file's key. */
export function referenceColumns(profile: FileProfile): ColumnProfile[] {
  return profile.columns.filter((c) => isIdName(c) && c.distinct >= 2);
}
