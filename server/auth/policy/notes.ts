/**
 * Notes, on the board and in a participant's drafts. A participant creates
 * notes only as themselves, edits the text of their own notes only, and
 * never rewrites identity fields afterwards; moving notes follows the phase.
 * Under pre-moderation a participant's new notes go to their drafts marked
 * `pending`, and board text is not theirs to change until it is turned off.
 */
import { NOTE_IDENTITY_KEYS, NOTE_TEXT_LIMITS, NoteFields } from '../../../shared/documentSchemas';
import { notesOf } from '../../../shared/schema';
import { addedAndRemoved, entryCount, itemKey, plainValue, textField, textLengths, wholeMap } from './checks';
import { OK, firstRefusal, refuse, type RealTouch, type RootPolicy, type Verdict } from './types';

const NOTE_VALUES: Readonly<Record<string, (typeof NoteFields)[keyof typeof NoteFields]>> = NoteFields;

function touchShape(t: RealTouch): Verdict {
  const bad = itemKey(t, 'notes');
  if (!bad.ok) return bad;
  const [, key, ...deeper] = t.path;
  if (key === undefined) return wholeMap(t, 'a note');
  if (deeper.length > 0) return refuse('schema', 'nesting too deep');
  if (Object.hasOwn(NOTE_TEXT_LIMITS, key)) return textField(t, 'note text');
  const schema = Object.hasOwn(NOTE_VALUES, key) ? NOTE_VALUES[key] : undefined;
  return schema ? plainValue(t, schema, key) : refuse('schema', `unknown key "${key.slice(0, 40)}"`);
}

/** Ids of the notes this update creates whole. */
function createdNotes(touches: RealTouch[]): Set<string> {
  const out = new Set<string>();
  for (const t of touches) if (t.path.length === 1 && t.op === 'insert' && t.content === 'map') out.add(t.path[0]!);
  return out;
}

export const notesPolicy: RootPolicy = {
  shape(touches, f) {
    const notes = notesOf(f.ctx.doc);
    for (const t of touches) {
      const v = touchShape(t);
      if (!v.ok) return v;
      // Waiting for approval is a state of a participant's drafts only; approval moves the note.
      if (f.ctx.kind === 'board' && t.path[1] === 'pending' && t.op === 'insert' && t.content !== 'deleted') {
        return refuse('schema', 'board notes are never pending');
      }
    }
    // A new note must name its author: without authorId it would belong to no one.
    for (const id of createdNotes(touches)) {
      const named = touches.some((t) => t.op === 'insert' && t.path[0] === id && t.path[1] === 'authorId');
      if (!named) return refuse('schema', 'a new note needs its author');
    }
    return firstRefusal([
      () => textLengths(touches, notes, NOTE_TEXT_LIMITS),
      () => entryCount(touches, notes, f.limits.maxNotes, 'notes'),
    ]);
  },

  rights(touches, f) {
    const { rights, me, ctx } = f;
    const notes = notesOf(ctx.doc);
    const created = createdNotes(touches);
    const { removed } = addedAndRemoved(touches, notes);
    const authorOf = (id: string): unknown => notes.get(id)?.get('authorId');
    const isMine = (id: string): boolean => created.has(id) || authorOf(id) === me;
    const moderated = f.session.premoderation;
    const submitted = (id: string): boolean => touches.some((t) => t.op === 'insert' && t.path[0] === id && t.path[1] === 'pending' && t.content === 'value');
    // A note written in a consultation must say so; in a meeting older clients may leave it out.
    if (f.participation.kind === 'consultation' && ctx.kind === 'board') {
      for (const id of created) {
        if (!touches.some((t) => t.op === 'insert' && t.content === 'value' && t.path[0] === id && t.path[1] === 'origin')) {
          return refuse('schema', 'a note written in a consultation carries its window as origin');
        }
      }
    }
    for (const t of touches) {
      const [id, key] = t.path as [string, string | undefined];
      if (key === undefined) {
        // A whole note created or deleted.
        if (!rights.writeNotes) return refuse('phase', 'writing is closed in this phase');
        if (ctx.kind === 'board' && f.drafting && t.op === 'insert') return refuse('private-writing', 'write privately until the reveal');
        if (ctx.kind === 'board' && moderated && t.op === 'insert') return refuse('moderated', 'new notes wait for approval');
        if (ctx.kind === 'drafts' && !f.drafting && t.op === 'insert' && !submitted(id)) return refuse('moderated', 'submit the note for approval');
        if (t.op === 'delete' && authorOf(id) !== me) return refuse('not-yours', 'only your own notes can be deleted');
        continue;
      }
      if (removed.has(id)) continue; // entries going away with their note
      if (NOTE_IDENTITY_KEYS.has(key)) {
        if (!created.has(id)) return refuse('not-yours', 'identity fields are fixed');
        // Participants reach here (the facilitator writes freely): none may speak as the facilitator.
        if (key === 'byFacilitator' && t.op === 'insert' && t.content !== 'deleted') {
          return refuse('not-yours', 'only the facilitator writes as the facilitator');
        }
        // Where it was written: the meeting, or the window open now.
        if (key === 'origin' && t.op === 'insert' && !(t.content === 'deleted' || (t.content === 'value' && t.values.every((v) => v === f.origin)))) {
          return refuse('schema', `a note written now carries the origin "${f.origin}"`);
        }
        if (key === 'authorId' && t.op === 'insert' && !(t.content === 'deleted' || (t.content === 'value' && t.values.every((v) => v === me)))) {
          return refuse('not-yours', 'notes are written as yourself');
        }
        continue;
      }
      if (Object.hasOwn(NOTE_TEXT_LIMITS, key)) {
        if (!rights.writeNotes || !isMine(id)) return refuse(rights.writeNotes ? 'not-yours' : 'phase', 'only your own notes can be edited');
        // Approved text stays as approved: a change would reach everyone unreviewed.
        if (ctx.kind === 'board' && moderated && !created.has(id)) return refuse('moderated', 'board text is fixed under pre-moderation');
        continue;
      }
      // Position, colour and scenario: one's own notes while writing, any note while clustering.
      if (!(rights.cluster || (rights.writeNotes && isMine(id)))) return refuse('phase', 'moving notes is closed in this phase');
    }
    return OK;
  },
};
