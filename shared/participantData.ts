/**
 * One participant's data in a board document, root by root: what of each
 * root is theirs (for "download my contributions") and how to remove it
 * ("delete my contributions"). Every root of a board has an entry in
 * BY_ROOT (its ParticipantRoot, or null); a new root (comments, reactions)
 * plugs in there, and the download, the erasure of the live board and of
 * every stored version all pick it up through PARTICIPANT_ROOTS.
 *
 * Erasing removes what the person wrote and keeps what others built on it
 * only where it is not theirs: revealed round results stay (anonymous
 * aggregates), with the label of an erased note blanked, since the label
 * is the note's first line.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { actionsOf, isCommitment } from './actions';
import { commentsOf, deleteComment, listComments } from './comments';
import { CommitmentSchema, ItemId, NoteFields, ROOT_NAMES, ROUND_KEY_PATTERN, RoundResultSchema, type RootName } from './documentSchemas';
import { notesOf, readBallot, readNote, votesOf } from './schema';
import { listReactions, removeReaction } from './reactions';
import { resultsOf } from './voting';

/** What erasing one participant removed from one document, shared by the roots erased in one go. */
export interface ErasureContext {
  /** Ids of the items (notes) that left the board, so the roots after them can drop references. */
  readonly erasedItems: Set<string>;
}

export interface ParticipantRoot {
  /** The key of this root's list in the download and in the counts. */
  readonly name: string;
  /** The participant's contributions in this root, as plain JSON. */
  collect(doc: Y.Doc, participantId: string): unknown[];
  /** Removes them, inside the caller's transaction; returns how many went. */
  erase(doc: Y.Doc, participantId: string, ctx: ErasureContext): number;
}

/** A note as the download shows it. */
export const MyNote = z.object({
  id: z.string(),
  text: z.string(),
  color: NoteFields.color,
  authorName: z.string(),
  authorSector: NoteFields.authorSector,
  where: NoteFields.where,
  scenarioId: z.string().nullable(),
  createdAt: z.number(),
});
export type MyNote = z.infer<typeof MyNote>;

