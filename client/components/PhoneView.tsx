/**
 * The simple view for a phone in the room: the prompt and the timer, a box
 * to write a note, one's own notes, in Priorities a plain list of notes and
 * scenarios with Add dot / Remove dot and the results once revealed, and in
 * Co-design the action plan; outside Priorities, everyone else's notes and
 * the scenarios folded away, to comment and react. No canvas to pan.
 */
import { memo, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { MAX_NOTE_TEXT, type SessionView } from '../../shared/schema';
import { listScenarios } from '../../shared/scenarios';
import { BoardContext, useBoard, type BoardContextValue } from '../hooks/useBoard';
import { useNote } from '../hooks/useNote';
import { useNoteIds } from '../hooks/useNoteIds';
import { useNoteKeptText } from '../hooks/useNoteKeptText';
import { useNoteNudge } from '../hooks/useNoteNudge';
import { useNoteText } from '../hooks/useNoteText';
import { useScenarios } from '../hooks/useScenarios';
import { useVoting } from '../hooks/useVoting';
import type { ViewMode } from '../hooks/useViewMode';
import { PHONE_SEED_RINGS, freeSpotNear } from '../lib/placement';
import { ConnectionStatus } from './ConnectionStatus';
import { presenceIsLive } from '../lib/connectionStatus';
import { SaveStatus } from './SaveStatus';
import { CrowdPresence, DotsLeft, IdentityChip, ViewSwitch } from './BoardHeader';
import { ActionPlan } from './ActionPlan';
import { DotControls } from './DotControls';
import { ItemFeedback } from './ItemFeedback';
import { LanguageSwitch } from './LanguageSwitch';
import { LiveAnnouncer } from './LiveAnnouncer';
import { PhaseBar } from './PhaseBar';
import { RevealedResults } from './RevealedResults';
import type { RoomChrome } from './RoomScreen';
import { AuthorBadge } from './SectorBadge';
import { OriginBadge } from './OriginBadge';
import { SessionBanners } from './SessionBanners';
import { SiteFooter } from './SiteFooter';
import { TouchUndoButtons } from './UndoButtons';
import '../styles/PhoneView.css';

/** Where phone notes land on the board: near the top-left, fanned out. */
const PHONE_ORIGIN = { x: 40, y: 40 };

/** Which notes a list shows: one's own, everyone else's, or all. */
type Whose = 'mine' | 'others' | 'all';

const NoteRow = memo(function NoteRow({ doc, id, whose, vote }: { doc: Y.Doc; id: string; whose: Whose; vote: boolean }) {
  const { t } = useTranslation();
  const { identity, space } = useBoard();
  const note = useNote(doc, id);
  const text = useNoteText(doc, id);
  if (!note || (whose === 'mine' && note.authorId !== identity.id) || (whose === 'others' && note.authorId === identity.id)) return null;
  return (
    <li className={`phone-item note-${note.color}${space === 'drafts' ? ' is-draft' : ''}`} data-note-id={id}>
      <p className="phone-item-text">{text || t('note.empty')}</p>
      <div className="phone-item-meta">
        {space === 'drafts' ? (
          <span className="draft-hint" data-pending={note.pending || undefined}>
            {t(note.pending ? 'moderation.waiting' : 'note.privateHint')}
          </span>
        ) : (
          <AuthorBadge note={note} compact />
        )}
        {space !== 'drafts' && <OriginBadge origin={note.origin} />}
        {vote && <DotControls itemId={id} />}
      </div>
      <ItemFeedback itemId={id} label={text || t('note.empty')} />
    </li>
  );
});

function NoteList({ whose, vote }: { whose: Whose; vote: boolean }) {
  const { doc } = useBoard();
  const ids = useNoteIds(doc);
  return (
    <>
      {ids.map((id) => (
        <NoteRow key={id} doc={doc} id={id} whose={whose} vote={vote} />
      ))}
    </>
  );
}

/** This participant's notes not on the board yet: private drafts, or notes waiting for approval. */
function MyDrafts({ drafts }: { drafts: BoardContextValue | null }) {
  if (!drafts) return null;
  return (
    <BoardContext.Provider value={drafts}>
      <NoteList whose="mine" vote={false} />
    </BoardContext.Provider>
  );
}

function ScenarioList() {
  const { t } = useTranslation();
  const { doc } = useBoard();
  const scenarios = useScenarios(doc);
  return (
    <>
      {scenarios.map((s) => (
        <li key={s.id} className={`phone-item phone-scenario frame-${s.color}`} data-scenario-frame={s.id}>
          <p className="phone-item-text">
            <span className="phone-kind">{t('results.kindScenario')}</span> {s.name || t('scenario.unnamed')}
          </p>
          <div className="phone-item-meta">
            <DotControls itemId={s.id} />
          </div>
          <ItemFeedback itemId={s.id} label={s.name || t('scenario.unnamed')} />
        </li>
      ))}
    </>
  );
}

/** In a secret round: nobody sees dots before the reveal, not even totals. */
function SecretHint() {
  const { t } = useTranslation();
  const { settings, status } = useVoting();
  if (settings.mode !== 'secret' || status.state !== 'open') return null;
  return <p className="muted small phone-secret-hint">{t('voting.secretHint')}</p>;
}

/**
 * The box to write a note. What is typed is kept on the device as it is
 * typed, so a phase change (or a reload) mid-sentence loses nothing: while
 * writing is closed the box shows the text, read-only, and says why; it is
 * editable again, text and all, when writing reopens.
 */
function WriteBox({ onWrite, storeKey }: { onWrite: ((text: string) => void) | undefined; storeKey: string }) {
  const { t } = useTranslation();
  const [kept, setKept] = useNoteKeptText(storeKey);
  const text = kept ?? '';
  if (!onWrite && !text) return null;
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!onWrite || !text.trim()) return;
    onWrite(text.trim());
    setKept(null);
  };
  return (
    <form className="phone-write" onSubmit={submit} data-focus-home>
      <label className="field">
        <span className="field-label">{t('phone.write')}</span>
        <textarea
          className="input phone-textarea"
          value={text}
          maxLength={MAX_NOTE_TEXT}
          rows={3}
          readOnly={!onWrite}
          onChange={(e) => setKept(e.target.value || null)}
        />
      </label>
      {!onWrite && (
        <p className="muted small phone-kept" role="status">
          {t('phone.kept')}
        </p>
      )}
      <button type="submit" className="btn btn-primary btn-large" disabled={!onWrite || !text.trim()}>
        {t('toolbar.addNote')}
      </button>
    </form>
  );
}

