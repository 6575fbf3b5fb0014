/**
 * What a cache-cleaning command empties, for the commands that clean a cache without naming its folder:
 * a package manager's full clean (`apt-get clean`, `dnf clean all`, `apk cache clean`, `zypper clean -a`) and
 * `npm cache clean`. `rm` of a folder is read where it is used (`languages.ts`, `packages.ts`).
 */
import { aliasExpanded } from './aliases.js';
import { hasOption, operands, optionValues, subcommand } from './commands.js';
import { effectiveCommand } from './dnfVersion.js';
import { envFor, isNpmCacheClean, isYarnCacheClean, npmConfigName, YARN_DEFAULT_CACHES, YARN_OPTIONS_WITH_VALUE } from './languages.js';
import { pipCommand, pipEnvName, PIP_ALL_OPTIONS_WITH_VALUE, PIP_OPTIONS_WITH_VALUE } from './pip.js';
import { runsAsRoot } from './runUser.js';
import { commandsBefore } from './builds.js';
import { stageImageFacts } from './stageFacts.js';
import type { DockerfileModel, Inst } from './model.js';
import { PACKAGE_MANAGERS } from './packageManagers.js';
import { cacheDirsChosen, cleansCache, packageCall, type PackageCall } from './packages.js';
import type { ShellCommand, ShellWord } from './shellTypes.js';

export interface CacheClean {
  /** The folders the command empties (`~` is the home of whoever runs it). */
  dirs: string[];
  /** The command's last word, where the reported part ends (`clean`, `all`, `--force`). */
  end: ShellWord;
}

/**
 * The folders `cmd` empties when it is a full cache clean, or null: not a clean, a partial one (`apt-get
 * autoclean`, plain `zypper clean`, `dnf clean packages`), or one whose cache was moved where this cannot tell
 * (another root, a cache folder chosen on the command line or in a variable the build sets).
 */
export function cacheCleanOf(model: DockerfileModel, inst: Inst, cmd: ShellCommand): CacheClean | null {
  const call = packageCall(cmd);
  if (call) {
    // An alias may add an install root or a cache folder: `alias dnf="dnf --installroot=/rootfs"`.
    const run = inst.run ? packageCall(aliasExpanded(model, inst.run, cmd)) : call;
    if (cleansCache(call) !== 'all' || cacheElsewhere(call) || (run !== null && run !== call && cacheElsewhere(run))) return null;
    const recipe = PACKAGE_MANAGERS[call.manager].cacheMount;
    const name = effectiveCommand(inst, cmd);
    const targets = (name !== null ? recipe.byCommand?.[name] : undefined) ?? recipe.targets;
    // apt's `distclean` also deletes the lists; `clean` only the archives and package caches.
    // Under docker-clean, apt writes no pkgcache.bin: `clean` empties only the archives.
    const cleaned = call.manager === 'apt' && aptDockerClean(inst, cmd) ? ['/var/cache/apt/archives'] : recipe.cleaned;
    const dirs = call.manager === 'apt' && call.action !== 'dist-clean' && cleaned ? cleaned : targets;
    return { dirs: [...dirs], end: cmd.args[cmd.args.length - 1]! };
  }
  const pip = pipCommand(cmd);
  if (pip) {
    // `pip cache purge` empties pip's cache: `~/.cache/pip`, unless --cache-dir, PIP_CACHE_DIR or
    // XDG_CACHE_HOME moves it (`pip cache remove PATTERN` takes only some wheels).
    const sub = subcommand(pip, PIP_OPTIONS_WITH_VALUE);
    if (sub?.word.value !== 'cache' || operands(pip, PIP_ALL_OPTIONS_WITH_VALUE)[0]?.value !== 'purge') return null;
    if (hasOption(pip, ['--cache-dir', '--no-cache-dir'])) return null;
    if (envFor(inst, cmd, pipEnvName('cache-dir')) !== undefined || envFor(inst, cmd, (n) => n === 'XDG_CACHE_HOME') !== undefined) return null;
    return { dirs: ['~/.cache/pip'], end: cmd.args[cmd.args.length - 1]! };
  }
  if (isYarnCacheClean(cmd)) {
    // Yarn 1 keeps its cache in /usr/local/share/.cache/yarn for root, ~/.cache/yarn for other users.
    const sub = subcommand(cmd, YARN_OPTIONS_WITH_VALUE)!;
    if (cmd.args.slice(sub.index + 2).some((a) => a.value === null || !a.value.startsWith('-'))) return null; // some packages only
    if (hasOption(cmd, ['--cache-folder', '--mirror', '--all']) || envFor(inst, cmd, (n) => n === 'YARN_CACHE_FOLDER') !== undefined) return null;
    const root = runsAsRoot(inst);
    if (root === null) return null;
    return { dirs: [root ? YARN_DEFAULT_CACHES[0]! : YARN_DEFAULT_CACHES[1]!], end: cmd.args[cmd.args.length - 1]! };
  }
  if (isNpmCacheClean(cmd, true)) {
    if (cmd.args.some((a) => a.value !== null && /^--cache(=|$)/.test(a.value))) return null;
    const moved = envFor(inst, cmd, npmConfigName('cache'));
    if (moved !== undefined) return null;
    const last = cmd.args[cmd.args.length - 1]!;
    return { dirs: ['~/.npm'], end: last };
  }
  return null;
}

/**
 * The call keeps its cache somewhere other than the package-manager table says: another root
 * (`--installroot`, `apk -p`, `zypper -R`), a cache folder of its own, or apt's `-o Dir…`.
 */
export function cacheElsewhere(call: PackageCall): boolean {
  const { cmd, manager } = call;
  if (hasOption(cmd, ['--installroot', '--root', '--releasever'])) return true;
  if (manager === 'apk' && hasOption(cmd, ['-p'])) return true;
  if (manager === 'zypper' && hasOption(cmd, ['-R'])) return true;
  if (manager === 'apt' && optionValues(cmd, ['-o', '--option']).some((v) => /^Dir/i.test(v))) return true;
  return cacheDirsChosen(call).length > 0;
}

/**
 * The official Debian and Ubuntu images' `/etc/apt/apt.conf.d/docker-clean` is in force when `cmd` runs (the
 * image is built on one, and no earlier command of the chain touches that file): apt keeps no package caches
 * (`Dir::Cache::pkgcache ""`), so the only thing `apt-get clean` deletes is in `/var/cache/apt/archives`.
 */
function aptDockerClean(inst: Inst, cmd: ShellCommand): boolean {
  const stage = inst.stage;
  const facts = stage ? stageImageFacts(stage) : null;
  if (!stage || !facts || (facts.distro !== 'debian' && facts.distro !== 'ubuntu')) return false;
  for (const { inst: r, cmd: c } of commandsBefore(stage, inst)) {
    if (r === inst && c.start >= cmd.start) break;
    if (c.args.some((a) => /docker-clean|apt\.conf\.d\/?\*?$/.test(a.value ?? a.text))) return false;
  }
  return true;
}
