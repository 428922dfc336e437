import { describe, expect, it } from 'vitest';
import { parseDeviceTopic, topics } from '../../src/broker/topics.js';

describe('topic map', () => {
  it('round-trips a device topic', () => {
    const topic = topics.device('bin-17', 'telemetry');

    expect(topic).toBe('pesanibu/v1/devices/bin-17/telemetry');
    expect(parseDeviceTopic(topic)).toEqual({ deviceId: 'bin-17', channel: 'telemetry' });
  });

  it('rejects foreign or malformed topics', () => {
    expect(parseDeviceTopic('pesanibu/v2/devices/a/telemetry')).toBeNull();
    expect(parseDeviceTopic('pesanibu/v1/devices//telemetry')).toBeNull();
    expect(parseDeviceTopic('pesanibu/v1/devices/a/telemetry/extra')).toBeNull();
  });
});
