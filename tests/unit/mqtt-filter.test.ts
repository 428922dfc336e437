import { describe, expect, it } from 'vitest';
import { filterMatches, filterProblem, filterWithin } from '../../src/shared/mqtt-filter.js';

describe('MQTT topic filters', () => {
  it('matches + as one level and # as any remaining levels', () => {
    const ttn = 'v3/pesan-ibu-bins@ttn/devices/+/up';
    expect(filterMatches(ttn, 'v3/pesan-ibu-bins@ttn/devices/bin-1/up')).toBe(true);
    expect(filterMatches(ttn, 'v3/other-app@ttn/devices/bin-1/up')).toBe(false);
    expect(filterMatches(ttn, 'v3/pesan-ibu-bins@ttn/devices/bin-1/join')).toBe(false);
    expect(filterMatches(ttn, 'v3/pesan-ibu-bins@ttn/devices/bin-1/up/extra')).toBe(false);
    expect(filterMatches(ttn, 'v3/pesan-ibu-bins@ttn/devices//up')).toBe(true);
    expect(filterMatches('pesanibu/lorawan/#', 'pesanibu/lorawan')).toBe(true);
    expect(filterMatches('pesanibu/lorawan/#', 'pesanibu/lorawan/a/b/up')).toBe(true);
    expect(filterMatches('#', '$SYS/broker/uptime')).toBe(false);
    expect(filterMatches('+/broker/uptime', '$SYS/broker/uptime')).toBe(false);
  });

  it('explains malformed filters', () => {
    expect(filterProblem('application/+/device/+/event/up')).toBeNull();
    expect(filterProblem('a/#/b')).toMatch(/last level/);
    expect(filterProblem('a/b+/c')).toMatch(/whole level/);
    expect(filterProblem('')).toMatch(/empty/);
    expect(filterProblem('$SYS/#')).toMatch(/reserved/);
  });

  it('tells whether a subscription stays within a granted filter', () => {
    const alerts = 'pesanibu/v1/alerts/#';
    expect(filterWithin('pesanibu/v1/alerts/#', alerts)).toBe(true);
    expect(filterWithin('pesanibu/v1/alerts/+/fire', alerts)).toBe(true);
    expect(filterWithin('pesanibu/v1/alerts/bin-1/full', alerts)).toBe(true);
    expect(filterWithin('pesanibu/v1/#', alerts)).toBe(false);
    expect(filterWithin('pesanibu/+/alerts/#', alerts)).toBe(false);
    expect(filterWithin('#', alerts)).toBe(false);

    const pickups = 'pesanibu/v1/crews/+/pickups';
    expect(filterWithin('pesanibu/v1/crews/crew-1/pickups', pickups)).toBe(true);
    expect(filterWithin('pesanibu/v1/crews/+/pickups', pickups)).toBe(true);
    expect(filterWithin('pesanibu/v1/crews/#', pickups)).toBe(false);
    expect(filterWithin('pesanibu/v1/crews/crew-1/pickups/x', pickups)).toBe(false);
    expect(filterWithin('pesanibu/v1/crews/crew-1', pickups)).toBe(false);
    expect(filterWithin('pesanibu/v1/crews/+/pickups', 'pesanibu/v1/crews/crew-1/pickups')).toBe(
      false,
    );
  });
});
