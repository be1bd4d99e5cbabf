// The text side of theme matching, in one place: how a comment becomes words (lower case, accents
// folded, split on anything that is not a letter or digit, "n't" read as "not"), which language a
// comment is in, the Snowball stems, and the words that negate the next one. The same rules run in
// DuckDB (themes-sql.ts) for every comment; these JS twins build the tables and read theme terms.
import { eng, nld } from 'stopword';
import snowball from 'snowball-stemmers';

export type TextLang = 'nl' | 'en';
export const TEXT_LANGS: readonly TextLang[] = ['nl', 'en'];

/** Words that negate the word after them (after one intensifier at most: `niet erg snel`). */
export const NEGATIONS: Record<TextLang, string[]> = {
  nl: ['niet', 'geen', 'nooit', 'zonder', 'niets', 'niks'],
  en: ['not', 'no', 'never', 'without', 'nothing', 'dont', 'cant', 'isnt', 'wasnt', 'didnt', 'doesnt', 'wont'],
};

/** Words that may stand between a negation and the word it negates. */
export const INTENSIFIERS = ['erg', 'heel', 'zo', 'echt', 'te', 'zeer', 'very', 'so', 'really', 'too', 'that'];

/** The published Snowball-style stop-word lists (the `stopword` package): language votes and untagged terms. */
export const STOP_WORDS: Record<TextLang, string[]> = {
  nl: unique(nld.map(fold)),
  en: unique(eng.map(fold)),
};

function unique(words: string[]): string[] {
  return [...new Set(words.filter((w) => /^[a-z0-9]+$/.test(w)))].sort();
}

/** Lower case, accents removed (é -> e, ë -> e), as DuckDB's lower(strip_accents(x)). */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** The SQL regex and replacement for "n't" (don't, isn't) before splitting: read as " not". */
export const NOT_CONTRACTION = { pattern: "n't\\b", replacement: ' not' } as const;

/** Words of a text as the SQL tokenises it (used for theme terms, which are short). */
export function tokenize(text: string): string[] {
  return fold(text).replace(/n't\b/g, ' not').split(/[^a-z0-9]+/).filter((t) => t !== '');
}

const stemmers = { nl: snowball.newStemmer('dutch'), en: snowball.newStemmer('english') };

/** The Snowball stem of one folded word in one language. */
export function stem(word: string, lang: TextLang): string {
  return stemmers[lang].stem(word);
}
