#!/usr/bin/env node
// Comment themes at scale (issue 15): 1M survey comments in Dutch and English, themed within 2x the
// time of loading them. Generates bench/data/themes-<n>/surveys.csv (deterministic), then times, as
// separate processes and alternating their order:
//   load  = journey validate FILE --format json   (read, check and account every row; no analysis)
//   total = journey themes FILE --format json     (the same load, then the theme analysis)
// theming = total - load; the budget is theming <= 2 x load. Prints Markdown; --record appends it
// to bench/RESULTS.md.
//   npm run build && node bench/themes.mjs [--rows 1000000] [--runs 2] [--record]
import { spawnSync } from 'node:child_process';
import { appendFileSync, createWriteStream, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { hashString, mulberry32 } from '../scripts/lib/random.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: opts } = parseArgs({ options: { rows: { type: 'string' }, runs: { type: 'string' }, record: { type: 'boolean' } } });
const ROWS = Number(opts.rows ?? 1_000_000);
const RUNS = Number(opts.runs ?? 2);

// Fragments that make many distinct texts: a topic sentence (themed or not), an opener and a tail.
const NL = {
  open: ['', 'Helaas ', 'Eerlijk gezegd: ', 'Nou, ', 'Tja, ', 'Top! ', 'Jammer, '],
  topic: ['het pakket kwam {n} dagen te laat', 'de bezorger was erg vriendelijk', 'betalen met iDEAL lukte niet', 'de website liep vast bij het afrekenen',
    'veel te duur voor wat je krijgt', 'lang moeten wachten op antwoord van de klantenservice', 'retour sturen was lastig', 'de fiets was beschadigd',
    'mijn maat was niet op voorraad', 'niks mis mee, prima fiets', 'levering was niet snel', 'de app werkt goed', 'goede prijs voor een e-bike',
    'nooit meer iets gehoord na mijn mail', 'kortingscode werkte niet', 'mooie fiets, rijdt heerlijk'],
  tail: ['', '.', '!', ', bestelling {id}', ', groet', '. Volgende keer beter.', ' en dat voor de {n}e keer'],
};
const EN = {
  open: ['', 'Sadly ', 'Honestly, ', 'Well, ', 'Great! '],
  topic: ['the parcel arrived {n} days late', 'the courier was very friendly', 'the payment failed twice', 'the website crashed at checkout',
    'far too expensive for what you get', 'had to wait a week for an answer', 'returning the bike was a hassle', 'the frame was damaged',
    'my size was out of stock', 'nothing wrong with it, lovely bike', 'delivery was not fast', 'no response to my email'],
  tail: ['', '.', '!', ', order {id}', ', thanks', '. Not impressed.'],
};

function generate(file) {
  const rng = mulberry32(hashString('themes-bench'));
  const out = createWriteStream(file);
  out.write('response_id,submitted_at,touchpoint,nps,csat,comment\n');
  const touchpoints = ['checkout', 'delivery', 'support_contact', 'relationship', 'product_page'];
  const fill = (s) => s.replace('{n}', String(rng.int(2, 9))).replace('{id}', String(rng.int(100000, 999999)));
  let chunk = '';
  for (let i = 1; i <= ROWS; i++) {
    const lang = rng.chance(0.25) ? EN : NL;
    const text = fill(rng.pick(lang.open) + rng.pick(lang.topic) + rng.pick(lang.tail)).replaceAll('"', '""');
    const tp = rng.pick(touchpoints);
    const day = 1 + (i % 28);
    const score = tp === 'relationship' ? `${rng.int(0, 10)},` : `,${rng.int(1, 5)}`;
    chunk += `R${i},2025-03-${String(day).padStart(2, '0')} 12:00:00,${tp},${score},"${text}"\n`;
    if (i % 20000 === 0) { out.write(chunk); chunk = ''; }
  }
  out.write(chunk);
  return new Promise((res) => out.end(res));
}

function time(args, env) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(root, 'bin', 'journey.js'), ...args], { env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const s = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`journey ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return s;
}

const dir = join(root, 'bench', 'data', `themes-${ROWS}`);
const file = join(dir, 'surveys.csv');
if (!existsSync(file)) {
  mkdirSync(dir, { recursive: true });
  const t = Date.now();
  await generate(file);
  process.stderr.write(`generated ${file} in ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
}
const env = { ...process.env, XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'journey-bench-')), NO_COLOR: '1' };
const loads = [];
const totals = [];
for (let run = 0; run < RUNS; run++) {
  const pair = [() => loads.push(time(['validate', file, '--format', 'json', '-q'], env)), () => totals.push(time(['themes', file, '--format', 'json', '-q'], env))];
  if (run % 2) pair.reverse();
  for (const f of pair) f();
}
const load = Math.min(...loads);
const total = Math.min(...totals);
const theming = total - load;
const ratio = theming / load;
const report = `
### ${new Date().toISOString().slice(0, 10)} — comment themes, ${ROWS.toLocaleString('en')} survey comments (bench/themes.mjs), min of ${RUNS} run(s)

Machine: ${cpus().length} CPUs, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${cpus()[0]?.model.trim()}; node ${process.version}.

| command | wall s (min) |
|---|---:|
| load: journey validate --format json | ${load.toFixed(2)} |
| journey themes --format json (load + themes) | ${total.toFixed(2)} |
| **theming = themes - load** | **${theming.toFixed(2)}** |
| **ratio theming / load** | **${ratio.toFixed(2)}x** (${ratio <= 2 ? 'within' : 'OVER'} the 2x budget) |
`;
process.stdout.write(report);
if (opts.record) appendFileSync(join(root, 'bench', 'RESULTS.md'), report);
process.exit(ratio <= 2 ? 0 : 1);
