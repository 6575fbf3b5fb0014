import { catalogOf, translator, type Locale } from '../engine/index.js';
import en from './builds.en.json';
import zhCn from './builds.zh-cn.json';

/**
 * The words of the build helpers (progress, the smoke test, the verify summary, a missing builder), in English
 * and Simplified Chinese: data, one JSON bundle per language (`builds.en.json`, `builds.zh-cn.json`), in this
 * order: progress and builders, the smoke test in words, `fix --verify`'s one line. The keys are the English
 * bundle's. The language server and the CLI pass their locale; `test/engine/i18n.test.ts` checks both languages
 * and the placeholders.
 */
export const NODE_MESSAGES = catalogOf(en, zhCn);

export type NodeMessage = keyof typeof NODE_MESSAGES;

/** Formats one of these texts in a locale (English by default). */
export function nt(locale: Locale | undefined, key: NodeMessage, args?: Record<string, string | number>): string {
  return translator(NODE_MESSAGES, locale ?? 'en')(key, args);
}
