/** Random URL-safe ids from the platform's cryptographic source (Web Crypto in
 * browsers and in Node 20), so ids are unguessable and never collide in practice. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function randomId(length = 16): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  let out = '';
  // 64 symbols: each byte's low 6 bits pick one uniformly.
  for (const b of bytes) out += ALPHABET[b & 63];
  return out;
}

/** Room ids carry 22 × 6 = 132 random bits. */
export const ROOM_ID_LENGTH = 22;
export const ROOM_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
export const newRoomId = (): string => randomId(ROOM_ID_LENGTH);
export const isRoomId = (v: string): boolean => ROOM_ID_PATTERN.test(v);

/** Item ids (notes, scenarios, participants) only need to be collision-free. */
export const ITEM_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
export const newItemId = (): string => randomId(16);
