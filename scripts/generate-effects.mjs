#!/usr/bin/env node
// Generates the planted-effects data set in fixtures/effects/: six months (2025-01-01 .. 2025-06-30,
// Europe/Amsterdam) of exports for "Spaak & Zadel", a made-up bike shop, with known effects planted
// in it so the analyses (friction ranking, before/after comparison, key drivers, loyalty, survey
// integrity) can be tested against true answers. Deterministic: a seeded PRNG (mulberry32), no clock,
// no Math.random, so one seed always gives byte-identical files. Plain Node 20 ESM, no dependencies.
//
//   node scripts/generate-effects.mjs [--seed N] [--honest] [--out DIR]
//
// Defaults: seed 1, out fixtures/effects/. --honest leaves out the inflated agent (every agent then
// has the same score distribution); nothing else changes, because every random decision has its own
// stream and the agent stream is drawn either way.
//
// Also importable: generateEffects({ seed, honest }) returns { files, truth }: files maps a file name
// (surveys.csv, tickets.csv, orders.csv, web_events.csv, journey.yaml, README.md) to its text, truth
// holds the planted parameters and the values measured in the generated rows (as in the README).

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { hashString, mulberry32 } from './lib/random.mjs';

const DEFAULT_OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'effects');

// ---------------------------------------------------------------------------------------------
// Randomness: mulberry32, one stream per purpose (seed x name). Normal deviates via Irwin-Hall (sum
// of 12 uniforms) so only plain arithmetic is involved and every platform gives the same numbers.

function makeRng(seed, name) {
  return mulberry32((Math.imul(seed, 0x9e3779b1) ^ hashString(name)) >>> 0);
}

const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));
const pad = (n, w) => String(n).padStart(w, '0');

/** Inverse CDF of a categorical distribution over 1..k (probs sum to 1) at percentile u. */
function quantileOf(probs, u) {
  let acc = 0;
  for (let i = 0; i < probs.length; i++) {
    acc += probs[i];
    if (u < acc) return i + 1;
  }
  return probs.length;
}

// ---------------------------------------------------------------------------------------------
// Time. Instants are naive wall-clock times in Europe/Amsterdam kept as milliseconds via Date.UTC and
// formatted with getUTC* (no host time zone involved). Every file is written in local time without an
// offset; the config says `timezone: Europe/Amsterdam`.

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const T = (y, mo, d, h = 0, mi = 0, s = 0) => Date.UTC(y, mo - 1, d, h, mi, s);
const PERIOD_START = T(2025, 1, 1);
const PERIOD_END = T(2025, 7, 1); // exclusive
const N_DAYS = Math.round((PERIOD_END - PERIOD_START) / DAY); // 181
const DST_GAP = T(2025, 3, 30, 2); // 02:00-03:00 local does not exist on 2025-03-30
const LAUNCH = T(2025, 4, 1); // one_page_checkout goes live

