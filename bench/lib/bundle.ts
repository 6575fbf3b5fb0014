import { buildSync } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
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
