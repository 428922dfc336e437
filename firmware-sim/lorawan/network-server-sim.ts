import { chirpstackUplinkMessage } from './envelopes/chirpstack.js';
import { ttnUplinkMessage } from './envelopes/ttn.js';
import type { UplinkEvent } from './envelopes/uplink-event.js';
import type { SimFrame, SimGateway, SimLoraDevice, SimMessage } from './sim-device.js';
import type { SimReading } from './sim-reading.js';

export type SimServerKind = 'ttn' | 'chirpstack';

export interface UplinkOptions {
  /** How many of the server's gateways hear the frame (default 1). */
  heardBy?: number;
  /** The server's decoded object, when a payload formatter / codec is configured. */
  decoded?: Record<string, unknown>;
}

/**
 * Plays the network server between simulated devices and MQTT: merges the gateways that heard a
 * frame into one message, renders TTN- or ChirpStack-shaped envelopes, and can misbehave the
 * way real deployments do (a frame published twice, broken frames and bodies).
 */
export class SimNetworkServer {
  private publications = 0;

  constructor(
    readonly kind: SimServerKind,
    private readonly gateways: readonly SimGateway[],
  ) {
    if (gateways.length === 0) throw new Error('a simulated network server needs a gateway');
  }

  /** A device measures and sends; the server publishes one message for the frame. */
  uplink(
    device: SimLoraDevice,
    reading: SimReading,
    atMs: number,
    options: UplinkOptions = {},
  ): { event: UplinkEvent; message: SimMessage } {
    return this.publishFrame(device, device.measure(reading), atMs, options);
  }

  /** Publishes an arbitrary frame (e.g. a deliberately broken one) for a device. */
  publishFrame(
    device: SimLoraDevice,
    frame: SimFrame,
    atMs: number,
    options: UplinkOptions = {},
  ): { event: UplinkEvent; message: SimMessage } {
    const event: UplinkEvent = {
      device: device.spec,
      frame,
      gateways: this.gateways.slice(0, Math.max(1, options.heardBy ?? 1)),
      receivedAtMs: atMs,
      publicationId: this.nextPublication(),
      ...(options.decoded === undefined ? {} : { decoded: options.decoded }),
    };

    return { event, message: this.render(event) };
  }

  /**
   * The same frame published again as a separate event, as ChirpStack has been seen to do: a
   * new server id, a little later, heard by one gateway.
   */
  republish(event: UplinkEvent, delayMs = 150): SimMessage {
    return this.render({
      ...event,
      gateways: event.gateways.slice(-1),
      receivedAtMs: event.receivedAtMs + delayMs,
      publicationId: this.nextPublication(),
    });
  }

  render(event: UplinkEvent): SimMessage {
    return this.kind === 'ttn' ? ttnUplinkMessage(event) : chirpstackUplinkMessage(event);
  }

  private nextPublication(): number {
    this.publications += 1;

    return this.publications;
  }
}
