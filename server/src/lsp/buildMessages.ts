import { catalogOf, translator } from '../engine/index.js';
import en from './build.en.json';
import zhCn from './build.zh-cn.json';
import { serverLocale } from './messages.js';

/**
 * What the language server says about "Measure image" and "Verify by building", in English and Simplified Chinese:
 * data, one JSON bundle per language (`build.en.json`, `build.zh-cn.json`), in this order: measuring, the waste
 * diagnostics and the code lenses, then "Verify by building". The keys are the English bundle's.
 */
export const BUILD_MESSAGES = catalogOf(en, zhCn);

/** Formats one of these texts in the server's display language. */
export function bt(key: keyof typeof BUILD_MESSAGES, args?: Record<string, string | number>): string {
  return translator(BUILD_MESSAGES, serverLocale())(key, args);
}
