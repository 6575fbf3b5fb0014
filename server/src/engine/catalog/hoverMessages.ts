import type { Catalog } from '../i18n/locale.js';

/**
 * The words of the hover cards (hoverCard.ts) in English and Simplified Chinese. Markdown: backticks are code.
 * The catalog's facts about each image (family and variant labels, contents, notes, the notes on slimmer
 * alternatives) are data in English and are shown as they are.
 */
export const HOVER_MESSAGES = {
  // Base-image card
  fromStage: { en: 'From stage **{stage}** (line {line}), built on this image:', 'zh-cn': '来自阶段 **{stage}**（第 {line} 行），它基于此镜像构建：' },
  notKnownVars: { en: 'Not known: it depends on {vars}.', 'zh-cn': '未知：它取决于 {vars}。' },
  notInCatalog: { en: 'Not in the image catalog: no libc, shell or size facts.', 'zh-cn': '不在镜像目录中：没有 C 库、shell 或大小的资料。' },
  // The summary at the top of the card: C library · shell · package manager · size, then the best smaller image.
  summaryNoShell: { en: 'no shell', 'zh-cn': '没有 shell' },
  summaryNoPackageManager: { en: 'no package manager', 'zh-cn': '没有包管理器' },
  summarySize: { en: '≈ {mb} MB', 'zh-cn': '约 {mb} MB' },
  summarySizeCompressed: { en: '≈ {mb} MB compressed', 'zh-cn': '压缩后约 {mb} MB' },
  summarySizeEmpty: { en: 'empty', 'zh-cn': '空' },
  summarySlim: { en: 'Smaller: {image}, ≈ {mb} MB less', 'zh-cn': '更小的选择：{image}，约小 {mb} MB' },
  summaryAlternative: { en: 'Smaller: {image} (see below)', 'zh-cn': '更小的选择：{image}（见下文）' },
  libc: { en: '- libc: {value}', 'zh-cn': '- C 库：{value}' },
  shell: { en: '- Shell: {value}', 'zh-cn': '- Shell：{value}' },
  packageManager: { en: '- Package manager: {value}', 'zh-cn': '- 包管理器：{value}' },
  toolchain: { en: '- Compilers/SDK: {value}', 'zh-cn': '- 编译器/SDK：{value}' },
  contains: { en: '- Contains: {value}', 'zh-cn': '- 包含：{value}' },
  unsetVars: { en: '- Depends on unset variables: {vars}', 'zh-cn': '- 取决于未设置的变量：{vars}' },
  yes: { en: 'yes', 'zh-cn': '有' },
  yesShell: { en: 'yes, {shell}', 'zh-cn': '有，{shell}' },
  no: { en: 'no', 'zh-cn': '无' },
  libcNone: { en: 'none (static binaries only)', 'zh-cn': '无（只能运行静态链接的程序）' },
  libcWindows: { en: 'Windows (no Linux libc)', 'zh-cn': 'Windows（没有 Linux C 库）' },
  sizeUnknown: { en: 'Size: unknown (no sourced figure in the catalog)', 'zh-cn': '大小：未知（目录中没有有来源的数据）' },
  sizeEmpty: { en: 'Size: empty (0 bytes)', 'zh-cn': '大小：空（0 字节）' },
  compressed: {
    en: 'about {mb} MB compressed, approximate ({image}, {platform}, {date}; source: {source})',
    'zh-cn': '压缩后约 {mb} MB，近似值（{image}，{platform}，{date}；来源：{source}）',
  },
  size: { en: 'Size: {compressed}', 'zh-cn': '大小：{compressed}' },
  sizeBoth: {
    en: 'Size: about {mb} MB uncompressed, as `docker images` shows it (source: {source}); {compressed}',
    'zh-cn': '大小：解压后约 {mb} MB，即 `docker images` 显示的大小（来源：{source}）；{compressed}',
  },
  slimUncompressed: {
    en: '`-slim` variant ({image}): about {mb} MB smaller uncompressed (an estimate: the difference of the two catalog figures)',
    'zh-cn': '`-slim` 版本（{image}）：解压后约小 {mb} MB（估计值：目录中两个数据之差）',
  },
  slimCompressed: {
    en: '`-slim` variant ({image}): about {mb} MB smaller compressed, the uncompressed difference is larger (an estimate: the difference of the two catalog figures)',
    'zh-cn': '`-slim` 版本（{image}）：压缩后约小 {mb} MB，解压后的差距更大（估计值：目录中两个数据之差）',
  },
  alternatives: { en: '**Slimmer alternatives**', 'zh-cn': '**更精简的选择**' },

  // Trap titles
  scratchTitle: { en: 'scratch: what is missing', 'zh-cn': 'scratch：缺少什么' },
  distrolessTitle: { en: 'Distroless: what is missing', 'zh-cn': 'Distroless：缺少什么' },
  muslTitle: { en: 'musl libc: what differs from glibc', 'zh-cn': 'musl libc：与 glibc 的不同之处' },
  uclibcTitle: { en: 'uClibc-ng', 'zh-cn': 'uClibc-ng' },
  windowsTitle: { en: 'Windows', 'zh-cn': 'Windows' },
  noShellTitle: { en: 'No shell', 'zh-cn': '没有 shell' },

  // Traps
  muslStack: {
    en: 'Threads get a 128 KiB stack by default (glibc: usually 8 MiB); deep recursion in worker threads can crash unless the stack size is raised.',
    'zh-cn': '线程默认栈大小为 128 KiB（glibc 通常为 8 MiB）；工作线程中的深递归可能崩溃，除非调大栈大小。',
  },
  muslDns: {
    en: 'DNS: all nameservers are queried in parallel and the first answer wins; names with at least `ndots` dots are never retried with the search domains.',
    'zh-cn': 'DNS：同时查询所有域名服务器，采用最先返回的答案；点数不少于 `ndots` 的域名不会再拼接搜索域重试。',
  },
  muslTcp: {
    en: 'DNS over TCP, needed for answers larger than 512 bytes, only works from musl 1.2.4 (Alpine 3.18) on.',
    'zh-cn': '超过 512 字节的 DNS 应答需要走 TCP，而 musl 1.2.4（Alpine 3.18）起才支持。',
  },
  muslBacktrace: { en: 'No `backtrace()` or `<execinfo.h>`: code that uses them does not build.', 'zh-cn': '没有 `backtrace()` 和 `<execinfo.h>`：用到它们的代码无法编译。' },
  muslIconv: { en: 'iconv is minimal: no `//TRANSLIT` and fewer legacy encodings.', 'zh-cn': 'iconv 只有最小实现：不支持 `//TRANSLIT`，旧式编码也较少。' },
  muslMalloc: {
    en: 'The allocator favours low memory use over speed; allocation-heavy multithreaded programs can slow down a lot (mimalloc or jemalloc help).',
    'zh-cn': '内存分配器重省内存而轻速度；频繁分配内存的多线程程序可能明显变慢（可改用 mimalloc 或 jemalloc）。',
  },
  muslPython: {
    en: 'pip needs `musllinux` wheels; a package without them is compiled from source, which needs build-base and makes builds slower.',
    'zh-cn': 'pip 需要 `musllinux` wheel；没有的包要从源码编译，这需要 build-base，构建也更慢。',
  },
  muslNode: {
    en: 'On x86_64 this image’s Node.js is a musl build from unofficial-builds.nodejs.org, not an official Node.js release; other architectures compile it from source.',
    'zh-cn': '在 x86_64 上，此镜像中的 Node.js 是 unofficial-builds.nodejs.org 提供的 musl 构建，并非 Node.js 官方发布版本；其他架构上则从源码编译。',
  },
  uclibc: {
    en: 'uClibc-ng is a small libc of its own: programs built against glibc or musl do not run here unless statically linked.',
    'zh-cn': 'uClibc-ng 是一个独立的小型 C 库：针对 glibc 或 musl 构建的程序在这里无法运行，除非是静态链接的。',
  },
  scratchShell: {
    en: 'No shell: `RUN` cannot work, and `CMD`/`ENTRYPOINT` must use the exec (JSON array) form.',
    'zh-cn': '没有 shell：`RUN` 无法运行，`CMD`/`ENTRYPOINT` 必须使用 exec（JSON 数组）形式。',
  },
  scratchLibc: { en: 'No libc: only statically linked binaries run (for Go, `CGO_ENABLED=0`).', 'zh-cn': '没有 C 库：只能运行静态链接的程序（Go 程序请用 `CGO_ENABLED=0`）。' },
  scratchCerts: {
    en: 'No CA certificates: copy `/etc/ssl/certs/ca-certificates.crt` from the build stage if the program uses TLS.',
    'zh-cn': '没有 CA 证书：如果程序用到 TLS，请从构建阶段复制 `/etc/ssl/certs/ca-certificates.crt`。',
  },
  scratchPasswd: { en: 'No `/etc/passwd`: use a numeric `USER`, e.g. `USER 65532`.', 'zh-cn': '没有 `/etc/passwd`：请使用数字形式的 `USER`，例如 `USER 65532`。' },
  scratchTz: {
    en: 'No time-zone data: copy `/usr/share/zoneinfo` from the build stage or embed it (Go: `import _ "time/tzdata"`).',
    'zh-cn': '没有时区数据：请从构建阶段复制 `/usr/share/zoneinfo`，或将其嵌入程序（Go：`import _ "time/tzdata"`）。',
  },
  noShellRun: {
    en: 'No shell: `RUN` does not work, and `CMD`/`ENTRYPOINT` must use the exec (JSON array) form.',
    'zh-cn': '没有 shell：`RUN` 无法运行，`CMD`/`ENTRYPOINT` 必须使用 exec（JSON 数组）形式。',
  },
  noPackageManagerInstall: {
    en: 'No package manager: install and build in another stage, then `COPY --from` it.',
    'zh-cn': '没有包管理器：请在另一个阶段中安装和构建，再用 `COPY --from` 复制过来。',
  },
  noPackageManagerBuild: { en: 'No package manager: build in another stage, then `COPY --from` it.', 'zh-cn': '没有包管理器：请在另一个阶段中构建，再用 `COPY --from` 复制过来。' },
  distrolessDebugTags: {
    en: 'The `:debug` tags add a BusyBox shell at `/busybox/sh` for troubleshooting; do not ship them.',
    'zh-cn': '`:debug` 标签在 `/busybox/sh` 提供一个用于排查问题的 BusyBox shell；不要用它们发布。',
  },
  distrolessDebug: {
    en: 'A `:debug` tag: BusyBox at `/busybox/sh`, meant for troubleshooting, not for shipping.',
    'zh-cn': '`:debug` 标签：`/busybox/sh` 处有 BusyBox，用于排查问题，不宜用于发布。',
  },
  distrolessDebugShell: {
    en: 'There is no `/bin/sh`: `RUN` and shell-form `CMD` need `SHELL ["/busybox/sh", "-c"]` first.',
    'zh-cn': '没有 `/bin/sh`：`RUN` 和 shell 形式的 `CMD` 需要先写 `SHELL ["/busybox/sh", "-c"]`。',
  },
  windows: {
    en: 'Windows image: commands run in cmd or PowerShell (see `SHELL`), and Linux package-manager advice does not apply.',
    'zh-cn': 'Windows 镜像：命令在 cmd 或 PowerShell 中运行（见 `SHELL`），针对 Linux 包管理器的建议不适用。',
  },

  // Flags
  apkNoCache: {
    en: 'Reads the package index into memory for this command only and keeps nothing in `/var/cache/apk`, so no index or package cache stays in the layer. It replaces `apk update` followed by cache cleanup.',
    'zh-cn': '只为本条命令把包索引读入内存，不在 `/var/cache/apk` 中保留任何内容，因此层中不会留下索引或软件包缓存。它可以代替 `apk update` 加清理缓存的写法。',
  },
  apkVirtual: {
    en: 'Records the packages being added under one made-up name, so a later `apk del <name>` removes them all. Delete them in the same `RUN`, or their files stay in the layer.',
    'zh-cn': '把这次安装的软件包记在一个自取的名字下，之后用 `apk del <名字>` 即可全部删除。请在同一个 `RUN` 中删除，否则它们的文件仍留在层中。',
  },
  aptNoRecommends: {
    en: 'Installs hard dependencies only and skips packages marked as Recommends. On a Debian bookworm-slim base, installing curl added 35.5 MB with recommends and 32.0 MB without (measured with buildah).',
    'zh-cn': '只安装硬依赖，跳过标为 Recommends 的软件包。在 Debian bookworm-slim 基础镜像上安装 curl，带推荐包增加 35.5 MB，不带则为 32.0 MB（用 buildah 实测）。',
  },
  assumeYes: {
    en: 'Answers yes to confirmation prompts, so a build never stops waiting for input. It does not change what is installed.',
    'zh-cn': '对确认提示自动回答 yes，构建不会停下来等待输入。它不改变安装的内容。',
  },
  rpmWeakDeps: {
    en: 'Skips weak dependencies (Recommends and Supplements), the RPM counterpart of apt’s `--no-install-recommends`. Old yum 3 (CentOS 7) never installs weak dependencies anyway.',
    'zh-cn': '跳过弱依赖（Recommends 和 Supplements），相当于 RPM 版的 apt `--no-install-recommends`。旧版 yum 3（CentOS 7）本来就不安装弱依赖。',
  },
  rpmNodocs: {
    en: 'Leaves out files that packages mark as documentation (man pages, `/usr/share/doc`), so they never reach the layer.',
    'zh-cn': '不安装软件包标为文档的文件（man 手册、`/usr/share/doc`），它们就不会进入层中。',
  },
  microdnfNodocs: { en: 'microdnf’s switch for leaving out documentation files of the packages it installs.', 'zh-cn': 'microdnf 的开关：安装软件包时不装文档文件。' },
  zypperNoRecommends: { en: 'Installs required packages only. zypper installs recommended packages by default.', 'zh-cn': '只安装必需的软件包。zypper 默认会安装推荐的软件包。' },
  pipNoCacheDir: {
    en: 'Turns off pip’s download and wheel cache (`~/.cache/pip`), which otherwise keeps a second copy of every package in the layer. `ENV PIP_NO_CACHE_DIR=1` does the same for the whole stage.',
    'zh-cn': '关闭 pip 的下载和 wheel 缓存（`~/.cache/pip`），否则每个软件包都会在层中多存一份。`ENV PIP_NO_CACHE_DIR=1` 对整个阶段起同样作用。',
  },
  npmOmitDev: {
    en: 'Leaves devDependencies out, so test and build tools stay out of the runtime image (it replaces the older `--production`). For an Express app with a TypeScript dev dependency, the install layer went from 44 MB to 17 MB (measured).',
    'zh-cn': '不安装 devDependencies，测试和构建工具就不会进入运行镜像（它取代了旧的 `--production`）。对一个带 TypeScript 开发依赖的 Express 应用，安装层从 44 MB 降到 17 MB（实测）。',
  },
  useraddNoLogInit: {
    en: 'Does not add the user to the lastlog and faillog files. Those files are indexed by UID, so a large UID creates a huge sparse file that the image stores in full (hadolint DL3046).',
    'zh-cn': '不把用户写入 lastlog 和 faillog 文件。这些文件按 UID 索引，UID 很大时会生成巨大的稀疏文件，而镜像会把它完整存下来（hadolint DL3046）。',
  },
} satisfies Catalog;

export type HoverKey = keyof typeof HOVER_MESSAGES;
