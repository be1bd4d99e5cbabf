// Comment themes (`journey themes`): which topics survey comments and ticket subjects mention, per
// journey, stage and touchpoint, and how much more often detractors mention them than promoters.
// Matching runs in DuckDB (themes-sql.ts); only the distinct words go to JS, for their stems.
import { say } from '../messages.js';
import type { Params } from '../db.js';
import type { ScopeTheme, ThemeScope, ThemesDocument } from '../contracts/themes.js';
import type { FrictionEntry } from './friction.js';
import { newcombe, twoProportionTest } from '../kpis/stats.js';
import type { Period } from '../period.js';
import type { Session } from '../session.js';
import { redactQuote } from '../themes/redact.js';
import { compileTerms, themesInUse } from '../themes/terms.js';
import { INTENSIFIERS, NEGATIONS, STOP_WORDS, stem } from '../themes/text.js';
import { adjustFamily } from './significance.js';
import * as Q from './themes-sql.js';

export interface ThemesRequest {
  period: Period;
  now: Date;
  /** Also list which terms matched which words (--explain). */
  explain?: boolean;
}

export interface ThemesResult extends ThemesDocument {
  queries: { sql: string; params?: Params }[];
}

/** Quotes longer than this are not shown (a quote is an example, not a transcript). */
const QUOTE_MAX = 160;
const UNTAGGED_LIMIT = 15;

type ThemeSession = Pick<Session, 'db' | 'config' | 'model'> & { warnings?: string[] };

/**
 * Per touchpoint, up to three themes detractors mention more than promoters (significant ones
 * first, then by the difference): what the friction ranking and the map show. Null without comments.
 */
export async function touchpointThemes(session: ThemeSession): Promise<Map<string, NonNullable<FrictionEntry['themes']>> | null> {
  const result = await analyseThemes({ ...session, warnings: [] }, { period: { since: null, until: null }, now: new Date(0) });
  if (result.comments.responses === 0) return null;
  const out = new Map<string, NonNullable<FrictionEntry['themes']>>();
  for (const s of result.scopes) {
    if (s.level !== 'touchpoint') continue;
    out.set(s.id, s.themes
      .filter((t) => t.difference !== null && t.difference > 0)
      .sort((a, b) => Number(b.significant) - Number(a.significant) || b.difference! - a.difference! || a.theme.localeCompare(b.theme))
      .slice(0, 3)
      .map((t) => ({ theme: t.theme, detractors: t.detractors.share!, promoters: t.promoters.share!, difference: t.difference!, significant: t.significant })));
  }
  return out;
}

