// i18next setup: German first, English second; the chosen language also sets <html lang>.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import de from '../i18n/de.json' with { type: 'json' };
import en from '../i18n/en.json' with { type: 'json' };
import type { Language } from './api-types.ts';

const storageKey = 'patchwerk.language';

/** The language stored in this browser, or German. */
export function storedLanguage(): Language {
  try {
    return window.localStorage.getItem(storageKey) === 'en' ? 'en' : 'de';
  } catch {
    return 'de';
  }
}

/** Switches the UI language, remembers it in this browser and updates <html lang>. */
export async function switchLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(storageKey, language);
  } catch {
    // Private modes may refuse storage; the switch still applies to this page.
  }
  if (i18n.language !== language) await i18n.changeLanguage(language);
  document.documentElement.lang = language;
}

/** The current UI language. */
export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'de';
}

/** The Intl locale of a UI language: German dates as in Germany, English as in Britain. */
export function localeOf(language: Language): string {
  return language === 'en' ? 'en-GB' : 'de-DE';
}

/** Initialises i18next once, before the first render. */
export async function initI18n(): Promise<void> {
  const language = storedLanguage();
  await i18n.use(initReactI18next).init({
    resources: { de: { translation: de }, en: { translation: en } },
    lng: language,
    fallbackLng: 'de',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
}
