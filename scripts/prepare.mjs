// npm's `prepare` step: build the CLI when it is missing, so installing from git (pre-commit's `language: node`
// hooks do `npm pack` on a clone) gives a working `dockerfile-slim` command. A clone with the bundles already
// built, or an install without esbuild (production dependencies only), is left alone.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let hasEsbuild = true;
try {
  require.resolve('esbuild');
} catch {
  hasEsbuild = false;
}
if (!existsSync('server/out/cli.js') && hasEsbuild) {
  const r = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
