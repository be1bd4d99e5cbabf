// SurveyMonkey response export (CSV): row 1 holds metadata names and question texts, with a question
// answered in several columns naming only its first; row 2 holds each answer column's sub-label.
// Column names are the question text, forward-filled, plus the sub-label where a question spans columns.
import { surveyTimestampSql } from './survey-dates.js';
import {
  describePick, findNpsQuestion, firstPresent, headerHas, questionColumns, sampleAnswers, scoreSql, type QuestionPick,
} from './survey-questions.js';
import type { HeadSample, Preset, PresetContext } from './types.js';

const SIGNATURE = ['Respondent ID', 'Collector ID', 'Start Date', 'End Date'];
const METADATA = /^(respondent id|collector id|start date|end date|ip address|email address|first name|last name|custom data \d+)$/i;

/** Row 2 is the sub-label row unless it was deleted (it then starts with a respondent id). */
const extraRows = (sample: HeadSample) => (/^\d+$/.test((sample.rows[1]?.[0] ?? '').trim()) ? 0 : 1);

interface Column { name: string; question: string }

function columnsOf(sample: HeadSample): Column[] {
  const [first = [], second = []] = sample.rows;
  const labels = extraRows(sample) ? second : [];
  const filled: string[] = [];
  first.forEach((h, i) => { filled.push(h.trim() || (i > 0 ? filled[i - 1] : '')); });
  // A question's columns are the run of equal (forward-filled) header cells.
  const runLength = (i: number) => {
    let start = i;
    while (start > 0 && filled[start - 1] === filled[i]) start--;
    let end = i;
    while (end + 1 < filled.length && filled[end + 1] === filled[i]) end++;
    return end - start + 1;
  };
  return filled.map((question, i) => {
    const sub = (labels[i] ?? '').trim();
    return { question, name: runLength(i) > 1 && sub && question ? `${question} - ${sub}` : question };
  });
}

function npsQuestion(sample: HeadSample): QuestionPick | undefined {
  const columns = columnsOf(sample);
  return findNpsQuestion(questionColumns(
    columns.map((c) => c.name), columns.map((c) => c.question), sampleAnswers(sample, 1 + extraRows(sample)),
    (n) => METADATA.test(n)));
}

export const surveymonkey: Preset = {
  id: 'surveymonkey',
  label: 'SurveyMonkey responses',
  kind: 'survey',
  formats: ['csv', 'tsv'],
  detect(sample) {
    if (!headerHas(sample.rows[0], SIGNATURE)) return undefined;
    const rows = 1 + extraRows(sample);
    return `row 1 has ${SIGNATURE.join(', ')}; ${rows} header row${rows > 1 ? 's' : ''}; ${describePick('NPS', npsQuestion(sample))}`;
  },
  extraHeaderRows: extraRows,
  columnNames: (sample) => columnsOf(sample).map((c) => c.name),
  columns(ctx: PresetContext) {
    const map: Record<string, string> = {};
    const set = (canonical: string, sql: string | undefined) => { if (sql) map[canonical] = sql; };
    set('response_id', firstPresent(ctx, ['Respondent ID']));
    const time = firstPresent(ctx, ['End Date', 'Start Date']);
    set('submitted_at', time && surveyTimestampSql(time));
    set('email', firstPresent(ctx, ['email', 'Email Address']));
    const nps = npsQuestion(ctx.sample);
    if (nps && ctx.has(nps.name)) set('nps', scoreSql(ctx.col(nps.name)));
    return map;
  },
};
