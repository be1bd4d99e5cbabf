// Comment themes: planted Dutch and English comments with hand-computed shares for detractors and
// promoters, negation and language per comment, personal data removed from every output, quotes
// withheld under min_cell, untagged words, a config theme set, and the redaction patterns one by one.
import { beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newcombe } from '../src/core/kpis/stats.js';
import { redactQuote } from '../src/core/themes/redact.js';
import type { ThemesDocument } from '../src/core/contracts/themes.js';
import { CONTRACTS } from '../src/core/contracts/index.js';
import { runJourney, tempDir } from './helpers/run.js';

const CONFIG = `min_cell: 2
low_n: 5
touchpoints:
  - { id: delivery, label: Delivery, stage: service, match: { survey: "touchpoint = 'delivery'" } }
  - { id: checkout, label: Checkout, stage: purchase, match: { survey: "touchpoint = 'checkout'" } }
`;

type Row = [touchpoint: string, score: string, comment: string, name?: string];
const times = (k: number, row: Row): Row[] => Array.from({ length: k }, () => row);

// Delivery: 10 detractors (CSAT 2) and 10 promoters (CSAT 5).
//   delivery theme: detractors 4 + 2 = 6 of 10 (60%), promoters 1 + 1 = 2 of 10 (20%)
//   price theme:    detractors 2 of 10 (20%),          promoters 4 of 10 (40%)
const DELIVERY: Row[] = [
  ...times(4, ['delivery', '2', 'Het pakket kwam te laat']),
  ...times(2, ['delivery', '2', 'The parcel arrived late']),
  ...times(2, ['delivery', '2', 'Veel te duur voor wat het is']),
  ...times(2, ['delivery', '2', 'Matige ervaring']),
  ['delivery', '5', 'Het pakket was er snel'],
  ['delivery', '5', 'The delivery was fast'],
  ...times(4, ['delivery', '5', 'Goede prijs']),
  ...times(4, ['delivery', '5', 'Heel tevreden']),
];

// Checkout: passives (NPS 8), for negation, language and personal data; two each so quotes show at min_cell 2.
const CHECKOUT: Row[] = [
  ['checkout', 'nps8', 'Afrekenen was niet snel'],
  ['checkout', 'nps8', 'Het pakket was niet te laat'],
  ['checkout', 'nps8', 'The bike was not late at all'],
  ...times(2, ['checkout', 'nps8', 'Retour graag via jan.jansen@example.nl']),
  ...times(2, ['checkout', 'nps8', 'Betaling mislukt, bel me op 06-12345678']),
  ...times(2, ['checkout', 'nps8', 'Terugbetaling naar NL91ABNA0417164300 aub, te duur']),
  ...times(2, ['checkout', 'nps8', 'Bezorg het pakket op 1234 AB, graag']),
  ...times(2, ['checkout', 'nps8', 'Out of stock again at SW1A 1AA']),
  ...times(2, ['checkout', 'nps8', 'Ik, Piet Klaassen, vond de medewerker vriendelijk', 'Piet Klaassen']),
  ...times(2, ['checkout', 'nps8', 'Groetjes van Piet', 'Piet Klaassen']),
  ['checkout', 'nps8', 'Website crashte'],
];

const PERSONAL = ['jan.jansen', 'example.nl', '12345678', 'NL91ABNA', '0417164300', '1234 AB', 'SW1A', 'Piet', 'Klaassen'];

function writeFixture(dir: string): void {
  const rows = [...DELIVERY, ...CHECKOUT].map(([touchpoint, score, comment, name], i) => {
    const nps = score.startsWith('nps') ? score.slice(3) : '';
    const csat = score.startsWith('nps') ? '' : score;
    return [`R${i + 1}`, `2025-03-${String(1 + (i % 28)).padStart(2, '0')} 10:00:00`, touchpoint, nps, csat, `"${comment}"`, name ?? ''].join(',');
  });
  writeFileSync(join(dir, 'surveys.csv'), `response_id,submitted_at,touchpoint,nps,csat,comment,name\n${rows.join('\n')}\n`);
  writeFileSync(join(dir, 'journey.yaml'), CONFIG);
}

