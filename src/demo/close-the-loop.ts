import type { Fleet } from '../../firmware-sim/fleet.js';
import type { App } from '../app/create-app.js';
import { wibMidnight } from '../shared/wib.js';

/**
 * The demo's crews: when a plan is made, each planned bin is emptied in the simulated fleet
 * at its stop's ETA (simulated time) and the crew's confirmation is recorded, so sensors,
 * analytics and the dashboard see the pickups happen.
 */
export function closeTheLoop(app: App, fleet: Fleet, speed: number): () => void {
  const timers = new Set<NodeJS.Timeout>();
  const { plans, collections, bus } = app.context;

  const follow = (date: string) => {
    const stored = plans.get(date);
    if (!stored) return;

    const midnight = wibMidnight(date);
    for (const vehicle of stored.plan.vehicles) {
      for (const trip of vehicle.trips) {
        for (const stop of trip.stops) {
          if (stop.type !== 'pickup') continue;
          const dueInSimMs = midnight + stop.etaMin * 60_000 - fleet.simNow();
          const timer = setTimeout(
            () => {
              timers.delete(timer);
              fleet.empty([stop.refId]);
              const { collection, created } = collections.add({
                binId: stop.refId,
                ts: Date.now(),
                source: 'crew',
                status: 'collected',
                reason: null,
                crewId: vehicle.crewId,
                fillBeforePct: null,
                clientRef: `demo:${date}:${stop.refId}`,
                recordedAt: Date.now(),
              });
              if (created) {
                bus.emit('collection', {
                  binId: stop.refId,
                  status: 'collected',
                  record: collection,
                });
              }
            },
            Math.max(0, dueInSimMs / speed),
          );
          timers.add(timer);
        }
      }
    }
  };

  const off = bus.on('plan', ({ date }) => follow(date));

  return () => {
    off();
    for (const timer of timers) clearTimeout(timer);
  };
}
