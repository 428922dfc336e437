import { CircleSector } from '../circle-sector.js';

/** A customer or depot occurrence in the local search's doubly linked routes. */
export class LsNode {
  next: LsNode;
  prev: LsNode;
  route!: LsRoute;
  position = 0;
  /** Move counter value when this node was last used as U in the granular loop. */
  whenLastTestedRI = -1;
  /** Load and travel+service time from the route start up to and including this node. */
  cumulatedLoad = 0;
  cumulatedTime = 0;
  /** Cost change of removing this node from its route (SWAP* preprocessing). */
  deltaRemoval = 0;

  constructor(
    readonly cour: number,
    readonly isDepot: boolean,
  ) {
    this.next = this;
    this.prev = this;
  }
}

/** One of the three cheapest insertion places of a customer in another route. */
export class InsertPlace {
  cost = Number.POSITIVE_INFINITY;
  /** Insert after this node; null when unset. */
  after: LsNode | null = null;
}

export class LsRoute {
  readonly depot: LsNode;
  readonly depotEnd: LsNode;
  nbCustomers = 0;
  whenLastModified = 0;
  whenLastTestedSwapStar = -1;
  duration = 0;
  load = 0;
  /** Capacity and duration penalties of this route at the current weights. */
  penalty = 0;
  polarAngleBarycenter = 0;
  readonly sector = new CircleSector();

  constructor(readonly cour: number) {
    this.depot = new LsNode(0, true);
    this.depotEnd = new LsNode(0, true);
    this.depot.route = this;
    this.depotEnd.route = this;
    this.depot.next = this.depotEnd;
    this.depot.prev = this.depotEnd;
    this.depotEnd.next = this.depot;
    this.depotEnd.prev = this.depot;
  }
}
