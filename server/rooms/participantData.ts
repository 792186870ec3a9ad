/**
 * A participant's control of their data in one workshop: the download of
 * everything of theirs the server keeps, and its erasure.
 *
 * Erasure is a server-side write through the live rooms, like a bulk
 * import: connected clients receive the deletions as any other change.
 * Then each document it touched is compacted into a snapshot of the
 * garbage-collected document, which holds none of the deleted content, and
 * the stored versions of the board are rewritten the same way, so no row of
 * the database keeps what was deleted (nor can a restore bring it back).
 */
import { readSession } from '../../shared/schema';
import {
  collectContributions,
  draftNotes,
  eraseContributions,
  eraseDrafts,
  type ErasureResult,
  type MyContributions,
  type MyNote,
} from '../../shared/participantData';
import type { Logger } from '../log';
import type { Room } from './room';
import { draftsDocId, type RoomRegistry } from './roomRegistry';
import { SecretVoting } from './secretVoting';

/** Runs `f` with the board loaded and held, then lets it go; null when there is no such room. */
async function withBoard<T>(registry: RoomRegistry, roomId: string, f: (board: Room) => Promise<T>): Promise<T | null> {
  const board = await registry.acquire(roomId);
  if (!board) return null;
  board.holds++;
  try {
    return await f(board);
  } finally {
    board.holds--;
    registry.release(board);
  }
}

/** The participant's drafts room, when they have one stored or loaded (never created for this). */
async function withDrafts<T>(registry: RoomRegistry, roomId: string, participantId: string, f: (drafts: Room) => Promise<T>): Promise<T | null> {
  if (!(await registry.draftsDocIds(roomId)).includes(draftsDocId(roomId, participantId))) return null;
  const drafts = await registry.acquireDrafts(roomId, participantId);
  if (!drafts) return null;
  try {
    await drafts.catchUp();
    return await f(drafts);
  } finally {
    registry.release(drafts);
  }
}

export async function collectParticipantData(registry: RoomRegistry, roomId: string, participantId: string): Promise<MyContributions | null> {
  const voting = new SecretVoting(registry);
  return withBoard(registry, roomId, async (board) => {
    const drafts: MyNote[] = (await withDrafts(registry, roomId, participantId, async (d) => draftNotes(d.doc))) ?? [];
    const ballots = await voting.ballotsOf(board, participantId);
    return {
      format: 'tavolo-my-contributions',
      version: 1,
      roomId,
      title: readSession(board.doc).title,
      participantId,
      exportedAt: Date.now(),
      board: collectContributions(board.doc, participantId),
      drafts,
      ballots,
    };
  });
}

/** Their notes hidden by a moderator: hiding keeps a note whole, so it goes too, and the hidden log is compacted. */
async function eraseHidden(registry: RoomRegistry, roomId: string, participantId: string): Promise<number> {
  const hidden = await registry.acquireHidden(roomId);
  if (!hidden) return 0;
  try {
    await hidden.catchUp();
    const n = Object.values(eraseContributions(hidden.doc, participantId)).reduce((a, b) => a + b, 0);
    if (n > 0) {
      await hidden.flushNow();
      await hidden.compact();
    }
    return n;
  } finally {
    registry.release(hidden);
  }
}

export async function eraseParticipantData(registry: RoomRegistry, roomId: string, participantId: string, log: Logger): Promise<ErasureResult | null> {
  const voting = new SecretVoting(registry);
  return withBoard(registry, roomId, async (board) => {
    // Recorded before anything is deleted: from now on no undo or replayed update brings their content back.
    await board.erasedAuthors.record(participantId);
    board.signalOthers({ t: 'erasedAuthor', participantId });
    // Drafts first: a reveal running meanwhile then copies none of them, or the board's erasure removes what it copied.
    const drafts =
      (await withDrafts(registry, roomId, participantId, async (d) => {
        const n = eraseDrafts(d.doc);
        await d.flushNow();
        await d.compact();
        return n;
      })) ?? 0;
    // Changes stored by other processes first, so what they hold is erased too.
    await board.catchUp();
    const counts = eraseContributions(board.doc, participantId);
    // Stored and sent to everyone connected before the log is compacted.
    await board.flushNow();
    await board.compact();
    const hidden = await eraseHidden(registry, roomId, participantId);
    const ballots = await voting.forget(board, participantId);
    const versions = await registry.versions.rewriteAll(roomId, (doc) => Object.values(eraseContributions(doc, participantId)).some((n) => n > 0));
    await registry.scrub();
    log.info({ roomId, ...counts, drafts, hidden, ballots, versions }, 'participant data erased');
    return { board: counts, drafts, hidden, ballots, versions };
  });
}
