/**
 * What moving a stage's build out of the shipped image saves, for the split's fix title: the change of base
 * image (the build image for the runtime one) plus the apt installs left behind in the build stage. An
 * estimate from the catalog and Debian's package data; null when neither part is known.
 */
import { parseImageRef } from '../catalog/imageRef.js';
import { lookupImage } from '../catalog/images.js';
import { imageSizeChange, type SizeEstimate } from '../catalog/imageSizes.js';
import { formatBytes } from '../catalog/units.js';
import { APT_LAYER_OVERHEAD_BYTES, aptInstallEstimates } from './aptInstalls.js';
import type { DockerfileModel, Inst, Stage } from './model.js';
import { stageImageFacts } from './stageFacts.js';

export function splitEstimate(model: DockerfileModel, stage: Stage, runtimeImage: string): SizeEstimate | null {
  const ref = parseImageRef(runtimeImage);
  const image = imageSizeChange(stageImageFacts(stage), ref ? lookupImage(ref) : null);
  const runs = new Map<Inst, number>();
  for (const est of aptInstallEstimates(model).values()) {
    if (est.inst.stage !== stage || !est.complete) continue;
    runs.set(est.inst, (runs.get(est.inst) ?? APT_LAYER_OVERHEAD_BYTES) + est.addedBytes);
  }
  const toolchain = [...runs.values()].reduce((a, b) => a + b, 0);
  if (!image && toolchain === 0) return null;
  const parts = [
    ...(image ? [`base image ≈ ${formatBytes(image.bytes)}: ${image.basis}`] : []),
    ...(toolchain > 0 ? [`packages installed in the stage ≈ ${formatBytes(toolchain)}: Debian Installed-Size of what apt adds (see each install's estimate)`] : []),
  ];
  return { bytes: (image?.bytes ?? 0) + toolchain, basis: `estimate: ${parts.join('; ')}`, id: `split:stage${stage.index}` };
}
