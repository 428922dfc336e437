import { describe, expect, it } from 'vitest';
import { codecRegistry } from '../../src/lorawan/codec-registry.js';
import { hexBytes, loadVectorFiles } from './vector-files.js';
import { hasTranslator, translateVendorOutput } from './vendor-expectations.js';

const vectorFiles = loadVectorFiles();

describe('codec registry against the vector files', () => {
  it('has a codec for every vector file and a vector file for every codec', () => {
    const codecIds = codecRegistry.list().map((c) => c.id);

    expect(vectorFiles.map((f) => f.id)).toEqual(codecIds);
    for (const file of vectorFiles) expect(hasTranslator(file.id)).toBe(true);
  });
});

for (const file of vectorFiles) {
  describe(`${file.vendor} ${file.model}`, () => {
    for (const example of file.examples) {
      it(example.name, () => {
        const result = codecRegistry.decode(file.id, example.fPort, hexBytes(example.bytesHex));

        if (example.expected === null) {
          expect(example.expectedErrors).toEqual(['unknown FPort']);
          expect(result).toMatchObject({ ok: false, code: 'unknown-port' });
          return;
        }
        if (!result.ok) throw new Error(`rejected: ${result.code}: ${result.reason}`);
        const expectation = translateVendorOutput(file.id, example.expected);
        expect(result.frame).toMatchObject(expectation);
        const hasLevel = ['distanceMm', 'deviceFillPct', 'noEcho'].some(
          (key) => expectation[key] !== undefined && expectation[key] !== null,
        );
        expect(result.frame.kind).toBe(hasLevel ? 'measurement' : 'status');
        expect(result.frame.model).toBe(file.id);
        expect(result.frame.origin).toBe('codec');

        if (example.publishedExpected !== undefined) {
          const published = translateVendorOutput(file.id, example.publishedExpected, true);
          expect(result.frame).toMatchObject(published);
        }
      });
    }
  });
}
