import type { Rule } from './types.js';

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

/** Identity helper: type-checks a rule definition, including that `ctx.t` is only asked for keys of its catalog. */
export function defineRule<K extends string>(rule: Rule<K>): Rule {
  return rule as unknown as Rule;
}
