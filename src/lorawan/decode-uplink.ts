import { type CodecRegistry, codecRegistry } from './codec-registry.js';
import { type DecodeResult, reject } from './decode-result.js';
import { mapDecodedObject } from './object-mapper.js';
import type { ObjectMappings } from './object-mapping.js';
import type { LoraUplink } from './uplink.js';

export interface DecodeUplinkOptions {
  registry?: CodecRegistry;
  /** Per-model mappings of the server's decoded object, for models without a codec. */
  objectMappings?: ObjectMappings;
}

/**
 * Decodes an uplink for the model the device is registered as. Our own codec always wins; the
 * network server's decoded object is read only for models we have no codec for, and only
 * through a configured mapping. A codec's rejection is final: falling back to the server's
 * object then would pass on what our decoder found wrong.
 */
export function decodeUplink(
  uplink: LoraUplink,
  modelHint: string,
  options: DecodeUplinkOptions = {},
): DecodeResult {
  const registry = options.registry ?? codecRegistry;
  if (registry.get(modelHint) !== undefined) {
    return registry.decode(modelHint, uplink.fPort, uplink.payload);
  }

  const mapping = findMapping(options.objectMappings, modelHint);
  if (mapping !== undefined) return mapDecodedObject(modelHint, uplink.decodedObject, mapping);

  return reject(
    'unknown-model',
    `no codec and no decoded-object mapping for model "${modelHint}"; codecs: ` +
      registry
        .list()
        .map((c) => c.id)
        .join(', '),
  );
}

function findMapping(mappings: ObjectMappings | undefined, model: string) {
  if (mappings === undefined) return undefined;
  const wanted = model.trim().toLowerCase();
  const key = Object.keys(mappings).find((k) => k.toLowerCase() === wanted);

  return key === undefined ? undefined : mappings[key];
}
