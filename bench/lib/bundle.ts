import { buildSync } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Rule, RuleLevel } from '../../server/src/engine/index.js';
import { ROOT } from './corpus.js';

export type BundledEngine = typeof import('./engineEntry.js');

const requireFromRoot = createRequire(join(ROOT, 'package.json'));

/**
 * Bundles `engineEntry.ts` into `.bench-cache/engine.cjs` (minified, as `npm run build:prod` bundles the
 * server), copies the grammar WASM beside it as the build does, and loads it.
 */
export function loadBundledEngine(): BundledEngine {
  const dir = join(ROOT, '.bench-cache');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, 'engine.cjs');
  buildSync({
    entryPoints: [join(ROOT, 'bench', 'lib', 'engineEntry.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    logLevel: 'warning',
    mainFields: ['module', 'main'],
    alias: { 'web-tree-sitter': requireFromRoot.resolve('web-tree-sitter') },
  });
  copyFileSync(requireFromRoot.resolve('web-tree-sitter/web-tree-sitter.wasm'), join(dir, 'web-tree-sitter.wasm'));
  copyFileSync(requireFromRoot.resolve('tree-sitter-bash/tree-sitter-bash.wasm'), join(dir, 'tree-sitter-bash.wasm'));
  return requireFromRoot(outfile) as BundledEngine;
}

/** Every registered rule at its default level, or `warning` for rules that are off by default. */
export function allRulesOn(rules: readonly Rule[]): Record<string, RuleLevel> {
  const levels: Record<string, RuleLevel> = {};
  for (const r of rules) levels[r.meta.id] = r.meta.defaultSeverity === 'off' ? 'warning' : r.meta.defaultSeverity;
  return levels;
}
