/**
 * What a RUN's own words say about building, read once per read of the RUN (`runRead`), so that a RUN an edit
 * did not touch, or only moved, is not read again on the next version: its commands as compile steps and build
 * tools (`compileShapes.ts`; offsets from each command's start), its package installs and removals (for the
 * toolchain, `toolchain.ts`), and the build-environment tools it installs and the commands it runs
 * (`buildEnvironment.ts`). Kept with the RUN's other facts (`perRun` in `runs.ts`: one memo entry per read of a
 * RUN, which costs about as much as reading a part).
 */
import { findOption, optionValues } from './commands.js';
import { shapeOf, toolUse, type StepShape } from './compileShapes.js';
import { isCrossToolchainPackage } from './crossToolchain.js';
import type { RunInfo } from './model.js';
import { packageManagerNamed, type PackageManager } from './packageManagers.js';
import { cached, KeyedCache } from '../memo.js';
import { installsPackages, packageCall, packageOperands, removesPackages } from './packages.js';
import { perRun, runFactKey } from './runs.js';
import type { ShellCommand, ShellWord } from './shellTypes.js';

/** Compile-step shapes of a RUN's commands (`compileShapes.ts`), per command; null when no command is one. */
export function runShapes(run: RunInfo): readonly (StepShape | null)[] | null {
  return perRun(run, SHAPES, () => perCommand(run, shapeOf));
}

/** Build tools and native installs of a RUN's commands (`toolUse`), per command; null when no command is one. */
export function runTools(run: RunInfo): readonly (string | null)[] | null {
  return perRun(run, TOOLS, () => perCommand(run, toolUse));
}

/** A RUN's package installs and removals, in its commands' order. */
export function runPackageEvents(run: RunInfo): readonly PackageEvent[] {
  return perRun(run, EVENTS, () => {
    const events: PackageEvent[] = [];
    const commands = run.script?.commands ?? [];
    for (let at = 0; at < commands.length; at++) readEvent(commands[at]!, at, events);
    return events;
  });
}

/** The build-environment tools a RUN installs (bare package names), and the commands it runs (base names). */
export function runBuildEnvironment(run: RunInfo): { readonly installed: readonly string[]; readonly ran: readonly string[] } {
  return perRun(run, ENV, () => {
    const installed: string[] = [];
    const ran: string[] = [];
    for (const cmd of run.script?.commands ?? []) {
      if (cmd.name) ran.push(cmd.name.slice(cmd.name.lastIndexOf('/') + 1));
      const call = packageCall(cmd);
      if (!call || !installsPackages(call)) continue;
      for (const w of packageOperands(call)) if (w.value !== null && BUILD_ENVIRONMENT_TOOLS.has(bare(w.value))) installed.push(bare(w.value));
    }
    return { installed, ran };
  });
}

// Each part is read when first asked for (most RUNs are asked for some parts only: whether a stage installs a
// build-environment tool is asked of every stage), from the commands of whichever version of the RUN asks first:
// the answers hold no offsets but relative ones. Shared: never change what they answer.
const SHAPES = runFactKey();
const TOOLS = runFactKey();
const EVENTS = runFactKey();
const ENV = runFactKey();

/** `read` of each command, or null when it is null for all. */
function perCommand<T>(run: RunInfo, read: (cmd: ShellCommand) => T | null): readonly (T | null)[] | null {
  const commands = run.script?.commands ?? [];
  let out: (T | null)[] | null = null;
  for (let i = 0; i < commands.length; i++) {
    const v = read(commands[i]!);
    if (v !== null) (out ??= new Array<T | null>(commands.length).fill(null))[i] = v;
  }
  return out;
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

/** Packages that put a C compiler in the image, by name (`isCCompilerPackage` also takes gcc-N, g++-N, clang-N). */
export const C_TOOLCHAIN: ReadonlySet<string> = new Set(['build-essential', 'build-base', 'gcc', 'g++', 'gcc-c++', 'clang', 'musl-dev', 'alpine-sdk']);
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

