#!/usr/bin/env node
// Generates the help-desk and shop preset fixtures in fixtures/presets/: for each vendor, an export
// in the vendor's own layout and, under canonical/, the same facts in the canonical layout.
// The facts are drawn first (seeded PRNG, no clock), then written twice: once as the vendor writes
// them (status words, line items, offsets, cents, durations) and once canonically. The presets must
// recover the canonical file from the vendor file; this script never runs the presets.
//
//   node scripts/generate-preset-fixtures-commerce.mjs
//
// Writes (overwriting) fixtures/presets/{zendesk,zendesk-json,freshdesk,shopify,stripe,stripe-cents,woocommerce}/.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from './lib/random.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'presets');

// ---------------------------------------------------------------------------------------------
// Randomness (mulberry32, one stream per fixture) and small helpers

const makeRng = (seed) => mulberry32(seed);

const pad = (n, w = 2) => String(n).padStart(w, '0');
const HOUR = 3_600_000;
const MINUTE = 60_000;

/** `YYYY-MM-DD HH:MM:SS` of the UTC fields of ms (a wall time held as UTC milliseconds). */
function wall(ms, { seconds = true, sep = ' ' } = {}) {
  const d = new Date(ms);
  const s = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}${sep}${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return seconds ? `${s}:${pad(d.getUTCSeconds())}` : s;
}

