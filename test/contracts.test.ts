// The output contracts: the JSON Schema files in docs/schemas/ are what the zod schemas generate
// now (so they cannot go stale), and the real JSON of every command parses with its strict schema
// (so a field added, renamed or retyped without updating the contract fails here).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import type { Io } from '../src/cli/output.js';
import { CONTRACTS, contractJsonSchemaText, type ContractName } from '../src/core/contracts/index.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const EFFECTS = join(ROOT, 'fixtures', 'effects');
const PERIODS = ['--before', '2025-01-01..2025-03-31', '--after', '2025-04-01..2025-06-30'];

/** Runs the CLI in this process with a frozen clock and a private config home. */
async function run(args: string[], configHome: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const sink = (write: (s: string) => void) => ({ write: (chunk: string | Uint8Array) => { write(String(chunk)); return true; } }) as unknown as Io['stdout'];
  const io: Io = {
    stdout: sink((s) => { stdout += s; }),
    stderr: sink((s) => { stderr += s; }),
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', XDG_CONFIG_HOME: configHome },
    now: () => new Date('2026-01-15T12:00:00Z'),
  };
  const code = await main(['node', 'journey', ...args, '--format', 'json'], io);
  return { code, stdout, stderr };
}

describe('docs/schemas/*.schema.json', () => {
  for (const name of Object.keys(CONTRACTS) as ContractName[]) {
    it(`${name}.schema.json is what scripts/write-schemas.mjs writes now (npm run schemas)`, () => {
      const committed = readFileSync(join(ROOT, 'docs', 'schemas', `${name}.schema.json`), 'utf8');
      expect(committed).toBe(contractJsonSchemaText(name));
    });
  }
});

describe('every command\'s JSON parses with its contract', { timeout: 300_000 }, () => {
  const RUNS: { name: ContractName; args: string[] }[] = [
    { name: 'report', args: ['report', '--demo', '--by', 'quarter'] },
    { name: 'report', args: ['report', '--demo', '--segment', 'channel'] },
    { name: 'friction', args: ['friction', '--demo', '--explain'] },
    { name: 'compare', args: ['compare', '--demo', ...PERIODS, '--explain'] },
    { name: 'compare', args: ['compare', '--demo', '--by', 'channel'] },
    // The demo config has no initiative; the planted-effects set has one.
    { name: 'compare', args: ['compare', EFFECTS, '--config', join(EFFECTS, 'journey.yaml'), '--initiative', 'one_page_checkout'] },
    { name: 'drivers', args: ['drivers', '--demo'] },
    { name: 'drivers', args: ['drivers', '--demo', '--explain'] },
    { name: 'integrity', args: ['integrity', '--demo', '--by', 'agent', '--explain'] },
    { name: 'validate', args: ['validate', '--demo'] },
  ];
  const outputs = new Map<string, unknown>();
  let configHome: string;

  beforeAll(async () => {
    configHome = mkdtempSync(join(tmpdir(), 'journey-contracts-'));
    for (const r of RUNS) {
      const { code, stdout, stderr } = await run(r.args, configHome);
      expect(code, stderr).toBe(0);
      outputs.set(r.args.join(' '), JSON.parse(stdout));
    }
  });
  afterAll(() => rmSync(configHome, { recursive: true, force: true }));

  for (const r of RUNS) {
    it(`journey ${r.args.join(' ').replace(ROOT + '/', '')} --format json`, () => {
      const result = CONTRACTS[r.name].safeParse(outputs.get(r.args.join(' ')));
      expect(result.success, result.error?.message).toBe(true);
    });
  }

  it('the optional parts are exercised: loyalty, trends, segment, initiative, --explain', () => {
    const get = (args: string[]) => outputs.get(args.join(' ')) as Record<string, unknown>;
    expect(get(RUNS[0].args)).toHaveProperty('trends');
    expect(get(RUNS[0].args)).toHaveProperty('loyalty');
    expect(get(RUNS[1].args)).toHaveProperty('segment');
    expect(get(RUNS[5].args)).toHaveProperty('initiative.did');
    expect(get(RUNS[7].args)).toHaveProperty('explain.lambda_star');
    expect(get(RUNS[8].args)).toHaveProperty('groups.0.components');
  });

  it('the contracts are strict: an unexpected field, at the top or deep inside, fails', () => {
    const report = structuredClone(outputs.get(RUNS[0].args.join(' '))) as { stages: { touchpoints: { kpis: object[] }[] }[] };
    expect(CONTRACTS.report.safeParse({ ...report, surprise: 1 }).success).toBe(false);
    const kpi = report.stages.flatMap((s) => s.touchpoints).flatMap((t) => t.kpis)[0];
    Object.assign(kpi, { surprise: 1 });
    expect(CONTRACTS.report.safeParse(report).success).toBe(false);
  });
});
