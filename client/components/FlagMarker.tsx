/**
 * "Flagged for review" on a note card, for the facilitator only: its text
 * holds a word of the Italian or English profanity lists (shared/profanity.ts).
 * Nothing is edited or blocked; the facilitator may hide the note.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { profanitiesIn } from '../../shared/profanity';
import { useBoard } from '../hooks/useBoard';
import { useNoteText } from '../hooks/useNoteText';

export function FlagMarker({ id }: { id: string }) {
  const { t } = useTranslation();
  const { doc } = useBoard();
  const text = useNoteText(doc, id);
  const words = useMemo(() => profanitiesIn(text), [text]);
  if (words.length === 0) return null;
  return (
    <p className="flag-marker" data-flagged title={t('moderation.flagWords', { words: words.join(', ') })}>
      ⚑ {t('moderation.flaggedMarker')}
    </p>
  );
}
