/**
 * Python's lenient `base64.b64decode` / `urlsafe_b64decode` (binascii.a2b_base64, non-strict): characters outside
 * the alphabet are skipped, enough `=` ends the input, and a short final group is an error. httpbin uses it for
 * Basic credentials and /base64/:value, so the mock accepts and refuses exactly what the real one does.
 *
 *   pythonB64decode('SFRUUEJJTiBpcyBhd2Vzb21l')   // bytes of 'HTTPBIN is awesome'
 *   pythonB64decode('YQ')                         // null: "Incorrect padding"
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The decoded bytes, or null where Python raises binascii.Error. */
export function pythonB64decode(text: string, urlsafe = false): Uint8Array | null {
  const input = urlsafe ? text.replace(/-/g, '+').replace(/_/g, '/') : text;
  const out: number[] = [];
  let quadPos = 0;
  let pads = 0;
  let leftChar = 0;
  for (const ch of input) {
    if (ch === '=') {
      if (quadPos >= 2 && quadPos + ++pads >= 4) return new Uint8Array(out);
      continue;
    }
    const value = ALPHABET.indexOf(ch);
    if (value === -1) continue;
    pads = 0;
    switch (quadPos) {
      case 0:
        quadPos = 1;
        leftChar = value;
        break;
      case 1:
        quadPos = 2;
        out.push((leftChar << 2) | (value >> 4));
        leftChar = value & 0x0f;
        break;
      case 2:
        quadPos = 3;
        out.push((leftChar << 4) | (value >> 2));
        leftChar = value & 0x03;
        break;
      default:
        quadPos = 0;
        out.push((leftChar << 6) | value);
        leftChar = 0;
    }
  }
  return quadPos === 0 ? new Uint8Array(out) : null;
}
