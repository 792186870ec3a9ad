/**
 * The outline: the same board as headings, lists, fields and buttons, in
 * the order a screen reader walks it (client/lib/outline.ts) — phase and
 * prompt, one's private notes, scenarios with their notes, notes in no
 * scenario, revealed results, the action plan. Everything the canvas
 * offers a participant is here from the keyboard, through the same shared
 * operations; the facilitator runs the session with the same phase bar and
 * panel as on the board. Live regions say what changes (LiveAnnouncer).
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteScenario } from '../../shared/scenarios';
import type { SessionView } from '../../shared/schema';
import { BoardContext, useBoard } from '../hooks/useBoard';
import { useFocusKeeper } from '../hooks/useFocusKeeper';
import { useOutline } from '../hooks/useOutline';
import type { ViewMode } from '../hooks/useViewMode';
import { requestFocus, takePendingFocus } from '../lib/focusRequest';
import {
  commitmentText,
  leadText,
  partnersText,
  phaseHeading,
  resultLine,
  resultsHeading,
  scenarioHeading,
  scenarioLabel,
  type OutlineModel,
  type OutlineScenario,
} from '../lib/outline';
import { ActionPlan } from './ActionPlan';
import { IdentityChip, ViewSwitch } from './BoardHeader';
import { ConnectionStatus } from './ConnectionStatus';
import { FacilitatorPanel } from './FacilitatorPanel';
import { LanguageSwitch } from './LanguageSwitch';
import { LiveAnnouncer } from './LiveAnnouncer';
import { ConfirmDelete } from './OutlineConfirm';
import { DotsLeftLine, NewScenarioForm, OutlineTimer, ScenarioName, WriteForm } from './OutlineForms';
import { ItemFeedback } from './ItemFeedback';
import { OutlineDots, OutlineNoteItem } from './OutlineNote';
import { PhaseBar } from './PhaseBar';
import type { RoomChrome } from './RoomScreen';
import { SaveStatus } from './SaveStatus';
import { SessionBanners } from './SessionBanners';
import '../styles/Outline.css';

function ScenarioSection({ scenario, scenarios }: { scenario: OutlineScenario; scenarios: OutlineScenario[] }) {
  const { t } = useTranslation();
  const { doc, rights, role } = useBoard();
  const headingId = `outline-scenario-${scenario.id}`;
  return (
    <section className="outline-scenario" aria-labelledby={headingId} data-outline-scenario={scenario.id}>
      <h3 tabIndex={-1} id={headingId}>{scenarioHeading(scenario, t)}</h3>
      <ItemFeedback itemId={scenario.id} label={scenarioLabel(scenario.name, t)} />
      {(rights.cluster || (rights.vote && role !== 'observer')) && (
        <div className="outline-row">
          {rights.cluster && <ScenarioName id={scenario.id} name={scenario.name} />}
          {rights.vote && role !== 'observer' && <OutlineDots itemId={scenario.id} label={scenarioLabel(scenario.name, t)} />}
          {rights.cluster && (
            <ConfirmDelete
              text={t('scenario.delete')}
              name={t('outline.deleteScenario', { name: scenarioLabel(scenario.name, t) })}
              question={t('scenario.confirmDelete')}
              confirm={t('scenario.confirm')}
              cancel={t('scenario.cancel')}
              onConfirm={() => deleteScenario(doc, scenario.id)}
            />
          )}
        </div>
      )}
      {scenario.notes.length === 0 ? (
        <p className="muted">{t('outline.emptyScenario')}</p>
      ) : (
        <ul className="outline-notes">
          {scenario.notes.map((n) => (
            <OutlineNoteItem key={n.id} note={n} scenarioId={scenario.id} scenarios={scenarios} />
          ))}
        </ul>
      )}
    </section>
  );
}

function DraftsSection({ model, chrome }: { model: OutlineModel; chrome: RoomChrome }) {
  const { t } = useTranslation();
  if (!chrome.drafts || !model.drafts) return null;
  if (model.drafts.length === 0 && !chrome.drafts.rights.writeNotes) return null;
  return (
    <section className="outline-section" aria-labelledby="outline-drafts-title">
      <h2 tabIndex={-1} id="outline-drafts-title">{t('outline.drafts')}</h2>
      <p className="muted small">{t('outline.draftsHint')}</p>
      {model.drafts.length === 0 ? (
        <p className="muted">{t('outline.noDrafts')}</p>
      ) : (
        <BoardContext.Provider value={chrome.drafts}>
          <ul className="outline-notes">
            {model.drafts.map((n) => (
              <OutlineNoteItem key={n.id} note={n} scenarioId={null} scenarios={[]} />
            ))}
          </ul>
        </BoardContext.Provider>
      )}
    </section>
  );
}

function ResultsSection({ model }: { model: OutlineModel }) {
  const { t } = useTranslation();
  if (!model.results) return null;
  return (
    <section className="outline-section" aria-labelledby="outline-results-title">
      <h2 tabIndex={-1} id="outline-results-title">{resultsHeading(model.results, t)}</h2>
      <ol className="outline-results">
        {model.results.items.map((i) => (
          <li key={i.id} data-result-id={i.id}>
            {resultLine(i, t)}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Editable in Co-design with the board's own action plan; otherwise read as headings and lists. */
