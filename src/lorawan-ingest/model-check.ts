import { type CodecRegistry, codecRegistry, type ObjectMappings } from '../lorawan/index.js';

/**
 * Why a LoRaWAN device registered as `model` could not be decoded, or null when it can: the
 * model needs a codec of ours or a configured decoded-object mapping.
 */
export function lorawanModelProblem(
  model: string,
  mappings: ObjectMappings,
  codecs: CodecRegistry = codecRegistry,
): string | null {
  const wanted = model.trim().toLowerCase();
  if (codecs.get(wanted) !== undefined) return null;
  if (Object.keys(mappings).some((k) => k.toLowerCase() === wanted)) return null;

  const known = [...codecs.list().map((c) => c.id), ...Object.keys(mappings)];

  return (
    `no codec and no lorawan.objectMappings entry for model "${model}"; ` +
    `known: ${known.join(', ')}`
  );
}
