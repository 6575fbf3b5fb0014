import { resolveLocale, translator, type Catalog, type Locale, type Translate } from '../engine/index.js';
import type { InitializationOptions } from './protocol.js';

/** The language server's own texts (code action titles), in English and Simplified Chinese. */
export const LSP_MESSAGES = {
  unsafe: { en: '{title} (unsafe)', 'zh-cn': '{title}（不安全）' },
  ignore: { en: 'Ignore {rule} for this instruction', 'zh-cn': '在此指令上忽略 {rule}' },
  fixAllQuick: { en: 'Fix all safe problems in this file', 'zh-cn': '修复此文件中所有可安全修复的问题' },
  slimAction: { en: 'Slim this Dockerfile (safe fixes now, unsafe ones for review)', 'zh-cn': '精简此 Dockerfile（安全修复立即应用，不安全的留待审阅）' },
  slimCommand: { en: 'Slim this Dockerfile', 'zh-cn': '精简此 Dockerfile' },
  fixAllSource: { en: 'Apply all safe Dockerfile Slim fixes', 'zh-cn': '应用 Dockerfile Slim 的所有安全修复' },
  confirm: { en: 'may change what is installed or how it starts: review it', 'zh-cn': '可能改变安装的内容或启动方式：请审阅' },
  // "Slim this Dockerfile": the review's group labels and the one-line result
  groupSafe: { en: 'Safe fixes ({n}) — {saving}', 'zh-cn': '安全修复（{n} 个）— {saving}' },
  groupUnsafe: { en: '{titles} — unsafe{saving}{carried}', 'zh-cn': '{titles} — 不安全{saving}{carried}' },
  groupSaving: { en: ' — {saving}', 'zh-cn': ' — {saving}' },
  groupCarriedOne: { en: ' (with {n} safe fix on these lines)', 'zh-cn': '（含这些行上的 {n} 个安全修复）' },
  groupCarriedMany: { en: ' (with {n} safe fixes on these lines)', 'zh-cn': '（含这些行上的 {n} 个安全修复）' },
  savingEst: { en: '≈ −{size} est.', 'zh-cn': '估计 −{size}' },
  savingNotEstimated: { en: 'not estimated', 'zh-cn': '未估计' },
  resultSavingNone: { en: 'saving not estimated', 'zh-cn': '未估计节省' },
  resultLine: { en: 'Dockerfile Slim: {parts}.', 'zh-cn': 'Dockerfile Slim：{parts}。' },
  resultJoin: { en: '; ', 'zh-cn': '；' },
  resultApplied: { en: 'applied {what} ({saving})', 'zh-cn': '已应用{what}（{saving}）' },
  resultAnd: { en: ' and ', 'zh-cn': '和' },
  safeFixOne: { en: '{n} safe fix', 'zh-cn': ' {n} 个安全修复' },
  safeFixMany: { en: '{n} safe fixes', 'zh-cn': ' {n} 个安全修复' },
  unsafeFixOne: { en: '{n} unsafe fix', 'zh-cn': ' {n} 个不安全修复' },
  unsafeFixMany: { en: '{n} unsafe fixes', 'zh-cn': ' {n} 个不安全修复' },
  resultNothingAuto: { en: 'nothing to fix automatically', 'zh-cn': '没有可自动修复的内容' },
  resultAppliedChanges: { en: 'applied changes', 'zh-cn': '已应用更改' },
  resultNothingApplied: { en: 'nothing applied', 'zh-cn': '未应用任何更改' },
  resultLeft: { en: 'left: {rest}{note}', 'zh-cn': '剩余：{rest}{note}' },
  resultListJoin: { en: ', ', 'zh-cn': '，' },
  toReviewOne: { en: '{n} fix to review', 'zh-cn': '{n} 个待审阅的修复' },
  toReviewMany: { en: '{n} fixes to review', 'zh-cn': '{n} 个待审阅的修复' },
  byHandOne: { en: '{n} finding to change by hand', 'zh-cn': '{n} 个需手动修改的问题' },
  byHandMany: { en: '{n} findings to change by hand', 'zh-cn': '{n} 个需手动修改的问题' },
  resultNoPreview: {
    en: ' (unsafe fixes need a client with a preview, or `dockerfile-slim fix --unsafe`)',
    'zh-cn': '（不安全的修复需要支持预览的客户端，或使用 `dockerfile-slim fix --unsafe`）',
  },
  // "Show estimated savings"
  savingsSafe: { en: 'safe fixes', 'zh-cn': '安全修复' },
  savingsUnsafe: { en: 'unsafe fixes', 'zh-cn': '不安全修复' },
  savingsManual: { en: 'changes by hand', 'zh-cn': '手动修改' },
  savingsPart: { en: '{what}: {value}{missing}', 'zh-cn': '{what}：{value}{missing}' },
  savingsValue: { en: '≈ {size} est.', 'zh-cn': '估计 {size}' },
  savingsMissing: { en: ' ({missing} of {count} not estimated)', 'zh-cn': '（{count} 项中 {missing} 项未估计）' },
  savingsNothing: { en: 'Dockerfile Slim: nothing to save in this file.', 'zh-cn': 'Dockerfile Slim：此文件没有可节省的内容。' },
  // The size hints' tooltip; the basis (the cited source of the figure) stays in English
  sizeHintTooltip: { en: 'Dockerfile Slim size estimate (not a measurement): {basis}', 'zh-cn': 'Dockerfile Slim 大小估计（并非实测）：{basis}' },
} satisfies Catalog;

let current: Translate<keyof typeof LSP_MESSAGES> = translator(LSP_MESSAGES, 'en');
let currentLocale: Locale = 'en';

/** Sets the language of the server's texts and findings (from the client's display language, at initialize). */
export function setServerLocale(locale: Locale): void {
  currentLocale = locale;
  current = translator(LSP_MESSAGES, locale);
}

export function serverLocale(): Locale {
  return currentLocale;
}

/** Formats one of the server's own texts in the display language. */
export function lt(key: keyof typeof LSP_MESSAGES, args?: Record<string, string | number>): string {
  return current(key, args);
}

/** The display language the client asked for: `initializationOptions.locale`, else LSP's `locale`; English otherwise. */
export function localeFrom(options: unknown, lspLocale: string | undefined): Locale {
  const asked = typeof options === 'object' && options !== null ? (options as InitializationOptions).locale : undefined;
  return resolveLocale(typeof asked === 'string' ? asked : lspLocale);
}