interface PhoneViewProps {
  chrome: RoomChrome;
  session: SessionView;
  viewMode: ViewMode;
  onViewMode: (mode: ViewMode) => void;
}

export function PhoneView({ chrome, session, viewMode, onViewMode }: PhoneViewProps) {
  const { t } = useTranslation();
  const { doc, rights, role, serverNow, identity } = useBoard();
  const { writeNote, drafts } = chrome;
  const voting = rights.vote && role !== 'observer';
  useNoteNudge(doc, identity.id, role !== 'observer');

  const write = (text: string): void => {
    const spot = freeSpotNear(chrome.occupied, listScenarios(doc), PHONE_ORIGIN.x, PHONE_ORIGIN.y, { id: identity.id, rings: PHONE_SEED_RINGS });
    // A note sent from the box is one undo step, however soon after the last change it comes.
    chrome.history?.separate();
    writeNote?.(spot.x, spot.y, text);
    chrome.history?.separate();
  };

  return (
    <div className="phone" data-role={role}>
      <header className="phone-header">
        <div className="phone-title-row">
          <h1 className="board-title">{session.title || '\u00a0'}</h1>
          <ConnectionStatus status={chrome.status} synced={chrome.synced} />
          <SaveStatus drafts={chrome.drafts?.control} />
        </div>
        <div className="phone-tools">
          <ViewSwitch mode={viewMode} onChange={onViewMode} />
          <LanguageSwitch />
          {role !== 'observer' && <IdentityChip onClick={chrome.editIdentity} />}
        </div>
        {role !== 'observer' && chrome.history && <TouchUndoButtons history={chrome.history} />}
      </header>
      <PhaseBar doc={doc} session={session} role={role} serverNow={serverNow} compact />
      <SessionBanners session={session} />
      <main className="phone-main">
        {role !== 'observer' && <WriteBox onWrite={writeNote ? write : undefined} storeKey={`write.${chrome.roomId}`} />}
        {session.phase === 'priorities' && <RevealedResults />}
        {session.phase === 'codesign' && (
          <section aria-labelledby="phone-actions-title">
            <h2 id="phone-actions-title">{t('phone.actionPlan')}</h2>
            <ActionPlan />
          </section>
        )}
        {voting ? (
          <section aria-labelledby="phone-vote-title">
            <div className="phone-section-head">
              <h2 id="phone-vote-title">{t('phone.vote')}</h2>
              <DotsLeft />
            </div>
            <SecretHint />
            <ul className="phone-list">
              {/* A consultation can open voting and notes at once: a note waiting for approval is listed too. */}
              <MyDrafts drafts={drafts} />
              <ScenarioList />
              <NoteList whose="all" vote />
            </ul>
          </section>
        ) : (
          <section aria-labelledby="phone-mine-title">
            <h2 id="phone-mine-title">{t('phone.mine')}</h2>
            <ul className="phone-list">
              <MyDrafts drafts={drafts} />
              <NoteList whose="mine" vote={false} />
            </ul>
          </section>
        )}
        {!voting && (
          // Everyone else's notes and the scenarios, folded away: opened to comment and react between meetings.
          <details className="phone-board">
            <summary>
              <h2 className="phone-board-title">{t('comments.phoneBoard')}</h2>
            </summary>
            <ul className="phone-list">
              <ScenarioList />
              <NoteList whose="others" vote={false} />
            </ul>
          </details>
        )}
        {chrome.crowd && <CrowdPresence peers={chrome.peers} live={presenceIsLive(chrome.status)} />}
      </main>
      <LiveAnnouncer synced={chrome.synced} besideBoard />
      <SiteFooter newTab />
    </div>
  );
}
