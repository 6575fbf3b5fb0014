/**
 * What a RUN's own words say about building, read once per read of the RUN (`runRead`), so that a RUN an edit
 * did not touch, or only moved, is not read again on the next version: its commands as compile steps and build
 * tools (`compileShapes.ts`; offsets from each command's start), its package installs and removals (for the
 * toolchain, `toolchain.ts`), and the build-environment tools it installs and the commands it runs
 * (`buildEnvironment.ts`). One record per read: each memo entry on a RUN costs as much as reading it.
 */
import { findOption, optionValues } from './commands.js';
import { shapeOf, toolUse, type StepShape } from './compileShapes.js';
import { isCrossToolchainPackage } from './crossToolchain.js';
import type { RunInfo } from './model.js';
import { packageManagerNamed, type PackageManager } from './packageManagers.js';
import { cached, KeyedCache } from '../memo.js';
import { installsPackages, packageCall, packageOperands, removesPackages } from './packages.js';
import { runRead } from './runs.js';
import type { ShellCommand, ShellWord } from './shellTypes.js';

/** What a RUN's commands are by their own words (see above), by command index where per command. Shared: never change it. */
export interface RunBuildRead {
  /** Compile-step shapes and build-tool uses, per command; `any`: one of them is not null. */
  readonly shapes: readonly (StepShape | null)[];
  readonly tools: readonly (string | null)[];
  readonly any: boolean;
  /** Package installs and removals, in the commands' order. */
  readonly events: readonly PackageEvent[];
  /** Build-environment tools installed (bare package names), and the commands run (base names). */
  readonly envInstalled: readonly string[];
  readonly envRan: readonly string[];
}

export function runBuildRead(run: RunInfo): RunBuildRead {
  return cached(buildReads, runRead(run), () => readRun(run.script?.commands ?? []));
}
const buildReads = new KeyedCache<object, RunBuildRead>();

function readRun(commands: readonly ShellCommand[]): RunBuildRead {
  const shapes: (StepShape | null)[] = [];
  const tools: (string | null)[] = [];
  let any = false;
  const events: PackageEvent[] = [];
  const envInstalled: string[] = [];
  const envRan: string[] = [];
  for (let at = 0; at < commands.length; at++) {
    const cmd = commands[at]!;
    const shape = shapeOf(cmd);
    const tool = toolUse(cmd);
    shapes.push(shape);
    tools.push(tool);
    if (shape || tool) any = true;
    readEvent(cmd, at, events);
    if (cmd.name) envRan.push(cmd.name.slice(cmd.name.lastIndexOf('/') + 1));
    const call = packageCall(cmd);
    if (!call || !installsPackages(call)) continue;
    for (const w of packageOperands(call)) if (w.value !== null && BUILD_ENVIRONMENT_TOOLS.has(bare(w.value))) envInstalled.push(bare(w.value));
  }
  return { shapes, tools, any, events, envInstalled, envRan };
}

/** Shared (read once per command): never change it. */
export interface Install {
  readonly cmd: ShellCommand;
  readonly manager: PackageManager;
  /** Package words (version pins stripped from `value`). */
  readonly packages: readonly { readonly word: ShellWord; readonly name: string | null }[];
  /** apk `--virtual NAME` / `-t NAME`. */
  readonly virtual: string | null;
}

/** An install command (`apt-get install`, `apk add`, `dnf install`…) with its package names, or null. */
export function installOf(cmd: ShellCommand): Install | null {
  // Several rules and the apt estimates ask about the same commands in one lint: each is read once.
  return packageManagerNamed(cmd.name) ? cached(installOfCommand, cmd, readInstall) : null;
}

const installOfCommand = new KeyedCache<ShellCommand, Install | null>();

function readInstall(cmd: ShellCommand): Install | null {
  const call = packageCall(cmd);
  if (!call || !installsPackages(call)) return null;
  const packages = packageOperands(call).map((word) => ({
    word,
    name: word.value === null ? null : word.value.replace(/(?:[=<>~]|:[a-z0-9]+$).*$/, '').replace(/:[a-z0-9]+$/, ''),
  }));
  const virtual = call.manager === 'apk' ? (optionValues(cmd, ['-t', '--virtual']).pop() ?? null) : null;
  return { cmd, manager: call.manager, packages, virtual };
}