const formatters = new Map();
/** Wall time (as UTC ms) of an instant in a zone. */
function wallOf(epoch, tz) {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(tz, f);
  }
  const p = {};
  for (const part of f.formatToParts(new Date(epoch))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
}
/** Instant of a wall time in a zone (the fixtures avoid the ambiguous and missing hours). */
function epochOf(wallMs, tz) {
  let guess = wallMs;
  for (let i = 0; i < 3; i++) guess = wallMs - (wallOf(guess, tz) - guess);
  return guess;
}
/** `-04:00` style offset of a zone at an instant. */
function offsetText(epoch, tz, colon = true) {
  const minutes = Math.round((wallOf(epoch, tz) - epoch) / MINUTE);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}${colon ? ':' : ''}${pad(abs % 60)}`;
}

function csvCell(v) {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
function csv(header, rows, { eol = '\n' } = {}) {
  return [header, ...rows.map((r) => header.map((h) => (h in r ? r[h] : null)))]
    .map((cells) => cells.map((c) => (c && typeof c === 'object' && 'raw' in c ? c.raw : csvCell(c))).join(','))
    .join(eol) + eol;
}
/** A cell written exactly as given (Shopify's quoted empty strings `""`). */
const raw = (text) => ({ raw: text });

function write(dir, name, text) {
  mkdirSync(join(ROOT, dir, dirname(name)), { recursive: true });
  writeFileSync(join(ROOT, dir, name), text);
}

/** A random instant between two dates (UTC), in business-ish hours of a zone. */
function dayIn(rng, from, to) {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  const day = a + Math.floor(rng.next() * ((b - a) / (24 * HOUR))) * 24 * HOUR;
  return day + rng.int(7, 20) * HOUR + rng.int(0, 59) * MINUTE + rng.int(0, 59) * 1000;
}
const sortBy = (xs, key) => xs.sort((p, q) => key(p) - key(q));

const TICKET_CANONICAL = ['ticket_id', 'customer_id', 'email', 'created_at', 'first_response_at', 'solved_at', 'status', 'channel',
  'touchpoint', 'replies', 'reopens', 'csat', 'subject'];
const ORDER_CANONICAL = ['order_id', 'customer_id', 'email', 'ordered_at', 'amount', 'currency', 'status', 'channel'];
const SUBJECTS = ['Where is my order?', 'Refund not received', 'Invoice, please', 'Wrong size delivered', 'Cannot log in',
  'Question about the "Pro" plan', 'Damaged on arrival', 'Change delivery address', 'Discount code does not work', 'Cancel my order'];

// ---------------------------------------------------------------------------------------------
// Zendesk CSV: times in the account's zone (Europe/Amsterdam), no offsets; Satisfaction Score words

function zendeskCsv() {
  const rng = makeRng(101);
  const tz = 'Europe/Amsterdam';
  const requesters = Array.from({ length: 14 }, (_, i) => ({ id: String(10300600000000 + i * 7919), email: `requester${pad(i + 1)}@example.com` }));
  const tickets = [];
  for (let i = 0; i < 40; i++) {
    let createdWall = dayIn(rng, '2026-01-05', '2026-04-30');
    const status = rng.weighted([['solved', 55], ['closed', 15], ['open', 10], ['pending', 8], ['hold', 5], ['new', 7]]);
    const replies = status === 'new' ? 0 : rng.weighted([[1, 45], [2, 30], [3, 15], [4, 10]]);
    let firstReplyMinutes = replies > 0 ? rng.int(4, 1500) : null;
    if (i === 7) { createdWall = Date.UTC(2026, 2, 29, 1, 40, 0); firstReplyMinutes = 90; } // across the DST change
    const created = epochOf(createdWall, tz);
    const solvedMs = ['solved', 'closed'].includes(status) ? created + Math.round(rng.next() * 120 * HOUR) + 30 * MINUTE : null;
    const rated = ['solved', 'closed'].includes(status);
    tickets.push({
      id: String(5001 + i),
      requester: rng.pick(requesters),
      created,
      firstReply: firstReplyMinutes,
      solved: solvedMs,
      status,
      via: rng.pick(['Mail', 'Web form', 'Chat', 'Phone call (inbound)']),
      group: i % 13 === 5 ? '' : rng.pick(['Billing', 'Delivery', 'Returns', 'Product questions']),
      replies,
      reopens: rated ? rng.weighted([[0, 80], [1, 15], [2, 5]]) : 0,
      satisfaction: rated
        ? rng.weighted([['Good', 55], ['Bad', 15], ['Offered', 15], ['Not Offered', 15]])
        : rng.pick(['Not Offered', 'Offered']),
      subject: rng.pick(SUBJECTS),
      tags: rng.pick(['', 'vip', 'refund', 'refund vip', 'delivery_delay']),
      mangled: i === 11 || i === 26,
    });
  }
  // Planted: an agent set a solved time before the creation time (an import artefact) -> rejected in both.
  tickets[19].solved = tickets[19].created - 3 * HOUR;
  tickets[19].status = 'solved';
  const local = (ms) => (ms === null ? null : wall(wallOf(ms, tz)));
  const header = ['Id', 'Requester', 'Requester id', 'Requester external id', 'Requester email', 'Requester domain', 'Submitter', 'Assignee',
    'Group', 'Subject', 'Tags', 'Status', 'Priority', 'Via', 'Ticket type', 'Created at', 'Updated at', 'Assigned at', 'Organization',
    'Due date', 'Initially assigned at', 'Solved at', 'Resolution time', 'Satisfaction Score', 'Group stations', 'Assignee stations',
    'Reopens', 'Replies', 'First reply time in minutes', 'First reply time in minutes within business hours',
    'First resolution time in minutes', 'First resolution time in minutes within business hours', 'Full resolution time in minutes',
    'Full resolution time in minutes within business hours', 'Agent wait time in minutes', 'Agent wait time in minutes within business hours',
    'Requester wait time in minutes', 'Requester wait time in minutes within business hours', 'On hold time in minutes',
    'On hold time in minutes within business hours', 'Contact reason [list]', 'Order number [txt]'];
  const vendor = tickets.map((t, i) => ({
    Id: t.id,
    Requester: `Requester ${t.requester.email.slice(9, 11)}`,
    'Requester id': t.mangled ? '1.03006E+13' : t.requester.id,
    'Requester email': t.requester.email,
    'Requester domain': 'example.com',
    Submitter: `Requester ${t.requester.email.slice(9, 11)}`,
    Assignee: t.status === 'new' ? '' : rng.pick(['Agent A', 'Agent B', 'Agent C']),
    Group: t.group,
    Subject: t.subject,
    Tags: t.tags,
    Status: t.status.charAt(0).toUpperCase() + t.status.slice(1),
    Priority: rng.pick(['Low', 'Normal', 'Normal', 'High', '']),
    Via: t.via,
    'Ticket type': rng.pick(['Question', 'Incident', 'Problem', '']),
    'Created at': local(t.created),
    'Updated at': local((t.solved ?? t.created) + HOUR),
    'Solved at': local(t.solved),
    'Resolution time': t.solved && t.solved > t.created ? Math.round((t.solved - t.created) / HOUR) : '',
    'Satisfaction Score': t.satisfaction,
    'Group stations': 1,
    'Assignee stations': 1,
    Reopens: t.reopens,
    Replies: t.replies,
    'First reply time in minutes': t.firstReply ?? '',
    'First reply time in minutes within business hours': t.firstReply === null ? '' : Math.round(t.firstReply * 0.6),
    'Full resolution time in minutes': t.solved && t.solved > t.created ? Math.round((t.solved - t.created) / MINUTE) : '',
    'Contact reason [list]': rng.pick(['order_status', 'refund', 'account', '']),
    'Order number [txt]': i % 3 === 0 ? `#${1200 + i}` : '',
  }));
  write('zendesk', 'zendesk-tickets.csv', csv(header, vendor));
  const canonical = tickets.map((t) => ({
    ticket_id: t.id,
    customer_id: t.mangled ? '' : t.requester.id,
    email: t.requester.email,
    created_at: local(t.created),
    first_response_at: t.firstReply === null ? '' : local(t.created + t.firstReply * MINUTE),
    solved_at: local(t.solved),
    status: t.status,
    channel: t.via.toLowerCase(),
    touchpoint: t.group,
    replies: t.replies,
    reopens: t.reopens,
    csat: { Good: 5, Bad: 1 }[t.satisfaction] ?? '',
    subject: t.subject,
  }));
  write('zendesk', 'canonical/tickets.csv', csv(TICKET_CANONICAL, canonical));
  write('zendesk', 'journey.yaml', `# The Zendesk account's time zone: the CSV export writes every time in it, without an offset.\ntimezone: ${tz}\n`);
  return { plantedLine: 19 + 2 };
}

