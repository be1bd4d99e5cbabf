// The command pipeline's promises, the same for every command: shared flags read alike in every
// --help, --segment works on every analysis, a config rule failing deep in the data is a config
// error naming it, errors come as JSON under --format json, and every format has a renderer.
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTRACTS } from '../src/core/contracts/index.js';
import { FORMATS, OFFERED } from '../src/render/formats.js';
import { RENDERERS } from '../src/render/registry.js';
import { ROOT, runJourney, tempDir } from './helpers/run.js';

const DEMO = join(ROOT, 'fixtures', 'demo');
const ANALYSES = ['report', 'friction', 'compare', 'drivers', 'integrity'];
const DATA_COMMANDS = [...ANALYSES, 'validate', 'sql'];

/** The demo folder with its config, a rule replaced. */
function demoWithRule(from: string, to: string): string {
  const dir = tempDir();
  for (const f of readdirSync(DEMO).filter((f) => f.endsWith('.csv'))) copyFileSync(join(DEMO, f), join(dir, f));
  const config = readFileSync(join(DEMO, 'journey.yaml'), 'utf8');
  expect(config).toContain(from);
  writeFileSync(join(dir, 'journey.yaml'), config.replace(from, to));
  return dir;
}

describe('shared flags', () => {
  const helps = new Map<string, string>();
  beforeAll(async () => {
    for (const command of DATA_COMMANDS) helps.set(command, (await runJourney([command, '--help'])).stdout);
  });

  it('every data command lists the shared flags with the same words', () => {
    const shared = ['-c, --config <file>', '--demo', '-o, --out <file|dir|->', '--since <date>', '--until <date>',
      '--max-reject-rate <rate>', '-q, --quiet', '-v, --verbose', '--no-color', '--debug'];
    const lineOf = (help: string, flag: string) => help.split('\n').find((l) => l.trimStart().startsWith(flag))?.trim();
    for (const flag of shared) {
      const lines = new Set(DATA_COMMANDS.map((c) => lineOf(helps.get(c)!, flag)));
      expect(lines.size, `${flag} reads differently across commands: ${[...lines].join(' | ')}`).toBe(1);
      expect([...lines][0]).toBeDefined();
    }
  });

  it('--segment is offered by every analysis and by sql, not by validate (files, not customers)', () => {
    for (const command of [...ANALYSES, 'sql']) expect(helps.get(command), command).toContain('--segment <name>');
    expect(helps.get('validate')).not.toContain('--segment');
  });

  it('--format lists exactly the formats the result kind has renderers for', () => {
    for (const kind of ['report', 'friction', 'compare', 'drivers', 'integrity', 'validate'] as const) {
      const offered = FORMATS.filter((f) => RENDERERS[kind][f] !== null);
      expect(offered).toEqual([...OFFERED[kind]]);
      expect(helps.get(kind)!.replace(/\s+/g, ' ')).toContain(`(${offered.join(', ')})`);
    }
  });
});

describe('--segment on analyses without a breakdown of their own', () => {
  it('friction: the ranking for all rows, then one per value, in every format', async () => {
    const table = await runJourney(['friction', '--demo', '--segment', 'channel']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('=== Channel: web ===');
    expect(table.stdout).toContain('=== Channel: email ===');
    const json = await runJourney(['friction', '--demo', '--segment', 'channel', '--format', 'json']);
    const document = JSON.parse(json.stdout);
    expect(() => CONTRACTS.friction.parse(document)).not.toThrow();
    expect(document.schema).toBe('journey-friction/1');
    expect(document.per_segment.id).toBe('channel');
    const web = document.per_segment.values.find((v: { value: string }) => v.value === 'web');
    expect(web.result.schema).toBe('journey-friction/1');
    // A segment's rows are a subset: no touchpoint can have more affected rows than in the whole.
    const whole = new Map(document.friction.map((e: { touchpoint: string; n: number }) => [e.touchpoint, e]));
    for (const e of web.result.friction) expect(whole.has(e.touchpoint)).toBe(true);
    const csv = await runJourney(['friction', '--demo', '--segment', 'channel', '--format', 'csv']);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0].startsWith('per_segment,')).toBe(true);
    expect(lines.some((l) => l.startsWith('web,'))).toBe(true);
    expect(lines.some((l) => l.startsWith(','))).toBe(true);
  });

  it('drivers: a value without identified NPS answers is not measurable, the others still run', async () => {
    const result = await runJourney(['drivers', '--demo', '--segment', 'channel', '--format', 'json', '--resamples', '0']);
    expect(result.code).toBe(0);
    expect(() => CONTRACTS.drivers.parse(JSON.parse(result.stdout))).not.toThrow();
    const values = JSON.parse(result.stdout).per_segment.values as { value: string; result: unknown; not_measurable?: string }[];
    expect(values.some((v) => v.result !== null)).toBe(true);
    const skipped = values.filter((v) => v.result === null);
    expect(skipped.length).toBeGreaterThan(0);
    for (const v of skipped) expect(v.not_measurable).toMatch(/NPS answers/);
  });

  it('an unknown segment is the same usage error on every command', async () => {
    for (const command of ['friction', 'drivers', 'report', 'sql']) {
      const result = await runJourney([command, '--demo', '--segment', 'nope']);
      expect(result.code, command).toBe(2);
      expect(result.stderr).toContain('--segment nope: no such segment in the config; use one of channel');
    }
  });
});

