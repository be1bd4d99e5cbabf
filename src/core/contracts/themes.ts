// The journey-themes/1 contract (`journey themes --format json`): comment themes per journey,
// stage and touchpoint, detractors against promoters, quotes with personal data removed, and what
// the theme sets miss. docs/themes.md.
import { z } from 'zod';
import { countSchema, flagsSchema, intervalSchema, periodSchema, pValueSchema, timestampSchema } from './shared.js';

const share = z.number().min(0).max(100).describe('Percentage 0-100 of the group\'s commented responses');

export const themeSideSchema = z.strictObject({
  n: countSchema.describe('Commented responses of this side (detractors: NPS 0-6 or CSAT 1-3; promoters: NPS 9-10 or CSAT 4-5)'),
  k: countSchema.nullable().describe('Of those, responses whose comment mentions the theme; null when withheld'),
  share: share.nullable().describe('100 x k / n; null when n is 0 or below min_cell (withheld)'),
  flags: flagsSchema,
}).meta({ id: 'ThemeSide' });

export const quoteSchema = z.strictObject({
  text: z.string().describe('The comment with personal data replaced by <email>, <phone number>, <IBAN>, <postcode>, <name>'),
  respondents: countSchema.describe('Responses with exactly this comment in the scope'),
  terms: z.array(z.string()).describe('The theme\'s terms that matched it'),
}).meta({ id: 'Quote' });

export const scopeThemeSchema = z.strictObject({
  theme: z.string(),
  k: countSchema.describe('Commented responses in the scope that mention the theme (all sides)'),
  share: share.describe('100 x k / the scope\'s commented responses'),
  detractors: themeSideSchema,
  promoters: themeSideSchema,
  difference: z.number().nullable().describe('Detractor share minus promoter share, in percentage points; null when a side is withheld or empty'),
  difference_ci: intervalSchema.nullable().describe('Newcombe 95% interval of the difference (points)'),
  p_value: pValueSchema.nullable().describe('Pooled two-proportion z test, two-sided'),
  p_adjusted: pValueSchema.nullable().describe('Benjamini-Hochberg over every test of the document'),
  significant: z.boolean().describe('p_adjusted at or below 0.05'),
  quotes: z.array(quoteSchema).nullable().describe('Up to three short example comments; null when withheld (fewer than min_cell responses mention the theme here)'),
}).meta({ id: 'ScopeTheme' });

export const themeScopeSchema = z.strictObject({
  level: z.enum(['journey', 'stage', 'touchpoint']),
  id: z.string(),
  label: z.string(),
  stage: z.string().nullable().describe('The touchpoint\'s stage; null for stages and the journey'),
  comments: countSchema.describe('Responses with a comment (surveys) or subject (tickets) in the scope'),
  detractors: countSchema,
  promoters: countSchema,
  themes: z.array(scopeThemeSchema).describe('Themes mentioned in the scope, most mentioned first'),
}).meta({ id: 'ThemeScope' });

export const themesDocumentSchema = z.strictObject({
  schema: z.literal('journey-themes/1'),
  generated_at: timestampSchema,
  period: periodSchema,
  min_cell: countSchema,
  comments: z.strictObject({
    responses: countSchema.describe('Survey responses with a comment plus tickets with a subject, in the period'),
    distinct: countSchema.describe('Distinct texts among them (each is themed once)'),
    languages: z.strictObject({ nl: countSchema, en: countSchema }).describe('Responses per language decided for the comment'),
    themed: countSchema,
    unthemed: countSchema,
  }),
  themes: z.array(z.strictObject({
    id: z.string(),
    source: z.enum(['bundled', 'config']),
    terms: z.array(z.string()),
  })).describe('The theme sets in use'),
  scopes: z.array(themeScopeSchema).describe('The journey, then each stage, then each touchpoint'),
  untagged_terms: z.array(z.strictObject({
    word: z.string(),
    respondents: countSchema,
  })).describe('The most frequent words of unthemed comments (stop words removed; words from fewer than min_cell responses left out)'),
  explain: z.strictObject({
    matches: z.array(z.strictObject({
      theme: z.string(),
      term: z.string(),
      words: z.array(z.string()).describe('The words of the comments the term matched (as folded)'),
      respondents: countSchema,
    })),
    sql: z.array(z.string()),
  }).optional().describe('With --explain: which terms matched what, and the SQL'),
  warnings: z.array(z.string()),
}).meta({ title: 'journey-themes/1', description: 'journey themes --format json: comment themes per journey, stage and touchpoint' });

export type ThemesDocument = z.infer<typeof themesDocumentSchema>;
export type ThemeScope = z.infer<typeof themeScopeSchema>;
export type ScopeTheme = z.infer<typeof scopeThemeSchema>;
