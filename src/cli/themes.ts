// `journey themes`: comment themes (Dutch and English) per journey, stage and touchpoint, detractors
// against promoters, with example quotes (personal data removed) and the words no theme covers.
import type { CommonOptions } from './options.js';
import type { DataCommand } from './run.js';
import type { ThemesRequest } from '../core/analysis/themes.js';

interface ThemesOptions extends CommonOptions {
  explain?: boolean;
}

export const themes: DataCommand<'themes', ThemesOptions, ThemesRequest> = {
  name: 'themes',
  description: 'comment themes in Dutch and English (delivery, price, waiting time ...) per touchpoint and stage, detractors against promoters, with quotes',
  result: 'themes',
  segment: 'per-value',
  flags: (command) => command
    .option('--explain', 'show which terms matched which words, and the SQL'),
  help: `
Reads survey comments and ticket subjects. Each text is split into words (lower case, accents
folded), its language decided (Dutch or English, by stop words), and matched against the theme
terms: a word on its Snowball stem, bezorg* on the start of a word, phrases word for word; a word
after a negation (niet, geen, not, no ...) matches only a negated term such as "niet snel".
Bundled themes: delivery, returns, price, payment, website, product_quality, staff, waiting_time,
communication, stock; add or replace them with themes: in the config (docs/themes.md).
Share among detractors (NPS 0-6, CSAT 1-3) against promoters (NPS 9-10, CSAT 4-5), the difference
with a Newcombe 95% interval and a Benjamini-Hochberg adjusted two-proportion test.

Examples:
  journey themes --demo
  journey themes --demo --explain              which terms matched which words, and the SQL
  journey themes --demo --lang nl --format md
  journey themes exports/ --config journey.yaml --format json --out themes.json
  journey themes exports/ --since 2025-04-01 --until 2025-06-30 --format csv`,
  request: (_options, { period, now }) => ({ period, now }),
  compute: async (session, request, { explain }) => {
    const [{ analyseThemes }, { inline }] = await Promise.all([import('../core/analysis/themes.js'), import('../core/sql-script.js')]);
    const result = await analyseThemes(session, { ...request, explain });
    return { result, explain: explain ? result.queries.map((q) => inline(q.sql, q.params)) : null };
  },
  warnings: (output) => output.result.warnings,
};
