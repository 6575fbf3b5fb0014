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
    // dockerfile-ast/lib/parser.js: the parser class, which model/astMemo.ts patches and model/leanParse.ts asks
    // for the directives; dockerfile-ast/lib/dockerfile.js: the Dockerfile class leanParse.ts fills (dockerfile-ast's own code).
    allowed: (s) => s.startsWith('.') || ['dockerfile-ast', 'dockerfile-ast/lib/parser.js', 'dockerfile-ast/lib/dockerfile.js', 'vscode-languageserver-types', 'web-tree-sitter'].includes(s),
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

/** The relative imports of a file, as absolute `.ts` paths. */
function localImports(file: string): string[] {
  return importsOf(file)
    .filter((s) => s.startsWith('.'))
    .map((s) => join(file, '..', s.replace(/\.js$/, '.ts')));
}

describe('the model stays below the rules', () => {
  const modelDir = join(root, 'server/src/engine/model');
  const files = tsFiles(modelDir);

  it('model/ imports only the model, the catalog, text.ts, memo.ts and the parsers (no edits, rules, split, fixer or adapters)', () => {
    const engine = join(root, 'server/src/engine');
    const ok = (target: string): boolean =>
      target.startsWith(`${modelDir}/`) || target.startsWith(join(engine, 'catalog') + '/') || [join(engine, 'text.ts'), join(engine, 'memo.ts')].includes(target);
    const bad = files.flatMap((f) =>
      importsOf(f)
        .filter((s) => (s.startsWith('.') ? !ok(join(f, '..', s.replace(/\.js$/, '.ts'))) : !['dockerfile-ast', 'dockerfile-ast/lib/parser.js', 'dockerfile-ast/lib/dockerfile.js', 'web-tree-sitter', 'vscode-languageserver-types'].includes(s)))
        .map((s) => `${relative(root, f)} imports ${s}`),
    );
    assert.deepEqual(bad, []);
  });

  it('no model file is over 400 lines', () => {
    const long = files.map((f) => [relative(root, f), readFileSync(f, 'utf8').split('\n').length] as const).filter(([, n]) => n > 400);
    assert.deepEqual(long, []);
  });

  it('no rule imports another rule', () => {
    const rulesDir = join(root, 'server/src/engine/rules');
    const bad = tsFiles(rulesDir)
      .filter((f) => !f.endsWith('/index.ts'))
      .flatMap((f) => localImports(f).filter((t) => t.startsWith(`${rulesDir}/`)).map((t) => `${relative(root, f)} imports ${relative(root, t)}`));
    assert.deepEqual(bad, []);
  });
});

/** The cycles of a graph, each as the path that returns to where it started. */
function cycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const out: string[][] = [];
  const visit = (f: string): void => {
    state.set(f, 'open');
    stack.push(f);
    for (const t of edges.get(f) ?? []) {
      if (state.get(t) === 'open') out.push([...stack.slice(stack.indexOf(t)), t]);
      else if (!state.has(t)) visit(t);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of [...edges.keys()].sort()) if (!state.has(f)) visit(f);
  return out;
}

describe('import cycles', () => {
  it('the cycle finder finds cycles, and only cycles', () => {
    assert.deepEqual(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', []]])), []);
    assert.deepEqual(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]])), [['a', 'b', 'c', 'a']]);
    assert.deepEqual(cycles(new Map([['a', ['b', 'c']], ['b', []], ['c', ['b']]])), []);
    assert.deepEqual(cycles(new Map([['a', ['a']]])), [['a', 'a']]);
  });

  it('none among the language server files', () => {
    const dir = join(root, 'server/src/lsp');
    const files = new Set(tsFiles(dir));
    const edges = new Map([...files].map((f) => [f, localImports(f).filter((t) => files.has(t))]));
    assert.deepEqual(cycles(edges).map((c) => c.map((p) => relative(dir, p)).join(' → ')), []);
  });
});
