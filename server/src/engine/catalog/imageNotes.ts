import type { Locale } from '../i18n/locale.js';
import zhCn from './imageNotes.zh-cn.json';

/**
 * The Chinese of the catalog's own texts that a hover card shows (notes, contents, the notes on slimmer
 * alternatives): data beside the catalog, by image family, then by the English text (`imageNotes.zh-cn.json`).
 * `test/catalog/imageNotes.test.ts` checks that every text of `catalogTexts()` has its translation.
 */
export const IMAGE_NOTES_ZH: Readonly<Record<string, Readonly<Record<string, string>>>> = zhCn;

/** A catalog text of an image family in a locale; the English text when there is no translation. */
export function imageText(family: string, text: string, locale: Locale): string {
  return locale === 'zh-cn' ? (IMAGE_NOTES_ZH[family]?.[text] ?? text) : text;
}
