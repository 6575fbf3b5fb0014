import type { Rule } from '../types.js';
import apkCacheKept from './apk-cache-kept.js';
import aptListsLeft from './apt-lists-left.js';
import aptRecommendsInstalled from './apt-recommends-installed.js';
import buildDependenciesKept from './build-dependencies-kept.js';
import dnfCacheKept from './dnf-cache-kept.js';
import npmCacheKept from './npm-cache-kept.js';
import npmDevDependenciesInstalled from './npm-dev-dependencies-installed.js';
import pipCacheKept from './pip-cache-kept.js';
import rpmWeakDepsInstalled from './rpm-weak-deps-installed.js';
import shellFormCommand from './shell-form-command.js';
import yumCacheKept from './yum-cache-kept.js';
import zypperCacheKept from './zypper-cache-kept.js';

/** Every rule, in alphabetical order of id (a test keeps it so). */
export const allRules: readonly Rule[] = [
  apkCacheKept,
  aptListsLeft,
  aptRecommendsInstalled,
  buildDependenciesKept,
  dnfCacheKept,
  npmCacheKept,
  npmDevDependenciesInstalled,
  pipCacheKept,
  rpmWeakDepsInstalled,
  shellFormCommand,
  yumCacheKept,
  zypperCacheKept,
];
