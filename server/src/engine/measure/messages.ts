import type { Catalog } from '../i18n/locale.js';

/** The words of a measured waste link (`wasteSentence`), in English and Simplified Chinese. */
export const MEASURE_MESSAGES = {
  stepBase: { en: 'the base image (FROM, line {line})', 'zh-cn': '基础镜像（FROM，第 {line} 行）' },
  stepLine: { en: 'line {line} ({keyword})', 'zh-cn': '第 {line} 行（{keyword}）' },
  deletedOne: {
    en: '{bytes} wasted: {hider} deletes a file that {producer} stored; the image still stores it: {paths}{more}.',
    'zh-cn': '浪费 {bytes}：{hider}删除了{producer}存入的 1 个文件；镜像仍然存着它：{paths}{more}。',
  },
  deletedMany: {
    en: '{bytes} wasted: {hider} deletes {count} files that {producer} stored; the image still stores them: {paths}{more}.',
    'zh-cn': '浪费 {bytes}：{hider}删除了{producer}存入的 {count} 个文件；镜像仍然存着它们：{paths}{more}。',
  },
  replacedOne: {
    en: '{bytes} wasted: {hider} replaces a file that {producer} stored; the image keeps both copies: {paths}{more}.',
    'zh-cn': '浪费 {bytes}：{hider}替换了{producer}存入的 1 个文件；镜像保留了两份副本：{paths}{more}。',
  },
  replacedMany: {
    en: '{bytes} wasted: {hider} replaces {count} files that {producer} stored; the image keeps both copies: {paths}{more}.',
    'zh-cn': '浪费 {bytes}：{hider}替换了{producer}存入的 {count} 个文件；镜像保留了两份副本：{paths}{more}。',
  },
  path: { en: '/{path} ({size})', 'zh-cn': '/{path}（{size}）' },
  pathJoin: { en: ', ', 'zh-cn': '，' },
  more: { en: ' and {n} more', 'zh-cn': '，另有 {n} 个' },
} satisfies Catalog;
