import type { Hover, Position, Range } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../engine/index.js';

/** What a hover card is built from: the document, the position and the document's analysis (model + findings). */
export interface HoverRequest {
  doc: TextDocument;
  position: Position;
  analysis: Analysis;
}

/** A source of hover cards (for example base-image notes on FROM); null when it has nothing here. */
export type HoverSource = (request: HoverRequest) => Hover | null;

/** Hover sources, asked in order; the first card wins. None yet: base-image cards plug in here. */
const SOURCES: readonly HoverSource[] = [];

/**
 * The hover for a position. Over a finding's range there is none: the editor already shows the diagnostic
 * there, with its docs link.
 */
export function provideHover(doc: TextDocument, position: Position, analysis: Analysis): Hover | null {
  if (analysis.findings.some((f) => contains(f.range, position))) return null;
  for (const source of SOURCES) {
    const hover = source({ doc, position, analysis });
    if (hover) return hover;
  }
  return null;
}

function contains(range: Range, p: Position): boolean {
  const afterStart = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const beforeEnd = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return afterStart && beforeEnd;
}
