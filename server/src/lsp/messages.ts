import { catalogOf, resolveLocale, translator, type Locale, type Translate } from '../engine/index.js';
import en from './server.en.json';
import zhCn from './server.zh-cn.json';
import type { InitializationOptions } from './protocol.js';

/**
 * The language server's own texts (code action titles), in English and Simplified Chinese: data, one JSON bundle
 * per language (`server.en.json`, `server.zh-cn.json`), in this order: the code actions, "Slim this Dockerfile"
 * (the review's group labels and the one-line result), "Show estimated savings", the size hints' tooltip (whose
 * basis, the cited source of the figure, stays in English). The keys are the English bundle's.
 */
export const LSP_MESSAGES = catalogOf(en, zhCn);

let current: Translate<keyof typeof LSP_MESSAGES> = translator(LSP_MESSAGES, 'en');
let currentLocale: Locale = 'en';

/** Sets the language of the server's texts and findings (from the client's display language, at initialize). */
export function setServerLocale(locale: Locale): void {
  currentLocale = locale;
  current = translator(LSP_MESSAGES, locale);
}

export function serverLocale(): Locale {
  return currentLocale;
}

/** Formats one of the server's own texts in the display language. */
export function lt(key: keyof typeof LSP_MESSAGES, args?: Record<string, string | number>): string {
  return current(key, args);
}

/** The display language the client asked for: `initializationOptions.locale`, else LSP's `locale`; English otherwise. */
export function localeFrom(options: unknown, lspLocale: string | undefined): Locale {
  const asked = typeof options === 'object' && options !== null ? (options as InitializationOptions).locale : undefined;
  return resolveLocale(typeof asked === 'string' ? asked : lspLocale);
}
