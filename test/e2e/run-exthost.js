#!/usr/bin/env node
// Extension-host suite in the real VS Code workbench: code-server loads the extension from the repository
// (extensionDevelopmentPath) and runs test/e2e/suite/index.js in its Node extension host
// (extensionTestsPath). A built workbench honours those two only with the smoke-test driver enabled, which
// code-server passes through with `--vscode-option enable-smoke-test-driver`. Headless Chromium merely hosts
// the page; the suite's exit code comes back through window.codeAutomationExit.
//
// usage: node test/e2e/run-exthost.js      (after `bash test/e2e/setup.sh` and `npm run build`)
// env:   E2E_EXT_DIR   extension folder to load (default: the repository)
//        E2E_TIMEOUT_MS  whole-run limit (default 240000)
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { env, requireTools } = require('./lib/env');
const { startCodeServer } = require('./lib/codeServer');

const EXT_DIR = path.resolve(process.env.E2E_EXT_DIR || env.REPO);
// The suite must lie inside the extension's folder: there `require('vscode')` is the extension's own API
// object, which lets the suite observe the messages the extension shows.
const TESTS = path.join(EXT_DIR, 'test', 'e2e', 'suite', 'index.js');
const LIMIT_MS = Number(process.env.E2E_TIMEOUT_MS || 240_000);
/** Console lines of the workbench that are expected offline and say nothing about the extension. */
const NOISE = /Creation of workbench contribution|ENOTFOUND|Failed to load resource|authentication provider|vsda|open-vsx|marketplace|\[perf\]|Extension host .* started|chat/i;

async function main() {
  requireTools(['CODE_SERVER_NODE', 'CODE_SERVER_ENTRY', 'PLAYWRIGHT_CORE', 'CHROMIUM']);
  for (const f of ['client/out/extension.js', 'server/out/server.js', 'server/out/cli.js', 'test/e2e/suite/index.js']) {
    if (!fs.existsSync(path.join(EXT_DIR, f))) throw new Error(`${f} is missing in ${EXT_DIR}: run \`npm run build\` first`);
  }
  const artifacts = path.join(env.ARTIFACTS, 'exthost');
  fs.rmSync(artifacts, { recursive: true, force: true });
  fs.mkdirSync(artifacts, { recursive: true });
  const resultsFile = path.join(artifacts, 'results.json');
  const t0 = Date.now();

  const server = await startCodeServer({
    name: 'exthost',
    workspace: path.join(env.REPO, 'test', 'e2e', 'fixtures', 'workspace'),
    extraArgs: ['--vscode-option', 'enable-smoke-test-driver'],
    // Read by the suite inside the extension host, which inherits code-server's environment.
    env: { E2E_RESULTS: resultsFile },
    log: path.join(artifacts, 'code-server.log'),
  });
  let exitCode = 'none';
  let failure;
  try {
    const context = await server.openBrowser();
    const page = context.pages()[0] || (await context.newPage());
    const consoleLog = fs.createWriteStream(path.join(artifacts, 'workbench-console.log'));
    let finish;
    const finished = new Promise((resolve) => (finish = resolve));
    // The smoke-test driver sends the workbench and extension-host console here (debug level is chatty).
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = (Array.isArray(args) ? args : [args]).map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
      consoleLog.write(`[${type}] ${text}\n`);
      const e2e = text.indexOf('[e2e]');
      if (e2e >= 0) console.log(text.slice(e2e).replace(/%c|color: [^ ]+/g, '').trimEnd());
      else if ((type === 'error' || type === 'warn') && !NOISE.test(text)) console.log(`  (workbench ${type}) ${text.split('\n')[0].slice(0, 300)}`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => finish(code));
    page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.stack || e}\n`));
    await page.goto(
      server.url([
        ['extensionDevelopmentPath', server.remoteUri(EXT_DIR)],
        ['extensionTestsPath', server.remoteUri(TESTS)],
      ]),
    );
    let timer;
    exitCode = await Promise.race([finished, new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), LIMIT_MS)))]);
    clearTimeout(timer);
    await page.screenshot({ path: path.join(artifacts, 'workbench.png') }).catch(() => {});
  } catch (error) {
    failure = error;
  } finally {
    const left = await server.stop();
    if (left.length > 0) console.log(`[e2e] stopped ${left.length} leftover process(es): ${left.map((p) => p.args.slice(0, 80)).join(' | ')}`);
  }
  if (failure) throw failure;

  const results = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) : null;
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (exitCode === 'timeout') {
    throw new Error(`the extension-host suite did not finish within ${LIMIT_MS / 1000} s (logs in ${artifacts})`);
  }
  if (!results) {
    throw new Error(`the suite wrote no results (exit code ${exitCode}): it did not run or crashed early. See ${artifacts}/workbench-console.log`);
  }
  console.log(`[e2e] extension-host suite: exit ${exitCode}, ${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped, ${seconds} s total`);
  for (const r of results.results.filter((x) => x.status === 'skip')) console.log(`[e2e]   skipped: ${r.name}: ${r.detail}`);
  if (exitCode !== 0 || results.failed > 0) {
    for (const r of results.results.filter((x) => x.status === 'fail')) console.log(`[e2e]   FAILED: ${r.name}\n${r.detail}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[e2e] extension-host suite could not run: ${error && error.stack ? error.stack : error}`);
    process.exit(1);
  },
);
