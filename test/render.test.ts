// Renderers over one hand-made report holding the awkward cases: a suppressed and a low-n value, a
// missing interval, a formula-looking touchpoint from data, HTML and pipes in labels.
import { describe, it, expect } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { Kpi } from '../src/core/kpis/measure.js';
import type { Report, StageReport } from '../src/core/report.js';
import { renderCsv } from '../src/render/csv.js';
import { formatCi, formatValue } from '../src/render/format.js';
import { renderMarkdown } from '../src/render/markdown.js';
import { renderTable } from '../src/render/table.js';

const kpi = (id: string, label: string, value: number | null, unit: string, n: number,
  ci: [number, number] | null = null, flags: string[] = []): Kpi => ({ id, label, value, unit, n, ci, flags });

const nps = kpi('nps', 'NPS', 17.5, 'nps', 120, [5.2, 29.1]);
const conversion = kpi('conversion_rate', 'Conversion rate', 62.41234567, '%', 500, [58.1, 66.5]);
const revenue = kpi('revenue', 'Revenue | paid, EUR', 1234.5, 'money', 40);
const sessions = kpi('sessions', 'Sessions', 12345, 'count', 12345);
const lowCsat = kpi('csat', 'CSAT', 80, '%', 12, [55.1, 93.0], ['low_n']);
const suppressedCsat = kpi('csat', 'CSAT', null, '%', 3, null, ['low_n', 'suppressed']);
const negativeNps = kpi('nps', 'NPS', -3.5, 'nps', 60, [-20.1, 13.0]);

const touchpoint = (id: string, label: string, kpis: Kpi[], extra: Partial<StageReport['touchpoints'][number]> = {}) =>
  ({ id, label, moment_of_truth: false, kpis, insights: [], opportunities: [], solutions: [], ...extra });

const report: Report = {
  schema: 'journey-report/1',
  generated_at: '2024-04-01T08:00:00.000Z',
  period: { since: '2024-01-01', until: '2024-03-31' },
  sources: [
    { path: 'exports/survey.csv', kind: 'survey', format: 'csv', preset: null, rows: 120, rejected: 2 },
    { path: 'exports/orders.csv', kind: 'order', format: 'csv', preset: null, rows: 1500, rejected: 0 },
  ],
  kpis: [nps, conversion, revenue, sessions],
  stages: [
    {
      id: 'purchase', label: 'Purchase', kpis: [conversion],
      touchpoints: [
        touchpoint('checkout', 'Checkout | <script>alert("x")</script>', [lowCsat], {
          moment_of_truth: true, insights: ['People leave at the <b>shipping</b> step'], solutions: ['Show costs early'],
        }),
        // A touchpoint known only from a data column: its id and label are raw data.
        touchpoint('=HYPERLINK("x")', '=HYPERLINK("x")', [kpi('orders', 'Orders', 40, 'count', 40)]),
      ],
    },
    { id: 'service', label: 'Service', kpis: [suppressedCsat, negativeNps], touchpoints: [touchpoint('chat', 'Chat', [])] },
    { id: 'loyalty', label: 'Loyalty', kpis: [], touchpoints: [] },
  ],
  friction: [],
  warnings: ['bad\u001b[31m.csv: 2 of 122 rows quarantined (see journey validate)'],
  config: 'journey.yaml',
  coverage: [],
  segment: {
    id: 'channel', label: 'Channel',
    values: [
      { value: 'web', kpis: [nps, conversion], stages: [{ id: 'purchase', label: 'Purchase', kpis: [conversion], touchpoints: [] }] },
      { value: '-app', kpis: [negativeNps], stages: [] },
    ],
  },
};

/** What the CSV should hold, walked from the fixture: main scopes first, then each segment value. */
function expectedRows() {
  const rows: { segment: string; stage: string; touchpoint: string; kpi: Kpi }[] = [];
  const walk = (segment: string, journey: Kpi[], stages: StageReport[]) => {
    for (const k of journey) rows.push({ segment, stage: '', touchpoint: '', kpi: k });
    for (const s of stages) {
      for (const k of s.kpis) rows.push({ segment, stage: s.id, touchpoint: '', kpi: k });
      for (const t of s.touchpoints) for (const k of t.kpis) rows.push({ segment, stage: s.id, touchpoint: t.id, kpi: k });
    }
  };
  walk('', report.kpis, report.stages);
  for (const v of report.segment!.values) walk(v.value, v.kpis, v.stages);
  return rows;
}

describe('formatValue / formatCi', () => {
  it.each([
    [kpi('x', 'x', 62.44, '%', 1), '62.4%'],
    [kpi('x', 'x', 17.5, 'nps', 1), '+17.5'],
    [kpi('x', 'x', -3, 'nps', 1), '-3.0'],
    [kpi('x', 'x', -0.01, 'nps', 1), '0.0'],
    [kpi('x', 'x', 4.126, 'score', 1), '4.13'],
    [kpi('x', 'x', 3.46, 'hours', 1), '3.5 h'],
    [kpi('x', 'x', 12345, 'count', 1), '12,345'],
    [kpi('x', 'x', 1234567.5, 'money', 1), '1,234,567.50'],
    [kpi('x', 'x', -1234.5, 'money', 1), '-1,234.50'],
    [kpi('x', 'x', 1.5, 'ratio', 1), '1.50'],
    [kpi('x', 'x', null, '%', 1), '—'],
    [suppressedCsat, 'suppressed'],
  ])('%o -> %s', (k, text) => {
    expect(formatValue(k)).toBe(text);
  });

  it('writes the interval in the unit precision, or nothing', () => {
    expect(formatCi(conversion)).toBe('[58.1, 66.5]');
    expect(formatCi(kpi('x', 'x', 4.1, 'score', 9, [3.8, 4.4]))).toBe('[3.80, 4.40]');
    expect(formatCi(revenue)).toBe('');
  });
});

