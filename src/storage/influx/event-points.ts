import { escape as lineEscape } from '@influxdata/influxdb-client';
import type { Logger } from 'pino';
import type { AlertChange } from '../../alerts/alert-repo.js';
import type { Collection } from '../../analytics/collection-repo.js';
import type { Emptying } from '../../analytics/fill-trend.js';
import type { EventBus } from '../../shared/event-bus.js';
import type { TelemetryStore } from '../telemetry-store.js';
import { isInfluxStore } from './influx-telemetry-store.js';
import { numberField, tag } from './line-protocol.js';

/**
 * Alert changes and collections as InfluxDB points (docs/influx-schema.md), so Grafana shows
 * the backend's real alerts and pickups instead of guessing them from readings. They travel
 * the readings' durable path: while InfluxDB is down they wait in the spool with the readings.
 */
export const ALERTS_MEASUREMENT = 'alerts';
export const COLLECTIONS_MEASUREMENT = 'collections';

/** One point per change; `active` is 0 only for `resolved`, so "open" is `last(active) = 1`. */
export function alertChangeToLine(change: AlertChange, areaId: string | undefined): string {
  const { alert } = change;
  const at =
    change.type === 'opened'
      ? alert.openedAt
      : change.type === 'acknowledged'
        ? (alert.acknowledgedAt ?? alert.updatedAt)
        : (alert.resolvedAt ?? alert.updatedAt);

  let line = ALERTS_MEASUREMENT;
  line += tag('area', areaId);
  line += tag('bin', alert.binId);
  line += tag('change', change.type);
  line += tag('kind', alert.kind);
  line += tag('severity', alert.severity);

  let fields = `active=${change.type === 'resolved' ? 0 : 1}`;
  fields += `,alert_id=${alert.id}`;
  fields += `,message=${lineEscape.quoted(oneLine(alert.message))}`;
  fields += numberField('value', alert.value);
  if (alert.acknowledgedBy !== null && change.type === 'acknowledged') {
    fields += `,acknowledged_by=${lineEscape.quoted(oneLine(alert.acknowledgedBy))}`;
  }

  return `${line} ${fields} ${Math.trunc(at)}`;
}

/** An emptying a bin's sensor revealed: a sharp fall of its fill. */
export function emptyingToLine(emptying: Emptying, areaId: string | undefined): string {
  let line = COLLECTIONS_MEASUREMENT;
  line += tag('area', areaId);
  line += tag('bin', emptying.binId);
  line += tag('source', 'sensor');
  line += tag('status', 'collected');

  let fields = 'pickups=1';
  fields += numberField('fill_before', emptying.fillBeforePct);
  fields += numberField('fill_after', emptying.fillAfterPct);

  return `${line} ${fields} ${Math.trunc(emptying.ts)}`;
}

/** A crew's confirmation: collected (pickups=1) or not collected with its reason (pickups=0). */
export function crewCollectionToLine(c: Collection, areaId: string | undefined): string {
  let line = COLLECTIONS_MEASUREMENT;
  line += tag('area', areaId);
  line += tag('bin', c.binId);
  line += tag('source', c.source);
  line += tag('status', c.status);

  let fields = `pickups=${c.status === 'collected' ? 1 : 0}`;
  fields += numberField('fill_before', c.fillBeforePct);
  if (c.crewId !== null) fields += `,crew=${lineEscape.quoted(oneLine(c.crewId))}`;
  if (c.reason !== null) fields += `,reason=${lineEscape.quoted(oneLine(c.reason))}`;

  return `${line} ${fields} ${Math.trunc(c.ts)}`;
}

export interface EventPointsWiring {
  store: TelemetryStore;
  bus: EventBus;
  /** The bin's kecamatan, tagged as `area` like readings; undefined for the pseudo-bin. */
  areaOf: (binId: string) => string | undefined;
  logger: Logger;
}

/**
 * Writes alert changes and collections to the InfluxDB store as they happen; returns the
 * function that stops listening. With another store it does nothing: SQLite keeps alerts and
 * collections in their own tables already.
 */
export function recordEventPoints(wiring: EventPointsWiring): () => void {
  const { store, bus, areaOf, logger } = wiring;
  if (!isInfluxStore(store)) return () => {};

  const write = (what: string, line: string) => {
    store.writeLines([line]).catch((err: Error) => {
      // Only a full spool or a closed store gets here; the point is then lost, say which.
      logger.error({ err: err.message, what, line }, 'influx event point not stored');
    });
  };

  const offs = [
    bus.on('alert', (change) =>
      write('alert', alertChangeToLine(change, areaOf(change.alert.binId))),
    ),
    bus.on('emptied', (e) => write('collection', emptyingToLine(e, areaOf(e.binId)))),
    bus.on('collection', ({ record }) => {
      write('collection', crewCollectionToLine(record, areaOf(record.binId)));
    }),
  ];

  return () => {
    for (const off of offs) off();
  };
}

/** A line break would end the point early; these texts are one line for a table cell anyway. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}
