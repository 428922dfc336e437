import { accessSync, constants, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

const ARTIFACTS = join(process.cwd(), 'tests', 'artifacts');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const INSTALL_HINT = 'install it with `apt-get install chromium` or set CHROMIUM_PATH';

/**
 * Whether the browser tests can run, decided the way tests/helpers/influxd.ts decides for
 * influxd: in CI (CI=true) a missing browser fails the suite; on a developer machine the browser
 * tests are skipped with a hint.
 */
export function chromiumAvailability(path: string, ci: boolean): boolean {
  try {
    accessSync(path, constants.X_OK);

    return true;
  } catch {
    if (ci) {
      throw new Error(
        `Chromium not found at ${path} and CI=true: the browser tests must run; ${INSTALL_HINT}`,
      );
    }
    console.warn(`[chromium] not found at ${path}: skipping the browser tests; ${INSTALL_HINT}`);

    return false;
  }
}

export const chromiumAvailable: boolean = chromiumAvailability(
  CHROMIUM_PATH,
  process.env.CI === 'true',
);

/** Debian's Chromium, headless, with nothing phoning home. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
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
