import type { Rule } from '../types.js';
import addRemoteArchive from './add-remote-archive.js';
import apkCacheKept from './apk-cache-kept.js';
import aptListsLeft from './apt-lists-left.js';
import aptRecommendsInstalled from './apt-recommends-installed.js';
import buildDependenciesKept from './build-dependencies-kept.js';
import buildInFinalStage from './build-in-final-stage.js';
import cacheMountEmptied from './cache-mount-emptied.js';
import chmodAfterCopy from './chmod-after-copy.js';
import cleanupInLaterLayer from './cleanup-in-later-layer.js';
import consecutiveRun from './consecutive-run.js';
import copyContextUnfiltered from './copy-context-unfiltered.js';
import copyFromRelativePath from './copy-from-relative-path.js';
import distroUpgradeInImage from './distro-upgrade-in-image.js';
import dnfCacheKept from './dnf-cache-kept.js';
import downloadedArchiveKept from './downloaded-archive-kept.js';
import emptyContinuationLine from './empty-continuation-line.js';
import gitHistoryShipped from './git-history-shipped.js';
import goBinaryUnstripped from './go-binary-unstripped.js';
import jdkWhereJreWouldDo from './jdk-where-jre-would-do.js';
import languagePackageCacheKept from './language-package-cache-kept.js';
import largeBaseImage from './large-base-image.js';
import libcMismatch from './libc-mismatch.js';
import muslSourceBuilds from './musl-source-builds.js';
import npmCacheKept from './npm-cache-kept.js';
import npmDevDependenciesInstalled from './npm-dev-dependencies-installed.js';
import peclCacheKept from './pecl-cache-kept.js';
import pid1WithoutInit from './pid1-without-init.js';
import pipCacheKept from './pip-cache-kept.js';
import rpmWeakDepsInstalled from './rpm-weak-deps-installed.js';
import runsAsRoot from './runs-as-root.js';
import shellFormCommand from './shell-form-command.js';
import stageReferencedByIndex from './stage-referenced-by-index.js';
import tlsRootsMissing from './tls-roots-missing.js';
import unknownStageReference from './unknown-stage-reference.js';
import unpinnedBaseImage from './unpinned-base-image.js';
import useraddWithoutNoLogInit from './useradd-without-no-log-init.js';
import yumCacheKept from './yum-cache-kept.js';
import zypperCacheKept from './zypper-cache-kept.js';

/** Every rule, in alphabetical order of id (a test keeps it so). */
export const allRules: readonly Rule[] = [
  addRemoteArchive,
  apkCacheKept,
  aptListsLeft,
  aptRecommendsInstalled,
  buildDependenciesKept,
  buildInFinalStage,
  cacheMountEmptied,
  chmodAfterCopy,
  cleanupInLaterLayer,
  consecutiveRun,
  copyContextUnfiltered,
  copyFromRelativePath,
  distroUpgradeInImage,
  dnfCacheKept,
  downloadedArchiveKept,
  emptyContinuationLine,
  gitHistoryShipped,
  goBinaryUnstripped,
  jdkWhereJreWouldDo,
  languagePackageCacheKept,
  largeBaseImage,
  libcMismatch,
  muslSourceBuilds,
  npmCacheKept,
  npmDevDependenciesInstalled,
  peclCacheKept,
  pid1WithoutInit,
  pipCacheKept,
  rpmWeakDepsInstalled,
  runsAsRoot,
  shellFormCommand,
  stageReferencedByIndex,
  tlsRootsMissing,
  unknownStageReference,
  unpinnedBaseImage,
  useraddWithoutNoLogInit,
  yumCacheKept,
  zypperCacheKept,
];
