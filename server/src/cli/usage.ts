import type { Catalog } from '../engine/index.js';

const USAGE = `Usage: dockerfile-slim <command> [options] [PATH...]

Find what makes a Docker image bigger than it needs to be, and fix it.

Commands:
  check PATH...      Report problems in Dockerfiles (a PATH may be a directory: searched recursively)
  fix PATH...        Apply the fixes (safe ones only, unless --unsafe)
  measure PATH       Build the Dockerfile and show each instruction's measured layer size and wasted bytes
  rules              List the rules with their default level and fix safety
  explain RULE       Show what a rule checks, why, and where its documentation is

Options for check:
  --format FORMAT               text (default), json, sarif, github (workflow annotations),
                                gitlab (Code Quality report) or checkstyle (XML)
  --failure-threshold error|warning|info|none
                                Exit with 1 when a finding is at or above this level (default: warning)
  --unsafe-fixes                Count unsafe fixes as fixable in the output ([*] mark and summary)

Options for fix:
  --unsafe                      Also apply unsafe fixes (they may change what the image contains)
  --stdout                      Print the fixed Dockerfile instead of writing it (one file only)
  --diff                        Print a unified diff instead of writing
  --verify                      Build the original and the fixed file and start each once; write (or print) the
                                fixed file only when it builds and starts like the original (answers on each
                                EXPOSEd port the original answers on, stays up, or exits with the same status
                                and first line), and report the measured saving beside the estimate (takes --builder and --build-flag as
                                measure does, and --run-flag FLAG for the container run, repeatable)

Options for measure (uses the first builder found: docker, podman, buildah):
  --format text|json            Output format (default: text)
  --builder NAME                Builder to try, in order (repeatable; default: docker, podman, buildah)
  --build-flag FLAG             Extra flag for the build command, e.g. --build-flag=--isolation=chroot (repeatable)
  --context DIR                 Build context (default: the Dockerfile's directory)
  --target STAGE                Stage to build and measure (default: the last)
  --max-waste BYTES|PERCENT     Exit with 1 when more is wasted, e.g. 20MB or 5%

Options for check, fix and measure:
  --config FILE                 Settings file applied on top of the nearest .dockerfile-slim.json
  --rule ID=LEVEL               Set a rule's level: off|info|warning|error (repeatable; wins over files)
  --lang en|zh-cn               Language of messages and fix titles, and of rules and explain too (default:
                                from LC_ALL, LC_MESSAGES or LANG; zh_CN.UTF-8 gives zh-cn, anything else English)
  --debug                       Show stack traces and where each file's settings come from

  -h, --help                    Show this help
  --version                     Show the version

Dockerfiles found in directories: Dockerfile, Dockerfile.*, *.dockerfile, *.Dockerfile, Containerfile,
Containerfile.* (node_modules and .git are skipped).

Exit status: 0 no finding at or above the failure threshold (measure: waste within --max-waste); 1 at least
one (measure: over --max-waste); 2 usage error, a file that could not be read or written, an invalid settings
file, no builder or a failed build, or an internal error.
`;

const CHECK_USAGE = `Usage: dockerfile-slim check [--format FORMAT] [--unsafe-fixes]
                             [--failure-threshold error|warning|info|none] [--rule ID=LEVEL]...
                             [--config FILE] [--lang en|zh-cn] [--debug] PATH...

Run \`dockerfile-slim --help\` for details.
`;

const FIX_USAGE = `Usage: dockerfile-slim fix [--unsafe] [--stdout|--diff] [--rule ID=LEVEL]... [--config FILE]
                           [--verify [--builder NAME]... [--build-flag FLAG]... [--run-flag FLAG]...]
                           [--lang en|zh-cn] [--debug] PATH...

Run \`dockerfile-slim --help\` for details.
`;

const MEASURE_USAGE = `Usage: dockerfile-slim measure [--format text|json] [--builder NAME]... [--build-flag FLAG]...
                               [--context DIR] [--target STAGE] [--max-waste BYTES|PERCENT]
                               [--rule ID=LEVEL]... [--config FILE] [--lang en|zh-cn] [--debug] PATH

Run \`dockerfile-slim --help\` for details.
`;

