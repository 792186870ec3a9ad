/**
 * Binds an uncontrolled textarea to a Y.Text. Local input becomes the
 * smallest Y.Text edit; remote edits rewrite the value and move the caret
 * through the change, so a peer typing above you does not shift your cursor
 * into the wrong word.
 */
import { useCallback, useEffect, useRef, type FormEvent } from 'react';
import type * as Y from 'yjs';
import { MAX_NOTE_TEXT } from '../../shared/schema';
import { applyTextEdit, clampText } from '../../shared/text';

type Delta = Array<{ insert?: unknown; retain?: number; delete?: number }>;

/** Where an index in the old text lands after `delta`. */
export function mapIndex(delta: Delta, index: number): number {
  let oldPos = 0;
  let shift = 0;
  for (const op of delta) {
    if (oldPos > index) break;
    if (op.retain) oldPos += op.retain;
    else if (op.insert !== undefined) {
      const len = typeof op.insert === 'string' ? op.insert.length : 1;
      if (oldPos < index) shift += len;
    } else if (op.delete) {
      if (oldPos < index) shift -= Math.min(op.delete, index - oldPos);
      oldPos += op.delete;
    }
  }
  return Math.max(0, index + shift);
}

/**
 * Binds a textarea to a Y.Text; `maxLength` is the field's limit (a note's by
 * default). While `override` is a string the textarea shows it instead and
 * ignores the Y.Text (text kept on this device that the board could not take).
 */
export function useYTextArea(
  ytext: Y.Text | null,
  maxLength = MAX_NOTE_TEXT,
  override: string | null = null,
): {
  ref: (el: HTMLTextAreaElement | null) => void;
  onInput: (e: FormEvent<HTMLTextAreaElement>) => void;
} {
  const elRef = useRef<HTMLTextAreaElement | null>(null);
  const overrideRef = useRef(override);
  overrideRef.current = override;
  const overriding = override !== null;

  useEffect(() => {
    if (!ytext) return;
    const el = elRef.current;
    const shown = (): string => overrideRef.current ?? ytext.toString();
    if (el && el.value !== shown()) el.value = shown();
    const onChange = (event: Y.YTextEvent): void => {
      const area = elRef.current;
      if (!area || overrideRef.current !== null) return;
      const next = ytext.toString();
      if (area.value === next) return;
      const focused = document.activeElement === area;
      const delta = event.delta as Delta;
      const start = mapIndex(delta, area.selectionStart);
      const end = mapIndex(delta, area.selectionEnd);
      area.value = next;
      if (focused) area.setSelectionRange(start, end);
    };
    ytext.observe(onChange);
    return () => ytext.unobserve(onChange);
    // overriding: switching to or from the kept text re-syncs the value once.
  }, [ytext, overriding]);

  const ref = useCallback(
    (el: HTMLTextAreaElement | null) => {
      elRef.current = el;
      const shown = overrideRef.current ?? ytext?.toString();
      if (el && shown !== undefined && el.value !== shown) el.value = shown;
    },
    [ytext],
  );

  const onInput = useCallback(
    (e: FormEvent<HTMLTextAreaElement>) => {
      if (ytext && overrideRef.current === null) applyTextEdit(ytext, clampText(e.currentTarget.value, maxLength));
    },
    [ytext, maxLength],
  );

  return { ref, onInput };
}
