import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

const ARTIFACTS = join(process.cwd(), 'tests', 'artifacts');

/** Debian's Chromium, headless, with nothing phoning home. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * Refuses every request that leaves the test server (map tiles above all): tests run offline,
 * and the pages must work without tiles.
 */
export async function onlyLocal(context: BrowserContext, baseUrl: string): Promise<string[]> {
  const refused: string[] = [];
  await context.route(
    (url) => !url.href.startsWith(baseUrl),
    (route) => {
      refused.push(route.request().url());
      return route.abort('internetdisconnected');
    },
  );

  return refused;
}

/** Saves a full-page screenshot to tests/artifacts/ (gitignored) for people to look at. */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage });
}
