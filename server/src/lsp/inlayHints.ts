import type { InlayHint, InlayHintParams } from 'vscode-languageserver/node';
import { sizeHints, type Analysis } from '../engine/index.js';
import { lt, serverLocale } from './messages.js';

/**
 * Per-instruction size estimates ("≈ +35 MB") at the end of each instruction that has one; the tooltip says
 * it is an estimate and where it comes from. Only hints inside the requested range.
 */
export function provideInlayHints(params: InlayHintParams, analysis: Analysis): InlayHint[] {
  if (!analysis.model) return [];
  const { start, end } = params.range;
  return sizeHints(analysis.model, serverLocale())
    .filter((h) => h.range.end.line >= start.line && h.range.end.line <= end.line)
    .map((h) => ({
      position: h.range.end,
      label: h.label,
      tooltip: lt('sizeHintTooltip', { basis: h.basis }),
      paddingLeft: true,
    }));
}