describe('renderCsv', () => {
  const csv = renderCsv(report);
  const lines = csv.split('\n');

  it('has the contract header and one row per scope x KPI, with the resolved period on every row', () => {
    expect(lines[0]).toBe('segment,stage,touchpoint,kpi,label,value,unit,n,ci_low,ci_high,flags,period_since,period_until');
    // 9 main rows (4 journey, 1 + 1 + 1 purchase, 2 service) + 3 for "web" + 1 for "-app".
    expect(expectedRows()).toHaveLength(13);
    expect(csv.endsWith('\n')).toBe(true);
    expect(lines.slice(1, -1)).toHaveLength(13);
    expect(csv).not.toContain('\r');
  });

  it('neutralises formula-looking text but leaves negative numbers as numbers', () => {
    const row = lines.find((l) => l.includes('HYPERLINK'))!;
    expect(row).toBe(`,purchase,"'=HYPERLINK(""x"")",orders,Orders,40,count,40,,,,2024-01-01,2024-03-31`);
    expect(lines.find((l) => l.startsWith('"\'-app"'))).toBeDefined();
    const service = lines.find((l) => l.startsWith(',service,,nps,'))!;
    expect(service).toBe(',service,,nps,NPS,-3.5,nps,60,-20.1,13,,2024-01-01,2024-03-31');
    expect(csv).not.toMatch(/'-\d/);
  });

  it('parses back to the same values at full precision', () => {
    const records = parse(csv, { columns: true }) as Record<string, string>[];
    const num = (x: number | null | undefined) => (x === null || x === undefined ? '' : String(x));
    const text = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
    expect(records).toEqual(expectedRows().map(({ segment, stage, touchpoint: tp, kpi: k }) => ({
      segment: text(segment), stage, touchpoint: text(tp), kpi: k.id, label: k.label, value: num(k.value),
      unit: k.unit, n: String(k.n), ci_low: num(k.ci?.[0]), ci_high: num(k.ci?.[1]), flags: k.flags.join('|'),
      period_since: '2024-01-01', period_until: '2024-03-31',
    })));
    expect(records.find((r) => r.kpi === 'conversion_rate')!.value).toBe('62.41234567');
  });
});

describe('renderTable', () => {
  const plain = renderTable(report, { color: false, detail: true });

  it('has no escape sequences without colour, even from hostile data, and some with colour', () => {
    expect(plain).not.toContain('\u001b');
    expect(renderTable(report, { color: true })).toContain('\u001b[');
  });

  it('shows formatted values, flags and markers', () => {
    for (const text of ['+17.5', '62.4%', '-3.5', '1,234.50', '12,345', '[58.1, 66.5]', 'suppressed', 'low n',
      'Whole journey', 'Stage: Purchase', '★ moment of truth', 'Period: 2024-01-01 – 2024-03-31', '2 sources']) {
      expect(plain).toContain(text);
    }
    expect(plain).toMatch(/Stage: Loyalty\n\s+\(no data\)/);
    expect(plain).toMatch(/^! bad.*quarantined/m);
  });

  it('breaks the segment down per value with n in parentheses', () => {
    expect(plain).toContain('Segment: Channel');
    expect(plain).toContain('+17.5 (120)');
    expect(plain).toContain('-3.5 (60)');
  });

  it('fits in 100 columns', () => {
    const widest = Math.max(...plain.split('\n').map((l) => l.length));
    expect(widest).toBeLessThanOrEqual(100);
  });
});

describe('renderMarkdown', () => {
  const md = renderMarkdown(report);

  it('is a report with sections per stage and touchpoint', () => {
    expect(md.startsWith('# Customer journey report\n')).toBe(true);
    for (const heading of ['## Sources', '## Whole journey', '## Purchase', '## Service', '## Loyalty', '## Segment: Channel', '## Warnings']) {
      expect(md).toContain(`\n${heading}\n`);
    }
    expect(md).toMatch(/^### Checkout .* ★ moment of truth$/m);
    expect(md).toContain('| exports/survey.csv | survey | 120 | 2 |');
    expect(md).toContain('- Show costs early');
  });

  it('escapes HTML and pipes from data', () => {
    expect(md).not.toContain('<script>');
    expect(md).not.toContain('<b>');
    expect(md).not.toContain('\u001b');
    expect(md).toContain('&lt;script&gt;');
    expect(md).toContain('Revenue \\| paid, EUR');
    // Every row of a table has as many unescaped pipes as its header row.
    const pipes = (l: string) => l.replace(/\\\|/g, '').split('|').length;
    for (const block of md.split('\n\n').filter((b) => b.startsWith('|'))) {
      const rows = block.split('\n');
      for (const row of rows) expect(pipes(row)).toBe(pipes(rows[0]!));
    }
  });

  it('puts n and the interval in their own columns and spells out flags', () => {
    expect(md).toContain('| KPI | Value | n | 95% CI | Flags |');
    expect(md).toContain('| Conversion rate | 62.4% | 500 | [58.1, 66.5] |  |');
    expect(md).toContain('| CSAT | suppressed | 3 |  | low n, suppressed (< min cell) |');
  });
});
