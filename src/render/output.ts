// A command's output in one format: the kind's renderer, or for `--segment` runs the whole-data
// result and each segment value's, drawn by that same renderer.
import type { Format, RenderContext, ResultKind, Results } from './formats.js';
import { toExcelNl } from './csv-dialect.js';
import { fitProse } from './fit.js';
import { render } from './registry.js';
import { renderSegmented, type Segmented } from './segmented.js';

export type Output<R> = { whole: R; segment: Segmented<R>['segment'] | null };

export function renderOutput<K extends ResultKind>(kind: K, format: Format, output: Output<Results[K]>, context: RenderContext): string {
  const text = output.segment
    ? renderSegmented(kind, format, { whole: output.whole, segment: output.segment }, context)
    : render(kind, format, output.whole, context);
  if (format === 'table' && context.columns) return fitProse(text, context.columns);
  return format === 'csv' && context.csv === 'excel-nl' ? toExcelNl(text) : text;
}
