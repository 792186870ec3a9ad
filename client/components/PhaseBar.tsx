/** The five phases with the current one marked, the current prompt, and for
 * the facilitator previous/next and an editable prompt. */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { PHASES, nextPhase, previousPhase, type Role } from '../../shared/phases';
import { MAX_PROMPT_LENGTH, type SessionView } from '../../shared/schema';
import { setPhase, setPrompt } from '../../shared/session';
import { TimerDisplay } from './TimerDisplay';

interface PhaseBarProps {
  doc: Y.Doc;
  session: SessionView;
  role: Role;
  serverNow: () => number;
  compact?: boolean;
  /** The projector shows its timer elsewhere, larger. */
  showTimer?: boolean;
}

/** Sizes a textarea to its content, so a long prompt is read whole while it is edited. */
function fitHeight(el: HTMLTextAreaElement | null): void {
  if (!el) return;
  el.style.height = 'auto';
  // scrollHeight leaves out the border, which a border-box height includes.
  el.style.height = `${el.scrollHeight + el.offsetHeight - el.clientHeight}px`;
}

function PromptEditor({ doc, session }: { doc: Y.Doc; session: SessionView }) {
  const { t } = useTranslation();
  const stored = session.prompts[session.phase];
  const [draft, setDraft] = useState(stored);
  const [editing, setEditing] = useState(false);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (!editing) setDraft(stored);
  }, [stored, editing]);
  useLayoutEffect(() => fitHeight(ref.current), [draft]);
  const save = (): void => {
    setEditing(false);
    if (draft !== stored) setPrompt(doc, session.phase, draft);
  };
  return (
    <textarea
      ref={ref}
      className="input prompt-input"
      rows={1}
      aria-label={t('phase.prompt')}
      placeholder={t('phase.promptPlaceholder')}
      value={draft}
      maxLength={MAX_PROMPT_LENGTH}
      onFocus={() => setEditing(true)}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={save}
      onKeyDown={(e) => {
        // The prompt is one paragraph: Enter saves, as it did in the one-line field.
        if (e.key === 'Enter' && !e.shiftKey) {
          e.preventDefault();
          e.currentTarget.blur();
        }
        if (e.key === 'Escape') {
          setDraft(stored);
          setEditing(false);
        }
      }}
    />
  );
}

export function PhaseBar({ doc, session, role, serverNow, compact = false, showTimer = true }: PhaseBarProps) {
  const { t } = useTranslation();
  const current = session.phase;
  const prev = previousPhase(current);
  const next = nextPhase(current);
  const facilitator = role === 'facilitator';
  const prompt = session.prompts[current];
  return (
    <section className={`phase-bar${compact ? ' is-compact' : ''}`} aria-label={t('phase.label')} data-phase={current}>
      <div className="phase-row">
        {facilitator && (
          <button
            type="button"
            className="icon-btn"
            aria-label={t('phase.previous')}
            title={t('phase.previous')}
            disabled={!prev}
            onClick={() => prev && setPhase(doc, prev)}
          >
            ‹
          </button>
        )}
        <ol className="phase-steps">
          {PHASES.map((p, i) => (
            <li
              key={p}
              className={`phase-step${p === current ? ' is-current' : ''}${PHASES.indexOf(current) > i ? ' is-done' : ''}`}
              aria-current={p === current ? 'step' : undefined}
              data-phase-step={p}
            >
              {/* Done, current and to come differ by more than colour: a tick, bold type, words for screen readers. */}
              <span className="phase-num" aria-hidden="true">
                {PHASES.indexOf(current) > i ? '✓' : i + 1}
              </span>
              <span className="phase-name">{t(`phases.${p}`)}</span>
              {PHASES.indexOf(current) > i && <span className="visually-hidden"> {t('a11y.phaseDone')}</span>}
            </li>
          ))}
        </ol>
        {facilitator && (
          <button
            type="button"
            className="btn btn-secondary phase-next"
            disabled={!next}
            aria-label={next ? t('phase.nextTo', { phase: t(`phases.${next}`) }) : t('phase.next')}
            onClick={() => next && setPhase(doc, next)}
          >
            {t('phase.next')} ›
          </button>
        )}
        {showTimer && <TimerDisplay timer={session.timer} serverNow={serverNow} />}
      </div>
      <div className="phase-prompt">
        <span className="phase-current">{t(`phases.${current}`)}</span>
        {facilitator ? (
          <PromptEditor key={current} doc={doc} session={session} />
        ) : (
          <p className="prompt-text" data-prompt>
            {prompt || t(`phaseHint.${current}`)}
          </p>
        )}
      </div>
    </section>
  );
}
