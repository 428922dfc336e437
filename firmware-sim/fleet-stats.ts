/** Counters of a live fleet, for progress lines, logs and tests. */
export interface FleetCounters {
  /** Frames handed to the MQTT client (good and bad). */
  published: number;
  /** Frames the broker acknowledged (QoS 1 PUBACK). */
  acked: number;
  /** Frames whose publish failed (connection lost before PUBACK, client closed). */
  failed: number;
  /** Deliberately broken frames among `published`. */
  badFrames: number;
  /** Readings not sent because too many were already waiting for acknowledgement. */
  dropped: number;
  /** Readings not sent because the device was dark (simulated coverage gap). */
  unsent: number;
  /** Successful connections, including reconnections. */
  connects: number;
  reconnectAttempts: number;
  /** Connections refused for bad credentials or authorisation. */
  authFailures: number;
  /** Bins emptied by `fleet.empty` or by the cadence. */
  emptied: number;
}

export interface FleetStats extends FleetCounters {
  devices: number;
  connected: number;
  /** Current simulated time, epoch ms. */
  simNowMs: number;
}

export function emptyCounters(): FleetCounters {
  return {
    published: 0,
    acked: 0,
    failed: 0,
    badFrames: 0,
    dropped: 0,
    unsent: 0,
    connects: 0,
    reconnectAttempts: 0,
    authFailures: 0,
    emptied: 0,
  };
}
