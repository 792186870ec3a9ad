/**
 * The participant join link the projector shows (QR code and short address).
 * The server hands it to the projector's observer token on every load, so
 * it survives reloads and re-opens; until it answers (or for a room made
 * before join codes could be asked for again) the link the projector was
 * opened with, or the facilitator's own links on this device, stand in.
 */
import { useEffect, useMemo, useState } from 'react';
import { JoinCodeResponse } from '../../shared/api';
import { joinLinkFromToken, loadAccess, type RoomAccess } from '../lib/access';

const joinKey = (roomId: string): string => `tavolo.join.${roomId}`;

/** The join token a projector link carried, kept on the device for rooms the server cannot give a code for. */
function rememberedJoinToken(roomId: string, fromLink: string | null): string | null {
  try {
    if (fromLink) window.localStorage.setItem(joinKey(roomId), fromLink);
    return fromLink ?? window.localStorage.getItem(joinKey(roomId));
  } catch {
    return fromLink;
  }
}

/** The join link without asking the server: from the projector link (now or before), or the facilitator's links here. */
function localJoinLink(roomId: string, access: RoomAccess, fromLink: string | null): string | null {
  const joinToken = rememberedJoinToken(roomId, fromLink);
  if (joinToken) return joinLinkFromToken(roomId, joinToken);
  const links = access.links ?? loadAccess(roomId)?.links;
  return links?.join ?? links?.participant ?? null;
}

export async function fetchJoinLink(roomId: string, token: string): Promise<string | null> {
  const res = await fetch(`/api/rooms/${encodeURIComponent(roomId)}/join-code`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) return null;
  const parsed = JoinCodeResponse.safeParse(await res.json());
  return parsed.success ? parsed.data.link : null;
}

export function useJoinLink(roomId: string, access: RoomAccess, joinToken: string | null): string | null {
  const [fromServer, setFromServer] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    fetchJoinLink(roomId, access.token).then(
      (link) => !cancelled && setFromServer(link),
      // Offline: the local link (if any) stays until the next load.
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [roomId, access.token]);
  const local = useMemo(() => localJoinLink(roomId, access, joinToken), [roomId, access, joinToken]);
  return fromServer ?? local;
}