export async function analyseThemes(session: ThemeSession, request: ThemesRequest): Promise<ThemesResult> {
  const { db, config } = session;
  const queries: { sql: string; params?: Params }[] = [];
  const run = async (sql: string, params?: Params) => { queries.push({ sql, params }); await db.exec(sql, params); };
  const all = async <T>(sql: string, params?: Params) => { queries.push({ sql, params }); return db.all<T>(sql, params); };

  const kinds = { survey: session.model.kinds.includes('survey'), ticket: session.model.kinds.includes('ticket') };
  const warnings = [...(session.warnings ?? [])];
  const themes = themesInUse(config.themes);
  const terms = compileTerms(themes);
  const minCell = config.min_cell;
  const empty = (): ThemesResult => ({
    schema: 'journey-themes/1', generated_at: request.now.toISOString(), period: request.period, min_cell: minCell,
    comments: { responses: 0, distinct: 0, languages: { nl: 0, en: 0 }, themed: 0, unthemed: 0 },
    themes: themes.map((t) => ({ id: t.id, source: t.source, terms: t.terms.map((x) => (x.lang === 'any' ? x.text : `${x.text} (${x.lang})`)) })), scopes: [], untagged_terms: [], warnings, queries,
  });
  if (terms.length === 0) {
    warnings.push(say('themesNoTerms'));
    return empty();
  }
  if (!kinds.survey && !kinds.ticket) {
    warnings.push(say('themesNoData'));
    return empty();
  }
  await run(Q.responsesSql(kinds));
  await run(Q.COMMENTS_SQL);
  await run(Q.COUNTS_SQL);
  await run(Q.WORDS_SQL);
  await run(Q.WORD_LIST_SQL('theme_stopwords'), { nl: STOP_WORDS.nl.join(' '), en: STOP_WORDS.en.join(' ') });
  await run(Q.WORD_LIST_SQL('theme_negations'), { nl: NEGATIONS.nl.join(' '), en: NEGATIONS.en.join(' ') });
  await run(Q.WORD_LIST_SQL('theme_intensifiers'), { nl: INTENSIFIERS.join(' '), en: INTENSIFIERS.join(' ') });
  await run(Q.LANG_SQL);
  const words = (await all<{ word: string }>(Q.DISTINCT_WORDS_SQL)).map((w) => w.word);
  await run(Q.STEMS_SQL, {
    words: words.join(' '), nl: words.map((w) => stem(w, 'nl')).join(' '), en: words.map((w) => stem(w, 'en')).join(' '),
  });
  const parts = terms.flatMap((t) => t.parts.map((p, i) => ({ termNo: t.termNo, part: i, ...p })));
  await run(Q.TERMS_SQL, {
    term_no: terms.map((t) => t.termNo).join('|'), theme: terms.map((t) => t.theme).join('|'), term: terms.map((t) => t.term).join('|'),
    parts: terms.map((t) => t.parts.length).join('|'), negated: terms.map((t) => t.negated).join('|'), lang: terms.map((t) => t.lang).join('|'),
  });
  await run(Q.TERM_PARTS_SQL, {
    term_no: parts.map((p) => p.termNo).join('|'), part: parts.map((p) => p.part).join('|'), word: parts.map((p) => p.word).join('|'),
    prefix: parts.map((p) => p.prefix).join('|'), stem_nl: parts.map((p) => p.stemNl).join('|'), stem_en: parts.map((p) => p.stemEn).join('|'),
  });
  await run(Q.WORD_PARTS_SQL);
  await run(Q.MATCHES_SQL);

  const [totals] = await all<{ responses: number; distinct_texts: number; nl: number; en: number; themed: number }>(Q.TOTALS_SQL);
  const result = empty();
  result.comments = {
    responses: totals!.responses, distinct: totals!.distinct_texts, languages: { nl: totals!.nl, en: totals!.en },
    themed: totals!.themed, unthemed: totals!.responses - totals!.themed,
  };
  if (totals!.responses === 0) {
    warnings.push(say('themesNoComments'));
    return result;
  }
  const counts = await all<{ level: ThemeScope['level']; scope: string; side: string | null; n: number }>(Q.SCOPE_COUNTS_SQL);
  const themeCounts = await all<{ level: ThemeScope['level']; scope: string; side: string | null; theme: string; k: number }>(Q.THEME_COUNTS_SQL);
  const quotes = await all<{ level: string; scope: string; theme: string; text: string; respondents: number; terms: string[] }>(
    Q.QUOTES_SQL, { max_length: QUOTE_MAX });
  result.scopes = buildScopes(session, counts, themeCounts, quotes, minCell, config.low_n);
  result.untagged_terms = await all<{ word: string; respondents: number }>(Q.UNTAGGED_SQL, { min_cell: Math.max(minCell, 1), limit: UNTAGGED_LIMIT });
  if (request.explain) result.explain = { matches: await all(Q.EXPLAIN_SQL), sql: [] };
  return result;
}

type CountRow = { level: ThemeScope['level']; scope: string; side: string | null; n: number };
type ThemeRow = { level: ThemeScope['level']; scope: string; side: string | null; theme: string; k: number };
type QuoteRow = { level: string; scope: string; theme: string; text: string; respondents: number; terms: string[] };

const key = (level: string, scope: string) => `${level}\u0000${scope}`;

