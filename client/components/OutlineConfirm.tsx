/**
 * A delete that asks first, for the outline: the button opens a question
 * with "Keep" (focused, the safe answer) and "Delete". Keeping returns
 * focus to the button; deleting removes the item, and the outline's focus
 * keeper moves focus to the section it was in.
 */
import { useLayoutEffect, useRef, useState } from 'react';

interface ConfirmDeleteProps {
  /** Visible text of the button, e.g. "Delete note". */
  text: string;
  /** Its accessible name, which names the item and contains `text`. */
  name: string;
  question: string;
  confirm: string;
  cancel: string;
  onConfirm: () => void;
}

export function ConfirmDelete({ text, name, question, confirm, cancel, onConfirm }: ConfirmDeleteProps) {
  const [asking, setAsking] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  const open = useRef<HTMLButtonElement>(null);
  const moved = useRef(false);
  useLayoutEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    (asking ? keep : open).current?.focus();
  }, [asking]);
  const ask = (on: boolean): void => {
    moved.current = true;
    setAsking(on);
  };
  if (!asking)
    return (
      <button ref={open} type="button" className="btn btn-ghost btn-small btn-danger-text" aria-label={name} onClick={() => ask(true)}>
        {text}
      </button>
    );
  return (
    <div className="confirm" role="group" aria-label={question}>
      <span>{question}</span>
      <button ref={keep} type="button" className="btn btn-ghost btn-small" onClick={() => ask(false)}>
        {cancel}
      </button>
      <button type="button" className="btn btn-danger btn-small" onClick={onConfirm}>
        {confirm}
      </button>
    </div>
  );
}
