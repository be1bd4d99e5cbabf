// `--segment` on an analysis without a breakdown of its own: the whole-data result, then one
// result per segment value, each drawn by the kind's own renderer.
import { parse } from 'csv-parse/sync';
import { encodeCell } from './csv.js';
import { escapeMarkdown } from './markdown.js';
import type { Format, RenderContext, ResultKind, Results } from './formats.js';
import { render } from './registry.js';

/** One segment value's result, or why the analysis could not run on its rows. */
export type SegmentValue<R> = { value: string; result: R } | { value: string; result: null; not_measurable: string };

export interface Segmented<R> {
  whole: R;
  segment: { id: string; label: string; values: SegmentValue<R>[] };
}

const notMeasurable = (v: SegmentValue<unknown>) => ('not_measurable' in v ? v.not_measurable : '');

export function renderSegmented<K extends ResultKind>(kind: K, format: Format, out: Segmented<Results[K]>, context: RenderContext): string {
  const each = (r: Results[K]) => render(kind, format, r, context);
  const { id, label, values } = out.segment;
  switch (format) {
    case 'json': {
      const document = JSON.parse(each(out.whole)) as Record<string, unknown>;
      document.per_segment = {
        id, label,
        values: values.map((v) => (v.result === null ? v : { value: v.value, result: JSON.parse(each(v.result)) as unknown })),
      };
      return JSON.stringify(document, null, 2) + '\n';
    }
    case 'csv': {
      // One table: a `per_segment` column first (compare has its own `segment`), empty on the whole-data rows. Records are kept as
      // written (raw), so numbers and quoting stay exactly as the kind's renderer made them.
      const records = (r: Results[K]) =>
        (parse(each(r), { raw: true, relax_column_count: true }) as unknown as { raw: string }[]).map((x) => x.raw.replace(/\r?\n$/, ''));
      const [header, ...whole] = records(out.whole);
      const lines = [
        `per_segment,${header}`,
        ...whole.map((line) => `,${line}`),
        // A value the analysis could not run on has no rows; table, md and json say why.
        ...values.flatMap((v) => (v.result === null ? [] : records(v.result).slice(1).map((line) => `${encodeCell({ text: v.value })},${line}`))),
      ];
      return `${lines.join('\n')}\n`;
    }
    case 'md':
      return [each(out.whole), ...values.map((v) => `\n## ${escapeMarkdown(label)}: ${escapeMarkdown(v.value)}\n\n${
        v.result === null ? `Not measurable: ${escapeMarkdown(notMeasurable(v))}\n` : each(v.result)}`)].join('');
    case 'html':
      // Only report and map draw HTML, and both break themselves down by segment (run.ts `breakdown`).
      throw new Error(`--segment per value has no HTML layout (${kind})`);
    case 'table':
      return [each(out.whole), ...values.map((v) => `\n=== ${label}: ${v.value} ===\n\n${
        v.result === null ? `  not measurable: ${notMeasurable(v)}\n` : each(v.result)}`)].join('');
  }
}
