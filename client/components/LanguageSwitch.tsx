/** EN / IT toggle; the choice is remembered on the device. */
import { useTranslation } from 'react-i18next';
import { LANGUAGES, currentLanguage, setLanguage } from '../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = i18n.language === 'it' || i18n.language === 'en' ? i18n.language : currentLanguage();
  return (
    <div className="segmented" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          className="segmented-btn"
          lang={lng}
          aria-pressed={current === lng}
          // Begins with what is shown, so "click EN" works for speech input (WCAG 2.5.3).
          aria-label={t('a11y.language', { code: lng.toUpperCase(), name: t(`language.${lng}`) })}
          title={t(`language.${lng}`)}
          onClick={() => setLanguage(lng)}
        >
          {lng.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