const normLocal = (ms) => (ms >= DST_GAP && ms < DST_GAP + HOUR ? ms + HOUR : ms);
function fmtLocal(ms) {
  const d = new Date(normLocal(ms));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)} ` +
    `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`;
}
const monthOf = (ms) => new Date(ms).getUTCMonth() + 1;
const dayStart = (i) => PERIOD_START + i * DAY;
/** A daytime instant (08:00-21:59) on day i. */
const daytime = (rng, i) => dayStart(i) + rng.int(8, 21) * HOUR + rng.int(0, 59) * MIN + rng.int(0, 59) * 1000;

// ---------------------------------------------------------------------------------------------
// The planted parameters (the "truth"). Score distributions are over 1..5 (csat) and 1..7 (ces).

const N_CUSTOMERS = 3600;
const AGENTS = ['A01', 'A02', 'A03', 'A04', 'A05', 'A06', 'A07', 'A08', 'A09', 'A10', 'A11', 'A12'];
const INFLATED_AGENT = 'A07';

export const PLANTED = {
  customers: N_CUSTOMERS,
  responderShare: 0.62, // customers who answer surveys at all
  csat: {
    product_page: [0.04, 0.06, 0.1, 0.5, 0.3],
    checkout_before: [0.08, 0.12, 0.2, 0.38, 0.22],
    checkout_after: [0.02, 0.04, 0.09, 0.45, 0.4],
    delivery: [0.05, 0.05, 0.1, 0.5, 0.3],
    returns: [0.16, 0.17, 0.22, 0.3, 0.15],
    support: [0.05, 0.06, 0.11, 0.48, 0.3],
  },
  ces: {
    product_page: [0.02, 0.03, 0.08, 0.17, 0.28, 0.27, 0.15],
    checkout_before: [0.06, 0.1, 0.16, 0.22, 0.22, 0.16, 0.08],
    checkout_after: [0.01, 0.02, 0.04, 0.1, 0.23, 0.33, 0.27],
    delivery: [0.03, 0.04, 0.08, 0.15, 0.25, 0.25, 0.2],
    returns: [0.17, 0.17, 0.16, 0.16, 0.14, 0.12, 0.08],
  },
  /** Percentile copula: with this probability a survey's ces uses the same percentile as its csat. */
  csatCesLink: 0.6,
  /** latent NPS = base + w_del*(delivery csat - 4) + w_chk*(checkout ces - 4) + w_pp*(product_page csat - 4) + sd*N(0,1) */
  nps: { base: 7.6, wDeliveryCsat: 1.4, wCheckoutCes: 0.6, wProductPageCsat: 0, noiseSd: 1.3 },
  /** P(at least one repeat paid order) by the customer's latent NPS class. */
  repeat: { promoter: 0.55, passive: 0.4, detractor: 0.25 },
  returnsShare: 0.2, // customers who return (part of) their first order
  supportShare: 0.35, // customers with a general support ticket
  deliveryTicketShare: 0.08,
  giftWrapAnswers: 3,
  agent: { id: INFLATED_AGENT, inflateProb: 0.5, commentProbWhenInflated: 0.08 },
  web: { sessions: 4800, checkoutContinueBefore: 0.45, checkoutContinueAfter: 0.72 },
};

// ---------------------------------------------------------------------------------------------
// CSV

function csvField(v) {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
const toCsv = (header, rows) => [header.join(','), ...rows.map((r) => r.map(csvField).join(','))].join('\n') + '\n';

// ---------------------------------------------------------------------------------------------
// Comments (English, short; some with commas and quotes)

const COMMENTS = {
  pos: ['Quick and easy.', 'Great service, thanks!', 'Everything went smoothly.', 'Very friendly help.', 'Top, would buy again.'],
  neu: ['Fine, nothing special.', 'OK, but it could be faster.', 'Took a while, but sorted in the end.'],
  neg: ['Far too many steps.', 'Nobody answered my e-mail, "we will get back to you" never happened.', 'Slow, confusing and frustrating.',
    'Had to explain my problem three times.', 'Refund took weeks, really disappointing.'],
  checkout_before: ['Had to enter my address twice.', 'Discount code did not work at checkout.', 'Checkout is long, four pages for one lock.'],
  checkout_after: ['New checkout is so much quicker!', 'One page, done in a minute.'],
  returns: ['Return label never arrived.', 'Refund still not received after two weeks.', 'Returns portal kept giving an error.'],
};

function commentFor(rng, tp, score, scale, when) {
  const sentiment = score === '' ? 'neu' : scale === 'nps' ? (score <= 6 ? 'neg' : score <= 8 ? 'neu' : 'pos')
    : score <= 2 ? 'neg' : score === 3 ? 'neu' : 'pos';
  const p = sentiment === 'neg' ? 0.6 : sentiment === 'neu' ? 0.3 : 0.4;
  if (!rng.chance(p)) return '';
  if (tp === 'checkout' && sentiment === 'neg' && rng.chance(0.6) && when < LAUNCH) return rng.pick(COMMENTS.checkout_before);
  if (tp === 'checkout' && sentiment === 'pos' && rng.chance(0.5) && when >= LAUNCH) return rng.pick(COMMENTS.checkout_after);
  if (tp === 'returns' && sentiment === 'neg' && rng.chance(0.6)) return rng.pick(COMMENTS.returns);
  return rng.pick(COMMENTS[sentiment]);
}

// ---------------------------------------------------------------------------------------------
// The generator

export function generateEffects({ seed = 1, honest = false } = {}) {
  const rng = (name) => makeRng(seed, name);
  const P = PLANTED;

  // Customers and their (true) experiences at every touchpoint they pass. Only responders' answers
  // are observed; loyalty follows the experience whether or not it was reported.
  const rc = rng('customers');
  const rx = rng('experience');
  const customers = [];
  for (let i = 0; i < P.customers; i++) {
    const firstDay = rc.int(0, 165);
    const t0 = daytime(rc, firstDay);
    const c = {
      index: i, id: `C${pad(10001 + i, 5)}`, t0, responder: rc.chance(P.responderShare),
      channel: rc.weighted([['web', 60], ['app', 30], ['store', 10]]),
      returns: rc.chance(P.returnsShare), support: rc.chance(P.supportShare), deliveryTicket: rc.chance(P.deliveryTicketShare),
    };
    const scores = (csatProbs, cesProbs) => {
      const u = rx.next();
      const v = rx.chance(P.csatCesLink) ? u : rx.next();
      return { csat: quantileOf(csatProbs, u), ces: cesProbs ? quantileOf(cesProbs, v) : '' };
    };
    const after = t0 >= LAUNCH;
    c.pp = scores(P.csat.product_page, P.ces.product_page);
    c.chk = scores(after ? P.csat.checkout_after : P.csat.checkout_before, after ? P.ces.checkout_after : P.ces.checkout_before);
    c.del = scores(P.csat.delivery, P.ces.delivery);
    c.ret = c.returns ? scores(P.csat.returns, P.ces.returns) : null;
    // Latent loyalty from the experiences that drive it (product page has zero weight).
    const latent = P.nps.base + P.nps.wDeliveryCsat * (c.del.csat - 4) + P.nps.wCheckoutCes * (c.chk.ces - 4)
      + P.nps.wProductPageCsat * (c.pp.csat - 4) + P.nps.noiseSd * rx.normal();
    c.latent = latent;
    c.nps = clamp(Math.round(latent), 0, 10);
    c.npsClass = c.nps >= 9 ? 'promoter' : c.nps >= 7 ? 'passive' : 'detractor';
    customers.push(c);
  }

  // Orders: the first order at t0, repeat paid orders by NPS class, some cancelled or pending extras.
  const ro = rng('orders');
  const orders = [];
  const amount = () => ro.weighted([[() => ro.int(15, 120) + ro.pick([0, 0.5, 0.95]), 70], [() => ro.int(400, 2500), 30]])();
  for (const c of customers) {
    const channel = c.channel;
    orders.push({ c, at: c.t0, amount: amount(), status: 'paid', channel });
    const lastDay = N_DAYS - 1;
    const firstDay = Math.floor((c.t0 - PERIOD_START) / DAY);
    if (ro.chance(P.repeat[c.npsClass])) {
      const extra = ro.weighted([[1, 70], [2, 22], [3, 8]]);
      for (let k = 0; k < extra; k++) {
        orders.push({ c, at: daytime(ro, ro.int(Math.min(firstDay + 7, lastDay), lastDay)), amount: amount(), status: 'paid', channel: ro.chance(0.8) ? channel : ro.pick(['web', 'app', 'store']) });
      }
    }
    if (ro.chance(0.06)) orders.push({ c, at: daytime(ro, ro.int(firstDay, lastDay)), amount: amount(), status: ro.pick(['cancelled', 'cancelled', 'refunded']), channel });
    if (ro.chance(0.02)) orders.push({ c, at: daytime(ro, ro.int(Math.max(firstDay, 170), lastDay)), amount: amount(), status: 'pending', channel });
  }
  orders.sort((a, b) => a.at - b.at || a.c.index - b.c.index);
  orders.forEach((o, i) => { o.id = `O${pad(i + 1, 5)}`; });

  // Agents: the inflation stream is drawn for every scored agent row, honest or not.
  const ra = rng('agents');
  const inflate = (agent) => {
    const hit = ra.chance(P.agent.inflateProb);
    return !honest && agent === INFLATED_AGENT && hit;
  };

  // Tickets: returns (slow, reopened, many replies), delivery (where is my parcel), support.
  const rt = rng('tickets');
  const tickets = [];
  const addTicket = (c, touchpoint, created) => {
    const bad = touchpoint === 'returns';
    const channel = rt.weighted([['email', 55], ['phone', 25], ['chat', 20]]);
    const firstH = bad ? 4 + 30 * rt.next() ** 2 : channel === 'email' ? 1 + 10 * rt.next() ** 2 : 0.2 + 1.2 * rt.next();
    const solvedH = firstH + (bad ? 24 + 150 * rt.next() ** 1.5 : 0.5 + 40 * rt.next() ** 3);
    const firstAt = created + Math.round(firstH * 3600) * 1000;
    const solvedAt = created + Math.round(solvedH * 3600) * 1000;
    const solved = solvedAt < PERIOD_END && !rt.chance(0.03);
    const status = solved ? 'solved' : rt.chance(0.5) ? 'open' : 'pending';
    const replies = solved ? (bad ? rt.weighted([[1, 20], [2, 30], [3, 25], [4, 15], [5, 10]]) : rt.weighted([[1, 62], [2, 24], [3, 10], [4, 4]]))
      : firstAt < PERIOD_END ? rt.int(0, 2) : 0;
    const reopens = solved ? (bad ? rt.weighted([[0, 55], [1, 33], [2, 12]]) : rt.weighted([[0, 90], [1, 9], [2, 1]])) : 0;
    const agent = rt.pick(AGENTS);
    let csat = '';
    const rated = solved && rt.chance(0.3);
    const u = rt.next();
    if (rated) csat = quantileOf(bad ? P.csat.returns : P.csat.support, u);
    if (rated && inflate(agent)) csat = 5;
    const t = { c, touchpoint, created, firstAt: firstAt < PERIOD_END ? firstAt : null, solvedAt: solved ? solvedAt : null, status, channel, replies, reopens, csat, agent };
    tickets.push(t);
    return t;
  };
  for (const c of customers) {
    const delivered = c.t0 + rt.int(1, 4) * DAY;
    c.delivered = delivered;
    if (c.deliveryTicket) addTicket(c, 'delivery', daytime(rt, clamp(Math.floor((c.t0 - PERIOD_START) / DAY) + rt.int(1, 3), 0, N_DAYS - 1)));
    if (c.returns) c.returnTicket = addTicket(c, 'returns', daytime(rt, clamp(Math.floor((delivered - PERIOD_START) / DAY) + rt.int(2, 10), 0, N_DAYS - 1)));
    if (c.support) c.supportTicket = addTicket(c, 'support', daytime(rt, clamp(Math.floor((c.t0 - PERIOD_START) / DAY) + rt.int(1, 25), 0, N_DAYS - 1)));
  }
  tickets.sort((a, b) => a.created - b.created || a.c.index - b.c.index);
  tickets.forEach((t, i) => { t.id = `T${pad(i + 1, 5)}`; });

  // Surveys.
  const rs = rng('surveys');
  const surveys = [];
  const push = (s) => { if (s.at >= PERIOD_START && s.at < PERIOD_END) surveys.push({ nps: '', ces: '', csat: '', agent: '', inflated: false, ...s }); };
  const surveyChannel = (c) => (c.channel === 'app' ? (rs.chance(0.8) ? 'app' : 'email') : rs.chance(0.7) ? 'email' : 'web');
  for (const c of customers) {
    // Every responder draws the same sequence of decisions, answered or not, so one touchpoint's
    // response rate does not shift another's randomness.
    const answersPp = rs.chance(0.5), answersChk = rs.chance(0.85), answersDel = rs.chance(0.85), answersNps = rs.chance(0.8);
    const answersRet = rs.chance(0.75), answersSup = rs.chance(0.75);
    const ppAt = c.t0 - rs.int(10, 72 * 60) * MIN, chkAt = c.t0 + rs.int(3, 90) * MIN;
    const delAt = c.delivered + rs.int(20, 48) * HOUR + rs.int(0, 3599) * 1000;
    const npsAt = c.delivered + rs.int(7, 21) * DAY + rs.int(0, 12 * 3600) * 1000;
    const agentDel = rs.pick(AGENTS);
    if (!c.responder) continue;
    if (answersPp) push({ c, at: ppAt, touchpoint: 'product_page', channel: 'web', csat: c.pp.csat, ces: c.pp.ces });
    if (answersChk) push({ c, at: chkAt, touchpoint: 'checkout', channel: surveyChannel(c), csat: c.chk.csat, ces: c.chk.ces });
    if (answersDel) {
      const inflated = inflate(agentDel);
      push({ c, at: delAt, touchpoint: 'delivery', channel: surveyChannel(c), csat: inflated ? 5 : c.del.csat, ces: c.del.ces, agent: agentDel, inflated });
    }
    // The relationship survey goes to customers who answered both checkout and delivery.
    if (answersChk && answersDel && answersNps && chkAt >= PERIOD_START && delAt < PERIOD_END) {
      push({ c, at: npsAt, touchpoint: 'nps_survey', channel: 'email', nps: c.nps });
    }
    if (c.returnTicket && answersRet && c.returnTicket.solvedAt !== null) {
      const t = c.returnTicket;
      const inflated = inflate(t.agent);
      push({ c, at: t.solvedAt + rs.int(1, 48) * HOUR, touchpoint: 'returns', channel: 'email', csat: inflated ? 5 : c.ret.csat, ces: c.ret.ces, agent: t.agent, inflated });
    }
    if (c.supportTicket && answersSup && c.supportTicket.solvedAt !== null) {
      // Post-contact survey: csat plus a transactional NPS that leans on the customer's loyalty.
      const t = c.supportTicket;
      const u = rs.next();
      const contactNps = clamp(Math.round(c.latent - 0.2 + 1.2 * rs.normal()), 0, 10);
      const inflated = inflate(t.agent);
      push({ c, at: t.solvedAt + rs.int(1, 48) * HOUR, touchpoint: 'support', channel: 'email', csat: inflated ? 5 : quantileOf(P.csat.support, u),
        nps: inflated ? 10 : contactNps, agent: t.agent, inflated });
    }
  }
  // gift_wrap: exactly three answers, all as bad as it gets.
  const giftCustomers = customers.filter((c) => c.responder).slice(0, P.giftWrapAnswers);
  const giftDays = [40, 95, 140];
  giftCustomers.forEach((c, k) => push({ c, at: daytime(rs, giftDays[k]), touchpoint: 'gift_wrap', channel: 'web', csat: 1, ces: 1 }));
  surveys.sort((a, b) => a.at - b.at || a.c.index - b.c.index || a.touchpoint.localeCompare(b.touchpoint));
  const rcm = rng('comments');
  for (const s of surveys) {
    const score = s.nps !== '' ? s.nps : s.csat;
    const scale = s.nps !== '' ? 'nps' : 'csat';
    const hasComment = rcm.chance(P.agent.commentProbWhenInflated);
    const text = commentFor(rcm, s.touchpoint, score, scale, s.at);
    s.comment = s.inflated ? (hasComment ? rcm.pick(COMMENTS.pos) : '') : text;
  }
  surveys.forEach((s, i) => { s.id = `R${pad(i + 1, 5)}`; });

  // Web sessions: product pages -> cart -> /checkout -> /checkout/confirm + purchase. Before the new
  // checkout fewer sessions continue past /checkout (the drop-off falls from 2025-04-01).
  const rw = rng('web');
  const sessions = [];
  const PRODUCTS = ['city-bike', 'e-bike', 'kids-bike', 'helmet', 'lock', 'pannier', 'lights', 'pump'];
  for (let s = 0; s < P.web.sessions; s++) {
    let t = daytime(rw, rw.int(0, N_DAYS - 1));
    const [source, medium] = rw.weighted([[['google', 'organic'], 40], [['(direct)', '(none)'], 30], [['google', 'cpc'], 15], [['newsletter', 'email'], 15]]);
    const campaign = medium === 'cpc' ? 'spring_sale' : medium === 'email' ? 'newsletter' : '';
    const user = rw.int(1, 3600);
    const cust = rw.chance(0.15) ? customers[rw.int(0, customers.length - 1)].id : '';
    const evs = [];
    const ev = (event, page) => { evs.push([t, event, page]); t += rw.int(5, 120) * 1000; };
    const after = t >= LAUNCH;
    const landing = rw.weighted([['/', 35], ['product', 50], ['/returns', 6], ['/help', 9]]);
    if (landing === 'product') ev('page_view', `/product/${rw.pick(PRODUCTS)}`);
    else ev('page_view', landing);
    if (landing === '/returns' && rw.chance(0.5)) ev('page_view', '/returns/form');
    if (landing === '/' || landing === 'product') {
      const views = rw.weighted([[0, 30], [1, 40], [2, 30]]);
      for (let k = 0; k < views; k++) ev('page_view', `/product/${rw.pick(PRODUCTS)}`);
      if (evs.length > 1 || landing === 'product') {
        if (rw.chance(0.4)) {
          ev('add_to_cart', evs[evs.length - 1][2]);
          if (rw.chance(0.75)) {
            if (rw.chance(0.06)) ev('page_view', '/gift-wrap');
            ev('page_view', '/checkout');
            if (rw.chance(after ? P.web.checkoutContinueAfter : P.web.checkoutContinueBefore)) {
              ev('page_view', '/checkout/confirm');
              ev('purchase', '/checkout/confirm');
            }
          }
        }
      }
    }
    sessions.push({ s, evs, user, cust, source, medium, campaign });
  }
  sessions.sort((a, b) => a.evs[0][0] - b.evs[0][0] || a.s - b.s);
  const webRows = [];
  sessions.forEach((x, n) => {
    for (const [t, event, page] of x.evs) webRows.push([fmtLocal(t), `s${n + 1}`, `u${x.user}`, x.cust, event, page, x.source, x.medium, x.campaign]);
  });

  // Files.
  const files = {};
  files['surveys.csv'] = toCsv(['response_id', 'customer_id', 'submitted_at', 'touchpoint', 'channel', 'agent', 'nps', 'ces', 'csat', 'comment'],
    surveys.map((s) => [s.id, s.c.id, fmtLocal(s.at), s.touchpoint, s.channel, s.agent, s.nps, s.ces, s.csat, s.comment]));
  files['tickets.csv'] = toCsv(['ticket_id', 'customer_id', 'created_at', 'first_response_at', 'solved_at', 'status', 'channel', 'touchpoint',
    'replies', 'reopens', 'csat', 'agent'],
  tickets.map((t) => [t.id, t.c.id, fmtLocal(t.created), t.firstAt === null ? '' : fmtLocal(t.firstAt), t.solvedAt === null ? '' : fmtLocal(t.solvedAt),
    t.status, t.channel, t.touchpoint, t.replies, t.reopens, t.csat, t.agent]));
  files['orders.csv'] = toCsv(['order_id', 'customer_id', 'ordered_at', 'amount', 'currency', 'status', 'channel'],
    orders.map((o) => [o.id, o.c.id, fmtLocal(o.at), o.amount.toFixed(2), 'EUR', o.status, o.channel]));
  files['web_events.csv'] = toCsv(['timestamp', 'session_id', 'user_id', 'customer_id', 'event', 'page', 'source', 'medium', 'campaign'], webRows);
  files['journey.yaml'] = JOURNEY_YAML;

  const truth = measure({ surveys, tickets, orders, customers, sessions, honest, seed });
  files['README.md'] = readme(truth, files);
  return { files, truth };
}

// ---------------------------------------------------------------------------------------------
// Measured values: what the generated rows actually carry (the README quotes these).

function measure({ surveys, tickets, orders, customers, sessions, honest, seed }) {
  const pct = (num, den) => (den === 0 ? null : Math.round((1000 * num) / den) / 10);
  const mean = (xs) => (xs.length ? Math.round((100 * xs.reduce((a, b) => a + b, 0)) / xs.length) / 100 : null);
  const sv = (tp, pred = () => true) => surveys.filter((s) => s.touchpoint === tp && pred(s));
  const csatTop2 = (list) => pct(list.filter((s) => s.csat !== '' && s.csat >= 4).length, list.filter((s) => s.csat !== '').length);
  const cesLow = (list) => pct(list.filter((s) => s.ces !== '' && s.ces <= 3).length, list.filter((s) => s.ces !== '').length);
  const cesMean = (list) => mean(list.filter((s) => s.ces !== '').map((s) => s.ces));
  const before = (s) => s.at < LAUNCH;
  const afterL = (s) => s.at >= LAUNCH;
  const byTp = {};
  for (const tp of ['product_page', 'checkout', 'gift_wrap', 'delivery', 'returns', 'support']) {
    const list = sv(tp);
    byTp[tp] = { n: list.length, csatTop2: csatTop2(list), cesMean: cesMean(list), ces1to3: cesLow(list) };
  }
  const npsOf = (list) => {
    const rows = list.filter((s) => s.nps !== '');
    return rows.length ? pct(rows.filter((s) => s.nps >= 9).length - rows.filter((s) => s.nps <= 6).length, rows.length) : null;
  };
  const side = (list) => ({ n: list.length, csatTop2: csatTop2(list), cesMean: cesMean(list), nps: npsOf(list) });
  const split = (tp) => ({ before: side(sv(tp, before)), after: side(sv(tp, afterL)) });
  const periods = Object.fromEntries(['product_page', 'checkout', 'delivery', 'returns', 'support', 'nps_survey'].map((tp) => [tp, split(tp)]));
  const monthly = (tp) => [1, 2, 3, 4, 5, 6].map((m) => {
    const list = sv(tp, (s) => monthOf(s.at) === m);
    return { month: m, n: list.length, csatTop2: csatTop2(list) };
  });
  const ticketStats = (tp) => {
    const list = tickets.filter((t) => t.touchpoint === tp);
    const solved = list.filter((t) => t.solvedAt !== null);
    const fcr = solved.filter((t) => t.replies <= 1 && t.reopens === 0).length;
    const hours = solved.map((t) => (t.solvedAt - t.created) / HOUR).sort((a, b) => a - b);
    const median = hours.length ? hours[(hours.length - 1) >> 1] * 0.5 + hours[hours.length >> 1] * 0.5 : null;
    return { n: list.length, solved: solved.length, fcr: pct(fcr, solved.length), reopened: pct(solved.filter((t) => t.reopens > 0).length, solved.length),
      ttrMedianHours: median === null ? null : Math.round(median * 10) / 10 };
  };
  // Agents: share of top scores (csat 5 on surveys and tickets; nps 10 on support surveys).
  const agentRows = [
    ...surveys.filter((s) => s.agent !== '').map((s) => ({ agent: s.agent, csat: s.csat, nps: s.nps, comment: s.comment })),
    ...tickets.filter((t) => t.csat !== '').map((t) => ({ agent: t.agent, csat: t.csat, nps: '', comment: null })),
  ];
  const agentShare = (pred) => {
    const rows = agentRows.filter(pred);
    const csat = rows.filter((r) => r.csat !== '');
    const nps = rows.filter((r) => r.nps !== '');
    const tens = nps.filter((r) => r.nps === 10);
    return { csatN: csat.length, csat5: pct(csat.filter((r) => r.csat === 5).length, csat.length), npsN: nps.length,
      nps10: pct(tens.length, nps.length), tens: tens.length, tensWithoutComment: pct(tens.filter((r) => r.comment === '').length, tens.length) };
  };
  // Loyalty over relationship-survey respondents: >= 2 paid orders by NPS class.
  const paid = new Map();
  for (const o of orders) if (o.status === 'paid') paid.set(o.c.id, (paid.get(o.c.id) ?? 0) + 1);
  const npsRows = sv('nps_survey');
  const repeatBy = (cls) => {
    const list = npsRows.filter((s) => (cls === 'promoter' ? s.nps >= 9 : cls === 'passive' ? s.nps >= 7 && s.nps <= 8 : s.nps <= 6));
    return { n: list.length, repeat: pct(list.filter((s) => (paid.get(s.c.id) ?? 0) >= 2).length, list.length) };
  };
  // Satisfied customers: every csat they gave is >= 4 (at least one).
  const csatByCustomer = new Map();
  for (const s of surveys) if (s.csat !== '') {
    const e = csatByCustomer.get(s.c.id) ?? { min: 5 };
    e.min = Math.min(e.min, s.csat);
    csatByCustomer.set(s.c.id, e);
  }
  const satisfied = [...csatByCustomer.entries()].filter(([, e]) => e.min >= 4).map(([id]) => id);
  const answered = (tp, col) => new Set(surveys.filter((s) => s.touchpoint === tp && s[col] !== '').map((s) => s.c.id));
  const delCsat = answered('delivery', 'csat'), chkCes = answered('checkout', 'ces');
  const bothDrivers = new Set(npsRows.map((s) => s.c.id).filter((id) => delCsat.has(id) && chkCes.has(id)));
  const webSplit = (pred) => {
    const list = sessions.filter((x) => pred(x.evs[0][0]));
    const atCheckout = list.filter((x) => x.evs.some((e) => e[2] === '/checkout'));
    const endAtCheckout = atCheckout.filter((x) => x.evs[x.evs.length - 1][2] === '/checkout');
    return { sessions: list.length, reachedCheckout: atCheckout.length, droppedAtCheckout: pct(endAtCheckout.length, atCheckout.length),
      conversion: pct(list.filter((x) => x.evs.some((e) => e[1] === 'purchase')).length, list.length) };
  };
  const giftWrap = sv('gift_wrap');
  return {
    seed, honest,
    rows: { surveys: surveys.length, tickets: tickets.length, orders: orders.length, web_events: sessions.reduce((a, x) => a + x.evs.length, 0) },
    touchpoints: byTp,
    checkout: { ...split('checkout'), monthly: monthly('checkout') },
    delivery: { ...split('delivery'), monthly: monthly('delivery') },
    periods,
    returnsTickets: ticketStats('returns'), supportTickets: ticketStats('support'), deliveryTickets: ticketStats('delivery'),
    giftWrap: { n: giftWrap.length, csat: giftWrap.map((s) => s.csat), ces: giftWrap.map((s) => s.ces) },
    agents: { inflated: honest ? null : INFLATED_AGENT, a07: agentShare((r) => r.agent === INFLATED_AGENT), others: agentShare((r) => r.agent !== INFLATED_AGENT) },
    nps: {
      respondents: npsRows.length, withDeliveryAndCheckout: bothDrivers.size,
      score: pct(npsRows.filter((s) => s.nps >= 9).length - npsRows.filter((s) => s.nps <= 6).length, npsRows.length),
    },
    loyalty: {
      promoters: repeatBy('promoter'), passives: repeatBy('passive'), detractors: repeatBy('detractor'),
      satisfiedCustomers: satisfied.length,
      satisfiedNotReturning: pct(satisfied.filter((id) => (paid.get(id) ?? 0) < 2).length, satisfied.length),
    },
    web: { before: webSplit((t) => t < LAUNCH), after: webSplit((t) => t >= LAUNCH) },
  };
}

// ---------------------------------------------------------------------------------------------
// Config

const JOURNEY_YAML = `# journey.yaml — planted-effects data set for "Spaak & Zadel" (a made-up bike shop).
# Generated by scripts/generate-effects.mjs with surveys.csv, tickets.csv, orders.csv, web_events.csv.
# See README.md in this folder for the effects planted in the data and their true sizes.
timezone: Europe/Amsterdam
churn_days: 90
low_n: 30
min_cell: 5
stages:
  - { id: awareness, label: Awareness }
  - { id: consideration, label: Consideration }
  - { id: purchase, label: Purchase }
  - { id: service, label: Service }
  - { id: loyalty, label: Loyalty }
