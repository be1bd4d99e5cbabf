// `journey init`: a starter journey.yaml from what a session detected — one source entry per file
// (kind, preset, how it was recognised), the default stages, and touchpoints proposed from the
// data's own touchpoint values and page sections, each with a guessed stage to check.
import { relative, dirname } from 'node:path';
import { quoteIdent } from './db.js';
import { DEFAULT_STAGES, parseConfig } from './config/load.js';
import { CANONICAL_VIEW } from './journey/map.js';
import type { Session } from './session.js';
import { KIND_SPECS } from './sources/kinds/index.js';
import type { InitFile, Join } from './init-sources.js';
import type { SourceGuess } from './init-guess.js';

/** Stage guesses by keyword (English and Dutch); the first match wins, `service` otherwise. */
const STAGE_WORDS: [string, RegExp][] = [
  ['loyalty', /nps|loyal|renew|repeat|member|referr|abonnement|relationship/],
  ['purchase', /checkout|cart|basket|winkelwagen|payment|betal|order|bestel|pay|gift/],
  ['service', /deliver|bezorg|ship|return|retour|support|help|klantenservice|contact|repair|complaint|klacht|refund/],
  ['consideration', /product|pricing|prijs|compare|vergelijk|catalog|categor|fietsen|search|zoek|review/],
  ['awareness', /blog|home|landing|campaign|social|ad|news|inspir|about/],
];

function guessStage(id: string): string {
  return STAGE_WORDS.find(([, re]) => re.test(id))?.[0] ?? 'service';
}

const slug = (value: string) => value.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').replace(/^(\d)/, 't_$1').slice(0, 40);
const q = (value: string) => JSON.stringify(value);
const sqlString = (value: string) => `'${value.replaceAll("'", "''")}'`;

interface Proposal {
  id: string;
  label: string;
  rules: Map<string, string[]>;
  rows: number;
}

const MAX_TOUCHPOINTS = 25;

/** A guessed source as YAML: kind, columns and values, each guess with its reason as a comment. */
function guessedSource(path: string, guess: SourceGuess, rows: number, rejected: number): string[] {
  const lines = [
    `  # ${guess.kind}, guessed by journey init from the names and values of its columns (${rows} rows${rejected ? `, ${rejected} rejected` : ''}).`,
    '  # Check each line marked "# guess:"; journey validate shows what was read.',
    `  - path: ${q(path)}`,
    `    kind: ${guess.kind}   # guess: ${guess.why}`,
    '    columns:',
    ...guess.columns.map((c) => `      ${c.canonical}: ${q(c.source)}   # guess: ${c.why}`),
  ];
  if (guess.values.length) lines.push('    values:');
  for (const v of guess.values) {
    lines.push(`      ${v.column}:   # guess: ${v.why}`);
    for (const m of v.map) {
      const to = m.to === null ? '~' : typeof m.to === 'number' ? String(m.to) : q(m.to);
      lines.push(`        ${q(m.from)}: ${to}   # guess: ${m.why} (${m.n} rows)`);
    }
  }
  return lines;
}

/** One line per guess for stderr: what init guessed and where to confirm it. */
export function guessSummary(init: { files: InitFile[]; joins: Join[] }, display: (path: string) => string): string[] {
  const lines: string[] = [];
  for (const f of init.files) {
    if (f.guess) {
      const cols = f.guess.columns.map((c) => `${c.canonical} <- ${c.source}`).join(', ');
      const recoded = f.guess.values.map((v) => `${v.column} (${v.map.length} value(s))`).join(', ');
      lines.push(`guess: ${display(f.file.path)}: ${f.guess.kind} (${f.guess.why}); columns: ${cols}${recoded ? `; values mapped: ${recoded}` : ''}`);
    } else if (f.unread) {
      lines.push(`skipped ${display(f.file.path)}: not a recognised export, and its layout could not be guessed: ${f.unread}`);
    }
  }
  for (const j of init.joins) lines.push(`join seen: ${joinText(j, display)}`);
  return lines;
}

const joinText = (j: Join, display: (path: string) => string) =>
  `${display(j.from.path)} "${j.from.column}" -> ${display(j.to.path)} "${j.to.column}" (${j.found} of ${j.distinct} values found as keys)`;

