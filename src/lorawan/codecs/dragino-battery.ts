/**
 * Dragino's outdoor nodes run on an ER26500 Li-SOCl2 pack; Dragino's battery FAQ says to replace
 * it below 2.7 V.
 */
export const DRAGINO_LOW_BATTERY_V = 2.7;

/** Battery word: millivolts in the low 14 bits (the top two carry flags on some models). */
export function draginoBatteryV(word: number): number {
  return (word & 0x3fff) / 1000;
}