describe('journey themes on planted comments', () => {
  let dir: string;
  let doc: ThemesDocument;
  const outputs: Record<string, string> = {};
  beforeAll(async () => {
    dir = tempDir();
    writeFixture(dir);
    // One run writes all four formats (one load); --explain adds the matches.
    const run = await runJourney(['themes', 'surveys.csv', '--explain', '--format', 'json,csv,md', '--out', 'out/'], { cwd: dir });
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    for (const ext of ['json', 'csv', 'md']) outputs[ext] = (await import('node:fs')).readFileSync(join(dir, 'out', `themes.${ext}`), 'utf8');
    doc = JSON.parse(outputs.json!) as ThemesDocument;
    const table = await runJourney(['themes', 'surveys.csv', '--explain', '--lang', 'nl'], { cwd: dir });
    outputs.table = table.stdout + table.stderr;
  });

  const scope = (id: string) => doc.scopes.find((s) => s.id === id)!;
  const theme = (scopeId: string, id: string) => scope(scopeId).themes.find((t) => t.theme === id)!;

  it('writes JSON that parses with the journey-themes/1 contract', () => {
    const parsed = CONTRACTS.themes.safeParse(doc);
    expect(parsed.success, parsed.error?.message).toBe(true);
  });

  it('counts detractor and promoter shares per touchpoint as computed by hand', () => {
    const delivery = theme('delivery', 'delivery');
    expect(scope('delivery')).toMatchObject({ comments: 20, detractors: 10, promoters: 10 });
    expect(delivery.detractors).toMatchObject({ n: 10, k: 6, share: 60 });
    expect(delivery.promoters).toMatchObject({ n: 10, k: 2, share: 20 });
    expect(delivery.difference).toBeCloseTo(40, 10);
    const ci = newcombe(6, 10, 2, 10)!;
    expect(delivery.difference_ci![0]).toBeCloseTo(100 * ci[0], 10);
    expect(delivery.difference_ci![1]).toBeCloseTo(100 * ci[1], 10);
    const price = theme('delivery', 'price');
    expect(price.detractors).toMatchObject({ k: 2, share: 20 });
    expect(price.promoters).toMatchObject({ k: 4, share: 40 });
    expect(price.difference).toBeCloseTo(-20, 10);
    expect(delivery.p_adjusted).not.toBeNull();
    expect(delivery.p_adjusted!).toBeGreaterThanOrEqual(delivery.p_value!);
  });

  it('decides the language per comment and stems English words in English', () => {
    // English: 2 parcel, 1 delivery, 1 not late, 2 stock (the rest Dutch).
    expect(doc.comments.languages).toEqual({ en: 6, nl: DELIVERY.length + CHECKOUT.length - 6 });
    expect(doc.comments.responses).toBe(DELIVERY.length + CHECKOUT.length);
    const matched = (term: string) => doc.explain!.matches.find((m) => m.term === term);
    expect(matched('parcel*')!.words).toEqual(['parcel']);
    expect(matched('deliver*')!.respondents).toBe(1);
  });

  it('reads negation: a negated word matches only a negation term', () => {
    const matched = (term: string) => doc.explain!.matches.find((m) => m.term === term);
    // "niet snel" -> waiting time; "niet te laat" and "not late" are not lateness.
    expect(matched('niet snel')!.respondents).toBe(1);
    expect(matched('te laat')!.respondents).toBe(4);
    expect(matched('late')!.respondents).toBe(2);
    expect(theme('checkout', 'waiting_time').k).toBe(1);
  });

  it('shows quotes without personal data, and withholds them under min_cell', () => {
    const quotes = scope('checkout').themes.flatMap((t) => t.quotes ?? []).map((q) => q.text);
    expect(quotes).toContain('Betaling mislukt, bel me op <phone number>');
    expect(quotes).toContain('Terugbetaling naar <IBAN> aub, te duur');
    expect(quotes).toContain('Bezorg het pakket op <postcode>, graag');
    expect(quotes).toContain('Out of stock again at <postcode>');
    // The row's own name column (dropped at ingest) takes the name out of its comment.
    expect(quotes).toContain('Ik, <name> <name>, vond de medewerker vriendelijk');
    expect(theme('checkout', 'website').quotes).toBeNull();
    for (const [format, text] of Object.entries(outputs)) {
      for (const p of PERSONAL) expect(text, `${p} in ${format}`).not.toContain(p);
    }
  });

  it('counts unthemed comments and lists their words without stop words or names', () => {
    // Unthemed: 2 Matige ervaring + 4 Heel tevreden + 2 Groetjes van Piet + 1 "not late at all", and
    // the 2 comments with an email, which ingest masks whole as <email> (a column holding personal data).
    expect(doc.comments.unthemed).toBe(11);
    expect(doc.untagged_terms).toContainEqual({ word: 'tevreden', respondents: 4 });
    expect(doc.untagged_terms).toContainEqual({ word: 'matige', respondents: 2 });
    expect(doc.untagged_terms.map((t) => t.word)).not.toContain('van');
    expect(doc.untagged_terms.map((t) => t.word)).not.toContain('piet');
  });

  it('prints the table in Dutch with the theme names translated', () => {
    expect(outputs.table).toContain('Thema\'s in opmerkingen');
    expect(outputs.table).toMatch(/levering +│ +8 │ +40,0%/);
    expect(outputs.table).toContain('Welke termen pasten');
  });

  it('puts the themes behind each touchpoint on the friction ranking and the map', async () => {
    const friction = await runJourney(['friction', 'surveys.csv', '--format', 'json'], { cwd: dir });
    const entry = (JSON.parse(friction.stdout) as { friction: { touchpoint: string; themes?: unknown[] }[] }).friction
      .find((e) => e.touchpoint === 'delivery')!;
    // Only delivery is mentioned more by detractors (60% vs 20%); price is mentioned less (20% vs 40%).
    expect(entry.themes).toEqual([{ theme: 'delivery', detractors: 60, promoters: 20, difference: 40, significant: expect.any(Boolean) }]);
    const map = await runJourney(['map', 'surveys.csv', '--lang', 'nl', '-o', 'map.html'], { cwd: dir });
    expect(map.code).toBe(0);
    expect((await import('node:fs')).readFileSync(join(dir, 'map.html'), 'utf8')).toContain('Thema&#39;s in opmerkingen: levering 60% van criticasters vs 20%');
  });

  it('adds or replaces theme sets from the config', async () => {
    writeFileSync(join(dir, 'own.yaml'), `${CONFIG}themes:\n  bundled: false\n  define:\n    satisfied: [tevreden, "niet tevreden"]\n`);
    const run = await runJourney(['themes', 'surveys.csv', '-c', 'own.yaml', '--format', 'json'], { cwd: dir });
    const own = JSON.parse(run.stdout) as ThemesDocument;
    expect(own.themes.map((t) => t.id)).toEqual(['satisfied']);
    expect(own.scopes.find((s) => s.id === 'delivery')!.themes).toMatchObject([{ theme: 'satisfied', k: 4 }]);
  });
});

