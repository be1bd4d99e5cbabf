// Qualtrics response export (CSV/TSV): row 1 field ids, row 2 question labels, row 3 ImportId JSON
// carrying the time zone; 2 header rows in older and legacy (`V1,V2,...`) exports. The NPS question is
// found by its `<Q>_NPS_GROUP` column; CSAT, CES and touchpoint questions need config `columns:`.
import { quoteLiteral } from '../../db.js';
import { surveyTimestampSql } from './survey-dates.js';
import {
  describePick, findNpsQuestion, firstPresent, headerHas, questionColumns, sampleAnswers, scoreSql, type QuestionPick,
} from './survey-questions.js';
import type { HeadSample, Preset, PresetContext } from './types.js';

const METADATA = new Set([
  'startdate', 'enddate', 'status', 'ipaddress', 'progress', 'duration (in seconds)', 'finished', 'recordeddate',
  'responseid', 'recipientlastname', 'recipientfirstname', 'recipientemail', 'externalreference', 'locationlatitude',
  'locationlongitude', 'distributionchannel', 'userlanguage', 'responseset', 'name', 'externaldatareference',
  'emailaddress', 'locationaccuracy',
]);
/** `Status` of responses that are not customers': previews and generated test responses. */
const NOT_RESPONSES = ['1', '2', 'Survey Preview', 'Survey Test'];
const NOT_CHANNELS = ['preview', 'test'];

const isLegacy = (sample: HeadSample) =>
  (sample.rows[0] ?? []).filter((h) => /^V\d+$/.test(h.trim())).length >= 5 &&
  headerHas(sample.rows[1], ['ResponseID', 'StartDate', 'EndDate']);

export function importId(cell: string | undefined): { ImportId?: string; timeZone?: string } | undefined {
  if (!cell?.trim().startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(cell) as unknown;
    return parsed && typeof parsed === 'object' && 'ImportId' in parsed ? parsed as { ImportId?: string; timeZone?: string } : undefined;
  } catch {
    // 2016-era exports wrote the row as a Python dict: {'ImportId': 'QID1'}. No time zone in it.
    return /^\{\s*'ImportId'\s*:/.test(cell.trim()) ? {} : undefined;
  }
}

/** Header rows after row 1: the label row unless it was deleted (row 2 then holds an `R_...` id), and the ImportId row. */
function extraRows(sample: HeadSample): number {
  if (isLegacy(sample)) return 1;
  const id = (sample.rows[0] ?? []).findIndex((h) => h.trim().toLowerCase() === 'responseid');
  const labels = !/^R_[A-Za-z0-9]+$/.test((sample.rows[1]?.[id] ?? '').trim()) ? 1 : 0;
  return labels + ((sample.rows[1 + labels] ?? []).some((c) => importId(c)) ? 1 : 0);
}

function names(sample: HeadSample): string[] {
  const [first = [], second = []] = sample.rows;
  return isLegacy(sample)
    ? first.map((h, i) => (/^V\d+$/.test(h.trim()) && second[i]?.trim() ? second[i].trim() : h.trim()))
    : first.map((h) => h.trim());
}

/** The zone of the response times: row 3's `timeZone` for RecordedDate, else EndDate, else any. */
function timeZone(sample: HeadSample): string | undefined {
  if (extraRows(sample) < 2) return undefined;
  const ids = (sample.rows[2] ?? []).map(importId);
  const header = names(sample).map((n) => n.toLowerCase());
  for (const column of ['recordeddate', 'enddate']) {
    const zone = ids[header.indexOf(column)]?.timeZone;
    if (zone) return zone;
  }
  return ids.find((id) => id?.timeZone)?.timeZone;
}

function npsQuestion(sample: HeadSample): QuestionPick | undefined {
  const header = names(sample);
  const lower = new Set(header.map((n) => n.toLowerCase()));
  const grouped = header.find((n) => /_NPS_GROUP$/i.test(n) && lower.has(n.slice(0, -'_NPS_GROUP'.length).toLowerCase()));
  if (grouped) return { name: grouped.slice(0, -'_NPS_GROUP'.length), why: `has ${grouped}` };
  const labels = extraRows(sample) >= 1 ? sample.rows[1] : header;
  const questions = questionColumns(header, labels.map((l) => l.trim()), sampleAnswers(sample, 1 + extraRows(sample)),
    (n) => METADATA.has(n.toLowerCase()) || /_(TEXT|DO|NPS_GROUP)$/i.test(n));
  return findNpsQuestion(questions);
}

export const qualtrics: Preset = {
  id: 'qualtrics',
  label: 'Qualtrics responses',
  kind: 'survey',
  formats: ['csv', 'tsv'],
  detect(sample) {
    const legacy = isLegacy(sample);
    if (!legacy && !headerHas(sample.rows[0], ['StartDate', 'EndDate', 'ResponseId'])) return undefined;
    const rows = 1 + extraRows(sample);
    const zone = timeZone(sample);
    const layout = legacy
      ? 'legacy export: row 1 V1, V2, ...; row 2 names ResponseID, StartDate, EndDate'
      : `row 1 has StartDate, EndDate, ResponseId; ${rows} header row${rows > 1 ? 's' : ''}` +
        (rows === 3 ? ` (row 3 ImportId JSON${zone ? `, time zone ${zone}` : ''})` : '');
    return `${layout}; ${describePick('NPS', npsQuestion(sample))}`;
  },
  extraHeaderRows: extraRows,
  columnNames: names,
  columns(ctx: PresetContext) {
    const map: Record<string, string> = {};
    const set = (canonical: string, sql: string | undefined) => { if (sql) map[canonical] = sql; };
    set('response_id', firstPresent(ctx, ['ResponseId']));
    const time = firstPresent(ctx, ['RecordedDate', 'EndDate']);
    set('submitted_at', time && surveyTimestampSql(time, { zone: timeZone(ctx.sample) }));
    // Embedded data named like a canonical column (`customer_id`) wins over Qualtrics' own field.
    set('customer_id', firstPresent(ctx, ['customer_id', 'ExternalReference', 'ExternalDataReference']));
    set('email', firstPresent(ctx, ['email', 'RecipientEmail', 'EmailAddress']));
    set('channel', firstPresent(ctx, ['channel', 'DistributionChannel']));
    const nps = npsQuestion(ctx.sample);
    if (nps && ctx.has(nps.name)) set('nps', scoreSql(ctx.col(nps.name)));
    return map;
  },
  skip(ctx) {
    const when = [
      ctx.has('Status') ? `trim(${ctx.col('Status')}) IN (${NOT_RESPONSES.map(quoteLiteral).join(', ')})` : undefined,
      ctx.has('DistributionChannel') ? `lower(trim(${ctx.col('DistributionChannel')})) IN (${NOT_CHANNELS.map(quoteLiteral).join(', ')})` : undefined,
    ].filter(Boolean);
    return when.length ? { when: `coalesce(${when.join(' OR ')}, false)`, reason: 'Qualtrics survey preview or test response, not a customer response' } : undefined;
  },
};