touchpoints:
  - id: product_page
    label: Product pages
    stage: consideration
    match:
      web: "page LIKE '/product/%'"
      survey: "touchpoint = 'product_page'"
  - id: checkout
    label: Checkout
    stage: purchase
    moment_of_truth: true
    match:
      web: "page IN ('/checkout', '/checkout/confirm')"
      survey: "touchpoint = 'checkout'"
      order: "TRUE"   # every order is placed through the checkout
  - id: gift_wrap
    label: Gift wrapping
    stage: purchase
    match:
      web: "page = '/gift-wrap'"
      survey: "touchpoint = 'gift_wrap'"
  - id: delivery
    label: Delivery
    stage: service
    moment_of_truth: true
    match:
      survey: "touchpoint = 'delivery'"
      ticket: "touchpoint = 'delivery'"
  - id: returns
    label: Returns
    stage: service
    match:
      web: "page LIKE '/returns%'"
      survey: "touchpoint = 'returns'"
      ticket: "touchpoint = 'returns'"
  - id: support
    label: Customer service
    stage: service
    match:
      web: "page LIKE '/help%'"
      survey: "touchpoint = 'support'"
      ticket: "touchpoint = 'support'"
  - id: nps_survey
    label: Relationship NPS survey
    stage: loyalty
    match:
      survey: "touchpoint = 'nps_survey'"
