/**
 * Measured figures that more than one rule attaches, defined once and named by an id, so that totals
 * ("Slim this Dockerfile", `check`) count a figure once however many findings carry it.
 */
import type { Basis } from '../catalog/basis.js';
import type { Stage } from './model.js';

/**
 * build-essential kept in a stage: the layer of `apt-get install --no-install-recommends build-essential` on
 * Debian bookworm-slim, measured with buildah (300.84 MB). Both build-in-final-stage and
 * build-dependencies-kept attach it to the same installation; the id is the stage's.
 */
export function buildEssentialKept(stage: Stage): { bytes: number; basis: Basis; id: string } {
  return {
    bytes: 300_840_000,
    basis: { key: 'buildEssentialMeasured' },
    id: `build-essential:stage${stage.index}`,
  };
}
