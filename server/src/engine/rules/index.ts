import type { Rule } from '../types.js';
import aptListsLeft from './apt-lists-left.js';
import aptRecommendsInstalled from './apt-recommends-installed.js';
import buildDependenciesKept from './build-dependencies-kept.js';
import buildInFinalStage from './build-in-final-stage.js';
import copyFromRelativePath from './copy-from-relative-path.js';
import largeBaseImage from './large-base-image.js';
import libcMismatch from './libc-mismatch.js';
import muslSourceBuilds from './musl-source-builds.js';
import npmCacheKept from './npm-cache-kept.js';
import npmDevDependenciesInstalled from './npm-dev-dependencies-installed.js';
import pid1WithoutInit from './pid1-without-init.js';
import pipCacheKept from './pip-cache-kept.js';
import runsAsRoot from './runs-as-root.js';
import shellFormCommand from './shell-form-command.js';
import stageReferencedByIndex from './stage-referenced-by-index.js';
import tlsRootsMissing from './tls-roots-missing.js';
import unpinnedBaseImage from './unpinned-base-image.js';

/** Every rule, in alphabetical order of id (a test keeps it so). */
export const allRules: readonly Rule[] = [
  aptListsLeft,
  aptRecommendsInstalled,
  buildDependenciesKept,
  buildInFinalStage,
  copyFromRelativePath,
  largeBaseImage,
  libcMismatch,
  muslSourceBuilds,
  npmCacheKept,
  npmDevDependenciesInstalled,
  pid1WithoutInit,
  pipCacheKept,
  runsAsRoot,
  shellFormCommand,
  stageReferencedByIndex,
  tlsRootsMissing,
  unpinnedBaseImage,
];
