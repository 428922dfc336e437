/** Weights of capacity and duration excess in the penalised cost (adapted during search). */
export interface Penalties {
  capacity: number;
  duration: number;
}
