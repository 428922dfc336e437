import type { Fleet } from '../../firmware-sim/fleet.js';
import type { App } from '../app/create-app.js';
import { wibMidnight } from '../shared/wib.js';

const DEMO_REF = 'demo:';

/**
 * The demo's crews: when a plan is made, each planned bin is emptied in the simulated fleet
 * at its stop's ETA (simulated time) and the crew's confirmation is recorded, so sensors,
 * analytics and the dashboard see the pickups happen. The crews in `peopleCrewIds` are left
 * to the person trying the crew page: their confirmations empty the simulated bins instead.
 */
export function closeTheLoop(
  app: App,
  fleet: Fleet,
  speed: number,
  peopleCrewIds: ReadonlySet<string> = new Set(),
): () => void {
  const timers = new Set<NodeJS.Timeout>();
  const { plans, collections, bus } = app.context;

  const follow = (date: string) => {
    const stored = plans.get(date);
    if (!stored) return;

    const midnight = wibMidnight(date);
    for (const vehicle of stored.plan.vehicles) {
      if (vehicle.crewId !== null && peopleCrewIds.has(vehicle.crewId)) continue;
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
                clientRef: `${DEMO_REF}${date}:${stop.refId}`,
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
  // A person's "collected" on the crew page empties the bin the sensor watches.
  const offPeople = bus.on('collection', ({ binId, status, record }) => {
    const byPerson = record.source === 'crew' && !record.clientRef?.startsWith(DEMO_REF);
    if (status === 'collected' && byPerson) fleet.empty([binId]);
  });

  return () => {
    off();
    offPeople();
    for (const timer of timers) clearTimeout(timer);
  };
}
