/** Focus for something that is about to mount (a new note's textarea, a new
 * frame's name): requested by the action, taken by the canvas right after
 * the commit that mounts it, so the very next keystroke lands in it. */
let pending: string | null = null;

export function requestFocus(selector: string): void {
  pending = selector;
}

export function takePendingFocus(): void {
  if (!pending) return;
  const el = document.querySelector<HTMLElement>(pending);
  if (!el) return;
  pending = null;
  el.focus();
}
