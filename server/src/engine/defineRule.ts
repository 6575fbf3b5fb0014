import type { Rule } from './types.js';

/** Where the documentation of every rule lives; the single source for diagnostic links and SARIF. */
export const DOCS_BASE = 'https://github.com/dockerfile-slim/dockerfile-slim/blob/main/docs/rules/';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}${ruleId}.md`;
}

/** Identity helper: type-checks a rule definition. */
export function defineRule(rule: Rule): Rule {
  return rule;
}
