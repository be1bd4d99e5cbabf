// Headless Chromium for the journey-map tests: Debian's `chromium` (apt-get install -y chromium)
// driven by playwright-core. A missing browser fails loudly with how to install it; it never skips.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** CHROMIUM_PATH, else the first of Debian's binaries that exists. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error('The browser tests need Chromium and found none (looked at CHROMIUM_PATH, /usr/bin/chromium, '
      + '/usr/bin/chromium-browser). Install it with: apt-get install -y chromium   (or set CHROMIUM_PATH)');
  }
  return found;
}

export function chromiumVersion(path: string): string {
  return execFileSync(path, ['--version'], { encoding: 'utf8' }).trim();
}

/**
 * Flags for this machine's closed network: without the background-networking ones Chromium keeps
 * trying Google's hosts (docs: /work/.library/env/machines/node.md, "Known to work").
 */
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: ARGS });
}

export interface LoadedPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors. */
  errors: string[];
  /** Every request the page tried to make (all are aborted). */
  requests: string[];
}

/** The HTML as a document with the network cut: offline, every request recorded and aborted. */
export async function load(browser: Browser, html: string, viewport = { width: 1440, height: 900 }): Promise<LoadedPage> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, offline: true, serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  await context.route('**/*', (route) => route.abort());
  await page.setContent(html, { waitUntil: 'load' });
  return { context, page, errors, requests };
}
