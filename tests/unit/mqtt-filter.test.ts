import { describe, expect, it } from 'vitest';
import { filterMatches, filterProblem } from '../../src/shared/mqtt-filter.js';

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
});