describe('error boundary', () => {
  // Passes the bind check on the first 100 rows, fails further down (R000500 onwards).
  const late = "touchpoint = 'product_page' AND CAST(CASE WHEN response_id > 'R000500' THEN 'x@example.com' ELSE '1' END AS INTEGER) = 1";

  it('a config rule that fails after the first rows exits 78 with its dotted path, without the cell', async () => {
    const dir = demoWithRule(`survey: "touchpoint = 'product_page'"`, `survey: "${late}"`);
    const result = await runJourney(['report', dir, '--config', join(dir, 'journey.yaml')]);
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('touchpoints[1].match.survey: fails on a row of the data');
    expect(result.stderr).toContain('TRY_CAST');
    expect(result.stderr).not.toContain('example.com');
    expect(result.stderr).not.toContain('bug');
  });

  it('under --format json the error is also one JSON object on stderr', async () => {
    const dir = demoWithRule(`survey: "touchpoint = 'product_page'"`, `survey: "${late}"`);
    const result = await runJourney(['friction', dir, '--config', join(dir, 'journey.yaml'), '--format', 'json']);
    expect(result.code).toBe(78);
    const last = JSON.parse(result.stderr.trim().split('\n').at(-1)!);
    expect(last.error).toMatchObject({ code: 'config', exit_code: 78 });
    expect(last.error.problems[0]).toMatch(/^touchpoints\[1\]\.match\.survey: /);
    const usage = await runJourney(['report', '--demo', '-f', 'json', '--since', '2025-02-30']);
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stderr.trim().split('\n').at(-1)!).error).toMatchObject({ code: 'usage', exit_code: 2 });
  });

  it('-o FILE.json without --format is JSON output, so errors come as JSON too', async () => {
    const cwd = tempDir();
    const r = await runJourney(['report', '--demo', '-o', 'r.json', '--since', '2025-02-30'], { cwd });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stderr.trim().split('\n').at(-1)!).error).toMatchObject({ code: 'usage', exit_code: 2 });
    const table = await runJourney(['report', '--demo', '-o', 'r.json', '--format', 'table', '--since', '2025-02-30'], { cwd });
    expect(table.stderr).not.toContain('{"error"');
  });

  it('without --format json, stderr has no JSON', async () => {
    const result = await runJourney(['report', '--demo', '--since', '2025-02-30']);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain('{"error"');
  });
});

describe('journey sql', () => {
  it('marks the lock-down where the session took it: after loading, before the first config statement', async () => {
    const result = await runJourney(['sql', '--demo']);
    expect(result.code).toBe(0);
    const script = result.stdout;
    const lock = script.indexOf('SET lock_configuration = true;');
    expect(lock).toBeGreaterThan(script.lastIndexOf('read_csv('));
    expect(lock).toBeLessThan(script.indexOf('CREATE TABLE journey_stages'));
  });

  it('offers only the sql format', async () => {
    const result = await runJourney(['sql', '--demo', '--format', 'json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--format json: use sql');
  });
});
