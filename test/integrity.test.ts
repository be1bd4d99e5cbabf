// Survey integrity: the binomial tail and funnel limits against known values, expected shares
// that follow each group's mix of touchpoints, a planted inflating agent, the false-flag rate over
// 100 seeds of honest data, `journey integrity` end to end, and the planted-effects data set.
import { describe, expect, it, beforeAll } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assessIntegrity, funnelLimit, type IntegrityCell } from '../src/core/analysis/integrity-stats.js';
import { mulberry32 } from '../src/core/analysis/drivers-stats.js';
import { binomialCdf, binomialUpperTail, fCdf } from '../src/core/kpis/stats.js';
import { simulateCells } from './helpers/integrity-sim.js';
import { EFFECTS, effectsConfig, hasEffects } from './helpers/effects.js';
import { runJourney, tempDir, type RunResult } from './helpers/run.js';

const OPTIONS = { minN: 20, minTop: 10, fdr: 0.05, comments: true };

describe('binomial and F distributions', () => {
  it('matches the reference vector: 45 tens of 60 against p0 = 0.35 has tail 3.05e-10', () => {
    expect(binomialUpperTail(45, 60, 0.35)).toBeCloseTo(3.05e-10, 12);
  });

  it('agrees with a direct sum of binomial terms', () => {
    const pmf = (k: number, n: number, p: number) => {
      let c = 1;
      for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
      return c * p ** k * (1 - p) ** (n - k);
    };
    for (const [k, n, p] of [[3, 10, 0.2], [0, 7, 0.5], [12, 30, 0.41], [30, 30, 0.9]]) {
      let tail = 0;
      for (let i = k; i <= n; i++) tail += pmf(i, n, p);
      expect(binomialUpperTail(k, n, p)).toBeCloseTo(tail, 12);
      expect(binomialCdf(k - 1, n, p)).toBeCloseTo(1 - tail, 12);
    }
  });

  it('F CDF: closed form for (2, 2) and SciPy for (5, 10)', () => {
    expect(fCdf(3, 2, 2)).toBeCloseTo(0.75, 12);
    expect(fCdf(1, 5, 10)).toBeCloseTo(0.5348805734621996, 10);
  });
});

describe('funnel limits', () => {
  it('bracket the expected share and widen as n shrinks', () => {
    const at = (n: number) => [funnelLimit(n, 0.3, 0.001), funnelLimit(n, 0.3, 0.025), funnelLimit(n, 0.3, 0.975), funnelLimit(n, 0.3, 0.999)];
    for (const n of [20, 100, 1000]) {
      const [lo998, lo95, hi95, hi998] = at(n);
      expect(lo998).toBeLessThan(lo95);
      expect(lo95).toBeLessThan(0.3);
      expect(hi95).toBeGreaterThan(0.3);
      expect(hi998).toBeGreaterThan(hi95);
    }
    expect(at(20)[3] - 0.3).toBeGreaterThan(at(1000)[3] - 0.3);
    // Close to the normal approximation at large n: 0.3 + 3.09 * sqrt(0.3 * 0.7 / 1000).
    expect(at(1000)[3]).toBeCloseTo(0.3 + 3.090232 * Math.sqrt(0.21 / 1000), 2);
  });
});

const cell = (group: string, stratum: string, n: number, top: number, topSilent = 0): IntegrityCell => {
  // Scores 1 (top) and 0: moments follow from the counts.
  return { group, stratum, n, top, topSilent, s1: top, s2: top, s3: top, s4: top };
};

describe('expected share', () => {
  it("is the other groups' share in each of the group's strata, weighted by its answers", () => {
    const groups = assessIntegrity([
      cell('X', 'returns', 40, 8), cell('Y', 'returns', 60, 12), cell('Y', 'delivery', 100, 50), cell('Z', 'delivery', 100, 50), cell('Z', 'returns', 50, 10),
    ], OPTIONS);
    const x = groups.find((g) => g.group === 'X')!;
    // X works only at returns, where the others (Y, Z) give 22 tops of 110.
    expect(x.expected_share).toBeCloseTo(22 / 110, 12);
    const y = groups.find((g) => g.group === 'Y')!;
    expect(y.expected_share).toBeCloseTo((60 * (18 / 90) + 100 * (50 / 100)) / 160, 12);
    expect(groups.every((g) => !g.flagged)).toBe(true);
  });

  it('leaves a stratum nobody else answered out of the comparison', () => {
    const groups = assessIntegrity([cell('X', 'gift_wrap', 30, 30), cell('X', 'delivery', 30, 9), cell('Y', 'delivery', 30, 9)], OPTIONS);
    const x = groups.find((g) => g.group === 'X')!;
    expect(x.n).toBe(30);
    expect(x.uncompared).toBe(30);
    expect(x.flagged).toBe(false);
  });
});

