import type { Hover, Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { hoverAt, type Analysis } from '../engine/index.js';
import { serverLocale } from './messages.js';

/**
 * The hover for a position: the engine's base-image card on a FROM image, or its note on a package-manager
 * flag in a RUN. Diagnostics on the same words are shown by the editor next to it. The markdown is plain:
 * text from the Dockerfile is escaped by the engine, and the result is never marked trusted.
 */
export function provideHover(_doc: TextDocument, position: Position, analysis: Analysis): Hover | null {
  const model = analysis.model;
  if (!model) return null;
  const lineCount = model.lines.lineCount;
  if (position.line < 0 || position.line >= lineCount) return null;
  const offset = model.lines.offsetAt(position);
  const hover = hoverAt(model, offset, serverLocale());
  if (!hover) return null;
  return {
    contents: { kind: 'markdown', value: hover.markdown },
    range: model.lines.range(hover.start, hover.end),
  };
}
