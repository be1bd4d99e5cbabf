// A small report whose labels, notes, paths and warnings are hostile (HTML, script, quotes, bidi
// overrides, a withheld and a not-measurable value): what every human renderer must keep inert.
import type { Kpi } from '../../src/core/kpis/measure.js';
import type { Report } from '../../src/core/report.js';

const kpi = (id: string, label: string, value: number | null, unit: Kpi['unit'], n: number,
  ci: [number, number] | null = null, flags: string[] = []): Kpi => ({ id, label, value, unit, n, ci, flags });

const csat = kpi('csat', 'CSAT <b>bold</b>', 61.2, '%', 40, [45.8, 74.7]);
const lowCsat = kpi('csat', 'CSAT', 80, '%', 12, [55.1, 93.0], ['low_n']);
const withheld = kpi('csat', 'CSAT', null, '%', 3, null, ['low_n', 'suppressed']);
// Core adds `unavailable` (issue 9); the renderers read it when it is there.
const unmeasurable = { ...kpi('conversion_rate', 'Conversion rate', null, '%', 0), unavailable: 'no purchase events in the web export' } as Kpi;

export const hostileReport: Report = {
  schema: 'journey-report/1',
  generated_at: '2025-12-31T08:00:00.000Z',
  period: { since: '2025-01-01', until: '2025-12-31' },
  sources: [{ path: 'exports/<img src=x>.csv', kind: 'survey', format: 'csv', preset: null, rows: 55, rejected: 1 }],
  kpis: [csat],
  stages: [
    {
      id: 'purchase', label: 'Purchase <i>stage</i>', kpis: [kpi('conversion_rate', 'Conversion', 3.1, '%', 900, [2.1, 4.4])],
      touchpoints: [{
        id: 'checkout', label: 'Checkout <script>window.pwned = true</script>', moment_of_truth: true, kpis: [lowCsat, unmeasurable],
        insights: ['"><img src=x onerror="window.pwned=true">'], opportunities: ["' onmouseover='x"], solutions: ['\u202Eevil'],
      }],
    },
    {
      id: 'service', label: 'Service', kpis: [csat],
      touchpoints: [{ id: 'delivery', label: 'Delivery & returns', moment_of_truth: false, kpis: [withheld], insights: [], opportunities: [], solutions: [] }],
    },
  ],
  friction: [{
    rank: 1, touchpoint: 'checkout', stage: 'purchase', score: 3.5, n: 12, components: {},
    why: '<a href="https://example.com">click</a>', label: 'Checkout <script>window.pwned = true</script>', moment_of_truth: true,
  }],
  warnings: ['<style>body{display:none}</style>'],
  config: 'journey.yaml',
  coverage: [{ kind: 'survey', rows: 55, mapped: 50 }],
};