describe('a planted inflating agent', () => {
  const runs = Array.from({ length: 100 }, (_, i) => assessIntegrity(simulateCells({ seed: 2000 + i, inflate: { agent: 'A07', rate: 0.5 } }), OPTIONS));

  it('is flagged in every data set, with the evidence as reasons', () => {
    for (const groups of runs) {
      const a07 = groups.find((g) => g.group === 'A07')!;
      expect(a07.flagged).toBe(true);
      expect(a07.signals[0]).toBe('top_share');
      expect(a07.top_share!).toBeGreaterThan(a07.funnel!.p998[1]);
    }
    // Most of its tens come without a comment: that shows as an extra reason in most data sets.
    expect(runs.filter((groups) => groups.find((g) => g.group === 'A07')!.signals.includes('top_without_comment')).length).toBeGreaterThan(50);
  });

  it('rarely drags an honest agent along: false discoveries stay within the FDR', () => {
    // Benjamini-Hochberg bounds the expected share of honest agents among the flagged by 5%.
    const falseShare = runs.map((groups) => {
      const flagged = groups.filter((g) => g.flagged);
      return flagged.filter((g) => g.group !== 'A07').length / flagged.length;
    });
    expect(falseShare.reduce((a, b) => a + b, 0) / runs.length).toBeLessThanOrEqual(0.08);
    expect(runs.filter((groups) => groups.filter((g) => g.flagged).length === 1).length).toBeGreaterThan(80);
  });
});

describe('honest data: 100 seeds', () => {
  const runs = Array.from({ length: 100 }, (_, i) => assessIntegrity(simulateCells({ seed: 1000 + i }), OPTIONS));

  it('flags a data set no more often than about twice the nominal 5%', () => {
    const flagged = runs.filter((groups) => groups.some((g) => g.flagged)).length / runs.length;
    expect(flagged).toBeLessThanOrEqual(0.1);
  });

  it('keeps each test near its nominal size (raw p < 0.05 in 2-8% of groups), so flags are not rare by accident', () => {
    const rate = (ps: number[]) => ps.filter((p) => p < 0.05).length / ps.length;
    const groups = runs.flat();
    expect(groups.length).toBe(1200);
    for (const ps of [
      groups.map((g) => g.p_value!),
      groups.filter((g) => g.top_without_comment).map((g) => g.top_without_comment!.p_value),
      groups.filter((g) => g.spread).map((g) => g.spread!.p_value),
    ]) {
      expect(ps.length).toBeGreaterThan(1000);
      expect(rate(ps)).toBeGreaterThan(0.02);
      expect(rate(ps)).toBeLessThan(0.08);
    }
  });
});

/** Survey rows for agents A01..A08 at delivery (csat) and support (nps); A07 inflates. */
function agentSurveys(seed: number): string {
  const random = mulberry32(seed);
  const lines = ['response_id,customer_id,submitted_at,touchpoint,agent,nps,csat,comment'];
  const npsScores = [0, 2, 4, 5, 6, 6, 7, 7, 8, 8, 8, 9, 9, 9, 10, 10];
  const csatScores = [1, 2, 3, 3, 4, 4, 4, 4, 5, 5];
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  let id = 0;
  for (let a = 1; a <= 8; a++) {
    const agent = `A0${a}`;
    for (let i = 0; i < 120; i++) {
      const support = random() < 0.5;
      const inflated = agent === 'A07' && random() < 0.5;
      const score = inflated ? (support ? 10 : 5) : support ? pick(npsScores) : pick(csatScores);
      const comment = !inflated && random() < 0.5 ? '"Fine, thanks"' : '';
      lines.push(`R${++id},C${id},2025-02-${String(1 + (id % 27)).padStart(2, '0')} 10:00:00,${support ? 'support' : 'delivery'},${agent},${support ? score : ''},${support ? '' : score},${comment}`);
    }
  }
  // Rows without an agent are not assessed and are not part of anyone's "rest".
  for (let i = 0; i < 50; i++) lines.push(`R${++id},C${id},2025-02-03 10:00:00,delivery,,,5,`);
  return `${lines.join('\n')}\n`;
}

