// Hostile configs end to end (DESIGN §9): SQL in rules and segments must be exactly one expression,
// may not touch files, and is refused as a config error (exit 78) naming its path — with nothing
// written into the working directory.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { runJourney, tempDir } from './helpers/run.js';
import { TICKETS } from './helpers/small-files.js';

function workspace(config: unknown): string {
  const cwd = tempDir();
  writeFileSync(join(cwd, 'tickets.csv'), TICKETS);
  writeFileSync(join(cwd, 'journey.yaml'), stringify(config));
  return cwd;
}

const hostname = (() => {
  try {
    return readFileSync('/etc/hostname', 'utf8').trim();
  } catch {
    return '';
  }
})();

const RULES: [string, string][] = [
  ['reads a file in a scalar call', "length(read_text('/etc/hostname')) > 0"],
  ['reads a file in a subquery', "status IN (SELECT content FROM read_text('/etc/hostname'))"],
  ['reads a CSV in a subquery', "(SELECT count(*) FROM read_csv('/etc/passwd')) > 0"],
  ['appends a COPY statement', "1=1; COPY (SELECT 1) TO 'x.csv'"],
  ['closes the parenthesis and appends a COPY', "true) ; COPY (SELECT 1) TO 'pwned.csv'; SELECT (1"],
  ['re-enables external access', "true; SET enable_external_access = true; COPY (SELECT 1) TO 'x.csv'"],
];

describe('hostile touchpoint rules', { timeout: 60_000 }, () => {
  it.each(RULES)('a rule that %s is a config error naming the rule, and writes nothing', async (_, rule) => {
    const cwd = workspace({ touchpoints: [{ id: 'help', stage: 'service', match: { ticket: rule } }] });
    for (const command of ['report', 'sql']) {
      const r = await runJourney([command, 'tickets.csv'], { cwd });
      expect(r.code, `${command}: ${r.stderr}`).toBe(78);
      expect(r.stderr).toContain('journey.yaml');
      expect(r.stderr).toMatch(/touchpoints\[0\]\.match\.ticket/);
      expect(r.stdout).not.toMatch(/^root:/m);
      if (hostname) expect(r.stdout + r.stderr).not.toContain(hostname);
    }
    expect(readdirSync(cwd).sort()).toEqual(['journey.yaml', 'tickets.csv']);
  });
});

describe('hostile segment expressions', { timeout: 60_000 }, () => {
  it.each([
    ['a table function used as a value', "read_csv('/etc/passwd')"],
    ['a file read in a subquery', "(SELECT string_agg(column0, ',') FROM read_csv('/etc/passwd', header = false))"],
    ['a file read via read_text', "(SELECT content FROM read_text('/etc/hostname'))"],
    ['an appended COPY', "channel; COPY (SELECT 1) TO 'pwned.csv'"],
  ])('%s is a config error naming segments[0].expr, and writes nothing', async (_, expr) => {
    const cwd = workspace({ segments: [{ id: 'leak', expr }] });
    const r = await runJourney(['report', 'tickets.csv', '--segment', 'leak', '--format', 'csv'], { cwd });
    expect(r.code, r.stderr).toBe(78);
    expect(r.stderr).toContain('journey.yaml');
    expect(r.stderr).toMatch(/segments\[0\]\.expr/);
    expect(r.stdout).not.toMatch(/root:/);
    if (hostname) expect(r.stdout).not.toContain(hostname);
    expect(readdirSync(cwd).sort()).toEqual(['journey.yaml', 'tickets.csv']);
  });

  it('a per-kind segment expression that reads a file is refused with its kind in the path', async () => {
    const cwd = workspace({ segments: [{ id: 'leak', expr: { ticket: "(SELECT content FROM read_text('/etc/hostname'))" } }] });
    const r = await runJourney(['report', 'tickets.csv', '--segment', 'leak'], { cwd });
    expect(r.code, r.stderr).toBe(78);
    expect(r.stderr).toMatch(/segments\[0\]\.expr\.ticket/);
  });
});

describe('the pseudonymisation key', { timeout: 60_000 }, () => {
  it('config SQL cannot copy the key (or the HMAC pads derived from it) into a report', async () => {
    const cwd = workspace({
      segments: [
        { id: 'inner', expr: "hex(getvariable('journey_hmac_ipad'))" },
        { id: 'outer', expr: "hex(getvariable('journey_hmac_opad'))" },
      ],
    });
    const xdg = tempDir();
    const outputs: string[] = [];
    for (const segment of ['inner', 'outer']) {
      const r = await runJourney(['report', 'tickets.csv', '--segment', segment, '--format', 'csv'], { cwd, env: { XDG_CONFIG_HOME: xdg } });
      outputs.push(r.stdout, r.stderr);
    }
    const key = Buffer.from(readFileSync(join(xdg, 'journey', 'key'), 'utf8').trim(), 'hex');
    const pad = (byte: number) => Buffer.from(key.map((b) => b ^ byte)).toString('hex');
    const text = outputs.join('\n').toLowerCase();
    for (const [name, secret] of [['key', key.toString('hex')], ['inner pad', pad(0x36)], ['outer pad', pad(0x5c)]]) {
      expect(text.includes(secret.slice(0, 32)), `${name} appears in the output`).toBe(false);
    }
  });
});
