// The one command pipeline: parse flags -> plan outputs -> config -> session -> compute -> render
// -> emit -> close. A command is a spec (its own flags, checks and a compute); everything else,
// the shared flags among it, happens here once, the same way for every command.
import type { Command } from 'commander';
import type { Config } from '../core/config/load.js';
import { AlertsFired, DataError, UsageError } from '../core/errors.js';
import type { Session } from '../core/session.js';
import type { Period } from '../core/session.js';
import { OFFERED, type Format, type ResultKind, type Results } from '../render/formats.js';
import type { SegmentValue } from '../render/segmented.js';
import { addCommonOptions, columnsOf, formatsOf, inputsFor, langOf, parseMemoryLimit, parseTimeout, periodSpec, progress, resolveConfig, storeFor, useColor, type CommonOptions } from './options.js';
import { emit, planOutputs, tellWritten, type Io } from './output.js';
import { wordMessage } from '../render/labels/messages.js';

/** Hands the open database to main.ts (Ctrl-C aborts it), and null when it closes. */
export type Track = (db: { abort(): void } | null) => void;

/** What a command's checks and compute get besides its flags. */
export interface RunContext {
  io: Io;
  formats: Format[];
  config: Config;
  period: Period;
  /** {period} in --out: 2025-W10, 2025-03, or the dates. */
  periodName: string;
  /** generated_at: SOURCE_DATE_EPOCH when set, else the clock. */
  now: Date;
}

export interface DataCommand<K extends ResultKind, O extends CommonOptions, Q> {
  name: string;
  description: string;
  result: K;
  /**
   * `--segment NAME`: `breakdown` when the result breaks itself down by the segment (report),
   * `per-value` to run the analysis on all rows and then on each value's rows; `none`: no such
   * flag (validate is about files, not customers).
   */
  segment: 'breakdown' | 'per-value' | 'none';
  /** The command's own flags. */
  flags?: (command: Command) => Command;
  /** Examples and method notes after the flag list. */
  help: string;
  /** Flag checks that need nothing else, before any output is planned or file read (exit 2). */
  check?: (options: O, formats: Format[], now: Date) => void;
  /** The request the analysis runs with; may check the flags against the config. */
  request: (options: O, context: RunContext) => Q | Promise<Q>;
  /** The period the session loads for (default: --since/--until). */
  sessionPeriod?: (request: Q) => Period | undefined;
  /**
   * False when the request reads no person key (session funnels, session paths): identity
   * stitching is skipped. A --segment always stitches: its expression may read customer_key.
   */
  stitch?: (request: Q) => boolean;
  compute: (session: Session, request: Q, context: RunContext & { explain: boolean }) => Promise<Results[K]>;
  warnings: (result: Results[K]) => string[];
  /** Alerts that fired (targets, declines): one stderr line each after the files, then exit 3. */
  alerts?: (result: Results[K]) => string[];
  /** Files beside the main output (validate --rejects), written before it. */
  extraOutputs?: (result: Results[K], options: O, io: Io) => Promise<{ path: string; content: string }[]>;
  /** Notes on stderr after the closing lines. */
  notes?: (options: O, formats: Format[]) => string[];
}

const INPUTS_ARGUMENT = 'files, folders or globs; KIND=PATH forces a kind (survey=exports/nps.csv)';

/** Registers a data command: the spec's flags, then the shared ones, then the pipeline as its action. */
export function dataCommand<K extends ResultKind, O extends CommonOptions & { explain?: boolean; detail?: boolean; allKpis?: boolean }, Q>(
  program: Command, io: Io, track: Track, spec: DataCommand<K, O, Q>,
): void {
  const offered: readonly Format[] = OFFERED[spec.result];
  const command = program.command(spec.name).description(spec.description).argument('[inputs...]', INPUTS_ARGUMENT);
  spec.flags?.(command);
  addCommonOptions(command, offered, { segment: spec.segment !== 'none' }).addHelpText('after', spec.help);
  command.action(async (inputs: string[], options: O) => {
    const formats = formatsOf(options, offered, io.cwd) as Format[];
    const clock = io.now();
    const now = generatedAt(io.env, clock);
    spec.check?.(options, formats, now);
    const config = await resolveConfig(options, io.cwd);
    const { period, name: periodName } = periodSpec(options, config.timezone, clock);
    const plan = planOutputs(formats, options.out, spec.name, io.cwd, { period: periodName, since: period.since, until: period.until, kind: spec.name });
    const context: RunContext = { io, formats, config, period, periodName, now };
    const request = await spec.request(options, context);
    if (options.segment !== undefined) (await import('../core/config/load.js')).findSegment(config, options.segment, 'segment');
    const { renderOutput } = await import('../render/output.js');
    const stitch = options.segment !== undefined || (spec.stitch?.(request) ?? true);
    await withSession(options, inputs, config, spec.sessionPeriod?.(request) ?? period, io, track, async (session) => {
      const explain = Boolean(options.explain);
      const computeIn = (s: Session) => spec.compute(s, request, { ...context, explain });
      const output = options.segment !== undefined && spec.segment === 'per-value'
        ? await perSegmentValue(session, options.segment, computeIn)
        : { whole: await computeIn(session), segment: null };
      const color = useColor(options, io.stdout, io.env) && plan.length === 1 && plan[0].path === null;
      const extra = (await spec.extraOutputs?.(output.whole, options, io)) ?? [];
      // One set, all or nothing: the extra files (validate --rejects) and the outputs together.
      const written = emit(io, [...extra, ...plan.map((p) => ({
        path: p.path,
        content: renderOutput(spec.result, p.format as Format, output, {
          color, explain, lang: langOf(options, config), columns: p.path === null ? columnsOf(io.stdout, io.env) : null,
          csv: options.csv ?? 'standard', detail: Boolean(options.detail), allKpis: Boolean(options.allKpis),
        }),
      }))]).filter((path) => !extra.some((e) => e.path === path));
      if (options.verbose && !options.quiet) await tellSources(io, session, langOf(options, config));
      tellWritten(io, options, formats, written, spec.warnings(output.whole).map((w) => wordMessage(w, langOf(options, config))));
      if (!options.quiet) for (const note of spec.notes?.(options, formats) ?? []) io.stderr.write(`note: ${note}\n`);
      // How far numbers that join kinds reach: with -v under every command's output (validate shows it in its own).
      const identity = options.verbose && !options.quiet && spec.result !== 'validate' ? await session.identity() : null;
      if (identity) {
        const { identityLine } = await import('../render/labels/identity.js');
        io.stderr.write(`identity: ${identityLine(identity, langOf(options, config))}\n`);
      }
      // Alerts are the point of a cron run: written even with -q, after the files are in place.
      const alerts = spec.alerts?.(output.whole) ?? [];
      for (const alert of alerts) io.stderr.write(`journey: alert: ${alert}\n`);
      if (alerts.length) throw new AlertsFired(alerts.length);
    }, stitch);
  });
}

