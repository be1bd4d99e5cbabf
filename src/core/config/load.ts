// Finds, parses and checks a config file; all problems come back at once, each with its path.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigError, UsageError } from '../errors.js';
import { checkTargets } from '../targets.js';
import { CATALOGUE } from '../kpis/catalogue.js';
import { configSchema, type ParsedConfig, type SegmentConfig } from './schema.js';

export const DEFAULT_STAGES = [
  { id: 'awareness', label: 'Awareness' },
  { id: 'consideration', label: 'Consideration' },
  { id: 'purchase', label: 'Purchase' },
  { id: 'service', label: 'Service' },
  { id: 'loyalty', label: 'Loyalty' },
];

export interface Config extends Omit<ParsedConfig, 'stages'> {
  stages: { id: string; label: string; headline?: string[] }[];
  /** The file it came from (null: built-in defaults); relative paths resolve against its folder. */
  file: string | null;
  baseDir: string;
}

function dotted(path: PropertyKey[]): string {
  return path.reduce<string>((out, part) =>
    typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part), '');
}

type Loose = Record<string, unknown>;
const list = (v: unknown): Loose[] => (Array.isArray(v) ? v.filter((x): x is Loose => typeof x === 'object' && x !== null) : []);

/**
 * Checks that need the whole config (references between sections, duplicate ids, time zone). They
 * read the raw data defensively so they can run even when the schema found problems: every
 * problem is reported at once.
 */
function crossCheck(data: unknown): string[] {
  const problems: string[] = [];
  const config = (typeof data === 'object' && data !== null ? data : {}) as Loose;
  const stages = Array.isArray(config.stages) ? list(config.stages) : DEFAULT_STAGES;
  const stageIds = new Set(stages.map((s) => String(s.id)));
  const dup = (items: Loose[], path: string) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (typeof item.id !== 'string') return;
      if (seen.has(item.id)) problems.push(`${path}[${i}].id: "${item.id}" is used twice`);
      seen.add(item.id);
    });
  };
  dup(stages, 'stages');
  const kpiIds = new Set(CATALOGUE.map((k) => k.id));
  stages.forEach((stage, i) => {
    if (!Array.isArray(stage.headline)) return;
    stage.headline.forEach((kpi: unknown, j: number) => {
      if (typeof kpi === 'string' && !kpiIds.has(kpi)) {
        problems.push(`stages[${i}].headline[${j}]: "${kpi}" is not a KPI; use ids from journey kpis (e.g. ${[...kpiIds].slice(0, 4).join(', ')})`);
      }
    });
  });
  dup(list(config.touchpoints), 'touchpoints');
  dup(list(config.segments), 'segments');
  dup(list(config.personas), 'personas');
  problems.push(...checkSourceShapes(list(config.sources)));
  list(config.sources).forEach((src, i) => {
    for (const key of ['values', 'where'] as const) {
      if (src[key] !== undefined && src.kind === undefined && src.preset === undefined) {
        problems.push(`sources[${i}].${key}: say which kind of export this is (kind: survey, ticket, order, web or campaign)`);
      }
    }
    if (src.columns !== undefined && src.kind === undefined && src.preset === undefined) {
      problems.push(`sources[${i}].columns: say which kind of export this is (kind: survey, ticket, order, web or campaign)`);
    }
  });
  dup(list(config.initiatives), 'initiatives');
  if (config.key_file !== undefined) {
    // A key shipped with a config makes every pseudonym in the report reversible by dictionary.
    problems.push('key_file: a config may not choose the pseudonymisation key; remove this line, and pass --key-file FILE if you keep your key elsewhere than ~/.config/journey/key');
  }
  const touchpointIds = new Set(list(config.touchpoints).map((t) => String(t.id)));
  list(config.initiatives).forEach((init, i) => {
    if (typeof init.touchpoint === 'string' && !touchpointIds.has(init.touchpoint)) {
      problems.push(`initiatives[${i}].touchpoint: "${init.touchpoint}" is not a touchpoint; use one of ${[...touchpointIds].join(', ') || '(none configured: add touchpoints:)'}`);
    }
  });
  list(config.touchpoints).forEach((t, i) => {
    if (typeof t.stage === 'string' && !stageIds.has(t.stage)) {
      problems.push(`touchpoints[${i}].stage: "${t.stage}" is not a stage; use one of ${[...stageIds].join(', ')}`);
    }
  });
  problems.push(...checkTargets(config.targets, config.alerts, stageIds, touchpointIds));
  if (typeof config.timezone === 'string') {
    try {
      new Intl.DateTimeFormat('en', { timeZone: config.timezone });
    } catch {
      problems.push(`timezone: "${config.timezone}" is not an IANA time zone (e.g. Europe/Amsterdam, UTC)`);
    }
  }
  return problems;
}

