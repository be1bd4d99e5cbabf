// Core's sentences (warnings, reject reasons, how a file was recognised) under --lang nl: worded in
// Dutch in the table, Markdown and HTML, while JSON and the quarantine keep core's English. The
// templates themselves: every one is found again from the English it writes, and each language
// fills the same slots.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MESSAGES, parseMessage, say, type MessageCode } from '../src/core/messages.js';
import { MESSAGES_NL, wordMessage } from '../src/render/labels/messages.js';
import { KPI_DEFINITIONS_NL } from '../src/render/labels/kpi-definitions.js';
import { CATALOGUE } from '../src/core/kpis/catalogue.js';
import { runJourney, tempDir } from './helpers/run.js';

const slots = (template: string) => [...template.matchAll(/\{(\w+)(?::n)?\}/g)].map((m) => m[1]).sort();

describe('message templates', () => {
  it('every English sentence is found again with its template and values; Dutch fills the same slots', () => {
    for (const code of Object.keys(MESSAGES) as MessageCode[]) {
      const params = Object.fromEntries(slots(MESSAGES[code]).map((name, i) => [name, MESSAGES[code].includes(`{${name}:n}`) ? 1000 + i : `v${i}`]));
      const parsed = parseMessage(say(code, params));
      expect(parsed?.code, code).toBe(code);
      expect(parsed?.params, code).toEqual(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])));
      expect(slots(MESSAGES_NL[code]), code).toEqual(slots(MESSAGES[code]));
    }
  });

  it('words numbers and nested sentences the Dutch way, and leaves unknown text alone', () => {
    expect(wordMessage(say('notWhole', { shown: say('textValue', { length: 4 }), lo: 0, hi: 1000000 }), 'nl'))
      .toBe('een tekstwaarde (4 tekens) is geen geheel getal van 0 tot en met 1.000.000');
    expect(wordMessage(say('unmatched', { kind: 'web', unmatched: 4310, rows: 25964, coverage: '83.4' }), 'nl'))
      .toBe('web: 4.310 van 25.964 rijen horen bij geen touchpoint (dekking 83,4%)');
    expect(wordMessage('something core never said', 'nl')).toBe('something core never said');
    expect(wordMessage(say('requiredEmpty'), 'en')).toBe('required value is empty');
  });

  it('every KPI of the catalogue has a Dutch definition (the map\'s data and method section, journey kpis --lang nl)', async () => {
    expect(CATALOGUE.map((k) => k.id).filter((id) => !KPI_DEFINITIONS_NL[id])).toEqual([]);
    const kpis = await runJourney(['kpis', '--lang', 'nl', '--format', 'md']);
    expect(kpis.code, kpis.stderr).toBe(0);
    expect(kpis.stdout).toContain('| id | fase | eenheid | definitie | 95%-interval |');
    expect(kpis.stdout).toContain('gemiddelde van ces (1-7, hoger = makkelijker)');
  });
});

/** English sentences that were once printed under --lang nl, and the Dutch that replaced them. */
const ENGLISH = ['rows quarantined', 'see journey validate', 'required value is empty', 'is not one of', 'is not a date-time',
  'is not a whole number', 'a text value (', 'is before created_at', 'header has', 'canonical columns', 'scored answers'];

describe('--lang nl: core sentences in Dutch, JSON in English (one run of report, one of validate)', () => {
  const out: Record<string, string> = {};

  beforeAll(async () => {
    const dir = tempDir();
    const [report, validate] = await Promise.all([
      runJourney(['report', '--demo', '--lang', 'nl', '--format', 'table,md,html,json', '-o', 'r/', '-v'], { cwd: dir }),
      runJourney(['validate', '--demo', '--lang', 'nl', '--format', 'table,json', '-o', 'v/', '-q'], { cwd: dir }),
    ]);
    expect(report.code, report.stderr).toBe(0);
    expect(validate.code, validate.stderr).toBe(0);
    out.stderr = report.stderr;
    for (const [name, file] of [['table', 'r/report.txt'], ['md', 'r/report.md'], ['html', 'r/report.html'], ['json', 'r/report.json'],
      ['validate', 'v/validate.txt'], ['validateJson', 'v/validate.json']]) out[name] = readFileSync(join(dir, file!), 'utf8');
  }, 90_000);

  it('report: the quarantine warnings are Dutch in table, Markdown and HTML, English in JSON', () => {
    for (const format of ['table', 'md', 'html']) {
      // Long lines wrap at 80 columns where the checkout's path puts the break: read as prose.
      const text = out[format]!.replace(/\s+/g, ' ');
      for (const phrase of ENGLISH) expect(text, `${format}: ${phrase}`).not.toContain(phrase);
      expect(text, format).toContain('orders.csv: 3 van 5.216 rijen in quarantaine');
      expect(text, format).toContain('(zie journey validate)');
    }
    expect(out.json).toContain('orders.csv: 3 of 5216 rows quarantined (see journey validate)');
    // -v: each source as read, and the warnings after the files written, on stderr in Dutch too.
    for (const phrase of ENGLISH) expect(out.stderr, `stderr: ${phrase}`).not.toContain(phrase);
    expect(out.stderr).toContain('surveys.csv: survey (kopregel heeft response_id, submitted_at (11 standaardkolommen)), 6.013 geladen, 6 afgewezen van 6.019');
    expect(out.stderr).toMatch(/^warning: \S*orders.csv: 3 van 5.216 rijen in quarantaine \(zie journey validate\)$/m);
    // The map's KPI definitions and its legend's example value, the Dutch way.
    expect(out.html).toContain('gemiddelde van ces (1-7, hoger = makkelijker)');
    expect(out.html).not.toContain('mean of ces');
    expect(out.html).toContain('<span class="ci">[57,5; 65,9]</span>');
  });

  it('validate: how each file was read and every reject reason in Dutch; the JSON keeps the English reasons', () => {
    const validate = out.validate!.replace(/\s+/g, ' ');
    for (const phrase of ENGLISH) expect(validate, phrase).not.toContain(phrase);
    expect(validate).toContain('kopregel heeft response_id, submitted_at (11 standaardkolommen)');
    expect(validate).toContain('orders.csv:1045 status: status "betaald" is niet een van paid, pending, cancelled, refunded; zet het onder values:');
    expect(validate).toContain('tickets.csv:1540 replies: een tekstwaarde (4 tekens) is geen geheel getal van 0 tot en met 1.000.000');
    expect(validate).toContain('surveys.csv:3405 response_id: verplichte waarde is leeg');
    expect(validate).toContain('6.019 records: 6.013 geladen, 6 afgewezen');
    expect(out.validateJson).toContain('"reason": "required value is empty"');
    expect(out.validateJson).toContain('header has response_id, submitted_at (11 canonical columns)');
  });
});
