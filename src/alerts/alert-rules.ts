import { predictReach, type TrendState } from '../analytics/fill-trend.js';
import type { Reading } from '../domain/reading.js';
import type { Bin } from '../domain/registry.js';
import { levelIsTrusted } from '../quality/trust.js';

export const ALERT_KINDS = [
  'full',
  'overflow-predicted',
  'fire-risk',
  'tilt',
  'low-battery',
  'silent',
  'verify',
  'store-spool',
] as const;

/**
 * The pseudo-bin that carries alerts about Pesan Ibu itself rather than a container (the
 * InfluxDB spool filling up), so the office sees them in the same list.
 */
export const SYSTEM_ALERT_BIN = 'system';
export type AlertKind = (typeof ALERT_KINDS)[number];
export type Severity = 'critical' | 'warning' | 'info';

export interface AlertThresholds {
  hysteresisPct: number;
  fireTemperatureC: number;
  tiltDeg: number;
  lowBatteryPct: number;
  /**
   * Volts, for sensors reporting volts whose model names no replace-battery voltage; without
   * it such sensors are judged by neither.
   */
  lowBatteryV?: number | undefined;
  overflowHorizonH: number;
}

/** A voltage this far above the threshold clears a low-battery alert (a cell recovers warm). */
const BATTERY_V_HYSTERESIS = 0.1;

/** What a rule concludes: raise (or keep) the alert, or clear it. */
export interface Condition {
  kind: AlertKind;
  active: boolean;
  severity: Severity;
  message: string;
  value: number | null;
}

/**
 * A rule with hysteresis: it raises at `raiseAt` and, once raised, clears only past `clearAt`,
 * so a value wobbling at the threshold does not open and close an alert on every reading.
 */
function band(
  kind: AlertKind,
  value: number | null,
  open: boolean,
  limits: { raiseAt: number; clearAt: number; above: boolean },
  severity: Severity,
  message: (v: number) => string,
): Condition | null {
  if (value === null) return null;

  const raise = limits.above ? value >= limits.raiseAt : value <= limits.raiseAt;
  const hold = limits.above ? value > limits.clearAt : value < limits.clearAt;

  return { kind, active: raise || (open && hold), severity, message: message(value), value };
}

/**
 * Rules evaluated on each stored reading. Suspect readings never raise a full alert: they ask
 * a person to verify the sensor instead.
 */
export function evaluateReading(
  bin: Bin,
  reading: Reading,
  trend: TrendState | null,
  t: AlertThresholds,
  isOpen: (kind: AlertKind) => boolean,
): Condition[] {
  const conditions: (Condition | null)[] = [];
  const suspect = !levelIsTrusted(reading.quality);

  conditions.push({
    kind: 'verify',
    active: suspect,
    severity: 'info',
    message: suspect
      ? `please verify the sensor: ${reading.quality} (${reading.qualityReason ?? 'no detail'})`
      : 'sensor readings plausible again',
    value: reading.distanceMm,
  });

  if (!suspect) {
    conditions.push(
      band(
        'full',
        reading.fillPct,
        isOpen('full'),
        { raiseAt: bin.thresholdPct, clearAt: bin.thresholdPct - t.hysteresisPct, above: true },
        reading.fillPct >= 100 ? 'critical' : 'warning',
        (v) => `fill ${v.toFixed(0)} % >= ${bin.thresholdPct} %`,
      ),
    );

    const fullAt = trend ? predictReach(trend, 100) : null;
    const soon = fullAt !== null && fullAt - reading.ts <= t.overflowHorizonH * 3_600_000;
    conditions.push({
      kind: 'overflow-predicted',
      active: soon && reading.fillPct < bin.thresholdPct,
      severity: 'warning',
      message: fullAt
        ? `predicted to overflow at ${new Date(fullAt).toISOString()}`
        : 'no overflow predicted',
      value: fullAt,
    });
  }

  const alarms = reading.signals?.alarms ?? [];
  conditions.push(
    withAlarm(
      band(
        'fire-risk',
        reading.temperatureC,
        isOpen('fire-risk'),
        { raiseAt: t.fireTemperatureC, clearAt: t.fireTemperatureC - 5, above: true },
        'critical',
        (v) => `temperature ${v.toFixed(1)} C suggests fire (>= ${t.fireTemperatureC} C)`,
      ),
      alarms.includes('fire'),
      { kind: 'fire-risk', severity: 'critical', message: 'sensor raised its fire alarm' },
    ),
    withAlarm(
      band(
        'tilt',
        reading.tiltDeg,
        isOpen('tilt'),
        { raiseAt: t.tiltDeg, clearAt: t.tiltDeg - 10, above: true },
        'warning',
        (v) => `tilted ${v.toFixed(0)} deg: bin fallen or sensor knocked`,
      ),
      alarms.includes('tilt'),
      { kind: 'tilt', severity: 'warning', message: 'sensor raised its tilt alarm' },
    ),
    withAlarm(lowBattery(reading, t, isOpen('low-battery')), alarms.includes('lowBattery'), {
      kind: 'low-battery',
      severity: 'info',
      message: 'sensor raised its low-battery alarm',
    }),
  );

  return conditions.filter((c): c is Condition => c !== null);
}

/**
 * A device's own alarm raises the alert whatever the measured value says (the device may judge
 * by a sensor it does not report, or by its own threshold); without the alarm the measured rule
 * alone decides, so the alert clears once neither holds.
 */
function withAlarm(
  measured: Condition | null,
  alarm: boolean,
  raised: Pick<Condition, 'kind' | 'severity' | 'message'>,
): Condition | null {
  if (!alarm) return measured;
  if (measured?.active) return { ...measured, message: `${measured.message}; ${raised.message}` };

  return { ...raised, active: true, value: measured?.value ?? null };
}

/** By percent when the sensor reports one, else by volts against its model's (or the) limit. */
function lowBattery(reading: Reading, t: AlertThresholds, open: boolean): Condition | null {
  if (reading.batteryPct !== null) {
    return band(
      'low-battery',
      reading.batteryPct,
      open,
      { raiseAt: t.lowBatteryPct, clearAt: t.lowBatteryPct + 5, above: false },
      'info',
      (v) => `battery ${v.toFixed(0)} %`,
    );
  }
  const limitV = reading.signals?.lowBatteryV ?? t.lowBatteryV;
  if (limitV === undefined || limitV === null) return null;

  return band(
    'low-battery',
    reading.batteryV,
    open,
    { raiseAt: limitV, clearAt: limitV + BATTERY_V_HYSTERESIS, above: false },
    'info',
    (v) => `battery ${v.toFixed(2)} V (replace at ${limitV} V)`,
  );
}

/** A device is silent after `factor` report intervals without a reading (or ever). */
export function evaluateSilence(
  bin: Bin,
  lastSeen: number | null,
  since: number,
  now: number,
  factor: number,
): Condition {
  const reference = lastSeen ?? since;
  const silentForMs = now - reference;
  const limitMs = factor * bin.reportIntervalS * 1_000;

  return {
    kind: 'silent',
    active: silentForMs >= limitMs,
    severity: 'warning',
    message:
      lastSeen === null
        ? 'sensor has never reported'
        : `no reading for ${Math.round(silentForMs / 60_000)} min`,
    value: lastSeen,
  };
}
