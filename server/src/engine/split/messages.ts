import { formatMessage, type Catalog, type Message } from '../i18n/locale.js';
import type { Refusal } from './types.js';

/**
 * Why the split refuses, in English and Simplified Chinese: one clause each, written for Markdown (backticks
 * are code; `build-in-final-stage` quotes them in a diagnostic). Fragments that go inside another clause
 * (what needs a shell, what a RUN writes) are here too and are passed along in both languages.
 */
export const SPLIT_MESSAGES = {
  // The file and the final stage
  noFrom: { en: 'the file has no FROM', 'zh-cn': '文件中没有 FROM' },
  testStage: {
    en: 'a test stage builds on the stage that ships, `{name}`, and would have to build on the split\'s runtime stage',
    'zh-cn': '有测试阶段基于要发布的阶段 `{name}` 构建，拆分后它得改为基于新的运行阶段构建',
  },
  parentStage: { en: 'the final stage builds on stage `{name}`, whose instructions would have to be split too', 'zh-cn': '最终阶段基于阶段 `{name}` 构建，它的指令也得一起拆分' },
  onbuild: { en: 'the final stage has ONBUILD triggers, which are for images others build on', 'zh-cn': '最终阶段有 ONBUILD 触发器，它们是给以此为基础构建的镜像用的' },
  notPosix: { en: 'a RUN does not use a POSIX shell, so its commands cannot be read', 'zh-cn': '有 RUN 没有使用 POSIX shell，无法读出其中的命令' },
  runUnparsed: { en: 'a RUN does not parse as a shell script', 'zh-cn': '有 RUN 无法按 shell 脚本解析' },
  heredocOpen: { en: 'a heredoc has no end marker, so it would take in the lines the split adds after it', 'zh-cn': '有 heredoc 没有结束标记，拆分在其后添加的行会被它吞进去' },
  noRun: { en: 'the final stage has no RUN', 'zh-cn': '最终阶段没有 RUN' },
  noImage: { en: 'the FROM has no image', 'zh-cn': 'FROM 没有指定镜像' },
  workdirUnknown: {
    en: 'the working directory is not known (a WORKDIR uses a variable or a relative path from an unknown default)',
    'zh-cn': '工作目录未知（WORKDIR 使用了变量，或是相对于未知默认目录的相对路径）',
  },
  noEcosystem: { en: 'no build step of a supported ecosystem was found', 'zh-cn': '没有找到受支持的生态系统的构建步骤' },
  ecosystemsTwo: { en: 'it builds with both {first} and {last}, which need different runtimes', 'zh-cn': '它同时用 {first} 和 {last} 构建，二者需要不同的运行时' },
  ecosystemsMany: { en: 'it builds with {list} and {last}, which need different runtimes', 'zh-cn': '它用 {list} 和 {last} 构建，它们需要不同的运行时' },
  listJoin: { en: ', ', 'zh-cn': '、' },
  dotnet: { en: '.NET builds are not split automatically yet', 'zh-cn': '.NET 构建暂不支持自动拆分' },
  // What the image starts
  noStart: { en: 'the stage has no CMD or ENTRYPOINT, so what the image runs is not known', 'zh-cn': '该阶段没有 CMD 或 ENTRYPOINT，无法知道镜像运行什么' },
  startUnknown: { en: 'the program the {keyword} starts is not known', 'zh-cn': '{keyword} 启动的程序未知' },
  startNoShell: { en: 'the {keyword} {why}, and {runtime} has no shell', 'zh-cn': '{keyword} {why}，而 {runtime} 没有 shell' },
  startWhy: { en: 'the {keyword} {why}', 'zh-cn': '{keyword} {why}' },
  cannotRead: { en: 'cannot be read', 'zh-cn': '无法读懂' },
  shellUnparsed: { en: 'does not parse as a shell command', 'zh-cn': '无法按 shell 命令解析' },
  shellComment: { en: 'contains a shell comment', 'zh-cn': '含有 shell 注释' },
  shellChains: { en: 'chains or redirects commands', 'zh-cn': '串联或重定向了命令' },
  shellSyntax: { en: 'uses shell syntax', 'zh-cn': '使用了 shell 语法' },
  shellAssigns: { en: 'sets variables', 'zh-cn': '设置了变量' },
  shellWrapper: { en: 'starts with a wrapper command', 'zh-cn': '以包装命令开头' },
  shellExpands: { en: 'expands variables or commands', 'zh-cn': '展开了变量或命令' },
  shellGlobs: { en: 'uses globs or `~`', 'zh-cn': '使用了通配符或 `~`' },
  runsShell: { en: 'runs `{program}`', 'zh-cn': '运行 `{program}`' },
  startScript: { en: 'the {keyword} runs the script `{program}`, whose interpreter {runtime} does not have', 'zh-cn': '{keyword} 运行脚本 `{program}`，而 {runtime} 中没有它的解释器' },
  startMissing: { en: 'the {keyword} runs `{program}`, which {runtime} does not have', 'zh-cn': '{keyword} 运行 `{program}`，而 {runtime} 中没有它' },
  startTool: { en: 'the start command runs `{command}`, which `{image}` does not have', 'zh-cn': '启动命令运行 `{command}`，而 `{image}` 中没有它' },
  startsInRoot: {
    en: 'the container starts in `/`, where the build context is copied, so the files the program reads at run time cannot be told apart from the rest',
    'zh-cn': '容器在 `/` 中启动，构建上下文也复制到了那里，无法分辨程序运行时读取的文件和其他文件',
  },
  userMissing: { en: 'USER `{user}` is not created in the Dockerfile, so {runtime} may not have it', 'zh-cn': 'Dockerfile 中没有创建 USER `{user}`，{runtime} 里可能没有这个用户' },
  // Packages and files
  packagesOtherManager: { en: 'the runtime packages ({packages}) are for {manager}, but {runtime} uses {runtimeManager}', 'zh-cn': '运行时软件包（{packages}）是给 {manager} 的，而 {runtime} 使用 {runtimeManager}' },
  noManager: { en: 'no package manager', 'zh-cn': '没有包管理器' },
  pkgTool: { en: 'it installs packages with `{tool}`, which the split does not handle', 'zh-cn': '它用 `{tool}` 安装软件包，拆分不处理这种情况' },
  twoManagers: { en: 'it installs packages with two package managers', 'zh-cn': '它用两种包管理器安装软件包' },
  pkgVariable: { en: '`{word}` names packages through a variable', 'zh-cn': '`{word}` 通过变量指定软件包' },
  runtimeLib: { en: 'the runtime library that goes with `{name}` is not known', 'zh-cn': '与 `{name}` 配套的运行时库未知' },
  programUnknown: {
    en: 'the build does not show where it writes `{program}`, the program the image starts, so the runtime stage would not know what to copy (`{copy} --from={build} <path of {name}> {to}`)',
    'zh-cn': '构建过程没有显示镜像启动的程序 `{program}` 写到了哪里，运行阶段无法知道要复制什么（`{copy} --from={build} <{name} 的路径> {to}`）',
  },
  notWorthIt: { en: 'the split would {net} ({basis}), below the {min} it takes to be worth a second stage', 'zh-cn': '拆分{net}（{basis}），低于值得增加第二个阶段的 {min}' },
  netBigger: { en: 'make the image about {size} bigger', 'zh-cn': '会让镜像大约增大 {size}' },
  netSave: { en: 'save about {size}', 'zh-cn': '大约只能节省 {size}' },
  relativeCopy: { en: '`{copy}` copies the build context to a relative path, and the runtime stage works in another directory', 'zh-cn': '`{copy}` 把构建上下文复制到相对路径，而运行阶段在另一个目录中工作' },
  copyDestUnknown: { en: 'where `{copy}` puts its files is not known', 'zh-cn': '`{copy}` 把文件放到哪里未知' },
  notOneFile: { en: '`{source}` does not name one file', 'zh-cn': '`{source}` 指的不是单个文件' },
  thirdPartyOne: {
    en: '{packages} is installed after a third-party apt source is added ({source}), so it may not exist on plain `{image}`',
    'zh-cn': '{packages} 是在添加第三方 apt 源（{source}）之后安装的，纯净的 `{image}` 上可能没有它',
  },
  thirdPartyMany: {
    en: '{packages} are installed after a third-party apt source is added ({source}), so they may not exist on plain `{image}`',
    'zh-cn': '{packages} 是在添加第三方 apt 源（{source}）之后安装的，纯净的 `{image}` 上可能没有它们',
  },
  lostWrite: { en: '{what}, which the runtime stage would not have', 'zh-cn': '{what}，而运行阶段不会有这些' },
  ldconfig: { en: '`ldconfig` updates the library cache of the build stage', 'zh-cn': '`ldconfig` 更新的是构建阶段的库缓存' },
  makeInstall: { en: '`make install` installs files outside the application directory', 'zh-cn': '`make install` 把文件安装到了应用目录之外' },
  writesUnknown: { en: '`{name}` writes to a path that is not known', 'zh-cn': '`{name}` 写入的路径未知' },
  writesOutside: { en: '`{name} … {target}` writes outside the application directory', 'zh-cn': '`{name} … {target}` 写到了应用目录之外' },
  runWrites: { en: 'a RUN writes `{path}`, which the runtime stage would not have', 'zh-cn': '有 RUN 写入了 `{path}`，而运行阶段不会有它' },
  // The C library the program links against
  eolRelease: {
    en: '{what} is linked against the C library of `{image}`, which is Debian {codename} ({version}), at its end of life since {eol}: no runtime image on it is proposed (move the build to a supported release such as bookworm first)',
    'zh-cn': '{what}链接的是 `{image}` 的 C 库，即 Debian {codename}（{version}），已于 {eol} 结束支持：不会推荐基于它的运行时镜像（请先把构建迁移到受支持的版本，如 bookworm）',
  },
  releaseUnknown: {
    en: '{what} is linked against the C library of `{image}`, and which Debian or Alpine release that image is built on is not known (name it in the tag, e.g. `-bookworm`)',
    'zh-cn': '{what}链接的是 `{image}` 的 C 库，而该镜像基于哪个 Debian 或 Alpine 版本未知（请在标签中写明，如 `-bookworm`）',
  },
  whatProgram: { en: 'the program', 'zh-cn': '程序' },
  whatRust: { en: 'the Rust program (built for the glibc target)', 'zh-cn': 'Rust 程序（为 glibc 目标构建）' },
  whatGo: { en: 'the program ({why}, so it may need cgo)', 'zh-cn': '程序（{why}，因此可能需要 cgo）' },
  goModCgo: { en: 'go.mod requires {modules}, which needs cgo', 'zh-cn': 'go.mod 依赖 {modules}，需要 cgo' },
  goCLibs: { en: 'C packages are installed for the build ({packages})', 'zh-cn': '构建时安装了 C 软件包（{packages}）' },
  goCgo: { en: 'it is built with cgo', 'zh-cn': '它是用 cgo 构建的' },
  cgoVariable: { en: '`CGO_ENABLED` is set from a variable, so whether the program needs a C library is not known', 'zh-cn': '`CGO_ENABLED` 由变量设置，无法知道程序是否需要 C 库' },
  goExecForm: { en: '`go build` runs in an exec-form RUN, where `CGO_ENABLED=0` cannot be set for it alone', 'zh-cn': '`go build` 在 exec 形式的 RUN 中运行，无法只为它设置 `CGO_ENABLED=0`' },
  // Rust
  cargoEntrypoint: {
    en: 'the ENTRYPOINT runs `cargo` with the CMD as its arguments; only a whole `cargo run` command is rewritten',
    'zh-cn': 'ENTRYPOINT 运行 `cargo`，CMD 作为它的参数；只有完整的 `cargo run` 命令才会被改写',
  },
  cargoTomlUnknown: { en: 'the image starts `cargo run`, and the program it runs is named in Cargo.toml, which is not known here', 'zh-cn': '镜像启动 `cargo run`，它运行的程序在 Cargo.toml 中指定，而这里不知道 Cargo.toml 的内容' },
  cargoTomlMissing: { en: 'the image starts `cargo run`, and the build context has no Cargo.toml at its root to name the program', 'zh-cn': '镜像启动 `cargo run`，但构建上下文的根目录没有指定程序的 Cargo.toml' },
  cargoFlag: {
    en: 'the image starts `cargo run` with `{flag}`, which may build or pick another program than the one the build stage built',
    'zh-cn': '镜像以 `{flag}` 启动 `cargo run`，它可能构建或选中与构建阶段所构建的不同的程序',
  },
  cargoNotBuilt: {
    en: 'the image starts `cargo run`{release}, whose {profile} build no `cargo build` of the stage makes (cargo would compile it when the container starts)',
    'zh-cn': '镜像启动 `cargo run`{release}，而该阶段没有 `cargo build` 生成它的 {profile} 构建（容器启动时 cargo 才会编译它）',
  },
  cargoTarget: { en: 'the image starts `cargo run`, and {why}', 'zh-cn': '镜像启动 `cargo run`，而{why}' },
  cargoWorkspace: { en: 'Cargo.toml is a workspace without a package of its own, so which member `cargo run` starts is not known', 'zh-cn': 'Cargo.toml 是一个没有自身 package 的工作区，无法知道 `cargo run` 启动哪个成员' },
  cargoNoPackage: { en: 'Cargo.toml names no package', 'zh-cn': 'Cargo.toml 没有指定 package' },
  cargoBins: { en: 'Cargo.toml declares `[[bin]]` targets and no `default-run`, so which one `cargo run` starts is not known', 'zh-cn': 'Cargo.toml 声明了 `[[bin]]` 目标但没有 `default-run`，无法知道 `cargo run` 启动哪一个' },
  cargoDir: { en: 'the image starts `cargo run` in a directory the build context is not copied to, so which Cargo.toml it reads is not known', 'zh-cn': '镜像在构建上下文没有复制到的目录中启动 `cargo run`，无法知道它读取哪个 Cargo.toml' },
  cargoTargetDir: {
    en: 'the image starts `cargo run` with `CARGO_TARGET_DIR` or `CARGO_BUILD_TARGET` set, so where its program is built is not followed',
    'zh-cn': '镜像启动 `cargo run` 时设置了 `CARGO_TARGET_DIR` 或 `CARGO_BUILD_TARGET`，无法追踪程序构建到了哪里',
  },
  // Node.js
  nodeOtherTool: { en: 'it runs `{tool}`; only npm and yarn projects are split (the way to drop devDependencies differs)', 'zh-cn': '它运行 `{tool}`；只拆分 npm 和 yarn 项目（去掉 devDependencies 的方法各不相同）' },
  yarnGlobal: { en: '`yarn global add` puts programs outside the application directory, which is all the runtime stage gets', 'zh-cn': '`yarn global add` 把程序放到了应用目录之外，而运行阶段只会得到应用目录' },
  npmGlobal: { en: '`npm install -g` puts programs outside the application directory, which is all the runtime stage gets', 'zh-cn': '`npm install -g` 把程序放到了应用目录之外，而运行阶段只会得到应用目录' },
  cdDir: { en: '{tool} runs in a directory changed with `cd`, not in the WORKDIR that the runtime stage copies', 'zh-cn': '{tool} 在用 `cd` 切换的目录中运行，而不是在运行阶段复制的 WORKDIR 中' },
  rootDir: { en: '{tool} runs in `/`, which cannot be copied into the runtime stage as a whole', 'zh-cn': '{tool} 在 `/` 中运行，无法把它整个复制到运行阶段' },
  nodeImage: {
    en: 'Node.js does not come from the official `node` image, so there is no `-slim` image of the same version to run on',
    'zh-cn': 'Node.js 不是来自官方 `node` 镜像，因此没有同版本的 `-slim` 镜像可用来运行',
  },
  digestSlim: { en: '`{image}` is pinned by digest, and the digest of its slim variant is not known', 'zh-cn': '`{image}` 用摘要固定，而它的 slim 变体的摘要未知' },
  noSlim: { en: 'no slim variant of `{image}` is known', 'zh-cn': '不知道 `{image}` 有哪个 slim 变体' },
  // Python
  pyOtherTool: { en: 'it installs with `{tool}`, which keeps its own environment; only pip installs are split', 'zh-cn': '它用 `{tool}` 安装，该工具维护自己的环境；只拆分 pip 安装' },
  venvUnknown: { en: 'the virtualenv directory is not known', 'zh-cn': 'virtualenv 目录未知' },
  pipOutside: { en: '`pip install {package}` installs outside a virtualenv', 'zh-cn': '`pip install {package}` 安装到了 virtualenv 之外' },
  noPip: { en: 'no `pip install` was found', 'zh-cn': '没有找到 `pip install`' },
  pyRoot: { en: 'the application is copied into `/`, which cannot be copied into the runtime stage as a whole', 'zh-cn': '应用被复制到了 `/`，无法把它整个复制到运行阶段' },
  pyImage: {
    en: 'Python does not come from the official `python` image, so there is no `-slim` image of the same version to run on',
    'zh-cn': 'Python 不是来自官方 `python` 镜像，因此没有同版本的 `-slim` 镜像可用来运行',
  },
  py2: { en: 'Python 2 has no `venv` module to make the virtualenv with', 'zh-cn': 'Python 2 没有用来创建 virtualenv 的 `venv` 模块' },
  pyShebang: {
    en: 'the {keyword} runs `{program}` directly, so its `#!` line, which may name an interpreter outside the virtualenv, decides which Python runs it',
    'zh-cn': '{keyword} 直接运行 `{program}`，由它的 `#!` 行决定用哪个 Python 运行，而这一行可能指向 virtualenv 之外的解释器',
  },
  // Java
  javaVersion: { en: 'the Java version of `{image}` is not in its tag, so the JRE image to run on is not known', 'zh-cn': '`{image}` 的标签中没有 Java 版本，无法知道该用哪个 JRE 镜像运行' },
  noJre: { en: 'there is no `eclipse-temurin:{major}-jre` image', 'zh-cn': '没有 `eclipse-temurin:{major}-jre` 镜像' },
  buildTool: { en: 'the image starts `{program}`, a build tool that the JRE image does not have', 'zh-cn': '镜像启动的是 `{program}`，这是 JRE 镜像中没有的构建工具' },
  notJavaJar: { en: 'the image starts `{program}` rather than `java -jar`, so which files it needs is not known', 'zh-cn': '镜像启动的是 `{program}` 而不是 `java -jar`，无法知道它需要哪些文件' },
  noJar: { en: 'the image runs `java` without `-jar`, so which class path it needs is not known', 'zh-cn': '镜像运行 `java` 时没有 `-jar`，无法知道它需要哪些类路径' },
  jarNotPacked: {
    en: 'the image runs `java -jar {jar}`, but the build only compiles classes (`javac`) and no `jar` command packs `{jar}`',
    'zh-cn': '镜像运行 `java -jar {jar}`，但构建只编译了类（`javac`），没有 `jar` 命令打包 `{jar}`',
  },
  javaModule: { en: 'the image starts a Java module, whose module path is not followed', 'zh-cn': '镜像启动的是 Java 模块，不追踪它的模块路径' },
  classPathCopy: { en: 'the class path entry `{entry}` cannot be copied into the runtime stage as it is', 'zh-cn': '类路径项 `{entry}` 无法原样复制到运行阶段' },
  classPathOutside: { en: "the class path entry `{entry}` is not in the application's directory, so the build may not write it", 'zh-cn': '类路径项 `{entry}` 不在应用目录中，构建过程可能不会写入它' },
} satisfies Catalog;