// ---------------------------------------------------------------------------------------------
// Zendesk JSON lines: UTC `...Z`, nested via / satisfaction_rating / metric_set

function zendeskJson() {
  const rng = makeRng(202);
  const lines = [];
  const canonical = [];
  for (let i = 0; i < 30; i++) {
    const created = dayIn(rng, '2026-02-02', '2026-05-29');
    const status = rng.weighted([['solved', 55], ['closed', 20], ['open', 15], ['new', 10]]);
    const done = ['solved', 'closed'].includes(status);
    const replies = status === 'new' ? 0 : rng.weighted([[1, 50], [2, 30], [3, 20]]);
    const reopens = done ? rng.weighted([[0, 85], [1, 15]]) : 0;
    const replyMinutes = replies > 0 ? rng.int(3, 900) : null;
    const solved = done ? created + rng.int(1, 96) * HOUR + rng.int(0, 59) * MINUTE : null;
    const score = done ? rng.weighted([['good', 60], ['bad', 20], ['offered', 10], [null, 10]]) : rng.pick(['unoffered', null]);
    const channel = rng.pick(['email', 'web', 'chat', 'api']);
    const group = i % 11 === 4 ? null : rng.pick([360001110001, 360001110002, 360001110003]);
    const iso = (ms) => (ms === null ? null : `${wall(ms, { sep: 'T' })}Z`);
    const ticket = {
      url: `https://example.zendesk.com/api/v2/tickets/${7001 + i}.json`,
      id: 7001 + i,
      external_id: null,
      via: { channel, source: { from: {}, to: {}, rel: null } },
      created_at: iso(created),
      updated_at: iso((solved ?? created) + HOUR),
      type: rng.pick(['question', 'incident', null]),
      subject: rng.pick(SUBJECTS),
      raw_subject: 'see subject',
      description: 'Hello,\nI have a question about my order.\nThanks',
      priority: rng.pick(['normal', 'high', null]),
      status,
      recipient: null,
      requester_id: 380000000000 + rng.int(1, 12),
      submitter_id: 380000000000 + rng.int(1, 12),
      assignee_id: status === 'new' ? null : 390000000001,
      organization_id: null,
      group_id: group,
      collaborator_ids: [],
      follower_ids: [],
      tags: rng.pick([[], ['vip'], ['refund', 'vip']]),
      custom_fields: [{ id: 360012345678, value: rng.pick(['billing', 'shipping', null]) }],
      satisfaction_rating: score === null ? null : score === 'good' || score === 'bad'
        ? { id: 900 + i, score, comment: score === 'bad' ? 'Too slow' : '' }
        : { score },
      custom_status_id: 1,
      due_at: null,
      from_messaging_channel: false,
      generated_timestamp: Math.floor(((solved ?? created) + HOUR) / 1000),
      metric_set: {
        id: 800 + i,
        ticket_id: 7001 + i,
        created_at: iso(created),
        reopens,
        replies,
        solved_at: iso(solved),
        reply_time_in_minutes: { calendar: replyMinutes, business: replyMinutes === null ? null : Math.round(replyMinutes / 2) },
        full_resolution_time_in_minutes: { calendar: solved === null ? null : Math.round((solved - created) / MINUTE), business: null },
      },
    };
    lines.push(JSON.stringify(ticket));
    canonical.push({
      ticket_id: ticket.id,
      customer_id: ticket.requester_id,
      created_at: iso(created),
      first_response_at: replyMinutes === null ? '' : iso(created + replyMinutes * MINUTE),
      solved_at: iso(solved),
      status,
      channel,
      touchpoint: group ?? '',
      replies,
      reopens,
      csat: { good: 5, bad: 1 }[score] ?? '',
      subject: ticket.subject,
    });
  }
  write('zendesk-json', 'tickets.jsonl', lines.join('\n') + '\n');
  write('zendesk-json', 'canonical/tickets.csv', csv(TICKET_CANONICAL, canonical));
}

// ---------------------------------------------------------------------------------------------
// Freshdesk: helpdesk zone = UTC here (no config), `(in hrs)` as HH:MM:SS, classic survey labels

