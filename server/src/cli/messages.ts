import { translator, type Catalog, type Locale } from '../engine/index.js';
import { USAGE_MESSAGES } from './usage.js';

/**
 * The CLI's own texts (summary lines, errors), in English and Simplified Chinese; the help is in `usage.ts`.
 * `main` sets the language once, from `--lang` or the environment's locale, before any command runs.
 */
export const CLI_MESSAGES = {
  errorLine: { en: 'dockerfile-slim: {message} (see `dockerfile-slim --help`)', 'zh-cn': 'dockerfile-slim：{message}（见 `dockerfile-slim --help`）' },
  prefixed: { en: 'dockerfile-slim: {message}', 'zh-cn': 'dockerfile-slim：{message}' },
  internalError: { en: 'dockerfile-slim: internal error: {message}', 'zh-cn': 'dockerfile-slim：内部错误：{message}' },
  fileInternalError: { en: '{path}: internal error: {message}', 'zh-cn': '{path}：内部错误：{message}' },
  // Usage mistakes
  unknownOption: { en: 'unknown option {option}', 'zh-cn': '未知选项 {option}' },
  takesNoValue: { en: 'option --{name} takes no value', 'zh-cn': '选项 --{name} 不接受值' },
  needsValue: { en: 'option --{name} needs a value', 'zh-cn': '选项 --{name} 需要一个值' },
  givenTwice: { en: 'option --{name} given more than once', 'zh-cn': '选项 --{name} 给出了不止一次' },
  mustBeOneOf: { en: '--{name} must be one of {choices} (got "{value}")', 'zh-cn': '--{name} 必须是 {choices} 之一（收到“{value}”）' },
  unknownCommand: { en: 'unknown command "{command}"', 'zh-cn': '未知命令“{command}”' },
  rulesNoArguments: { en: 'rules takes no arguments (got {arg})', 'zh-cn': 'rules 不接受参数（收到 {arg}）' },
  explainOneRule: { en: 'explain takes one rule id, e.g. `dockerfile-slim explain apt-lists-left`', 'zh-cn': 'explain 需要一个规则 id，例如 `dockerfile-slim explain apt-lists-left`' },
  unknownRule: { en: 'unknown rule "{id}" (run `dockerfile-slim rules` to list them)', 'zh-cn': '未知规则“{id}”（运行 `dockerfile-slim rules` 查看全部规则）' },
  checkNeedsPath: { en: 'check needs at least one PATH (a Dockerfile or a directory)', 'zh-cn': 'check 至少需要一个 PATH（Dockerfile 或目录）' },
  fixNeedsPath: { en: 'fix needs at least one PATH (a Dockerfile or a directory)', 'zh-cn': 'fix 至少需要一个 PATH（Dockerfile 或目录）' },
  measureOnePath: { en: 'measure takes one PATH (a Dockerfile)', 'zh-cn': 'measure 只接受一个 PATH（一个 Dockerfile）' },
  stdoutAndDiff: { en: '--stdout and --diff cannot be used together', 'zh-cn': '--stdout 与 --diff 不能同时使用' },
  stdoutOneFile: { en: '--stdout takes exactly one file', 'zh-cn': '--stdout 只接受一个文件' },
  stdoutSeveral: { en: '--stdout takes exactly one file, but {path} holds several Dockerfiles', 'zh-cn': '--stdout 只接受一个文件，但 {path} 中有多个 Dockerfile' },
  goesWithVerify: { en: '--{name} goes with --verify', 'zh-cn': '--{name} 需与 --verify 一起使用' },
  maxWasteBad: {
    en: '--max-waste takes bytes (e.g. 20MB, 512kB, 1000) or a percentage (e.g. 5%), not "{text}"',
    'zh-cn': '--max-waste 接受字节数（如 20MB、512kB、1000）或百分比（如 5%），而不是“{text}”',
  },
  maxWastePercent: { en: '--max-waste {text}: a percentage is at most 100%', 'zh-cn': '--max-waste {text}：百分比最大为 100%' },
  langBad: { en: '--lang must be en or zh-cn (got "{lang}")', 'zh-cn': '--lang 必须是 en 或 zh-cn（收到“{lang}”）' },
  ruleExpected: { en: '--rule {flag}: expected <rule-id>=<level>', 'zh-cn': '--rule {flag}：应为 <rule-id>=<level>' },
  ruleUnknown: { en: '--rule {flag}: unknown rule "{id}" (see `dockerfile-slim rules`)', 'zh-cn': '--rule {flag}：未知规则“{id}”（见 `dockerfile-slim rules`）' },
  ruleLevel: { en: '--rule {flag}: level must be one of {levels}', 'zh-cn': '--rule {flag}：级别必须是 {levels} 之一' },
  configFile: { en: '--config {file}: {reason}', 'zh-cn': '--config {file}：{reason}' },
  invalidJson: { en: 'invalid JSON ({message})', 'zh-cn': '无效的 JSON（{message}）' },
  // Files
  configNotChecked: { en: '{error} (Dockerfiles under it are not checked)', 'zh-cn': '{error}（其下的 Dockerfile 不做检查）' },
  notRegular: { en: '{path}: not a regular file or directory', 'zh-cn': '{path}：不是普通文件或目录' },
  noDockerfiles: { en: '{path}: no Dockerfiles found in this directory', 'zh-cn': '{path}：此目录中未找到 Dockerfile' },
  ioNoEntry: { en: 'no such file or directory', 'zh-cn': '文件或目录不存在' },
  ioDenied: { en: 'permission denied', 'zh-cn': '权限不足' },
  ioIsDir: { en: 'is a directory', 'zh-cn': '是一个目录' },
  ioNotDir: { en: 'not a directory', 'zh-cn': '不是目录' },
  ioReadOnly: { en: 'read-only file system', 'zh-cn': '只读文件系统' },
  ioNoSpace: { en: 'no space left on device', 'zh-cn': '设备上没有剩余空间' },
  notUtf8: { en: 'not valid UTF-8 (first bad byte at offset {offset})', 'zh-cn': '不是有效的 UTF-8（第一个无效字节位于偏移量 {offset}）' },
  pathProblem: { en: '{path}: {problem}', 'zh-cn': '{path}：{problem}' },
  // Counts
  problemOne: { en: '{n} problem', 'zh-cn': '{n} 个问题' },
  problemMany: { en: '{n} problems', 'zh-cn': '{n} 个问题' },
  errorOne: { en: '{n} error', 'zh-cn': '{n} 个错误' },
  errorMany: { en: '{n} errors', 'zh-cn': '{n} 个错误' },
  warningOne: { en: '{n} warning', 'zh-cn': '{n} 个警告' },
  warningMany: { en: '{n} warnings', 'zh-cn': '{n} 个警告' },
  fileOne: { en: '{n} file', 'zh-cn': '{n} 个文件' },
  fileMany: { en: '{n} files', 'zh-cn': '{n} 个文件' },
  figureOne: { en: '{n} figure', 'zh-cn': '{n} 项数据' },
  figureMany: { en: '{n} figures', 'zh-cn': '{n} 项数据' },
  fixOne: { en: '{n} fix', 'zh-cn': '{n} 个修复' },
  fixMany: { en: '{n} fixes', 'zh-cn': '{n} 个修复' },
  // `check`'s summary
  noProblems: { en: 'No problems found in {files}.', 'zh-cn': '在 {files}中未发现问题。' },
  problems: { en: '{problems} ({errors}, {warnings}, {info} info) in {files}', 'zh-cn': '{files}中共 {problems}（{errors}，{warnings}，{info} 个提示）' },
  fixableUnsafe: { en: '; {n} fixable with `fix --unsafe`.', 'zh-cn': '；其中 {n} 个可用 `fix --unsafe` 修复。' },
  fixable: { en: '; {n} fixable with `fix`, {more} more with `fix --unsafe`.', 'zh-cn': '；其中 {n} 个可用 `fix` 修复，另有 {more} 个可用 `fix --unsafe` 修复。' },
  estimatedSaving: {
    en: 'Estimated saving: ≈ {size} (an estimate from measured examples and Debian package data, over {figures}, each counted once; actual savings depend on the base image and packages).',
    'zh-cn': '估计可节省：≈ {size}（依据实测示例和 Debian 软件包数据估算，共 {figures}，每项只计一次；实际节省取决于基础镜像和软件包）。',
  },
  // `fix`
  applied: { en: 'Applied {fixes} in {fixed} of {files}', 'zh-cn': '已应用 {fixes}，涉及 {files}中的 {fixed} 个' },
  wouldApply: { en: 'Would apply {fixes} in {fixed} of {files}', 'zh-cn': '将应用 {fixes}，涉及 {files}中的 {fixed} 个' },
  summarySaving: { en: '; estimated saving ≈ {size} (an estimate)', 'zh-cn': '；估计可节省 ≈ {size}（估计值）' },
  summaryEnd: { en: '.', 'zh-cn': '。' },
  summaryLeft: { en: ' {problems} left{unsafe}.', 'zh-cn': '剩余 {problems}{unsafe}。' },
  summaryLeftUnsafe: { en: ' ({n} fixable with `fix --unsafe`)', 'zh-cn': '（其中 {n} 个可用 `fix --unsafe` 修复）' },
  fileApplied: { en: '{path}: {fixes} applied', 'zh-cn': '{path}：已应用 {fixes}' },
  fileNotWritten: { en: '{path}: {fixes} (not written)', 'zh-cn': '{path}：{fixes}（未写入）' },
  fixLine: { en: '  [{rule}] {title}', 'zh-cn': '  [{rule}] {title}' },
  fixLineUnsafe: { en: '  [{rule}] {title} (unsafe)', 'zh-cn': '  [{rule}] {title}（不安全）' },
  fileSaving: { en: '  estimated saving: ≈ {size} (an estimate)', 'zh-cn': '  估计可节省：≈ {size}（估计值）' },
  onlyInPlace: { en: '{path}: not changed (only when fixing in place)', 'zh-cn': '{path}：未更改（仅在原地修复时更改）' },
  couldNotWrite: { en: '{path}: could not write the fixed file: {message}', 'zh-cn': '{path}：无法写入修复后的文件：{message}' },
  notWritten: { en: 'dockerfile-slim: {path}: not written: {problem}', 'zh-cn': 'dockerfile-slim：{path}：未写入：{problem}' },
  cannotVerify: { en: '{path}: cannot verify, not written: {error}', 'zh-cn': '{path}：无法验证，未写入：{error}' },
  // `measure`
  overMaxWaste: { en: '{path}: {size} wasted ({percent}%) is over --max-waste {limit}', 'zh-cn': '{path}：浪费 {size}（{percent}%），超过了 --max-waste {limit}' },
  builtWith: { en: '{path}: built with {builder} in {seconds} s; layers {size}', 'zh-cn': '{path}：用 {builder} 构建，耗时 {seconds} 秒；各层合计 {size}' },
  inspected: { en: ' ({tool} image inspect: {size}, {diff}% apart)', 'zh-cn': '（{tool} image inspect：{size}，相差 {diff}%）' },
  stageTotal: { en: 'Stage {stage} total: {total} (base {base} + {added} from this Dockerfile)', 'zh-cn': '阶段 {stage} 合计：{total}（基础镜像 {base} + 此 Dockerfile 的 {added}）' },
  wastedTotal: { en: 'Wasted: {size} ({percent}% of the layers), each hidden copy counted once', 'zh-cn': '浪费：{size}（占各层的 {percent}%），每份被遮盖的副本只计一次' },
  hiddenBy: { en: '{size} {kind} by line {line}', 'zh-cn': '{size} 被第 {line} 行{kind}' },
  kindDeleted: { en: 'deleted', 'zh-cn': '删除' },
  kindOverwritten: { en: 'overwritten', 'zh-cn': '覆盖' },
  hidesBase: { en: 'hides {size} of the base image', 'zh-cn': '遮盖了基础镜像的 {size}' },
  hidesLine: { en: 'hides {size} of line {line}', 'zh-cn': '遮盖了第 {line} 行的 {size}' },
  estimateNote: { en: 'estimate [{rule}] ≈ {size}', 'zh-cn': '估计 [{rule}] ≈ {size}' },
  noteLine: { en: 'note: {note}', 'zh-cn': '注：{note}' },
  colLine: { en: 'line', 'zh-cn': '行' },
  colInstruction: { en: 'instruction', 'zh-cn': '指令' },
  colSize: { en: 'size', 'zh-cn': '大小' },
  colWasted: { en: 'wasted', 'zh-cn': '浪费' },
  colNotes: { en: 'notes', 'zh-cn': '说明' },
  notesJoin: { en: '; ', 'zh-cn': '；' },
  rulesColRule: { en: 'RULE', 'zh-cn': '规则' },
  rulesColDefault: { en: 'DEFAULT', 'zh-cn': '默认级别' },
  rulesColFix: { en: 'FIX', 'zh-cn': '修复' },
  rulesColSummary: { en: 'SUMMARY', 'zh-cn': '说明' },
  explainLevel: { en: 'Default level: {level}', 'zh-cn': '默认级别：{level}' },
  explainFixNone: { en: 'Fix:           none (the remedy needs restructuring)', 'zh-cn': '修复：无（需要调整结构才能解决）' },
  explainFixSafe: {
    en: 'Fix:           safe at best (each finding says whether its fix is safe; `fix` applies safe ones)',
    'zh-cn': '修复：可能安全（每个问题都会说明它的修复是否安全；`fix` 只应用安全的修复）',
  },
  explainFixUnsafe: { en: 'Fix:           unsafe (applied only by `fix --unsafe`)', 'zh-cn': '修复：不安全（只有 `fix --unsafe` 会应用）' },
  explainRelated: { en: 'Related:       {codes}', 'zh-cn': '相关：{codes}' },
  explainDocs: { en: 'Docs:          {url}', 'zh-cn': '文档：{url}' },
} satisfies Catalog;

let locale: Locale = 'en';
let t = translator(CLI_MESSAGES, 'en');

/** The language of this run (set once by `main`). */
export function setCliLocale(value: Locale): void {
  locale = value;
  t = translator(CLI_MESSAGES, value);
}

export function cliLang(): Locale {
  return locale;
}

/** One of the CLI's texts in the run's language. */
export function ct(key: keyof typeof CLI_MESSAGES, args?: Record<string, string | number>): string {
  return t(key, args);
}

/** `1 file`, `3 files` (`3 个文件`): `kind` names the pair of messages. */
export function count(n: number, kind: 'problem' | 'error' | 'warning' | 'file' | 'figure' | 'fix'): string {
  return t(`${kind}${n === 1 ? 'One' : 'Many'}`, { n });
}

/** The help texts in the run's language. */
export function usage(key: keyof typeof USAGE_MESSAGES): string {
  return USAGE_MESSAGES[key][locale];
}
