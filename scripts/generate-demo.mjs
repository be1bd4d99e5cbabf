#!/usr/bin/env node
// Generates the demo data set in fixtures/demo/ for "Fietsenwinkel Van Dijk", a made-up Dutch web
// shop selling bikes and accessories. Deterministic: a seeded PRNG (mulberry32), a fixed reference
// period (2025-01-01 .. 2025-06-30) and no clock or Math.random, so two runs give byte-identical
// files. Plain Node 20 ESM, no dependencies.
//
//   node scripts/generate-demo.mjs
//
// Writes (overwriting): surveys.csv, tickets.csv, orders.csv, web_events.csv, campaigns.csv,
// journey.yaml and README.md. The README, including the physical line numbers of the planted
// invalid rows, is produced from the generated data so it can never drift from the files.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashString, mulberry32 } from './lib/random.mjs';

const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'demo');
const SEED = 20250101;

// ---------------------------------------------------------------------------------------------
// Randomness: mulberry32, one independent stream per purpose so tuning one file leaves the others
// untouched. Normal deviates via Irwin-Hall (sum of 12 uniforms): plain arithmetic only.

function makeRng(name) {
  return mulberry32((SEED ^ hashString(name)) >>> 0);
}

const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));
const pad = (n, w) => String(n).padStart(w, '0');

// ---------------------------------------------------------------------------------------------
// Time. "Local" instants are naive wall-clock times in Europe/Amsterdam, kept as milliseconds via
// Date.UTC and formatted with getUTC* (so no host timezone is involved). Web events are written in
// UTC: CET (+01:00) until 2025-03-30 02:00 local, CEST (+02:00) after.

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const T = (y, mo, d, h = 0, mi = 0, s = 0) => Date.UTC(y, mo - 1, d, h, mi, s);
const PERIOD_START = T(2025, 1, 1);
const PERIOD_END = T(2025, 7, 1); // exclusive
const N_DAYS = Math.round((PERIOD_END - PERIOD_START) / DAY); // 181
const DST_GAP = T(2025, 3, 30, 2); // 02:00-03:00 local does not exist on 2025-03-30
const NEW_CHECKOUT = T(2025, 4, 1);

/** Moves a wall-clock time that falls in the spring-forward gap to the hour after it. */
const normLocal = (ms) => (ms >= DST_GAP && ms < DST_GAP + HOUR ? ms + HOUR : ms);
const localToUtc = (ms) => {
  const l = normLocal(ms);
  return l - (l >= DST_GAP + HOUR ? 2 * HOUR : HOUR);
};
function fmtLocal(ms) {
  const d = new Date(normLocal(ms));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)} ` +
    `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`;
}
function fmtUtc(ms) {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}T` +
    `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}Z`;
}
const fmtDate = (ms) => fmtLocal(ms).slice(0, 10);
const monthOf = (ms) => new Date(ms).getUTCMonth() + 1;
const weekdayOf = (ms) => new Date(ms).getUTCDay(); // 0 = Sunday
const dayStart = (i) => PERIOD_START + i * DAY;

/** Bike retail is seasonal: spring is busy. */
const SEASON = [0.72, 0.8, 1.0, 1.22, 1.35, 1.3];

/**
 * The courier problem: 0 before early March, 1 from ~10 March to ~20 April, easing off by early May.
 * It drives the delivery dip in surveys and the ticket spike.
 */
function courierTrouble(ms) {
  const a = T(2025, 3, 3), b = T(2025, 3, 10), c = T(2025, 4, 22), d = T(2025, 5, 5);
  if (ms < a || ms >= d) return 0;
  if (ms < b) return (ms - a) / (b - a);
  if (ms < c) return 1;
  return 1 - (ms - c) / (d - c);
}

function dayPicker(weightOfDay) {
  const cum = [];
  let total = 0;
  for (let i = 0; i < N_DAYS; i++) {
    total += weightOfDay(dayStart(i));
    cum.push(total);
  }
  return (rng, fromDay = 0, toDay = N_DAYS - 1) => {
    const lo = fromDay > 0 ? cum[fromDay - 1] : 0;
    const x = lo + rng.next() * (cum[toDay] - lo);
    let i = fromDay;
    while (i < toDay && cum[i] <= x) i++;
    return i;
  };
}

const HOURS_SHOP = [0.3, 0.15, 0.08, 0.05, 0.05, 0.15, 0.5, 1.0, 1.5, 2.0, 2.2, 2.3, 2.5, 2.3, 2.2, 2.2,
  2.3, 2.5, 2.8, 3.2, 3.5, 3.2, 2.2, 1.0];
const HOURS_OFFICE = [0.02, 0, 0, 0, 0, 0, 0.1, 0.6, 2.0, 3.0, 3.0, 2.8, 2.2, 2.6, 2.6, 2.4, 2.2, 1.6, 0.6,
  0.4, 0.4, 0.3, 0.2, 0.1];
const HOURS_PHONE = [0, 0, 0, 0, 0, 0, 0, 0, 2.0, 3.0, 3.0, 2.6, 2.0, 2.6, 2.6, 2.2, 2.0, 1.2, 0, 0, 0, 0, 0, 0];

/** A random wall-clock instant within day i, hour drawn from a profile. */
function timeInDay(rng, i, hours) {
  const h = rng.weighted(hours.map((w, hour) => [hour, w]));
  return dayStart(i) + h * HOUR + rng.int(0, 59) * MIN + rng.int(0, 59) * 1000;
}

// ---------------------------------------------------------------------------------------------
// CSV

