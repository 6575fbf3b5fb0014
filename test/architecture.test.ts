import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';

const root = join(__dirname, '..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? tsFiles(p) : name.endsWith('.ts') ? [p] : [];
  });
}

function importsOf(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  return [...src.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => (m[1] ?? m[2] ?? m[3])!);
}

/** Which modules each layer may import (ARCHITECTURE.md). */
const layers: { dir: string; allowed: (spec: string, file: string) => boolean }[] = [
  {
    dir: 'server/src/engine',
    allowed: (s) => s.startsWith('.') || ['dockerfile-ast', 'vscode-languageserver-types', 'web-tree-sitter'].includes(s),
  },
  {
    dir: 'server/src/lsp',
    allowed: (s, f) =>
      s.startsWith('node:') ||
      s.startsWith('vscode-languageserver') ||
      (s.startsWith('.') && !s.includes('/cli/') && !/engine\/(rules|model)\//.test(s) && relative(root, f) !== ''),
  },
  {
    dir: 'server/src/cli',
    allowed: (s) => s.startsWith('node:') || (s.startsWith('.') && !s.includes('/lsp/') && !/engine\/(rules|model)\//.test(s)),
  },
  {
    dir: 'client/src',
    allowed: (s) => s === 'vscode' || s.startsWith('node:') || s.startsWith('vscode-languageclient') || s.startsWith('.') ? !/\/engine\/|\/cli\//.test(s) : false,
  },
];

describe('layers import only what they may', () => {
  for (const { dir, allowed } of layers) {
    it(dir, (t) => {
      let files: string[];
      try {
        files = tsFiles(join(root, dir));
      } catch {
        t.skip(`${dir} does not exist yet`);
        return;
      }
      const bad = files.flatMap((f) => importsOf(f).filter((s) => !allowed(s, f)).map((s) => `${relative(root, f)} imports ${s}`));
      assert.deepEqual(bad, []);
    });
  }
});
