// The journey map in a real browser (headless Chromium): it loads with no error and no request, the
// DOM says what the report JSON says, it fits 1440×900 and prints on A3/A4 landscape, and hostile
// labels stay text. Needs Debian's chromium (.ci/run installs it); without it these tests fail.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Report } from '../src/core/report.js';
import { formatValue } from '../src/render/format.js';
import { renderMapHtml } from '../src/render/html.js';
import { headlineKpis, keyKpi } from '../src/render/map-model.js';
import { chromiumPath, chromiumVersion, launch, load, type LoadedPage } from './helpers/browser.js';
import { runJourney } from './helpers/run.js';
import { hostileReport } from './helpers/hostile-report.js';

let browser: Browser;
let html: string;
let report: Report;
let map: LoadedPage;

beforeAll(async () => {
  console.log(`browser tests: ${chromiumVersion(chromiumPath())}`);
  const [m, r] = await Promise.all([runJourney(['map', '--demo', '-q']), runJourney(['report', '--demo', '--format', 'json', '-q'])]);
  expect(m.code).toBe(0);
  expect(r.code).toBe(0);
  html = m.stdout;
  report = JSON.parse(r.stdout) as Report;
  browser = await launch();
  map = await load(browser, html);
});

afterAll(async () => {
  await browser?.close();
});

