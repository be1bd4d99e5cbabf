// The SQL of comment themes, one statement per step, so `journey themes --explain` can print what
// ran: responses with a comment -> distinct texts -> words -> language per text -> stems (built in
// JS for distinct words only) -> term matches with negation -> counts per scope and side.
import { inPeriod } from '../period.js';
import { NOT_CONTRACTION } from '../themes/text.js';

/** Scored sides: detractors NPS 0-6 (or, without NPS, CSAT 1-3), promoters NPS 9-10 (CSAT 4-5), passives NPS 7-8. */
const SIDE_SURVEY = `CASE WHEN nps IS NOT NULL THEN (CASE WHEN nps <= 6 THEN 'detractor' WHEN nps >= 9 THEN 'promoter' ELSE 'passive' END)
            WHEN csat IS NOT NULL THEN (CASE WHEN csat <= 3 THEN 'detractor' ELSE 'promoter' END) END`;
const SIDE_TICKET = "CASE WHEN csat <= 3 THEN 'detractor' WHEN csat >= 4 THEN 'promoter' END";

/** Every survey comment and ticket subject in the period, with its scope and side. (Names on the row were taken out of comments at ingest.) */
export function responsesSql(kinds: { survey: boolean; ticket: boolean }): string {
  const parts: string[] = [];
  if (kinds.survey) parts.push(`SELECT 'survey' AS kind, _stage AS stage, _touchpoint AS touchpoint,
         ${SIDE_SURVEY} AS side,
         trim(comment) AS text
  FROM mapped_surveys
  WHERE trim(comment) <> '' AND ${inPeriod('submitted_at')}`);
  if (kinds.ticket) parts.push(`SELECT 'ticket' AS kind, _stage AS stage, _touchpoint AS touchpoint, ${SIDE_TICKET} AS side, trim(subject) AS text
  FROM mapped_tickets
  WHERE trim(subject) <> '' AND ${inPeriod('created_at')}`);
  return `CREATE OR REPLACE TEMP TABLE theme_responses AS
SELECT stage, touchpoint, side, text, count(*)::DOUBLE AS n
FROM (
  ${parts.join('\n  UNION ALL\n  ')})
GROUP BY ALL`;
}

/** Each distinct text once, numbered. */
export const COMMENTS_SQL = `CREATE OR REPLACE TEMP TABLE theme_comments AS
SELECT row_number() OVER (ORDER BY text) AS cid, text
FROM (SELECT DISTINCT text FROM theme_responses)`;

/** Responses per scope, side and text number: what every count below sums. */
export const COUNTS_SQL = `CREATE OR REPLACE TEMP TABLE theme_counts AS
SELECT r.stage, r.touchpoint, r.side, c.cid, r.n
FROM theme_responses r JOIN theme_comments c USING (text)`;

/**
 * Words: lower case, accents folded, "n't" as " not", split on anything but a-z and 0-9; with the
 * two words before each (for negation), taken from the same list so no self-join is needed.
 */
export const WORDS_SQL = `CREATE OR REPLACE TEMP TABLE theme_words AS
SELECT cid, pos, word, prev1, prev2
FROM (
  SELECT cid, unnest(w) AS word, generate_subscripts(w, 1) AS pos,
         unnest([NULL::VARCHAR] || list_slice(w, 1, greatest(len(w) - 1, 0))) AS prev1,
         unnest([NULL::VARCHAR, NULL::VARCHAR] || list_slice(w, 1, greatest(len(w) - 2, 0))) AS prev2
  FROM (
    SELECT cid, regexp_split_to_array(
             regexp_replace(lower(strip_accents(replace(text, '’', ''''))), '${NOT_CONTRACTION.pattern.replaceAll("'", "''")}', '${NOT_CONTRACTION.replacement}', 'g'),
             '[^a-z0-9]+') AS w
    FROM theme_comments))
WHERE word <> ''`;

/** A word list from one bound, space-separated string per language (stop words, negations). */
export const WORD_LIST_SQL = (table: string) => `CREATE OR REPLACE TEMP TABLE ${table} AS
SELECT unnest(string_split($nl, ' ')) AS word, 'nl' AS lang
UNION ALL
SELECT unnest(string_split($en, ' ')), 'en'`;

/** The language of a text: the one with more stop words in it; Dutch on a tie (the users' language). */
export const LANG_SQL = `CREATE OR REPLACE TEMP TABLE theme_lang AS
SELECT c.cid,
       CASE WHEN count(s.word) FILTER (WHERE s.lang = 'en') > count(s.word) FILTER (WHERE s.lang = 'nl') THEN 'en' ELSE 'nl' END AS lang
FROM theme_comments c
LEFT JOIN theme_words w USING (cid)
LEFT JOIN theme_stopwords s ON s.word = w.word
GROUP BY c.cid`;