/** A source is a file (path:) or a derived source (query: with name: and kind:); names are unique. */
function checkSourceShapes(sources: Loose[]): string[] {
  const problems: string[] = [];
  const names = new Map<string, number>();
  sources.forEach((src, i) => {
    if (src.path === undefined && src.query === undefined) problems.push(`sources[${i}]: give path: (a file) or query: (a derived source, docs/derived-sources.md)`);
    if (src.path !== undefined && src.query !== undefined) problems.push(`sources[${i}]: give path: or query:, not both (a derived source reads named files by their name)`);
    if (src.query !== undefined) {
      if (src.name === undefined) problems.push(`sources[${i}].name: a derived source needs a name (shown in validate and in its rejects)`);
      if (src.kind === undefined) problems.push(`sources[${i}].kind: say which kind of source the query gives (kind: survey, ticket, order, web, campaign or traffic)`);
      if (src.preset !== undefined || src.encoding !== undefined) problems.push(`sources[${i}]: preset: and encoding: are for files; a derived source has neither`);
    }
    if (typeof src.name === 'string') {
      const first = names.get(src.name);
      if (first !== undefined) problems.push(`sources[${i}].name: "${src.name}" is also the name of sources[${first}]`);
      else names.set(src.name, i);
    }
  });
  const derived = sources.some((src) => src.query !== undefined);
  sources.forEach((src, i) => {
    if (!derived && src.name !== undefined && src.path !== undefined && src.kind === undefined && src.preset === undefined) {
      problems.push(`sources[${i}].name: a named file without kind: is read only by derived sources (query:), and there are none; remove name: or add the derived source that reads it`);
    }
  });
  return problems;
}

export function parseConfig(text: string, file: string): Config {
  let data: unknown;
  try {
    data = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigError(file, [`cannot parse: ${(error as Error).message.split('\n')[0]}`]);
  }
  const result = configSchema.safeParse(data ?? {});
  const problems = [
    ...(result.success ? [] : result.error.issues.map((issue) => `${dotted(issue.path) || '(top level)'}: ${issue.message}`)),
    ...crossCheck(data),
  ];
  if (!result.success || problems.length) throw new ConfigError(file, problems);
  const stages = result.data.stages?.map((s) => ({ id: s.id, label: s.label ?? s.id, ...(s.headline ? { headline: s.headline } : {}) })) ?? DEFAULT_STAGES;
  return { ...result.data, stages, file, baseDir: dirname(resolve(file)) };
}

export function defaultConfig(cwd: string): Config {
  const parsed = configSchema.parse({});
  return { ...parsed, stages: DEFAULT_STAGES, file: null, baseDir: cwd };
}

/** `--config FILE`, else ./journey.yaml (or .yml, .json) when present, else defaults. */
export function loadConfig(path: string | undefined, cwd: string): Config {
  if (path) {
    const full = resolve(cwd, path);
    if (!existsSync(full)) throw new ConfigError(path, [`file not found (${full})`]);
    return parseConfig(readFileSync(full, 'utf8'), full);
  }
  for (const name of ['journey.yaml', 'journey.yml', 'journey.json']) {
    const full = resolve(cwd, name);
    if (existsSync(full)) return parseConfig(readFileSync(full, 'utf8'), full);
  }
  return defaultConfig(cwd);
}

/** The segment with this id, or a usage error that names the flag and lists the config's segments. */
export function findSegment(config: Pick<Config, 'segments'>, id: string, flag: string): SegmentConfig {
  const segment = config.segments.find((s) => s.id === id);
  if (segment) return segment;
  const known = config.segments.map((s) => s.id);
  throw new UsageError(`--${flag} ${id}: no such segment in the config${known.length ? `; use one of ${known.join(', ')}` : ' (add one under segments:)'}`);
}
