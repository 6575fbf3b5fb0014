import type { Finding } from '../../engine/index.js';
import type { FileResult, Formatter } from './types.js';

/**
 * `{"files":[{"path","findings":[…]}]}` with LSP ranges (0-based lines, UTF-16 characters). One file per
 * line, so the document can be written while files are still being checked.
 */
export class JsonFormatter implements Formatter {
  private first = true;

  begin(): string {
    return '{"files":[';
  }

  file(result: FileResult): string {
    const entry = JSON.stringify({ path: result.path, findings: result.findings.map(findingJson) });
    const sep = this.first ? '\n' : ',\n';
    this.first = false;
    return sep + entry;
  }

  end(): string {
    return '\n]}\n';
  }
}

/** The public JSON shape of a finding; keys in a fixed order, nothing beyond the documented fields. */
export function findingJson(f: Finding): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    range: { start: { line: f.range.start.line, character: f.range.start.character }, end: { line: f.range.end.line, character: f.range.end.character } },
    fixes: f.fixes.map((x) => ({
      title: x.title,
      safety: x.safety,
      edits: x.edits.map((e) => ({
        range: { start: { line: e.range.start.line, character: e.range.start.character }, end: { line: e.range.end.line, character: e.range.end.character } },
        newText: e.newText,
      })),
    })),
  };
  if (f.estimate) out['estimate'] = { bytes: f.estimate.bytes, basis: f.estimate.basis, ...(f.estimate.id !== undefined ? { id: f.estimate.id } : {}) };
  return out;
}
