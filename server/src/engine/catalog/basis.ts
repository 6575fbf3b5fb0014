/**
 * The basis of an estimate (where a figure comes from) as a value, not a sentence: a message key with its
 * arguments, which may themselves be bases. The model and the catalog produce it without a language; the edge
 * that shows it (size hints, findings) formats it in the user's locale. Cited sources (repository paths, URLs,
 * image names, dates) are arguments and stay as they are in every language. The texts are data, one JSON bundle
 * per language (`basis.en.json`, `basis.zh-cn.json`); the keys are the English bundle's, checked by the compiler.
 */
import en from './basis.en.json';
import zhCn from './basis.zh-cn.json';
import { catalogOf, pick, type Locale } from '../i18n/locale.js';

export const BASIS_MESSAGES = catalogOf(en, zhCn);

export type BasisKey = keyof typeof BASIS_MESSAGES;

export interface Basis {
  readonly key: BasisKey;
  readonly args?: Readonly<Record<string, string | number | Basis>>;
}

/** A basis in one language; arguments that are bases are formatted in the same language first. */
export function formatBasis(basis: Basis, locale: Locale = 'en'): string {
  const args: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(basis.args ?? {})) args[name] = typeof value === 'object' ? formatBasis(value, locale) : value;
  return pick(BASIS_MESSAGES[basis.key], locale, args);
}
