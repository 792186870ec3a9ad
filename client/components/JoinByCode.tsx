/**
 * The projector's short link: resolves the join code to its room, then
 * enters it with the code as the participant's link token, as a full
 * participant link would. A mistyped code says so and offers the code back
 * to correct, not a dead end.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { enterWithCode, lookUpJoinCode, type JoinLookup } from '../lib/joinCode';
import { HomeLink } from './HomeLink';
import { JoinCodeForm } from './JoinCodeForm';
import { LanguageSwitch } from './LanguageSwitch';
import '../styles/Home.css';

export function JoinByCode({ code }: { code: string }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<Exclude<JoinLookup['kind'], 'found'> | null>(null);
  useEffect(() => {
    let cancelled = false;
    void lookUpJoinCode(code).then((r) => {
      if (cancelled) return;
      if (r.kind === 'found') enterWithCode(r.roomId, r.code);
      else setFailure(r.kind);
    });
    return () => {
      cancelled = true;
    };
  }, [code]);
  if (!failure) return <main className="page page-center" aria-busy="true" />;
  return (
    <main className="page page-center">
      <div className="page-lang">
        <LanguageSwitch />
      </div>
      <section className="card" aria-labelledby="join-code-title">
        <h1 id="join-code-title">{t('joinCode.title')}</h1>
        <JoinCodeForm initialCode={code} initialError={failure} />
        <HomeLink />
      </section>
    </main>
  );
}
