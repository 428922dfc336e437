import type { PickupList, PickupStop } from '../routing/crew-pickups.js';

/**
 * The pickup list as GET /api/v1/crews/{id}/pickups answers it in JSON: the planner's list
 * plus what crews have already confirmed. Types only (and the reason codes), so the crew page
 * can share them without pulling in server code.
 */
export const NOT_COLLECTED_REASONS = [
  'no-access',
  'bin-missing',
  'over-capacity',
  'other',
] as const;
export type NotCollectedReason = (typeof NOT_COLLECTED_REASONS)[number];

/** The latest crew confirmation of a stop's bin on the list's WIB date, as the server has it. */
export interface StopConfirmation {
  status: 'collected' | 'not-collected';
  /** The reason code of a not-collected stop (null when collected or not one of the codes). */
  reason: NotCollectedReason | null;
  note: string | null;
  /** When the crew tapped it (ISO). */
  at: string;
  crewId: string | null;
}

export type ConfirmedStop = PickupStop & { confirmation?: StopConfirmation };
export interface ConfirmedPickupList extends Omit<PickupList, 'stops'> {
  stops: ConfirmedStop[];
}