describe('journey map in Chromium', () => {
  it('loads with no console error, no page error and no network request', async () => {
    expect(map.errors).toEqual([]);
    expect(map.requests).toEqual([]);
    expect(await map.page.title()).toContain('Journey map');
  });

  // The demo has personas (one view each, test/personas.test.ts): these check the all-customers view.
  it('shows the stages as columns in config order', async () => {
    const ids = await map.page.$$eval('[data-view="all"] thead th[data-stage]', (ths) => ths.map((t) => t.getAttribute('data-stage')));
    expect(ids).toEqual(report.stages.map((s) => s.id));
    const labels = await map.page.$$eval('[data-view="all"] thead th[data-stage]', (ths) => ths.map((t) => t.textContent?.replace(/^\s*\d+\s*/, '').trim()));
    expect(labels).toEqual(report.stages.map((s) => s.label));
  });

  it('has one card per touchpoint, in its stage, with its key KPI, friction rank and moment-of-truth mark as in the JSON', async () => {
    const cards = await map.page.$$eval('[data-view="all"] [data-touchpoint]', (els) => els.map((e) => ({
      id: e.getAttribute('data-touchpoint'),
      stage: e.getAttribute('data-stage'),
      title: e.querySelector('h3')?.textContent ?? '',
      key: e.querySelector('.key .kv')?.getAttribute('data-kpi') ?? null,
      keyValue: e.querySelector('.key .kv')?.getAttribute('data-value') ?? null,
      keyText: e.querySelector('.key .kv .v')?.textContent ?? null,
      rank: e.querySelector('.friction')?.getAttribute('data-rank') ?? null,
      mot: e.querySelector('.mot') !== null,
    })));
    const expected = report.stages.flatMap((s) => s.touchpoints.map((tp) => ({ s, tp })));
    expect(cards.map((c) => c.id)).toEqual(expected.map((x) => x.tp.id));
    for (const [i, { s, tp }] of expected.entries()) {
      const card = cards[i]!;
      expect(card.stage).toBe(s.id);
      expect(card.title).toContain(tp.label);
      expect(card.mot).toBe(tp.moment_of_truth);
      const key = keyKpi(s, tp);
      expect(card.key).toBe(key?.id ?? null);
      if (key?.value != null) {
        expect(Number(card.keyValue)).toBe(key.value);
        expect(card.keyText).toBe(formatValue(key));
      }
      const friction = report.friction.find((f) => f.touchpoint === tp.id);
      expect(card.rank).toBe(friction ? String(friction.rank) : null);
    }
  });

  it('shows every stage headline KPI with the value, n and interval of the JSON', async () => {
    let checked = 0;
    for (const stage of report.stages) {
      const shown = await map.page.$$eval(`[data-view="all"] [data-stage-headline="${stage.id}"] .kv`, (els) => els.map((e) => ({
        kpi: e.getAttribute('data-kpi'), value: e.getAttribute('data-value'), n: e.getAttribute('data-n'),
        text: e.querySelector('.v')?.textContent, ci: e.querySelector('.ci')?.textContent ?? '',
      })));
      const want = headlineKpis(stage);
      expect(shown.map((s) => s.kpi)).toEqual(want.map((k) => k.id));
      for (const [i, k] of want.entries()) {
        expect(Number(shown[i]!.value)).toBe(k.value);
        expect(Number(shown[i]!.n)).toBe(k.n);
        expect(shown[i]!.text).toBe(formatValue(k));
        if (k.ci) expect(shown[i]!.ci).toMatch(/^\[.+, .+\]$/);
        checked++;
      }
    }
    expect(checked).toBe(report.stages.reduce((sum, s) => sum + headlineKpis(s).length, 0));
    expect(checked).toBeGreaterThanOrEqual(12);
  });

  it('draws each funnel of the JSON: per step entered, converted, conversion with its interval, drop-off; identity coverage in the method', async () => {
    const panels = await map.page.$$eval('#funnels section.funnel', (els) => els.map((e) => ({
      id: e.getAttribute('data-funnel'),
      units: Number(e.getAttribute('data-units')),
      steps: [...e.querySelectorAll('tr[data-step]')].map((r) => ({
        id: r.getAttribute('data-step'),
        entered: Number(r.getAttribute('data-entered')),
        converted: Number(r.getAttribute('data-converted')),
        conversion: r.getAttribute('data-conversion') ? Number(r.getAttribute('data-conversion')) : null,
        ci: r.getAttribute('data-ci') ? r.getAttribute('data-ci')!.split(',').map(Number) : null,
        drop_off: Number(r.getAttribute('data-drop-off')),
        text: r.textContent ?? '',
        bar: (r.querySelector('.fbar-fill') as HTMLElement | null)?.style.width ?? null,
      })),
    })));
    expect(report.funnels?.length).toBeGreaterThan(0);
    expect(panels.map((p) => [p.id, p.units])).toEqual(report.funnels!.map((f) => [f.id, f.units]));
    report.funnels!.forEach((f, i) => {
      const steps = panels[i]!.steps;
      expect(steps.map(({ id, entered, converted, conversion, ci, drop_off }) => ({ id, entered, converted, conversion, ci, drop_off })))
        .toEqual(f.steps.map(({ id, entered, converted, conversion, ci, drop_off }) => ({ id, entered, converted, conversion, ci, drop_off })));
      f.steps.forEach((s, j) => {
        // The numbers are written out beside each bar, so the bar is never the only signal.
        expect(steps[j]!.text).toContain(s.entered.toLocaleString('en-US'));
        if (s.conversion !== null) expect(steps[j]!.text).toContain(`${s.conversion.toFixed(1)}%`);
        expect(Number.parseFloat(steps[j]!.bar ?? '')).toBeCloseTo(s.overall ?? 0, 1);
      });
    });
    const identity = await map.page.$$eval('#method [data-identity]', (els) => els.map((e) => [e.getAttribute('data-identity'), Number(e.getAttribute('data-units')), Number(e.getAttribute('data-linked'))]));
    expect(identity).toEqual(report.identity!.map((c) => [c.kind, c.units, c.linked]));
  });

  it('has no NaN, undefined or null in the text, and every chart has a title', async () => {
    // Every section drawn from numbers (the method's KPI definitions may say "null" in prose).
    const text = await map.page.$$eval('#map, #curve, #friction, #loyalty, #funnels, header', (els) => els.map((e) => e.textContent ?? '').join('\n'));
    expect(text).toContain('Checkout');
    expect(text).not.toMatch(/\bNaN\b|\bundefined\b|\bnull\b/);
    const svgs = await map.page.$$eval('svg', (els) => els.map((e) => e.querySelector('title')?.textContent ?? ''));
    expect(svgs.length).toBe(2);
    for (const t of svgs) expect(t).not.toBe('');
    // The curve's points are the touchpoints' CSAT values.
    const points = await map.page.$$eval('svg[data-curve="csat"] [data-curve-touchpoint]', (els) =>
      els.map((e) => [e.getAttribute('data-curve-touchpoint'), Number(e.getAttribute('data-value'))]));
    const csat = report.stages.flatMap((s) => s.touchpoints.flatMap((tp) => tp.kpis.filter((k) => k.id === 'csat').map((k) => [tp.id, k.value])));
    expect(points).toEqual(csat);
  });

  it('fits 1440×900 without a horizontal scroll bar and draws the map above the fold', async () => {
    const size = await map.page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(size.scroll).toBeLessThanOrEqual(size.client);
    const top = await map.page.$eval('table.map', (t) => t.getBoundingClientRect().top);
    expect(top).toBeLessThan(900 / 2);
    const shot = await map.page.screenshot();
    expect(shot.length).toBeGreaterThan(20_000);
  });

  it('prints on A3 landscape and A4 landscape with the sections on their own pages', async () => {
    await map.page.emulateMedia({ media: 'print' });
    const pages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
    const a3 = await map.page.pdf({ preferCSSPageSize: true, printBackground: true });
    const a4 = await map.page.pdf({ format: 'A4', landscape: true, printBackground: true });
    // Map, curves, method: at least three pages; each persona's view (the demo has three) prints
    // on pages of its own, at most two each on A3; a runaway layout would print dozens.
    const views = await map.page.$$eval('.view', (v) => v.length);
    console.log(`print: ${views} views, A3 ${pages(a3)} pages, A4 ${pages(a4)} pages`);
    expect(pages(a3)).toBeGreaterThanOrEqual(3);
    expect(pages(a3)).toBeLessThanOrEqual(6 + 2 * views);
    expect(pages(a4)).toBeGreaterThanOrEqual(pages(a3));
    expect(pages(a4)).toBeLessThanOrEqual(10 + 4 * views);
    // The map table's head repeats on each printed page; no card is split (break-inside: avoid).
    const avoid = await map.page.$eval('.card', (c) => getComputedStyle(c).breakInside);
    expect(avoid).toBe('avoid');
    await map.page.emulateMedia({ media: 'screen' });
  });

  it('renders hostile labels and notes as text: no script runs, no element is injected', async () => {
    const hostile = await load(browser, renderMapHtml(hostileReport, { lang: 'en' }));
    try {
      expect(hostile.errors).toEqual([]);
      expect(hostile.requests).toEqual([]);
      expect(await hostile.page.$$eval('script, img, iframe', (els) => els.length)).toBe(0);
      expect(await hostile.page.evaluate(() => (window as unknown as { pwned?: boolean }).pwned)).toBeUndefined();
      const title = await hostile.page.$eval('[data-touchpoint="checkout"] h3', (h) => h.textContent);
      expect(title).toContain('<script>window.pwned = true</script>');
      const notes = await hostile.page.$eval('tr.insights', (tr) => tr.textContent);
      expect(notes).toContain('"><img src=x onerror="window.pwned=true">');
    } finally {
      await hostile.context.close();
    }
  });

  it('shows the Dutch map with Dutch stage names and number formats', async () => {
    const nl = await runJourney(['map', '--demo', '--lang', 'nl', '-q']);
    expect(nl.code).toBe(0);
    const page = await load(browser, nl.stdout);
    try {
      expect(page.errors).toEqual([]);
      const stages = await page.page.$$eval('[data-view="all"] thead th[data-stage]', (ths) => ths.map((t) => t.textContent?.replace(/^\s*\d+\s*/, '').trim()));
      expect(stages).toEqual(['Bewustwording', 'Overweging', 'Aankoop', 'Service', 'Loyaliteit']);
      const reach = await page.page.$eval('[data-view="all"] [data-stage-headline="awareness"] [data-kpi="impressions"] .v', (e) => e.textContent);
      expect(reach).toBe('2.080.991');
      expect(await page.page.evaluate(() => document.documentElement.lang)).toBe('nl');
    } finally {
      await page.context.close();
    }
  });
});
