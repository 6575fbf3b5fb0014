import { defineRule } from '../defineRule.js';
import type { RuleKey } from '../i18n/ruleMessages.js';
import type { Translate } from '../i18n/locale.js';
import { appendToRun } from '../edits.js';
import { buildUses, nativeBuilds } from '../model/builds.js';
import { runPackageEvents } from '../model/runBuildRead.js';
import { perRun, runFactKey, type RunInst } from '../model/runs.js';
import { cached, KeyedCache } from '../memo.js';
import { isCrossToolchainPackage } from '../model/crossToolchain.js';
import { descendantsOf, firstAfterInDescendants, shippedTip } from '../model/chain.js';
import { findOption, isCommand, optionValues } from '../model/commands.js';
import { buildEssentialKept } from '../model/estimates.js';
import type { PackageManager } from '../model/packageManagers.js';
import { installsPackages, packageCall, packageOperands, removesPackages } from '../model/packages.js';
import { runsOf, type DockerfileModel, type Inst, type RunInfo, type Stage } from '../model/model.js';
import type { ShellCommand, ShellWord } from '../model/shell.js';
import { rootStage } from '../model/stageFacts.js';
import { isBaseImageDefinition } from '../model/startCommand.js';
import type { Fix } from '../types.js';

/** dnf, yum and tdnf share the rpm database: one may remove what another installed. */
const RPM_FAMILY: ReadonlySet<PackageManager> = new Set(['dnf', 'tdnf', 'yum']);

/** Build tools and meta-packages that pull in a compiler toolchain. */
const BUILD_PACKAGES = new Set([
  'build-essential',
  'build-base',
  'alpine-sdk',
  'gcc',
  'g++',
  'gcc-c++',
  'gfortran',
  'clang',
  'make',
  'cmake',
  'autoconf',
  'automake',
  'libtool',
  'musl-dev',
  'kernel-headers',
]);

interface Install {
  cmd: ShellCommand;
  manager: PackageManager;
  /** The words reported: the command name through its subcommand (`subStart`…`end`). */
  subStart: number;
  end: number;
  /** Static package operands (for a group install, the group). */
  packages: ShellWord[];
  /** Some operand is not static (`$BUILD_DEPS`). */
  hasVariable: boolean;
  /** apk `--virtual <name>` group. */
  virtual: string | null;
}

export default defineRule('build-dependencies-kept', {
  check({ model, report, t }) {
    const shipped = model.stages.filter((s) => s.ships);
    // An image for others to build on (no CMD or ENTRYPOINT, or an interpreter such as `python3` or `node`,
    // as the official language images start): there the compilers are the point. The same test as
    // build-in-final-stage and runs-as-root.
    const final = shippedTip(model);
    if (!final || isBaseImageDefinition(model, final)) return;
    for (const inst of runsOf(shipped)) {
      const script = inst.run.script;
      if (!script || !inst.stage) continue;
      const kept = keptInstalls(model, inst);
      if (kept.length === 0 || baseHasToolchain(inst.stage)) continue;
      for (const k of kept) {
        const cmd = script.commands[k.at]!;
        const estimate = k.apt && k.names.includes('build-essential') ? buildEssentialKept(inst.stage) : undefined;
        const { head, list } = k;
        // A later step builds with the tools: removing them in this RUN would break it, so only a
        // multi-stage build helps.
        const later = laterBuild(model, inst);
        report({
          range: model.lines.range(cmd.start + k.start, cmd.start + k.end),
          message: later ? t('laterNeeds', { head, list, later: later.label, line: later.line }) : t('kept', { head, list }),
          fixes: later ? [] : removalFix(model, inst, k.removal, t),
          ...(estimate ? { estimate } : {}),
        });
      }
    }
  },
});

/**
 * An install that leaves build packages its own RUN does not remove, as its own words say: the command's index,
 * the words reported (offsets from the command's start), the words for the message, and the removal its fix
 * appends (null: none is mechanical).
 */
interface Kept {
  at: number;
  start: number;
  end: number;
  head: string;
  names: readonly string[];
  list: string;
  apt: boolean;
  removal: string | null;
}

/** The RUN's installs that keep build packages: read from its own text, so kept per read of the RUN (`perRun`), which an edit elsewhere keeps. */
function keptInstalls(model: DockerfileModel, inst: RunInst): readonly Kept[] {
  // Most RUNs install nothing (the model's read of the RUN lists its installs): no entry for them.
  if (!runPackageEvents(inst.run).some((e) => e.installs !== null)) return NONE;
  return perRun(inst.run, KEPT, () => readKept(model, inst.run.script?.commands ?? []));
}
const NONE: readonly Kept[] = [];
const KEPT = runFactKey();

