#!/usr/bin/env node
// Second LSP client: Debian's headless Neovim (built-in client, 0.7 API) drives `node server/out/server.js
// --stdio` through init.lua, which writes what it received as JSON; this runner asserts on it.
// Shows the server speaks plain LSP: diagnostics (codes, ranges, docs links), a quick fix applied by the
// client, workspace/executeCommand returning an edit, hover (the base-image card), and "Slim this
// Dockerfile" through workspace/applyEdit (safe fixes only: Neovim has no change annotations to review unsafe
// ones, and the server says so).
//
// usage: node test/e2e/nvim/run-nvim.js        env: E2E_SERVER (default <repo>/server/out/server.js)
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { env } = require('../lib/env');
const { spawnGroup, stopGroup, reapMentioning } = require('../lib/processes');

const SERVER = path.resolve(process.env.E2E_SERVER || path.join(env.REPO, 'server', 'out', 'server.js'));
const CLI = path.join(env.REPO, 'server', 'out', 'cli.js');
const FIXTURES = path.join(env.REPO, 'test', 'e2e', 'fixtures', 'workspace');
const DOCS = 'https://github.com/dockerfile-slim/dockerfile-slim/blob/main/docs/rules/';
/** Rules whose findings on the fixtures are asserted exactly (every rule that reports on them today). */
const KNOWN = new Set(['apt-lists-left', 'apt-recommends-installed', 'build-dependencies-kept', 'pip-cache-kept', 'runs-as-root', 'shell-form-command', 'tls-roots-missing']);
const LIMIT_MS = 60_000;
const WARNING = 2;
const ERROR = 1;
const INFO = 3;

/** Runs nvim in its own process group; the group is killed on timeout and in any case afterwards. */
function runNvim(dir, out) {
  return new Promise((resolve) => {
    const xdg = (n) => path.join(dir, '.nvim', n);
    const child = spawnGroup(env.NVIM, ['--headless', '-n', '-i', 'NONE', '--noplugin', '-u', path.join(__dirname, 'init.lua')], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        // nvim's own state (lsp.log, shada, swap) stays in the throw-away dir
        XDG_CONFIG_HOME: xdg('config'),
        XDG_DATA_HOME: xdg('data'),
        XDG_CACHE_HOME: xdg('cache'),
        XDG_STATE_HOME: xdg('state'),
        E2E_LSP_CMD: JSON.stringify([process.execPath, SERVER, '--stdio']),
        E2E_DIR: dir,
        E2E_OUT: out,
      },
    });
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => {
      stderr += `\n(killed after ${LIMIT_MS / 1000} s)`;
      void stopGroup(child.pid, 500);
    }, LIMIT_MS);
    child.on('exit', async (code, signal) => {
      clearTimeout(timer);
      await stopGroup(child.pid, 500); // the language server, if it outlived nvim
      resolve({ code, signal, stderr });
    });
  });
}

function cliSafeFix(file) {
  const r = spawnSync(process.execPath, [CLI, 'fix', '--stdout', file], { encoding: 'utf8' });
  assert.equal(r.status, 0, `dockerfile-slim fix --stdout failed: ${r.stderr}`);
  return r.stdout;
}

const known = (list) => list.filter((d) => KNOWN.has(d.code)).map((d) => [d.code, d.lnum, d.col, d.end_lnum, d.end_col, d.severity]);

function checkHealthy(list, file) {
  for (const d of list) {
    if (d.code === 'internal-error') throw new Error(`Dockerfile Slim reported an internal error on ${file}: ${d.message}`);
    assert.equal(d.source, 'dockerfile-slim', `source of ${d.code}`);
    assert.ok(fs.existsSync(path.join(env.REPO, 'docs', 'rules', `${d.code}.md`)), `diagnostic code "${d.code}" is not a documented rule id`);
    assert.equal(d.href, `${DOCS}${d.code}.md`);
  }
}

