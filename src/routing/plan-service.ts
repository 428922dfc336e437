import type { Logger } from 'pino';
import type { CollectionRepo } from '../analytics/collection-repo.js';
import type { FleetAnalytics } from '../analytics/fleet-analytics.js';
import type { RegistryRepo } from '../registry/registry-repo.js';
import type { EventBus } from '../shared/event-bus.js';
import { DAY_MS, wibMidnight } from '../shared/wib.js';
import type { TelemetryStore } from '../storage/telemetry-store.js';
import { crewPickupList, type PickupList } from './crew-pickups.js';
import type { DistanceMatrixProvider } from './distance/travel-matrix.js';
import { planDay } from './plan-day.js';
import type { PlanRepo, StoredPlan } from './plan-repo.js';
import type { PlanRequest } from './plan-types.js';
import { selectCandidates } from './select-candidates.js';

export interface PlanServiceDeps {
  registry: RegistryRepo;
  store: TelemetryStore;
  analytics: FleetAnalytics;
  plans: PlanRepo;
  bus: EventBus;
  logger: Logger;
  publishPickups: (list: PickupList) => Promise<void>;
  /** Road distances; haversine times the road factor when absent. */
  distances?: DistanceMatrixProvider;
  /** Crew confirmations, so a re-plan skips bins emptied since their latest reading. */
  collections?: Pick<CollectionRepo, 'latestCrewByBin'>;
  options: {
    roadFactor: number;
    speedKmh: number;
    timeLimitS: number;
    horizonHours: number;
  };
}

/** Plans a day: selects bins, runs the route planner, stores the plan, tells the crews. */
export class PlanService {
  constructor(private readonly deps: PlanServiceDeps) {}

  /**
   * `disposal` carries what the office knows of the disposal sites today: sites refusing waste
   * (the plan then uses the alternatives or defers bins, saying so) and tonnes already
   * delivered, which count against the shared daily caps when re-planning mid-day.
   */
  async plan(
    date: string,
    trigger: string,
    now: number,
    disposal: Pick<PlanRequest, 'blockedFacilityIds' | 'deliveredTonnes'> = {},
  ): Promise<StoredPlan> {
    const { registry, store, analytics, options } = this.deps;
    const crews = registry.crews();
    // Crews reach bins during the shift: predict fills at its earliest start.
    const shiftStartMin = Math.min(...crews.map((c) => c.shiftStartMin), 5 * 60);
    const serviceAt = Math.max(now, wibMidnight(date) + shiftStartMin * 60_000);

    const { candidates, skipped } = selectCandidates({
      bins: registry.bins(),
      areas: registry.areas(),
      latest: await store.latestByBin(),
      trend: (binId) => analytics.state(binId),
      serviceAt,
      nextChanceAt: serviceAt + Math.max(options.horizonHours * 3_600_000, DAY_MS / 2),
      collectedAt: this.recentlyCollected(now),
    });

    const request: PlanRequest = {
      date,
      candidates,
      vehicles: registry.vehicles(),
      crews,
      facilities: registry.facilities(),
      ...disposal,
      roadFactor: options.roadFactor,
      speedKmh: options.speedKmh,
      timeLimitMs: options.timeLimitS * 1_000,
      seed: 1,
    };
    const started = Date.now();
    const result = await planDay(request, { provider: this.deps.distances });
    this.deps.plans.save(result, trigger, now);

    this.deps.logger.info(
      {
        date,
        trigger,
        candidates: candidates.length,
        notSelected: skipped.length,
        unserved: result.unserved.length,
        vehicles: result.vehicles.filter((v) => v.trips.length > 0).length,
        km: Math.round(result.totals.distanceKm),
        distances: this.deps.distances?.name ?? 'haversine',
        ms: Date.now() - started,
      },
      'plan made',
    );

    const fills = new Map(candidates.map((c) => [c.binId, c.expectedFillPct]));
    for (const crew of crews) {
      const list = crewPickupList(result, crew.id, (binId) => fills.get(binId) ?? null);
      if (list) {
        await this.deps.publishPickups(list).catch((error: Error) => {
          this.deps.logger.warn({ crewId: crew.id, err: error.message }, 'pickup publish failed');
        });
      }
    }
    this.deps.bus.emit('plan', { date });

    return { date, createdAt: now, trigger, plan: result };
  }

  /** When each bin was last confirmed collected, if a crew's latest mark says so. */
  private recentlyCollected(now: number): Map<string, number> {
    const collected = new Map<string, number>();
    const latest = this.deps.collections?.latestCrewByBin(now - DAY_MS, now + 60_000);
    for (const [binId, c] of latest ?? []) if (c.status === 'collected') collected.set(binId, c.ts);

    return collected;
  }

  pickupList(crewId: string, date: string): PickupList | null {
    const stored = this.deps.plans.get(date);
    if (!stored) return null;

    return crewPickupList(stored.plan, crewId, () => null);
  }
}
