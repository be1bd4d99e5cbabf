// What the survey-tool presets share: reading question headers as people see them, the sampled
// answers under them, and recognising the NPS question without config (docs/presets-surveys.md).
import { quoteLiteral } from '../../db.js';
import type { HeadSample } from './types.js';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** Header text as people read it: HTML tags removed, common entities decoded, whitespace collapsed. */
export function plainText(text: string): string {
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_, name: string) => ENTITIES[name])
    .replace(/\s+/g, ' ')
    .trim();
}

/** The sampled data records: the rows after the header rows. */
export function sampleAnswers(sample: HeadSample, headerRows: number): string[][] {
  return sample.rows.slice(headerRows);
}

/**
 * A score written with its scale label (`10 - Extremely likely`, `0 (not at all)`) keeps its number;
 * anything else is left as it is, so validation rejects it and says what the value was.
 */
const LABELLED_SCORE = String.raw`^(\d{1,2})\s*(?:[-–:(]\s*\D.*)?$`;

export function scoreSql(column: string): string {
  const pattern = quoteLiteral(LABELLED_SCORE);
  return `CASE WHEN regexp_full_match(trim(${column}), ${pattern}) THEN regexp_extract(trim(${column}), ${pattern}, 1) ELSE ${column} END`;
}

/** The same reading in TypeScript, for sampled answers. */
export function scoreOf(value: string): number | undefined {
  const match = new RegExp(LABELLED_SCORE, 's').exec(value.trim());
  return match ? Number(match[1]) : undefined;
}

/** "How likely are you to recommend ...", in English, Dutch, German, French, Spanish and Italian. */
const RECOMMEND = /recommend|aanbevel|aanraden|aan te raden|empfehl|recommand|recomend|raccomand|consiglier/i;
/** A header naming an 11-point 0..10 scale: `(0-10)`, `0 to 10`, `van 0 tot 10`. */
const ZERO_TO_TEN = /(?:^|\D)0\s*(?:-|–|to|tot|bis|à|a|and|en)\s*10(?:\D|$)/i;

export interface QuestionColumn {
  /** The column name the reader uses. */
  name: string;
  /** The question as asked (header text without HTML, or Qualtrics' row-2 label). */
  text: string;
  /** Sampled answers, empty cells left out. */
  answers: string[];
}

export interface QuestionPick {
  name: string;
  /** Why this column, in words for `journey validate`. */
  why: string;
}

/** Columns of the sample, paired with their question text and sampled answers. */
export function questionColumns(names: string[], texts: string[], answers: string[][], skip: (name: string) => boolean): QuestionColumn[] {
  return names.flatMap((name, i) =>
    skip(name) ? [] : [{ name, text: texts[i] ?? name, answers: answers.map((row) => (row[i] ?? '').trim()).filter((v) => v !== '') }]);
}

const onZeroToTen = (q: QuestionColumn) =>
  q.answers.length > 0 && q.answers.every((a) => { const s = scoreOf(a); return s !== undefined && s <= 10; });

/**
 * The NPS question: a column whose sampled answers are all whole numbers 0-10 and whose header asks how
 * likely the respondent is to recommend (the first such column). Without that wording, the only column
 * whose answers are 0-10 with one of 8 or more and that shows it is an 11-point scale (a 0 answer, or
 * `0-10` in the header); a 1-5 or 1-10 rating is never taken. Undefined when nothing qualifies or the
 * answers leave it open (two such columns).
 */
export function findNpsQuestion(questions: QuestionColumn[]): QuestionPick | undefined {
  const scaled = questions.filter(onZeroToTen);
  const worded = scaled.find((q) => RECOMMEND.test(q.text));
  if (worded) return { name: worded.name, why: `asks about recommending, answers 0-10` };
  const elevenPoint = scaled.filter((q) =>
    q.answers.some((a) => (scoreOf(a) ?? 0) >= 8) && (ZERO_TO_TEN.test(q.text) || q.answers.some((a) => scoreOf(a) === 0)));
  if (elevenPoint.length === 1) return { name: elevenPoint[0].name, why: 'the only question answered on a 0-10 scale' };
  return undefined;
}

/** `NPS from "How likely ..." (asks about recommending, answers 0-10)`, shortened for one line. */
export function describePick(label: string, pick: QuestionPick | undefined): string {
  if (!pick) return `no NPS question recognised (map one with config columns)`;
  const shown = pick.name.length > 60 ? `${pick.name.slice(0, 57)}...` : pick.name;
  return `${label} from "${shown}" (${pick.why})`;
}

/** Whether a header row has all these names (trimmed, case-insensitive). */
export function headerHas(row: readonly string[] | undefined, names: readonly string[]): boolean {
  const present = new Set((row ?? []).map((h) => h.trim().toLowerCase()));
  return names.every((n) => present.has(n.toLowerCase()));
}

/** `coalesce(...)` of those columns the file has, first wins; undefined when it has none. */
export function firstPresent(ctx: { has(name: string): boolean; col(name: string): string }, names: readonly string[]): string | undefined {
  const present = names.filter((n) => ctx.has(n)).map((n) => ctx.col(n));
  if (present.length === 0) return undefined;
  return present.length === 1 ? present[0] : `coalesce(${present.join(', ')})`;
}
