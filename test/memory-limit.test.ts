// --memory-limit (issue 13): DuckDB's memory_limit from the flag (default half of RAM), past which
// it spills to the run's private temp folder; when even that is not enough, exit 71 saying which
// flag to raise, never "unexpected error" or a blame on the input file.
import { describe, expect, it } from 'vitest';
import { runJourney } from './helpers/run.js';

describe('--memory-limit', () => {
  it('is applied: a limit too small for one block stops the run with exit 71 and says to raise it', async () => {
    const r = await runJourney(['report', '--demo', '--memory-limit', '1MB']);
    expect(r.code, r.stderr).toBe(71);
    expect(r.stderr).toContain('ran out of memory (limit 1MB');
    expect(r.stderr).toContain('raise --memory-limit');
    expect(r.stdout).toBe('');
  });

  it.each(['lots', '0GB', '150%', '-1GB'])('%s is a usage error (exit 2) naming the forms it takes', async (value) => {
    const r = await runJourney(['report', '--demo', '--memory-limit', value]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--memory-limit ${value}: use a size such as 4GB`);
  });

  it('takes a share of RAM as well as a size', async () => {
    const r = await runJourney(['validate', '--demo', '--memory-limit', '25%', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).files.length).toBeGreaterThan(0);
  });
});
