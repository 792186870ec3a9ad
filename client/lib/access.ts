/**
 * What this device holds for one room: the link token it came in with, the
 * server-issued identity, and (for the creator) every role's link. Kept in
 * localStorage per room, so a reload keeps the same role and identity.
 */
import { formatJoinCode, normalizeJoinCode } from '../../shared/ids';
import { IdentityResponse, type CreateRoomResponse } from '../../shared/api';
import type { Role } from '../../shared/phases';

export interface RoomLinks {
  facilitator: string;
  participant: string;
  observer: string;
  /** The short join code (in `tokens`) or its `/j/…` link (in `links`). */
  join?: string;
}

export interface RoomAccess {
  /** The link token the device was let in with. */
  token: string;
  role: Role | null;
  participantId: string | null;
  identityToken: string | null;
  /** Only on the device that created the room. */
  links: RoomLinks | null;
  tokens: RoomLinks | null;
}

/** A room's board and its projector keep separate access: one browser may be both. */
export const accessScope = (roomId: string, present: boolean): string => (present ? `${roomId}/present` : roomId);
const keyOf = (scope: string): string => `tavolo.room.${scope}`;

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const isRole = (v: unknown): v is Role => v === 'facilitator' || v === 'participant' || v === 'observer';
const readLinks = (v: unknown): RoomLinks | null => {
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  const [f, p, ob] = [str(o.facilitator), str(o.participant), str(o.observer)];
  const join = str(o.join);
  return f && p && ob ? { facilitator: f, participant: p, observer: ob, ...(join ? { join } : {}) } : null;
};

export function loadAccess(scope: string): RoomAccess | null {
  try {
    const raw = window.localStorage.getItem(keyOf(scope));
    if (!raw) return null;
    const v = JSON.parse(raw) as Record<string, unknown>;
    const token = str(v.token);
    if (!token) return null;
    return {
      token,
      role: isRole(v.role) ? v.role : null,
      participantId: str(v.participantId),
      identityToken: str(v.identityToken),
      links: readLinks(v.links),
      tokens: readLinks(v.tokens),
    };
  } catch {
    return null;
  }
}

export function saveAccess(scope: string, access: RoomAccess): void {
  try {
    window.localStorage.setItem(keyOf(scope), JSON.stringify(access));
  } catch {
    // Private mode may refuse storage; the access still lasts for this tab.
  }
}

/** The creator keeps every role's link, and enters as facilitator. */
export function saveCreatedRoom(created: CreateRoomResponse): void {
  saveAccess(created.roomId, {
    token: created.tokens.facilitator,
    role: null,
    participantId: null,
    identityToken: null,
    links: created.links,
    tokens: { ...created.tokens, join: created.joinCode },
  });
}

/** The parts of a link's fragment: `#t=<link token>&id=<identity token>&join=<participant token>`. */
export interface LinkFragment {
  token: string | null;
  identity: string | null;
  join: string | null;
}

export function readFragment(hash: string): LinkFragment {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return { token: str(params.get('t')), identity: str(params.get('id')), join: str(params.get('join')) };
}

/** Takes the secret out of the address bar (and out of history) once it is stored. */
export function clearFragment(): void {
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
}

/** What the link in the address bar, if any, makes of what the device stored; nothing is saved. */
export function accessFromFragment(stored: RoomAccess | null, fragment: LinkFragment): RoomAccess | null {
  if (!fragment.token) return stored;
  const sameToken = stored?.token === fragment.token;
  return {
    token: fragment.token,
    // A new link may mean a new role: ask the server again unless an identity came with it.
    role: sameToken && !fragment.identity ? (stored?.role ?? null) : null,
    participantId: sameToken && !fragment.identity ? (stored?.participantId ?? null) : null,
    identityToken: fragment.identity ?? (sameToken ? (stored?.identityToken ?? null) : null),
    links: stored?.links ?? null,
    tokens: stored?.tokens ?? null,
  };
}

/** Adopts the link in the address bar, if any, for this room (and view). */
export function adoptFragment(scope: string, fragment: LinkFragment): RoomAccess | null {
  const next = accessFromFragment(loadAccess(scope), fragment);
  if (fragment.token && next) saveAccess(scope, next);
  return next;
}

/** Without a link of its own, a projector opened on the facilitator's device borrows their observer token. */
export function borrowedObserver(roomId: string): RoomAccess | null {
  const board = loadAccess(roomId);
  if (!board?.tokens) return null;
  return { token: board.tokens.observer, role: null, participantId: null, identityToken: null, links: board.links, tokens: null };
}

/** An observer needs no identity; everyone else needs the server's before the board opens. */
export const hasIdentity = (a: RoomAccess): boolean => a.role === 'observer' || a.identityToken !== null;

export type IdentityResult = { ok: true; identity: IdentityResponse } | { ok: false; invalid: boolean; notFound: boolean };

export async function requestIdentity(roomId: string, token: string): Promise<IdentityResult> {
  const res = await fetch(`/api/rooms/${encodeURIComponent(roomId)}/identity`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: '{}',
  });
  if (res.status === 401 || res.status === 403) return { ok: false, invalid: true, notFound: false };
  if (res.status === 404) return { ok: false, invalid: false, notFound: true };
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return { ok: true, identity: IdentityResponse.parse(await res.json()) };
}

/** The link that moves this identity to another device. */
export const deviceLink = (roomId: string, access: RoomAccess): string =>
  `${window.location.origin}/r/${roomId}#t=${access.token}${access.identityToken ? `&id=${access.identityToken}` : ''}`;

/** The projector's address: the observer token, plus the participant token for its QR code. */
export const projectorLink = (roomId: string, tokens: RoomLinks): string =>
  `${window.location.origin}/r/${roomId}/present#t=${tokens.observer}&join=${tokens.join ?? tokens.participant}`;

/** The participant join link, rebuilt from a token (the projector knows only the token). */
export function joinLinkFromToken(roomId: string, participantToken: string): string {
  // A join code makes the short link people can type from the wall.
  const code = participantToken.length <= 16 ? normalizeJoinCode(participantToken) : null;
  if (code) return `${window.location.origin}/j/${formatJoinCode(code)}`;
  return `${window.location.origin}/r/${roomId}#t=${participantToken}`;
}
