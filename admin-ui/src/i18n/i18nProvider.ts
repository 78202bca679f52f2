import polyglotI18nProvider from 'ra-i18n-polyglot';
import { en } from './en';
import { ja } from './ja';

const messages = { ja, en } as const;

const provider = polyglotI18nProvider(
  (locale) => (locale === 'en' ? messages.en : messages.ja),
  'ja',
  [
    { locale: 'ja', name: '日本語' },
    { locale: 'en', name: 'English' },
  ],
  // Every key we use is defined; this only silences polyglot's console warnings for fallbacks.
  { allowMissing: true },
);

export const i18nProvider = {
  ...provider,
  // Keep <html lang> right so screen readers pronounce the text in the chosen language.
  changeLocale: async (locale: string) => {
    await provider.changeLocale(locale);
    document.documentElement.lang = locale;
  },
};
