// Types compare.ts and compare-initiative.ts share, so that compare-initiative.ts needs nothing
// from the module that imports it.
import type { Kpi, KpiStats } from '../kpis/measure.js';

/** What a measurement returns, narrowed to what comparisons read. */
export interface Measured {
  values: Map<string, Map<string, Kpi>>;
  stats: Map<string, Map<string, KpiStats>>;
}
