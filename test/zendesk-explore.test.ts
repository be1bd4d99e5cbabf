// A Zendesk Explore report (Tickets dataset, one row per ticket) is read with no config: recognised
// by its attribute names, Good/Bad mapped to CSAT as for the Support export, its total row skipped.
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { ROOT, runJourney } from './helpers/run.js';

describe('Zendesk Explore export', { timeout: 60_000 }, () => {
  it('is recognised as tickets and gives the KPIs counted by hand', async () => {
    const run = await runJourney(['report', join(ROOT, 'fixtures', 'presets', 'zendesk-explore'), '--format', 'json'], { cwd: ROOT });
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as {
      sources: { kind: string; preset: string; rows: number }[];
      kpis: { id: string; value: number | null; n: number; unavailable?: string }[];
      warnings: string[];
    };
    expect(out.sources).toEqual([expect.objectContaining({ kind: 'ticket', preset: 'zendesk-explore', rows: 12 })]);
    const kpi = new Map(out.kpis.map((k) => [k.id, k]));
    expect(kpi.get('tickets')).toMatchObject({ value: 12 });
    // Good 5, Bad 2; Offered and Unoffered are no answer.
    expect(kpi.get('csat')?.n).toBe(7);
    expect(kpi.get('csat')?.value).toBeCloseTo((100 * 5) / 7, 9);
    // Solved or closed: 9 tickets after 0.5, 1.5, 2, 4, 8, 12, 24, 24, 48 h.
    expect(kpi.get('ttr_median_hours')).toMatchObject({ value: 8, n: 9 });
    expect(kpi.get('fcr')?.unavailable).toMatch(/no replies or reopens column/);
    expect(out.warnings.join('\n')).toMatch(/1 row\(s\) skipped: the report's total row/);
  });
});