describe('journey themes on ticket subjects alone', () => {
  it('themes the subjects and compares by the ticket CSAT', async () => {
    const dir = tempDir();
    const rows = ['T1,2025-03-01 10:00:00,solved,1,Pakket niet ontvangen', 'T2,2025-03-02 10:00:00,solved,5,Vraag over betalen', 'T3,2025-03-03 10:00:00,open,,Where is my parcel?'];
    writeFileSync(join(dir, 'tickets.csv'), `ticket_id,created_at,status,csat,subject\n${rows.join('\n')}\n`);
    const run = await runJourney(['themes', 'tickets.csv', '--format', 'json'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout) as ThemesDocument;
    expect(doc.comments).toMatchObject({ responses: 3, languages: { nl: 2, en: 1 } });
    const delivery = doc.scopes.find((s) => s.level === 'journey')!.themes.find((t) => t.theme === 'delivery')!;
    // One ticket per side, under min_cell (5): both sides withheld, no difference.
    expect(delivery).toMatchObject({ k: 2, detractors: { n: 1, k: null, share: null, flags: ['suppressed'] }, difference: null });
  });
});

describe('personal data out of quotes', () => {
  it.each([
    ['mail me at a.b-c@mail.example.com now', 'mail me at <email> now'],
    ['bel 06-12345678 of +31 20 123 4567', 'bel <phone number> of <phone number>'],
    ['IBAN NL91 ABNA 0417 1643 00 graag', 'IBAN <IBAN> graag'],
    ['woon op 1234AB en 5678 cd', 'woon op <postcode> en <postcode>'],
    ['ship to M1 1AE or SW1A 1AA', 'ship to <postcode> or <postcode>'],
  ])('%s', (text, expected) => {
    expect(redactQuote(text)).toBe(expected);
  });

  it('keeps order numbers and short counts', () => {
    expect(redactQuote('order 12345 kwam na 3 dagen')).toBe('order 12345 kwam na 3 dagen');
  });
});
