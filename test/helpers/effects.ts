// The planted-effects data set (fixtures/effects/, from branch effects) for analysis tests: where
// it is, and its config in a form this build's config schema accepts.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runJourney, tempDir } from './run.js';

export const EFFECTS = join(ROOT, 'fixtures', 'effects');
export const hasEffects = existsSync(join(EFFECTS, 'surveys.csv'));

/**
 * The effects config; without its `initiatives:` block when this build's schema does not know it
 * (drivers and integrity do not use initiatives).
 */
export async function effectsConfig(): Promise<string> {
  const source = join(EFFECTS, 'journey.yaml');
  const dir = tempDir();
  // The config loads before inputs resolve: a missing input (66) means the schema took it, 78 not.
  // (This probed with `kpis --config`, which is always exit 2: kpis has no --config.)
  if ((await runJourney(['report', '--config', source, 'no-such-input.csv'], { cwd: dir })).code === 66) return source;
  const path = join(dir, 'journey.yaml');
  writeFileSync(path, readFileSync(source, 'utf8').replace(/^initiatives:\n(?:[ \t-].*\n?|[ \t]*\n)*/m, ''));
  return path;
}