/** A removal command (`apk del`, `apt-get purge`…): the names it removes and whether it auto-removes. */
export function removalOf(cmd: ShellCommand): { names: string[]; auto: boolean } | null {
  const call = packageCall(cmd);
  if (!call || !removesPackages(call)) return null;
  const names = packageOperands(call).flatMap((w) => (w.value === null ? [] : [w.value]));
  const auto = call.action === 'autoremove' || findOption(cmd, ['--auto-remove', '--autoremove']) !== null;
  return { names, auto };
}

/** Packages that put a C compiler in the image. */
const C_TOOLCHAIN = new Set(['build-essential', 'build-base', 'gcc', 'g++', 'gcc-c++', 'clang', 'musl-dev', 'alpine-sdk']);
/** Packages that put a compiler or SDK in the image. */
const TOOLCHAIN = /^(?:build-essential|build-base|alpine-sdk|gcc|g\+\+|gcc-c\+\+|clang|cpp|make|cmake|musl-dev|libc6-dev|glibc-devel|go|golang|golang-go|golang-\d[\d.]*(?:-go)?|rust|rustc|cargo|maven|gradle|nodejs-dev|openjdk\d*|openjdk-\d+-jdk(?:-headless)?|openjdk\d+-jdk|default-jdk(?:-headless)?|java-[\d.]+-openjdk-devel|dotnet-sdk-[\d.]+|gcc-\d+|g\+\+-\d+|clang-\d+|@development-tools|@development tools)$/i;

export function isToolchainPackage(name: string): boolean {
  return TOOLCHAIN.test(name) || isCrossToolchainPackage(name);
}

/** A C compiler package; every one is a toolchain package too (`isToolchainPackage`). */
export function isCCompilerPackage(name: string): boolean {
  return C_TOOLCHAIN.has(name) || /^(?:gcc|g\+\+|clang)-\d+$/.test(name);
}

/** An install or removal of packages by one command of a RUN, without offsets. */
export interface PackageEvent {
  /** The command's index in the RUN's `script.commands`. */
  readonly at: number;
  /** The names installed (null: a removal), the apk virtual group they are in, and whether one is a toolchain package. */
  readonly installs: readonly string[] | null;
  readonly virtual: string | null;
  readonly toolchain: boolean;
  readonly removal: { readonly names: readonly string[]; readonly auto: boolean } | null;
}

function readEvent(cmd: ShellCommand, at: number, out: PackageEvent[]): void {
  {
    const ins = installOf(cmd);
    if (ins) {
      const installs: string[] = [];
      let toolchain = false;
      for (const p of ins.packages) {
        if (!p.name) continue;
        installs.push(p.name);
        if (isToolchainPackage(p.name)) toolchain = true;
      }
      out.push({ at, installs, virtual: ins.virtual, toolchain, removal: null });
      return;
    }
    const removal = removalOf(cmd);
    if (removal) out.push({ at, installs: null, virtual: null, toolchain: false, removal });
  }
}


/**
 * Packages (Debian, Ubuntu, Fedora names) that only build root file systems, boot media or system packages
 * in a chroot, with the command each provides (null: files other programs use). Compilers, `make`, and
 * `devscripts` or `rpm-build` (build-dependency lists name them for an ordinary source build) are not here.
 */
export const BUILD_ENVIRONMENT_TOOLS: ReadonlyMap<string, string | null> = new Map([
  ['debootstrap', 'debootstrap'],
  ['cdebootstrap', 'cdebootstrap'],
  ['mmdebstrap', 'mmdebstrap'],
  ['multistrap', 'multistrap'],
  ['live-build', 'lb'],
  ['mkosi', 'mkosi'],
  ['kiwi', 'kiwi-ng'],
  ['python3-kiwi', 'kiwi-ng'],
  ['isolinux', null],
  ['xorriso', 'xorriso'],
  ['genisoimage', 'genisoimage'],
  ['pbuilder', 'pbuilder'],
  ['cowbuilder', 'cowbuilder'],
  ['sbuild', 'sbuild'],
  ['mock', 'mock'],
]);

/** Package name without version, architecture or repository pinning (`debootstrap=1.0.128`, `mock:amd64`). */
function bare(name: string): string {
  return name.replace(/[:=<>~@].*$/, '') || name;
}

