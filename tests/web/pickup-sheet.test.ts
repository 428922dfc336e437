import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PickupList } from '../../src/routing/crew-pickups.js';
import { pickupSheetHtml, reasonInIndonesian } from '../../src/routing/pickup-sheet.js';
import { api } from '../helpers/test-app.js';
import { chromiumAvailable, launchChromium, onlyLocal, screenshot } from './helpers/browser.js';
import { type SerangApp, startSerangApp } from './helpers/serang-app.js';

describe('printable A4 pickup sheet', () => {
  let fx: SerangApp;
  let browser: Browser;
  let list: PickupList;
  const printUrl = () =>
    `${fx.baseUrl}/api/v1/crews/${fx.crew.id}/pickups/print?date=${fx.date}` +
    `&token=${encodeURIComponent(fx.crew.token)}`;

  beforeAll(async () => {
    fx = await startSerangApp();
    const answer = await api(fx, `/api/v1/crews/${fx.crew.id}/pickups?date=${fx.date}`, {
      token: fx.crew.token,
    });
    list = answer.body as unknown as PickupList;
    // The sheet's HTML is tested without a browser; only printing it needs Chromium.
    if (chromiumAvailable) browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await fx?.close();
  });

  it('lists every stop in plan order, in Bahasa Indonesia', async () => {
    const response = await fetch(printUrl());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();

    expect(html).toContain('<html lang="id">');
    expect(html).toContain('Daftar Angkut Sampah');
    const printed = [...html.matchAll(/<div class="id">([^<]+)<\/div>/g)].map((m) => m[1]);
    const pickupStops = list.stops.filter((s) => s.type === 'pickup');
    const planned = pickupStops.map((s) => s.binId);
    expect(planned.length).toBeGreaterThan(0);
    // The expected fill travels with the stored plan, so the list and the sheet show it.
    expect(pickupStops.every((s) => s.expectedFillPct! > 0)).toBe(true);
    expect(printed).toEqual(planned);
    const disposals = list.stops.filter((s) => s.type === 'disposal').length;
    expect(html.match(/Buang muatan di/g)?.length ?? 0).toBe(disposals);
  });

  it("refuses another crew's sheet to a crew token", async () => {
    const other = fx.app.context.registry.crews().find((c) => c.id !== fx.crew.id)!;
    const response = await fetch(
      `${fx.baseUrl}/api/v1/crews/${other.id}/pickups/print?token=${fx.crew.token}`,
    );
    expect(response.status).toBe(403);
  });

  it.skipIf(!chromiumAvailable)('prints on A4 in a real browser', async () => {
    const context = await browser.newContext();
    await onlyLocal(context, fx.baseUrl);
    const page = await context.newPage();
    await page.goto(printUrl());

    const rows = await page.locator('tbody tr').count();
    expect(rows).toBe(list.stops.length);
    await screenshot(page, 'pickup-sheet', true);
    const pdf = await page.pdf({ preferCSSPageSize: true });
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF')).toBe(true);
    // A4 is 595.3 x 841.9 points (Chromium rounds to its own pixel grid).
    const box = /MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(text);
    expect(Number(box?.[1])).toBeCloseTo(595.3, 0);
    expect(Number(box?.[2])).toBeCloseTo(841.9, 0);
    await context.close();
  });

  it('escapes names, so a bin called <script> prints as text', () => {
    const html = pickupSheetHtml({
      list: {
        date: '2026-12-04',
        crewId: 'c1',
        vehicleId: 'v1',
        stops: [
          {
            order: 1,
            trip: 1,
            type: 'pickup',
            binId: 'b1',
            facilityId: null,
            name: '<script>alert(1)</script> Pasar "Baru"',
            kecamatan: 'Ciruas',
            lat: -6.1,
            lon: 106.2,
            eta: '06:10',
            expectedFillPct: 91.4,
            expectedVolumeM3: 0.55,
            reason: 'fill 91 % >= 80 %',
            navigationUrl: 'https://example.invalid',
          },
        ],
      },
      crew: { id: 'c1', name: 'Regu A', vehicleId: 'v1', shiftStartMin: 300, shiftEndMin: 780 },
      vehicle: null,
      plan: null,
      facilityName: (id) => id,
    });

    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62; Pasar &#34;Baru&#34;');
    expect(html).toContain('0,55');
    expect(html).toContain('Shift: 05:00–13:00 WIB');
    expect(html).toContain('Jumat, 4 Desember 2026');
    expect(html).toContain('Penuh sekarang: isi 91 % (batas 80 %)');
  });

  it('says why a bin is on the sheet in Bahasa Indonesia, times in WIB', () => {
    expect(reasonInIndonesian('predicted: reaches 80 % at 2026-12-04T11:07:39.296Z')).toBe(
      'Diperkirakan 80 % pada 4 Des, 18.07 WIB',
    );
    expect(
      reasonInIndonesian(
        'overflowing: fill 86 % >= 80 % (last trusted level: the latest reading is suspect, spike)',
      ),
    ).toBe(
      'Penuh sekarang: isi 86 % (batas 80 %) (bacaan terakhir diragukan: dinilai dari level ' +
        'tepercaya terakhir)',
    );
    expect(reasonInIndonesian('manual request')).toBe('manual request');
  });
});
