// The period a single-period report export covers, read from its file name: such an export has no
// date column (Matomo writes one only when several periods are exported), and the period is in the
// name the tool gave the download — `Export _ Visits Summary _ Friday, March 1, 2024.csv`,
// `Export _ Besuche _ März 2024.csv` — or the name a script or a person gave it (`visits_2024-03-01.csv`,
// `visits_2024-03.csv`, `visits_2024-03-01_2024-03-31.csv`).

export interface NamedPeriod {
  /** First day, YYYY-MM-DD. */
  start: string;
  /** Last day, YYYY-MM-DD. */
  end: string;
  /** What the name said, for the note `journey validate` shows. */
  from: string;
}

/** Month names in English, German, Dutch and French (long and three-letter forms). */
const MONTHS: [RegExp, number][] = [
  [/^(jan(uary|uar|vier)?|jän(ner)?|janv(ier)?)$/, 1],
  [/^(feb(ruary|ruar|ruari)?|févr?(ier)?)$/, 2],
  [/^(mar(ch)?|mär(z)?|maa(rt)?|mars)$/, 3],
  [/^(apr(il)?|avr(il)?)$/, 4],
  [/^(may|mai|mei)$/, 5],
  [/^(jun(e|i)?|juin)$/, 6],
  [/^(jul(y|i)?|juil(let)?)$/, 7],
  [/^(aug(ust|ustus)?|août)$/, 8],
  [/^(sep(t|tember|tembre)?)$/, 9],
  [/^(oct(ober|obre)?|okt(ober)?)$/, 10],
  [/^(nov(ember|embre)?)$/, 11],
  [/^(dec(ember)?|dez(ember)?|déc(embre)?)$/, 12],
];

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const valid = (y: number, m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= lastDay(y, m) && y >= 1990 && y <= 2100;

function month(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  return MONTHS.find(([re]) => re.test(w))?.[1];
}

/** Each date written in the text, in order: ISO days, and days written with a month name. */
function days(text: string): { at: number; y: number; m: number; d: number }[] {
  const found: { at: number; y: number; m: number; d: number }[] = [];
  for (const x of text.matchAll(/(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/g)) found.push({ at: x.index, y: +x[1], m: +x[2], d: +x[3] });
  // "March 1, 2024" / "1. März 2024" / "1 maart 2024"
  for (const x of text.matchAll(/([A-Za-zÀ-ÿ]+)\.? (\d{1,2}),? (\d{4})/g)) {
    const m = month(x[1]);
    if (m) found.push({ at: x.index, y: +x[3], m, d: +x[2] });
  }
  for (const x of text.matchAll(/(?<!\d)(\d{1,2})\.? ([A-Za-zÀ-ÿ]+)\.? (\d{4})/g)) {
    const m = month(x[2]);
    if (m) found.push({ at: x.index, y: +x[3], m, d: +x[1] });
  }
  // A week's first day is written without its year ("March 4 – March 10, 2024", "4. März – 10. März 2024"):
  // it takes the year of the date after it.
  const partial = [
    ...[...text.matchAll(/([A-Za-zÀ-ÿ]+)\.? (\d{1,2})(?![\d,.]* ?\d{4})(?!\d)/g)].map((x) => ({ at: x.index, m: month(x[1]), d: +x[2] })),
    ...[...text.matchAll(/(?<!\d)(\d{1,2})\.? ([A-Za-zÀ-ÿ]+)(?!\.? \d{4})(?![A-Za-zÀ-ÿ])/g)].map((x) => ({ at: x.index, m: month(x[2]), d: +x[1] })),
  ];
  for (const p of partial) {
    const next = found.filter((f) => f.at > p.at).sort((a, b) => a.at - b.at)[0];
    if (p.m && next && !found.some((f) => f.at === p.at)) found.push({ at: p.at, y: next.m < p.m ? next.y - 1 : next.y, m: p.m, d: p.d });
  }
  return found.filter((f) => valid(f.y, f.m, f.d)).sort((a, b) => a.at - b.at);
}

/** The period in a file name (without folder), or undefined when it names none. */
export function periodFromName(fileName: string): NamedPeriod | undefined {
  const stem = fileName.replace(/\.[^.]*$/, '').replace(/_/g, ' ').replace(/\s+/g, ' ');
  const found = days(stem);
  if (found.length >= 2) {
    const [a, b] = [found[0], found[found.length - 1]];
    const start = iso(a.y, a.m, a.d);
    const end = iso(b.y, b.m, b.d);
    if (start <= end) return { start, end, from: `the range ${start} to ${end} in the file name` };
  }
  if (found.length === 1) {
    const day = iso(found[0].y, found[0].m, found[0].d);
    return { start: day, end: day, from: `the day ${day} in the file name` };
  }
  // A month: 2024-03, or a month name and a year ("March 2024", "März 2024").
  const isoMonth = /(?<!\d)(\d{4})-(\d{2})(?![-\d])/.exec(stem);
  const named = [...stem.matchAll(/([A-Za-zÀ-ÿ]+)\.? (\d{4})(?!\d)/g)].find((x) => month(x[1]));
  const ym = isoMonth ? { y: +isoMonth[1], m: +isoMonth[2] } : named ? { y: +named[2], m: month(named[1])! } : undefined;
  if (ym && valid(ym.y, ym.m, 1)) {
    return { start: iso(ym.y, ym.m, 1), end: iso(ym.y, ym.m, lastDay(ym.y, ym.m)), from: `the month ${ym.y}-${pad(ym.m)} in the file name` };
  }
  // A year on its own as the last part of the name (Matomo's long string for a year is the year).
  const year = /(?:^|[ -])(\d{4})$/.exec(stem.trim());
  if (year && valid(+year[1], 1, 1)) return { start: `${year[1]}-01-01`, end: `${year[1]}-12-31`, from: `the year ${year[1]} in the file name` };
  return undefined;
}
