import type { Catalog } from './locale.js';

/** Texts the engine itself writes (not a rule's): the findings it reports about a file it could not check. */
export const ENGINE_MESSAGES = {
  fileTooLarge: {
    en: 'File too large to check ({length} characters; the limit is {limit}).',
    'zh-cn': '文件过大，未检查（{length} 个字符，上限为 {limit}）。',
  },
  unreadable: {
    en: 'Could not read this file, so no rule ran: {detail}. Please report this with the Dockerfile.',
    'zh-cn': '无法解析此文件，所有规则均未运行：{detail}。请附上该 Dockerfile 报告此问题。',
  },
  ruleFailed: {
    en: 'Rule {rule} failed on this file and was skipped: {detail}. Please report this with the Dockerfile.',
    'zh-cn': '规则 {rule} 在此文件上出错，已跳过：{detail}。请附上该 Dockerfile 报告此问题。',
  },
  scriptTooLong: {
    en: 'RUN too long to check ({length} characters; the limit is {limit}).',
    'zh-cn': '此 RUN 过长，其中的命令未检查（{length} 个字符，上限为 {limit}）。',
  },
  estimate: {
    en: '{message} (≈ {size})',
    'zh-cn': '{message}（约 {size}）',
  },
  /** A size hint given as the compressed size of an image (the other hints need no words). */
  hintCompressed: { en: '{value} compressed', 'zh-cn': '{value}（压缩后）' },
} satisfies Catalog;
