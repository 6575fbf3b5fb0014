#!/usr/bin/env node
// The extension-host suite (test/e2e/suite/index.js) in desktop VS Code, through @vscode/test-electron, for
// machines that can download VS Code from update.code.visualstudio.com. Where that host is unreachable the
// run stops at once with a message that points to the code-server route (npm run test:e2e:exthost).
//
// usage: node test/e2e/run-electron.js    (after `npm run build`; on Linux without a display: xvfb-run -a …)
// env:   VSCODE_VERSION (default "stable"), E2E_CACHE (the download is kept in <cache>/vscode-test)
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { env } = require('./lib/env');
const { QUIET_SETTINGS } = require('./lib/codeServer');
const { spawnGroup, stopGroup, reapMentioning } = require('./lib/processes');

const LIMIT_MS = Number(process.env.E2E_TIMEOUT_MS || 300_000);

async function main() {
  for (const f of ['client/out/extension.js', 'server/out/server.js', 'server/out/cli.js']) {
    if (!fs.existsSync(path.join(env.REPO, f))) throw new Error(`${f} is missing: run \`npm run build\` first`);
  }
  const { downloadAndUnzipVSCode } = require('@vscode/test-electron');
  const version = process.env.VSCODE_VERSION || 'stable';
  let executable;
  const t0 = Date.now();
  try {
    // `timeout` is an idle timeout: a host that does not answer fails after 15 s instead of hanging.
    executable = await downloadAndUnzipVSCode({ version, cachePath: path.join(env.CACHE, 'vscode-test'), timeout: 15_000 });
  } catch (error) {
    console.error(
      `[e2e] test:electron cannot run here: downloading VS Code ${version} failed after ${((Date.now() - t0) / 1000).toFixed(1)} s ` +
        `(${error && error.message ? error.message : error}).\n` +
        '[e2e] @vscode/test-electron needs update.code.visualstudio.com. On machines without it, the same suite runs in\n' +
        '[e2e] code-server\'s real extension host: npm run test:e2e:exthost',
    );
    return 2;
  }

  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dse2e-electron-'));
  const userData = path.join(root, 'user-data');
  const workspace = path.join(root, 'workspace');
  const resultsFile = path.join(root, 'results.json');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(QUIET_SETTINGS, null, 2));
  fs.cpSync(path.join(env.REPO, 'test', 'e2e', 'fixtures', 'workspace'), workspace, { recursive: true });
  try {
    // What runTests() does, but started in a process group of our own so that everything stops with it.
    const child = spawnGroup(
      executable,
      [
        workspace,
        '--no-sandbox',
        '--disable-gpu-sandbox',
        '--disable-updates',
        '--skip-welcome',
        '--skip-release-notes',
        '--disable-workspace-trust',
        '--disable-extensions',
        `--user-data-dir=${userData}`,
        `--extensions-dir=${path.join(root, 'extensions')}`,
        `--extensionDevelopmentPath=${env.REPO}`,
        `--extensionTestsPath=${path.join(env.REPO, 'test', 'e2e', 'suite', 'index.js')}`,
      ],
      { env: { ...process.env, E2E_RESULTS: resultsFile }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout.on('data', (c) => {
      for (const line of String(c).split('\n')) if (line.includes('[e2e]')) console.log(line.slice(line.indexOf('[e2e]')));
    });
    child.stderr.resume();
    let timer;
    const code = await Promise.race([
      new Promise((resolve) => child.on('exit', (c) => resolve(c))),
      new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), LIMIT_MS))),
    ]);
    clearTimeout(timer);
    await stopGroup(child.pid);
    if (code === 'timeout') throw new Error(`VS Code did not finish the suite within ${LIMIT_MS / 1000} s`);
    const results = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) : null;
    if (!results) throw new Error(`the suite wrote no results (VS Code exit code ${code})`);
    console.log(`[e2e] test:electron: exit ${code}, ${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`);
    return code === 0 && results.failed === 0 ? 0 : 1;
  } finally {
    await reapMentioning(root);
    if (!env.KEEP) fs.rmSync(root, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[e2e] test:electron failed: ${error && error.stack ? error.stack : error}`);
    process.exit(1);
  },
);
