// `journey paths` on fixtures/identity (see its journey.yaml), expected paths worked out by hand.
// Person paths, time-ordered, repeats in a row once ((order) = a paid order no rule maps):
//   C1   product → cart → product → (order) → delivery → survey    (u1's two sessions, O1, T1, R1)
//   C2   (order)                  bob  (order) → delivery
//   C4   product → (order) → survey   (O4 and O5 in a row count once)
//   C6   product → (order) → product → (order)
//   zed  payment → survey (no purchase)        C99  survey (no purchase)
// u9 visited only the blog, which no touchpoint maps: no path. 7 persons, 5 with a purchase.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pathsResultSchema, type PathsResult } from '../src/core/contracts/paths.js';
import { ROOT, runJourney, tempDir } from './helpers/run.js';
import { readFileSync, writeFileSync } from 'node:fs';

const FIXTURE = join(ROOT, 'fixtures', 'identity');
const CONFIG = join(FIXTURE, 'journey.yaml');
const simple = (list: { touchpoint: string; count: number; share: number }[]) => list.map((x) => [x.touchpoint, x.count, x.share]);

describe('journey paths per person', () => {
  let r: PathsResult;
  beforeAll(async () => {
    const run = await runJourney(['paths', FIXTURE, '-c', CONFIG, '--max-steps', '3', '--from', 'product', '--format', 'json']);
    expect(run.code).toBe(0);
    r = pathsResultSchema.parse(JSON.parse(run.stdout));
  });

  it('lists each person once, cut after --max-steps', () => {
    expect([r.units, r.purchasers]).toEqual([7, 5]);
    const found = r.paths.map((p) => `${p.steps.join('>')}${p.more ? '>…' : ''}:${p.units}:${p.purchased}`).sort();
    expect(found).toEqual([
      '(order):1:1', '(order)>delivery:1:1', 'payment>survey:1:0', 'product>(order)>product>…:1:1',
      'product>(order)>survey:1:1', 'product>cart>product>…:1:1', 'survey:1:0',
    ]);
  });

  it('counts the touchpoints after and before product across kinds', () => {
    // product occurs 5 times: C1 twice (then cart, then (order)), C4 once ((order)), C6 twice ((order) both).
    expect(r.around!.occurrences).toBe(5);
    expect(simple(r.around!.next)).toEqual([['(order)', 4, 80], ['cart', 1, 20]]);
    expect(simple(r.around!.previous)).toEqual([['(start)', 3, 60], ['(order)', 1, 20], ['cart', 1, 20]]);
  });

  it('says where paths without a purchase end', () => {
    expect(simple(r.ends_without_purchase)).toEqual([['survey', 2, 100]]);
  });
});

describe('journey paths per session', () => {
  it('counts sessions sharing a path', async () => {
    // s1 product → cart; s2, s4, s5, s6 product; s3 (blog) has no touchpoint.
    const run = await runJourney(['paths', FIXTURE, '-c', CONFIG, '--unit', 'session', '--format', 'json']);
    const r = pathsResultSchema.parse(JSON.parse(run.stdout));
    expect(r.paths.map((p) => [p.steps, p.units, p.share])).toEqual([[['product'], 4, 80], [['product', 'cart'], 1, 20]]);
  });
});

describe('without an identity: section', () => {
  it('paths per person and journey after say that a person is one customer key; with the section they do not', async () => {
    const dir = tempDir();
    const config = join(dir, 'journey.yaml');
    writeFileSync(config, readFileSync(CONFIG, 'utf8').replace(/^identity:\n( {2}.*\n)+/m, ''));
    const [paths, after, stitched] = await Promise.all([
      runJourney(['paths', FIXTURE, '-c', config, '--format', 'json']),
      runJourney(['after', FIXTURE, '-c', config, '--touchpoint', 'delivery', '--format', 'json']),
      runJourney(['paths', FIXTURE, '-c', CONFIG, '--format', 'json']),
    ]);
    expect(JSON.parse(paths.stdout).warnings.join('\n')).toContain('no identity: section in the config');
    expect(JSON.parse(after.stdout).warnings.join('\n')).toContain('no identity: section in the config: tickets and answers');
    expect(JSON.parse(stitched.stdout).warnings.join('\n')).not.toContain('no identity: section in the config');
  });
});
