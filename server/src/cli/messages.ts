import { catalogOf, localTexts } from '../engine/index.js';
import en from './cli.en.json';
import zhCn from './cli.zh-cn.json';
import { USAGE_MESSAGES } from './usage.js';

/**
 * The CLI's own texts (summary lines, errors), in English and Simplified Chinese: data, one JSON bundle per
 * language (`cli.en.json`, `cli.zh-cn.json`; the keys are the English bundle's); the help is in `usage.ts`.
 * `main` sets the language once, from `--lang` or the environment's locale, before any command runs.
 */
export const CLI_MESSAGES = catalogOf(en, zhCn);

const texts = localTexts(CLI_MESSAGES);

/** The language of this run (set once by `main`). */
export const setCliLocale = texts.setLocale;
export const cliLang = texts.locale;
/** One of the CLI's texts in the run's language. */
export const ct = texts.t;

/** `1 file`, `3 files` (`3 个文件`): `kind` names the pair of messages. */
export function count(n: number, kind: 'problem' | 'error' | 'warning' | 'file' | 'figure' | 'fix'): string {
  return ct(`${kind}${n === 1 ? 'One' : 'Many'}`, { n });
}

/** The help texts in the run's language. */
export function usage(key: keyof typeof USAGE_MESSAGES): string {
  return USAGE_MESSAGES[key][cliLang()];
}
