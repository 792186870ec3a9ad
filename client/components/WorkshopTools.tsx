/**
 * The facilitator's workshop tools: bring in ideas gathered beforehand
 * (bulk import) and keep this board's structure as a template file that
 * "New workshop" starts from.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { templateFromBoard } from '../../shared/templates';
import { useBoard } from '../hooks/useBoard';
import { ImportDialog } from './ImportDialog';
import '../styles/Templates.css';

/** A file name from the board's title: letters and digits kept, the rest dashes. */
export const templateFileName = (title: string): string =>
  `${
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase()
      .slice(0, 60) || 'workshop'
  }.tavolo-template.json`;

export function WorkshopTools({ roomId }: { roomId: string }) {
  const { t } = useTranslation();
  const { doc } = useBoard();
  const [importing, setImporting] = useState(false);

  const saveTemplate = (): void => {
    const template = templateFromBoard(doc, { title: t('home.defaultTitle'), scenario: t('templates.scenario') });
    const url = URL.createObjectURL(new Blob([JSON.stringify(template, null, 2)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = templateFileName(template.titlePattern as string);
    document.body.append(a);
    a.click();
    a.remove();
    // The download has started from the blob; the URL is no longer needed.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };

  return (
    <section className="panel-section" aria-labelledby="workshop-tools-title">
      <h3 id="workshop-tools-title" className="panel-title">
        {t('templates.tools')}
      </h3>
      <div className="panel-row">
        <button type="button" className="btn btn-secondary btn-small" onClick={() => setImporting(true)}>
          {t('import.open')}
        </button>
        <button type="button" className="btn btn-secondary btn-small" onClick={saveTemplate}>
          {t('templates.save')}
        </button>
      </div>
      <ImportDialog open={importing} roomId={roomId} onClose={() => setImporting(false)} />
    </section>
  );
}