segments:
  - id: channel
    label: Channel
    expr: "channel"
initiatives:
  - id: one_page_checkout
    touchpoint: checkout
    started: 2025-04-01
    description: "One-page checkout replaces the four-step checkout (address entered once, discount codes checked up front)."
`;

// ---------------------------------------------------------------------------------------------
// README

function readme(t, files) {
  const P = PLANTED;
  const kb = (name) => `${Math.round(Buffer.byteLength(files[name]) / 1024)} KB`;
  const dist = (probs) => probs.map((p) => `${Math.round(p * 100)}`).join('/');
  const top2 = (probs) => Math.round((probs[3] + probs[4]) * 100);
  const cesLow = (probs) => Math.round((probs[0] + probs[1] + probs[2]) * 100);
  const cesMean = (probs) => probs.reduce((a, p, i) => a + p * (i + 1), 0).toFixed(2);
  const tpRow = (tp) => {
    const m = t.touchpoints[tp];
    const p = (v) => (v === null ? '–' : `${v}%`);
    return `| \`${tp}\` | ${m.n} | ${p(m.csatTop2)} | ${m.cesMean ?? '–'} | ${p(m.ces1to3)} |`;
  };
  const dash = (v, unit = '') => (v === null ? '–' : `${v}${unit}`);
  const fmtNps = (v) => `${v >= 0 ? '+' : ''}${v}`;
  const month = (list) => list.map((m) => `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun'][m.month - 1]} ${m.csatTop2}% (n=${m.n})`).join(', ');
  const a = t.agents;
  return `# Planted-effects data set: Spaak & Zadel

A made-up bike shop with six months of exports (2025-01-01 .. 2025-06-30, local time
Europe/Amsterdam, no offsets in the files) in the canonical layout, with effects of known size planted
in it. Analyses (friction ranking, before/after comparison, key drivers, loyalty, survey integrity)
are tested against these. All ids are fictitious; there are no names, e-mail addresses or other PII.

## Generating

\`\`\`sh
node scripts/generate-effects.mjs                 # seed 1 into fixtures/effects/ (these files)
node scripts/generate-effects.mjs --seed 7 --out /tmp/fx7
node scripts/generate-effects.mjs --honest --out /tmp/honest   # no inflated agent
\`\`\`

Deterministic (mulberry32 PRNG, one stream per purpose, fixed period, no clock): a seed always gives
byte-identical files. \`generateEffects({ seed, honest })\` (exported by the script) returns the same
files in memory plus \`truth\`, the measured values below. Every figure in this README is computed
from the generated rows, so it cannot drift from the data. This copy: seed ${t.seed}${t.honest ? ', --honest' : ''}.

## Files

| File | Rows | Size |
|---|---:|---:|
| \`surveys.csv\` | ${t.rows.surveys} | ${kb('surveys.csv')} |
| \`tickets.csv\` | ${t.rows.tickets} | ${kb('tickets.csv')} |
| \`orders.csv\` | ${t.rows.orders} | ${kb('orders.csv')} |
| \`web_events.csv\` | ${t.rows.web_events} | ${kb('web_events.csv')} |

- **surveys.csv**: response_id, customer_id, submitted_at, touchpoint, channel, agent, nps, ces, csat,
  comment. Touchpoint surveys (csat 1-5, ces 1-7 where 7 = easiest) at \`product_page\`, \`checkout\`,
  \`delivery\`, \`returns\`, \`gift_wrap\`; a post-contact survey at \`support\` (csat plus a transactional
  nps 0-10); the relationship survey at \`nps_survey\` (nps only). \`agent\` (A01..A12) is set on
  delivery, returns and support rows.
- **tickets.csv**: ticket_id, customer_id, created_at, first_response_at, solved_at, status, channel,
  touchpoint (\`delivery\`, \`returns\`, \`support\`), replies, reopens, csat (on ~30% of solved tickets), agent.
- **orders.csv**: order_id, customer_id, ordered_at, amount (EUR), currency, status (paid, cancelled,
  refunded, pending), channel (web, app, store). Every customer's first order is paid.
- **web_events.csv**: timestamp, session_id, user_id, customer_id, event (page_view, add_to_cart,
  purchase), page (\`/\`, \`/product/...\`, \`/checkout\`, \`/gift-wrap\`, \`/checkout/confirm\`, \`/returns...\`,
  \`/help\`), source, medium, campaign.
- **journey.yaml**: stages awareness .. loyalty; touchpoints product_page, checkout (moment of truth),
  gift_wrap, delivery (moment of truth), returns, support, nps_survey; segment \`channel\`; initiative
  \`one_page_checkout\` on checkout from 2025-04-01. Every order maps to \`checkout\`.

Every row is valid: a report loads all of them with 0 rejected.

## Customers and how scores arise

${P.customers} customers, each with a first (paid) order on a day drawn uniformly from 1 January to
15 June. ${Math.round(P.responderShare * 100)}% are survey responders; a responder answers the product-page
survey (50%, before the order), checkout (85%, minutes after), delivery (85%, 1-2 days after
delivery), and — when they answered both checkout and delivery — the relationship NPS survey (80%,
1-3 weeks after delivery). A touchpoint's csat and ces are drawn from its distribution below at one
percentile, the ces at the same percentile with probability ${P.csatCesLink} (else independently), so
they correlate.

True distributions (share of 1/2/3/4/5 for csat, 1/.../7 for ces, in %):

| Touchpoint | csat | top-2 | ces | ces mean | ces 1-3 |
|---|---|---:|---|---:|---:|
| product_page | ${dist(P.csat.product_page)} | ${top2(P.csat.product_page)}% | ${dist(P.ces.product_page)} | ${cesMean(P.ces.product_page)} | ${cesLow(P.ces.product_page)}% |
| checkout before 2025-04-01 | ${dist(P.csat.checkout_before)} | ${top2(P.csat.checkout_before)}% | ${dist(P.ces.checkout_before)} | ${cesMean(P.ces.checkout_before)} | ${cesLow(P.ces.checkout_before)}% |
| checkout from 2025-04-01 | ${dist(P.csat.checkout_after)} | ${top2(P.csat.checkout_after)}% | ${dist(P.ces.checkout_after)} | ${cesMean(P.ces.checkout_after)} | ${cesLow(P.ces.checkout_after)}% |
| delivery (all period) | ${dist(P.csat.delivery)} | ${top2(P.csat.delivery)}% | ${dist(P.ces.delivery)} | ${cesMean(P.ces.delivery)} | ${cesLow(P.ces.delivery)}% |
| returns | ${dist(P.csat.returns)} | ${top2(P.csat.returns)}% | ${dist(P.ces.returns)} | ${cesMean(P.ces.returns)} | ${cesLow(P.ces.returns)}% |
| support (csat only) | ${dist(P.csat.support)} | ${top2(P.csat.support)}% | – | – | – |

Measured in the surveys (csat top-2 = share of 4-5; ces 1-3 = share of hard answers):

| Touchpoint | answers | csat top-2 | ces mean | ces 1-3 |
|---|---:|---:|---:|---:|
${['product_page', 'checkout', 'delivery', 'returns', 'support', 'gift_wrap'].map(tpRow).join('\n')}

**Relationship NPS (the key-driver truth).** Every customer has a latent loyalty

    latent = ${P.nps.base} + ${P.nps.wDeliveryCsat} x (delivery csat - 4) + ${P.nps.wCheckoutCes} x (checkout ces - 4) + ${P.nps.wProductPageCsat} x (product_page csat - 4) + ${P.nps.noiseSd} x N(0,1)

and their relationship nps (touchpoint \`nps_survey\`) is the latent rounded and clipped to 0..10. So
delivery csat is the strong driver, checkout ces a medium one, and product-page csat has no effect
(it is drawn independently of the other scores, so its measured weight should be ~0). The scores in
the formula are the customer's answers as written in the file, except that an inflated A07 delivery
5 (effect 5) replaces the answer only in the file: loyalty follows the uninflated score.
${t.nps.respondents} customers answered the NPS survey, ${t.nps.withDeliveryAndCheckout} of them with a delivery csat and a checkout ces in the file; NPS ${t.nps.score >= 0 ? '+' : ''}${t.nps.score}.
Support surveys carry a transactional nps (latent - 0.2 + 1.2 x N(0,1), rounded): the journey-level
NPS mixes both, so use the \`nps_survey\` touchpoint for the relationship score.

## Planted effects

1. **Worst touchpoint: \`returns\`.** ${t.touchpoints.returns.n} survey answers and ${t.returnsTickets.n} tickets.
   - survey CSAT top-2 ${t.touchpoints.returns.csatTop2}%, against delivery ${t.touchpoints.delivery.csatTop2}% and product page ${t.touchpoints.product_page.csatTop2}%
   - CES 1-3 share ${t.touchpoints.returns.ces1to3}% (delivery ${t.touchpoints.delivery.ces1to3}%)
   - tickets: first-contact resolution ${t.returnsTickets.fcr}% (support ${t.supportTickets.fcr}%, delivery ${t.deliveryTickets.fcr}%)
   - tickets: reopened ${t.returnsTickets.reopened}% (support ${t.supportTickets.reopened}%, delivery ${t.deliveryTickets.reopened}%)
   - tickets: median time to resolve ${t.returnsTickets.ttrMedianHours} h (support ${t.supportTickets.ttrMedianHours} h, delivery ${t.deliveryTickets.ttrMedianHours} h)
2. **Tiny-n disaster: \`gift_wrap\`.** Exactly ${t.giftWrap.n} survey answers, csat ${t.giftWrap.csat.join(', ')} and ces ${t.giftWrap.ces.join(', ')}
   (on ${[40, 95, 140].map((d) => fmtLocal(PERIOD_START + d * DAY).slice(0, 10)).join(', ')}). With \`min_cell: 5\` its survey KPIs are
   suppressed; it must not outrank \`returns\` in a friction ranking. Some checkout sessions pass \`/gift-wrap\`.
3. **Real improvement: \`checkout\`, initiative \`one_page_checkout\` from 2025-04-01.**
   - CSAT top-2 ${t.checkout.before.csatTop2}% before (n=${t.checkout.before.n}) → ${t.checkout.after.csatTop2}% after (n=${t.checkout.after.n})
   - CES mean ${t.checkout.before.cesMean} → ${t.checkout.after.cesMean}
   - by month: ${month(t.checkout.monthly)}
   - web: of the sessions that reach \`/checkout\`, ${t.web.before.droppedAtCheckout}% end there before (n=${t.web.before.reachedCheckout}) and ${t.web.after.droppedAtCheckout}% after (n=${t.web.after.reachedCheckout})
   - web: conversion ${t.web.before.conversion}% → ${t.web.after.conversion}% of all sessions (n=${t.web.before.sessions}, ${t.web.after.sessions})
   - downstream: because checkout ces drives loyalty, the relationship NPS rises too (${fmtNps(t.periods.nps_survey.before.nps)} → ${fmtNps(t.periods.nps_survey.after.nps)}), and so does the support nps. These are real consequences, not controls.
4. **Noise-only change: \`delivery\`.** One distribution all period: CSAT top-2 ${t.delivery.before.csatTop2}% before (n=${t.delivery.before.n}) and ${t.delivery.after.csatTop2}% after (n=${t.delivery.after.n}), CES mean ${t.delivery.before.cesMean} and ${t.delivery.after.cesMean}.
   Any difference is sampling noise and must not be significant after Benjamini-Hochberg. Product page,
   returns and support experiences are likewise unchanged (the difference-in-differences controls).
5. **Inflated agent: ${t.honest ? 'absent in this copy (--honest)' : `\`${INFLATED_AGENT}\``}.** ${t.honest ? 'Every agent has the same distribution.' : `On every scored row with agent ${INFLATED_AGENT} (delivery, returns and
   support surveys; ticket csat), with probability ${P.agent.inflateProb} the answer is replaced by the top score (csat 5,
   and nps 10 on support surveys); such a row has a comment with probability ${P.agent.commentProbWhenInflated}.`}
   - csat 5 on ${a.a07.csat5}% of ${INFLATED_AGENT}'s ${a.a07.csatN} csat answers vs ${a.others.csat5}% of the others' ${a.others.csatN}
   - nps 10 on ${a.a07.nps10}% of ${INFLATED_AGENT}'s ${a.a07.npsN} support nps answers vs ${a.others.nps10}% of the others' ${a.others.npsN}
   - ${a.a07.tensWithoutComment}% of ${INFLATED_AGENT}'s ${a.a07.tens} tens have no comment (others: ${a.others.tensWithoutComment}% of ${a.others.tens})