function side(k: number, n: number, minCell: number, lowN: number): ScopeTheme['detractors'] {
  const withheld = n > 0 && n < minCell;
  const flags = n === 0 ? ['no_data'] : withheld ? ['suppressed'] : n < lowN ? ['low_n'] : [];
  return { n, k: withheld ? null : k, share: n === 0 || withheld ? null : (100 * k) / n, flags };
}

function buildScopes(session: ThemeSession, counts: CountRow[], themeCounts: ThemeRow[], quoteRows: QuoteRow[], minCell: number, lowN: number): ThemeScope[] {
  const { config } = session;
  const order: { level: ThemeScope['level']; id: string; label: string; stage: string | null }[] = [
    { level: 'journey', id: 'journey', label: 'journey', stage: null },
    ...config.stages.map((s) => ({ level: 'stage' as const, id: s.id, label: s.label, stage: null })),
    ...config.touchpoints.map((t) => ({ level: 'touchpoint' as const, id: t.id, label: t.label ?? t.id, stage: t.stage })),
  ];
  const totals = new Map<string, { all: number; detractor: number; promoter: number }>();
  for (const c of counts) {
    const t = totals.get(key(c.level, c.scope)) ?? { all: 0, detractor: 0, promoter: 0 };
    t.all += c.n;
    if (c.side === 'detractor' || c.side === 'promoter') t[c.side] += c.n;
    totals.set(key(c.level, c.scope), t);
  }
  const quotes = new Map<string, QuoteRow[]>();
  for (const q of quoteRows) quotes.set(key(key(q.level, q.scope), q.theme), [...(quotes.get(key(key(q.level, q.scope), q.theme)) ?? []), q]);
  const scopes: ThemeScope[] = [];
  const tests: ScopeTheme[] = [];
  for (const o of order) {
    const total = totals.get(key(o.level, o.id));
    if (!total) continue;
    const byTheme = new Map<string, { all: number; detractor: number; promoter: number }>();
    for (const r of themeCounts) {
      if (r.level !== o.level || r.scope !== o.id) continue;
      const t = byTheme.get(r.theme) ?? { all: 0, detractor: 0, promoter: 0 };
      t.all += r.k;
      if (r.side === 'detractor' || r.side === 'promoter') t[r.side] += r.k;
      byTheme.set(r.theme, t);
    }
    const themes: ScopeTheme[] = [...byTheme].map(([theme, k]) => {
      const detractors = side(k.detractor, total.detractor, minCell, lowN);
      const promoters = side(k.promoter, total.promoter, minCell, lowN);
      const comparable = detractors.share !== null && promoters.share !== null;
      const ci = comparable ? newcombe(k.detractor, total.detractor, k.promoter, total.promoter) : null;
      const test = comparable ? twoProportionTest(k.detractor, total.detractor, k.promoter, total.promoter) : null;
      const shown = k.all >= minCell;
      const entry: ScopeTheme = {
        theme, k: k.all, share: (100 * k.all) / total.all, detractors, promoters,
        difference: comparable ? detractors.share! - promoters.share! : null,
        difference_ci: ci ? [100 * ci[0], 100 * ci[1]] : null,
        p_value: test ? test.p : null, p_adjusted: null, significant: false,
        quotes: shown ? (quotes.get(key(key(o.level, o.id), theme)) ?? []).map((q) => ({
          text: redactQuote(q.text), respondents: q.respondents, terms: q.terms ?? [],
        })) : null,
      };
      tests.push(entry);
      return entry;
    }).sort((a, b) => b.k - a.k || a.theme.localeCompare(b.theme));
    scopes.push({ level: o.level, id: o.id, label: o.label, stage: o.stage, comments: total.all, detractors: total.detractor, promoters: total.promoter, themes });
  }
  adjustFamily(tests, (t) => t.p_value, (t, adjusted) => { t.p_adjusted = adjusted; t.significant = adjusted <= 0.05; });
  return scopes;
}
