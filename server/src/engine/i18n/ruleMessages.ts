/**
 * The rules' messages are data: one JSON bundle per language (`rules.en.json`, `rules.zh-cn.json`), each mapping
 * a rule id to that rule's texts by key, as VS Code's own l10n bundles do. `defineRule(id, …)` takes a rule's
 * catalog with `ruleMessages(id)`; the keys it may ask `ctx.t` for are the English bundle's, checked by the compiler.
 */
import { catalogOf, type Bundle, type Catalog } from './locale.js';
import en from './rules.en.json';
import zhCn from './rules.zh-cn.json';

export type RuleBundles = typeof en;
/** The keys of one rule's messages (what its `ctx.t` may be asked for). */
export type RuleKey<R extends keyof RuleBundles> = keyof RuleBundles[R] & string;

/** The catalog of one rule, from both bundles. */
export function ruleMessages<R extends keyof RuleBundles>(id: R): Catalog<RuleKey<R>> {
  return catalogOf(en[id] as Record<RuleKey<R>, string>, (zhCn as Readonly<Record<string, Bundle>>)[id]);
}

/** Both bundles as they are, for the test that they name the same rules and keys. */
export const RULE_BUNDLES: Readonly<Record<'en' | 'zh-cn', Readonly<Record<string, Bundle>>>> = { en, 'zh-cn': zhCn };