/** Words of letters only: the ones with digits (order numbers, phone numbers, postcodes) are their own stem. */
export const DISTINCT_WORDS_SQL = "SELECT DISTINCT word FROM theme_words WHERE NOT regexp_matches(word, '[0-9]') ORDER BY word";

/**
 * Stems of the distinct words, computed by the Snowball stemmers in JS and bound as three aligned
 * lists; words with digits are not sent out and back (nor printed by --explain), they stem to themselves.
 */
export const STEMS_SQL = `CREATE OR REPLACE TEMP TABLE theme_stems AS
SELECT unnest(string_split($words, ' ')) AS word,
       unnest(string_split($nl, ' ')) AS stem_nl,
       unnest(string_split($en, ' ')) AS stem_en
UNION ALL
SELECT DISTINCT word, word, word FROM theme_words WHERE regexp_matches(word, '[0-9]')`;

/** The compiled terms: one row per term, one per word of a term; bound as aligned |-separated lists. */
export const TERMS_SQL = `CREATE OR REPLACE TEMP TABLE theme_terms AS
SELECT CAST(unnest(string_split($term_no, '|')) AS INTEGER) AS term_no,
       unnest(string_split($theme, '|')) AS theme,
       unnest(string_split($term, '|')) AS term,
       CAST(unnest(string_split($parts, '|')) AS INTEGER) AS parts,
       CAST(unnest(string_split($negated, '|')) AS BOOLEAN) AS negated,
       unnest(string_split($lang, '|')) AS lang`;

export const TERM_PARTS_SQL = `CREATE OR REPLACE TEMP TABLE theme_term_parts AS
SELECT CAST(unnest(string_split($term_no, '|')) AS INTEGER) AS term_no,
       CAST(unnest(string_split($part, '|')) AS INTEGER) AS part,
       unnest(string_split($word, '|')) AS word,
       CAST(unnest(string_split($prefix, '|')) AS BOOLEAN) AS prefix,
       unnest(string_split($stem_nl, '|')) AS stem_nl,
       unnest(string_split($stem_en, '|')) AS stem_en`;

/** Which distinct word (in which language) is which part of which term: stems equal, or the word starts with a prefix term. */
export const WORD_PARTS_SQL = `CREATE OR REPLACE TEMP TABLE theme_word_parts AS
SELECT s.word, 'nl' AS lang, p.term_no, p.part FROM theme_stems s JOIN theme_term_parts p ON NOT p.prefix AND p.stem_nl = s.stem_nl
UNION ALL
SELECT s.word, 'en', p.term_no, p.part FROM theme_stems s JOIN theme_term_parts p ON NOT p.prefix AND p.stem_en = s.stem_en
UNION ALL
SELECT s.word, l.lang, p.term_no, p.part
FROM theme_stems s JOIN theme_term_parts p ON p.prefix AND starts_with(s.word, p.word)
JOIN theme_terms t USING (term_no)
JOIN (VALUES ('nl'), ('en')) l(lang) ON t.lang IN ('any', l.lang)`;

/**
 * Term matches: every word of the term in a row in the text's language; negated when the word
 * before the first one is a negation (or an intensifier after a negation: "niet erg snel"). A
 * negation term matches only negated words, every other term only words that are not.
 */
export const MATCHES_SQL = `CREATE OR REPLACE TEMP TABLE theme_matches AS
WITH part_hits AS (
  SELECT w.cid, p.term_no, p.part, w.pos - p.part AS start,
         CASE WHEN p.part = 0 THEN w.word END AS word,
         CASE WHEN p.part = 0 THEN coalesce(w.prev1 IN (SELECT word FROM theme_negations), false)
           OR coalesce(w.prev1 IN (SELECT word FROM theme_intensifiers) AND w.prev2 IN (SELECT word FROM theme_negations), false) END AS negated
  FROM theme_words w
  JOIN theme_lang l USING (cid)
  JOIN theme_word_parts p ON p.word = w.word AND p.lang = l.lang
), term_hits AS (
  SELECT h.cid, h.term_no, h.start, any_value(h.word) FILTER (WHERE h.part = 0) AS word, bool_or(h.negated) AS negated
  FROM part_hits h JOIN theme_terms t USING (term_no)
  GROUP BY h.cid, h.term_no, h.start
  HAVING count(DISTINCT h.part) = any_value(t.parts)
)
SELECT h.cid, h.term_no, t.theme, h.start, h.word
FROM term_hits h JOIN theme_terms t USING (term_no)
WHERE h.negated = t.negated`;