function freshdesk() {
  const rng = makeRng(303);
  const hms = (ms) => {
    const s = Math.round(ms / 1000);
    return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  };
  const header = ['Ticket ID', 'Subject', 'Description', 'Status', 'Priority', 'Source', 'Type', 'Agent', 'Group', 'Created time',
    'Due by Time', 'Resolved time', 'Closed time', 'Last update time', 'Initial response time', 'Time tracked',
    'First response time (in hrs)', 'Resolution time (in hrs)', 'Agent interactions', 'Customer interactions', 'Resolution status',
    'First response status', 'Tags', 'Survey results', 'Product', 'Full name', 'Contact ID', 'Email', 'Work phone', 'Time zone',
    'Language', 'Company Name'];
  const vendor = [];
  const canonical = [];
  for (let i = 0; i < 32; i++) {
    const created = dayIn(rng, '2026-03-02', '2026-06-26');
    const status = rng.weighted([['Resolved', 45], ['Closed', 25], ['Open', 12], ['Pending', 10], ['Waiting on Customer', 8]]);
    const done = status === 'Resolved' || status === 'Closed';
    const agent = status === 'Open' && i % 2 === 0 ? 0 : rng.weighted([[1, 50], [2, 30], [3, 12], [5, 8]]);
    let firstResponse = agent > 0 ? rng.int(2, 30 * 60) * MINUTE + rng.int(0, 59) * 1000 : null;
    if (i === 3) firstResponse = 27 * HOUR + 30 * MINUTE; // more than a day: 27:30:00
    const solved = done ? created + rng.int(1, 160) * HOUR + rng.int(0, 59) * MINUTE : null;
    const closedOnly = i === 9 && done; // planted: Resolved time empty, Closed time set
    const durationMissing = i === 14 && firstResponse !== null; // planted: (in hrs) empty though answered
    const survey = done ? rng.weighted([['Awesome', 50], ['Just Okay', 20], ['Not Good', 15], ['', 15]]) : '';
    const contact = 9100 + rng.int(1, 15);
    const group = i % 10 === 6 ? '' : rng.pick(['Billing', 'Shipping', 'Returns']);
    const source = rng.pick(['Email', 'Portal', 'Phone', 'Chat', 'Feedback Widget']);
    const subject = rng.pick(SUBJECTS);
    vendor.push({
      'Ticket ID': 301 + i,
      Subject: subject,
      Description: 'Customer wrote in.',
      Status: status,
      Priority: rng.pick(['Low', 'Medium', 'High', 'Urgent']),
      Source: source,
      Type: rng.pick(['Question', 'Incident', 'Problem', 'Refund', '']),
      Agent: agent > 0 ? rng.pick(['Agent One', 'Agent Two']) : '',
      Group: group,
      'Created time': wall(created),
      'Due by Time': wall(created + 48 * HOUR),
      'Resolved time': solved && !closedOnly ? wall(solved) : '',
      'Closed time': status === 'Closed' || closedOnly ? wall(solved + 48 * HOUR * (closedOnly ? 0 : 1)) : '',
      'Last update time': wall((solved ?? created) + HOUR),
      'Initial response time': firstResponse === null ? '' : wall(created + firstResponse),
      'Time tracked': '00:00:00',
      'First response time (in hrs)': firstResponse === null || durationMissing ? '' : hms(firstResponse),
      'Resolution time (in hrs)': solved ? hms(solved - created) : '',
      'Agent interactions': agent,
      'Customer interactions': agent + rng.int(0, 2),
      'Resolution status': done ? rng.pick(['Within SLA', 'SLA Violated']) : '',
      'First response status': agent > 0 ? rng.pick(['Within SLA', 'SLA Violated']) : '',
      Tags: rng.pick(['', 'vip', 'refund,vip']),
      'Survey results': survey,
      Product: rng.pick(['', 'Web shop']),
      'Full name': `Contact ${contact}`,
      'Contact ID': contact,
      Email: `contact${contact}@example.org`,
      'Time zone': 'UTC',
      Language: rng.pick(['English', 'Dutch']),
    });
    canonical.push({
      ticket_id: 301 + i,
      customer_id: contact,
      email: `contact${contact}@example.org`,
      created_at: wall(created),
      first_response_at: firstResponse === null || durationMissing ? '' : wall(created + firstResponse),
      solved_at: solved ? wall(solved) : '',
      status: status === 'Resolved' ? 'solved' : status.toLowerCase(),
      channel: source.toLowerCase(),
      touchpoint: group,
      replies: agent,
      reopens: '',
      csat: { Awesome: 5, 'Just Okay': 3, 'Not Good': 1 }[survey] ?? '',
      subject,
    });
  }
  write('freshdesk', 'freshdesk-tickets.csv', csv(header, vendor));
  write('freshdesk', 'canonical/tickets.csv', csv(TICKET_CANONICAL, canonical));
}

// ---------------------------------------------------------------------------------------------
// Shopify: one row per line item, order columns on the first row, `2026-04-06 21:52:40 -0400`

