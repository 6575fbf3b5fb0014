/**
 * What each instruction adds to the image, where an estimate exists: a FROM, the size of its image (the
 * catalog's figure); a RUN that installs with apt, the packages apt adds (Debian's package data) plus the
 * databases apt rewrites, and the package lists an `apt-get update` leaves in the layer. For per-line hints in editors. Estimates, never measurements of this file.
 */
import { formatBytes } from '../catalog/units.js';
import type { Basis } from '../catalog/basis.js';
import { APT_LAYER_OVERHEAD_BYTES, aptInstallEstimates } from './aptInstalls.js';
import { APT_LISTS_ESTIMATE, aptListsLeft } from './aptLists.js';
import type { DockerfileModel, Inst } from './model.js';
import { stageImageFacts } from './stageFacts.js';

export interface InstructionSize {
  inst: Inst;
  bytes: number;
  /** `≈ +35 MB`; `≈ 28 MB compressed` for an image known only by its compressed size. */
  label: string;
  /** The figure alone (`≈ 28 MB`), and whether it is a compressed size (for the label in another language). */
  value: string;
  compressed: boolean;
  /** Where the figure comes from (formatted in the user's language where it is shown). */
  basis: Basis;
}

export function instructionSizes(model: DockerfileModel): InstructionSize[] {
  const out: InstructionSize[] = [];
  const apt = aptInstallEstimates(model);
  const listsLeft = aptListsLeft(model);
  const byInst = new Map<Inst, { bytes: number; complete: boolean; basis: Basis }>();
  for (const est of apt.values()) {
    const cur = byInst.get(est.inst) ?? { bytes: APT_LAYER_OVERHEAD_BYTES, complete: true, basis: est.basis };
    cur.bytes += est.addedBytes;
    cur.complete &&= est.complete;
    byInst.set(est.inst, cur);
  }
  for (const stage of model.stages) {
    // A FROM of another stage adds nothing of its own.
    if (!(stage.parent && stage.parent.index < stage.index)) {
      const size = stageImageFacts(stage)?.approxCompressedSize;
      if (size && size.mb > 0) {
        const bytes = (size.uncompressedMb ?? size.mb) * 1e6;
        const unit = size.uncompressedMb !== undefined ? '' : ' compressed';
        out.push({
          inst: stage.fromInst,
          bytes,
          label: `≈ ${formatBytes(bytes)}${unit}`,
          value: `≈ ${formatBytes(bytes)}`,
          compressed: unit !== '',
          basis: { key: unit ? 'imageSizeCompressed' : 'imageSizeUncompressed', args: { image: size.measuredImage, platform: size.platform, date: size.date, source: size.uncompressedSource ?? size.source } },
        });
      }
    }
    for (const inst of stage.instructions) {
      const e = byInst.get(inst);
      const lists = listsLeft.has(inst) ? APT_LISTS_ESTIMATE : null;
      if (e && !e.complete) continue;
      if (!e && !lists) continue;
      const bytes = (e?.bytes ?? 0) + (lists?.bytes ?? 0);
      const overhead = formatBytes(APT_LAYER_OVERHEAD_BYTES);
      const listArgs = lists ? { lists: formatBytes(lists.bytes), listsBasis: lists.basis } : null;
      const basis: Basis = e
        ? listArgs
          ? { key: 'aptLayerAndLists', args: { install: e.basis, overhead, ...listArgs } }
          : { key: 'aptLayer', args: { install: e.basis, overhead } }
        : { key: 'aptListsOnly', args: listArgs! };
      out.push({ inst, bytes, label: `≈ +${formatBytes(bytes)}`, value: `≈ +${formatBytes(bytes)}`, compressed: false, basis });
    }
  }
  return out;
}
