// The plain-language `why` of a friction entry in the reader's language, put together from the
// entry's components (the same numbers core's English `why` in the JSON is made of) and the words in
// labels/friction.ts. test/friction-why.test.ts checks that the English equals core's sentence.
import type { FrictionEntry } from '../core/analysis/friction.js';
import { formatCount, formatNumber, type Lang } from './format.js';
import { COMPONENT_WORDS, WHY_WORDS, type ComponentWords } from './labels/friction.js';

type Component = FrictionEntry['components'][string];

const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? `{${key}}`);

/** Component words by id in the language; a component core knows and the catalogue not keeps core's words. */
function words(id: string, c: Component, lang: Lang): ComponentWords {
  return COMPONENT_WORDS[lang][id] ?? { label: c.label, unit: c.unit, phrase: c.phrase };
}

export function frictionWhy(entry: Pick<FrictionEntry, 'score' | 'components'>, lang: Lang = 'en'): string {
  const W = WHY_WORDS[lang];
  const pct = (x: number) => `${formatNumber(x, 1, false, lang)}%`;
  // Core writes counts in its English sentence without separators; Dutch groups them (1.827).
  const count = (n: number) => (lang === 'en' ? String(n) : formatCount(n, lang));
  const parts = Object.entries(entry.components).map(([id, c]) => ({ c, w: words(id, c, lang) }));
  if (entry.score > 0) {
    const top = parts.filter(({ c }) => c.contribution > 0).sort((a, b) => b.c.contribution - a.c.contribution).slice(0, 2);
    const share = top.reduce((sum, { c }) => sum + c.share, 0);
    const described = top.map(({ c, w }) => fill(W.describe, {
      affected: count(c.affected!), n: count(c.n), unit: w.unit, phrase: w.phrase,
      rate: pct(c.rate!), low: pct(c.ci![0]), high: pct(c.ci![1]), baseline: pct(c.baseline),
    }));
    return `${described.join(W.and)}${fill(W.share, { share: String(Math.round(share)) })}`;
  }
  const withheld = parts.filter(({ c }) => c.flags.includes('suppressed'));
  const above = parts.filter(({ c }) => c.rate !== null && c.rate > c.baseline);
  const notes: string[] = [];
  if (above.length) {
    const { c, w } = above.sort((a, b) => b.c.n - a.c.n)[0]!;
    notes.push(fill(W.notClearlyWorse, { label: w.label, rate: pct(c.rate!), n: count(c.n), unit: w.unit, baseline: pct(c.baseline), low: pct(c.ci![0]) }));
  } else if (parts.some(({ c }) => c.rate !== null)) {
    notes.push(W.noneAbove);
  }
  if (withheld.length) notes.push(fill(W.withheld, { list: withheld.map(({ c, w }) => `${count(c.n)} ${w.unit}`).join(W.listAnd) }));
  if (notes.length === 0) notes.push(W.noRows);
  return fill(W.noEvidence, { notes: notes.join('; ') });
}