function shopify() {
  const rng = makeRng(404);
  const tz = 'America/New_York';
  const header = ['Name', 'Email', 'Financial Status', 'Paid at', 'Fulfillment Status', 'Fulfilled at', 'Accepts Marketing', 'Currency',
    'Subtotal', 'Shipping', 'Taxes', 'Total', 'Discount Code', 'Discount Amount', 'Shipping Method', 'Created at', 'Lineitem quantity',
    'Lineitem name', 'Lineitem price', 'Lineitem compare at price', 'Lineitem sku', 'Lineitem requires shipping', 'Lineitem taxable',
    'Lineitem fulfillment status', 'Billing Name', 'Billing Street', 'Billing Address1', 'Billing Address2', 'Billing Company',
    'Billing City', 'Billing Zip', 'Billing Province', 'Billing Country', 'Billing Phone', 'Shipping Name', 'Shipping Street',
    'Shipping Address1', 'Shipping Address2', 'Shipping Company', 'Shipping City', 'Shipping Zip', 'Shipping Province',
    'Shipping Country', 'Shipping Phone', 'Notes', 'Note Attributes', 'Cancelled at', 'Payment Method', 'Payment Reference',
    'Refunded Amount', 'Vendor', 'Outstanding Balance', 'Employee', 'Location', 'Device ID', 'Id', 'Tags', 'Risk Level', 'Source',
    'Lineitem discount', 'Tax 1 Name', 'Tax 1 Value', 'Phone', 'Receipt Number', 'Duties', 'Billing Province Name',
    'Shipping Province Name', 'Payment ID', 'Payment Terms Name', 'Next Payment Due At'];
  const products = [['Trail Socks', 12.5], ['Rain Jacket', 89], ['Water Bottle', 15], ['Bike Light Set', 34.95], ['Saddle Bag', 42]];
  const customers = Array.from({ length: 12 }, (_, i) => `buyer${pad(i + 1)}@example.net`);
  const statuses = ['paid', 'paid', 'paid', 'paid', 'paid', 'paid', 'paid', 'partially_refunded', 'refunded', 'pending', 'authorized', 'voided'];
  const orders = [];
  for (let i = 0; i < 30; i++) {
    const created = epochOf(dayIn(rng, '2026-01-05', '2026-09-25'), tz);
    const items = Array.from({ length: rng.weighted([[1, 50], [2, 30], [3, 20]]) }, () => ({ product: rng.pick(products), qty: rng.int(1, 3) }));
    const subtotal = items.reduce((s, it) => s + it.product[1] * it.qty, 0);
    const shipping = subtotal >= 75 ? 0 : 6.95;
    const taxes = Math.round(subtotal * 0.08 * 100) / 100;
    let financial = i < 4 ? 'paid' : rng.pick(statuses);
    let cancelled = null;
    if (i === 12) { financial = 'refunded'; cancelled = created + 5 * HOUR; }
    if (i === 21) { financial = 'voided'; cancelled = created + 30 * MINUTE; }
    orders.push({
      name: `#${1001 + i}`,
      email: i % 10 === 9 ? '' : rng.pick(customers.slice(0, i < 15 ? 8 : 12)),
      created, items, subtotal, shipping, taxes, financial, cancelled,
      total: Math.round((subtotal + shipping + taxes) * 100) / 100,
      source: rng.pick(['web', 'web', 'pos', '580111']),
    });
  }
  sortBy(orders, (o) => o.created);
  const stamp = (ms) => `${wall(wallOf(ms, tz))} ${offsetText(ms, tz, false)}`;
  const money = (x) => x.toFixed(2);
  const rows = [];
  for (const o of orders) {
    o.items.forEach((it, k) => {
      const row = {
        Name: o.name,
        Email: o.email === '' ? raw('""') : o.email,
        'Lineitem quantity': it.qty,
        'Lineitem name': it.product[0],
        'Lineitem price': money(it.product[1]),
        'Lineitem sku': `SKU-${it.product[0].slice(0, 3).toUpperCase()}`,
        'Lineitem requires shipping': 'true',
        'Lineitem taxable': 'true',
        'Lineitem fulfillment status': 'fulfilled',
        'Lineitem discount': '0.00',
      };
      if (k === 0) {
        Object.assign(row, {
          'Financial Status': o.financial,
          'Paid at': ['paid', 'partially_refunded', 'refunded'].includes(o.financial) ? stamp(o.created + 2 * MINUTE) : '',
          'Fulfillment Status': o.cancelled ? 'unfulfilled' : 'fulfilled',
          'Accepts Marketing': rng.pick(['yes', 'no']),
          Currency: 'USD',
          Subtotal: money(o.subtotal),
          Shipping: money(o.shipping),
          Taxes: money(o.taxes),
          Total: money(o.total),
          'Discount Amount': '0.00',
          'Shipping Method': 'Standard',
          'Created at': stamp(o.created),
          'Billing Name': 'Test Buyer',
          'Billing City': 'Lowell',
          'Billing Zip': '01826',
          'Billing Province': 'MA',
          'Billing Country': 'US',
          'Shipping Zip': '01826',
          'Notes': raw('""'),
          'Cancelled at': o.cancelled ? stamp(o.cancelled) : '',
          'Payment Method': 'Shopify Payments',
          'Refunded Amount': o.financial === 'refunded' ? money(o.total) : o.financial === 'partially_refunded' ? money(12.5) : '0.00',
          'Outstanding Balance': '0.00',
          Id: String(5200000000 + orders.indexOf(o)),
          'Risk Level': 'Low',
          Source: o.source,
          'Tax 1 Name': 'MA State Tax 8%',
          'Tax 1 Value': money(o.taxes),
        });
      }
      rows.push(row);
    });
  }
  write('shopify', 'orders_export_1.csv', csv(header, rows));
  const canonicalStatus = (o) => (o.cancelled ? 'cancelled' : {
    paid: 'paid', partially_refunded: 'paid', pending: 'pending', authorized: 'pending', refunded: 'refunded', voided: 'cancelled',
  }[o.financial]);
  write('shopify', 'canonical/orders.csv', csv(ORDER_CANONICAL, orders.map((o) => ({
    order_id: o.name,
    email: o.email,
    ordered_at: `${wall(wallOf(o.created, tz), { sep: 'T' })}${offsetText(o.created, tz)}`,
    amount: money(o.total),
    currency: 'USD',
    status: canonicalStatus(o),
    channel: o.source,
  }))));
}