export async function starterConfig(session: Session, options: { target: string; inputs: string[]; now: Date; init?: { files: InitFile[]; joins: Join[] } }): Promise<string> {
  const { db, model } = session;
  const proposals = new Map<string, Proposal>();
  const propose = (raw: string, kind: string, rule: string, rows: number) => {
    const id = slug(raw);
    if (!id) return;
    const p = proposals.get(id) ?? { id, label: raw, rules: new Map(), rows: 0 };
    const rules = p.rules.get(kind) ?? [];
    if (!rules.includes(rule)) rules.push(rule);
    p.rules.set(kind, rules);
    p.rows += rows;
    proposals.set(id, p);
  };
  for (const kind of ['survey', 'ticket'] as const) {
    if (!model.kinds.includes(kind)) continue;
    const values = await db.all<{ v: string; n: number }>(
      `SELECT touchpoint AS v, count(*)::DOUBLE AS n FROM ${quoteIdent(CANONICAL_VIEW[kind])}
       WHERE touchpoint IS NOT NULL GROUP BY v ORDER BY n DESC, v LIMIT ${MAX_TOUCHPOINTS}`);
    for (const { v, n } of values) propose(v, kind, `touchpoint = ${sqlString(v)}`, n);
  }
  if (model.kinds.includes('web')) {
    const sections = await db.all<{ v: string; n: number }>(
      `SELECT regexp_extract(page, '^/([^/?#]+)', 1) AS v, count(*)::DOUBLE AS n FROM web_events
       WHERE page LIKE '/%' GROUP BY v HAVING v <> '' ORDER BY n DESC, v LIMIT ${MAX_TOUCHPOINTS}`);
    for (const { v, n } of sections) propose(v, 'web', `page LIKE ${sqlString(`/${v}%`)}`, n);
  }
  const touchpoints = [...proposals.values()].sort((a, b) => b.rows - a.rows || a.id.localeCompare(b.id)).slice(0, MAX_TOUCHPOINTS);
  const base = dirname(options.target);
  const lines: string[] = [
    `# journey.yaml — a starter written by \`journey init ${options.inputs.join(' ')}\` on ${options.now.toISOString().slice(0, 10)}.`,
    '# Check three things before you trust a report: the time zone, the stage of each touchpoint',
    '# (guessed from its name), and the rules (SQL over the canonical columns; see `journey kpis`).',
    'timezone: UTC   # the zone timestamps without an offset are in (e.g. Europe/Amsterdam)',
    'sources:',
  ];
  const guesses = new Map((options.init?.files ?? []).filter((f) => f.guess).map((f) => [f.file.path, f.guess!]));
  const rel = (path: string) => relative(base, path) || path;
  for (const s of session.sources) {
    const path = rel(s.absolute);
    const guess = guesses.get(s.absolute);
    if (guess) {
      lines.push(...guessedSource(path, guess, s.rows, s.rejected));
      continue;
    }
    lines.push(`  # ${s.kind}, ${s.preset ? `preset ${s.preset}` : 'canonical layout'}: ${s.detectedBy}; ${s.rows} rows${s.rejected ? `, ${s.rejected} rejected` : ''}`);
    lines.push(`  - { path: ${q(path)}, kind: ${s.kind}${s.preset ? `, preset: ${s.preset}` : ''} }`);
  }
  for (const path of session.skippedFiles ?? []) {
    lines.push(`  # skipped ${path}: not a recognised export; to read it, add { path, kind, columns } here (docs/config.md)`);
  }
  for (const f of options.init?.files ?? []) {
    if (f.unread) lines.push(`  # skipped ${rel(f.file.path)}: not a recognised export, and its layout could not be guessed: ${f.unread}; to read it, add { path, kind, columns } here (docs/config.md)`);
  }
  for (const j of options.init?.joins ?? []) {
    lines.push(`  # join seen: ${joinText(j, rel)}: ${rel(j.to.path)} looks like a lookup table keyed by "${j.to.column}"; to bring its columns in, write a derived source (docs/derived-sources.md)`);
  }
  lines.push('stages:');
  for (const s of DEFAULT_STAGES) lines.push(`  - { id: ${s.id}, label: ${q(s.label)} }`);
  if (touchpoints.length) {
    lines.push('touchpoints:');
    for (const t of touchpoints) {
      lines.push(`  - id: ${t.id}`, `    label: ${q(t.label)}`, `    stage: ${guessStage(t.id)}   # guessed; ${t.rows} rows`, '    match:');
      for (const [kind, rules] of t.rules) lines.push(`      ${kind}: ${q(rules.join(' OR '))}`);
    }
  } else {
    lines.push('touchpoints: []   # no touchpoint column or page paths found; add rules by hand');
  }
  const segmentKinds = model.kinds.filter((k) => KIND_SPECS[k].columns.some((c) => c.name === 'channel'));
  if (segmentKinds.length) lines.push('segments:', '  - { id: channel, label: Channel, expr: channel }');
  const text = lines.join('\n') + '\n';
  parseConfig(text, options.target); // what we write must load
  return text;
}
