import type { Condition } from '../alerts/alert-rules.js';
import type { SpoolStats } from '../storage/influx/durable-spool.js';
import type { InfluxStoreEvent } from '../storage/influx/store-events.js';

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/**
 * What an InfluxDB store event means for the office's "store spool" alert: raised when the
 * local spool nears its bound (readings are refused once it is full, so someone must bring
 * InfluxDB back first), cleared once the spool has drained. Other events change nothing.
 */
export function spoolCondition(event: InfluxStoreEvent, spool: SpoolStats): Condition | null {
  switch (event.type) {
    case 'spool-near-limit':
    case 'spool-full': {
      const full = event.type === 'spool-full';
      const pct = Math.round((event.spoolBytes / event.limitBytes) * 100);

      return {
        kind: 'store-spool',
        active: true,
        severity: full ? 'critical' : 'warning',
        message:
          `InfluxDB unreachable: local spool ${mb(event.spoolBytes)} of ` +
          `${mb(event.limitBytes)} MB (${pct} %, ${spool.points} readings)` +
          (full ? '; new readings are refused until it drains' : ''),
        value: pct,
      };
    }
    case 'server-up':
      return { kind: 'store-spool', active: false, severity: 'info', message: '', value: null };
    default:
      return null;
  }
}