// ---------------------------------------------------------------------------------------------
// Stripe: unified_payments layout in major units, and the newer naming in cents

const STRIPE_LEGACY = ['id', 'Description', 'Seller Message', 'Created (UTC)', 'Amount', 'Amount Refunded', 'Currency', 'Converted Amount',
  'Converted Amount Refunded', 'Fee', 'Tax', 'Converted Currency', 'Mode', 'Status', 'Statement Descriptor', 'Customer ID',
  'Customer Description', 'Customer Email', 'Captured', 'Card ID', 'Card Last4', 'Card Brand', 'Card Funding', 'Card Exp Month',
  'Card Exp Year', 'Card Name', 'Card Address Line1', 'Card Address Line2', 'Card Address City', 'Card Address State',
  'Card Address Country', 'Card Address Zip', 'Card Issue Country', 'Card Fingerprint', 'Card CVC Status', 'Card AVS Zip Status',
  'Card AVS Line1 Status', 'Card Tokenization Method', 'Disputed Amount', 'Dispute Status', 'Dispute Reason', 'Dispute Date (UTC)',
  'Dispute Evidence Due (UTC)', 'Invoice ID', 'Payment Source Type', 'Destination', 'Transfer', 'Interchange Costs',
  'Merchant Service Charge', 'order_id (metadata)'];
const STRIPE_NEW = ['id', 'Created date (UTC)', 'Amount', 'Amount Refunded', 'Currency', 'Captured', 'Converted Amount',
  'Converted Amount Refunded', 'Converted Currency', 'Decline Reason', 'Description', 'Fee', 'Refunded date (UTC)', 'Statement Descriptor',
  'Status', 'Seller Message', 'Taxes On Fee', 'Card ID', 'Customer ID', 'Customer Description', 'Customer Email', 'Invoice ID',
  'PaymentIntent ID', 'Payment Source Type', 'Mode', 'Transfer'];

function stripePayments(seed, count, from, to) {
  const rng = makeRng(seed);
  const customers = Array.from({ length: 11 }, (_, i) => ({ id: `cus_T${seed}${pad(i + 1)}x`, email: `payer${pad(i + 1)}@example.com` }));
  const payments = [];
  for (let i = 0; i < count; i++) {
    const created = dayIn(rng, from, to);
    const cents = rng.pick([1900, 2450, 4900, 7500, 9900, 12900, 24900]);
    const kind = i < 3 ? 'paid' : rng.weighted([['paid', 62], ['refunded', 8], ['partial', 8], ['full-refund-paid', 5], ['failed', 10], ['uncaptured', 7]]);
    const who = rng.next() < 0.12 ? null : rng.pick(customers.slice(0, i < count / 2 ? 7 : 11));
    const guest = who && i % 9 === 4; // email but no Customer ID
    payments.push({ id: `ch_3P${seed}${pad(i + 1, 3)}Qa`, created, cents, kind, who, guest });
  }
  return sortBy(payments, (p) => p.created).reverse(); // Stripe lists newest first
}
const stripeStatus = { paid: 'Paid', refunded: 'Refunded', partial: 'Paid', 'full-refund-paid': 'Paid', failed: 'Failed', uncaptured: 'Uncaptured' };
const stripeCanonical = { paid: 'paid', refunded: 'refunded', partial: 'paid', 'full-refund-paid': 'refunded', failed: 'cancelled', uncaptured: 'pending' };
const refundedCents = (p) => (p.kind === 'refunded' || p.kind === 'full-refund-paid' ? p.cents : p.kind === 'partial' ? 500 : 0);

