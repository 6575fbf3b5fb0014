/**
 * The rules' metadata is data: `rules/meta.json` maps each rule id to its summary, rationale, category, default
 * level, fix safety and related prior-art codes (the rules table, `explain`, the docs and SARIF read it through
 * `rule.meta`). A rule takes its own with `ruleMeta(id)`; a value outside its type throws when the rule loads.
 */
import META from './rules/meta.json';
import type { Category, FixSafety, RuleLevel, RuleMeta } from './types.js';

const CATEGORIES: readonly Category[] = ['size', 'layers', 'runtime', 'base-image', 'security', 'internal'];
const LEVELS: readonly RuleLevel[] = ['error', 'warning', 'info', 'off'];
const FIXES: readonly (FixSafety | 'none')[] = ['safe', 'unsafe', 'none'];

export type RuleId = keyof typeof META;

/** The metadata of one rule. */
export function ruleMeta(id: RuleId): RuleMeta {
  const m = META[id];
  const bad = (field: string): never => {
    throw new Error(`rules/meta.json: ${id}.${field} is not valid`);
  };
  if (typeof m.summary !== 'string' || m.summary === '') bad('summary');
  if (typeof m.rationale !== 'string' || m.rationale === '') bad('rationale');
  if (!CATEGORIES.includes(m.category as Category)) bad('category');
  if (!LEVELS.includes(m.defaultSeverity as RuleLevel)) bad('defaultSeverity');
  if (!FIXES.includes(m.fix as FixSafety | 'none')) bad('fix');
  if (!Array.isArray(m.related) || !m.related.every((r: unknown) => typeof r === 'string')) bad('related');
  return {
    id,
    summary: m.summary,
    rationale: m.rationale,
    category: m.category as Category,
    defaultSeverity: m.defaultSeverity as RuleLevel,
    fix: m.fix as FixSafety | 'none',
    related: [...m.related],
  };
}
