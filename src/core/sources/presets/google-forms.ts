// Google Forms responses (the response sheet as CSV, or Forms' own "Download responses"): the first
// column is the response time, in the sheet's locale (`5/10/2026 09:15:00`) or with an offset
// (`2026/09/27 3:00:00 PM GMT+3`); then `Email Address` when collected, then one column per question.
import { canonicalColumn, KIND_SPECS } from '../kinds/index.js';
import { looksLikeSurveyTimestamp, surveyTimestampSql } from './survey-dates.js';
import {
  describePick, findNpsQuestion, headerHas, questionColumns, sampleAnswers, scoreSql, type QuestionPick,
} from './survey-questions.js';
import type { HeadSample, Preset, PresetContext } from './types.js';

/** The first column's name per Forms language (English, Dutch, German, French, Spanish, Portuguese, Italian). */
const TIMESTAMP = ['Timestamp', 'Tijdstempel', 'Zeitstempel', 'Horodateur', 'Marca temporal', 'Carimbo de data/hora', 'Informazioni cronologiche'];
const EMAIL = ['Email Address', 'E-mailadres', 'E-Mail-Adresse', 'Adresse e-mail', 'Dirección de correo electrónico', 'Endereço de e-mail', 'Indirizzo email'];
/** Quiz forms add `Score` (`4 / 5`), which is not a survey score. */
const NOT_QUESTIONS = new Set([...TIMESTAMP, ...EMAIL, 'Score'].map((n) => n.toLowerCase()));

const timestampColumn = (sample: HeadSample) => (sample.rows[0]?.[0] ?? '').trim();
const emailColumn = (header: readonly string[]) => header.find((h) => EMAIL.some((e) => e.toLowerCase() === h.trim().toLowerCase()))?.trim();

function npsQuestion(sample: HeadSample): QuestionPick | undefined {
  const header = (sample.rows[0] ?? []).map((h) => h.trim());
  return findNpsQuestion(questionColumns(header, header, sampleAnswers(sample, 1),
    (n) => NOT_QUESTIONS.has(n.toLowerCase()) || canonicalColumn(KIND_SPECS.survey, n) !== undefined));
}

export const googleForms: Preset = {
  id: 'google-forms',
  label: 'Google Forms responses',
  kind: 'survey',
  formats: ['csv', 'tsv'],
  detect(sample) {
    const header = sample.rows[0] ?? [];
    const first = timestampColumn(sample);
    // Case-sensitive: a web-events file starts with a lowercase canonical `timestamp`.
    if (!TIMESTAMP.includes(first) || header.length < 2 || headerHas(header, ['session_id']) || headerHas(header, ['event'])) return undefined;
    const value = sample.rows[1]?.[0];
    if (value !== undefined && value.trim() !== '' && !looksLikeSurveyTimestamp(value)) return undefined;
    const email = emailColumn(header);
    return `first column "${first}" holds the response times${email ? `, has ${email}` : ''}; ${describePick('NPS', npsQuestion(sample))}`;
  },
  columns(ctx: PresetContext) {
    const map: Record<string, string> = {};
    const time = ctx.col(timestampColumn(ctx.sample));
    // Forms has no response id; the response time is how Forms itself tells responses apart.
    map.response_id = time;
    map.submitted_at = surveyTimestampSql(time);
    const email = emailColumn(ctx.columns);
    if (email && !ctx.has('email')) map.email = ctx.col(email);
    const nps = npsQuestion(ctx.sample);
    if (nps && ctx.has(nps.name)) map.nps = scoreSql(ctx.col(nps.name));
    return map;
  },
};
