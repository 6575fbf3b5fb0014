/**
 * The rules' metadata is data: `rules/meta.json` maps each rule id to its summary, rationale, category, default
 * level, fix safety and related prior-art codes (the rules table, `explain`, the docs and SARIF read it through
 * `rule.meta`). A rule takes its own with `ruleMeta(id)`; a value outside its type throws when the rule loads.
 * `rules/meta.zh-cn.json` holds the Simplified Chinese summary and rationale of each rule (`ruleText`); the i18n
 * test checks that every rule has both, with the same inline code as the English.
 */
import type { Locale } from './i18n/locale.js';
import META from './rules/meta.json';
import META_ZH_CN from './rules/meta.zh-cn.json';
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

/** The texts of a rule a reader sees: its one-line summary and its rationale. */
export interface RuleText {
  summary: string;
  rationale: string;
}

/** The Chinese bundle as it is, for the test that it names every rule with both texts. */
export const RULE_TEXT_ZH_CN: Readonly<Record<string, Partial<RuleText>>> = META_ZH_CN;

/** A rule's summary and rationale in a locale; English (the metadata's own) when the bundle lacks one. */
export function ruleText(meta: Pick<RuleMeta, 'id' | 'summary' | 'rationale'>, locale: Locale = 'en'): RuleText {
  const zh = locale === 'zh-cn' ? RULE_TEXT_ZH_CN[meta.id] : undefined;
  return { summary: zh?.summary || meta.summary, rationale: zh?.rationale || meta.rationale };
}
