// `journey init`: a starter config from detected files, which must load and drive a report.
import { beforeAll, describe, it, expect } from 'vitest';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runJourney, tempDir } from './helpers/run.js';

describe('journey init', { timeout: 120_000 }, () => {
  it('writes a journey.yaml naming every source and proposing touchpoints with guessed stages; the report runs on it', async () => {
    const cwd = tempDir();
    for (const f of ['surveys.csv', 'tickets.csv', 'web_events.csv']) cpSync(join(ROOT, 'fixtures', 'demo', f), join(cwd, 'exports', f));
    const init = await runJourney(['init', 'exports'], { cwd });
    expect(init.code, init.stderr).toBe(0);
    expect(init.stderr).toMatch(/wrote journey\.yaml: 3 source\(s\)/);
    const yaml = readFileSync(join(cwd, 'journey.yaml'), 'utf8');
    expect(yaml).toMatch(/- \{ path: "exports\/surveys\.csv", kind: survey \}/);
    expect(yaml).toMatch(/- id: checkout\n {4}label: "checkout"\n {4}stage: purchase {3}# guessed/);
    expect(yaml).toMatch(/survey: "touchpoint = 'delivery'"/);
    const report = await runJourney(['report', '--format', 'json'], { cwd });
    expect(report.code, report.stderr).toBe(0);
    const parsed = JSON.parse(report.stdout) as { config: string; stages: { id: string; touchpoints: { id: string; kpis: unknown[] }[] }[] };
    expect(parsed.config).toBe('journey.yaml');
    const checkout = parsed.stages.find((s) => s.id === 'purchase')!.touchpoints.find((t) => t.id === 'checkout')!;
    expect(checkout.kpis.length).toBeGreaterThan(0);
  });

  it('does not overwrite an existing file without --force (exit 2), and --out - prints instead', async () => {
    const cwd = tempDir();
    cpSync(join(ROOT, 'fixtures', 'demo', 'orders.csv'), join(cwd, 'orders.csv'));
    writeFileSync(join(cwd, 'journey.yaml'), '# mine\n');
    const refused = await runJourney(['init', 'orders.csv'], { cwd });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/journey\.yaml already exists; use --force/);
    expect(readFileSync(join(cwd, 'journey.yaml'), 'utf8')).toBe('# mine\n');
    const printed = await runJourney(['init', 'orders.csv', '--out', '-'], { cwd });
    expect(printed.code, printed.stderr).toBe(0);
    expect(printed.stdout).toMatch(/kind: order/);
    expect(existsSync(join(cwd, 'journey.yaml.tmp'))).toBe(false);
  });
});

