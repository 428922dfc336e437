import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wibDate, wibMidnight } from '../../src/shared/wib.js';
import {
  ADMIN_TOKEN,
  api,
  connectDevice,
  fillTwoOfThree,
  startTestApp,
  type TestApp,
} from '../helpers/test-app.js';

describe('HTTP API', () => {
  let t: TestApp;
  let officeToken: string;
  let crewToken: string;

  beforeAll(async () => {
    t = await startTestApp({ http: { bodyLimitBytes: 2_048 } });
    officeToken = t.app.context.tokens.create('office', 'test office');
    crewToken = t.app.context.tokens.create('crew', 'test crew', 'crew-1');

    // Two full bins and one nearly empty, through the real ingest path.
    await fillTwoOfThree(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers health without a token', async () => {
    const res = await api(t, '/healthz', { token: null });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', store: { kind: 'sqlite', state: 'ok' } });
  });

  it('publishes an OpenAPI document at /docs', async () => {
    const res = await api(t, '/docs/json', { token: null });
    expect(res.status).toBe(200);
    const paths = Object.keys((res.body as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/v1/bins', '/api/v1/crews/{id}/pickups', '/api/v1/devices']),
    );
  });

  it('refuses missing and unknown tokens with the one error shape', async () => {
    const missing = await api(t, '/api/v1/bins', { token: null });
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({
      error: { code: 'UNAUTHORIZED', message: 'a valid bearer token is required' },
    });
    expect((await api(t, '/api/v1/bins', { token: 'nope' })).status).toBe(401);
  });

  it('lets office read but not provision, and crews only their own list', async () => {
    expect((await api(t, '/api/v1/bins', { token: officeToken })).status).toBe(200);
    const provision = await api(t, '/api/v1/devices', {
      method: 'POST',
      token: officeToken,
      body: { id: 'x', binId: 'bin-1' },
    });
    expect(provision.status).toBe(403);
    expect((provision.body as { error: { code: string } }).error.code).toBe('FORBIDDEN');

    expect((await api(t, '/api/v1/bins', { token: crewToken })).status).toBe(403);
    expect((await api(t, '/api/v1/crews/crew-1/pickups', { token: crewToken })).status).toBe(200);
    expect((await api(t, '/api/v1/crews/crew-2/pickups', { token: crewToken })).status).toBe(403);
  });

  it('filters bins by kecamatan and minimum fill', async () => {
    const res = await api(t, '/api/v1/bins?kecamatan=ciruas&minFill=80');
    const ids = (res.body as { bins: { id: string }[] }).bins.map((b) => b.id).sort();
    expect(ids).toEqual(['bin-1', 'bin-2']);
    expect((await api(t, '/api/v1/bins?minFill=abc')).status).toBe(400);
  });

  it('serves bucketed readings and validates the range', async () => {
    const res = await api(t, '/api/v1/bins/bin-1/readings?every=1h');
    expect(res.status).toBe(200);
    const buckets = (res.body as { buckets: { meanFillPct: number }[] }).buckets;
    expect(buckets.map((b) => b.meanFillPct)).toContain(95);

    const bad = await api(t, '/api/v1/bins/bin-1/readings?from=2026-12-02&to=2026-12-01');
    expect(bad.status).toBe(400);
    expect((await api(t, '/api/v1/bins/nope/readings')).status).toBe(404);
  });

  it('plans now, lists the pickups in JSON and CSV, with reasons', async () => {
    const plan = await api(t, '/api/v1/plans', { method: 'POST', body: {} });
    expect(plan.status).toBe(201);
    const date = (plan.body as { date: string }).date;

    const list = await api(t, `/api/v1/crews/crew-1/pickups?date=${date}`, { token: crewToken });
    const stops = (list.body as { stops: { type: string; binId: string; navigationUrl: string }[] })
      .stops;
    const binIds = stops.filter((s) => s.type === 'pickup').map((s) => s.binId);
    expect(binIds.sort()).toEqual(['bin-1', 'bin-2']);
    expect(stops[0]!.navigationUrl).toMatch(/^https:\/\/www\.google\.com\/maps/);

    const csv = await api(t, `/api/v1/crews/crew-1/pickups?date=${date}`, {
      token: crewToken,
      accept: 'text/csv',
    });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (csv.body as string).trim().split('\n');
    expect(lines[0]).toMatch(/^order,trip,type,binId/);
    expect(lines.length).toBe(stops.length + 1);

    expect((await api(t, '/api/v1/plans/2026-02-30')).status).toBe(400);
  });

  it('re-plans with a disposal site refusing waste, saying why bins wait', async () => {
    const blocked = await api(t, '/api/v1/plans', {
      method: 'POST',
      body: { blockedFacilityIds: ['tpa'] },
    });
    expect(blocked.status).toBe(201);
    const plan = (blocked.body as { plan: { unserved: { binId: string; reason: string }[] } }).plan;
    // The only disposal site of this registry refuses: nothing can be collected, and each bin
    // says so rather than vanishing from the plan.
    expect(plan.unserved.map((u) => u.binId).sort()).toEqual(['bin-1', 'bin-2']);
    expect(plan.unserved[0]!.reason).toMatch(/refuses waste today|no disposal/i);

    const unknown = await api(t, '/api/v1/plans', {
      method: 'POST',
      body: { blockedFacilityIds: ['tpa-nowhere'], deliveredTonnes: { tpa: 12 } },
    });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('tpa-nowhere');

    // Back to normal for the tests that follow; a bare POST (no body at all) plans today.
    expect((await api(t, '/api/v1/plans', { method: 'POST' })).status).toBe(201);
  });

  it('records a crew confirmation once, however often it is sent', async () => {
    const body = {
      crewId: 'crew-1',
      binId: 'bin-1',
      status: 'collected',
      clientRef: 'phone-abc-0001',
      at: new Date(Date.now() - 60_000).toISOString(),
    };
    const first = await api(t, '/api/v1/collections', { method: 'POST', token: crewToken, body });
    const again = await api(t, '/api/v1/collections', { method: 'POST', token: crewToken, body });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect((again.body as { id: number }).id).toBe((first.body as { id: number }).id);

    const noReason = await api(t, '/api/v1/collections', {
      method: 'POST',
      token: crewToken,
      body: { ...body, status: 'not-collected', clientRef: 'phone-abc-0002' },
    });
    expect(noReason.status).toBe(400);
    const other = await api(t, '/api/v1/collections', {
      method: 'POST',
      token: crewToken,
      body: { ...body, crewId: 'crew-2', clientRef: 'phone-abc-0003' },
    });
    expect(other.status).toBe(403);
  });

  it('shows in the pickup list what phones have already confirmed that day', async () => {
    const date = wibDate(Date.now());
    const midnight = wibMidnight(date);
    // Tap times within today (WIB), even when the test runs just after midnight.
    const ago = (ms: number) => new Date(Math.max(midnight + 1_000, Date.now() - ms)).toISOString();
    const confirm = (body: Record<string, unknown>) =>
      api(t, '/api/v1/collections', {
        method: 'POST',
        token: crewToken,
        body: { crewId: 'crew-1', binId: 'bin-2', ...body },
      });
    type Stop = { binId: string | null; confirmation?: Record<string, unknown> };
    const stops = async () =>
      (
        (await api(t, `/api/v1/crews/crew-1/pickups?date=${date}`, { token: crewToken })).body as {
          stops: Stop[];
        }
      ).stops;
    const stop = async (binId: string) => (await stops()).find((s) => s.binId === binId)!;

    // Yesterday's mark is not today's.
    const yesterday = new Date(midnight - 3_600_000).toISOString();
    expect(
      (await confirm({ status: 'collected', clientRef: 'phone-y-0001', at: yesterday })).status,
    ).toBe(201);
    expect(await stop('bin-2')).not.toHaveProperty('confirmation');

    // bin-1 was confirmed collected by the test above, from "phone-abc".
    expect((await stop('bin-1')).confirmation).toEqual({
      status: 'collected',
      reason: null,
      note: null,
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      crewId: 'crew-1',
    });

    // A second phone says bin-2 could not be collected; a first phone's older tap, delivered
    // later from its queue, does not hide it.
    const at = ago(30_000);
    const second = await confirm({
      status: 'not-collected',
      reason: 'bin-missing',
      note: 'tong hilang: dicuri',
      clientRef: 'phone-2-0001',
      at,
    });
    expect(second.status).toBe(201);
    expect(
      (await confirm({ status: 'collected', clientRef: 'phone-1-0009', at: ago(90_000) })).status,
    ).toBe(201);
    expect((await stop('bin-2')).confirmation).toEqual({
      status: 'not-collected',
      reason: 'bin-missing',
      note: 'tong hilang: dicuri',
      at,
      crewId: 'crew-1',
    });
    // Disposal stops have no bin and never a confirmation.
    for (const s of await stops()) {
      if (s.binId === null) expect(s).not.toHaveProperty('confirmation');
    }

    // The CSV keeps its columns.
    const csv = await api(t, `/api/v1/crews/crew-1/pickups?date=${date}`, {
      token: crewToken,
      accept: 'text/csv',
    });
    expect((csv.body as string).split('\n')[0]).toBe(
      'order,trip,type,binId,facilityId,name,kecamatan,lat,lon,eta,expectedFillPct,' +
        'expectedVolumeM3,reason,navigationUrl',
    );
  });

  it('acknowledges an open alert once', async () => {
    const open = await api(t, '/api/v1/alerts?status=open', { token: officeToken });
    const alert = (open.body as { alerts: { id: number; kind: string }[] }).alerts.find(
      (a) => a.kind === 'full',
    )!;
    const ack = await api(t, `/api/v1/alerts/${alert.id}/ack`, {
      method: 'POST',
      token: officeToken,
    });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'test office' });

    const again = await api(t, `/api/v1/alerts/${alert.id}/ack`, {
      method: 'POST',
      token: officeToken,
    });
    expect(again.status).toBe(409);
    const stillOpen = await api(t, '/api/v1/alerts?status=open', { token: officeToken });
    const ids = (stillOpen.body as { alerts: { id: number }[] }).alerts.map((a) => a.id);
    expect(ids).not.toContain(alert.id);
  });

  it('provisions a device whose secret works once on MQTT and is never shown again', async () => {
    const res = await api(t, '/api/v1/devices', {
      method: 'POST',
      body: { id: 'dev-new', binId: 'bin-3' },
    });
    expect(res.status).toBe(201);
    const { secret } = res.body as { secret: string };
    const client = await connectDevice(t.mqttUrl, 'dev-new', secret);
    await client.publishAsync('pesanibu/v1/devices/dev-new/telemetry', '{"fill_pct":42}', {
      qos: 1,
    });
    await client.endAsync();
    const readings = await t.app.context.store.readings('bin-3', 0, Date.now() + 1);
    expect(readings.map((r) => r.deviceId)).toContain('dev-new');

    const detail = await api(t, '/api/v1/bins/bin-3');
    expect(JSON.stringify(detail.body)).not.toContain('secret');
    const dup = await api(t, '/api/v1/devices', {
      method: 'POST',
      body: { id: 'dev-new', binId: 'bin-3' },
    });
    expect(dup.status).toBe(409);

    // "token" is the MQTT username of API-token logins; a device by that name could not log in.
    const reserved = await api(t, '/api/v1/devices', {
      method: 'POST',
      body: { id: 'token', binId: 'bin-3' },
    });
    expect(reserved.status).toBe(400);
    expect(JSON.stringify(reserved.body)).toMatch(/reserved for MQTT token logins/);
  });

  it('refuses oversized and malformed bodies with reasons', async () => {
    const big = await api(t, '/api/v1/devices', {
      method: 'POST',
      body: { id: 'dev-big', binId: 'bin-1', model: 'x'.repeat(4_000) },
    });
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({
      error: { code: 'BODY_TOO_LARGE', message: expect.stringMatching(/exceeds \d+ bytes/) },
    });
    // A registry document may be far larger (a regency's bins, devices and sites).
    const registry = await api(t, '/api/v1/registry', {
      method: 'POST',
      body: { areas: [], bins: [], note: 'x'.repeat(4_000) },
    });
    expect(registry.status).not.toBe(413);

    const bad = await api(t, '/api/v1/registry', {
      method: 'POST',
      body: { bins: [{ id: 'b x', areaId: 'nowhere' }] },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/bins\.0\.id/);
  });

  it('admin token from configuration is accepted', async () => {
    expect((await api(t, '/api/v1/registry', { token: ADMIN_TOKEN })).status).toBe(200);
  });
});