const USAGE_ZH = `用法：dockerfile-slim <命令> [选项] [PATH...]

找出让 Docker 镜像比实际需要更大的原因，并加以修复。

命令：
  check PATH...      报告 Dockerfile 中的问题（PATH 可以是目录：递归查找）
  fix PATH...        应用修复（只应用安全修复，除非使用 --unsafe）
  measure PATH       构建 Dockerfile，显示每条指令实测的层大小和浪费的字节
  rules              列出各规则及其默认级别和修复安全性
  explain RULE       说明一条规则检查什么、为什么，以及它的文档在哪里

check 的选项：
  --format FORMAT               text（默认）、json、sarif、github（工作流注释）、
                                gitlab（Code Quality 报告）或 checkstyle（XML）
  --failure-threshold error|warning|info|none
                                有问题达到或高于此级别时以 1 退出（默认：warning）
  --unsafe-fixes                在输出中把不安全修复也算作可修复（[*] 标记和汇总）

fix 的选项：
  --unsafe                      也应用不安全修复（它们可能改变镜像的内容）
  --stdout                      打印修复后的 Dockerfile，而不是写入文件（仅限一个文件）
  --diff                        打印统一格式的 diff，而不是写入文件
  --verify                      构建原文件和修复后的文件并各启动一次；只有修复后的文件能构建、启动表现
                                与原文件一致（原文件应答的每个 EXPOSE 端口都应答、保持运行，或以相同状态
                                和相同首行退出）时才写入（或打印），并在估计值旁报告实测的节省（与 measure
                                一样接受 --builder 和 --build-flag，另有用于容器运行的 --run-flag FLAG，可重复）

measure 的选项（使用找到的第一个构建工具：docker、podman、buildah）：
  --format text|json            输出格式（默认：text）
  --builder NAME                按顺序尝试的构建工具（可重复；默认：docker、podman、buildah）
  --build-flag FLAG             构建命令的额外参数，例如 --build-flag=--isolation=chroot（可重复）
  --context DIR                 构建上下文（默认：Dockerfile 所在目录）
  --target STAGE                要构建和测量的阶段（默认：最后一个）
  --max-waste BYTES|PERCENT     浪费超过此值时以 1 退出，例如 20MB 或 5%

check、fix 和 measure 共用的选项：
  --config FILE                 在最近的 .dockerfile-slim.json 之上再应用的设置文件
  --rule ID=LEVEL               设置规则级别：off|info|warning|error（可重复；优先于设置文件）
  --lang en|zh-cn               消息和修复标题的语言，也适用于 rules 和 explain（默认：取自 LC_ALL、
                                LC_MESSAGES 或 LANG；zh_CN.UTF-8 得到 zh-cn，其他一律英文）
  --debug                       显示堆栈跟踪，以及每个文件的设置来自哪里

  -h, --help                    显示此帮助
  --version                     显示版本

在目录中查找的 Dockerfile：Dockerfile、Dockerfile.*、*.dockerfile、*.Dockerfile、Containerfile、
Containerfile.*（跳过 node_modules 和 .git）。

退出状态：0 没有达到或高于失败阈值的问题（measure：浪费在 --max-waste 以内）；1 至少有一个
（measure：超过 --max-waste）；2 用法错误、文件无法读取或写入、设置文件无效、没有构建工具或构建失败，
或内部错误。
`;

const SEE_HELP_ZH = '\n详见 `dockerfile-slim --help`。\n';

/** The help of the CLI and of each command, in English and Simplified Chinese (`usage()` in messages.ts picks one). */
export const USAGE_MESSAGES = {
  main: { en: USAGE, 'zh-cn': USAGE_ZH },
  check: { en: CHECK_USAGE, 'zh-cn': CHECK_USAGE.replace(/^Usage:/, '用法：').replace(/\nRun .*\n$/s, SEE_HELP_ZH) },
  fix: { en: FIX_USAGE, 'zh-cn': FIX_USAGE.replace(/^Usage:/, '用法：').replace(/\nRun .*\n$/s, SEE_HELP_ZH) },
  measure: { en: MEASURE_USAGE, 'zh-cn': MEASURE_USAGE.replace(/^Usage:/, '用法：').replace(/\nRun .*\n$/s, SEE_HELP_ZH) },
  rules: { en: 'Usage: dockerfile-slim rules [--lang en|zh-cn]\n', 'zh-cn': '用法：dockerfile-slim rules [--lang en|zh-cn]\n' },
  explain: { en: 'Usage: dockerfile-slim explain RULE [--lang en|zh-cn]\n', 'zh-cn': '用法：dockerfile-slim explain RULE [--lang en|zh-cn]\n' },
} satisfies Catalog;
