// Vendor exports carry customer names and free-text notes; none of it may reach the journey tables
// (DESIGN §10). Staff columns stay, so `journey integrity --by` can review agents.
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { defaultConfig } from '../src/core/config/load.js';
import { openSession } from '../src/core/session.js';
import { ROOT, tempDir } from './helpers/run.js';

async function columnsOf(folder: string, view: string): Promise<string[]> {
  const cwd = tempDir();
  const session = await openSession({
    inputs: [join(ROOT, 'fixtures', 'presets', folder)], config: defaultConfig(cwd), cwd,
    env: { XDG_CONFIG_HOME: tempDir() }, period: { since: null, until: null },
  });
  try {
    return (await session.db.all<{ column_name: string }>(`DESCRIBE ${view}`)).map((r) => r.column_name);
  } finally {
    session.db.close();
  }
}

describe('preset attributes leave out people', { timeout: 60_000 }, () => {
  it('Zendesk: requester and submitter names are dropped, the assignee is kept', async () => {
    const columns = await columnsOf('zendesk', 'tickets');
    expect(columns).toContain('assignee');
    for (const gone of ['requester', 'submitter', 'requester_email', 'email', 'customer_id']) expect(columns).not.toContain(gone);
  });

  it('Shopify: billing and shipping names, addresses, phones and notes are dropped', async () => {
    const columns = await columnsOf('shopify', 'orders');
    expect(columns.filter((c) => /name|street|address|phone|zip|notes|company/.test(c))).toEqual([]);
  });
});
