/**
 * The rules' messages are data: one JSON bundle per language (`rules.en.json`, `rules.zh-cn.json`), each mapping
 * a rule id to that rule's texts by key, as VS Code's own l10n bundles do. A rule takes its catalog with
 * `ruleMessages(id)`; the keys it may ask `ctx.t` for are the English bundle's, checked by the compiler.
 */
import { catalogOf, type Bundle, type Catalog } from './locale.js';
import en from './rules.en.json';
import zhCn from './rules.zh-cn.json';

type RuleBundles = typeof en;

/** The catalog of one rule, from both bundles. */
export function ruleMessages<R extends keyof RuleBundles>(id: R): Catalog<keyof RuleBundles[R] & string> {
  return catalogOf(en[id] as Record<keyof RuleBundles[R] & string, string>, (zhCn as Readonly<Record<string, Bundle>>)[id]);
}

/** Both bundles as they are, for the test that they name the same rules and keys. */
export const RULE_BUNDLES: Readonly<Record<'en' | 'zh-cn', Readonly<Record<string, Bundle>>>> = { en, 'zh-cn': zhCn };