function readKept(model: DockerfileModel, commands: readonly ShellCommand[]): readonly Kept[] {
  const out: Kept[] = [];
  for (let at = 0; at < commands.length; at++) {
    const cmd = commands[at]!;
    const install = installOf(cmd);
    if (!install || !cmd.nameWord) continue;
    const kept = install.packages.filter((p) => isBuildPackage(p.value!) && !removedLater(commands, install, normalize(p.value!)));
    if (kept.length === 0) continue;
    const names = [...new Set(kept.map((p) => normalize(p.value!)))];
    // The RUN's text is the same wherever a read of it is (a RUN read again gets a new read).
    const head = `${cmd.name} ${model.text.slice(install.subStart, install.end).replace(/\s+/g, ' ')}`;
    out.push({ at, start: cmd.nameWord.start - cmd.start, end: install.end - cmd.start, head, names, list: names.join(', '), apt: install.manager === 'apt', removal: removalCommand(install, names) });
  }
  return out;
}

/** An install command of a system package manager, with its package operands. */
function installOf(cmd: ShellCommand): Install | null {
  const call = packageCall(cmd);
  if (!call || !installsPackages(call) || !cmd.nameWord) return null;
  const words = packageOperands(call);
  // `dnf group install "Development Tools"`, `yum groupinstall …`, `dnf install @group`: of groups, only the
  // development tools are known to be build-only.
  const group = RPM_FAMILY.has(call.manager) && (call.verb !== call.sub || call.sub.value === 'groupinstall' || words.some((w) => w.value?.startsWith('@')));
  const packages: ShellWord[] = [];
  let hasVariable = false;
  for (const w of words) {
    if (w.value === null) hasVariable = true;
    else if (!group || /^@?development[- ]tools$/i.test(w.value)) packages.push(w);
  }
  const virtual = call.manager === 'apk' ? (optionValues(cmd, ['--virtual', '-t']).pop() ?? null) : null;
  return { cmd, manager: call.manager, subStart: call.sub.start, end: call.verb.end, packages, hasVariable, virtual };
}

/** Package name without version, architecture or repository pinning (`gcc=12.2`, `libc6-dev:amd64`, `gcc~13`). */
function normalize(name: string): string {
  return name.replace(/[:=<>~@].*$/, '').replace(/^@/, '') || name;
}

function isBuildPackage(raw: string): boolean {
  if (/^@?development[- ]tools$/i.test(raw)) return true;
  const n = normalize(raw);
  if (BUILD_PACKAGES.has(n)) return true;
  if (/^(gcc|g\+\+|clang|gfortran)-\d+(\.\d+)?$/.test(n)) return true;
  if (/^linux-headers($|-)|^kernel-devel($|-)/.test(n)) return true;
  if (isCrossToolchainPackage(n)) return true;
  // Red Hat's `java-*-openjdk-devel` is the JDK itself (it owns the /usr/lib/jvm/java-* directory JAVA_HOME
  // names), which Java programs may run from: a JDK where a JRE would do is another question.
  if (/^java-[\d.]+(?:-openjdk|-openj9|-amazon-corretto)-devel$|^java-latest-openjdk-devel$/.test(n)) return false;
  return /[a-z0-9+]-(dev|devel)$/.test(n);
}

/** Removed by a later command of the same RUN, by name, through its apk group, or through an operand that cannot be read. */
function removedLater(commands: readonly ShellCommand[], install: Install, pkg: string): boolean {
  const after = commands.filter((c) => c.start > install.cmd.end);
  const wanted = install.virtual ?? pkg;
  const lists = (ops: ShellWord[]): boolean => ops.some((o) => o.value === null || normalize(o.value) === wanted || /^@?development[- ]tools$/i.test(o.value) && /development/i.test(pkg));
  const sameFamily = (m: PackageManager): boolean => m === install.manager || (RPM_FAMILY.has(m) && RPM_FAMILY.has(install.manager));
  for (const c of after) {
    const call = packageCall(c);
    if (call && sameFamily(call.manager) && removesPackages(call)) {
      if (lists(packageOperands(call))) return true;
      const auto = call.action === 'autoremove' || findOption(c, ['--auto-remove', '--autoremove']) !== null;
      // `apt-mark auto` everything (or these), then purge --auto-remove: what the official images do.
      if (call.manager === 'apt' && auto && commands.some((m) => m.start < c.start && marksAuto(m))) return true;
    }
    if (install.manager === 'apt' && c.name === 'dpkg' && (findOption(c, ['--purge', '--remove'], 'P') || c.args.some((a) => a.value === '-r'))) {
      if (lists(c.args.filter((a) => a.value === null || !a.value.startsWith('-')))) return true;
    }
  }
  return false;
}