function stripeRow(p, amountOf, created) {
  return {
    id: p.id,
    Amount: amountOf(p.cents),
    'Amount Refunded': amountOf(refundedCents(p)),
    Status: stripeStatus[p.kind],
    'Customer ID': p.who && !p.guest ? p.who.id : '',
    'Customer Email': p.who ? p.who.email : '',
    'Customer Description': '',
    Captured: p.kind === 'uncaptured' || p.kind === 'failed' ? 'false' : 'true',
    Mode: 'Live',
    'Seller Message': p.kind === 'failed' ? 'The bank did not return any further details with this decline.' : 'Payment complete.',
    Description: `Order ${p.id.slice(-6)}`,
    'Statement Descriptor': 'EXAMPLE SHOP',
    'Payment Source Type': 'card',
    ...created,
  };
}

function stripe() {
  const payments = stripePayments(505, 36, '2026-01-05', '2026-09-25');
  const major = (c) => (c / 100).toFixed(2);
  const rows = payments.map((p) => ({
    ...stripeRow(p, major, { 'Created (UTC)': wall(p.created, { seconds: false }) }),
    Currency: 'eur',
    'Converted Amount': major(p.cents),
    'Converted Amount Refunded': major(refundedCents(p)),
    'Converted Currency': 'eur',
    Fee: major(Math.round(p.cents * 0.014) + 25),
    'Card Last4': '4242',
    'Card Brand': 'Visa',
    'Card Funding': 'credit',
    'Card Address Country': 'NL',
    'Card Address Zip': '1011',
    'Disputed Amount': '',
    'order_id (metadata)': `W${p.id.slice(-5)}`,
  }));
  write('stripe', 'unified_payments.csv', csv(STRIPE_LEGACY, rows));
  write('stripe', 'canonical/orders.csv', csv(ORDER_CANONICAL, payments.map((p) => ({
    order_id: p.id,
    customer_id: p.who && !p.guest ? p.who.id : '',
    email: p.who ? p.who.email : '',
    // Minutes only in the export: the instant is on the minute.
    ordered_at: `${wall(p.created - (p.created % MINUTE), { sep: 'T' })}Z`,
    amount: major(p.cents),
    currency: 'EUR',
    status: stripeCanonical[p.kind],
    channel: '',
  }))));
}

function stripeCents() {
  const payments = stripePayments(606, 34, '2026-01-12', '2026-09-18');
  const rows = payments.map((p) => ({
    ...stripeRow(p, (c) => String(c), { 'Created date (UTC)': wall(p.created) }),
    Currency: 'usd',
    'Converted Amount': String(p.cents),
    'Converted Currency': 'usd',
    'Decline Reason': p.kind === 'failed' ? 'insufficient_funds' : '',
    'Refunded date (UTC)': refundedCents(p) > 0 ? wall(p.created + 26 * HOUR) : '',
    'PaymentIntent ID': `pi_${p.id.slice(3)}`,
  }));
  write('stripe-cents', 'payments.csv', csv(STRIPE_NEW, rows));
  write('stripe-cents', 'canonical/orders.csv', csv(ORDER_CANONICAL, payments.map((p) => ({
    order_id: p.id,
    customer_id: p.who && !p.guest ? p.who.id : '',
    email: p.who ? p.who.email : '',
    ordered_at: `${wall(p.created, { sep: 'T' })}Z`,
    amount: (p.cents / 100).toFixed(2),
    currency: 'USD',
    status: stripeCanonical[p.kind],
    channel: '',
  }))));
}

// ---------------------------------------------------------------------------------------------
// WooCommerce: an order-export plugin layout (one row per order, `Order Total Amount`, status
// labels) and a line-item template (`Order Total`, `wc-` slugs, order columns repeated per item)

