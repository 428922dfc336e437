import { expect } from 'vitest';

/**
 * Translates a vendor codec's output (the vector files' `expected`) into what our codecs must
 * produce, by the unit and naming rules each vector file documents. Every vendor key must be
 * consumed, so a vendor value can never go unchecked.
 */
type Expectation = Record<string, unknown>;
type Translator = (key: string, value: unknown, out: Expectation) => boolean;

const close = (value: number, digits = 6) => expect.closeTo(value, digits);

/** "2000 mm", "25 ℃", "24 hours": the number in front of the unit. */
function leading(value: unknown): number {
  const match = /^\s*(-?\d+(?:\.\d+)?)/.exec(String(value));
  if (match === null) throw new Error(`no number in ${JSON.stringify(value)}`);

  return Number(match[1]);
}

function details(out: Expectation): Expectation {
  out.details ??= {};

  return out.details as Expectation;
}

function alarms(out: Expectation): Expectation {
  out.alarms ??= {};

  return out.alarms as Expectation;
}

function location(out: Expectation): Expectation {
  out.location ??= {};

  return out.location as Expectation;
}

/** Milesight: `position` (2025 codec) or `tilt` (2021 codec, published YAML) = "normal" | "tilt". */
const milesight: Translator = (key, value, out) => {
  if (key === 'battery') out.batteryPct = value;
  else if (key === 'distance') out.distanceMm = value;
  else if (key === 'temperature') out.temperatureC = close(value as number);
  else if (key === 'position' || key === 'tilt') out.tilted = value === 'tilt';
  else if (key === 'temperature_abnormal') alarms(out).temperature = value;
  else if (key === 'distance_alarming') alarms(out).distance = value;
  else return false;

  return true;
};

/** EM500-UDL: the device-repository codec reports metres, the vendor (and we) millimetres. */
const em500Codec: Translator = (key, value, out) => {
  if (key === 'distance') {
    out.distanceMm = Math.round((value as number) * 1000);
    return true;
  }

  return milesight(key, value, out);
};

/** Decentlab: measurements are `{ displayName, value, unit }`; battery is already in volts. */
const decentlab: Translator = (key, value, out) => {
  const measured = (value as { value?: number }).value;
  if (key === 'protocol_version') return value === 2;
  if (key === 'device_id') details(out).deviceId = value;
  else if (key === 'distance') out.distanceMm = measured;
  else if (key === 'number_of_valid_samples') details(out).validSamples = measured;
  else if (key === 'battery_voltage') out.batteryV = close(measured as number);
  else return false;

  return true;
};

/** LDDS20: strings with units, "No Sensor"/"Invalid Reading" = no echo, "0.00" °C = no probe. */
const ldds20: Translator = (key, value, out) => {
  if (key === 'Bat') out.batteryV = close(value as number);
  else if (key === 'Distance') {
    const noEcho = value === 'No Sensor' || value === 'Invalid Reading';
    out.noEcho = noEcho;
    out.distanceMm = noEcho ? null : leading(value);
  } else if (key === 'Interrupt_flag') details(out).interruptTriggered = value === 1;
  else if (key === 'TempC_DS18B20') {
    const celsius = Number(value);
    out.temperatureC = celsius === 0 ? null : close(celsius);
  } else if (key === 'Sensor_flag') details(out).probeConnected = value === 1;
  else return false;

  return true;
};

/** LDDS04: distances in centimetres (codec divides the millimetres by 10). */
const ldds04: Translator = (key, value, out) => {
  const probe = /^distance([1-4])_cm$/.exec(key);
  if (probe !== null) {
    const mm = Math.round((value as number) * 10);
    out.probeDistancesMm ??= [];
    (out.probeDistancesMm as number[])[Number(probe[1]) - 1] = mm;
    if (probe[1] === '1') out.distanceMm = mm;
  } else if (key === 'BatV') out.batteryV = close(value as number);
  else if (key === 'EXTI_Trigger') details(out).interruptTriggered = value === 'TRUE';
  else if (key === 'mes_type') details(out).messageType = value;
  else return false;

  return true;
};

