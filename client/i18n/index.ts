/** i18next set-up: the browser language picks Italian or English, a choice
 * made in the UI is remembered, and <html lang> always follows. */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { loadResources } from './resources';

export const LANGUAGES = ['en', 'it'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'tavolo.language';

const isLanguage = (v: unknown): v is Language => v === 'en' || v === 'it';

function initialLanguage(): Language {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (isLanguage(saved)) return saved;
  } catch {
    // Storage can be unavailable (private mode); fall back to the browser.
  }
  return navigator.language.toLowerCase().startsWith('it') ? 'it' : 'en';
}

export function setLanguage(lng: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Not remembered, but still switched for this tab.
  }
  void i18n.changeLanguage(lng);
}

export const currentLanguage = (): Language => (isLanguage(i18n.language) ? i18n.language : 'en');

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

void i18n.use(initReactI18next).init({
  resources: Object.fromEntries(Object.entries(loadResources()).map(([lng, tree]) => [lng, { translation: tree }])),
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

document.documentElement.lang = i18n.language;

export default i18n;
