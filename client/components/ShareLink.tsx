/** The board's address with a copy button; falls back to selecting the text
 * and execCommand where the async clipboard is missing or refused (http, old browsers). */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

const COPIED_FOR_MS = 2000;

interface ShareLinkProps {
  url: string;
  /** Accessible name of the address field. */
  label?: string;
  /** Accessible name of the copy button ("Copy link" by default). */
  copyLabel?: string;
  className?: string;
}

export function ShareLink({ url, label, copyLabel, className }: ShareLinkProps) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), COPIED_FOR_MS);
    return () => clearTimeout(timer);
  }, [copied]);

  const fallback = (): boolean => {
    const input = inputRef.current;
    if (!input) return false;
    input.focus();
    input.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  };

  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      setCopied(fallback());
    }
  };

  return (
    <div className={`share ${className ?? ''}`}>
      <input
        ref={inputRef}
        className="share-url input"
        readOnly
        value={url}
        aria-label={label ?? t('share.label')}
        onFocus={(e) => e.currentTarget.select()}
      />
      {/* Its words are its name (WCAG 2.5.3): "Copy device link" is shown, not just "Copy link". */}
      <button type="button" className="btn btn-secondary" onClick={() => void copy()}>
        <svg className="share-icon" width="20" height="20" viewBox="0 0 24 24" aria-hidden="true">
          <path
            d="M10 14a4 4 0 0 0 5.66 0l3-3a4 4 0 0 0-5.66-5.66l-1 1M14 10a4 4 0 0 0-5.66 0l-3 3a4 4 0 0 0 5.66 5.66l1-1"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
          />
        </svg>
        <span className="share-copy-text">{copied ? `✓ ${t('share.copied')}` : (copyLabel ?? t('share.copy'))}</span>
      </button>
      <span className="visually-hidden" role="status">
        {copied ? t('share.copied') : ''}
      </span>
    </div>
  );
}
