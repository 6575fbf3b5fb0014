import type { DockerfileModel } from './model/model.js';
import { instructionSizes } from './model/instructionSizes.js';
import type { Range } from './types.js';

/** A per-instruction size estimate, placed at the end of the instruction (for an inlay hint or code lens). */
export interface SizeHint {
  /** The instruction. */
  range: Range;
  /** `≈ +35 MB`, `≈ 78 MB`, `≈ 28 MB compressed`. */
  label: string;
  bytes: number;
  /** Says it is an estimate and where it comes from. */
  basis: string;
}

/** Size estimates per instruction, for a model from `analyze` (no hint where no honest figure exists). */
export function sizeHints(model: DockerfileModel): SizeHint[] {
  return instructionSizes(model).map((s) => ({ range: s.inst.range, label: s.label, bytes: s.bytes, basis: s.basis }));
}
