import { translator, type Catalog } from '../engine/index.js';
import { serverLocale } from './messages.js';

/** What the language server says about "Measure image" and "Verify by building", in English and Simplified Chinese. */
export const BUILD_MESSAGES = {
  notOnDiskMeasure: {
    en: 'Dockerfile Slim: only a Dockerfile on disk can be measured (its folder is the build context).',
    'zh-cn': 'Dockerfile Slim：只能测量磁盘上的 Dockerfile（它所在的文件夹就是构建上下文）。',
  },
  measured: { en: 'Dockerfile Slim: measured with {builder} in {seconds} s: {size}; {waste}.', 'zh-cn': 'Dockerfile Slim：已用 {builder} 测量，耗时 {seconds} 秒：{size}；{waste}。' },
  wasteOne: { en: '{size} wasted in one place (see Problems)', 'zh-cn': '1 处浪费了 {size}（见“问题”面板）' },
  wasteMany: { en: '{size} wasted in {n} places (see Problems)', 'zh-cn': '{n} 处共浪费 {size}（见“问题”面板）' },
  wasteNone: { en: 'no wasted bytes', 'zh-cn': '没有浪费的字节' },
  measureCancelled: { en: 'Dockerfile Slim: measuring cancelled; the build was stopped.', 'zh-cn': 'Dockerfile Slim：已取消测量，构建已停止。' },
  prefixed: { en: 'Dockerfile Slim: {message}', 'zh-cn': 'Dockerfile Slim：{message}' },
  buildFailed: {
    en: 'Dockerfile Slim: {error}; the build log is in the "Dockerfile Slim: build" output.',
    'zh-cn': 'Dockerfile Slim：{error}；构建日志见“Dockerfile Slim: build”输出。',
  },
  measureFailed: { en: 'Dockerfile Slim: measuring failed: {error}', 'zh-cn': 'Dockerfile Slim：测量失败：{error}' },
  // The waste diagnostics and the code lenses
  measuredWaste: { en: 'Measured: {sentence}', 'zh-cn': '实测：{sentence}' },
  deletedHere: { en: 'deleted here', 'zh-cn': '在此删除' },
  replacedHere: { en: 'replaced here', 'zh-cn': '在此替换' },
  storedHere: { en: 'stored here', 'zh-cn': '在此存入' },
  lensBase: {
    en: 'Measured ({builder}): base image {base} · stage total {total}, {added} from this file',
    'zh-cn': '实测（{builder}）：基础镜像 {base} · 阶段合计 {total}，其中 {added} 来自此文件',
  },
  lensWasted: { en: ' · {size} wasted', 'zh-cn': ' · 浪费 {size}' },
  lensBaseHidden: { en: ' ({size} of the base hidden later)', 'zh-cn': '（基础镜像中有 {size} 被后面的层遮盖）' },
  lensNoLayer: { en: 'Measured: no layer', 'zh-cn': '实测：无层' },
  lensSize: { en: 'Measured: {size}', 'zh-cn': '实测：{size}' },
  lensHiddenLater: { en: '{size} of it hidden later', 'zh-cn': '其中 {size} 被后面的层遮盖' },
  lensHides: { en: 'hides {size} stored below', 'zh-cn': '遮盖了下面存入的 {size}' },
  lensEstimate: { en: 'estimate ≈ {size} ({rule})', 'zh-cn': '估计 ≈ {size}（{rule}）' },
  // "Verify by building"
  notOnDiskVerify: {
    en: 'Dockerfile Slim: only a Dockerfile on disk can be verified (its folder is the build context).',
    'zh-cn': 'Dockerfile Slim：只能验证磁盘上的 Dockerfile（它所在的文件夹就是构建上下文）。',
  },
  nothingToVerify: {
    en: 'Dockerfile Slim: nothing to verify: the text is the same as before "Slim this Dockerfile".',
    'zh-cn': 'Dockerfile Slim：没有需要验证的内容：文本与执行“精简此 Dockerfile”之前相同。',
  },
  slimNoBuild: {
    en: 'Dockerfile Slim: the slimmed Dockerfile does not build with {builder} (the original does); the build log is in the "Dockerfile Slim: build" output.',
    'zh-cn': 'Dockerfile Slim：精简后的 Dockerfile 无法用 {builder} 构建（原文件可以）；构建日志见“Dockerfile Slim: build”输出。',
  },
  sizes: { en: 'original {original}, slimmed {slim}', 'zh-cn': '原镜像 {original}，精简后 {slim}' },
  slimNoRun: {
    en: 'Dockerfile Slim: the slimmed image builds ({sizes}) but does not run like the original: {problem}.',
    'zh-cn': 'Dockerfile Slim：精简后的镜像可以构建（{sizes}），但运行表现与原镜像不同：{problem}。',
  },
  saved: { en: '{size} saved', 'zh-cn': '节省 {size}' },
  larger: { en: '{size} larger', 'zh-cn': '增大 {size}' },
  estimated: { en: ' (estimated ≈ {size})', 'zh-cn': '（估计 ≈ {size}）' },
  noEstimate: { en: ' (no estimate)', 'zh-cn': '（无估计）' },
  containersLike: { en: "the slimmed container {slim} like the original's{same}", 'zh-cn': '精简后的容器与原容器一样{slim}{same}' },
  containersDiffer: { en: "the slimmed container {slim} (the original's {original}){same}", 'zh-cn': '精简后的容器{slim}（原容器{original}）{same}' },
  sameFirstLine: { en: ', with the same first line', 'zh-cn': '，首行输出相同' },
  verified: {
    en: 'Dockerfile Slim: verified by building with {builder}: {sizes}, {saving}, measured{estimate}; {containers}.',
    'zh-cn': 'Dockerfile Slim：已用 {builder} 构建验证：{sizes}，实测{saving}{estimate}；{containers}。',
  },
  verifyCancelled: { en: 'Dockerfile Slim: verifying cancelled; the build was stopped.', 'zh-cn': 'Dockerfile Slim：已取消验证，构建已停止。' },
  originalNoBuild: {
    en: 'Dockerfile Slim: cannot verify: the original Dockerfile does not build ({error}); the build log is in the "Dockerfile Slim: build" output.',
    'zh-cn': 'Dockerfile Slim：无法验证：原 Dockerfile 无法构建（{error}）；构建日志见“Dockerfile Slim: build”输出。',
  },
  verifyFailed: { en: 'Dockerfile Slim: verifying failed: {error}', 'zh-cn': 'Dockerfile Slim：验证失败：{error}' },
} satisfies Catalog;

/** Formats one of these texts in the server's display language. */
export function bt(key: keyof typeof BUILD_MESSAGES, args?: Record<string, string | number>): string {
  return translator(BUILD_MESSAGES, serverLocale())(key, args);
}
