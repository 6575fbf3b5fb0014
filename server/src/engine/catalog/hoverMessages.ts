import { catalogOf } from '../i18n/locale.js';
import en from './hover.en.json';
import zhCn from './hover.zh-cn.json';

/**
 * The words of the hover cards (hoverCard.ts) in English and Simplified Chinese. Markdown: backticks are code.
 * They are data, one JSON bundle per language (`hover.en.json`, `hover.zh-cn.json`), in the card's order: the
 * base-image card (its frame, then the summary at the top: C library · shell · package manager · size, then the
 * best smaller image), the trap titles, the traps, the flags. The catalog's facts about each image (family and
 * variant labels, contents, notes, the notes on slimmer alternatives) are data in English and are shown as they are.
 */
export const HOVER_MESSAGES = catalogOf(en, zhCn);

export type HoverKey = keyof typeof HOVER_MESSAGES;