function woocommerce() {
  const rng = makeRng(707);
  const buyers = Array.from({ length: 10 }, (_, i) => ({ id: String(40 + i), email: `shopper${pad(i + 1)}@example.org`, first: `Shopper${i + 1}` }));
  const labels = [['Completed', 'paid', 55], ['Processing', 'paid', 12], ['On hold', 'pending', 8], ['Pending payment', 'pending', 5],
    ['Refunded', 'refunded', 8], ['Cancelled', 'cancelled', 6], ['Failed', 'cancelled', 6]];
  const pickStatus = () => rng.weighted(labels.map(([label, canonical, w]) => [[label, canonical], w]));
  const money = (x) => x.toFixed(2);

  const aoe = [];
  for (let i = 0; i < 26; i++) {
    const at = dayIn(rng, '2026-01-03', '2026-09-20');
    const buyer = rng.pick(buyers);
    const guest = i % 7 === 3;
    const [label, canonical] = i < 3 ? ['Completed', 'paid'] : pickStatus();
    aoe.push({ number: String(2101 + i), at, buyer, guest, label, canonical, total: rng.pick([24.5, 39.95, 59, 89.9, 129, 249.75]) });
  }
  aoe[17].label = 'Shipped'; // planted: a custom status from another plugin -> rejected in both files
  aoe[17].canonical = 'shipped';
  sortBy(aoe, (o) => o.at);
  const aoeHeader = ['Order Number', 'Order Status', 'Order Date', 'Customer Note', 'First Name (Billing)', 'Last Name (Billing)',
    'Email (Billing)', 'Phone (Billing)', 'State Code (Shipping)', 'Country Code (Shipping)', 'Payment Method Title',
    'Order Subtotal Amount', 'Order Shipping Amount', 'Order Refund Amount', 'Order Total Amount', 'Order Total Tax Amount',
    'Order Currency', 'Customer User ID'];
  write('woocommerce', 'order-export.csv', csv(aoeHeader, aoe.map((o) => ({
    'Order Number': o.number,
    'Order Status': o.label,
    'Order Date': wall(o.at, { seconds: false }),
    'Customer Note': o.number.endsWith('7') ? 'Please ring twice, thanks' : '',
    'First Name (Billing)': o.buyer.first,
    'Last Name (Billing)': 'Example',
    'Email (Billing)': o.buyer.email,
    'State Code (Shipping)': 'NH',
    'Country Code (Shipping)': 'NL',
    'Payment Method Title': rng.pick(['iDEAL', 'Credit card', 'Bank transfer']),
    'Order Subtotal Amount': money(o.total / 1.21),
    'Order Shipping Amount': '0.00',
    'Order Refund Amount': o.canonical === 'refunded' ? money(o.total) : '0.00',
    'Order Total Amount': money(o.total),
    'Order Total Tax Amount': money(o.total - o.total / 1.21),
    'Order Currency': 'EUR',
    'Customer User ID': o.guest ? '0' : o.buyer.id,
  }))));
  const aoeLine = aoe.findIndex((o) => o.label === 'Shipped') + 2;

  const items = [];
  const orders = [];
  for (let i = 0; i < 16; i++) {
    const at = dayIn(rng, '2026-01-10', '2026-09-24');
    const buyer = rng.pick(buyers);
    const [label, canonical] = i < 2 ? ['Completed', 'paid'] : pickStatus();
    const lines = Array.from({ length: rng.weighted([[1, 40], [2, 40], [3, 20]]) }, () => rng.pick([['Helmet', 49.95], ['Gloves', 19.5], ['Pump', 24]]));
    const total = lines.reduce((s, [, p]) => s + p, 0);
    const order = { number: String(3301 + i), at, buyer, label, canonical, total };
    orders.push(order);
    for (const [name, price] of lines) items.push({ order, name, price });
  }
  sortBy(orders, (o) => o.at);
  items.sort((p, q) => p.order.at - q.order.at);
  const slug = (label) => `wc-${label.toLowerCase().replace(/\s+/g, '-')}`;
  const itemHeader = ['Order Number', 'Order Status', 'Order Date', 'Order Total', 'Billing First Name', 'Billing Last Name',
    'Billing Email', 'Item Name', 'Item Quantity', 'Item Cost'];
  write('woocommerce', 'orders-with-items.csv', csv(itemHeader, items.map((it) => ({
    'Order Number': it.order.number,
    'Order Status': slug(it.order.label),
    'Order Date': wall(it.order.at),
    'Order Total': money(it.order.total),
    'Billing First Name': it.order.buyer.first,
    'Billing Last Name': 'Example',
    'Billing Email': it.order.buyer.email,
    'Item Name': it.name,
    'Item Quantity': 1,
    'Item Cost': money(it.price),
  }))));

  write('woocommerce', 'canonical/order-export.csv', csv(ORDER_CANONICAL, aoe.map((o) => ({
    order_id: o.number,
    customer_id: o.guest ? '' : o.buyer.id,
    email: o.buyer.email,
    ordered_at: wall(o.at, { seconds: false }),
    amount: money(o.total),
    currency: 'EUR',
    status: o.canonical,
  }))));
  write('woocommerce', 'canonical/orders-with-items.csv', csv(ORDER_CANONICAL, orders.map((o) => ({
    order_id: o.number,
    email: o.buyer.email,
    ordered_at: wall(o.at),
    amount: money(o.total),
    status: o.canonical,
  }))));
  return { plantedLine: aoeLine };
}

const zd = zendeskCsv();
zendeskJson();
freshdesk();
shopify();
stripe();
stripeCents();
const woo = woocommerce();
console.log(`planted rejects: zendesk line ${zd.plantedLine}, woocommerce/order-export.csv line ${woo.plantedLine}`);
