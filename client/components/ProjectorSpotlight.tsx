/**
 * The spotlit note or scenario, enlarged on the projector so the back of the
 * room can read it: the note's whole text with its author's sector, or a
 * scenario's name with the full text of every note in it. The board stays
 * beneath, already moved to the item.
 */
import { useCallback, useLayoutEffect, useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { notesOf, type Spotlight } from '../../shared/schema';
import { listNotes } from '../../shared/notes';
import { useBoard } from '../hooks/useBoard';
import { useNote } from '../hooks/useNote';
import { useNoteText } from '../hooks/useNoteText';
import { useObserved, arrayEqual } from '../hooks/useObserved';
import { useScenarios } from '../hooks/useScenarios';
import { AuthorBadge } from './SectorBadge';

/** Smallest type the spotlight steps down to for a very long text, as a share of the CSS size. */
const MIN_SCALE = 0.4;

/** Steps the card's type down until its whole text fits the stage: nothing is cut off. */
function useFitWholeText(ref: RefObject<HTMLElement | null>, content: unknown): void {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const fit = (): void => {
      let scale = 1;
      el.style.setProperty('--spotlight-scale', '1');
      while (el.scrollHeight > el.clientHeight + 1 && scale > MIN_SCALE) {
        scale -= 0.05;
        el.style.setProperty('--spotlight-scale', String(scale));
      }
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(el.parentElement ?? el);
    return () => observer.disconnect();
  }, [ref, content]);
}

function SpotlitNote({ doc, id }: { doc: Y.Doc; id: string }) {
  const { t } = useTranslation();
  const note = useNote(doc, id);
  const text = useNoteText(doc, id);
  const ref = useRef<HTMLElement>(null);
  useFitWholeText(ref, note ? text : null);
  if (!note) return null;
  return (
    <article ref={ref} className={`projector-spotlight-card note-${note.color}`} data-spotlit-note={id}>
      <p className="projector-spotlight-text">{text || t('note.empty')}</p>
      <p className="projector-spotlight-author">
        {note.authorName} <AuthorBadge note={note} compact />
      </p>
    </article>
  );
}

/** The texts of the notes in one scenario, oldest first. */
function useScenarioNoteTexts(doc: Y.Doc, scenarioId: string): string[] {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const notes = notesOf(doc);
      notes.observeDeep(onChange);
      return () => notes.unobserveDeep(onChange);
    },
    [doc],
  );
  return useObserved(
    subscribe,
    () =>
      listNotes(doc)
        .filter((n) => n.scenarioId === scenarioId)
        .sort((a, b) => a.createdAt - b.createdAt)
        .map((n) => n.text),
    arrayEqual,
  );
}

function SpotlitScenario({ doc, id }: { doc: Y.Doc; id: string }) {
  const { t } = useTranslation();
  const scenario = useScenarios(doc).find((s) => s.id === id);
  const texts = useScenarioNoteTexts(doc, id);
  const ref = useRef<HTMLElement>(null);
  useFitWholeText(ref, scenario ? [scenario.name, texts] : null);
  if (!scenario) return null;
  return (
    <article ref={ref} className={`projector-spotlight-card is-scenario frame-${scenario.color}`} data-spotlit-scenario={id}>
      <h2 className="projector-spotlight-name">{scenario.name || t('scenario.unnamed')}</h2>
      <ul className="projector-spotlight-notes">
        {texts.map((text, i) => (
          <li key={i}>{text || t('note.empty')}</li>
        ))}
      </ul>
    </article>
  );
}

export function ProjectorSpotlight({ spotlight }: { spotlight: Spotlight }) {
  const { doc } = useBoard();
  return (
    <div className="projector-spotlight" aria-live="polite">
      {spotlight.kind === 'note' ? <SpotlitNote doc={doc} id={spotlight.id} /> : <SpotlitScenario doc={doc} id={spotlight.id} />}
    </div>
  );
}
