/**
 * "Possible duplicate of …" on a note card, for the facilitator only (a
 * participant never sees it, and nothing is blocked): the note likely
 * repeats an earlier one; a click brings that one into view.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { getNote } from '../../shared/notes';
import { useBoard } from '../hooks/useBoard';
import { duplicateFlagsOf, type DuplicateFlags } from '../lib/duplicateFlags';
import { jumpToNote } from '../lib/jumpToNote';
import '../styles/Suggest.css';

const EXCERPT = 40;

export function DuplicateMarker({ id }: { id: string }) {
  const { role, space } = useBoard();
  if (role !== 'facilitator' || space !== 'board') return null;
  return <Marker id={id} />;
}

function Marker({ id }: { id: string }) {
  const { t } = useTranslation();
  const { doc } = useBoard();
  const flags: DuplicateFlags = duplicateFlagsOf(doc);
  const subscribe = useCallback((cb: () => void) => flags.subscribe(id, cb), [flags, id]);
  const other = useSyncExternalStore(subscribe, () => flags.flagOf(id));
  if (!other) return null;
  const text = getNote(doc, other)?.text ?? '';
  const excerpt = text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text;
  return (
    <button type="button" className="duplicate-marker" data-duplicate-of={other} title={text} onClick={() => jumpToNote(other)}>
      {t('suggest.duplicateOf', { text: excerpt })}
    </button>
  );
}
