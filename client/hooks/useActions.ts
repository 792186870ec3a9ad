/**
 * Co-design action cards. The plan subscribes to the list of card ids
 * (oldest first); each card observes its own Y.Map. Free-text fields are
 * left out of the card's snapshot: they are bound to their textareas
 * (useYTextArea), so typing does not re-render the card.
 */
import { useCallback } from 'react';
import type * as Y from 'yjs';
import { ACTION_TEXT_FIELDS, actionsOf, readAction, type ActionView } from '../../shared/actions';
import { arrayEqual, useObserved } from './useObserved';

export type ActionMeta = Omit<ActionView, (typeof ACTION_TEXT_FIELDS)[number]>;

function actionIds(doc: Y.Doc): string[] {
  const rows: Array<{ id: string; at: number }> = [];
  actionsOf(doc).forEach((m, id) => rows.push({ id, at: typeof m.get('createdAt') === 'number' ? (m.get('createdAt') as number) : 0 }));
  return rows.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id)).map((r) => r.id);
}

export function useActionIds(doc: Y.Doc): string[] {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const actions = actionsOf(doc);
      actions.observe(onChange);
      return () => actions.unobserve(onChange);
    },
    [doc],
  );
  return useObserved(subscribe, () => actionIds(doc), arrayEqual);
}

/** Which priorities already have a card: item id → action id. */
export function useActionSources(doc: Y.Doc): Map<string, string> {
  const ids = useActionIds(doc);
  const out = new Map<string, string>();
  for (const id of ids) {
    const from = actionsOf(doc).get(id)?.get('fromItemId');
    if (typeof from === 'string') out.set(from, id);
  }
  return out;
}

function readMeta(doc: Y.Doc, id: string): ActionMeta | null {
  const m = actionsOf(doc).get(id);
  if (!m) return null;
  const { objective: _o, actions: _a, resources: _r, timeline: _t, ...meta } = readAction(id, m);
  return meta;
}

// Lead, partners and commitments are small plain values: comparing them as JSON is cheap and exact.
const equalMeta = (a: ActionMeta | null, b: ActionMeta | null): boolean => (a && b ? JSON.stringify(a) === JSON.stringify(b) : a === b);

export function useAction(doc: Y.Doc, id: string): ActionMeta | null {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const actions = actionsOf(doc);
      let current = actions.get(id);
      current?.observeDeep(onChange);
      const onActions = (e: Y.YMapEvent<Y.Map<unknown>>): void => {
        if (!e.keysChanged.has(id)) return;
        current?.unobserveDeep(onChange);
        current = actions.get(id);
        current?.observeDeep(onChange);
        onChange();
      };
      actions.observe(onActions);
      return () => {
        actions.unobserve(onActions);
        current?.unobserveDeep(onChange);
      };
    },
    [doc, id],
  );
  return useObserved(subscribe, () => readMeta(doc, id), equalMeta);
}