6. **Loyalty.** A customer gets one or more repeat paid orders (7 or more days after the first, inside
   the period) with probability ${P.repeat.promoter} (promoter, latent nps ≥ 9), ${P.repeat.passive} (passive) or ${P.repeat.detractor} (detractor).
   Among NPS-survey respondents, the share with ≥ 2 paid orders:
   - promoters ${t.loyalty.promoters.repeat}% (n=${t.loyalty.promoters.n})
   - passives ${t.loyalty.passives.repeat}% (n=${t.loyalty.passives.n})
   - detractors ${t.loyalty.detractors.repeat}% (n=${t.loyalty.detractors.n})
   - satisfied customers (every csat they gave is ≥ 4; ${t.loyalty.satisfiedCustomers} of them): ${t.loyalty.satisfiedNotReturning}% do not return (fewer than 2 paid orders)
7. **Trends.** Surveys every month; the checkout step shows in April (see 3). Delivery by month:
   ${month(t.delivery.monthly)}.

## Before and after 2025-04-01, per touchpoint (surveys)

| Touchpoint | n before | n after | csat top-2 before | after | ces mean before | after | nps before | after |
|---|---:|---:|---:|---:|---:|---:|---:|---:|
${Object.entries(t.periods).map(([tp, x]) => `| \`${tp}\` | ${x.before.n} | ${x.after.n} | ${dash(x.before.csatTop2, '%')} | ${dash(x.after.csatTop2, '%')} | ${dash(x.before.cesMean)} | ${dash(x.after.cesMean)} | ${x.before.nps === null ? '–' : fmtNps(x.before.nps)} | ${x.after.nps === null ? '–' : fmtNps(x.after.nps)} |`).join('\n')}
`;
}

// ---------------------------------------------------------------------------------------------
// CLI

function main() {
  const { values } = parseArgs({
    options: { seed: { type: 'string', default: '1' }, honest: { type: 'boolean', default: false }, out: { type: 'string' } },
  });
  const seed = Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) {
    process.stderr.write(`--seed must be a whole number >= 0, got ${values.seed}\n`);
    process.exit(2);
  }
  const out = resolve(values.out ?? DEFAULT_OUT);
  const { files } = generateEffects({ seed, honest: values.honest });
  mkdirSync(out, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(out, name), text);
  for (const [name, text] of Object.entries(files)) process.stderr.write(`${name.padEnd(16)} ${String(Buffer.byteLength(text)).padStart(8)} bytes\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
