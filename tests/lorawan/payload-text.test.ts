import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/lorawan/byte-cursor.js';
import { parsePayloadText } from '../../src/lorawan/payload-text.js';

const hexOf = (text: string, forced?: 'hex' | 'base64') => {
  const result = parsePayloadText(text, forced);
  if (!result.ok) throw new Error(result.reason);

  return `${result.encoding}:${toHex(result.bytes)}`;
};

describe('payload text', () => {
  it('reads hex with spaces, 0x prefix and any case', () => {
    expect(hexOf('01 75 5c')).toBe('hex:01755C');
    expect(hexOf('0x01755C')).toBe('hex:01755C');
  });

  it('reads base64, and hex-looking text as base64 when forced', () => {
    expect(hexOf('AXVcA4JECAQAAQ==')).toBe('base64:01755C03824408040001');
    expect(hexOf('ABCD')).toBe('hex:ABCD');
    expect(hexOf('ABCD', 'base64')).toBe('base64:001083');
  });

  it('refuses text that is neither, and non-hex when hex is forced', () => {
    expect(parsePayloadText('zz!')).toMatchObject({ ok: false });
    expect(parsePayloadText('')).toMatchObject({ ok: false });
    expect(parsePayloadText('AXVc', 'hex')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not hex'),
    });
  });
});
