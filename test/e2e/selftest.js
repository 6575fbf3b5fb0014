#!/usr/bin/env node
// Self-test of the end-to-end suites: they must be able to fail, and say why. It builds a copy of the extension
// in which one rule throws (the engine turns that into an `internal-error` diagnostic), runs the
// extension-host, UI and Neovim suites against it, and passes only when each of them fails with a message
// that names the internal error.
//
// usage: node test/e2e/selftest.js [exthost] [ui] [nvim]     (default: all three)
'use strict';
const path = require('node:path');
const { env } = require('./lib/env');
const { buildVariant } = require('./lib/variant');
const { spawnGroup, stopGroup } = require('./lib/processes');

const MARK = 'fault injected by the e2e self-test';

/** rules/index.ts with shell-form-command replaced by a rule whose check throws. */
function throwingRule(source) {
  return source.replace(
    /export const allRules: readonly Rule\[\] = (\[[^\]]*\]);/,
    `const rulesAsWritten: readonly Rule[] = $1;
export const allRules: readonly Rule[] = rulesAsWritten.map((r) =>
  r.meta.id === 'shell-form-command' ? { ...r, check: () => { throw new Error('${MARK}'); } } : r,
);`,
  );
}

function runSuite(script, extraEnv, limitMs) {
  return new Promise((resolve) => {
    const child = spawnGroup(process.execPath, [path.join(__dirname, script)], {
      env: { ...process.env, ...extraEnv, E2E_ARTIFACTS: path.join(env.ARTIFACTS, 'selftest') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    const timer = setTimeout(() => void stopGroup(child.pid), limitMs);
    child.on('exit', async (code) => {
      clearTimeout(timer);
      await stopGroup(child.pid);
      resolve({ code, output });
    });
  });
}

async function main() {
  const wanted = process.argv.slice(2);
  const suites = [
    { name: 'exthost', script: 'run-exthost.js', env: (v) => ({ E2E_EXT_DIR: v.dir }) },
    { name: 'ui', script: 'run-ui.js', env: (v) => ({ E2E_VSIX: v.vsix }) },
    { name: 'nvim', script: path.join('nvim', 'run-nvim.js'), env: (v) => ({ E2E_SERVER: path.join(v.dir, 'server', 'out', 'server.js') }) },
  ].filter((s) => wanted.length === 0 || wanted.includes(s.name));
  const t0 = Date.now();
  const variant = buildVariant('fault', { 'server/src/engine/rules/index.ts': throwingRule }, { vsix: suites.some((s) => s.name === 'ui') });
  console.log(`[e2e] self-test: built an extension whose shell-form-command rule throws (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  let ok = true;
  try {
    for (const s of suites) {
      const t = Date.now();
      const r = await runSuite(s.script, s.env(variant), 300_000);
      const line = r.output.split('\n').find((l) => l.includes('reported an internal error') && l.includes(MARK));
      const good = r.code !== 0 && line !== undefined;
      ok &&= good;
      console.log(
        `[e2e] self-test ${s.name}: ${good ? 'failed as it should' : 'DID NOT FAIL READABLY'} (exit ${r.code}, ${((Date.now() - t) / 1000).toFixed(1)} s)` +
          (line ? `\n        ${line.trim().slice(0, 300)}` : `\n${r.output.slice(-3000)}`),
      );
    }
  } finally {
    variant.dispose();
  }
  console.log(`[e2e] self-test: ${ok ? 'every suite fails readably on an internal error' : 'FAILED'} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[e2e] self-test could not run: ${error && error.stack ? error.stack : error}`);
    process.exit(1);
  },
);
