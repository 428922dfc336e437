/**
 * Reads a payload a person typed or pasted: hex (`01 75 5C`, `0x01755C`, any case) or base64 as
 * the network servers show it. Text that is valid hex is taken as hex, since hex is what
 * datasheets and vendor examples print; force base64 when a payload is both.
 */
export type PayloadEncoding = 'hex' | 'base64';

export type PayloadTextResult =
  | { ok: true; bytes: Uint8Array; encoding: PayloadEncoding }
  | { ok: false; reason: string };

const HEX = /^(?:[0-9a-fA-F]{2})*$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function parsePayloadText(text: string, forced?: PayloadEncoding): PayloadTextResult {
  const compact = text.replace(/\s+/g, '');
  const hex = compact.replace(/^0x/i, '');

  if (forced !== 'base64' && hex.length > 0 && HEX.test(hex)) {
    return { ok: true, bytes: new Uint8Array(Buffer.from(hex, 'hex')), encoding: 'hex' };
  }
  if (forced === 'hex') {
    return { ok: false, reason: `"${text}" is not hex: expected pairs of 0-9/A-F digits` };
  }
  if (compact.length > 0 && compact.length % 4 === 0 && BASE64.test(compact)) {
    return { ok: true, bytes: new Uint8Array(Buffer.from(compact, 'base64')), encoding: 'base64' };
  }

  return { ok: false, reason: `"${text}" is neither hex nor standard base64` };
}
