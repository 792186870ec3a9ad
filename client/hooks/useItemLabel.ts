/** A note's text or a scenario's name, short, for accessible names that say which item an action is about. */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { notesOf, scenariosOf } from '../../shared/schema';
import { itemLabel } from '../lib/itemLabel';
import { useBoard } from './useBoard';
import { useObserved } from './useObserved';

export function useItemLabel(itemId: string): string {
  const { t } = useTranslation();
  const { doc } = useBoard();
  const subscribe = useCallback(
    (onChange: () => void) => {
      // Only this item's own map (deep, for a note's text) is observed.
      const m = notesOf(doc).get(itemId) ?? scenariosOf(doc).get(itemId);
      m?.observeDeep(onChange);
      return () => m?.unobserveDeep(onChange);
    },
    [doc, itemId],
  );
  return useObserved(subscribe, () => itemLabel(doc, itemId, { note: t('note.empty'), scenario: t('scenario.unnamed') }));
}
