// Theme terms compiled for matching: each term split into words as comments are; a word ending in
// `*` matches any word it starts (no stemming); other words match on their Snowball stem in the
// comment's language; a leading negation word (`niet snel`, `not fast`) makes a term that matches
// only negated words, and every other term matches only words that are not negated.
import type { ThemeConfig } from '../config/schema.js';
import { BUNDLED_THEMES, type ThemeDef } from './bundled.js';
import { NEGATIONS, fold, stem, tokenize } from './text.js';

export interface ThemeInUse extends ThemeDef {
  source: 'bundled' | 'config';
}

export interface CompiledTerm {
  termNo: number;
  theme: string;
  term: string;
  negated: boolean;
  parts: { word: string; prefix: boolean; stemNl: string; stemEn: string }[];
}

const NEGATION_WORDS = new Set([...NEGATIONS.nl, ...NEGATIONS.en]);

/** The bundled sets, with the config's added or replacing them by name (or alone: `bundled: false`). */
export function themesInUse(config: ThemeConfig | undefined): ThemeInUse[] {
  const own = Object.entries(config?.define ?? {}).map(([id, terms]) => ({ id, terms, source: 'config' as const }));
  const bundled = config?.bundled === false ? [] : BUNDLED_THEMES
    .filter((t) => !own.some((o) => o.id === t.id))
    .map((t) => ({ ...t, source: 'bundled' as const }));
  return [...bundled, ...own];
}

export function compileTerms(themes: ThemeInUse[]): CompiledTerm[] {
  const out: CompiledTerm[] = [];
  for (const theme of themes) {
    for (const term of theme.terms) {
      const prefix = term.trim().endsWith('*');
      let words = tokenize(term);
      const negated = words.length > 1 && NEGATION_WORDS.has(words[0]!);
      if (negated) words = words.slice(1);
      if (words.length === 0) continue;
      out.push({
        termNo: out.length + 1,
        theme: theme.id,
        term: fold(term.trim()),
        negated,
        parts: words.map((word, i) => {
          const isPrefix = prefix && i === words.length - 1;
          return { word, prefix: isPrefix, stemNl: isPrefix ? word : stem(word, 'nl'), stemEn: isPrefix ? word : stem(word, 'en') };
        }),
      });
    }
  }
  return out;
}
