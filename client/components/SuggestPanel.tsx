/**
 * "Suggest scenarios" in the facilitator's panel, in the Scenarios phase:
 * groups of similar notes among those not yet in a scenario, computed on
 * this device from the board (shared/suggest, the same code as
 * GET /api/rooms/:roomId/suggestions). Each group can be renamed, have
 * notes unticked, and be accepted (a new frame with those notes inside,
 * placed clear of everything, written as the facilitator's own change) or
 * dismissed. Nothing changes on the board until a group is accepted.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { getNote, setNoteScenario } from '../../shared/notes';
import { NOTE_HEIGHT, NOTE_WIDTH, SCENARIO_COLORS, MAX_NAME_LENGTH } from '../../shared/schema';
import { createScenario, listScenarios } from '../../shared/scenarios';
import { NOTE_GAP } from '../../shared/layout';
import { newItemId } from '../../shared/ids';
import { suggestForBoard } from '../../shared/suggest/board';
import { useBoard } from '../hooks/useBoard';
import type { NotePositions } from '../lib/notePositions';
import { freeFrameSpot } from '../lib/placement';
import { jumpToNote } from '../lib/jumpToNote';
import '../styles/Suggest.css';

interface Proposal {
  key: number;
  label: string;
  noteIds: string[];
  ticked: Set<string>;
}

/** Notes per row in an accepted frame; the frame grows downwards for more. */
const FRAME_COLUMNS = 3;
/** The frame's name bar, above its first row of notes (as shared/notes.ts lays members out). */
const FRAME_HEADER = 48;
const EXCERPT = 80;

/** A frame sized for `count` notes, placed clear of every note and frame, with those notes moved inside. */
export function acceptGroup(doc: Y.Doc, positions: NotePositions, name: string, noteIds: readonly string[]): string {
  const frames = listScenarios(doc);
  const cols = Math.min(FRAME_COLUMNS, Math.max(1, noteIds.length));
  const rows = Math.ceil(noteIds.length / cols);
  const w = NOTE_GAP + cols * (NOTE_WIDTH + NOTE_GAP);
  const h = FRAME_HEADER + rows * (NOTE_HEIGHT + NOTE_GAP);
  // Only the notes staying where they are count as obstacles: the group's own are moving in.
  const moving = new Set(noteIds);
  const others = [...positions.entries()].filter(([id]) => !moving.has(id));
  const first = getNote(doc, noteIds[0] ?? '');
  const spot = freeFrameSpot(others, frames, first?.x ?? 0, first?.y ?? 0, w, h);
  const id = newItemId();
  doc.transact(() => {
    createScenario(doc, { id, name: name.slice(0, MAX_NAME_LENGTH), x: spot.x, y: spot.y, w, h, color: SCENARIO_COLORS[frames.length % SCENARIO_COLORS.length] });
    for (const noteId of noteIds) setNoteScenario(doc, noteId, id);
  });
  return id;
}

export function SuggestPanel() {
  const { t } = useTranslation();
  const { doc, positions } = useBoard();
  const [proposals, setProposals] = useState<Proposal[] | null>(null);

  const run = (): void => {
    const { groups } = suggestForBoard(doc);
    setProposals(groups.map((g, key) => ({ key, label: g.label, noteIds: g.noteIds, ticked: new Set(g.noteIds) })));
  };
  const update = (key: number, change: (p: Proposal) => Proposal | null): void =>
    setProposals((ps) => (ps ?? []).flatMap((p) => (p.key === key ? [change(p)].filter((x): x is Proposal => x !== null) : [p])));

  return (
    <section className="panel-section suggest" aria-labelledby="suggest-title">
      <h3 id="suggest-title" className="panel-title">
        {t('suggest.title')}
      </h3>
      <p className="muted small">{t('suggest.hint')}</p>
      <button type="button" className="btn btn-secondary btn-small" onClick={run}>
        {t('suggest.run')}
      </button>
      {proposals !== null && (
        <p className="muted small" role="status" data-suggest-count={proposals.length}>
          {proposals.length ? t('suggest.found', { count: proposals.length }) : t('suggest.none')}
        </p>
      )}
      {proposals?.map((p) => (
        <div key={p.key} className="suggest-group" role="group" aria-label={p.label} data-suggest-group={p.key}>
          <label className="field">
            <span className="field-label">{t('suggest.label')}</span>
            <input className="input" value={p.label} maxLength={MAX_NAME_LENGTH} onChange={(e) => update(p.key, (x) => ({ ...x, label: e.target.value }))} />
          </label>
          <ul className="suggest-notes">
            {p.noteIds.map((id) => {
              const text = getNote(doc, id)?.text ?? '';
              return (
                <li key={id} data-suggest-note={id}>
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={p.ticked.has(id)}
                      onChange={(e) =>
                        update(p.key, (x) => {
                          const ticked = new Set(x.ticked);
                          if (e.target.checked) ticked.add(id);
                          else ticked.delete(id);
                          return { ...x, ticked };
                        })
                      }
                    />
                    <span>{text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text}</span>
                  </label>
                  <button type="button" className="btn btn-ghost btn-small" aria-label={t('suggest.show')} title={t('suggest.show')} onClick={() => jumpToNote(id)}>
                    ↗
                  </button>
                </li>
              );
            })}
          </ul>
          <div className="panel-row">
            <button
              type="button"
              className="btn btn-primary btn-small"
              disabled={p.ticked.size === 0 || p.label.trim() === ''}
              onClick={() => {
                acceptGroup(doc, positions, p.label.trim(), p.noteIds.filter((id) => p.ticked.has(id) && getNote(doc, id)?.scenarioId === null));
                update(p.key, () => null);
              }}
            >
              {t('suggest.accept')}
            </button>
            <button type="button" className="btn btn-ghost btn-small" onClick={() => update(p.key, () => null)}>
              {t('suggest.dismiss')}
            </button>
          </div>
        </div>
      ))}
    </section>
  );
}