/** `apt-mark auto …`, also fed by xargs (`apt-mark showmanual | xargs apt-mark auto`). */
function marksAuto(cmd: ShellCommand): boolean {
  if (isCommand(cmd, 'apt-mark', 'auto')) return true;
  if (cmd.name !== 'xargs') return false;
  const i = cmd.args.findIndex((a) => a.value === 'apt-mark' || a.value?.endsWith('/apt-mark'));
  return i >= 0 && cmd.args[i + 1]?.value === 'auto';
}

/**
 * The first step after `inst` that builds native code, and so needs the build packages: a later RUN of the
 * stage (for an ONBUILD trigger, a later trigger) or any RUN of a stage built FROM it, which inherits the
 * packages. A build step is what builds.ts `buildUses` names: a compile step (`make`, `go build`, a `pip install`
 * after a compiler install…), a build tool run by name (`gcc`, `cmake`, `./configure`…) or a package install
 * that may compile native extensions (`npm ci`, `gem install`, `bundle install`, `pecl install`…).
 */
function laterBuild(model: DockerfileModel, inst: Inst & { run: RunInfo }): { label: string; line: number } | null {
  const stage = inst.stage;
  if (!stage) return null;
  let found: RunInst | null = null;
  if (inst.onbuild) {
    // A trigger runs in the child build, after that build's own instructions: only later triggers follow it.
    found = nativeBuilds(stage).find((r) => r.onbuild && r.start > inst.start) ?? null;
    for (const s of found ? [] : descendantsOf(model, stage)) {
      found = nativeBuilds(s)[0] ?? null;
      if (found) break;
    }
  } else {
    found = firstAfterInDescendants(model, inst, nativeBuilds) as RunInst | null;
  }
  if (!found) return null;
  const uses = buildUses(found);
  const commands = found.run.script?.commands ?? [];
  for (let i = 0; i < uses.length; i++) {
    const label = uses[i];
    if (label) return { label, line: model.lines.positionAt(commands[i]!.start).line + 1 };
  }
  return null;
}

/**
 * The removal, when it is mechanical: `apk del <group>` for an apk `--virtual` group (whose name says it is
 * for building, or whose packages all are); `apt-get purge -y --auto-remove …` or `apk del …` when the
 * install has nothing but build packages (`names`, the kept ones). Never when an operand cannot be read.
 */
function removalCommand(install: Install, names: readonly string[]): string | null {
  if (install.hasVariable) return null;
  const allBuild = install.packages.length > 0 && install.packages.every((p) => isBuildPackage(p.value!));
  let command: string | null = null;
  if (install.manager === 'apk' && install.virtual !== null) {
    if (/^[\w.+-]+$/.test(install.virtual) && (allBuild || /build/i.test(install.virtual))) command = `apk del ${install.virtual}`;
  } else if (allBuild && names.every((n) => /^[\w.+-]+$/.test(n))) {
    if (install.manager === 'apt') command = `${install.cmd.name === 'apt' ? 'apt' : 'apt-get'} purge -y --auto-remove ${names.join(' ')}`;
    if (install.manager === 'apk') command = `apk del ${names.join(' ')}`;
  }
  return command;
}

/** The fix that appends `command` (`removalCommand`) to the RUN. */
function removalFix(model: DockerfileModel, inst: RunInst, command: string | null, t: Translate<RuleKey<'build-dependencies-kept'>>): Fix[] {
  if (!command) return [];
  const edits = appendToRun(model, inst, command);
  return edits ? [{ title: t('fix', { command }), safety: 'unsafe', edits }] : [];
}

/**
 * The stage starts from an image that already has a compiler toolchain and common headers: buildpack-deps
 * and the full (not slim, not Alpine) official images built on it. Nothing is saved by removing what the
 * base brings; the size question there is the base image itself.
 */
function baseHasToolchain(stage: Stage): boolean {
  return cached(toolchainBase, stage, readBaseHasToolchain);
}
const toolchainBase = new KeyedCache<Stage, boolean>();

function readBaseHasToolchain(stage: Stage): boolean {
  const image = rootStage(stage).image?.toLowerCase();
  if (!image) return false;
  const m = /^(?:docker\.io\/)?(?:library\/)?([a-z0-9._-]+)(?::([^@]+))?(?:@.*)?$/.exec(image);
  if (!m) return false;
  const [, repo, tag = 'latest'] = m;
  if (/slim|alpine|windows|nanoserver|servercore/.test(tag)) return false;
  if (repo === 'buildpack-deps') return !/(^|-)(curl|scm)$/.test(tag);
  return ['python', 'node', 'ruby', 'golang', 'rust', 'perl', 'gcc'].includes(repo!);
}
