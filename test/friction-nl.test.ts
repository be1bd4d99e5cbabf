// journey friction in Dutch: the ranking, --explain and the plain-language why in Dutch words and
// number formats, put together from the same numbers as core's English why (which must come out
// the same when rendered in English), while JSON stays language-neutral.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrictionReport } from '../src/core/analysis/friction.js';
import { frictionWhy } from '../src/render/friction-why.js';
import { formatCount } from '../src/render/format.js';
import { COMPONENT_WORDS, FRICTION_LABELS, FRICTION_LABELS_NL, WHY_WORDS } from '../src/render/labels/friction.js';
import { runJourney, tempDir } from './helpers/run.js';

describe('journey friction --lang nl on the demo', () => {
  let report: FrictionReport;
  let table: string;
  let md: string;

  beforeAll(async () => {
    const dir = tempDir();
    const r = await runJourney(['friction', '--demo', '--lang', 'nl', '--explain', '--format', 'json,table,md', '-o', 'out/', '-q'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    report = JSON.parse(readFileSync(join(dir, 'out', 'friction.json'), 'utf8')) as FrictionReport;
    table = readFileSync(join(dir, 'out', 'friction.txt'), 'utf8');
    md = readFileSync(join(dir, 'out', 'friction.md'), 'utf8');
  }, 60_000);

  it('JSON keeps core\'s English why, and the renderer rebuilds exactly that sentence in English', () => {
    expect(report.friction.length).toBeGreaterThan(3);
    for (const e of report.friction) expect(frictionWhy(e, 'en')).toBe(e.why);
    expect(report.friction[0]!.why).toContain('ended here without a purchase');
  });

  it('writes the why in Dutch with Dutch numbers, from the same counts', () => {
    const checkout = report.friction.find((e) => e.touchpoint === 'checkout')!;
    const drop = checkout.components.drop_off!;
    const dutch = `${formatCount(drop.affected!, 'nl')} van ${formatCount(drop.n, 'nl')} sessies eindigden hier zonder aankoop (${drop.rate!.toFixed(1).replace('.', ',')}%`;
    expect(dutch).toMatch(/^1\.\d{3} van 2\.\d{3} sessies/);
    expect(table).toContain(dutch);
    expect(md).toContain(dutch);
    expect(table).toContain('Geen aanwijzing voor meer frictie dan in de klantreis als geheel');
  });

  it('leaves no English word of the friction catalogues in the Dutch table or Markdown', () => {
    const english = [
      ...Object.entries(FRICTION_LABELS).filter(([k, v]) => v !== FRICTION_LABELS_NL[k as keyof typeof FRICTION_LABELS] && v.length > 3).map(([, v]) => v),
      ...Object.values(COMPONENT_WORDS.en).flatMap((w) => [w.unit, w.phrase]),
      WHY_WORDS.en.noneAbove, 'journey-wide', 'not a driver', 'fix first',
    ];
    // The SQL of --explain is code, not text: it stays as DuckDB runs it.
    const text = table.slice(0, table.indexOf('\nSQL\n'));
    const mdText = md.slice(0, md.indexOf('## SQL'));
    expect(text.length).toBeGreaterThan(1000);
    for (const word of english) {
      expect(text, word).not.toContain(word);
      expect(mdText, word).not.toContain(word);
    }
    // Decimal commas: no percentage or score written with a decimal point.
    expect(text).not.toMatch(/\d\.\d%|score \d+\.\d/);
    expect(md).toContain('# Frictieranglijst');
  });
});
