// `journey map` and `report --format html` without a browser: one file, no request possible, small,
// every hostile string escaped, honest marks for low n, withheld and not measurable values.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderMapHtml } from '../src/render/html.js';
import { hostileReport } from './helpers/hostile-report.js';
import { runJourney, tempDir } from './helpers/run.js';

describe('journey map', () => {
  it('writes one self-contained HTML file under 300 KB for the demo, with no URL to fetch', async () => {
    const dir = tempDir();
    const out = join(dir, 'map.html');
    const r = await runJourney(['map', '--demo', '-o', out, '-q']);
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(Buffer.byteLength(html)).toBeLessThan(300_000);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    // Nothing that loads: no src/href attribute, no @import, no url() but data:.
    expect(html).not.toMatch(/\s(src|href)=/i);
    expect(html).not.toMatch(/@import|url\((?!data:)/i);
    expect(html).not.toMatch(/<script/i);
  });

  it('is what report --format html writes too', async () => {
    const [map, report] = await Promise.all([runJourney(['map', '--demo', '-q']), runJourney(['report', '--demo', '--format', 'html', '-q'])]);
    expect(report.code).toBe(0);
    expect(report.stdout).toBe(map.stdout);
  });

  it('escapes every data string: labels, notes, paths, warnings, friction text', () => {
    const html = renderMapHtml(hostileReport, { lang: 'en' });
    expect(html).not.toContain('<script>window');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<a href');
    expect(html).not.toContain('<style>body');
    expect(html).not.toContain('<b>bold');
    expect(html).toContain('Checkout &lt;script&gt;window.pwned = true&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=&quot;window.pwned=true&quot;&gt;');
    expect(html).toContain('&#39; onmouseover=&#39;x');
    expect(html).not.toContain('\u202E');
    // The only <style> and <meta> are ours, in the head.
    expect(html.match(/<style>/g)).toHaveLength(1);
  });

  it('marks low n, withheld and not measurable values with words, not colour alone', () => {
    const html = renderMapHtml(hostileReport, { lang: 'en' });
    expect(html).toMatch(/data-state="low_n"[^>]*><span class="v">~80\.0%<\/span>.*<span class="tag">low n<\/span>/);
    expect(html).toMatch(/data-state="suppressed"[^>]*><span class="v">withheld<\/span>/);
    expect(html).toMatch(/data-state="unavailable"[^>]*><span class="v">not measurable<\/span>.*no purchase events in the web export/);
    expect(html).toContain('★ <span class="mot-word">moment of truth</span>');
  });

  it('writes Dutch numbers and dates with --lang nl', () => {
    const html = renderMapHtml(hostileReport, { lang: 'nl' });
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain('01-01-2025 – 31-12-2025');
    expect(html).toContain('61,2%');
    expect(html).toContain('[45,8; 74,7]');
    expect(html).toContain('niet meetbaar');
  });
});
