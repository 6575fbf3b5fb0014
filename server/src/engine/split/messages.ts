import { catalogOf, formatMessage, type Message } from '../i18n/locale.js';
import en from './split.en.json';
import zhCn from './split.zh-cn.json';
import type { Refusal } from './types.js';

/**
 * Why the split refuses, in English and Simplified Chinese: one clause each, written for Markdown (backticks
 * are code; `build-in-final-stage` quotes them in a diagnostic). Fragments that go inside another clause
 * (what needs a shell, what a RUN writes) are here too and are passed along in both languages. They are data,
 * one JSON bundle per language (`split.en.json`, `split.zh-cn.json`), in this order: the file and the final
 * stage, what the image starts, packages and files, the C library the program links against, then Rust,
 * Node.js, Python and Java. The keys are the English bundle's, checked by the compiler.
 */
export const SPLIT_MESSAGES = catalogOf(en, zhCn);

export type SplitMessage = keyof typeof SPLIT_MESSAGES;
/** An argument: the same in both languages, or a fragment already in both. */
export type SplitArg = string | number | Message;

/** A message of the catalog in both languages, each with its arguments in the same language. */
export function both(key: SplitMessage, args: Record<string, SplitArg> = {}): Message {
  const message: Message = SPLIT_MESSAGES[key];
  const inLocale = (locale: keyof Message) => Object.fromEntries(Object.entries(args).map(([k, v]) => [k, typeof v === 'object' ? v[locale] : v]));
  return { en: formatMessage(message.en, inLocale('en')), 'zh-cn': formatMessage(message['zh-cn'], inLocale('zh-cn')) };
}

/** No split, and why (in both languages). */
export function refuse(key: SplitMessage, args: Record<string, SplitArg> = {}): Refusal {
  const m = both(key, args);
  return { reason: m.en, zh: m['zh-cn'] };
}

/** Fragments joined as a list, in both languages (`a, b` / `a、b`). */
export function joinBoth(items: readonly SplitArg[]): Message {
  const sep = SPLIT_MESSAGES.listJoin;
  const one = (locale: keyof Message) => items.map((i) => (typeof i === 'object' ? i[locale] : String(i))).join(sep[locale]);
  return { en: one('en'), 'zh-cn': one('zh-cn') };
}
