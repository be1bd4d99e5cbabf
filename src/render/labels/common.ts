// Words every command's output shares (period, sources, flags, scope headings). Each command's own
// words are in the file named after it. A Dutch catalogue goes beside each object as one more
// object with the same keys (e.g. `COMMON_LABELS_NL: typeof COMMON_LABELS`), chosen where rendered.

export const COMMON_LABELS = {
  period: 'Period',
  periodAll: 'all data',
  periodFrom: 'from',
  periodUntil: 'until',
  generated: 'Generated',
  source: 'source',
  sourcesPlural: 'sources',
  rows: 'rows',
  warnings: 'Warnings',
  journey: 'Whole journey',
  stage: 'Stage',
  touchpoint: 'Touchpoint',
  segment: 'Segment',
  kpi: 'KPI',
  value: 'Value',
  n: 'n',
  ci: '95% CI',
  flags: 'Flags',
  lowN: 'low n',
  suppressed: 'suppressed (< min cell)',
  suppressedValue: 'suppressed',
  noValue: '—',
  notMeasurable: 'not measurable',
  momentOfTruthMark: '★',
} as const;

const FLAG_LABELS: Record<string, string> = {
  low_n: COMMON_LABELS.lowN,
  suppressed: COMMON_LABELS.suppressed,
  suppressed_secondary: 'suppressed (would reveal a small cell)',
  not_measurable: COMMON_LABELS.notMeasurable,
};

/** A reliability flag spelled out; flags added later still read as words rather than ids. */
export function flagLabel(flag: string): string {
  return FLAG_LABELS[flag] ?? flag.replace(/_/g, ' ');
}

/** The period as a phrase: both ends, one end, or neither (the whole data set). */
export function periodLabel(period: { since: string | null; until: string | null }): string {
  const { since, until } = period;
  if (since && until) return `${since} – ${until}`;
  if (since) return `${COMMON_LABELS.periodFrom} ${since}`;
  if (until) return `${COMMON_LABELS.periodUntil} ${until}`;
  return COMMON_LABELS.periodAll;
}

/** "1 source" / "3 sources": the count word follows the number. */
export function sourcesLabel(count: number): string {
  return `${count} ${count === 1 ? COMMON_LABELS.source : COMMON_LABELS.sourcesPlural}`;
}