/**
 * DF702: every value is a string with its unit. The codec's sign slip makes every angle
 * negative, so only the magnitude is compared; its GPS mantissa slip moves coordinates in the
 * 6th decimal, so they are compared to 4 decimals.
 */
const df702: Translator = (key, value, out) => {
  const alarmNames: Record<string, string> = {
    full: 'full',
    fire: 'fire',
    tilt: 'tilt',
    battery: 'lowBattery',
  };
  const parameterNames: Record<string, string> = {
    periodic_interval: 'reportIntervalH',
    detection_interval: 'detectionIntervalMin',
    full_alarm_threshold: 'fullAlarmThresholdCm',
    fire_alarm_threshold: 'fireAlarmThresholdC',
    tilt_alarm_threshold: 'tiltAlarmThresholdDeg',
    ultrasonic_range: 'ultrasonicRangeMm',
  };
  if (key === 'level') out.distanceMm = leading(value);
  else if (key in alarmNames) alarms(out)[alarmNames[key]!] = value;
  else if (key === 'angle') out.tiltDeg = Math.abs(leading(value));
  else if (key === 'temperature') out.temperatureC = leading(value);
  else if (key === 'longitude') location(out).lon = close(Number(value), 4);
  else if (key === 'latitude') location(out).lat = close(Number(value), 4);
  else if (key in parameterNames) details(out)[parameterNames[key]!] = leading(value);
  else if (key === 'tilt_enable') details(out).tiltDetectionEnabled = value;
  else return false;

  return true;
};

/** WILSEN: `proxx` is centimetres, `proxx_mm` millimetres; `payload` echoes the input hex. */
const wilsen: Translator = (key, value, out) => {
  const detailNames: Record<string, string> = {
    amplitude: 'echoAmplitude',
    serial_nr: 'serialNumber',
    lora_count: 'loraTxCount',
    gps_count: 'gpsFixCount',
    us_sensor_count: 'ultrasonicCount',
  };
  if (key === 'payload') return true;
  if (key === 'proxx') out.distanceMm = (value as number) * 10;
  else if (key === 'proxx_mm') out.distanceMm = value;
  else if (key === 'fillinglvl') out.deviceFillPct = value;
  else if (key === 'temp') out.temperatureC = close(value as number);
  else if (key === 'battery_vol') out.batteryV = close(value as number);
  else if (key === 'latitude') location(out).lat = close(value as number);
  else if (key === 'longitude') location(out).lon = close(value as number);
  else if (key in detailNames) details(out)[detailNames[key]!] = value;
  else return false;

  return true;
};

const TRANSLATORS: Record<string, Translator> = {
  'decentlab-dl-mbx': decentlab,
  'dingtek-df702': df702,
  'dragino-ldds04': ldds04,
  'dragino-ldds20': ldds20,
  'milesight-em310-udl': milesight,
  'milesight-em400-mud': milesight,
  'milesight-em500-udl': em500Codec,
  'pepperl-fuchs-wilsen-sonic-level': wilsen,
};

/** Translators for the published YAML output where it differs from the codec's (see notes). */
const PUBLISHED_TRANSLATORS: Record<string, Translator> = {
  ...TRANSLATORS,
  // The published EM500-UDL examples are in millimetres, as the vendor documents.
  'milesight-em500-udl': milesight,
  // The published DL-MBX example writes `unit: null`; null and absent are equivalent.
  'decentlab-dl-mbx': decentlab,
};

export function hasTranslator(modelId: string): boolean {
  return modelId in TRANSLATORS;
}

export function translateVendorOutput(
  modelId: string,
  vendor: Record<string, unknown>,
  published = false,
): Expectation {
  const translate = (published ? PUBLISHED_TRANSLATORS : TRANSLATORS)[modelId];
  if (translate === undefined) throw new Error(`no vendor translation for ${modelId}`);
  const out: Expectation = {};
  for (const [key, value] of Object.entries(vendor)) {
    if (!translate(key, value, out)) {
      throw new Error(`${modelId}: vendor field "${key}" has no translation rule`);
    }
  }

  return out;
}
