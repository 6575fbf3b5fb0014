import { formatBasis } from './catalog/basis.js';
import { ENGINE_MESSAGES } from './i18n/engineMessages.js';
import { translator, type Locale } from './i18n/locale.js';
import type { DockerfileModel } from './model/model.js';
import { instructionSizes } from './model/instructionSizes.js';
import type { Range } from './types.js';

/** A per-instruction size estimate, placed at the end of the instruction (for an inlay hint or code lens). */
export interface SizeHint {
  /** The instruction. */
  range: Range;
  /** `≈ +35 MB`, `≈ 78 MB`, `≈ 28 MB compressed` (`≈ 28 MB（压缩后）` in Chinese). */
  label: string;
  bytes: number;
  /** Says it is an estimate and where it comes from, in the locale asked for (cited sources as they are). */
  basis: string;
}

/** Size estimates per instruction, for a model from `analyze` (no hint where no honest figure exists). */
export function sizeHints(model: DockerfileModel, locale: Locale = 'en'): SizeHint[] {
  const t = translator(ENGINE_MESSAGES, locale);
  return instructionSizes(model).map((s) => ({ range: s.inst.range, label: s.compressed ? t('hintCompressed', { value: s.value }) : s.value, bytes: s.bytes, basis: formatBasis(s.basis, locale) }));
}
