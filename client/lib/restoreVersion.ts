/**
 * Restoring a saved version: the board's notes, scenarios, action cards and
 * the session's title and prompts are set to the version's, as one ordinary
 * local edit of the facilitator (origin null), so it goes through the
 * server's write policy like any other and the facilitator's Ctrl+Z takes
 * it back. Entities keep their ids: notes deleted since the version come
 * back under the same id, notes written since are removed (the caller saves
 * the board as a version first, so they are not lost). Only what differs is
 * written: texts through the smallest text edit, unchanged fields not at all.
 * Votes and revealed results are not part of a restore: they belong to the
 * rounds held since.
 */
import * as Y from 'yjs';
import { ROOT_ACTIONS } from '../../shared/actions';
import { ROOT_NOTES, ROOT_SCENARIOS, ROOT_SESSION } from '../../shared/schema';
import { applyTextEdit } from '../../shared/text';
import { copyValue } from './rebase';

const RESTORED_ROOTS = [ROOT_NOTES, ROOT_SCENARIOS, ROOT_ACTIONS] as const;
const RESTORED_SESSION_KEYS = ['title', 'prompts'] as const;

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Makes `target` hold what `source` holds, key by key, recursing into maps present in both. */
function syncMap(source: Y.Map<unknown>, target: Y.Map<unknown>, keys?: readonly string[]): void {
  const all = keys ?? [...new Set([...source.keys(), ...target.keys()])];
  for (const key of all) {
    const from = source.get(key);
    const to = target.get(key);
    if (from === undefined) {
      if (target.has(key)) target.delete(key);
    } else if (from instanceof Y.Map && to instanceof Y.Map) {
      syncMap(from as Y.Map<unknown>, to as Y.Map<unknown>);
    } else if (from instanceof Y.Text && to instanceof Y.Text) {
      applyTextEdit(to, from.toString());
    } else if (from instanceof Y.AbstractType || to instanceof Y.AbstractType || to === undefined || !same(from, to)) {
      target.set(key, copyValue(from));
    }
  }
}

/**
 * Applies the version held by `version` to the live `doc`, in one
 * transaction with `origin` (null: an undoable edit). `history` makes it an
 * undo step of its own: an edit made just before (the deletion that the
 * restore repairs, say) must not merge into it, or one Ctrl+Z would take
 * back both and leave the mistake in place.
 */
export function restoreVersion(doc: Y.Doc, version: Y.Doc, origin: unknown = null, history?: { separate(): void } | null): void {
  history?.separate();
  doc.transact(() => {
    for (const root of RESTORED_ROOTS) syncMap(version.getMap(root), doc.getMap(root));
    syncMap(version.getMap(ROOT_SESSION), doc.getMap(ROOT_SESSION), RESTORED_SESSION_KEYS);
  }, origin);
  history?.separate();
}

/** A version's bytes (base64 of one Yjs update, as the versions API sends them) as a doc to read or restore from. */
export function versionDoc(base64: string): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
  return doc;
}
