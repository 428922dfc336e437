import { createHash } from 'node:crypto';
import { encoderFor } from './encoders/index.js';
import type { EncodedFrame, SimReading } from './sim-reading.js';

/** A LoRaWAN sensor as its network server knows it. */
export interface SimDeviceSpec {
  model: string;
  /** 16 hex digits. */
  devEui: string;
  /** TTN device id / ChirpStack device name. */
  deviceId: string;
  /** TTN application id or ChirpStack application UUID. */
  applicationId: string;
  /** TTN tenant; `ttn` on The Things Network. */
  tenantId?: string;
  /** OTAA devices rejoin after a reboot (new session); ABP devices keep theirs. */
  activation?: 'otaa' | 'abp';
}

export interface SimFrame extends EncodedFrame {
  fCnt: number;
  devAddr: string;
  sessionKeyId: string;
}

/**
 * Keeps the per-device LoRaWAN state a simulator needs: the uplink frame counter and the
 * session. Session ids are derived from the DevEUI and the join number, so runs repeat exactly.
 */
export class SimLoraDevice {
  private counter = 0;
  private joins = 0;

  constructor(readonly spec: SimDeviceSpec) {}

  get fCnt(): number {
    return this.counter;
  }

  get devAddr(): string {
    return this.sessionDigest('addr').slice(0, 8);
  }

  get sessionKeyId(): string {
    return Buffer.from(this.sessionDigest('key'), 'hex').subarray(0, 16).toString('base64');
  }

  /** Encodes one reading with the model's layout and spends one frame counter value. */
  measure(reading: SimReading): SimFrame {
    const frame = encoderFor(this.spec.model)(reading);
    const fCnt = this.counter;
    this.counter += 1;

    return { ...frame, fCnt, devAddr: this.devAddr, sessionKeyId: this.sessionKeyId };
  }

  /** Power cycle: the counter restarts at 0; an OTAA device joins again (new session). */
  reboot(): void {
    this.counter = 0;
    if ((this.spec.activation ?? 'otaa') === 'otaa') this.joins += 1;
  }

  private sessionDigest(purpose: string): string {
    return createHash('sha256')
      .update(`${this.spec.devEui}/${this.joins}/${purpose}`)
      .digest('hex');
  }
}

/** A gateway that hears uplinks, with the signal it hears them at. */
export interface SimGateway {
  id: string;
  /** 16 hex digits. */
  eui: string;
  rssi: number;
  snr: number;
}

/** One MQTT message the simulated network server publishes. */
export interface SimMessage {
  topic: string;
  body: string;
}
