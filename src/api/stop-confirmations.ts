import type { CollectionRepo } from '../analytics/collection-repo.js';
import type { PickupList } from '../routing/crew-pickups.js';
import { DAY_MS, wibMidnight } from '../shared/wib.js';
import {
  type ConfirmedPickupList,
  NOT_COLLECTED_REASONS,
  type NotCollectedReason,
} from './confirmed-pickups.js';

/**
 * The stored reason is "code" or "code: note" (POST /api/v1/collections joins them); split it
 * back so a phone can show the reason in its own language.
 */
function splitReason(reason: string | null): {
  reason: NotCollectedReason | null;
  note: string | null;
} {
  if (!reason) return { reason: null, note: null };
  const sep = reason.indexOf(': ');
  const head = sep === -1 ? reason : reason.slice(0, sep);
  const code = NOT_COLLECTED_REASONS.find((r) => r === head);
  if (!code) return { reason: null, note: reason };

  return { reason: code, note: sep === -1 ? null : reason.slice(sep + 2) };
}

/**
 * Adds to each pickup the latest crew confirmation of its bin that day, from whichever phone
 * sent it, so a second phone or a cleared one shows what is already done. Stops without one
 * keep their old shape.
 */
export function withConfirmations(
  list: PickupList,
  collections: CollectionRepo,
): ConfirmedPickupList {
  const from = wibMidnight(list.date);
  const latest = collections.latestCrewByBin(from, from + DAY_MS);

  return {
    ...list,
    stops: list.stops.map((stop) => {
      const c = stop.binId ? latest.get(stop.binId) : undefined;
      if (!c) return stop;

      return {
        ...stop,
        confirmation: {
          status: c.status,
          ...splitReason(c.reason),
          at: new Date(c.ts).toISOString(),
          crewId: c.crewId,
        },
      };
    }),
  };
}
