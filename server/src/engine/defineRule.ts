import { ruleMessages, type RuleBundles, type RuleKey } from './i18n/ruleMessages.js';
import { ruleMeta, type RuleId } from './ruleMeta.js';
import type { Rule, RuleContext } from './types.js';

/** Where the documentation of every rule lives; the single source for diagnostic links and SARIF. */
export const DOCS_BASE = 'https://github.com/dockerfile-slim/dockerfile-slim/blob/main/docs/rules/';

/** Ids of the findings the engine itself reports (not rules); documented together in `docs/rules/_engine-findings.md`. */
export const INTERNAL_ERROR = 'internal-error';
export const FILE_TOO_LARGE = 'file-too-large';
export const SCRIPT_TOO_LONG = 'script-too-long';
const ENGINE_FINDINGS = new Set([INTERNAL_ERROR, FILE_TOO_LARGE, SCRIPT_TOO_LONG]);

export function docsUrl(ruleId: string): string {
  if (ENGINE_FINDINGS.has(ruleId)) return `${DOCS_BASE}_engine-findings.md#${ruleId}`;
  return `${DOCS_BASE}${ruleId}.md`;
}

/**
 * A rule from its id and its check. Its metadata (`rules/meta.json`) and its messages (`i18n/rules.*.json`) are
 * data found by the id; the compiler checks that the id is in both and that `ctx.t` is only asked for keys of
 * the rule's own messages.
 */
export function defineRule<R extends RuleId & keyof RuleBundles>(id: R, rule: { check(ctx: RuleContext<RuleKey<R>>): void }): Rule {
  const defined: Rule<RuleKey<R>> = { meta: ruleMeta(id), messages: ruleMessages(id), check: rule.check };
  return defined as unknown as Rule;
}
