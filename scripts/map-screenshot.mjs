// Renders the demo journey map (dist/ must be built) in headless Chromium at 1440×900 and writes
// docs/journey-map.png, the picture the README shows. Run after a change to the map's look:
//   npm run build && node scripts/map-screenshot.mjs
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const html = execFileSync(process.execPath, [join(root, 'bin', 'journey.js'), 'map', '--demo', '-q'], { encoding: 'utf8', maxBuffer: 1 << 24 });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, offline: true });
  const page = await context.newPage();
  await page.setContent(html, { waitUntil: 'load' });
  const out = join(root, 'docs', 'journey-map.png');
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
}
