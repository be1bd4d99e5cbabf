// A Freshdesk export re-saved by Excel in a Dutch locale (`;`, dates `18-6-2026 18:20` instead of
// `2026-06-18 18:20:30`): the first-response time, derived from `Created time` plus
// `First response time (in hrs)`, vanished because only ISO starts were read. It must come out as
// it does from the original export.
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { ROOT, runJourney } from './helpers/run.js';

type Kpi = { id: string; value: number | null; n: number };
const kpis = (stdout: string) => new Map((JSON.parse(stdout) as { kpis: Kpi[] }).kpis.map((k) => [k.id, k]));

describe('Freshdesk export after an Excel re-save', { timeout: 60_000 }, () => {
  it('gives the same first-response median as the original export, and says how the dates were read', async () => {
    const original = await runJourney(['report', join(ROOT, 'fixtures', 'presets', 'freshdesk', 'freshdesk-tickets.csv'), '--format', 'json'], { cwd: ROOT });
    const resaved = await runJourney(['report', join(ROOT, 'fixtures', 'freshdesk-excel', 'freshdesk-tickets.csv'), '--format', 'json'], { cwd: ROOT });
    expect(resaved.code, resaved.stderr).toBe(0);
    const before = kpis(original.stdout).get('first_response_median_hours')!;
    const after = kpis(resaved.stdout).get('first_response_median_hours')!;
    expect(before.n).toBe(27);
    expect(after.n).toBe(before.n);
    // Excel drops the seconds, but the first response is created time plus the duration column: unchanged.
    expect(after.value).toBeCloseTo(before.value!, 6);
    expect(resaved.stderr).toMatch(/column "created_at" read as day-month-year/);
  });
});
