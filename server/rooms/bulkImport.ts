/**
 * A bulk import as one server-side change: the rows are checked against the
 * room as it is now (room left for notes and frames), then written in one
 * transaction and stored before the caller answers, and relayed to
 * everyone connected like any other change. A problem writes nothing.
 */
import { firstProblem, importRows, type ImportOutcome, type ImportPreview } from '../../shared/bulkImport';
import { notesOf } from '../../shared/schema';
import type { RoomRegistry } from './roomRegistry';

/** `parse` gets how many notes the board still has room for. Null when there is no such room. */
export async function importIntoRoom(registry: RoomRegistry, roomId: string, parse: (maxRows: number) => ImportPreview): Promise<ImportOutcome | null> {
  const board = await registry.acquire(roomId);
  if (!board) return null;
  board.holds++;
  try {
    const { maxNotes, maxScenarios } = registry.limits;
    // Nothing awaits between this count and the write, so no other change slips in between.
    const preview = parse(Math.max(0, maxNotes - notesOf(board.doc).size));
    const problem = firstProblem(preview);
    if (problem) return { ok: false, problem };
    if (preview.rows.length === 0) return { ok: false, problem: { code: 'empty_file', line: 1, message: 'Nothing to import: every line is empty' } };
    const outcome = importRows(board.doc, preview.rows, { maxScenarios });
    if (outcome.ok) await board.flushNow();
    return outcome;
  } finally {
    board.holds--;
    registry.release(board);
  }
}
