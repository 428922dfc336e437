import type { SensorCodec } from './codec.js';
import { CODECS } from './codecs/index.js';
import { type DecodeResult, reject } from './decode-result.js';

/** Codec ids are matched case-insensitively, so `Milesight-EM310-UDL` in a registry works too. */
export class CodecRegistry {
  private readonly byId = new Map<string, SensorCodec>();

  constructor(codecs: readonly SensorCodec[]) {
    for (const codec of codecs) {
      const key = codec.id.toLowerCase();
      if (this.byId.has(key)) throw new Error(`two codecs claim the model id "${codec.id}"`);
      this.byId.set(key, codec);
    }
  }

  get(modelId: string): SensorCodec | undefined {
    return this.byId.get(modelId.trim().toLowerCase());
  }

  list(): SensorCodec[] {
    return [...this.byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  decode(modelId: string, fPort: number, bytes: Uint8Array): DecodeResult {
    const codec = this.get(modelId);
    if (codec === undefined) {
      return reject(
        'unknown-model',
        `no codec for model "${modelId}"; known: ${this.list()
          .map((c) => c.id)
          .join(', ')}`,
      );
    }

    return codec.decode(fPort, bytes);
  }
}

export const codecRegistry = new CodecRegistry(CODECS);
