import { catalogOf, localTexts, resolveLocale, type Locale } from '../engine/index.js';
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

const texts = localTexts(LSP_MESSAGES);

/** Sets the language of the server's texts and findings (from the client's display language, at initialize). */
export const setServerLocale = texts.setLocale;
export const serverLocale = texts.locale;
/** Formats one of the server's own texts in the display language. */
export const lt = texts.t;

/** The display language the client asked for: `initializationOptions.locale`, else LSP's `locale`; English otherwise. */
export function localeFrom(options: unknown, lspLocale: string | undefined): Locale {
  const asked = typeof options === 'object' && options !== null ? (options as InitializationOptions).locale : undefined;
  return resolveLocale(typeof asked === 'string' ? asked : lspLocale);
}