function myNotes(doc: Y.Doc, participantId: string | null): MyNote[] {
  const out: MyNote[] = [];
  notesOf(doc).forEach((m, id) => {
    const n = readNote(id, m);
    if (participantId !== null && n.authorId !== participantId) return;
    const { text, color, authorName, authorSector, where, scenarioId, createdAt } = n;
    out.push({ id, text, color, authorName, authorSector, where, scenarioId, createdAt });
  });
  return out.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/** Every note of a participant's private drafts document (all of them are theirs). */
export const draftNotes = (doc: Y.Doc): MyNote[] => myNotes(doc, null);

/** Empties a drafts document (notes, and comments waiting for approval); returns how many entries went. */
export function eraseDrafts(doc: Y.Doc): number {
  const roots = [notesOf(doc), commentsOf(doc)];
  const entries = roots.flatMap((root) => [...root.keys()].map((id) => () => root.delete(id)));
  doc.transact(() => entries.forEach((erase) => erase()));
  return entries.length;
}

const notesRoot: ParticipantRoot = {
  name: 'notes',
  collect: (doc, pid) => myNotes(doc, pid),
  erase(doc, pid, ctx) {
    const notes = notesOf(doc);
    const mine = [...notes.entries()].filter(([id, m]) => readNote(id, m).authorId === pid).map(([id]) => id);
    for (const id of mine) {
      notes.delete(id);
      ctx.erasedItems.add(id);
    }
    return mine.length;
  },
};

export const MyCommitment = CommitmentSchema.extend({ actionId: ItemId, actionTitle: z.string(), sector: NoteFields.authorSector });
export type MyCommitment = z.infer<typeof MyCommitment>;

/** Each action card's commitments map, by sector: a participant's are the entries naming them. */
function eachCommitment(doc: Y.Doc, f: (actionId: string, title: string, commitments: Y.Map<unknown>, sector: string, value: unknown) => void): void {
  actionsOf(doc).forEach((card, actionId) => {
    const map = card.get('commitments');
    const title = card.get('title');
    if (!(map instanceof Y.Map)) return;
    map.forEach((value, sector) => f(actionId, typeof title === 'string' ? title : '', map, sector, value));
  });
}

const commitmentsRoot: ParticipantRoot = {
  name: 'commitments',
  collect(doc, pid) {
    const out: MyCommitment[] = [];
    eachCommitment(doc, (actionId, actionTitle, _map, sector, v) => {
      if (isCommitment(v) && v.participantId === pid) {
        const parsed = MyCommitment.safeParse({ ...v, actionId, actionTitle, sector });
        if (parsed.success) out.push(parsed.data);
      }
    });
    return out;
  },
  erase(doc, pid) {
    const mine: Array<[Y.Map<unknown>, string]> = [];
    eachCommitment(doc, (_id, _title, map, sector, v) => {
      if (isCommitment(v) && v.participantId === pid) mine.push([map, sector]);
    });
    for (const [map, sector] of mine) map.delete(sector);
    return mine.length;
  },
};

/** An open-voting board keeps each ballot in the document, under its voter's id. */
const openBallotRoot: ParticipantRoot = {
  name: 'openBallot',
  collect(doc, pid) {
    const b = readBallot(votesOf(doc).get(pid));
    return b ? [b] : [];
  },
  erase(doc, pid) {
    if (!votesOf(doc).has(pid)) return 0;
    votesOf(doc).delete(pid);
    return 1;
  },
};

/** Their comments; replies others wrote to them are the others' and stay. */
const commentsRoot: ParticipantRoot = {
  name: 'comments',
  collect: (doc, pid) => listComments(doc).filter((c) => c.authorId === pid),
  erase(doc, pid) {
    const mine = listComments(doc).filter((c) => c.authorId === pid);
    for (const c of mine) deleteComment(doc, c.id);
    return mine.length;
  },
};

/** Their reactions: each is keyed by item, person and kind. */
const reactionsRoot: ParticipantRoot = {
  name: 'reactions',
  collect: (doc, pid) => listReactions(doc).filter((r) => r.participantId === pid),
  erase(doc, pid) {
    const mine = listReactions(doc).filter((r) => r.participantId === pid);
    for (const r of mine) removeReaction(doc, r);
    return mine.length;
  },
};

/**
 * Revealed rounds stay, as the anonymous aggregates they are; only the label
 * of an item that was erased (a note's first line) is blanked.
 */
function blankErasedLabels(doc: Y.Doc, erased: ReadonlySet<string>): void {
  if (erased.size === 0) return;
  const results = resultsOf(doc);
  const hit = (i: { id: string; label: string }): boolean => erased.has(i.id) && i.label !== '';
  for (const [key, value] of [...results.entries()]) {
    if (!ROUND_KEY_PATTERN.test(key)) continue;
    const round = RoundResultSchema.safeParse(value);
    if (!round.success || !round.data.items.some(hit)) continue;
    results.set(key, { ...round.data, items: round.data.items.map((i) => (hit(i) ? { ...i, label: '' } : i)) });
  }
}

/**
 * For every root of a board, what of it is a person's, or null (and why)
 * when it holds nobody's contributions. Keyed by RootName, so a root added
 * to ROOT_NAMES does not compile until it says: comments and reactions add
 * their entries here (a root that refers to erased items reads
 * `erasedItems`, filled by the roots before it in ROOT_NAMES order).
 */
const BY_ROOT: Record<RootName, ParticipantRoot | null> = {
  notes: notesRoot,
  // Named by the group; a scenario records no author.
  scenarios: null,
  votes: openBallotRoot,
  // The facilitator's settings.
  session: null,
  // Anonymous aggregates, written by the server; the label of an erased note is blanked below.
  results: null,
  // The cards stay (several people write them, their creator's random id with them); commitments are each person's.
  actions: commitmentsRoot,
  comments: commentsRoot,
  reactions: reactionsRoot,
};

/** Every root holding a participant's contributions, in ROOT_NAMES order, each with how to read and remove them. */
export const PARTICIPANT_ROOTS: readonly ParticipantRoot[] = ROOT_NAMES.flatMap((root) => BY_ROOT[root] ?? []);

/** The participant's contributions in a board, root by root. */
export function collectContributions(doc: Y.Doc, participantId: string, roots: readonly ParticipantRoot[] = PARTICIPANT_ROOTS): Record<string, unknown[]> {
  return Object.fromEntries(roots.map((r) => [r.name, r.collect(doc, participantId)]));
}

/** Removes the participant's contributions from a board in one transaction; counts per root. */
export function eraseContributions(doc: Y.Doc, participantId: string, roots: readonly ParticipantRoot[] = PARTICIPANT_ROOTS): Record<string, number> {
  const ctx: ErasureContext = { erasedItems: new Set() };
  const counts: Record<string, number> = {};
  doc.transact(() => {
    for (const r of roots) counts[r.name] = r.erase(doc, participantId, ctx);
    blankErasedLabels(doc, ctx.erasedItems);
  });
  return counts;
}

/** Proof of who asks for their data over HTTP: the identity token the server issued (beside the link token as bearer). */
export const IDENTITY_HEADER = 'x-tavolo-identity';

/** GET /api/rooms/:roomId/my-data: everything of one participant the server keeps for a workshop. */
export const MyContributions = z.object({
  format: z.literal('tavolo-my-contributions'),
  version: z.literal(1),
  roomId: z.string(),
  title: z.string(),
  participantId: z.string(),
  exportedAt: z.number(),
  /** The board, root by root (PARTICIPANT_ROOTS): notes, commitments, an open-voting ballot, and any root added since. */
  board: z.record(z.string(), z.array(z.unknown())),
  /** Private notes not yet revealed. */
  drafts: z.array(MyNote),
  /** Secret ballots, by round. */
  ballots: z.array(z.object({ round: z.number(), ballot: z.unknown() })),
});
export type MyContributions = z.infer<typeof MyContributions>;

/** DELETE /api/rooms/:roomId/my-data: how much went from where. */
export const ErasureResult = z.object({
  board: z.record(z.string(), z.number()),
  drafts: z.number(),
  ballots: z.number(),
  /** Their notes a moderator had hidden (kept, until now, in the board's server-only ~hidden document). */
  hidden: z.number(),
  /** Stored versions of the board that held some of it and were rewritten. */
  versions: z.number(),
});
export type ErasureResult = z.infer<typeof ErasureResult>;
