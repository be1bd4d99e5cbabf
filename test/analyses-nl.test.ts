// compare, drivers and integrity with --lang nl: their own tables and Markdown in Dutch words and
// number formats, the numbers the same as the (language-neutral) JSON of the same run.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompareResult } from '../src/core/analysis/compare.js';
import { formatNumber } from '../src/render/format.js';
import { commonLabels } from '../src/render/labels/common.js';
import { runJourney, tempDir } from './helpers/run.js';

const PERIODS = ['--before', '2025-01-01..2025-03-31', '--after', '2025-04-01..2025-06-30'];

/** One run writing JSON, the table and Markdown of a command in Dutch. */
async function dutch(command: string[], name: string): Promise<{ json: unknown; table: string; md: string }> {
  const dir = tempDir();
  const r = await runJourney([...command, '--demo', '--lang', 'nl', '--format', 'json,table,md', '-o', 'out/', '-q'], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  const read = (ext: string) => readFileSync(join(dir, 'out', `${name}.${ext}`), 'utf8');
  return { json: JSON.parse(read('json')), table: read('txt'), md: read('md') };
}

/** The text a person reads, without core's warnings (their Dutch: test/lang-messages.test.ts). */
const text = (s: string) => s.split(`\n## ${commonLabels('nl').warnings}\n`)[0]!.split('\n').filter((l) => !l.startsWith('! ')).join('\n');
/** A number written with a decimal point (a Dutch thousands mark is followed by exactly three digits). */
const DECIMAL_POINT = /\d\.(\d{1,2}|\d{4,})(?!\d)/;

describe('--lang nl for compare, drivers and integrity', () => {
  let compare: { json: unknown; table: string; md: string };
  let drivers: { json: unknown; table: string; md: string };
  let integrity: { json: unknown; table: string; md: string };

  beforeAll(async () => {
    [compare, drivers, integrity] = await Promise.all([
      dutch(['compare', ...PERIODS], 'compare'),
      dutch(['drivers'], 'drivers'),
      dutch(['integrity', '--by', 'agent'], 'integrity'),
    ]);
  }, 90_000);

  it('compare: Dutch headings, notes and KPI names; each change as the JSON has it, with a decimal comma', () => {
    const result = compare.json as CompareResult;
    const csat = result.rows.find((r) => r.kpi === 'csat' && r.stage === null && r.touchpoint === null)!;
    const change = `${csat.delta! > 0 ? '+' : ''}${formatNumber(csat.delta!, 1, false, 'nl')} pp`;
    expect(change).toMatch(/^[+-]\d+,\d pp$/);
    for (const out of [compare.table, compare.md]) {
      expect(out).toContain('Voor: 01-01-2025 – 31-03-2025');
      // A KPI with no data in a period is flagged in Dutch (the flag id no_data stays in the JSON).
      expect(out).toContain('geen data');
      expect(out).not.toContain('no data');
      expect(out).toContain(change);
      expect(out).toContain('Klanttevredenheid');
      expect(out).toContain('Benjamini-Hochberg over');
      for (const english of ['Before', 'After', 'Change', 'significant at a 5%', 'No p-value', 'has no sampling error']) expect(text(out), english).not.toContain(english);
      expect(text(out)).not.toMatch(DECIMAL_POINT);
    }
  });

  it('drivers: Dutch title, summary and reasons, R² with a decimal comma', () => {
    const r2 = formatNumber((drivers.json as { r2: number }).r2, 3, false, 'nl');
    for (const out of [drivers.table, drivers.md]) {
      expect(out).toContain('Belangrijkste drijfveren van de NPS');
      expect(out).toContain(`R² = ${r2}`);
      expect(out).toContain('klanten met een NPS');
      for (const english of ['Key drivers', 'customers with an NPS', 'Not used', 'answers, but only']) expect(text(out), english).not.toContain(english);
      expect(text(out)).not.toMatch(DECIMAL_POINT);
    }
  });

  it('integrity: Dutch table and caution; JSON keeps English reasons', () => {
    for (const out of [integrity.table, integrity.md]) {
      expect(out).toContain('Betrouwbaarheid van enquêtes per agent');
      expect(out).toContain('Aandeel top');
      for (const english of ['Survey integrity', 'Top share', 'nothing to review', 'not assessed']) expect(text(out), english).not.toContain(english);
      expect(text(out)).not.toMatch(DECIMAL_POINT);
    }
    expect(JSON.stringify(integrity.json)).not.toMatch(/nakijken|niet beoordeeld/);
  });
});
