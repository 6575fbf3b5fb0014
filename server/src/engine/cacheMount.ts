/**
 * The second fix of every package-cache rule: keep the cache in a BuildKit cache mount instead of cleaning it
 * (`RUN --mount=type=cache,target=…,sharing=locked`). The targets come from the package-manager table
 * (`model/packageManagers.ts`) and the language-tool table (`model/languageCaches.ts`); this file only turns
 * them into edits.
 */
import { insertAt, removeCommand } from './edits.js';
import { homeRelative, within } from './model/languages.js';
import { PACKAGE_MANAGERS, type PackageManager } from './model/packageManagers.js';
import type { DockerfileModel, Inst, RunInfo } from './model/model.js';
import { runsAsRoot } from './model/runUser.js';
import { aliasExpanded } from './model/aliases.js';
import { cacheCleanOf, cacheElsewhere } from './model/cacheCleans.js';
import { effectiveCommand } from './model/dnfVersion.js';
import { aptFetchesWithoutMount, packageCall } from './model/packages.js';
import { someLaterInImage, type InstTest } from './model/chain.js';
import type { ShellCommand } from './model/shell.js';
import type { Fix } from './types.js';
import { translator, type Catalog, type Locale, type Translate } from './i18n/locale.js';

/** The cache-mount fix's title, in English and Simplified Chinese. */
export const CACHE_MOUNT_MESSAGES = {
  title: { en: 'Keep the cache in a BuildKit cache mount on {targets} (needs BuildKit)', 'zh-cn': '把缓存放进 BuildKit 缓存挂载（{targets}，需要 BuildKit）' },
  and: { en: ' and ', 'zh-cn': '、' },
} satisfies Catalog;

const MOUNT_TITLES: Record<Locale, Translate<keyof typeof CACHE_MOUNT_MESSAGES>> = {
  en: translator(CACHE_MOUNT_MESSAGES, 'en'),
  'zh-cn': translator(CACHE_MOUNT_MESSAGES, 'zh-cn'),
};

/** The fix is a cache-mount fix (the unsafe alternative of a package-cache rule), in either language. */
export function isCacheMountFix(fix: Fix): boolean {
  return Object.values(CACHE_MOUNT_MESSAGES.title).some((t) => fix.title.startsWith(t.slice(0, t.indexOf('{targets}'))));
}

export interface CacheMountOptions {
  /** `HOME` as the image sets it, when it does: where `~` in a target is. */
  home?: string | null;
  /** A command to run first in the same RUN (apt: stop docker-clean from deleting what the mount keeps). */
  prepare?: string;
  /** The path is the cache of whoever runs the command only when that is root (Yarn's /usr/local/share/.cache/yarn). */
  rootOnly?: boolean;
  /** The language of the title (default English). */
  locale?: Locale;
}

/**
 * Adds a cache mount on each target to the RUN (after the keyword, before its other flags), and the
 * `prepare` command at the start of its script. Null when no sound edit exists: an ONBUILD trigger, a target
 * under a home directory when the RUN may not run as root (a cache mount belongs to root unless told
 * otherwise), a `prepare` command in a RUN that is not a readable POSIX shell script, or every target
 * already mounted. A clean of a mounted cache in the same RUN (`apt-get clean`) would empty the mount on every
 * build: the same fix removes it, and where it cannot be removed cleanly there is no fix. The edits form one
 * fix, applied together or not at all. Unsafe: it needs BuildKit (or Buildah/Podman), and later builds reuse
 * what earlier ones downloaded instead of resolving afresh.
 */
export function cacheMountFix(model: DockerfileModel, inst: Inst & { run: RunInfo }, targets: readonly string[], options: CacheMountOptions = {}): Fix | null {
  if (inst.onbuild || targets.length === 0) return null;
  const { run } = inst;
  if (options.rootOnly && runsAsRoot(inst) !== true) return null;
  const resolved: string[] = [];
  for (const t of targets) {
    if (!t.startsWith('~')) {
      if (!/^\/[\w./-]*$/.test(t)) return null;
      resolved.push(t.replace(/\/+$/, ''));
      continue;
    }
    if (runsAsRoot(inst) !== true) return null;
    const home = (options.home ?? '/root').replace(/\/+$/, '');
    if (!/^\/[\w./-]*$/.test(home)) return null;
    resolved.push(`${home}${t.slice(1)}`);
  }
  const mounted = (t: string): boolean => run.mounts.some((m) => m.target !== null && homeRelative(m.target, options.home) === homeRelative(t, options.home));
  const fresh = [...new Set(resolved)].filter((t) => !mounted(t));
  if (fresh.length === 0) return null;
  const keywordEnd = model.lines.offsetAt(inst.node.getInstructionRange().end);
  const edits = [insertAt(model, keywordEnd, fresh.map((t) => ` --mount=type=cache,target=${t},sharing=locked`).join(''))];
  if (options.prepare) {
    const script = run.script;
    if (!script || run.form !== 'shell' || !run.posix || script.hasError || script.commands.length === 0) return null;
    edits.push(insertAt(model, script.codeStart, `${options.prepare} && `));
  }
  // A clean in the same RUN of what is now mounted (`apt-get clean`) would empty the mount on every build: it
  // goes with the mount, in the same fix, or the mount is not offered.
  const caches = [...run.mounts.filter((m) => m.type === 'cache' && m.target !== null).map((m) => m.target!), ...fresh].map((t) => homeRelative(t, options.home));
  for (const cmd of run.script?.commands ?? []) {
    const clean = cmd.name === 'rm' ? null : cacheCleanOf(model, inst, cmd);
    if (!clean || !clean.dirs.every((d) => caches.some((t) => within(homeRelative(d, options.home), t)))) continue;
    const removal = removeCommand(model, inst, cmd);
    if (!removal) return null;
    edits.push(removal);
  }
  const starts = edits.map((e) => model.lines.offsetAt(e.range.start));
  if (new Set(starts).size !== starts.length) return null;
  const t = MOUNT_TITLES[options.locale ?? 'en'];
  return { title: t('title', { targets: fresh.join(t('and')) }), safety: 'unsafe', edits };
}

/**
 * The cache-mount fix for a system package manager's command, from the package-manager table; none when the
 * command puts its cache elsewhere (another root, a cache directory of its own, apt's `-o Dir…`).
 */
export function packageCacheMountFix(model: DockerfileModel, inst: Inst & { run: RunInfo }, manager: PackageManager, cmd: ShellCommand, locale: Locale = 'en'): Fix | null {
  const call = packageCall(aliasExpanded(model, inst.run, cmd));
  if (call && cacheElsewhere(call)) return null;
  const recipe = PACKAGE_MANAGERS[manager].cacheMount;
  // Removing apt's docker-clean is for good: a later RUN of the image that installs without the mount would keep
  // every downloaded .deb in its layer.
  if (manager === 'apt' && someLaterInImage(model, inst, APT_FETCH_WITHOUT_MOUNT)) return null;
  const name = effectiveCommand(inst, cmd);
  const targets = (name !== null ? recipe.byCommand?.[name] : undefined) ?? recipe.targets;
  return cacheMountFix(model, inst, targets, recipe.prepare !== undefined ? { prepare: recipe.prepare, locale } : { locale });
}

/** A RUN in which apt downloads packages with no cache mount on its archives. */
const APT_FETCH_WITHOUT_MOUNT: InstTest = (inst) => inst.run !== undefined && aptFetchesWithoutMount(inst.run);
