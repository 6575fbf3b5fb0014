import type { DockerfileModel } from './model/model.js';

/**
 * Ignore comments: `# dockerfile-slim ignore=<id>[,<id>]` in the comment block right above an instruction,
 * `# dockerfile-slim global ignore=<id>` anywhere for the whole file. hadolint's own pragmas
 * (`# hadolint ignore=DL3009`) are honoured for rules that name that code in `related`.
 */
export interface IgnoreMap {
  global: Set<string>;
  /** Instruction start line → ids ignored for it. */
  byLine: Map<number, Set<string>>;
}

/** Groups: 1 everything before the ids, 2 the tool, 3 `global`, 4 the comma-separated ids. */
const PRAGMA = /^(#\s*(dockerfile-slim|hadolint)\s+(global\s+)?ignore\s*=\s*)([A-Za-z0-9_,\s-]+?)\s*(?:#.*)?$/;

export function collectIgnores(model: DockerfileModel): IgnoreMap {
  const global = new Set<string>();
  const byLine = new Map<number, Set<string>>();
  const { lines } = model;
  for (const inst of model.instructions) {
    if (inst.onbuild) continue;
    const ids = new Set<string>();
    for (let l = inst.range.start.line - 1; l >= 0; l--) {
      const t = lines.lineText(l).trim();
      if (!t.startsWith('#')) break;
      const m = PRAGMA.exec(t);
      if (m && !m[3]) for (const id of idsOf(m[2]!, m[4]!)) ids.add(id);
    }
    if (ids.size > 0) {
      for (let l = inst.range.start.line; l <= inst.range.end.line; l++) byLine.set(l, ids);
    }
  }
  for (let l = 0; l < lines.lineCount; l++) {
    const t = lines.lineText(l).trim();
    if (!t.startsWith('#')) continue;
    const m = PRAGMA.exec(t);
    if (m && m[3]) for (const id of idsOf(m[2]!, m[4]!)) global.add(id);
  }
  return { global, byLine };
}

/**
 * Where the id list of a line's `# dockerfile-slim ignore=<id>[,<id>]` comment ends (the character after its
 * last id, where `,<id>` adds one), or null when the line is no such comment (another text, a `global` or a
 * hadolint pragma).
 */
export function ignoreListEnd(lineText: string): number | null {
  const trimmed = lineText.trim();
  const m = PRAGMA.exec(trimmed);
  if (!m || m[2] !== 'dockerfile-slim' || m[3]) return null;
  return lineText.indexOf(trimmed) + m[1]!.length + m[4]!.length;
}

function idsOf(tool: string, list: string): string[] {
  const prefix = tool === 'hadolint' ? 'hadolint:' : '';
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => prefix + s);
}

export function isIgnored(map: IgnoreMap, ruleId: string, related: readonly string[], line: number): boolean {
  const keys = [ruleId, ...related];
  const local = map.byLine.get(line);
  return keys.some((k) => map.global.has(k) || (local?.has(k) ?? false));
}
