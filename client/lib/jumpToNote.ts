/**
 * "Show me that note": asked from anywhere (a duplicate marker, the
 * suggestions panel), carried out by the board view that owns the viewport
 * (useJumpToNote). A plain emitter, so cards need no viewport prop.
 */
type Listener = (noteId: string) => void;
const listeners = new Set<Listener>();

export function jumpToNote(noteId: string): void {
  for (const l of listeners) l(noteId);
}

export function onJumpToNote(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
