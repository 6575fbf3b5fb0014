import type { Rule } from '../types.js';
import aptListsLeft from './apt-lists-left.js';
import aptRecommendsInstalled from './apt-recommends-installed.js';
import buildDependenciesKept from './build-dependencies-kept.js';
import copyFromRelativePath from './copy-from-relative-path.js';
import libcMismatch from './libc-mismatch.js';
import npmCacheKept from './npm-cache-kept.js';
import npmDevDependenciesInstalled from './npm-dev-dependencies-installed.js';
import pipCacheKept from './pip-cache-kept.js';
import shellFormCommand from './shell-form-command.js';
import stageReferencedByIndex from './stage-referenced-by-index.js';
import tlsRootsMissing from './tls-roots-missing.js';
import unpinnedBaseImage from './unpinned-base-image.js';

/** Every rule, in alphabetical order of id (a test keeps it so). */
export const allRules: readonly Rule[] = [
  aptListsLeft,
  aptRecommendsInstalled,
  buildDependenciesKept,
  copyFromRelativePath,
  libcMismatch,
  npmCacheKept,
  npmDevDependenciesInstalled,
  pipCacheKept,
  shellFormCommand,
  stageReferencedByIndex,
  tlsRootsMissing,
  unpinnedBaseImage,
];