function ActionsSection({ model, phase }: { model: OutlineModel; phase: SessionView['phase'] }) {
  const { t } = useTranslation();
  const { rights, role } = useBoard();
  const editable = rights.codesign && role !== 'observer';
  if (!editable && model.actions.length === 0) return null;
  return (
    <section className="outline-section" aria-labelledby="outline-actions-title" data-phase={phase}>
      <h2 tabIndex={-1} id="outline-actions-title">{t('outline.actions')}</h2>
      {editable ? (
        <ActionPlan />
      ) : (
        model.actions.map((a) => (
          <article key={a.id} className="outline-action" aria-labelledby={`outline-action-${a.id}`}>
            <h3 id={`outline-action-${a.id}`}>{a.title || t('outline.untitled')}</h3>
            <p>{leadText(a, t)}</p>
            <p>{partnersText(a, t)}</p>
            <ul>
              {a.commitments.map((c) => (
                <li key={c.sector}>{commitmentText(c, t)}</li>
              ))}
            </ul>
            <ItemFeedback itemId={a.id} label={a.title || t('outline.untitled')} />
          </article>
        ))
      )}
    </section>
  );
}

interface OutlineViewProps {
  chrome: RoomChrome;
  session: SessionView;
  viewMode: ViewMode;
  onViewMode: (mode: ViewMode) => void;
}

export function OutlineView({ chrome, session, viewMode, onViewMode }: OutlineViewProps) {
  const { t } = useTranslation();
  const { doc, voteTotals, identity, role, rights, serverNow } = useBoard();
  const model = useOutline(doc, chrome.drafts?.doc ?? null, voteTotals, identity.id);
  const facilitator = role === 'facilitator';
  const [panelOpen, setPanelOpen] = useState(true);
  const title = useRef<HTMLHeadingElement>(null);

  // A moved note remounts in its new list: its "Move to…" takes focus there.
  useLayoutEffect(() => takePendingFocus(), [model]);
  // After joining (or changing one's details) focus would fall to the page: start from the title instead.
  useEffect(() => {
    if (document.activeElement === document.body) title.current?.focus();
  }, [identity]);
  const closePanel = useCallback(() => {
    setPanelOpen(false);
    requestFocus('[data-outline-facilitate]');
  }, []);
  useLayoutEffect(() => takePendingFocus(), [panelOpen]);
  useFocusKeeper(() => title.current);

  const scenarios = model.scenarios;
  return (
    <LiveAnnouncer synced={chrome.synced}>
      <div className="outline" data-role={role}>
        <header className="outline-header">
          <h1 ref={title} tabIndex={-1} className="board-title">
            {model.title || '\u00a0'}
          </h1>
          <div className="outline-tools">
            <ConnectionStatus status={chrome.status} synced={chrome.synced} />
            <SaveStatus drafts={chrome.drafts?.control} />
            <ViewSwitch mode={viewMode} onChange={onViewMode} />
            <LanguageSwitch />
            {chrome.openLinks && (
              <button type="button" className="btn btn-secondary" onClick={chrome.openLinks}>
                {t('links.open')}
              </button>
            )}
            {facilitator && (
              <button type="button" className="btn btn-ghost" aria-expanded={panelOpen} data-outline-facilitate onClick={() => setPanelOpen((o) => !o)}>
                {t('outline.facilitation')}
              </button>
            )}
            {role !== 'observer' && <IdentityChip onClick={chrome.editIdentity} />}
          </div>
        </header>
        <main className="outline-main">
          <section className="outline-section" aria-labelledby="outline-phase-title">
            <h2 tabIndex={-1} id="outline-phase-title">{phaseHeading(model.phase, t)}</h2>
            <p className="outline-prompt">{model.prompt || t(`phaseHint.${model.phase}`)}</p>
            <OutlineTimer timer={session.timer} serverNow={serverNow} />
          </section>
          <SessionBanners session={session} />
          {facilitator && panelOpen && (
            <div className="outline-facilitation">
              <PhaseBar doc={doc} session={session} role={role} serverNow={serverNow} showTimer={false} />
              <FacilitatorPanel session={session} peers={chrome.peers} crowd={chrome.crowd} onClose={closePanel} roomId={chrome.roomId} />
            </div>
          )}
          {role !== 'observer' && <WriteForm chrome={chrome} />}
          <DraftsSection model={model} chrome={chrome} />
          <section className="outline-section" aria-labelledby="outline-scenarios-title">
            <h2 tabIndex={-1} id="outline-scenarios-title">{t('outline.scenarios')}</h2>
            {rights.vote && role !== 'observer' && <DotsLeftLine />}
            {rights.cluster && <NewScenarioForm />}
            {scenarios.length === 0 && <p className="muted">{t('outline.noScenarios')}</p>}
            {scenarios.map((s) => (
              <ScenarioSection key={s.id} scenario={s} scenarios={scenarios} />
            ))}
          </section>
          <section className="outline-section" aria-labelledby="outline-loose-title">
            <h2 tabIndex={-1} id="outline-loose-title">{t('outline.loose')}</h2>
            {model.loose.length === 0 ? (
              <p className="muted">{t('outline.noLoose')}</p>
            ) : (
              <ul className="outline-notes">
                {model.loose.map((n) => (
                  <OutlineNoteItem key={n.id} note={n} scenarioId={null} scenarios={scenarios} />
                ))}
              </ul>
            )}
          </section>
          <ResultsSection model={model} />
          <ActionsSection model={model} phase={session.phase} />
        </main>
      </div>
    </LiveAnnouncer>
  );
}
