/**
 * "Join with a code": the code from the projector, typed by hand. A code that
 * matches no workshop says so beside the field and keeps it for retyping.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatJoinCode, normalizeJoinCode } from '../../shared/ids';
import { enterWithCode, lookUpJoinCode, type JoinLookup } from '../lib/joinCode';

const ERROR_KEYS: Record<Exclude<JoinLookup['kind'], 'found'>, string> = {
  unknown: 'joinCode.unknown',
  busy: 'joinCode.busy',
  error: 'joinCode.error',
};

export function JoinCodeForm({ initialCode = '', initialError = null }: { initialCode?: string; initialError?: Exclude<JoinLookup['kind'], 'found'> | null }) {
  const { t } = useTranslation();
  const [code, setCode] = useState(() => {
    const normal = normalizeJoinCode(initialCode);
    return normal ? formatJoinCode(normal) : initialCode;
  });
  const [error, setError] = useState(initialError);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const found = await lookUpJoinCode(code);
    if (found.kind === 'found') return enterWithCode(found.roomId, found.code);
    setError(found.kind);
    setBusy(false);
  };

  return (
    <form className="home-form join-code-form" onSubmit={(e) => void submit(e)}>
      <label className="field">
        <span className="field-label">{t('joinCode.label')}</span>
        <input
          className="input input-large join-code-input"
          value={code}
          maxLength={40}
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          placeholder="K7P2Q-X9M4T"
          aria-invalid={error !== null}
          aria-describedby={error ? 'join-code-error' : undefined}
          onChange={(e) => {
            setCode(e.target.value);
            setError(null);
          }}
        />
      </label>
      {error && (
        <p id="join-code-error" className="error" role="alert">
          {t(ERROR_KEYS[error])}
        </p>
      )}
      <button type="submit" className="btn btn-secondary btn-large" disabled={busy || !code.trim()}>
        {t('joinCode.submit')}
      </button>
    </form>
  );
}
