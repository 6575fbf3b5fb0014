/**
 * Measured figures that more than one rule attaches, defined once and named by an id, so that totals
 * ("Slim this Dockerfile", `check`) count a figure once however many findings carry it.
 */
import type { SizeEstimate } from '../catalog/imageSizes.js';
import type { Stage } from './model.js';

/**
 * build-essential kept in a stage: the layer of `apt-get install --no-install-recommends build-essential` on
 * Debian bookworm-slim, measured with buildah (300.84 MB). Both build-in-final-stage and
 * build-dependencies-kept attach it to the same installation; the id is the stage's.
 */
export function buildEssentialKept(stage: Stage): SizeEstimate {
  return {
    bytes: 300_840_000,
    basis: 'measured: layer of `apt-get install --no-install-recommends build-essential` on Debian bookworm-slim, built with buildah (the toolchain a multi-stage build leaves behind)',
    id: `build-essential:stage${stage.index}`,
  };
}