/** SOURCE_DATE_EPOCH (seconds since 1970, reproducible-builds.org) when set, else the clock. */
export function generatedAt(env: NodeJS.ProcessEnv, clock: Date): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return clock;
  if (!/^\d+$/.test(epoch)) throw new UsageError(`SOURCE_DATE_EPOCH=${epoch}: use whole seconds since 1970-01-01 UTC`);
  return new Date(Number(epoch) * 1000);
}

/** Opens the session for the inputs (or --demo, or the config's sources), runs `fn`, always closes. */
export async function withSession<T>(options: CommonOptions, inputs: string[], config: Config, period: Period, io: Io, track: Track,
  fn: (session: Session) => Promise<T>, stitch = true): Promise<T> {
  const { openSession } = await import('../core/session.js');
  const store = storeFor(options, inputs, config, io.cwd);
  const session = await openSession({
    inputs: store ? [] : inputsFor(options, inputs), store: store ?? undefined, config, cwd: io.cwd, env: io.env, period,
    onFile: progress(options, io.stderr), onOpen: track,
    keyFile: options.keyFile, queryTimeoutS: parseTimeout(options.queryTimeout), memoryLimit: parseMemoryLimit(options.memoryLimit), sourcesAnywhere: options.sourcesAnywhere,
    stitch,
  });
  try {
    return await fn(session);
  } finally {
    track(null);
    session.db.close();
  }
}

async function perSegmentValue<R>(session: Session, segment: string, compute: (s: Session) => Promise<R>) {
  const [{ segmentValues, withSegmentValue }, { findSegment }] = await Promise.all([
    import('../core/journey/segment-filter.js'), import('../core/config/load.js'),
  ]);
  const def = findSegment(session.config, segment, 'segment');
  const whole = await compute(session);
  const values: SegmentValue<R>[] = [];
  for (const value of await segmentValues(session, segment)) {
    try {
      values.push({ value, result: await withSegmentValue(session, segment, value, compute) });
    } catch (error) {
      // One value's rows too few or unfit for the analysis: said for that value, the rest still run.
      if (!(error instanceof DataError)) throw error;
      values.push({ value, result: null, not_measurable: error.message });
    }
  }
  return { whole, segment: { id: def.id, label: def.label ?? def.id, values } };
}

/** -v: the config used and what became of each file. */
/** -v: the config and each source as read, in the run's language (validate's words). */
async function tellSources(io: Io, session: Session, lang: 'en' | 'nl'): Promise<void> {
  const [{ validateLabels: labels }, { formatCount }] = await Promise.all([import('../render/labels/validate.js'), import('../render/format.js')]);
  const L = labels(lang);
  const n = (x: number) => (lang === 'en' ? String(x) : formatCount(x, lang));
  io.stderr.write(`${L.config}: ${session.config.file ? session.display(session.config.file) : L.noConfig}\n`);
  for (const s of session.sources) {
    io.stderr.write(`${s.path}: ${s.kind} (${wordMessage(s.detectedBy, lang)}), ${n(s.rows)} ${L.loaded}, ${n(s.rejected)} ${L.rejected} ${L.of} ${n(s.records)}\n`);
    for (const note of s.notes) io.stderr.write(`  ${wordMessage(note, lang)}\n`);
  }
  for (const i of session.inputs ?? []) {
    io.stderr.write(`${i.path}: ${L.input} "${i.name}" ${L.of} ${i.usedBy.join(', ') || L.noDerived}, ${n(i.read)} ${L.read}, ${n(i.rejected)} ${L.rejected} ${L.of} ${n(i.records)}\n`);
  }
}