export type SplitMessage = keyof typeof SPLIT_MESSAGES;
/** An argument: the same in both languages, or a fragment already in both. */
export type SplitArg = string | number | Message;

/** A message of the catalog in both languages, each with its arguments in the same language. */
export function both(key: SplitMessage, args: Record<string, SplitArg> = {}): Message {
  const message: Message = SPLIT_MESSAGES[key];
  const inLocale = (locale: keyof Message) => Object.fromEntries(Object.entries(args).map(([k, v]) => [k, typeof v === 'object' ? v[locale] : v]));
  return { en: formatMessage(message.en, inLocale('en')), 'zh-cn': formatMessage(message['zh-cn'], inLocale('zh-cn')) };
}

/** No split, and why (in both languages). */
export function refuse(key: SplitMessage, args: Record<string, SplitArg> = {}): Refusal {
  const m = both(key, args);
  return { reason: m.en, zh: m['zh-cn'] };
}

/** Fragments joined as a list, in both languages (`a, b` / `a、b`). */
export function joinBoth(items: readonly SplitArg[]): Message {
  const sep = SPLIT_MESSAGES.listJoin;
  const one = (locale: keyof Message) => items.map((i) => (typeof i === 'object' ? i[locale] : String(i))).join(sep[locale]);
  return { en: one('en'), 'zh-cn': one('zh-cn') };
}
