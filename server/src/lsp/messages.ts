import { resolveLocale, translator, type Catalog, type Locale, type Translate } from '../engine/index.js';
import type { InitializationOptions } from './protocol.js';

/** The language server's own texts (code action titles), in English and Simplified Chinese. */
export const LSP_MESSAGES = {
  unsafe: { en: '{title} (unsafe)', 'zh-cn': '{title}（不安全）' },
  ignore: { en: 'Ignore {rule} for this instruction', 'zh-cn': '在此指令上忽略 {rule}' },
  fixAllQuick: { en: 'Fix all safe problems in this file', 'zh-cn': '修复此文件中所有可安全修复的问题' },
  slimAction: { en: 'Slim this Dockerfile (safe fixes now, unsafe ones for review)', 'zh-cn': '精简此 Dockerfile（安全修复立即应用，不安全的留待审阅）' },
  slimCommand: { en: 'Slim this Dockerfile', 'zh-cn': '精简此 Dockerfile' },
  fixAllSource: { en: 'Apply all safe Dockerfile Slim fixes', 'zh-cn': '应用 Dockerfile Slim 的所有安全修复' },
  confirm: { en: 'may change what is installed or how it starts: review it', 'zh-cn': '可能改变安装的内容或启动方式：请审阅' },
} satisfies Catalog;

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
