import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Loads the copied vector files (tests/fixtures/lorawan, origin in its README). */
export interface VectorExample {
  name: string;
  fPort: number;
  bytesHex: string;
  expected: Record<string, unknown> | null;
  expectedErrors?: string[];
  publishedExpected?: Record<string, unknown>;
}

export interface VectorFile {
  id: string;
  vendor: string;
  model: string;
  examples: VectorExample[];
}

const LORAWAN_DIR = fileURLToPath(new URL('../fixtures/lorawan/', import.meta.url));
const NETWORK_SERVER_DIR = fileURLToPath(new URL('../fixtures/network-servers/', import.meta.url));

export function loadVectorFiles(): VectorFile[] {
  return readdirSync(LORAWAN_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const parsed = JSON.parse(readFileSync(LORAWAN_DIR + name, 'utf8')) as Omit<VectorFile, 'id'>;

      return { ...parsed, id: name.replace(/\.json$/, '') };
    });
}

export interface EnvelopeFixture {
  file: string;
  description: string;
  topic: string;
  payload: Record<string, unknown>;
}

export function loadEnvelopeFixtures(): EnvelopeFixture[] {
  return readdirSync(NETWORK_SERVER_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((file) => ({
      file,
      ...(JSON.parse(readFileSync(NETWORK_SERVER_DIR + file, 'utf8')) as Omit<
        EnvelopeFixture,
        'file'
      >),
    }));
}

export function envelopeFixture(file: string): EnvelopeFixture {
  const found = loadEnvelopeFixtures().find((f) => f.file === file);
  if (found === undefined) throw new Error(`no envelope fixture ${file}`);

  return found;
}

export function hexBytes(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex, 'hex'));
}
