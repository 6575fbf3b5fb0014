import { translator, type Catalog, type Locale } from '../engine/index.js';

/**
 * The words of the build helpers (progress, the smoke test, the verify summary, a missing builder), in English
 * and Simplified Chinese. The language server and the CLI pass their locale; `test/engine/i18n.test.ts` checks
 * both languages and the placeholders.
 */
export const NODE_MESSAGES = {
  phaseBuilding: { en: 'building with {builder}', 'zh-cn': '正在用 {builder} 构建' },
  phaseSaving: { en: 'saving the image', 'zh-cn': '正在保存镜像' },
  phaseReading: { en: 'reading the layers', 'zh-cn': '正在读取各层' },
  phaseOriginal: { en: 'original: {phase}', 'zh-cn': '原文件：{phase}' },
  phaseSlim: { en: 'slim: {phase}', 'zh-cn': '精简后：{phase}' },
  stepBuild: { en: 'the build failed ({command} {verb} exited with {code})', 'zh-cn': '构建失败（{command} {verb} 的退出状态为 {code}）' },
  stepSave: { en: 'saving the image failed ({command} {verb} exited with {code})', 'zh-cn': '保存镜像失败（{command} {verb} 的退出状态为 {code}）' },
  noBuilder: {
    en: 'No container builder found: tried {tried}. Install one of Docker (with buildx), Podman or Buildah, or set the order of builders to try.',
    'zh-cn': '未找到容器构建工具：已尝试 {tried}。请安装 Docker（含 buildx）、Podman 或 Buildah 之一，或设置要尝试的构建工具顺序。',
  },
  unknownBuilder: { en: 'unknown builder "{name}" (supported: {supported})', 'zh-cn': '未知的构建工具“{name}”（支持：{supported}）' },
  // The smoke test, in words
  answersHttp: { en: 'answers HTTP {http} on port {port}', 'zh-cn': '在端口 {port} 上以 HTTP {http} 应答' },
  answersPort: { en: 'answers on port {port}', 'zh-cn': '在端口 {port} 上应答' },
  answersNoHttp: { en: 'answers on port {port} without HTTP,', 'zh-cn': '在端口 {port} 上应答但不是 HTTP' },
  listJoin: { en: ', ', 'zh-cn': '，' },
  notAnswering: { en: ' (port {ports} not answering)', 'zh-cn': '（端口 {ports} 无应答）' },
  staysUp: { en: 'stays up{notAnswering}', 'zh-cn': '保持运行{notAnswering}' },
  exitsWith: { en: 'exits with {code}{notAnswering}', 'zh-cn': '以状态 {code} 退出{notAnswering}' },
  lastOutput: { en: '; its last output: {log}', 'zh-cn': '；它最后的输出：{log}' },
  slimButOriginal: { en: "the slim image's container {slim} but the original's {original}{last}", 'zh-cn': '精简镜像的容器{slim}，而原镜像的容器{original}{last}' },
  firstLineDiffers: { en: "the slim image's container prints {slim} first, the original's {original}", 'zh-cn': '精简镜像的容器首先输出 {slim}，原镜像的容器首先输出 {original}' },
  // `fix --verify`'s one line
  slimNoBuild: { en: 'the slim Dockerfile does not build: {error}', 'zh-cn': '精简后的 Dockerfile 无法构建：{error}' },
  verifyProblem: { en: 'verify: {problem}', 'zh-cn': '验证：{problem}' },
  verifySummary: {
    en: 'verify ({builder}): original {original}, slim {slim}: measured saving {saved}{estimate}; container: original {originalRun}, slim {slimRun}{same}{problem}',
    'zh-cn': '验证（{builder}）：原镜像 {original}，精简后 {slim}：实测节省 {saved}{estimate}；容器：原镜像{originalRun}，精简后{slimRun}{same}{problem}',
  },
  verifyEstimate: { en: ' (estimated ≈ {size})', 'zh-cn': '（估计 ≈ {size}）' },
  verifySame: { en: ', same first line', 'zh-cn': '，首行输出相同' },
  verifyProblemTail: { en: ' — {problem}', 'zh-cn': ' — {problem}' },
} satisfies Catalog;

export type NodeMessage = keyof typeof NODE_MESSAGES;

/** Formats one of these texts in a locale (English by default). */
export function nt(locale: Locale | undefined, key: NodeMessage, args?: Record<string, string | number>): string {
  return translator(NODE_MESSAGES, locale ?? 'en')(key, args);
}
