/**
 * The projector's short link: resolves the join code to its room, then
 * enters it with the code as the participant's link token, as a full
 * participant link would.
 */
import { useEffect, useState } from 'react';
import { JoinResponse } from '../../shared/api';
import { normalizeJoinCode } from '../../shared/ids';
import { InvalidLink } from './InvalidLink';

export function JoinByCode({ code }: { code: string }) {
  const [failure, setFailure] = useState<'invalid' | 'error' | null>(() => (normalizeJoinCode(code) ? null : 'invalid'));
  useEffect(() => {
    const normal = normalizeJoinCode(code);
    if (!normal) return;
    let cancelled = false;
    fetch('/api/join', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: normal }) })
      .then(async (res) => {
        if (cancelled) return;
        if (res.status === 404) return setFailure('invalid');
        if (!res.ok) return setFailure('error');
        const { roomId } = JoinResponse.parse(await res.json());
        window.location.replace(`/r/${encodeURIComponent(roomId)}#t=${normal}`);
      })
      .catch(() => !cancelled && setFailure('error'));
    return () => {
      cancelled = true;
    };
  }, [code]);
  if (failure) return <InvalidLink reason={failure} />;
  return <main className="page page-center" aria-busy="true" />;
}
