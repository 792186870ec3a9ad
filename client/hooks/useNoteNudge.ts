/**
 * Moves my own just-created note off a note that reached me from someone
 * else at the same spot (client/lib/placement.ts `nudges`). Only remote
 * changes trigger it, so a note I put on top of another on purpose stays.
 */
import { useEffect } from 'react';
import * as Y from 'yjs';
import { dropNote } from '../../shared/notes';
import { notesOf } from '../../shared/schema';
import { listScenarios } from '../../shared/scenarios';
import { NUDGE_WINDOW_MS, nudges, type PlacedNote } from '../lib/placement';

export function useNoteNudge(doc: Y.Doc, me: string, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const notes = notesOf(doc);
    let scheduled: ReturnType<typeof setTimeout> | null = null;

    const check = (): void => {
      scheduled = null;
      // createdAt is written by my own clock, so my clock decides what is recent.
      const since = Date.now() - NUDGE_WINDOW_MS;
      const all: PlacedNote[] = [];
      const mine: PlacedNote[] = [];
      notes.forEach((m, id) => {
        const n = { id, x: Number(m.get('x')) || 0, y: Number(m.get('y')) || 0, createdAt: Number(m.get('createdAt')) || 0 };
        all.push(n);
        if (m.get('authorId') === me && n.createdAt >= since) mine.push(n);
      });
      if (mine.length === 0) return;
      const moves = nudges(mine, all, listScenarios(doc), me);
      if (moves.size === 0) return;
      doc.transact(() => {
        for (const [id, p] of moves) dropNote(doc, id, p.x, p.y);
      });
    };

    // Most remote changes are typing; skip them all unless I added a note lately.
    let lastOwnAdd = 0;
    const onChange = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>, tx: Y.Transaction): void => {
      if (tx.local) {
        if (events.some((e) => e.target === notes)) lastOwnAdd = Date.now();
        return;
      }
      if (scheduled || Date.now() - lastOwnAdd > NUDGE_WINDOW_MS) return;
      const moved = events.some((e) => e.target === notes || (e instanceof Y.YMapEvent && (e.keysChanged.has('x') || e.keysChanged.has('y'))));
      if (!moved) return;
      // Not inside the observer: the doc is still finishing the remote transaction.
      scheduled = setTimeout(check, 0);
    };
    notes.observeDeep(onChange);
    return () => {
      notes.unobserveDeep(onChange);
      if (scheduled) clearTimeout(scheduled);
    };
  }, [doc, me, enabled]);
}
