// No raw e-mail address in anything the tool prints or writes (DESIGN §4, §10): every report
// format, validate and its rejects file, journey sql, and failing runs. Plus the key file's life.
import { describe, it, expect, beforeAll } from 'vitest';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runJourney, tempDir, type RunResult } from './helpers/run.js';

const EMAIL = /[a-z0-9._%+-]+@privacy-test\.example/gi;

const SURVEYS = [
  'response_id,customer_id,email,submitted_at,touchpoint,channel,nps,ces,csat,comment,contact_note',
  'R1,,anna.secret@privacy-test.example,2025-01-01 10:00:00,delivery,web,9,5,4,"Please mail me at anna.secret@privacy-test.example, thanks",backup bob.hidden@privacy-test.example',
  'R2,C1,,2025-01-02 10:00:00,delivery,web,3,2,2,slow,',
  'R3,,Carl.Private@Privacy-Test.example ,2025-01-03 10:00:00,checkout,app,10,6,5,ok,',
  // An e-mail address typed into the score column: the reject reason must not quote it.
  'R4,,dora.quiet@privacy-test.example,2025-01-04 10:00:00,checkout,app,eve.leak@privacy-test.example,6,5,ok,',
  'R5,C2,,2025-01-05 10:00:00,checkout,web,7,4,3,"reach me:\nfrank.x@privacy-test.example",',
].join('\n') + '\n';

const ORDERS = [
  'order_id,customer_id,email,ordered_at,amount,currency,status,channel,gift_to',
  'O1,,anna.secret@privacy-test.example,2025-01-01 09:00:00,10.00,EUR,paid,web,',
  'O2,,ANNA.SECRET@privacy-test.example,2025-01-10 09:00:00,20.00,EUR,paid,web,',
  'O3,C1,,2025-01-02 09:00:00,30.00,EUR,paid,app,ivo.gift@privacy-test.example',
  'O4,,gina.g@privacy-test.example,2025-01-03 09:00:00,40.00,EUR,gina.g@privacy-test.example,app,',
].join('\n') + '\n';

const TICKETS = [
  'ticket_id,customer_id,email,created_at,solved_at,status,touchpoint,subject',
  'T1,,anna.secret@privacy-test.example,2025-01-01 10:00:00,2025-01-01 12:00:00,solved,delivery,Where is my parcel? anna.secret@privacy-test.example',
  'T2,,hank.h@privacy-test.example,2025-01-02 10:00:00,hank.h@privacy-test.example,solved,delivery,x',
  'T3,C2,,2025-01-03 10:00:00,,open,delivery,call jan@privacy-test.example',
].join('\n') + '\n';

function exportsIn(dir: string): void {
  mkdirSync(join(dir, 'data'));
  writeFileSync(join(dir, 'data', 'surveys.csv'), SURVEYS);
  writeFileSync(join(dir, 'data', 'orders.csv'), ORDERS);
  writeFileSync(join(dir, 'data', 'tickets.csv'), TICKETS);
}

function leaks(text: string): string[] {
  return [...new Set(text.match(EMAIL) ?? [])];
}

