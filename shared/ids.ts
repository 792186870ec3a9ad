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

/**
 * Join codes: the short link on the projector (`/j/K7P2Q-X9M4T`). Ten
 * characters of Crockford's base32 (no I, L, O, U) carry 50 random bits;
 * the code is a participant credential, stored only as a hash, and the
 * endpoint that resolves it is rate-limited.
 */
const JOIN_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const JOIN_CODE_LENGTH = 10;
export const JOIN_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{10}$/;

export function newJoinCode(): string {
  const bytes = new Uint8Array(JOIN_CODE_LENGTH);
  globalThis.crypto.getRandomValues(bytes);
  return joinCodeFromBytes(bytes);
}

/** A join code from (at least JOIN_CODE_LENGTH) uniformly random or keyed-hash bytes: 5 bits each. */
export function joinCodeFromBytes(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes.subarray(0, JOIN_CODE_LENGTH)) out += JOIN_ALPHABET[b & 31];
  return out;
}

/** What people type: any case, dashes and spaces, O for 0 and I or L for 1. */
export function normalizeJoinCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return JOIN_CODE_PATTERN.test(code) ? code : null;
}

/** K7P2QX9M4T → K7P2Q-X9M4T, easier to read off a wall. */
export const formatJoinCode = (code: string): string => `${code.slice(0, 5)}-${code.slice(5)}`;
