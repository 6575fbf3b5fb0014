// Bundles the extension client, the language server and the CLI; copies the shell grammar beside them.
import { build, context } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const require = createRequire(import.meta.url);

const entries = [
  { in: 'client/src/extension.ts', out: 'client/out/extension.js', external: ['vscode'] },
  { in: 'server/src/lsp/main.ts', out: 'server/out/server.js', external: [] },
  // The `dockerfile-slim` command is a small loader (cli.js) that compiles the CLI bundle (cli-main.js) with
  // V8's code cache (server/src/cli/loader.ts).
  { in: 'server/src/cli/main.ts', out: 'server/out/cli-main.js', external: [] },
  { in: 'server/src/cli/loader.ts', out: 'server/out/cli.js', external: ['./cli-main.js'], banner: '#!/usr/bin/env node' },
].filter((e) => existsSync(e.in));

function copyWasm() {
  mkdirSync('server/out', { recursive: true });
  copyFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), 'server/out/web-tree-sitter.wasm');
  copyFileSync(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'), 'server/out/tree-sitter-bash.wasm');
}

const options = (e) => ({
  entryPoints: [e.in],
  outfile: e.out,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: e.external,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  banner: e.banner ? { js: e.banner } : undefined,
  // dockerfile-ast's UMD wrapper confuses bundlers about `require`; prefer the module entry points.
  mainFields: ['module', 'main'],
  // web-tree-sitter's ESM build locates itself with `import.meta.url`, which is empty in a CommonJS bundle;
  // its CommonJS build uses `__dirname` instead.
  alias: { 'web-tree-sitter': require.resolve('web-tree-sitter') },
});

copyWasm();
if (watch) {
  for (const e of entries) await (await context(options(e))).watch();
} else {
  await Promise.all(entries.map((e) => build(options(e))));
}
