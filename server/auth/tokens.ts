/**
 * Secrets that open a room. Each room has three link tokens (facilitator,
 * participant, observer): 192 random bits, handed out once at creation and
 * stored only as SHA-256 hashes. A participant's identity is a token the
 * server signs (HMAC with a per-installation key), so it needs no storage
 * and survives reloads and a move to another device.
 */
import crypto from 'node:crypto';
import { ITEM_ID_PATTERN, joinCodeFromBytes, newItemId, normalizeJoinCode } from '../../shared/ids';
import { ROLES, type Role } from '../../shared/phases';

export type LinkTokens = Record<Role, string>;
/** Hashes of a room's link tokens, and of its short join code (a participant credential). */
export type TokenHashes = Record<Role, string> & { join?: string };

export const newToken = (): string => crypto.randomBytes(24).toString('base64url');

export function newLinkTokens(): LinkTokens {
  return { facilitator: newToken(), participant: newToken(), observer: newToken() };
}

export const hashToken = (token: string): string => crypto.createHash('sha256').update(token).digest('hex');

export function hashLinkTokens(tokens: LinkTokens): TokenHashes {
  return { facilitator: hashToken(tokens.facilitator), participant: hashToken(tokens.participant), observer: hashToken(tokens.observer) };
}

/** The role a link token (or the join code) opens, comparing in constant time against every role. */
export function roleOfToken(token: string | null | undefined, hashes: TokenHashes): Role | null {
  if (!token || token.length > 256) return null;
  const presented = Buffer.from(hashToken(token), 'hex');
  const code = normalizeJoinCode(token);
  const presentedCode = code ? Buffer.from(hashToken(code), 'hex') : presented;
  let found: Role | null = null;
  for (const role of ROLES) {
    const expected = Buffer.from(hashes[role], 'hex');
    // No early exit: every role is compared, so timing says nothing about which matched.
    if (expected.length === presented.length && crypto.timingSafeEqual(expected, presented) && found === null) found = role;
  }
  if (hashes.join) {
    const expected = Buffer.from(hashes.join, 'hex');
    if (expected.length === presentedCode.length && crypto.timingSafeEqual(expected, presentedCode) && found === null) found = 'participant';
  }
  return found;
}

/**
 * A room's join code, derived from its id with a per-installation key rather
 * than drawn at random: the server can hand it to the facilitator and the
 * projector again (a reloaded projector keeps its QR code) while the database
 * still holds only its hash. Knowing the code needs the key, exactly as
 * forging an identity does; 50 bits of an HMAC are as unguessable as 50
 * random ones.
 */
export const deriveJoinCode = (key: Uint8Array, roomId: string): string =>
  joinCodeFromBytes(crypto.createHmac('sha256', key).update(`join\0${roomId}`).digest());

const mac = (key: Uint8Array, roomId: string, participantId: string): string =>
  crypto.createHmac('sha256', key).update(`identity\0${roomId}\0${participantId}`).digest('base64url');

export interface Identity {
  participantId: string;
  identityToken: string;
}

export function issueIdentity(key: Uint8Array, roomId: string, participantId = newItemId()): Identity {
  return { participantId, identityToken: `${participantId}.${mac(key, roomId, participantId)}` };
}

/** The participant id an identity token names, or null when it was not signed for this room. */
export function verifyIdentity(key: Uint8Array, roomId: string, token: string | null | undefined): string | null {
  if (!token || token.length > 256) return null;
  const dot = token.indexOf('.');
  if (dot < 0) return null;
  const participantId = token.slice(0, dot);
  if (!ITEM_ID_PATTERN.test(participantId)) return null;
  const presented = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(mac(key, roomId, participantId));
  return presented.length === expected.length && crypto.timingSafeEqual(presented, expected) ? participantId : null;
}
