// CSV for Dutch Excel (`--csv excel-nl`): the same table as the machine-neutral CSV, re-written with
// `;` between fields, a decimal comma in numbers and a UTF-8 BOM, so a double-click opens it in
// columns with numbers as numbers and accents intact. Numbers are the fields csv.ts wrote unquoted
// that read as a number; a quoted field stays text, quoted again (formula guards included).
import { parse } from 'csv-parse/sync';

export const CSV_DIALECTS = ['standard', 'excel-nl'] as const;
export type CsvDialect = (typeof CSV_DIALECTS)[number];

const NUMBER = /^-?\d+(?:\.\d+)?(?:e[-+]?\d+)?$/i;

interface Field {
  value: string;
  quoted: boolean;
}

function encode(field: Field): string {
  if (!field.quoted && NUMBER.test(field.value)) return field.value.replace('.', ',');
  const needs = field.quoted || /[;"\r\n]/.test(field.value);
  return needs ? `"${field.value.replace(/"/g, '""')}"` : field.value;
}

/** The standard CSV (RFC 4180, `,`, `.`) as Dutch Excel reads it. */
export function toExcelNl(csv: string): string {
  const records = parse(csv, {
    relax_column_count: true,
    cast: (value, context) => ({ value, quoted: Boolean(context.quoting) }) as unknown as string,
  }) as unknown as Field[][];
  return `\uFEFF${records.map((r) => r.map(encode).join(';')).join('\r\n')}\r\n`;
}
