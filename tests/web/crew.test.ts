import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PickupList } from '../../src/routing/crew-pickups.js';
import { api, until } from '../helpers/test-app.js';
import { chromiumAvailable, launchChromium, onlyLocal, screenshot } from './helpers/browser.js';
import { type SerangApp, startSerangApp } from './helpers/serang-app.js';

const PHONE = { viewport: { width: 390, height: 800 }, isMobile: true, hasTouch: true };

describe.skipIf(!chromiumAvailable)('crew page on a phone-sized browser', () => {
  let fx: SerangApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let list: PickupList;
  /** POSTs of confirmations that reached the server and got an answer. */
  const posted: number[] = [];
  /** How far the server's clock is set back: a phone clock then looks ahead of it. */
  let serverLagMs = 0;

  const crewCollections = () =>
    fx.app.context.collections.between(0, Date.now() + 60_000).filter((c) => c.source === 'crew');
  const pickups = () => list.stops.filter((s) => s.type === 'pickup');

  beforeAll(async () => {
    fx = await startSerangApp({ now: () => Date.now() - serverLagMs });
    list = (
      await api(fx, `/api/v1/crews/${fx.crew.id}/pickups?date=${fx.date}`, {
        token: fx.crew.token,
      })
    ).body as unknown as PickupList;
    browser = await launchChromium();
    // Chromium's offline emulation does not reach requests a service worker passes on, so the
    // queue is tested with the worker blocked; the last test covers the worker on its own.
    context = await browser.newContext({ ...PHONE, serviceWorkers: 'block' });
    await onlyLocal(context, fx.baseUrl);
    page = await context.newPage();
    page.on('response', (response) => {
      if (response.url().endsWith('/api/v1/collections')) posted.push(response.status());
    });
    await page.goto(`${fx.baseUrl}/crew#token=${encodeURIComponent(fx.crew.token)}`);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await fx?.close();
  });

  it('lists the crew’s stops in plan order, trip by trip', async () => {
    await page.waitForSelector('li.stop.pickup');
    const shown = await page.$$eval('li.stop.pickup', (items) =>
      items.map((li) => li.getAttribute('data-bin-id')),
    );
    expect(shown).toEqual(pickups().map((s) => s.binId));
    const orders = await page.$$eval('li.stop', (items) =>
      items.map((li) => Number(li.getAttribute('data-order'))),
    );
    expect(orders).toEqual(list.stops.map((s) => s.order));
    expect(await page.locator('section.trip').count()).toBe(
      Math.max(...list.stops.map((s) => s.trip)),
    );
    expect(await page.locator('li.stop.disposal').count()).toBe(
      list.stops.filter((s) => s.type === 'disposal').length,
    );
    // The token left the address bar once stored.
    expect(page.url()).not.toContain('token=');
    expect(await page.getAttribute('li.stop.pickup a.nav', 'href')).toBe(
      pickups()[0]!.navigationUrl,
    );
    await screenshot(page, 'crew-list');
  });

  it('links to the printable A4 sheet of today’s list, signed with the crew’s token', async () => {
    const link = page.locator('a.print');
    expect(await link.textContent()).toBe('Cetak daftar');
    expect(await link.getAttribute('target')).toBe('_blank');
    const href = new URL((await link.getAttribute('href'))!, fx.baseUrl);
    expect(href.pathname).toBe(`/api/v1/crews/${fx.crew.id}/pickups/print`);
    expect(Object.fromEntries(href.searchParams)).toEqual({ date: fx.date, token: fx.crew.token });

    const [sheet] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await sheet.waitForLoadState();
    expect(await sheet.textContent('body')).toContain(pickups()[0]!.name);
    await sheet.close();
  });

  it('delivers a confirmation made offline exactly once when the signal returns', async () => {
    const stop = pickups()[0]!;
    await context.setOffline(true);
    await page.waitForSelector('.net.offline');
    const tappedAt = Date.now();
    await page.click(`li.stop[data-bin-id="${stop.binId}"] button.collect`);

    await page.waitForSelector('#queue-count');
    await page.waitForSelector(`li.stop[data-bin-id="${stop.binId}"] .mark-queued`);
    expect(crewCollections()).toHaveLength(0);
    expect(posted).toHaveLength(0);
    await screenshot(page, 'crew-offline-queued');

    await context.setOffline(false);
    await page.waitForSelector(`li.stop[data-bin-id="${stop.binId}"] .mark-sent`, {
      timeout: 15_000,
    });
    await page.waitForSelector('#queue-count', { state: 'detached' });

    const stored = crewCollections();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ binId: stop.binId, crewId: fx.crew.id, status: 'collected' });
    // The time of the tap, not the time the network came back.
    expect(Math.abs(stored[0]!.ts - tappedAt)).toBeLessThan(5_000);
    expect(posted).toEqual([201]);
  });

  it('records a stop not collected with its reason', async () => {
    const stop = pickups()[1]!;
    const card = page.locator(`li.stop[data-bin-id="${stop.binId}"]`);
    await card.locator('button.not-collect').click();
    await card.locator('input[value="bin-missing"]').check();
    await card.locator('input[type="text"]').fill('tong hilang sejak kemarin');
    await card.locator('button.send').click();
    await card.locator('.mark-sent').waitFor();

    const stored = crewCollections().find((c) => c.binId === stop.binId);
    expect(stored).toMatchObject({ status: 'not-collected' });
    expect(stored?.reason).toBe('bin-missing: tong hilang sejak kemarin');
    expect(await page.textContent('.progress')).toBe(`2 dari ${pickups().length} titik selesai`);
  });

  it('switches to English and keeps the choice', async () => {
    expect(await page.textContent('li.stop.pickup:not(.done) button.collect')).toContain(
      'Terangkut',
    );
    await page.click('[data-lang="en"]');
    await expect
      .poll(() => page.textContent('li.stop.pickup:not(.done) button.collect'))
      .toContain('Collected');
    await page.reload();
    await page.waitForSelector('li.stop.pickup');
    expect(await page.textContent('.progress')).toBe(`2 of ${pickups().length} stops done`);
    await screenshot(page, 'crew-en');
  });

  it('keeps the language with the person: their next phone opens in English', async () => {
    await until(() => fx.app.context.tokens.resolve(fx.crew.token)?.lang === 'en');
    const open = async (token: string) => {
      const phone = await browser.newContext({ ...PHONE, serviceWorkers: 'block' });
      await onlyLocal(phone, fx.baseUrl);
      const other = await phone.newPage();
      await other.goto(`${fx.baseUrl}/crew#token=${encodeURIComponent(token)}`);
      await other.waitForSelector('li.stop.pickup');
      const labels = {
        lang: await other.getAttribute('html', 'lang'),
        reload: await other.textContent('button.reload'),
      };
      await phone.close();

      return labels;
    };

    // Nothing in this browser's storage: the language came from the server.
    expect(await open(fx.crew.token)).toEqual({ lang: 'en', reload: 'Reload' });
    // Another person of the same crew keeps the default.
    const mate = fx.app.context.tokens.create('crew', 'second phone', fx.crew.id);
    expect(await open(mate)).toEqual({ lang: 'id', reload: 'Muat ulang' });
  });

  it('saves a language switched without signal once the signal returns', async () => {
    const lang = () => fx.app.context.tokens.resolve(fx.crew.token)?.lang;
    await context.setOffline(true);
    await page.waitForSelector('.net.offline');
    await page.click('[data-lang="id"]');
    await expect.poll(() => page.textContent('button.reload')).toBe('Muat ulang');
    expect(lang()).toBe('en');

    await context.setOffline(false);
    await until(() => lang() === 'id');
    await page.click('[data-lang="en"]');
    await until(() => lang() === 'en');
    // The page forgets the pending choice once the server's answer reaches it, just after.
    await expect
      .poll(() => page.evaluate(() => localStorage.getItem('pesan.lang.unsaved')))
      .toBeNull();
  });

  it('lets the crew change a mark still on the phone; the server hears the last', async () => {
    const stop = pickups()[3]!;
    const card = page.locator(`li.stop[data-bin-id="${stop.binId}"]`);
    await context.setOffline(true);
    await page.waitForSelector('.net.offline');
    await card.locator('button.collect').click();
    await card.locator('.mark-queued.mark-collected').waitFor();

    // Wrong button: change it to not collected before the signal returns.
    await card.locator('button.change').click();
    await card.locator('button.not-collect').click();
    await card.locator('input[value="no-access"]').check();
    await card.locator('button.send').click();
    await card.locator('.mark-queued.mark-not-collected').waitFor();
    const queued = await page.evaluate(() => localStorage.getItem('pesan.crew.queue'));
    expect(JSON.parse(queued ?? '[]')).toMatchObject([
      { binId: stop.binId, status: 'not-collected', reason: 'no-access' },
    ]);
    await screenshot(page, 'crew-changed-offline');

    const before = posted.length;
    await context.setOffline(false);
    await card.locator('.mark-sent').waitFor({ timeout: 15_000 });
    const stored = crewCollections().filter((c) => c.binId === stop.binId);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ status: 'not-collected', reason: 'no-access' });
    expect(posted.slice(before)).toEqual([201]);
    // What the server has taken is final on the phone.
    expect(await card.locator('button.change').count()).toBe(0);
    expect(await card.locator('button.collect').isVisible()).toBe(false);
  });

  it('shows a confirmation the server refused, and sends it again on request', async () => {
    const stop = pickups()[4]!;
    const card = page.locator(`li.stop[data-bin-id="${stop.binId}"]`);
    const progress = await page.textContent('.progress');
    // The server's clock is 10 minutes behind the phone's: it refuses the tap as from the future.
    serverLagMs = 10 * 60_000;
    const before = posted.length;
    await card.locator('button.collect').click();
    await card.locator('.mark-refused').waitFor({ timeout: 15_000 });
    expect(await card.locator('.mark-state').textContent()).toMatch(/^Refused: .*future/);
    expect(await card.getAttribute('class')).toContain('refused');
    expect(await page.textContent('.progress')).toBe(progress);
    expect(crewCollections().filter((c) => c.binId === stop.binId)).toHaveLength(0);
    expect(await card.locator('button.collect').isVisible()).toBe(false);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'crew-refused');

    serverLagMs = 0;
    await card.locator('button.retry').click();
    await card.locator('.mark-sent').waitFor({ timeout: 15_000 });
    expect(posted.slice(before)).toEqual([400, 201]);
    const stored = crewCollections().filter((c) => c.binId === stop.binId);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ status: 'collected', crewId: fx.crew.id });
    expect(await page.textContent('.progress')).not.toBe(progress);
  });

  it('shows stops confirmed from another phone as already marked', async () => {
    const [collected, missed] = [pickups()[6]!, pickups()[7]!];
    const send = (binId: string, body: Record<string, unknown>) =>
      api(fx, '/api/v1/collections', {
        method: 'POST',
        token: fx.crew.token,
        body: { crewId: fx.crew.id, binId, clientRef: `other-phone-${binId}`, ...body },
      });
    expect((await send(collected.binId!, { status: 'collected' })).status).toBe(201);
    expect(
      (await send(missed.binId!, { status: 'not-collected', reason: 'no-access' })).status,
    ).toBe(201);
    const done = crewCollections().length;

    // A phone with nothing stored: all it knows comes from the server.
    const phone = await browser.newContext({ ...PHONE, serviceWorkers: 'block' });
    await onlyLocal(phone, fx.baseUrl);
    const fresh = await phone.newPage();
    await fresh.goto(`${fx.baseUrl}/crew#token=${encodeURIComponent(fx.crew.token)}`);
    const card = (binId: string) => fresh.locator(`li.stop[data-bin-id="${binId}"]`);
    await card(collected.binId!).locator('.mark-sent.mark-collected').waitFor();
    expect(await card(collected.binId!).getAttribute('class')).toContain('done collected');
    expect(await card(collected.binId!).locator('button.collect').isVisible()).toBe(false);
    expect(await card(missed.binId!).locator('.mark strong').textContent()).toBe(
      'Not collected — No access',
    );
    // Every stop the server has a confirmation of counts, whichever phone sent it.
    expect(await fresh.textContent('.progress')).toBe(
      `${new Set(crewCollections().map((c) => c.binId)).size} of ${pickups().length} stops done`,
    );
    expect(await fresh.evaluate(() => localStorage.getItem('pesan.crew.queue'))).toBeNull();
    await card(collected.binId!).scrollIntoViewIfNeeded();
    await screenshot(fresh, 'crew-confirmed-elsewhere');
    await phone.close();
    // Showing them sent nothing back.
    expect(crewCollections()).toHaveLength(done);
  });

  // Last: it takes the server down.
  it('opens from the phone’s saved copy with no server in reach, and queues there', async () => {
    const phone = await browser.newContext(PHONE);
    await onlyLocal(phone, fx.baseUrl);
    const first = await phone.newPage();
    await first.goto(`${fx.baseUrl}/crew#token=${encodeURIComponent(fx.crew.token)}`);
    await first.waitForSelector('li.stop.pickup');
    await first.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await first.close();

    await fx.app.http.close();
    const cold = await phone.newPage();
    await cold.goto(`${fx.baseUrl}/crew`);
    await cold.waitForSelector('li.stop.pickup');
    expect(await cold.locator('li.stop.pickup').count()).toBe(pickups().length);
    expect(await cold.textContent('.day .muted')).toMatch(/^(Daftar tersimpan|Saved list)/);

    const stop = pickups()[2]!;
    await cold.click(`li.stop[data-bin-id="${stop.binId}"] button.collect`);
    await cold.waitForSelector('#queue-count');
    await cold.waitForSelector('.net.offline');
    expect(await cold.evaluate(() => localStorage.getItem('pesan.crew.queue'))).toContain(
      stop.binId!,
    );
    await screenshot(cold, 'crew-no-server');
    await phone.close();
  });
});
