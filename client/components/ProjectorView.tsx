/**
 * The projector (observer link): large type, the phase and its prompt, the
 * timer, a QR code for joining, and the board fitted to its content — or to
 * whatever the facilitator spotlights, always. Revealed results and the
 * Co-design action plan take the stage over the board.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTE_HEIGHT, NOTE_WIDTH, type SessionView } from '../../shared/schema';
import { useBoard } from '../hooks/useBoard';
import { useFollowSpotlight } from '../hooks/useFollowSpotlight';
import { useNoteIds } from '../hooks/useNoteIds';
import { useScenarios } from '../hooks/useScenarios';
import { useViewport } from '../hooks/useViewport';
import { useJoinLink } from '../hooks/useJoinLink';
import { useProjectorTheme } from '../hooks/useProjectorTheme';
import type { RoomAccess } from '../lib/access';
import { unionRect, type Rect } from '../lib/viewport';
import { Canvas } from './Canvas';
import { ConnectionStatus } from './ConnectionStatus';
import { Icon } from './icons';
import { LanguageSwitch } from './LanguageSwitch';
import { PhaseBar } from './PhaseBar';
import { ProjectorPanels } from './ProjectorPanels';
import { QrCode } from './QrCode';
import type { RoomChrome } from './RoomScreen';
import { TimerDisplay } from './TimerDisplay';
import '../styles/Projector.css';

/** What people type: the address without its scheme, the join code on its own line in the largest type. */
function ShortAddress({ link }: { link: string }) {
  const bare = link.replace(/^https?:\/\//, '');
  const m = /^(.*\/j\/)([^/]+)$/.exec(bare);
  if (!m) return <span className="projector-link-host">{bare}</span>;
  return (
    <>
      <span className="projector-link-host">{m[1]}</span>
      <span className="projector-link-code">{m[2]}</span>
    </>
  );
}

interface ProjectorViewProps {
  chrome: RoomChrome;
  session: SessionView;
  access: RoomAccess;
  joinToken: string | null;
}

export function ProjectorView({ chrome, session, access, joinToken }: ProjectorViewProps) {
  const { t } = useTranslation();
  const { doc, positions, viewRef, role, serverNow } = useBoard();
  const containerRef = useRef<HTMLDivElement>(null);
  const worldRef = useRef<HTMLDivElement>(null);
  const viewport = useViewport(containerRef, worldRef, viewRef);
  const ids = useNoteIds(doc);
  const scenarios = useScenarios(doc);
  const followed = useFollowSpotlight(doc, session.spotlight, true, viewport, worldRef);
  const join = useJoinLink(chrome.roomId, access, joinToken);
  const { fit, size } = viewport;
  const spotlit = session.spotlight !== null;
  const [theme, setTheme] = useProjectorTheme();

  // Without a spotlight, the whole board stays in view as it grows.
  useEffect(() => {
    if (spotlit || size.width === 0) return;
    const rects: Rect[] = scenarios.map((s) => ({ x: s.x, y: s.y, w: s.w, h: s.h }));
    for (const [, p] of positions.entries()) rects.push({ x: p.x, y: p.y, w: NOTE_WIDTH, h: NOTE_HEIGHT });
    fit(unionRect(rects));
  }, [ids.length, scenarios, positions, fit, size, spotlit, chrome.synced]);

  return (
    <div className="projector" data-role={role} data-theme={theme}>
      <header className="projector-header">
        <h1 className="projector-title">{session.title || '\u00a0'}</h1>
        <div className="projector-header-tools">
          <ConnectionStatus status={chrome.status} synced={chrome.synced} />
          <button type="button" className="btn btn-secondary projector-theme" aria-pressed={theme === 'dark'} onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}>
            <Icon name="moon" /> {t('projector.darkTheme')}
          </button>
          <LanguageSwitch />
        </div>
      </header>
      <PhaseBar doc={doc} session={session} role="observer" serverNow={serverNow} showTimer={false} />
      <div className="projector-body">
        <main className="projector-stage" data-following={followed ?? ''}>
          <Canvas
            viewport={viewport}
            containerRef={containerRef}
            worldRef={worldRef}
            drafts={null}
            spotlightId={session.spotlight?.id ?? null}
            cursorSendMs={500}
            facilitatorCursorOnly
          />
          <ProjectorPanels session={session} />
        </main>
        <aside className="projector-side" aria-label={t('projector.side')}>
          <TimerDisplay timer={session.timer} serverNow={serverNow} size="large" />
          {session.locked && <p className="projector-lock">
              <Icon name="lock" /> {t('lock.banner')}
            </p>}
          {join && (
            <section className="projector-join" aria-labelledby="projector-join-title">
              <h2 id="projector-join-title">{t('projector.join')}</h2>
              <QrCode value={join} label={t('links.qrParticipant')} className="qr-large" />
              <p className="projector-link" data-join-link={join}>
                <ShortAddress link={join} />
              </p>
            </section>
          )}
        </aside>
      </div>
    </div>
  );
}
