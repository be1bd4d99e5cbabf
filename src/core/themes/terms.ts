// Theme terms compiled for matching: each term split into words as comments are; a word ending in
// `*` matches any word it starts (no stemming); other words match on their Snowball stem in the
// comment's language; a leading negation word (`niet snel`, `not fast`) makes a term that matches
// only negated words, and every other term matches only words that are not negated.
import type { ThemeConfig } from '../config/schema.js';
import { BUNDLED_THEMES, type ThemeDef } from './bundled.js';
import { NEGATIONS, fold, stem, tokenize } from './text.js';

export type TermLang = 'nl' | 'en' | 'any';

export interface ThemeInUse {
  id: string;
  source: 'bundled' | 'config';
  /** Bundled terms are Dutch or English; a config's own match comments of either language. */
  terms: { text: string; lang: TermLang }[];
}

export interface CompiledTerm {
  termNo: number;
  theme: string;
  term: string;
  negated: boolean;
  lang: TermLang;
  parts: { word: string; prefix: boolean; stemNl: string; stemEn: string }[];
}

const NEGATION_WORDS = new Set([...NEGATIONS.nl, ...NEGATIONS.en]);

/** The bundled sets, with the config's added or replacing them by name (or alone: `bundled: false`). */
export function themesInUse(config: ThemeConfig | undefined): ThemeInUse[] {
  const own = Object.entries(config?.define ?? {}).map(([id, terms]) => ({
    id, source: 'config' as const, terms: terms.map((text) => ({ text, lang: 'any' as const })),
  }));
  const bundled = config?.bundled === false ? [] : BUNDLED_THEMES
    .filter((t) => !own.some((o) => o.id === t.id))
    .map((t: ThemeDef) => ({
      id: t.id, source: 'bundled' as const,
      terms: [...t.nl.map((text) => ({ text, lang: 'nl' as const })), ...t.en.map((text) => ({ text, lang: 'en' as const }))],
    }));
  return [...bundled, ...own];
}

export function compileTerms(themes: ThemeInUse[]): CompiledTerm[] {
  const out: CompiledTerm[] = [];
  for (const theme of themes) {
    for (const { text: term, lang } of theme.terms) {
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
        lang,
        // A stem of '-' never equals a word's (words are a-z and 0-9): the term does not match that language.
        parts: words.map((word, i) => {
          const isPrefix = prefix && i === words.length - 1;
          const stemIn = (l: 'nl' | 'en') => (lang !== 'any' && lang !== l ? '-' : isPrefix ? word : stem(word, l));
          return { word, prefix: isPrefix, stemNl: stemIn('nl'), stemEn: stemIn('en') };
        }),
      });
    }
  }
  return out;
}