async function main() {
  if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first`);
  const version = spawnSync(env.NVIM, ['--version'], { encoding: 'utf8' });
  if (version.status !== 0) throw new Error(`nvim is not installed (${env.NVIM}): run \`bash test/e2e/setup.sh\``);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dse2e-nvim-'));
  const t0 = Date.now();
  const checks = [];
  const check = (name, fn) => {
    fn();
    checks.push(name);
  };
  try {
    fs.cpSync(FIXTURES, dir, { recursive: true });
    const original = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
    const goFixed = cliSafeFix(path.join(dir, 'go.Dockerfile'));
    const out = path.join(dir, 'result.json');
    const run = await runNvim(dir, out);
    const ms = Date.now() - t0;
    const res = fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, 'utf8')) : null;
    fs.mkdirSync(path.join(env.ARTIFACTS, 'nvim'), { recursive: true });
    if (res) fs.writeFileSync(path.join(env.ARTIFACTS, 'nvim', 'result.json'), JSON.stringify(res, null, 2));
    assert.ok(res, `nvim wrote no result (exit ${run.code}, signal ${run.signal}): ${run.stderr}`);
    for (const [list, file] of [[res.diagnostics, 'Dockerfile'], [res.diagnosticsAfterFix, 'Dockerfile (after the fix)'], [res.goDiagnostics, 'go.Dockerfile']]) if (list) checkHealthy(list, file);
    assert.equal(run.code, 0, `nvim failed: ${res.error || run.stderr}\n${JSON.stringify(res, null, 1).slice(0, 2000)}`);
    console.log(`[e2e] nvim ${spawnSync(env.NVIM, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0]}, server ${res.server_name}, ${ms} ms`);

    check('filetype and capabilities', () => {
      assert.equal(res.filetype, 'dockerfile');
      assert.equal(res.capabilities.hover, true);
      assert.deepEqual(res.capabilities.executeCommand, { commands: ['dockerfileSlim.applyAllSafeFixes', 'dockerfileSlim.slimDocument', 'dockerfileSlim.estimateSavings', 'dockerfileSlim.measureDocument', 'dockerfileSlim.verifyDocument'] });
    });
    check('diagnostics: exact codes, ranges and severities', () => {
      assert.deepEqual(known(res.diagnostics), [
        ['runs-as-root', 1, 5, 1, 21, INFO],
        ['apt-lists-left', 3, 4, 3, 18, WARNING],
        ['apt-recommends-installed', 3, 22, 3, 37, WARNING],
        ['build-dependencies-kept', 3, 22, 3, 37, WARNING],
        ['pip-cache-kept', 7, 4, 7, 15, WARNING],
        ['shell-form-command', 11, 4, 11, 40, WARNING],
      ]);
      assert.deepEqual(known(res.goDiagnostics), [
        ['runs-as-root', 8, 5, 8, 12, INFO],
        ['tls-roots-missing', 9, 18, 9, 26, INFO],
        ['shell-form-command', 10, 4, 10, 23, ERROR],
      ]);
    });
    check('quick fix offered and applied by the client', () => {
      assert.deepEqual(res.codeActions, [
        { title: 'Remove the apt lists at the end of this RUN', kind: 'quickfix', isPreferred: true },
        { title: 'Keep the cache in a BuildKit cache mount on /var/cache/apt and /var/lib/apt/lists (needs BuildKit) (unsafe)', kind: 'quickfix', isPreferred: false },
        { title: 'Ignore apt-lists-left for this instruction', kind: 'quickfix', isPreferred: false },
        { title: 'Fix all safe problems in this file', kind: 'quickfix', isPreferred: false },
      ]);
      const expected = original
        .replace('RUN apt-get update && apt-get install -y gcc libpq-dev curl\n', 'RUN apt-get update && apt-get install -y gcc libpq-dev curl && rm -rf /var/lib/apt/lists/*\n')
        .replace(/\n$/, '')
        .split('\n');
      assert.deepEqual(res.afterFix, expected);
      assert.deepEqual(known(res.diagnosticsAfterFix), [
        ['runs-as-root', 1, 5, 1, 21, INFO],
        ['apt-recommends-installed', 3, 22, 3, 37, WARNING],
        ['build-dependencies-kept', 3, 22, 3, 37, WARNING],
        ['pip-cache-kept', 7, 4, 7, 15, WARNING],
        ['shell-form-command', 11, 4, 11, 40, WARNING],
      ]);
    });
    check('workspace/executeCommand dockerfileSlim.applyAllSafeFixes', () => {
      assert.deepEqual(res.goAfterFixAll, goFixed.replace(/\n$/, '').split('\n'));
      assert.ok(res.goAfterFixAll.includes('CMD ["/app", "--listen", ":8080"]'));
    });
    check('hover: the base-image card on FROM alpine:3.20', () => {
      assert.equal(res.hoverError, undefined, `hover failed: ${JSON.stringify(res.hoverError)}`);
      assert.ok(res.hover, 'the server returned no hover on FROM alpine:3.20');
      assert.equal(res.hover.kind, 'markdown');
      const text = res.hover.value;
      assert.match(text, /^\*\*alpine\\:3\\\.20\*\* · Alpine Linux/);
      assert.match(text, /- libc: musl\n/);
      assert.match(text, /\*\*musl libc: what differs from glibc\*\*/);
      assert.match(text, /Threads get a 128 KiB stack by default/);
      assert.deepEqual(res.hoverRange, { start: { line: 1, character: 5 }, end: { line: 1, character: 16 } });
    });
    check('"Slim this Dockerfile" (dockerfileSlim.slimDocument) through workspace/applyEdit', () => {
      // Safe fixes only: Neovim cannot preview unsafe changes (no change annotations), and the server says so.
      assert.deepEqual(res.afterSlim, cliSafeFix(path.join(dir, 'Dockerfile')).replace(/\n$/, '').split('\n'));
      assert.ok(res.afterSlim.includes('RUN pip install --no-cache-dir -r requirements.txt'));
      // Neovim's JSON round trip drops a null field: "not estimated" arrives as a missing estimatedBytes.
      const { remaining, estimatedBytes, ...slim } = res.slim;
      assert.equal(estimatedBytes ?? null, null);
      assert.deepEqual(slim, {
        applied: true,
        safeFixes: 1,
        unsafeFixes: 0,
        left: { safe: 0, unsafe: 3, manual: 2 },
        message: 'Dockerfile Slim: applied 1 safe fix (saving not estimated); left: 3 fixes to review, 2 findings to change by hand (unsafe fixes need a client with a preview, or `dockerfile-slim fix --unsafe`).',
      });
      assert.deepEqual(remaining.map((r) => [r.ruleId, r.fix]), [
        ['runs-as-root', 'none'],
        ['apt-recommends-installed', 'unsafe'],
        ['build-dependencies-kept', 'none'],
        ['build-in-final-stage', 'unsafe'],
        ['shell-form-command', 'unsafe'],
      ]);
    });
    check('no showMessageRequest, no error messages', () => {
      assert.deepEqual(res.messages.filter((m) => m.request || m.type === 1), []);
    });
    console.log(`[e2e] nvim: ${checks.length} checks passed (${checks.join('; ')}); ${Date.now() - t0} ms`);
    return 0;
  } finally {
    await reapMentioning(dir);
    if (!env.KEEP) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[e2e] nvim suite FAILED: ${error && error.message ? error.message : error}`);
    process.exit(1);
  },
);
