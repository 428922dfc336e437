import { type DecodeResult, FrameRejectedError, reject } from './decode-result.js';

/**
 * A sensor model's payload decoder. Adding a model means adding one file under `codecs/` that
 * exports one of these (built with `defineCodec`), listing it in `codecs/index.ts`, and adding its
 * vector file under `tests/fixtures/lorawan/`.
 */
export interface SensorCodec {
  /** Stable id, the vector file name without `.json` (e.g. `milesight-em310-udl`). */
  id: string;
  vendor: string;
  model: string;
  /** LoRaWAN FPorts that carry this model's uplinks; any other port is refused. */
  ports: readonly number[];
  /** What one uplink carries, for `pesan decode --list` and the docs. */
  summary: string;
  /**
   * Battery voltage below which the vendor says to replace the battery, for models that report
   * volts; null when the vendor gives no figure (configure one per fleet instead).
   */
  lowBatteryV: number | null;
  /** Never throws: every problem comes back as a rejection with a reason. */
  decode(fPort: number, bytes: Uint8Array): DecodeResult;
}

export type CodecSpec = Omit<SensorCodec, 'decode'> & {
  /** Called only for a non-empty payload on one of `ports`; may throw `FrameRejectedError`. */
  decodeFrame(fPort: number, bytes: Uint8Array): DecodeResult;
};

/** Wraps a model's decoder with the checks every model shares. */
export function defineCodec(spec: CodecSpec): SensorCodec {
  const { decodeFrame, ...meta } = spec;

  return {
    ...meta,
    decode(fPort, bytes) {
      if (!spec.ports.includes(fPort)) {
        return reject(
          'unknown-port',
          `${spec.vendor} ${spec.model} does not send on FPort ${fPort} ` +
            `(expected ${spec.ports.join(' or ')})`,
        );
      }
      if (bytes.length === 0) {
        return reject('empty-payload', 'the frame carries no application payload');
      }
      try {
        return decodeFrame(fPort, bytes);
      } catch (error) {
        if (error instanceof FrameRejectedError) return reject(error.code, error.message);
        throw error;
      }
    },
  };
}
