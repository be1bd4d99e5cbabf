// Typeform responses export (CSV): `#` (the response token), one column per question (header = the
// question, HTML allowed), hidden fields, then `Response Type`, `Start Date (UTC)`, `Stage Date (UTC)`,
// `Submit Date (UTC)`, `Network ID` and `Tags`. Times are UTC, as the headers say.
import { canonicalColumn, KIND_SPECS } from '../kinds/index.js';
import { quoteLiteral } from '../../db.js';
import { surveyTimestampSql } from './survey-dates.js';
import {
  describePick, findNpsQuestion, firstPresent, headerHas, plainText, questionColumns, sampleAnswers, scoreSql, type QuestionPick,
} from './survey-questions.js';
import type { HeadSample, Preset, PresetContext } from './types.js';

const METADATA = /^(#|response type|start date \(utc\)|stage date \(utc\)|submit date \(utc\)|network id|tags)$/i;

const names = (sample: HeadSample) => (sample.rows[0] ?? []).map(plainText);

function npsQuestion(sample: HeadSample): QuestionPick | undefined {
  const header = names(sample);
  // Hidden fields named like canonical columns (customer_id, touchpoint) are not questions.
  return findNpsQuestion(questionColumns(header, header, sampleAnswers(sample, 1),
    (n) => METADATA.test(n) || canonicalColumn(KIND_SPECS.survey, n) !== undefined));
}

export const typeform: Preset = {
  id: 'typeform',
  label: 'Typeform responses',
  kind: 'survey',
  formats: ['csv', 'tsv'],
  detect(sample) {
    const header = sample.rows[0] ?? [];
    if (header[0]?.trim() !== '#' || !headerHas(header, ['Submit Date (UTC)'])) return undefined;
    return `first column "#", has Submit Date (UTC); ${describePick('NPS', npsQuestion(sample))}`;
  },
  columnNames: names,
  columns(ctx: PresetContext) {
    const map: Record<string, string> = {};
    const set = (canonical: string, sql: string | undefined) => { if (sql) map[canonical] = sql; };
    set('response_id', firstPresent(ctx, ['#']));
    set('submitted_at', ctx.has('Submit Date (UTC)') ? surveyTimestampSql(ctx.col('Submit Date (UTC)'), { zone: 'UTC' }) : undefined);
    const nps = npsQuestion(ctx.sample);
    if (nps && ctx.has(nps.name)) set('nps', scoreSql(ctx.col(nps.name)));
    return map;
  },
  skip(ctx) {
    if (!ctx.has('Response Type')) return undefined;
    return {
      when: `coalesce(lower(trim(${ctx.col('Response Type')})) = ${quoteLiteral('partial')}, false)`,
      reason: 'Typeform partial response, never submitted',
    };
  },
};