describe('no raw e-mail addresses in any output', { timeout: 60_000 }, () => {
  const cwd = tempDir();
  const runs = new Map<string, RunResult>();
  const failing = new Map<string, RunResult>();

  beforeAll(async () => {
    exportsIn(cwd);
    // Hostile inputs that make the run fail: the error text must not quote the row.
    writeFileSync(join(cwd, 'broken.jsonl'),
      '{"ticket_id":"T1","created_at":"2025-01-01 10:00:00","email":"ivy.j@privacy-test.example"}\n' +
      '{"ticket_id":"T2","created_at":"2025-01-01 10:00:00","email":"jack.k@privacy-test.example", oops}\n');
    writeFileSync(join(cwd, 'unterminated.csv'),
      'ticket_id,email,created_at,subject\nT1,kim.l@privacy-test.example,2025-01-01 10:00:00,"open quote kim.l@privacy-test.example\n' +
      'T2,lou.m@privacy-test.example,2025-01-02 10:00:00,x\n');
    const commands: [string, string[]][] = [
      ['report --format table', ['report', 'data', '--format', 'table']],
      ['report --format json', ['report', 'data', '--format', 'json']],
      ['report --format csv', ['report', 'data', '--format', 'csv']],
      ['report --format md', ['report', 'data', '--format', 'md']],
      ['report -o out --format json,csv,md', ['report', 'data', '-o', 'out', '--format', 'json,csv,md']],
      ['report -v --debug', ['report', 'data', '-v', '--debug']],
      ['validate --format table', ['validate', 'data', '--format', 'table']],
      ['validate --format json', ['validate', 'data', '--format', 'json']],
      ['validate --rejects rejects.csv', ['validate', 'data', '--rejects', 'rejects.csv']],
      ['sql', ['sql', 'data']],
    ];
    const results = await Promise.all(commands.map(([, args]) => runJourney(args, { cwd })));
    commands.forEach(([name], i) => runs.set(name, results[i]));
    const failures: [string, string[]][] = [
      ['malformed JSON lines (DuckDB error)', ['report', 'broken.jsonl', '--debug']],
      ['unterminated quote', ['report', 'unterminated.csv']],
      ['validate of an unterminated quote', ['validate', 'unterminated.csv', '--format', 'json']],
    ];
    const failed = await Promise.all(failures.map(([, args]) => runJourney(args, { cwd })));
    failures.forEach(([name], i) => failing.set(name, failed[i]));
  }, 120_000);

  it('the fixture does carry e-mail addresses (so the checks below can fail)', () => {
    expect(leaks(SURVEYS + ORDERS + TICKETS).length).toBeGreaterThanOrEqual(8);
  });

  it.each([
    'report --format table', 'report --format json', 'report --format csv', 'report --format md',
    'report -o out --format json,csv,md', 'report -v --debug', 'sql',
  ])('%s: succeeds, nothing leaks', (name) => {
    const r = runs.get(name)!;
    expect(r.code, r.stderr).toBe(0);
    expect(leaks(r.stdout), 'stdout').toEqual([]);
    expect(leaks(r.stderr), 'stderr').toEqual([]);
  });

  it.each(['validate --format table', 'validate --format json'])('%s: lists the rejects without quoting addresses', (name) => {
    const r = runs.get(name)!;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/surveys\.csv/);
    expect(r.stdout).toMatch(/\bnps\b/);
    expect(leaks(r.stdout), 'stdout').toEqual([]);
    expect(leaks(r.stderr), 'stderr').toEqual([]);
  });

  it('validate --rejects: the rejects file names file, line and column but no addresses', () => {
    const r = runs.get('validate --rejects rejects.csv')!;
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(join(cwd, 'rejects.csv'), 'utf8');
    expect(text.split('\n')[0]).toBe('file,line,column,reason');
    expect(text).toMatch(/surveys\.csv,5,nps,/);
    expect(text).toMatch(/orders\.csv,5,status,/);
    expect(text).toMatch(/tickets\.csv,3,solved_at,/);
    expect(leaks(text)).toEqual([]);
    expect(leaks(r.stdout + r.stderr)).toEqual([]);
  });

  it('files written with -o hold no addresses', () => {
    const dir = join(cwd, 'out');
    expect(readdirSync(dir).sort()).toEqual(['report.csv', 'report.json', 'report.md']);
    for (const name of readdirSync(dir)) expect(leaks(readFileSync(join(dir, name), 'utf8')), name).toEqual([]);
  });

  it.each(['malformed JSON lines (DuckDB error)', 'unterminated quote', 'validate of an unterminated quote'])(
    '%s: fails with exit 65, nothing leaks', (name) => {
      const r = failing.get(name)!;
      expect(r.code, r.stderr).toBe(65);
      expect(r.stderr).not.toBe('');
      expect(leaks(r.stdout), 'stdout').toEqual([]);
      expect(leaks(r.stderr), 'stderr').toEqual([]);
    });

  it('customers known only by e-mail are still linked (normalised address -> one customer key)', () => {
    const report = JSON.parse(runs.get('report --format json')!.stdout) as { kpis: { id: string; value: number | null; n: number }[] };
    // anna (two paid orders, address in two spellings) and C1; gina's order is rejected.
    const repeat = report.kpis.find((k) => k.id === 'repeat_purchase_rate');
    expect(repeat?.n).toBe(2);
    expect(repeat?.value).toBe(50);
  });
});

describe('the pseudonymisation key file', { timeout: 60_000 }, () => {
  it('is created with mode 0600 on first use and reused on the next run', async () => {
    const cwd = tempDir();
    exportsIn(cwd);
    const xdg = tempDir();
    const keyPath = join(xdg, 'journey', 'key');
    const env = { XDG_CONFIG_HOME: xdg };

    const first = await runJourney(['report', 'data', '--format', 'json'], { cwd, env });
    expect(first.code, first.stderr).toBe(0);
    expect(statSync(keyPath).mode & 0o777).toBe(0o600);
    expect(first.stderr).toMatch(/created a new pseudonymisation key/);
    const key = readFileSync(keyPath, 'utf8');
    const mtime = statSync(keyPath).mtimeMs;

    const second = await runJourney(['report', 'data', '--format', 'json'], { cwd, env });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).not.toMatch(/created a new pseudonymisation key/);
    expect(readFileSync(keyPath, 'utf8')).toBe(key);
    expect(statSync(keyPath).mtimeMs).toBe(mtime);

    const customers = (r: RunResult) => (JSON.parse(r.stdout) as { kpis: { id: string; n: number }[] }).kpis
      .filter((k) => ['repeat_purchase_rate', 'churn_rate'].includes(k.id)).map((k) => [k.id, k.n]);
    expect(customers(second)).toEqual(customers(first));
    expect(customers(first).length).toBeGreaterThan(0);
    // The key never appears in what the tool prints, and never lands in the working directory.
    for (const r of [first, second]) expect(r.stdout + r.stderr).not.toContain(key.trim());
    expect(readdirSync(cwd).sort()).toEqual(['data']);
  });

  it('a key file readable by others is refused (exit 78) naming the fix', async () => {
    const cwd = tempDir();
    exportsIn(cwd);
    const xdg = tempDir();
    const env = { XDG_CONFIG_HOME: xdg };
    expect((await runJourney(['report', 'data'], { cwd, env })).code).toBe(0);
    const keyPath = join(xdg, 'journey', 'key');
    chmodSync(keyPath, 0o644);
    const r = await runJourney(['report', 'data'], { cwd, env });
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/chmod 600/);
  });
});
