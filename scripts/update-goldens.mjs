// Rewrites the golden outputs in test/golden/ from the current src (test/golden.test.ts in
// update mode): run it when a change to an output is intended, then review `git diff test/golden`.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const result = spawnSync(process.execPath, [vitest, 'run', 'test/golden.test.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, JOURNEY_UPDATE_GOLDENS: '1' },
});
if (result.status === 0) console.log('goldens rewritten; review them with: git diff --stat test/golden && git diff test/golden');
process.exit(result.status ?? 1);