/** Responses with their text's number, language and whether any theme matched. */
const RESPONSES_CTE = `r AS (
  SELECT c.*, l.lang FROM theme_counts c JOIN theme_lang l USING (cid)
), themed AS (SELECT DISTINCT cid, theme FROM theme_matches), scoped AS (
  SELECT 'journey' AS level, 'journey' AS scope, side, cid, n FROM r
  UNION ALL SELECT 'stage', stage, side, cid, n FROM r WHERE stage IS NOT NULL
  UNION ALL SELECT 'touchpoint', touchpoint, side, cid, n FROM r WHERE touchpoint IS NOT NULL
)`;

export const TOTALS_SQL = `WITH ${RESPONSES_CTE}
SELECT coalesce(sum(n), 0)::DOUBLE AS responses,
       (SELECT count(*) FROM theme_comments)::DOUBLE AS distinct_texts,
       coalesce(sum(n) FILTER (WHERE lang = 'nl'), 0)::DOUBLE AS nl,
       coalesce(sum(n) FILTER (WHERE lang = 'en'), 0)::DOUBLE AS en,
       coalesce(sum(n) FILTER (WHERE cid IN (SELECT cid FROM themed)), 0)::DOUBLE AS themed
FROM r`;

/** Commented responses per scope and side. */
export const SCOPE_COUNTS_SQL = `WITH ${RESPONSES_CTE}
SELECT level, scope, side, sum(n)::DOUBLE AS n
FROM scoped
GROUP BY ALL
ORDER BY level, scope, side NULLS LAST`;

/** Of those, the ones whose text mentions each theme. */
export const THEME_COUNTS_SQL = `WITH ${RESPONSES_CTE}
SELECT s.level, s.scope, s.side, t.theme, sum(s.n)::DOUBLE AS k
FROM scoped s JOIN themed t USING (cid)
GROUP BY ALL
ORDER BY s.level, s.scope, t.theme, s.side NULLS LAST`;

/**
 * Quote candidates: the three most given short texts per scope and theme (then the shortest, then
 * by text: cid follows the text's order), with their matched terms. A top-3 aggregate, not a sort.
 */
export const QUOTES_SQL = `WITH ${RESPONSES_CTE}, candidates AS (
  SELECT s.level, s.scope, t.theme, s.cid, any_value(length(x.text)) AS len, sum(s.n)::DOUBLE AS respondents
  FROM scoped s JOIN themed t USING (cid) JOIN theme_comments x USING (cid)
  WHERE length(x.text) <= $max_length
  GROUP BY s.level, s.scope, t.theme, s.cid
), top AS (
  SELECT level, scope, theme, unnest(ids) AS cid, generate_subscripts(ids, 1) AS rank
  FROM (SELECT level, scope, theme, max_by(cid, {r: respondents, l: -len, c: -cid}, 3) AS ids FROM candidates GROUP BY level, scope, theme)
), terms AS (
  SELECT m.cid, m.theme, list(DISTINCT t.term ORDER BY t.term) AS terms
  FROM theme_matches m JOIN theme_terms t USING (term_no)
  WHERE m.cid IN (SELECT cid FROM top)
  GROUP BY m.cid, m.theme
)
SELECT q.level, q.scope, q.theme, x.text, c.respondents, terms.terms
FROM top q
JOIN candidates c USING (level, scope, theme, cid)
JOIN theme_comments x USING (cid)
LEFT JOIN terms USING (cid, theme)
ORDER BY q.level, q.scope, q.theme, q.rank`;

/** Words of the unthemed texts, by responses, without stop words, negations, numbers and short words. */
export const UNTAGGED_SQL = `WITH ${RESPONSES_CTE}, per_text AS (
  SELECT cid, sum(n) AS n FROM r WHERE cid NOT IN (SELECT cid FROM themed) GROUP BY cid
)
SELECT w.word, sum(p.n)::DOUBLE AS respondents
FROM (SELECT DISTINCT cid, word FROM theme_words) w
JOIN per_text p USING (cid)
WHERE length(w.word) >= 3 AND NOT regexp_full_match(w.word, '[0-9]+')
  AND w.word NOT IN (SELECT word FROM theme_stopwords) AND w.word NOT IN (SELECT word FROM theme_negations)
GROUP BY w.word
HAVING sum(p.n) >= $min_cell
ORDER BY respondents DESC, w.word
LIMIT $limit`;

/** --explain: each term's matches, the words it matched and how many responses. */
export const EXPLAIN_SQL = `WITH ${RESPONSES_CTE}, per_text AS (SELECT cid, sum(n) AS n FROM r GROUP BY cid),
per_term AS (SELECT cid, term_no, list(DISTINCT word) AS words FROM theme_matches GROUP BY cid, term_no)
SELECT t.theme, t.term, list_sort(list_distinct(flatten(list(m.words)))) AS words, sum(p.n)::DOUBLE AS respondents
FROM per_term m
JOIN theme_terms t USING (term_no)
JOIN per_text p USING (cid)
GROUP BY t.theme, t.term, t.term_no
ORDER BY t.theme, t.term_no`;
