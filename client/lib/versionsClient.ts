/** The versions API (server/transport/versionsApi.ts) as the facilitator's client calls it. */
import { VersionList, VersionResponse, type VersionInfo } from '../../shared/versions';
import { accessScope, loadAccess } from './access';

const url = (roomId: string, path = ''): string => `/api/rooms/${encodeURIComponent(roomId)}/versions${path}`;
const auth = (roomId: string): Record<string, string> => ({ authorization: `Bearer ${loadAccess(accessScope(roomId, false))?.token ?? ''}` });

async function ok(res: Response): Promise<unknown> {
  if (!res.ok) throw new Error(`versions API: ${res.status}`);
  return res.json();
}

export async function listVersions(roomId: string): Promise<VersionInfo[]> {
  return VersionList.parse(await ok(await fetch(url(roomId), { headers: auth(roomId) }))).versions;
}

export async function fetchVersion(roomId: string, id: string): Promise<VersionResponse> {
  return VersionResponse.parse(await ok(await fetch(url(roomId, `/${encodeURIComponent(id)}`), { headers: auth(roomId) })));
}

export async function saveVersion(roomId: string, name: string, reason: 'manual' | 'restore' = 'manual'): Promise<void> {
  await ok(await fetch(url(roomId), { method: 'POST', headers: { ...auth(roomId), 'content-type': 'application/json' }, body: JSON.stringify({ name, reason }) }));
}
