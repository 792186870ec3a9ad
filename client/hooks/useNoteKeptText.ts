/**
 * Text a person typed that the board could not take (writing closed while
 * they were typing), kept on this device under a key so it survives a reload
 * and comes back when writing opens again. Never shared: only its author
 * has it.
 */
import { useCallback, useState } from 'react';

const PREFIX = 'tavolo.kept.';

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(PREFIX + key);
  } catch {
    return null;
  }
}

function write(key: string, text: string | null): void {
  try {
    if (text === null) window.localStorage.removeItem(PREFIX + key);
    else window.localStorage.setItem(PREFIX + key, text);
  } catch {
    // Storage full or blocked: the text still lives in this tab's state.
  }
}

/** The kept text for `key` (null when nothing is kept) and its setter. */
export function useNoteKeptText(key: string): [string | null, (text: string | null) => void] {
  const [kept, setKeptState] = useState<string | null>(() => read(key));
  const setKept = useCallback(
    (text: string | null) => {
      write(key, text);
      setKeptState(text);
    },
    [key],
  );
  return [kept, setKept];
}