function csvField(v) {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * Serialises rows; returns the text and, per data row, the physical line it starts on (header is
 * line 1; embedded newlines inside quoted fields push later rows down).
 */
function toCsv(header, rows) {
  const parts = [header.join(',') + '\n'];
  const startLine = [];
  let line = 2;
  for (const row of rows) {
    const text = row.map(csvField).join(',') + '\n';
    startLine.push(line);
    line += text.split('\n').length - 1;
    parts.push(text);
  }
  return { text: parts.join(''), startLine };
}

// ---------------------------------------------------------------------------------------------
// Customers: one population shared by orders, surveys, tickets and (logged-in) web sessions.
// About 40% are known to us only by e-mail address (guest checkout): every file then carries
// their e-mail and no customer id; the rest always appear by customer id and no e-mail.

const FIRST_NAMES = ['Jan', 'Piet', 'Kees', 'Henk', 'Willem', 'Daan', 'Sem', 'Lucas', 'Milan', 'Levi', 'Finn',
  'Luuk', 'Bram', 'Thijs', 'Ruben', 'Jesse', 'Tim', 'Lars', 'Niels', 'Joost', 'Gerard', 'Martijn', 'Sander',
  'Mohamed', 'Youssef', 'Emma', 'Julia', 'Sophie', 'Anna', 'Lisa', 'Sanne', 'Fleur', 'Lotte', 'Eva', 'Anouk',
  'Iris', 'Noor', 'Femke', 'Marloes', 'Ingrid', 'Annemieke', 'Petra', 'Wilma', 'Esther', 'Marieke', 'Linda',
  'Fatima', 'Sara', 'Mila', 'Tess', 'Zoë', 'Roos', 'Maaike', 'Hanneke', 'Joris', 'Koen', 'Stijn', 'Wouter'];
const LAST_NAMES = ['de Vries', 'Jansen', 'de Jong', 'van den Berg', 'Bakker', 'Visser', 'Smit', 'Meijer',
  'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer',
  'de Wit', 'Dijkstra', 'Smits', 'de Graaf', 'van der Meer', 'van der Linden', 'Kok', 'Jacobs', 'de Haan',
  'Vermeulen', 'van den Heuvel', 'van der Veen', 'van den Broek', 'de Bruijn', 'van der Heijden', 'Schouten',
  'van Beek', 'Willems', 'van Vliet', 'van de Ven', 'Hoekstra', 'Maas', 'Verhoeven', 'Koster', 'van Dam',
  'van der Wal', 'Prins', 'Blom', 'Huisman', 'Kuipers', 'van Wijk', 'Postma', 'Kramer', 'van den Bosch',
  'Yilmaz', 'El Amrani', 'Bouzid', 'Nguyen', 'Pinas', 'Wolters', 'Timmermans', 'Groen'];

const N_CUSTOMERS = 2800;

function makeCustomers() {
  const rng = makeRng('customers');
  const used = new Set();
  const customers = [];
  for (let i = 0; i < N_CUSTOMERS; i++) {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const f = first.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    const l = last.toLowerCase().replaceAll(' ', '');
    const style = rng.weighted([['dot', 60], ['initial', 15], ['joined', 15], ['year', 10]]);
    let local = style === 'dot' ? `${f}.${l}` : style === 'initial' ? `${f[0]}.${l}` : style === 'joined'
      ? `${f}${l}` : `${f}.${l}${rng.int(60, 99)}`;
    const domain = rng.chance(0.75) ? 'example.nl' : 'example.com';
    let email = `${local}@${domain}`;
    for (let k = 2; used.has(email); k++) email = `${local}${k}@${domain}`;
    used.add(email);
    customers.push({
      index: i,
      id: `C${pad(100 + i * 2 + rng.int(0, 1), 6)}`,
      email,
      guest: rng.chance(0.4),
      churner: rng.chance(0.11),
      sat: rng.normal(), // latent satisfaction, drives survey answers a little
      channel: rng.weighted([['web', 62], ['app', 26], ['store', 12]]),
      orders: [],
      deliveryTicketDuringTrouble: false,
    });
  }
  return customers;
}

const idCols = (c) => (c.guest ? ['', c.email] : [c.id, '']);

// ---------------------------------------------------------------------------------------------
// Orders

const PRODUCTS = [
  // slug, price, kind
  ['e-bike-stad-500wh', 2199.0, 'bike'], ['e-bike-tour-625wh', 2449.0, 'bike'], ['e-bike-compact-400wh', 1899.0, 'bike'],
  ['stadsfiets-omafiets-28', 649.0, 'bike'], ['transportfiets-n7', 899.0, 'bike'],
  ['kinderfiets-20-inch', 299.0, 'bike'], ['kinderfiets-16-inch', 249.0, 'bike'], ['racefiets-alu-105', 1299.0, 'bike'],
  ['mtb-hardtail-29', 899.0, 'bike'], ['onderhoudsbeurt-e-bike', 129.95, 'service'],
  ['kettingslot-art2', 79.95, 'acc'], ['fietshelm-urban', 59.95, 'acc'], ['fietstas-dubbel', 89.95, 'acc'],
  ['verlichtingset-led', 34.95, 'acc'], ['regenpak-unisex', 49.95, 'acc'], ['fietspomp-staand', 24.95, 'acc'],
  ['binnenband-28-2x', 15.95, 'acc'], ['kinderzitje-achter', 119.0, 'acc'], ['telefoonhouder-stuur', 19.95, 'acc'],
  ['accu-500wh-los', 549.0, 'part'], ['zadel-comfort-gel', 39.95, 'acc'], ['buitenband-28', 32.5, 'part'],
];
const BIKES = PRODUCTS.filter((p) => p[2] === 'bike');
const SMALL = PRODUCTS.filter((p) => p[2] !== 'bike');

function makeOrders(customers) {
  const rng = makeRng('orders');
  const pickSeasonDay = dayPicker((ms) => SEASON[monthOf(ms) - 1] * ([0, 6].includes(weekdayOf(ms)) ? 1.1 : 1));
  const orders = [];
  for (const c of customers) {
    const days = [];
    if (c.churner) {
      // Early customers who buy in January-February and never come back.
      const n = rng.weighted([[2, 60], [3, 30], [4, 10]]);
      let d = rng.int(0, 30);
      for (let k = 0; k < n && d <= 58; k++) {
        days.push(d);
        d += rng.int(3, 20);
      }
    } else {
      const n = rng.weighted([[1, 58], [2, 22], [3, 10], [4, 5], [5, 3], [6, 2]]);
      for (let k = 0; k < n; k++) days.push(pickSeasonDay(rng));
    }
    days.sort((a, b) => a - b);
    for (const d of days) {
      const channel = rng.chance(0.75) ? c.channel : rng.weighted([['web', 62], ['app', 26], ['store', 12]]);
      const at = timeInDay(rng, d, channel === 'store' ? HOURS_PHONE : HOURS_SHOP);
      let amount;
      let hasBike = false;
      if (rng.chance(0.13)) {
        hasBike = true;
        amount = rng.pick(BIKES)[1];
        if (rng.chance(0.5)) amount += rng.pick(SMALL.filter((p) => p[1] < 130))[1];
        if (amount > 2500) amount = rng.pick(BIKES)[1];
      } else {
        amount = rng.pick(SMALL)[1];
        const extra = rng.weighted([[0, 55], [1, 30], [2, 15]]);
        for (let k = 0; k < extra; k++) amount += rng.pick(SMALL.filter((p) => p[1] < 130))[1];
      }
      let status;
      if (at >= T(2025, 6, 22) && rng.chance(0.22)) status = 'pending';
      else status = rng.weighted([['paid', 89.5], ['refunded', 5.5 + 3 * courierTrouble(at)], ['cancelled', 4], ['pending', 0.4]]);
      const o = { customer: c, at, amount: Math.round(amount * 100) / 100, status, channel, hasBike };
      c.orders.push(o);
      orders.push(o);
    }
  }
  orders.sort((a, b) => a.at - b.at || a.customer.index - b.customer.index);
  orders.forEach((o, i) => { o.id = `O${250001 + i}`; });
  return orders;
}

// ---------------------------------------------------------------------------------------------
// Tickets

const SUBJECTS = {
  delivery: ['Waar blijft mijn bestelling?', 'Pakket niet ontvangen', 'Bezorging te laat', 'Track & trace werkt niet',
    'Pakket beschadigd aangekomen', 'Fiets nog niet geleverd', 'Bezorger niet geweest', '"Bezorgd" maar niets ontvangen',
    'Bestelling staat al dagen op "onderweg"', 'Bezorgmoment wijzigen'],
  returns: ['Retour aanmelden', 'Retourlabel aanvragen', 'Terugbetaling retour nog niet ontvangen', 'Verkeerde maat fietshelm',
    'Fietstas retour, kleur wijkt af', 'Ruilen voor andere maat'],
  payment: ['iDEAL betaling mislukt', 'Dubbel afgeschreven', 'Factuur opvragen', 'Betalen in termijnen?',
    'Kortingscode werkt niet', 'Betaling wel afgeschreven, bestelling geannuleerd'],
  product_question: ['Welke framemaat past bij mij?', 'Actieradius e-bike', 'Is deze fietstas waterdicht?', 'Levertijd e-bike?',
    'Past dit kinderzitje op mijn fiets?', 'Verschil tussen 500Wh en 625Wh accu', 'Proefrit mogelijk?'],
  warranty: ['Accu laadt niet meer op', 'Garantie op motor', 'Krakend trapas', 'Remmen piepen na 2 maanden',
    'Display e-bike doet het niet', 'Ketting springt eraf, garantie?'],
};

function makeTickets(customers, orders) {
  const rng = makeRng('tickets');
  const raw = [];
  const add = (customer, touchpoint, at, order) => {
    if (at < PERIOD_START || at >= PERIOD_END) return;
    raw.push({ customer, touchpoint, at: normLocal(at), order });
  };
  const officeTime = (ms) => {
    const i = Math.floor((ms - PERIOD_START) / DAY);
    return timeInDay(rng, clamp(i, 0, N_DAYS - 1), HOURS_OFFICE);
  };
  for (const o of orders) {
    if (o.status === 'cancelled') {
      if (rng.chance(0.25)) add(o.customer, 'payment', officeTime(o.at + rng.int(0, 2) * DAY), o);
      continue;
    }
    const shipped = o.channel !== 'store';
    const shipDay = o.at + rng.int(1, 3) * DAY;
    if (shipped && rng.chance(0.12 + 0.36 * courierTrouble(shipDay))) {
      add(o.customer, 'delivery', officeTime(shipDay + rng.int(1, 6) * DAY), o);
      if (courierTrouble(shipDay) > 0.5) o.customer.deliveryTicketDuringTrouble = true;
    }
    if (rng.chance(o.status === 'refunded' ? 0.6 : 0.06)) add(o.customer, 'returns', officeTime(o.at + rng.int(4, 25) * DAY), o);
    if (rng.chance(0.045)) add(o.customer, 'payment', officeTime(o.at + rng.int(0, 2) * DAY), o);
    if (rng.chance(o.hasBike ? 0.14 : 0.035)) add(o.customer, 'warranty', officeTime(o.at + rng.int(14, 120) * DAY), o);
  }
  const pickDay = dayPicker((ms) => SEASON[monthOf(ms) - 1]);
  for (let k = 0; k < 620; k++) {
    add(customers[rng.int(0, customers.length - 1)], 'product_question', timeInDay(rng, pickDay(rng), HOURS_OFFICE), null);
  }
  raw.sort((a, b) => a.at - b.at || a.customer.index - b.customer.index);

  const tickets = raw.map((t) => {
    const trouble = t.touchpoint === 'delivery' ? courierTrouble(t.at) : 0.3 * courierTrouble(t.at); // backlog
    const channel = rng.weighted([['email', 55], ['phone', 25], ['chat', 20]]);
    const created = channel === 'email' ? t.at : normLocal(dayStart(Math.floor((t.at - PERIOD_START) / DAY)) +
      rng.weighted(HOURS_PHONE.map((w, h) => [h, w])) * HOUR + rng.int(0, 3599) * 1000);
    let firstH = channel === 'email' ? 1 + 16 * rng.next() ** 2 : channel === 'chat' ? 0.2 + 1.5 * rng.next() ** 2 : 0.2 + 0.6 * rng.next();
    firstH = clamp(firstH * (1 + 0.8 * trouble), 0.2, 30);
    let solvedH = 1 + 120 * rng.next() ** 3 + 8 * rng.next();
    solvedH = clamp(solvedH * (1 + 0.6 * trouble), 1, 200);
    if (solvedH < firstH + 0.25) solvedH = Math.min(200, firstH + 0.25 + rng.float(0, 3));
    const firstAt = normLocal(created + Math.round(firstH * 3600) * 1000);
    const solvedAt = normLocal(created + Math.round(solvedH * 3600) * 1000);
    let status = 'solved';
    if (solvedAt >= PERIOD_END || rng.chance(0.035)) status = rng.chance(0.55) ? 'open' : 'pending';
    const firstResponded = firstAt < PERIOD_END;
    const replies = status === 'solved' ? rng.weighted([[1, 30], [2, 30], [3, 18], [4, 10], [5, 6], [6, 3], [0, 3]])
      : firstResponded ? rng.weighted([[0, 20], [1, 40], [2, 25], [3, 15]]) : 0;
    const reopens = status === 'solved' || rng.chance(0.5) ? rng.weighted([[0, 86], [1, 11 + 6 * trouble], [2, 3]]) : 0;
    let csat = '';
    if (status === 'solved' && rng.chance(0.3)) {
      const mu = 4.1 - 1.4 * trouble - 0.004 * solvedH - 0.3 * reopens;
      csat = clamp(Math.round(mu + 1.0 * rng.normal()), 1, 5);
    }
    return {
      customer: t.customer, touchpoint: t.touchpoint, order: t.order, channel, created,
      firstAt: firstResponded ? firstAt : null, solvedAt: status === 'solved' ? solvedAt : null, status, replies, reopens,
      csat, subject: rng.pick(SUBJECTS[t.touchpoint]), trouble,
    };
  });
  tickets.sort((a, b) => a.created - b.created || a.customer.index - b.customer.index);
  tickets.forEach((t, i) => { t.id = `T${10001 + i}`; });
  return tickets;
}

// ---------------------------------------------------------------------------------------------
// Surveys

const AGENTS = ['Sanne', 'Daan', 'Lotte', 'Bram', 'Fleur', 'Thijs', 'Eva', 'Joris'];
// Bram joined in March and is still learning: his contacts score somewhat lower.
const AGENT_SHIFT = { Bram: -0.6, Sanne: 0.3 };

const COMMENTS = {
  checkout: {
    pos: ['Snel en makkelijk afgerekend.', 'Betalen met iDEAL ging soepel.', 'Top, in een paar klikken klaar!',
      'Duidelijk overzicht van de kosten, prima.', 'Quick and easy checkout, paid in a minute.'],
    neu: ['Prima, niks bijzonders.', 'Ging wel, al was de verzendkeuze onduidelijk.', 'Redelijk, maar het kan sneller.',
      'Fine, but the shipping options were unclear.'],
    neg: ['Kortingscode werkte niet, heel frustrerend.', 'Moest mijn adres twee keer invullen.', 'Veel te veel stappen bij het afrekenen',
      'Pagina liep vast bij het betalen, toch maar opnieuw geprobeerd', 'Waarom moet ik een account aanmaken? Gewoon "als gast" bestellen graag.',
      'The payment page froze and I had to start over.', 'Discount code did not work at checkout, very frustrating.'],
  },
  checkoutNew: {
    pos: ['Nieuwe checkout is echt een verbetering!', 'Fijne nieuwe afrekenpagina, alles op één scherm.',
      'Snel en makkelijk afgerekend.', 'Betalen met iDEAL ging soepel.'],
    neu: ['Prima, niks bijzonders.', 'Ging wel, al was de verzendkeuze onduidelijk.'],
    neg: ['Kortingscode werkte niet, heel frustrerend.', 'Nieuwe layout even wennen, knop "betalen" zat onderaan',
      'Discount code did not work at checkout, very frustrating.'],
  },
  delivery: {
    pos: ['Netjes op tijd bezorgd.', 'Fiets werd keurig afgeleverd, zelfs al afgesteld!', 'Bezorger was vriendelijk en behulpzaam.',
      'Snelle levering, goed verpakt.', 'Delivered on time, the bike was even adjusted!'],
    neu: ['Kwam een dag later dan gepland, verder prima.', 'Bezorgd, maar geen bericht vooraf.', 'Arrived a day later than planned, otherwise fine.'],
    neg: ['Pakket drie dagen te laat.', 'Bezorger heeft het pakket bij de buren gelaten zonder briefje.',
      'Status zei "bezorgd" maar er was niets.', 'Doos was beschadigd, voorspatbord gebogen.',
      'Twee keer thuisgebleven voor niets.\nNiemand belde of mailde.', 'Slechte ervaring met de bezorgdienst, nooit meer',
      'Parcel arrived three days late.', 'The courier left my parcel with the neighbours without a note.'],
  },
  support_contact: {
    pos: ['{agent} hielp me super snel, top!', 'Duidelijk antwoord, probleem opgelost.', 'Vriendelijk en deskundig, dank je {agent}!',
      '{agent} was very friendly and helpful.'],
    neu: ['Uiteindelijk opgelost, maar het duurde even.', 'Antwoord was oké, wel wat standaard.', 'Solved in the end, but it took long.'],
    neg: ['Drie keer mijn verhaal moeten doen.', 'Lang moeten wachten op antwoord, en nog steeds geen oplossing.',
      'Ik kreeg een "standaardmail", mijn vraag werd niet gelezen.', 'Had to wait a week for an answer to my email.',
      'Nobody replied to my question, still no response.'],
  },
  relationship: {
    pos: ['Al jaren klant, altijd goede service.', 'Goede prijzen, snelle levering en deskundig advies.', 'Mijn e-bike is geweldig, aanrader!',
      'Fijne winkel, goed geholpen in de showroom.', 'Great prices and fast delivery.'],
    neu: ['Prima winkel, maar soms wat duur.', 'Goed, maar de bezorging kan beter.', 'Assortiment is goed, website kan beter.',
      'Good shop, but a bit expensive.'],
    neg: ['Bestelling kwam veel te laat, daarna niks meer van gehoord.', 'Klantenservice reageert traag',
      'Te duur vergeleken met andere winkels, jammer.', 'Fiets is prima.\nMaar de service na aankoop was "matig", om het netjes te zeggen.',
      'My order arrived far too late and nobody kept me informed.'],
  },
  product_page: {
    pos: ["Duidelijke specificaties en goede foto's.", 'Handig dat de actieradius erbij staat.', 'Goede vergelijking tussen modellen.',
      'Clear specs and good photos.'],
    neu: ['Redelijk, maar ik mis de framematen.', 'Info is oké.'],
    neg: ['Framemaat-tabel ontbreekt.', 'Geen informatie over levertijd, jammer.', 'Reviews laden niet op mobiel',
      'Prijs op de pagina klopte niet met de prijs in de winkelwagen, "verrassing"!', 'The size chart is missing on the website.'],
  },
};

const STAGE_OF = { relationship: 'loyalty', checkout: 'purchase', delivery: 'service', support_contact: 'service', product_page: 'consideration' };

function sentimentOf(s) {
  if (s.nps !== '') return s.nps <= 6 ? 'neg' : s.nps <= 8 ? 'neu' : 'pos';
  return s.csat <= 2 ? 'neg' : s.csat === 3 ? 'neu' : 'pos';
}

function makeSurveys(customers, orders, tickets) {
  const rng = makeRng('surveys');
  const out = [];
  const push = (s) => {
    if (s.at >= PERIOD_START && s.at < PERIOD_END) out.push({ nps: '', ces: '', csat: '', agent: '', ...s, at: normLocal(s.at) });
  };
  const cesToCsat = (ces) => clamp(Math.round(0.9 + (ces - 1) * 4 / 6 + 0.25 + 0.55 * rng.normal()), 1, 5);

  // Post-purchase (checkout) survey: in-app or on the confirmation page, minutes after the order.
  for (const o of orders) {
    if (o.channel === 'store' || o.status === 'cancelled' || !rng.chance(0.41)) continue;
    const at = o.at + rng.int(2, 90) * MIN;
    const mu = (at >= NEW_CHECKOUT ? 5.7 : 4.3) + 0.25 * o.customer.sat;
    const ces = clamp(Math.round(mu + 1.35 * rng.normal()), 1, 7);
    push({ customer: o.customer, at, touchpoint: 'checkout', channel: rng.chance(0.8) ? o.channel : 'email', ces, csat: cesToCsat(ces) });
  }
  // Post-delivery survey: e-mailed (or app push) a few days after shipping.
  for (const o of orders) {
    if (o.channel === 'store' || o.status !== 'paid' || !rng.chance(0.35)) continue;
    const delivered = o.at + rng.int(1, 3) * DAY + rng.int(0, 2) * DAY * courierTrouble(o.at);
    const at = delivered + rng.int(20, 60) * HOUR + rng.int(0, 3599) * 1000;
    const trouble = courierTrouble(delivered);
    const mu = 4.35 - 1.45 * trouble + 0.2 * o.customer.sat;
    const csat = clamp(Math.round(mu + (0.85 + 0.35 * trouble) * rng.normal()), 1, 5);
    push({ customer: o.customer, at, touchpoint: 'delivery', channel: rng.chance(0.8) ? 'email' : 'app', csat });
  }
  // Post-support survey: after a solved ticket, by e-mail.
  for (const t of tickets) {
    if (t.status !== 'solved' || !rng.chance(0.36)) continue;
    const agent = rng.pick(AGENTS);
    const at = t.solvedAt + rng.int(30, 48 * 60) * MIN;
    const mu = 5.1 - 1.1 * t.trouble - 0.3 * t.reopens + (AGENT_SHIFT[agent] ?? 0) + 0.2 * t.customer.sat;
    const ces = clamp(Math.round(mu + 1.3 * rng.normal()), 1, 7);
    push({ customer: t.customer, at, touchpoint: 'support_contact', channel: 'email', ces, csat: cesToCsat(ces), agent });
  }
  // Relationship NPS: a monthly wave among customers who have bought before.
  for (let m = 1; m <= 6; m++) {
    const mStart = T(2025, m, 1), mEnd = T(2025, m + 1, 1);
    const eligible = customers.filter((c) => c.orders.length && c.orders[0].at < mEnd - 2 * DAY);
    const wave = Math.min(eligible.length, 255);
    for (let k = 0; k < wave; k++) { // partial Fisher-Yates: a sample without repeats
      const j = k + Math.floor(rng.next() * (eligible.length - k));
      [eligible[k], eligible[j]] = [eligible[j], eligible[k]];
      const c = eligible[k];
      const from = Math.max(mStart, c.orders[0].at + DAY);
      const at = from + Math.floor(rng.next() * ((mEnd - from) / 1000)) * 1000;
      const shift = (c.churner ? -2.0 : 0) + (c.deliveryTicketDuringTrouble && at > T(2025, 3, 10) ? -1.5 : 0) + 0.6 * c.sat;
      const nps = clamp(Math.round(8.7 + shift + 1.9 * rng.normal()), 0, 10);
      push({ customer: c, at, touchpoint: 'relationship', channel: rng.chance(0.85) ? 'email' : 'app', nps });
    }
  }
  // Product-page feedback widget.
  const pickDay = dayPicker((ms) => SEASON[monthOf(ms) - 1]);
  for (let k = 0; k < 520; k++) {
    const c = customers[rng.int(0, customers.length - 1)];
    const csat = clamp(Math.round(3.95 + 0.2 * c.sat + 0.95 * rng.normal()), 1, 5);
    push({ customer: c, at: timeInDay(rng, pickDay(rng), HOURS_SHOP), touchpoint: 'product_page', channel: rng.chance(0.7) ? 'web' : 'app', csat });
  }

  out.sort((a, b) => a.at - b.at || a.customer.index - b.customer.index);
  for (const s of out) {
    const sentiment = sentimentOf(s);
    const p = sentiment === 'neg' ? 0.62 : sentiment === 'neu' ? 0.3 : 0.38;
    const pool = s.touchpoint === 'checkout' && s.at >= NEW_CHECKOUT ? COMMENTS.checkoutNew : COMMENTS[s.touchpoint];
    s.comment = rng.chance(p) ? rng.pick(pool[sentiment]).replaceAll('{agent}', s.agent) : '';
  }
  out.forEach((s, i) => { s.id = `R${pad(i + 1, 6)}`; });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Campaigns (daily rows)

function makeCampaigns() {
  const rng = makeRng('campaigns');
  const rows = [];
  const sends = []; // newsletter send days, used by the web traffic
  for (let i = 0; i < N_DAYS; i++) {
    const day = dayStart(i);
    const m = monthOf(day);
    const season = SEASON[m - 1];
    const spring = day >= T(2025, 3, 1) && day < T(2025, 6, 1);
    if (weekdayOf(day) === 4) { // newsletter every Thursday
      const week = Math.floor(i / 7) + 1;
      const name = `nieuwsbrief_2025_wk${pad(week, 2)}`;
      const sent = Math.round(8200 + i * 8 + rng.int(-60, 60));
      const delivered = Math.round(sent * rng.float(0.984, 0.993));
      const opens = Math.round(delivered * rng.float(0.31, 0.42));
      const clicks = Math.round(delivered * rng.float(0.025, 0.05) * (spring ? 1.2 : 1));
      rows.push([fmtDate(day), 'email', name, '', '', sent, delivered, opens, clicks, '', '']);
      sends.push({ day: i, name, clicks });
    }
    const socialCampaign = spring ? 'lente_2025' : 'altijd_aan';
    const impressions = Math.round((spring ? 9000 : 3200) * season * rng.float(0.75, 1.3));
    const reach = Math.round(impressions * rng.float(0.58, 0.76));
    const engagements = Math.round(impressions * rng.float(0.018, 0.041));
    const sClicks = Math.round(impressions * rng.float(0.005, 0.011));
    const sSpend = (spring ? rng.float(55, 95) : rng.float(15, 35)).toFixed(2);
    rows.push([fmtDate(day), 'social', socialCampaign, impressions, reach, '', '', '', sClicks, engagements, sSpend]);
    const brandImpr = Math.round(1100 * season * rng.float(0.8, 1.25));
    const brandClicks = Math.round(brandImpr * rng.float(0.08, 0.12));
    rows.push([fmtDate(day), 'ads', 'merk_zoeken', brandImpr, '', '', '', '', brandClicks, '', (brandClicks * rng.float(0.22, 0.4)).toFixed(2)]);
    if (spring) {
      const impr = Math.round(5200 * season * rng.float(0.7, 1.3));
      const clicks = Math.round(impr * rng.float(0.02, 0.04));
      rows.push([fmtDate(day), 'ads', 'voorjaar_ebikes', impr, '', '', '', '', clicks, '', (clicks * rng.float(0.6, 1.1)).toFixed(2)]);
    }
  }
  return { rows, sends };
}

// ---------------------------------------------------------------------------------------------
// Web events

const BLOG = ['/blog/e-bike-kopen-waar-let-je-op', '/blog/fiets-onderhoud-voorjaar', '/blog/fietsroutes-veluwe',
  '/blog/kinderfiets-maat-kiezen', '/blog/fietsen-in-de-regen', '/blog/accu-e-bike-langer-mee'];
const CATEGORIES = ['/fietsen/e-bikes', '/fietsen/e-bikes', '/fietsen/stadsfietsen', '/fietsen/kinderfietsen', '/fietsen/racefietsen',
  '/accessoires/verlichting', '/accessoires/sloten', '/accessoires/fietstassen'];
const PRODUCT_PAGES = PRODUCTS.filter((p) => p[2] !== 'service').map((p) => `/product/${p[0]}`);
const SERVICE_PAGES = ['/klantenservice/faq', '/klantenservice/faq', '/klantenservice/bezorging', '/klantenservice/retourneren',
  '/klantenservice/contact'];

const N_SESSIONS = 10000;

function makeWebEvents(customers, sends) {
  const rng = makeRng('web');
  const pickDay = dayPicker((ms) => SEASON[monthOf(ms) - 1] * ([0, 6].includes(weekdayOf(ms)) ? 1.15 : 1));
  const nUsers = Math.round(N_SESSIONS * 0.68);
  const userCustomer = [];
  const known = customers.filter((c) => !c.guest);
  for (let u = 0; u < nUsers; u++) userCustomer.push(rng.chance(0.1) ? rng.pick(known) : null);
  const sessions = [];

  for (let s = 0; s < N_SESSIONS; s++) {
    const user = Math.floor(rng.next() ** 1.2 * nUsers); // some visitors return more often
    let [source, medium] = rng.weighted([[['google', 'organic'], 33], [['(direct)', '(none)'], 24], [['google', 'cpc'], 15],
      [['newsletter', 'email'], 10], [['instagram', 'social'], 8], [['facebook', 'social'], 4], [['bing', 'organic'], 3],
      [['vergelijk.nl', 'referral'], 3]]);
    let day;
    let campaign = '';
    if (medium === 'email') {
      const send = rng.weighted(sends.map((x) => [x, x.clicks]));
      day = Math.min(N_DAYS - 1, send.day + rng.weighted([[0, 60], [1, 25], [2, 10], [3, 5]]));
      campaign = send.name;
    } else {
      day = pickDay(rng);
    }
    const local = timeInDay(rng, day, HOURS_SHOP);
    const spring = local >= T(2025, 3, 1) && local < T(2025, 6, 1);
    if (medium === 'cpc') campaign = spring && rng.chance(0.6) ? 'voorjaar_ebikes' : 'merk_zoeken';
    if (medium === 'social') campaign = spring ? (rng.chance(0.8) ? 'lente_2025' : '') : rng.chance(0.6) ? 'altijd_aan' : '';
    const cust = userCustomer[user] && rng.chance(0.75) ? userCustomer[user].id : '';
    let t = localToUtc(local);
    const trouble = courierTrouble(local);
    const list = [];
    const ev = (event, page) => {
      list.push([t, event, page]);
      t += rng.int(6, 150) * 1000;
    };

    const landing = medium === 'organic' ? rng.weighted([[() => rng.pick(BLOG), 35], [() => rng.pick(PRODUCT_PAGES), 30],
      [() => rng.pick(CATEGORIES), 20], [() => '/', 10], [() => rng.pick(SERVICE_PAGES), 5]])
      : medium === 'cpc' ? rng.weighted([[() => rng.pick(PRODUCT_PAGES), 50], [() => '/fietsen/e-bikes', 30], [() => '/', 20]])
      : medium === 'email' ? rng.weighted([[() => rng.pick(CATEGORIES), 40], [() => rng.pick(PRODUCT_PAGES), 35], [() => rng.pick(BLOG), 25]])
      : medium === 'social' ? rng.weighted([[() => rng.pick(BLOG), 45], [() => rng.pick(PRODUCT_PAGES), 40], [() => '/', 15]])
      : medium === 'referral' ? () => rng.pick(PRODUCT_PAGES)
      : rng.weighted([[() => '/', 55], [() => '/account', 15], [() => rng.pick(SERVICE_PAGES), 10 + 25 * trouble],
        [() => rng.pick(PRODUCT_PAGES), 20]]);
    const landingPage = landing();
    ev('page_view', landingPage);

    const bounce = rng.chance(landingPage.startsWith('/blog') ? 0.55 : 0.38);
    if (!bounce) {
      if (landingPage === '/account' || cust) {
        if (rng.chance(0.35)) ev('page_view', '/account/bestellingen');
      }
      if (rng.chance(0.06 + 0.1 * trouble)) ev('page_view', rng.pick(SERVICE_PAGES));
      let product = landingPage.startsWith('/product/') ? landingPage : null;
      const views = rng.weighted([[0, 28], [1, 42], [2, 22], [3, 8]]);
      for (let k = 0; k < views; k++) {
        if (rng.chance(0.3)) ev('page_view', rng.pick(CATEGORIES));
        product = rng.pick(PRODUCT_PAGES);
        ev('page_view', product);
      }
      if (rng.chance(0.025)) ev('file_download', '/downloads/brochure-e-bikes-2025.pdf');
      if (rng.chance(0.02)) { ev('page_view', '/proefrit-aanvragen'); ev('generate_lead', '/proefrit-aanvragen'); }
      if (rng.chance(0.012)) { ev('page_view', '/account/registreren'); ev('sign_up', '/account/registreren'); }
      // ~30% of all sessions add to cart; the new checkout (from 1 April) converts better.
      if (product && rng.chance(0.62)) {
        ev('add_to_cart', product);
        if (rng.chance(0.55)) ev('page_view', '/winkelwagen');
        if (rng.chance(0.3)) {
          ev('page_view', '/checkout');
          if (rng.chance(local >= NEW_CHECKOUT ? 0.34 : 0.22)) {
            ev('page_view', '/checkout/bevestiging');
            ev('purchase', '/checkout/bevestiging');
          }
        }
      }
    }
    sessions.push({ s, start: list[0][0], list, user, cust, source, medium, campaign });
  }
  // Session ids count up in order of session start, as a web analytics export would have them.
  sessions.sort((a, b) => a.start - b.start || a.s - b.s);
  const events = [];
  sessions.forEach((x, n) => {
    x.list.forEach(([t, event, page], k) => {
      events.push({ t, n, k, row: [fmtUtc(t), `s${n + 1}`, `u${x.user + 1}`, x.cust, event, page, x.source, x.medium, x.campaign] });
    });
  });
  events.sort((a, b) => a.t - b.t || a.n - b.n || a.k - b.k);
  return events.map((e) => e.row);
}

// ---------------------------------------------------------------------------------------------
// Config

const JOURNEY_YAML = `# journey.yaml — demo configuration for "Fietsenwinkel Van Dijk" (bikes & accessories).
#
# Goes with the demo exports in this folder (generated by scripts/generate-demo.mjs):
#   surveys.csv, tickets.csv, orders.csv, web_events.csv, campaigns.csv
# Stages are the columns of the journey; touchpoints are mapped onto them by rules. A rule is a SQL
# boolean expression over the canonical columns of one kind of input (survey, ticket, web,
# campaign); customer_id and email are not available to rules (they become a customer key at ingest).
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
  - id: blog
    label: Blog & inspiration
    stage: awareness
    match:
      web: "page LIKE '/blog%'"
  - id: product_page
    label: Product pages
    stage: consideration
    match:
      web: "page LIKE '/product/%' OR page LIKE '/fietsen%'"
      survey: "touchpoint = 'product_page'"
  - id: checkout
    label: Checkout
    stage: purchase
    moment_of_truth: true
    insights:
      - "Customers found the old checkout long: address entered twice, discount codes failing."
      - "A new one-page checkout launched on 2025-04-01."
    opportunities:
      - "Make checkout effortless on mobile and in the app."
    solutions:
      - "One-page checkout with guest option (live since 2025-04-01)."
      - "Validate discount codes before the payment step."
    match:
      web: "page IN ('/winkelwagen', '/checkout', '/checkout/bevestiging') OR event IN ('add_to_cart', 'purchase')"
      survey: "touchpoint = 'checkout'"
  - id: delivery
    label: Delivery
    stage: service
    moment_of_truth: true
    insights:
      - "Delivery satisfaction dropped in March-April when the courier missed delivery slots."
      - "Delivery questions are the most common reason to contact customer service."
    opportunities:
      - "Proactively inform customers when a parcel is delayed."
    solutions:
      - "Second courier for bikes and large parcels."
      - "Automatic delay e-mail with a new delivery window."
    match:
      survey: "touchpoint = 'delivery'"
      ticket: "touchpoint IN ('delivery', 'returns')"
  - id: support_contact
    label: Customer service
    stage: service
    match:
      survey: "touchpoint = 'support_contact'"
      ticket: "touchpoint NOT IN ('delivery', 'returns')"
      web: "page LIKE '/klantenservice%'"
  - id: relationship
    label: Relationship survey
    stage: loyalty
    match:
      survey: "touchpoint = 'relationship'"
  - id: newsletter
    label: Newsletter
    stage: awareness
    match:
      campaign: "channel = 'email'"
  - id: social
    label: Social media
    stage: awareness
    match:
      campaign: "channel = 'social'"
segments:
  - id: channel
    label: Channel
    expr: "channel"
# One person across systems (docs/identity.md): a customer id in the shop and on the web when
# logged in, an email for guests; a web visitor's user_id links their anonymous visits.
identity:
  link: [customer_id, email, user_id]
# Funnels (docs/funnels.md): \`journey funnel --demo\`.
funnels:
  - id: order_to_promoter
    label: Paid order to promoter
    unit: person
    steps:
      - { id: paid, label: Paid order, match: { order: "status = 'paid'" } }
      - { id: no_delivery_ticket, label: delivery ticket, touchpoint: delivery, absent: true, within: 14d }
      - { id: answered, label: Survey answer, match: { survey: "nps IS NOT NULL" }, within: 90d }
      - { id: promoter, label: Promoter (NPS 9-10), match: { survey: "nps >= 9" }, within: 90d }
  - id: session_checkout
    label: Checkout in one visit
    unit: session
    steps:
      - { id: product, label: Product page, match: { web: "page LIKE '/product/%'" } }
      - { id: cart, label: Add to cart, match: { web: "event = 'add_to_cart'" }, within: 30m }
      - { id: purchase, label: Purchase, match: { web: "event = 'purchase'" }, within: 1h }
`;

// ---------------------------------------------------------------------------------------------
// Planting invalid rows. Each target is a fraction through the file; the first row at or after it
// that qualifies (right type, no embedded newline) gets broken.

function plant(rows, specs, hasNewline) {
  const planted = [];
  const taken = new Set();
  for (const spec of specs) {
    let i = Math.floor(spec.at * rows.length);
    while (taken.has(i) || (spec.where && !spec.where(rows[i], i)) || hasNewline(rows[i])) i++;
    taken.add(i);
    spec.apply(rows[i]);
    planted.push({ index: i, field: spec.field, value: spec.value, why: spec.why });
  }
  return planted;
}

// ---------------------------------------------------------------------------------------------
// Main

function main() {
  const customers = makeCustomers();
  const orders = makeOrders(customers);
  const tickets = makeTickets(customers, orders);
  const surveys = makeSurveys(customers, orders, tickets);
  const { rows: campaignRows, sends } = makeCampaigns();
  const webRows = makeWebEvents(customers, sends);

  const files = {};
  const invalid = {};
  const noNewline = () => false;

  // surveys.csv
  const SURVEY_HEADER = ['response_id', 'customer_id', 'email', 'submitted_at', 'stage', 'touchpoint', 'channel', 'nps', 'ces', 'csat', 'comment', 'agent'];
  const surveyRows = surveys.map((s) => [s.id, ...idCols(s.customer), fmtLocal(s.at), STAGE_OF[s.touchpoint], s.touchpoint, s.channel,
    s.nps, s.ces, s.csat, s.comment, s.agent]);
  const tpIs = (...tps) => (r) => tps.includes(r[5]);
  invalid.surveys = plant(surveyRows, [
    { at: 0.08, where: tpIs('relationship'), field: 'nps', value: '11', why: 'NPS outside 0-10', apply: (r) => { r[7] = 11; } },
    { at: 0.24, where: tpIs('checkout'), field: 'ces', value: '0', why: 'CES outside 1-7', apply: (r) => { r[8] = 0; } },
    { at: 0.4, where: tpIs('delivery'), field: 'csat', value: 'vier', why: 'CSAT not a number', apply: (r) => { r[9] = 'vier'; } },
    { at: 0.56, field: 'response_id', value: '(empty)', why: 'missing response_id', apply: (r) => { r[0] = ''; } },
    { at: 0.72, field: 'submitted_at', value: '31-02-2025', why: 'not a timestamp (and no such date)', apply: (r) => { r[3] = '31-02-2025'; } },
    { at: 0.9, where: tpIs('relationship'), field: 'nps', value: '7.5', why: 'NPS not an integer', apply: (r) => { r[7] = '7.5'; } },
  ], (r) => String(r[10]).includes('\n'));
  files['surveys.csv'] = toCsv(SURVEY_HEADER, surveyRows);

  // tickets.csv
  const TICKET_HEADER = ['ticket_id', 'customer_id', 'email', 'created_at', 'first_response_at', 'solved_at', 'status', 'channel', 'touchpoint',
    'replies', 'reopens', 'csat', 'subject'];
  const ticketRows = tickets.map((t) => [t.id, ...idCols(t.customer), fmtLocal(t.created), t.firstAt === null ? '' : fmtLocal(t.firstAt),
    t.solvedAt === null ? '' : fmtLocal(t.solvedAt), t.status, t.channel, t.touchpoint, t.replies, t.reopens, t.csat, t.subject]);
  const solvedWithResponse = (r) => r[6] === 'solved' && r[4] !== '';
  invalid.tickets = plant(ticketRows, [
    { at: 0.15, where: solvedWithResponse, field: 'solved_at', value: '', why: 'solved_at before created_at',
      apply: (r) => { r[5] = fmtLocal(Date.parse(r[3].replace(' ', 'T') + 'Z') - 3 * HOUR - 17 * MIN); } },
    { at: 0.4, field: 'created_at', value: '(empty)', why: 'missing created_at', apply: (r) => { r[3] = ''; } },
    { at: 0.62, where: solvedWithResponse, field: 'replies', value: 'twee', why: 'replies not a number', apply: (r) => { r[9] = 'twee'; } },
    { at: 0.85, where: solvedWithResponse, field: 'first_response_at', value: '', why: 'first_response_at before created_at',
      apply: (r) => { r[4] = fmtLocal(Date.parse(r[3].replace(' ', 'T') + 'Z') - 2 * HOUR - 41 * MIN); } },
  ], noNewline);
  for (const p of invalid.tickets) if (p.value === '') p.value = ticketRows[p.index][{ solved_at: 5, first_response_at: 4 }[p.field]];
  files['tickets.csv'] = toCsv(TICKET_HEADER, ticketRows);

  // orders.csv
  const ORDER_HEADER = ['order_id', 'customer_id', 'email', 'ordered_at', 'amount', 'currency', 'status', 'channel'];
  const orderRows = orders.map((o) => [o.id, ...idCols(o.customer), fmtLocal(o.at), o.amount.toFixed(2), 'EUR', o.status, o.channel]);
  invalid.orders = plant(orderRows, [
    { at: 0.2, where: (r) => r[6] === 'paid', field: 'status', value: 'betaald', why: 'status not canonical (Dutch for paid)', apply: (r) => { r[6] = 'betaald'; } },
    { at: 0.5, field: 'amount', value: 'abc', why: 'amount not a number', apply: (r) => { r[4] = 'abc'; } },
    { at: 0.8, field: 'ordered_at', value: 'gisteren', why: 'not a timestamp ("yesterday")', apply: (r) => { r[3] = 'gisteren'; } },
  ], noNewline);
  files['orders.csv'] = toCsv(ORDER_HEADER, orderRows);

  // web_events.csv
  const WEB_HEADER = ['timestamp', 'session_id', 'user_id', 'customer_id', 'event', 'page', 'source', 'medium', 'campaign'];
  invalid.web_events = plant(webRows, [
    { at: 0.33, field: 'session_id', value: '(empty)', why: 'missing session_id', apply: (r) => { r[1] = ''; } },
    { at: 0.67, field: 'timestamp', value: 'not a date', why: 'not a timestamp', apply: (r) => { r[0] = 'not a date'; } },
  ], noNewline);
  files['web_events.csv'] = toCsv(WEB_HEADER, webRows);

  // campaigns.csv
  const CAMPAIGN_HEADER = ['date', 'channel', 'campaign', 'impressions', 'reach', 'sends', 'delivered', 'opens', 'clicks', 'engagements', 'spend'];
  invalid.campaigns = [];
  files['campaigns.csv'] = toCsv(CAMPAIGN_HEADER, campaignRows);

  const rowCounts = {
    'surveys.csv': surveyRows.length, 'tickets.csv': ticketRows.length, 'orders.csv': orderRows.length,
    'web_events.csv': webRows.length, 'campaigns.csv': campaignRows.length,
  };
  const stats = computeStats({ surveys, tickets, orders, customers, webRows });

  mkdirSync(OUT_DIR, { recursive: true });
  for (const [name, f] of Object.entries(files)) writeFileSync(join(OUT_DIR, name), f.text);
  writeFileSync(join(OUT_DIR, 'journey.yaml'), JOURNEY_YAML);
  const sizes = Object.fromEntries(Object.entries(files).map(([n, f]) => [n, Buffer.byteLength(f.text)]));
  sizes['journey.yaml'] = Buffer.byteLength(JOURNEY_YAML);
  writeFileSync(join(OUT_DIR, 'README.md'), readme({ files, invalid, rowCounts, sizes, stats, webRows }));

  for (const [n, c] of Object.entries(rowCounts)) console.log(`${n.padEnd(16)} ${String(c).padStart(6)} rows  ${sizes[n]} bytes`);
}

// ---------------------------------------------------------------------------------------------
// Figures for the README, from the generated values before the invalid rows were planted (six
// rows do not move these averages).

function computeStats({ surveys, tickets, orders, customers, webRows }) {
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const inMonths = (ms, months) => months.includes(monthOf(ms));
  const sv = (tp, pred) => surveys.filter((s) => s.touchpoint === tp && pred(s));
  const nps = (list) => {
    const prom = list.filter((s) => s.nps >= 9).length, det = list.filter((s) => s.nps <= 6).length;
    return Math.round((100 * (prom - det)) / list.length);
  };
  const rel = sv('relationship', () => true);
  const pctLow = (list) => Math.round((100 * list.filter((s) => s.csat <= 2).length) / list.length);
  const del = (months) => sv('delivery', (s) => inMonths(s.at, months));
  const ch = (before) => sv('checkout', (s) => (s.at < NEW_CHECKOUT) === before);
  const tix = (months) => tickets.filter((t) => t.touchpoint === 'delivery' && inMonths(t.created, months)).length;
  const churned = customers.filter((c) => c.orders.length >= 2 && c.orders[c.orders.length - 1].at < T(2025, 3, 1));
  const sessions = new Set(webRows.map((r) => r[1]).filter(Boolean)).size;
  const purchases = webRows.filter((r) => r[4] === 'purchase').length;
  const carts = new Set(webRows.filter((r) => r[4] === 'add_to_cart').map((r) => r[1])).size;
  const statusShare = (st) => Math.round((100 * orders.filter((o) => o.status === st).length) / orders.length);
  return {
    npsAll: nps(rel),
    npsChurned: nps(rel.filter((s) => s.customer.churner)),
    npsOther: nps(rel.filter((s) => !s.customer.churner)),
    delJanFeb: mean(del([1, 2]).map((s) => s.csat)).toFixed(2), delMarApr: mean(del([3, 4]).map((s) => s.csat)).toFixed(2),
    delMayJun: mean(del([5, 6]).map((s) => s.csat)).toFixed(2),
    delLowJanFeb: pctLow(del([1, 2])), delLowMarApr: pctLow(del([3, 4])),
    tixJanFeb: tix([1, 2]), tixMarApr: tix([3, 4]), tixMayJun: tix([5, 6]),
    cesBefore: mean(ch(true).map((s) => s.ces)).toFixed(2), cesAfter: mean(ch(false).map((s) => s.ces)).toFixed(2),
    churned: churned.length, customersWithOrders: customers.filter((c) => c.orders.length).length,
    sessions, purchases, carts, paidShare: statusShare('paid'),
  };
}

function readme({ invalid, rowCounts, sizes, stats, files }) {
  const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
  const total = Object.values(sizes).reduce((a, b) => a + b, 0);
  const countRows = Object.entries(rowCounts).map(([n, c]) => `| \`${n}\` | ${c} | ${kb(sizes[n])} |`).join('\n');
  const invalidRows = [];
  for (const [file, list] of Object.entries(invalid)) {
    const startLine = files[`${file}.csv`].startLine;
    for (const p of [...list].sort((a, b) => a.index - b.index)) {
      invalidRows.push(`| \`${file}.csv\` | ${startLine[p.index]} | ${p.index + 1} | \`${p.field}\` | \`${p.value}\` | ${p.why} |`);
    }
  }
  return `# Demo data set: Fietsenwinkel Van Dijk

A made-up Dutch web shop selling bikes and accessories, with six months of exports
(2025-01-01 to 2025-06-30) in the tool's canonical layout, plus a ready-to-run config
(\`journey.yaml\`). All people, e-mail addresses (only \`@example.nl\` / \`@example.com\`) and ids
are fictitious. Client data (subjects, page paths, campaign names) is in Dutch; survey comments are mostly Dutch, some English (an expat customer's),
and carry the story for \`journey themes\`: late parcels at delivery, waiting for answers at customer service, a failing discount code at checkout.

## Generating

\`\`\`sh
node scripts/generate-demo.mjs     # or: npm run demo:generate
\`\`\`

The generator is deterministic (mulberry32 PRNG with a fixed seed, fixed reference period, no
clock): running it twice gives byte-identical files. It overwrites everything in this folder,
including this README, whose figures and line numbers are computed from the generated data.

## Files

| File | Data rows | Size |
|---|---:|---:|
${countRows}
| \`journey.yaml\` | – | ${kb(sizes['journey.yaml'])} |

Total: ${(total / 1024 / 1024).toFixed(2)} MB.

- **surveys.csv** (kind \`survey\`): five survey programmes — relationship NPS (\`relationship\`,
  only \`nps\`), post-purchase checkout CES + CSAT (\`checkout\`), post-delivery CSAT (\`delivery\`),
  post-support CES + CSAT with the \`agent\` who handled the contact (\`support_contact\`), and a
  product-page feedback widget (\`product_page\`, CSAT). \`stage\` and \`touchpoint\` are filled on
  every row. Comments are short Dutch free text, often empty; some contain commas, double quotes
  and line breaks inside quoted fields (so physical lines ≠ records).
- **tickets.csv** (kind \`ticket\`): customer-service tickets by touchpoint \`delivery\`, \`returns\`,
  \`payment\`, \`product_question\`, \`warranty\`; status \`solved\`, \`open\` or \`pending\` (\`solved_at\`
  empty unless solved); CSAT on roughly 30% of solved tickets.
- **orders.csv** (kind \`order\`): orders in EUR (15–2500), status \`paid\` (~${stats.paidShare}%), \`refunded\`,
  \`cancelled\`, \`pending\`; channel \`web\`, \`app\`, \`store\`.
- **web_events.csv** (kind \`web\`): ${stats.sessions} sessions of page views and events
  (\`page_view\`, \`add_to_cart\`, \`purchase\`, \`generate_lead\`, \`sign_up\`, \`file_download\`),
  timestamps in UTC (\`…Z\`, so the first hour of 1 January is on 2024-12-31 in UTC). ${stats.carts} sessions add to cart, ${stats.purchases} purchase.
  To keep the file small, ids are short (\`s123\`, \`u45\`) and the session count is lower than a real
  shop's.
- **campaigns.csv** (kind \`campaign\`): daily rows — weekly newsletter (\`email\`: sends, delivered,
  opens, clicks), \`social\` (impressions, reach, engagements, clicks, spend) and search \`ads\`
  (impressions, clicks, spend). Campaign names match the \`campaign\` column of web sessions.

All timestamps except web events are local time (Europe/Amsterdam) as \`YYYY-MM-DD HH:MM:SS\`.

### Customers

One population of ${N_CUSTOMERS} customers (${stats.customersWithOrders} with at least one order) is
shared by all files, so survey respondents and ticket senders link to their orders. About 40% are
guest customers, known only by e-mail: in every file their rows carry \`email\` and an empty
\`customer_id\`; the others always carry \`customer_id\` (\`C000123\`) and an empty \`email\`. Logged-in web
sessions carry \`customer_id\`; most web rows have none.

## Planted effects

- **Delivery dip, March–April** (a courier problem; delivery is a moment of truth). Mean
  post-delivery CSAT is ${stats.delJanFeb} in Jan–Feb, ${stats.delMarApr} in Mar–Apr and ${stats.delMayJun} in
  May–Jun; ${stats.delLowJanFeb}% vs ${stats.delLowMarApr}% of delivery ratings are 1–2. Delivery tickets:
  ${stats.tixJanFeb} in Jan–Feb, ${stats.tixMarApr} in Mar–Apr, ${stats.tixMayJun} in May–Jun, with slower
  responses and more reopens during the problem. Customers hit by it score lower on the
  relationship NPS afterwards.
- **New checkout from 2025-04-01**: mean checkout CES (1–7, higher = easier) goes from
  ${stats.cesBefore} before to ${stats.cesAfter} after; web cart-to-purchase conversion also improves.
- **Churned early customers**: about 11% of customers buy two or more times in January–February and
  never again (${stats.churned} customers with 2+ orders whose last order is before March). With
  \`churn_days: 90\` they show up as churned; their relationship NPS is ${stats.npsChurned} against
  ${stats.npsOther} for the rest.
- **Relationship NPS** overall: ${stats.npsAll >= 0 ? '+' : ''}${stats.npsAll}.
- **Support agents**: Bram (new in the team) scores somewhat lower on post-support CES/CSAT, Sanne
  somewhat higher.
- **Seasonality**: orders and web traffic grow from January into spring; newsletter days bring
  traffic spikes.

## Invalid rows

Planted on purpose, to exercise validation. "Line" is the physical line in the file (line 1 is the
header; quoted comments with line breaks make physical lines and record numbers differ); "Record" is
the data record number (1 = first row after the header). Every other row is valid.

| File | Line | Record | Field | Value | Why invalid |
|---|---:|---:|---|---|---|
${invalidRows.join('\n')}

\`campaigns.csv\` has no invalid rows.
`;
}

main();
