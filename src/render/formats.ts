// The output formats and which result kind offers which. Light on purpose (types only beside two
// constants): the command layer reads it at start-up, before any renderer is loaded.
import type { Report } from '../core/report.js';
import type { FrictionReport } from '../core/analysis/friction.js';
import type { CompareResult } from '../core/analysis/compare.js';
import type { DriversResult } from '../core/analysis/drivers.js';
import type { IntegrityResult } from '../core/analysis/integrity.js';
import type { Validation } from '../core/validate.js';
import type { KpiCatalogue } from '../core/kpis/catalogue-doc.js';
import type { Lang } from './format.js';
import type { AfterOutput } from './after.js';
import type { FunnelOutput } from './funnel.js';
import type { PathsOutput } from './paths.js';
import type { ThemesOutput } from './themes.js';

export const FORMATS = ['table', 'json', 'csv', 'md', 'html'] as const;
export type Format = (typeof FORMATS)[number];

/**
 * What every renderer may use besides the result: whether colour is wanted, whether --explain was
 * given, the language of the human formats (--lang; JSON and CSV ignore it) and the terminal width.
 */
export interface RenderContext {
  color: boolean;
  explain: boolean;
  lang: Lang;
  /** Columns of the terminal the table goes to; null when not a terminal (files, pipes). */
  columns: number | null;
  /** --csv: the machine-neutral CSV, or one Dutch Excel opens directly. */
  csv: 'standard' | 'excel-nl';
  /** report --detail: the terminal's KPI tables after its first screen. */
  detail?: boolean;
  /** report/map --all-kpis: every KPI at every scope in the human formats, not only a stage's own. */
  allKpis?: boolean;
}

/** The drivers document carries, beside the analysis, what the command was asked. */
export interface DriversOutput {
  result: DriversResult;
  /** The SQL behind the result, values inlined; null without --explain. */
  explain: string[] | null;
  minAnswers: number;
  /** --min-coverage as given, in percent. */
  minCoverage: number;
}

export interface IntegrityOutput {
  result: IntegrityResult;
  explain: string[] | null;
}

/** Result kind -> the value its renderers take. */
export interface Results {
  report: Report;
  /** `journey map`: the report, drawn as a journey map. */
  map: Report;
  friction: FrictionReport;
  compare: CompareResult;
  drivers: DriversOutput;
  integrity: IntegrityOutput;
  validate: Validation;
  kpis: KpiCatalogue;
  funnel: FunnelOutput;
  paths: PathsOutput;
  after: AfterOutput;
  themes: ThemesOutput;
}

export type ResultKind = keyof Results;

/**
 * The formats each kind offers. The registry's type (render/registry.ts) demands a renderer for
 * exactly these and `null` for the rest, so a format added to FORMATS fails to compile until every
 * kind says which it is.
 */
export const OFFERED = {
  report: ['table', 'json', 'csv', 'md', 'html'],
  map: ['html', 'table', 'json'],
  friction: ['table', 'json', 'csv', 'md'],
  compare: ['table', 'json', 'csv', 'md'],
  drivers: ['table', 'json', 'csv', 'md'],
  integrity: ['table', 'json', 'csv', 'md'],
  validate: ['table', 'json'],
  kpis: ['table', 'json', 'md'],
  funnel: ['table', 'json', 'csv', 'md'],
  paths: ['table', 'json', 'csv', 'md'],
  after: ['table', 'json', 'csv', 'md'],
  themes: ['table', 'json', 'csv', 'md'],
} as const satisfies { [K in ResultKind]: readonly Format[] };

export type Offered<K extends ResultKind> = (typeof OFFERED)[K][number];
