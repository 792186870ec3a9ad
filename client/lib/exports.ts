/**
 * The facilitator's downloads: each file comes from the server's export
 * endpoint (one builder for every copy of a report), fetched with the
 * facilitator's token and saved through a temporary object URL.
 */
import { BoardExport } from '../../shared/export/boardJson';
import type { ExportLanguage } from '../../shared/export/strings';
import { accessScope, loadAccess } from './access';

export type ExportFormat = 'md' | 'csv' | 'json';

/** The facilitator token this device holds for a room's board, if any (a role not yet confirmed is left to the server). */
export function facilitatorToken(roomId: string): string | null {
  const access = loadAccess(accessScope(roomId, false));
  return access && (access.role === 'facilitator' || access.role === null) ? access.token : null;
}

/** A download the server refused; `status` 401 means this device holds no facilitator token for the room. */
export class ExportFailed extends Error {
  constructor(readonly status: number) {
    super(`export failed: HTTP ${status}`);
  }
}

export async function fetchExport(roomId: string, token: string, format: ExportFormat, lang: ExportLanguage): Promise<{ blob: Blob; fileName: string }> {
  const res = await fetch(`/api/rooms/${encodeURIComponent(roomId)}/export?format=${format}&lang=${lang}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new ExportFailed(res.status);
  const disposition = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '');
  return { blob: await res.blob(), fileName: disposition?.[1] ?? `tavolo.${format}` };
}

export async function fetchBoard(roomId: string, token: string): Promise<{ file: BoardExport; fileName: string }> {
  const { blob, fileName } = await fetchExport(roomId, token, 'json', 'en');
  return { file: BoardExport.parse(JSON.parse(await blob.text())), fileName };
}

export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked after the click has been handled, so the download has its bytes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
