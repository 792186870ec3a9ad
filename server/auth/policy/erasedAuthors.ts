/**
 * Content of a participant who erased their data never comes back. After an
 * erasure, another client may still hold that content: an undo stack keeps
 * a deleted note whole, and an old update can be replayed by hand. Undoing
 * the deletion re-inserts the note with its `authorId`, so every insert is
 * checked for the author it names, in every root that records one.
 *
 * The participant themselves is not refused: what they write after erasing
 * is a new choice of theirs (the board does not retire their identity).
 */
import { REACTION_KEY_PATTERN, type RootName } from '../../../shared/documentSchemas';
import { OK, refuse, type Facts, type RealTouch, type Verdict } from './types';

/** The participant ids an insert names as the author of what it writes. */
function authorsNamed(t: RealTouch): string[] {
  if (t.op !== 'insert' || t.content === 'deleted') return [];
  const [first, key] = t.path;
  const values = t.content === 'value' ? t.values : [];
  switch (t.root as RootName) {
    case 'notes':
    case 'comments':
      return key === 'authorId' ? values.filter((v): v is string => typeof v === 'string') : [];
    case 'votes':
      // A ballot is keyed by its voter.
      return first === undefined ? [] : [first];
    case 'reactions': {
      const voter = first === undefined ? undefined : REACTION_KEY_PATTERN.exec(first)?.[2];
      return voter ? [voter] : [];
    }
    case 'actions':
      // A commitment, { participantId, … }, under [actionId, 'commitments', sector].
      return key === 'commitments'
        ? values.flatMap((v) => (typeof v === 'object' && v !== null && 'participantId' in v && typeof v.participantId === 'string' ? [v.participantId] : []))
        : [];
    case 'scenarios':
    case 'session':
    case 'results':
      return [];
  }
}

export function restoresErasedContent(touches: RealTouch[], f: Facts): Verdict {
  const erased = f.ctx.erasedAuthors;
  if (!erased || erased.size === 0) return OK;
  for (const t of touches) {
    for (const author of authorsNamed(t)) {
      if (author !== f.me && erased.has(author)) return refuse('erased', 'its author erased their contributions from this workshop');
    }
  }
  return OK;
}
