/**
 * What a cache-cleaning command empties, for the commands that clean a cache without naming its folder:
 * a package manager's full clean (`apt-get clean`, `dnf clean all`, `apk cache clean`, `zypper clean -a`) and
 * `npm cache clean`. `rm` of a folder is read where it is used (`languages.ts`, `packages.ts`).
 */
import { aliasExpanded } from './aliases.js';
import { hasOption, optionValues } from './commands.js';
import { effectiveCommand } from './dnfVersion.js';
import { envFor, isNpmCacheClean, npmConfigName } from './languages.js';
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
    const dirs = call.manager === 'apt' && call.action !== 'dist-clean' && recipe.cleaned ? recipe.cleaned : targets;
    return { dirs: [...dirs], end: cmd.args[cmd.args.length - 1]! };
  }
  if (isNpmCacheClean(cmd, true)) {
    if (cmd.args.some((a) => a.value !== null && /^--cache(=|$)/.test(a.value))) return null;
    const moved = envFor(model, inst, cmd, npmConfigName('cache'));
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