type IntegrityJson = {
  schema: string; by: string; unassigned: number;
  groups: { group: string; n: number; top_share: number; expected_share: number; p_value: number; flagged: boolean; reasons: string[]; status: string }[];
};

describe('journey integrity on small CSVs', { timeout: 60_000 }, () => {
  const dir = tempDir();
  let json: RunResult;
  let table: RunResult;
  let result: IntegrityJson;

  beforeAll(async () => {
    writeFileSync(join(dir, 'surveys.csv'), agentSurveys(5));
    [json, table] = await Promise.all([
      runJourney(['integrity', dir, '--by', 'agent', '--format', 'json'], { cwd: dir }),
      runJourney(['integrity', dir, '--by', 'Agent'], { cwd: dir }),
    ]);
    result = JSON.parse(json.stdout) as IntegrityJson;
  });

  it('follows journey-integrity/1 and flags the inflating agent only', () => {
    expect(json.code, json.stderr).toBe(0);
    expect(result.schema).toBe('journey-integrity/1');
    expect(Object.keys(result.groups[0]).slice(0, 7)).toEqual(['group', 'n', 'top_share', 'expected_share', 'p_value', 'flagged', 'reasons']);
    expect(result.groups.map((g) => g.group)).toEqual(['A01', 'A02', 'A03', 'A04', 'A05', 'A06', 'A07', 'A08']);
    expect(result.groups.filter((g) => g.flagged).map((g) => g.group)).toEqual(['A07']);
    expect(result.unassigned).toBe(50);
    for (const g of result.groups) expect(g.n).toBe(120);
  });

  it('gives the evidence as reasons and says "review", never a verdict', () => {
    const a07 = result.groups.find((g) => g.group === 'A07')!;
    expect(a07.status).toBe('review');
    expect(a07.reasons[0]).toMatch(/^top scores \d+\.\d% vs \d+\.\d% expected from the other groups \(q = /);
    expect(a07.reasons.some((r) => r.includes('have no comment'))).toBe(true);
    expect(result.groups.filter((g) => !g.flagged).every((g) => g.reasons.length === 0)).toBe(true);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain('Survey integrity by agent');
    expect(table.stdout).toMatch(/A07 .*review/);
    expect(table.stdout).toContain('not proof');
    expect(`${table.stdout}${json.stdout}`).not.toMatch(/guilty|fraud|cheat/i);
  });

  it('matches a plain count of top scores for every agent', () => {
    const rows = agentSurveys(5).trim().split('\n').slice(1).map((l) => l.split(','));
    for (const g of result.groups) {
      const mine = rows.filter((r) => r[4] === g.group);
      const tops = mine.filter((r) => r[5] === '10' || (r[5] === '' && r[6] === '5')).length;
      expect(g.top_share).toBeCloseTo(tops / mine.length, 12);
    }
  });

  it('an unknown --by column exits 2 and lists the columns there are', async () => {
    const run = await runJourney(['integrity', dir, '--by', 'dealer'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--by dealer');
    expect(run.stderr).toMatch(/available: .*agent/);
    expect(run.stdout).toBe('');
    const missing = await runJourney(['integrity', dir], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--by');
  });

  it('writes md and csv; a hostile group name stays text in the CSV', async () => {
    const hostile = tempDir();
    writeFileSync(join(hostile, 'surveys.csv'), agentSurveys(5).replaceAll(',A03,', ',=HYPERLINK("x"),'));
    const out = tempDir();
    const run = await runJourney(['integrity', hostile, '--by', 'agent', '--format', 'md,csv', '--out', out, '-q'], { cwd: hostile });
    expect(run.code, run.stderr).toBe(0);
    const csv = readFileSync(join(out, 'integrity.csv'), 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^group,n,top,top_share,/);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    const md = readFileSync(join(out, 'integrity.md'), 'utf8');
    expect(md).toContain('# Survey integrity by agent');
    expect(md).toMatch(/\*\*A07\*\*: top scores/);
  });
});

describe.skipIf(!hasEffects)('journey integrity on the planted-effects data set', { timeout: 60_000 }, () => {
  it('flags A07 and only A07', async () => {
    const run = await runJourney(['integrity', `survey=${join(EFFECTS, 'surveys.csv')}`, '--config', await effectsConfig(), '--by', 'agent', '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as IntegrityJson;
    expect(result.groups).toHaveLength(12);
    expect(result.groups.filter((g) => g.flagged).map((g) => g.group)).toEqual(['A07']);
  });
});
