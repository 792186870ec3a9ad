/** A modal on the native <dialog>: the browser makes the page behind inert
 * and handles Escape; Tab wraps around inside it (the browser would let it
 * leave for its own toolbar), and focus returns to the opener on close. */
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { focusHome } from '../lib/focusHome';

const TABBABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Tab from the last control goes to the first, Shift+Tab from the first to the last. */
function keepTabInside(dialog: HTMLDialogElement, e: KeyboardEvent<HTMLDialogElement>): void {
  const tabbable = [...dialog.querySelectorAll<HTMLElement>(TABBABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement);
  const first = tabbable[0];
  const last = tabbable[tabbable.length - 1];
  if (!first || !last) return;
  const wrapTo = e.shiftKey ? (document.activeElement === first ? last : null) : document.activeElement === last ? first : null;
  if (!wrapTo) return;
  e.preventDefault();
  wrapTo.focus();
}

interface DialogProps {
  open: boolean;
  title: string;
  /** Omit to make the dialog impossible to dismiss (e.g. first join). */
  onClose?: () => void;
  children: ReactNode;
  className?: string;
}

export function Dialog({ open, title, onClose, children, className }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open) return;
    const opener = document.activeElement as HTMLElement | null;
    dialog.showModal();
    return () => {
      dialog.close();
      // Opened on page load (the first join), it has no opener: focus goes to the view's first control.
      if (opener && opener !== document.body && opener.isConnected) opener.focus();
      else focusHome();
    };
  }, [open]);

  if (!open) return null;
  return (
    <dialog
      ref={ref}
      className={`dialog ${className ?? ''}`}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose?.();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Tab') keepTabInside(e.currentTarget, e);
      }}
    >
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
