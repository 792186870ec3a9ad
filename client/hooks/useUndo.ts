/**
 * Undo and redo for this person's own board edits (lib/boardHistory.ts):
 * whether each is possible now, and the keyboard shortcuts. Ctrl/Cmd+Z
 * undoes, Shift+Ctrl/Cmd+Z and Ctrl+Y redo. In a text field the keys are
 * left to the browser: its own undo edits the field, and the change flows
 * into the note through the field's input handler like any typing.
 */
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { BoardHistory } from '../lib/boardHistory';

export interface Undo {
  canUndo: boolean;
  canRedo: boolean;
  undo: () => void;
  redo: () => void;
}

const noSubscribe = (): (() => void) => () => undefined;

const isTextField = (el: EventTarget | null): boolean =>
  el instanceof HTMLElement && (el.tagName === 'TEXTAREA' || el.tagName === 'INPUT' || el.tagName === 'SELECT' || el.isContentEditable);

export function useUndo(history: BoardHistory | null): Undo {
  const subscribe = history?.subscribe ?? noSubscribe;
  const canUndo = useSyncExternalStore(subscribe, () => history?.canUndo ?? false);
  const canRedo = useSyncExternalStore(subscribe, () => history?.canRedo ?? false);
  const undo = useCallback(() => history?.undo(), [history]);
  const redo = useCallback(() => history?.redo(), [history]);

  useEffect(() => {
    if (!history) return;
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || isTextField(e.target) || document.querySelector('dialog[open]')) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) history.undo();
      else if ((key === 'z' && e.shiftKey) || (key === 'y' && e.ctrlKey && !e.shiftKey)) history.redo();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [history]);

  return { canUndo, canRedo, undo, redo };
}