describe('journey init on layouts it does not know', { timeout: 120_000 }, () => {
  // A Dutch ticket register (dd-mm-yy dates, a separate time column, long status phrases), a Dutch
  // survey (questions as headers, satisfaction in words), a UK retailer's invoice lines, a shop's raw
  // event log and a customer lookup table: no preset or kind fits any of them. One init and one
  // report, asserted several ways.
  const cwd = tempDir();
  let init: Awaited<ReturnType<typeof runJourney>>;
  let yaml: string;
  let kpis: Map<string, { value: number | null; n: number; unavailable?: string }>;
  beforeAll(async () => {
    for (const f of ['meldingen.csv', 'klanten.csv', 'enquete.csv']) cpSync(join(ROOT, 'fixtures', 'init', f), join(cwd, 'exports', f));
    cpSync(join(ROOT, 'fixtures', 'real', 'invoices', 'online_retail.csv'), join(cwd, 'exports', 'online_retail.csv'));
    cpSync(join(ROOT, 'fixtures', 'real', 'event-log', 'events.csv'), join(cwd, 'exports', 'events.csv'));
    init = await runJourney(['init', 'exports'], { cwd });
    yaml = existsSync(join(cwd, 'journey.yaml')) ? readFileSync(join(cwd, 'journey.yaml'), 'utf8') : '';
    const report = await runJourney(['report', '--format', 'json'], { cwd });
    expect(report.code, report.stderr).toBe(0);
    const parsed = JSON.parse(report.stdout) as { kpis: { id: string; value: number | null; n: number; unavailable?: string }[] };
    kpis = new Map(parsed.kpis.map((k) => [k.id, k]));
  });

  it('guesses each kind and column role, marks every guess, and lists the guesses on stderr', () => {
    expect(init.code, init.stderr).toBe(0);
    expect(yaml).toMatch(/- path: "exports\/meldingen\.csv"\n {4}kind: ticket {3}# guess:/);
    expect(yaml).toMatch(/created_at: "\\"Datum melding\\" \|\| ' ' \|\| \\"Tijdstip\\"" {3}# guess:/);
    expect(yaml).toMatch(/ticket_id: "Meldingnummer" {3}# guess: an id column \(8 distinct values in 8 rows\)/);
    expect(yaml).toMatch(/csat: "Tevredenheid" {3}# guess: values 1-5/);
    expect(yaml).toMatch(/"Afgehandeld met uitleg": "solved" {3}# guess: reads as solved \(3 rows\)/);
    expect(yaml).toMatch(/"Wacht op klant": "pending" {3}# guess/);
    expect(yaml).toMatch(/kind: order {3}# guess:/);
    expect(yaml).toMatch(/amount: "\\"Quantity\\" \* \\"UnitPrice\\"" {3}# guess: quantity x unit price/);
    expect(yaml).toMatch(/kind: web {3}# guess:/);
    expect(yaml).toMatch(/"view": "page_view" {3}# guess: reads as page_view \(6 rows\)/);
    expect(yaml).toMatch(/"cart": "add_to_cart" {3}# guess/);
    // The lookup table is not an export, but the register's customer column points at its key.
    expect(yaml).toMatch(/# skipped exports\/klanten\.csv: not a recognised export, and its layout could not be guessed: no column of dates/);
    expect(yaml).toMatch(/# join seen: exports\/meldingen\.csv "Klantnummer" -> exports\/klanten\.csv "Klantnummer" \(6 of 6 values/);
    expect(init.stderr).toMatch(/^guess: exports\/meldingen\.csv: ticket/m);
    expect(init.stderr).toMatch(/^guess: exports\/online_retail\.csv: order/m);
    expect(init.stderr).toMatch(/^join seen: /m);
    expect(yaml).toMatch(/nps: "Hoe waarschijnlijk is het dat u ons aanbeveelt\?" {3}# guess: values 3-10/);
    expect(yaml).toMatch(/"Zeer tevreden": 5 {3}# guess: reads as 5 \(1 rows\)/);
    expect(init.stderr).toMatch(/wrote journey\.yaml: 4 source\(s\)/);
  });

  it('gives a first real report: each KPI equals a sum done by hand over the fixtures', () => {
    // Tickets: 8; solved (3 "Afgehandeld ...", 1 "Gesloten ...") after 24, 12, 2, 48, 6 h -> median 12;
    // satisfaction 4, 5, 2, 5, 3, 1 -> 3 of 6 at 4 or more.
    expect(kpis.get('tickets')).toMatchObject({ value: 8 });
    expect(kpis.get('ttr_median_hours')).toMatchObject({ value: 12, n: 5 });
    // CSAT is tickets and survey together: 3 of 6 tickets, and of the survey's words Zeer tevreden (5)
    // and Tevreden (4) of 5 answers. NPS: 9, 6, 10, 8, 3 -> 2 promoters, 2 detractors of 5.
    expect(kpis.get('csat')?.n).toBe(11);
    expect(kpis.get('csat')?.value).toBeCloseTo((100 * 5) / 11, 9);
    expect(kpis.get('nps')).toMatchObject({ value: 0, n: 5 });
    expect(kpis.get('fcr')?.value).toBeNull();
    // Invoices: 7 paid invoices (the C-invoice is a refund), lines Quantity x UnitPrice summed: 215.92.
    expect(kpis.get('orders')).toMatchObject({ value: 7 });
    expect(kpis.get('revenue')?.value).toBe(215.92);
    // Events: 6 views over 3 sessions; carts in s1 and s2, a purchase in s1 only.
    expect(kpis.get('pages_per_session')?.value).toBe(2);
    expect(kpis.get('cart_abandonment_rate')).toMatchObject({ value: 50, n: 2 });
    expect(kpis.get('sessions')).toMatchObject({ value: 3 });
  });
});

describe('journey init on a marketplace split over tables', { timeout: 120_000 }, () => {
  it('does not take an orders table without amounts for a ticket register: it points to a derived source', async () => {
    const dir = tempDir();
    for (const f of ['olist_orders_dataset.csv', 'olist_order_payments_dataset.csv', 'olist_order_reviews_dataset.csv', 'olist_customers_dataset.csv']) {
      cpSync(join(ROOT, 'fixtures', 'real', 'marketplace-tables', f), join(dir, f));
    }
    const r = await runJourney(['init', '.'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/skipped olist_orders_dataset\.csv: .*looks like orders .* derived source/);
    expect(r.stderr).toMatch(/join seen: olist_order_payments_dataset\.csv "order_id" -> olist_orders_dataset\.csv "order_id"/);
    const config = readFileSync(join(dir, 'journey.yaml'), 'utf8');
    expect(config).not.toMatch(/kind: ticket/);
    expect(config).toMatch(/olist_order_reviews_dataset\.csv/);
  });
});
