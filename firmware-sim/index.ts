/** Public surface of the Pesan Ibu device simulator (used by the CLI and the demo). */
export { BAD_FRAME_KINDS, type BadFrameKind } from './bad-frames.js';
export { DevicesFileError, devicesFileSchema, loadDevicesFile } from './devices-file.js';
export { BinFillModel, type FillSnapshot } from './fill-model.js';
export { type Fleet, type FleetDevice, type FleetOptions, startFleet } from './fleet.js';
export type { FleetStats } from './fleet-stats.js';
export { generateHistory, type HistoryOptions, type HistoryReading } from './history.js';
export {
  type CollectionEvent,
  cadenceCollections,
  collectionsBetween,
} from './pickup-cadence.js';
export {
  type PickupFollower,
  type PickupFollowerOptions,
  type PollOutcome,
  startPickupFollower,
} from './pickup-follower.js';
export { PlanShapeError, plannedPickups } from './plan-pickups.js';
export { type RunSimulationOptions, runSimulation } from './run-simulation.js';
export type { AnomalyRates, GenerationEvent, SimBin } from './sim-types.js';
