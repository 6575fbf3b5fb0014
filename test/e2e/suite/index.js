// The extension-host suite: runs inside a real VS Code extension host (code-server's, through the smoke-test
// driver, or desktop VS Code's through @vscode/test-electron) with the full `vscode` API, against the
// extension loaded from the repository and a copy of test/e2e/fixtures/workspace as the open folder.
//
// Diagnostics are checked exactly for the rules this suite knows (code, range, severity, docs link); other
// rules may report too (rules are added over time), but every diagnostic must carry a documented rule id and
// none may be `internal-error`. Texts after "all safe fixes" are compared with the CLI's `fix --stdout` on the
// same text, the engine's own answer, so new safe rules do not break the suite.
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const vscode = require('vscode');
const { test, skip, runAll, log } = require('./harness');

const EXTENSION_ID = 'dockerfile-slim.dockerfile-slim';
const SOURCE = 'dockerfile-slim';
const DOCS = 'https://github.com/dockerfile-slim/dockerfile-slim/blob/main/docs/rules/';
/** Rules whose findings on the fixtures this suite asserts exactly (every rule that reports on them today). */
const KNOWN = new Set([
  'apt-lists-left',
  'apt-recommends-installed',
  'build-dependencies-kept',
  'build-in-final-stage',
  'pip-cache-kept',
  'runs-as-root',
  'shell-form-command',
  'tls-roots-missing',
]);
const SLIM_COMMAND = 'dockerfileSlim.slim';
const SAVINGS_COMMAND = 'dockerfileSlim.showSavings';
const SLIM_KIND = 'refactor.rewrite.dockerfile-slim';

/** Expected findings of the known rules: [code, startLine, startChar, endLine, endChar, severity]. */
const EXPECTED = {
  Dockerfile: [
    ['runs-as-root', 1, 5, 1, 21, 'Information'],
    ['apt-lists-left', 3, 4, 3, 18, 'Warning'],
    ['apt-recommends-installed', 3, 22, 3, 37, 'Warning'],
    ['build-dependencies-kept', 3, 22, 3, 37, 'Warning'],
    ['build-in-final-stage', 7, 4, 7, 15, 'Warning'],
    ['pip-cache-kept', 7, 4, 7, 15, 'Warning'],
    ['shell-form-command', 11, 4, 11, 40, 'Warning'],
  ],
  'go.Dockerfile': [
    ['runs-as-root', 8, 5, 8, 12, 'Information'],
    // A Go program on scratch with no sign of outbound TLS: information (tls-roots-missing since the precision work).
    ['tls-roots-missing', 9, 18, 9, 26, 'Information'],
    ['shell-form-command', 10, 4, 10, 23, 'Error'],
  ],
  'alpine.Dockerfile': [['runs-as-root', 1, 5, 1, 16, 'Information']],
  Containerfile: [['apt-lists-left', 2, 4, 2, 18, 'Warning']],
};
/** The findings on Dockerfile that its safe fixes remove. */
const SAFELY_FIXED = new Set(['apt-lists-left', 'pip-cache-kept']);
const APT_LINE = 'RUN apt-get update && apt-get install -y gcc libpq-dev curl';
const CMD_LINE = 'CMD gunicorn --bind 0.0.0.0:8000 app:app';

// ---------------------------------------------------------------------------------------------------------
// Helpers

function extension() {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `the extension ${EXTENSION_ID} is not loaded in this extension host`);
  return ext;
}

function workspaceDir() {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  assert.ok(folder, 'no workspace folder is open');
  return folder.uri.fsPath;
}

function fixtureUri(name) {
  return vscode.Uri.file(path.join(workspaceDir(), name));
}

/** Copies a workspace fixture to `<dir>/<name>` (a fresh file per test, so tests do not share edits). */
function copyFixture(fixture, dir, name = 'Dockerfile') {
  const target = path.join(workspaceDir(), dir, name);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(path.join(workspaceDir(), fixture), target);
  return vscode.Uri.file(target);
}

async function open(uri) {
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  return { doc, editor };
}

const codeOf = (d) => (d.code !== null && typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const severityOf = (d) => vscode.DiagnosticSeverity[d.severity];
const ours = (uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
const rowOf = (d) => [codeOf(d), d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, severityOf(d)];
const known = (uri) =>
  ours(uri)
    .filter((d) => KNOWN.has(codeOf(d)))
    .map(rowOf)
    .sort((a, b) => a[1] - b[1] || a[2] - b[2] || a[0].localeCompare(b[0]));
const show = (uri) => JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => [...rowOf(d), d.source, d.message]));

/**
 * Fails at once, with the extension's own words, when a diagnostic says the extension broke (a rule threw, the
 * engine failed) or carries a rule id that has no documentation.
 */
function assertHealthy(uri) {
  const docsDir = path.join(extension().extensionPath, 'docs', 'rules');
  for (const d of ours(uri)) {
    const code = codeOf(d);
    if (code === 'internal-error') {
      throw new Error(`Dockerfile Slim reported an internal error on ${path.basename(uri.fsPath)} (line ${d.range.start.line + 1}): ${d.message}`);
    }
    assert.ok(fs.existsSync(path.join(docsDir, `${code}.md`)), `diagnostic code "${code}" is not a documented rule id: ${d.message}`);
    assert.equal(d.code.target && d.code.target.toString(), `${DOCS}${code}.md`, `docs link of ${code}`);
    assert.ok(d.message.length > 10, `diagnostic ${code} has no real message: "${d.message}"`);
  }
}

/** Waits for a condition: re-checked when diagnostics or documents change, and at least every 100 ms. */
async function waitFor(what, probe, { timeoutMs = 30_000, state } = {}) {
  const end = Date.now() + timeoutMs;
  let wake = () => {};
  const subscriptions = [
    vscode.languages.onDidChangeDiagnostics(() => wake()),
    vscode.workspace.onDidChangeTextDocument(() => wake()),
    vscode.workspace.onDidSaveTextDocument(() => wake()),
  ];
  try {
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() > end) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${state ? `; now: ${state()}` : ''}`);
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, 100);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  } finally {
    for (const s of subscriptions) s.dispose();
  }
}

/** Waits until the known rules' diagnostics on `uri` are exactly `expected`. */
async function expectDiagnostics(uri, expected, what = 'the expected diagnostics') {
  const want = JSON.stringify(expected);
  await waitFor(
    `${what} on ${vscode.workspace.asRelativePath(uri)}: ${want}`,
    () => {
      assertHealthy(uri);
      return JSON.stringify(known(uri)) === want;
    },
    { state: () => show(uri) },
  );
}

/**
 * The text with every safe fix (with `unsafe`, every fix) applied, as the CLI computes it
 * (`dockerfile-slim fix [--unsafe] --stdout`) for a file in `dir`.
 */
function cliFix(text, dir, { unsafe = false } = {}) {
  const cli = path.join(extension().extensionPath, 'server', 'out', 'cli.js');
  assert.ok(fs.existsSync(cli), `the CLI bundle is missing: ${cli} (run npm run build)`);
  const file = path.join(dir, 'oracle-input.Dockerfile');
  fs.writeFileSync(file, text);
  try {
    // In desktop VS Code the extension host runs in Electron, which acts as Node with ELECTRON_RUN_AS_NODE.
    const r = spawnSync(process.execPath, [cli, 'fix', ...(unsafe ? ['--unsafe'] : []), '--stdout', file], {
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      timeout: 30_000,
    });
    assert.equal(r.status, 0, `dockerfile-slim fix${unsafe ? ' --unsafe' : ''} --stdout failed: ${r.stderr}`);
    return r.stdout;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

async function commandRegistered(id) {
  return (await vscode.commands.getCommands(true)).includes(id);
}

/** Sets a setting in the workspace (.vscode/settings.json); undefined removes it. */
async function setWorkspaceSetting(section, key, value) {
  await vscode.workspace.getConfiguration(section).update(key, value, vscode.ConfigurationTarget.Workspace);
}

/**
 * Records the messages the extension shows. The test module lies inside the extension's folder, so `vscode`
 * here is the extension's own API object, and wrapping its window functions sees the extension's calls.
 */
const messages = [];
let messageSpy = false;
function installMessageSpy() {
  for (const kind of ['Information', 'Warning', 'Error']) {
    const name = `show${kind}Message`;
    const original = vscode.window[name];
    try {
      vscode.window[name] = function spied(...args) {
        messages.push({ kind, text: String(args[0]), at: Date.now() });
        return original.apply(this, args);
      };
    } catch {
      // A frozen API object: messages cannot be observed here.
    }
    if (vscode.window[name] === original) return;
  }
  messageSpy = true;
}

// ---------------------------------------------------------------------------------------------------------
// Tests

test('activates on a Containerfile and lints it', async () => {
  const ext = extension();
  const activeBefore = ext.isActive;
  const uri = fixtureUri('Containerfile');
  const { doc } = await open(uri);
  assert.equal(doc.languageId, 'dockerfile', 'a Containerfile opens in the dockerfile language');
  await waitFor('the extension to activate', () => ext.isActive);
  assert.equal(activeBefore, false, 'the extension was active before a Dockerfile was opened: its activation events are too broad');
  await expectDiagnostics(uri, EXPECTED.Containerfile);
});

test('lints a Dockerfile: exact codes, ranges, severities and docs links', async () => {
  const uri = fixtureUri('Dockerfile');
  const { doc } = await open(uri);
  assert.equal(doc.languageId, 'dockerfile');
  await expectDiagnostics(uri, EXPECTED.Dockerfile);
  const lists = ours(uri).find((d) => codeOf(d) === 'apt-lists-left');
  assert.match(lists.message, /^"apt-get update" leaves the apt lists in this layer\. Remove \/var\/lib\/apt\/lists\/\* in the same RUN\./);
});

test('a Go build into scratch: shell-form CMD is an error there', async () => {
  const uri = fixtureUri('go.Dockerfile');
  await open(uri);
  await expectDiagnostics(uri, EXPECTED['go.Dockerfile']);
});

test('quick fix through vscode.executeCodeActionProvider, applied', async () => {
  const uri = copyFixture('Dockerfile', 'quickfix');
  const { doc } = await open(uri);
  const original = doc.getText();
  await expectDiagnostics(uri, EXPECTED.Dockerfile);
  const diagnostic = ours(uri).find((d) => codeOf(d) === 'apt-lists-left');
  const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  const titles = actions.map((a) => a.title);
  assert.deepEqual(titles, [
    'Remove the apt lists at the end of this RUN',
    'Keep the cache in a BuildKit cache mount on /var/cache/apt and /var/lib/apt/lists (needs BuildKit) (unsafe)',
    'Ignore apt-lists-left for this instruction',
    'Fix all safe problems in this file',
  ]);
  const fix = actions[0];
  assert.equal(fix.isPreferred, true, 'the safe fix is the preferred action');
  assert.equal(fix.kind && fix.kind.value, 'quickfix');
  assert.ok(await vscode.workspace.applyEdit(fix.edit), 'applyEdit refused the fix');
  const expected = original.replace(`${APT_LINE}\n`, `${APT_LINE} && rm -rf /var/lib/apt/lists/*\n`);
  assert.notEqual(expected, original);
  assert.equal(doc.getText(), expected);
  // The finding is gone; the others stay where they were.
  await expectDiagnostics(uri, EXPECTED.Dockerfile.filter((r) => r[0] !== 'apt-lists-left'), 'the diagnostics after the fix');

  // The unsafe fix is offered, labelled as such, and not preferred.
  const recommends = ours(uri).find((d) => codeOf(d) === 'apt-recommends-installed');
  const more = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, recommends.range, vscode.CodeActionKind.QuickFix.value);
  assert.deepEqual(
    more.map((a) => [a.title, a.isPreferred === true]),
    [
      ['Add --no-install-recommends (and libc6-dev, which gcc only recommends; ≈ −3.8 MB est.) (unsafe)', false],
      ['Ignore apt-recommends-installed for this instruction', false],
      // build-dependencies-kept reports on the same words; it has no automatic fix, only the ignore comment.
      ['Ignore build-dependencies-kept for this instruction', false],
      // pip-cache-kept's safe fix is still there: the fix-all is offered in the quick-fix menu too.
      ['Fix all safe problems in this file', false],
    ],
  );
});

test('fix-all on save (editor.codeActionsOnSave: source.fixAll.dockerfile-slim)', async () => {
  await setWorkspaceSetting('editor', 'codeActionsOnSave', { 'source.fixAll.dockerfile-slim': 'explicit' });
  try {
    const uri = copyFixture('Dockerfile', 'fixall');
    const { doc, editor } = await open(uri);
    await expectDiagnostics(uri, EXPECTED.Dockerfile);
    // Make the document dirty, as a user would before saving.
    const line = doc.getText().split('\n').indexOf('EXPOSE 8000');
    assert.ok(line > 0);
    assert.ok(await editor.edit((b) => b.replace(new vscode.Range(line, 7, line, 11), '8080')));
    const dirty = doc.getText();
    const expected = cliFix(dirty, path.dirname(uri.fsPath));
    assert.notEqual(expected, dirty, 'the CLI finds nothing to fix: the fixture no longer exercises fix-all');

    await vscode.commands.executeCommand('workbench.action.files.save');
    await waitFor('the fixed file on disk', () => !doc.isDirty && fs.readFileSync(uri.fsPath, 'utf8') === expected, {
      state: () => JSON.stringify(fs.readFileSync(uri.fsPath, 'utf8')),
    });
    assert.equal(doc.getText(), expected);
    const lines = expected.split('\n');
    assert.ok(lines.some((l) => l.startsWith(APT_LINE) && l.endsWith('&& rm -rf /var/lib/apt/lists/*')), 'the apt lists are removed');
    assert.ok(lines.includes(CMD_LINE), 'the unsafe exec-form conversion was not applied on save');
    assert.ok(lines.includes('RUN pip install --no-cache-dir -r requirements.txt'), 'pip runs without its cache');
    await expectDiagnostics(uri, EXPECTED.Dockerfile.filter((r) => !SAFELY_FIXED.has(r[0])), 'the diagnostics after fix-all');
  } finally {
    await setWorkspaceSetting('editor', 'codeActionsOnSave', undefined);
  }
});

test('hover on FROM alpine:3.20 shows the base-image card with the musl note', async () => {
  const uri = fixtureUri('alpine.Dockerfile');
  const { doc } = await open(uri);
  await expectDiagnostics(uri, EXPECTED['alpine.Dockerfile']);
  const line = doc.getText().split('\n').indexOf('FROM alpine:3.20');
  assert.ok(line >= 0);
  const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, new vscode.Position(line, 7));
  const ourHovers = hovers.filter((h) => h.contents.some((c) => /alpine\\?:3\\?\.20/.test(typeof c === 'string' ? c : c.value)));
  assert.equal(ourHovers.length, 1, `one hover card for the image, got: ${JSON.stringify(hovers.map((h) => h.contents))}`);
  const card = ourHovers[0];
  // The card covers the image reference `alpine:3.20` (characters 5–16).
  assert.deepEqual([card.range.start.line, card.range.start.character, card.range.end.line, card.range.end.character], [line, 5, line, 16]);
  const text = card.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
  assert.match(text, /^\*\*alpine\\:3\\\.20\*\* · Alpine Linux/);
  assert.match(text, /- libc: musl\n/);
  assert.match(text, /\*\*musl libc: what differs from glibc\*\*/);
  assert.match(text, /Threads get a 128 KiB stack by default/);
  assert.match(text, /DNS over TCP, needed for answers larger than 512 bytes, only works from musl 1\.2\.4/);
  // Plain markdown: nothing from the Dockerfile may run commands from the hover.
  for (const c of card.contents) if (typeof c !== 'string') assert.notEqual(c.isTrusted, true, 'the hover markdown is trusted');
  // A line without an image or flag has no card.
  const none = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, new vscode.Position(0, 3));
  assert.deepEqual(none.map((h) => h.contents), [], 'a hover on the comment line');
});

test('settings take effect: dockerfileSlim.rules.apt-lists-left off, error, default', async () => {
  const uri = copyFixture('Dockerfile', 'settings');
  await open(uri);
  await expectDiagnostics(uri, EXPECTED.Dockerfile);
  try {
    await setWorkspaceSetting('dockerfileSlim', 'rules.apt-lists-left', 'off');
    await expectDiagnostics(uri, EXPECTED.Dockerfile.filter((r) => r[0] !== 'apt-lists-left'), 'apt-lists-left gone (off)');
    await setWorkspaceSetting('dockerfileSlim', 'rules.apt-lists-left', 'error');
    await expectDiagnostics(
      uri,
      EXPECTED.Dockerfile.map((r) => (r[0] === 'apt-lists-left' ? [...r.slice(0, 5), 'Error'] : r)),
      'apt-lists-left as an error',
    );
  } finally {
    await setWorkspaceSetting('dockerfileSlim', 'rules.apt-lists-left', undefined);
  }
  await expectDiagnostics(uri, EXPECTED.Dockerfile, 'the default level back');
});

/** Language-server processes started by this extension host (children running server/out/server.js). */
function serverProcesses() {
  const r = spawnSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' });
  return r.stdout
    .split('\n')
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
    .filter((m) => m && Number(m[2]) === process.pid && /server[\\/]out[\\/]server\.js/.test(m[3]))
    .map((m) => Number(m[1]));
}

test('the language server is restarted after it dies; the user is told once', async () => {
  const uri = fixtureUri('Dockerfile');
  await open(uri);
  await expectDiagnostics(uri, EXPECTED.Dockerfile);
  const before = await waitFor('one language-server process', () => (serverProcesses().length === 1 ? serverProcesses() : null), {
    state: () => JSON.stringify(serverProcesses()),
  });
  const since = Date.now();
  process.kill(before[0], 'SIGKILL');
  await waitFor('a new language-server process', () => {
    const now = serverProcesses();
    return now.length === 1 && now[0] !== before[0];
  });
  if (messageSpy) {
    const warning = await waitFor('the warning that the server was restarted', () =>
      messages.find((m) => m.at >= since && m.kind === 'Warning' && /language server stopped unexpectedly and was restarted/.test(m.text)),
    );
    // Expected here; the last test checks that no other warning was shown.
    messages.splice(messages.indexOf(warning), 1);
    // The client may also report the write that failed because this test killed the server (EPIPE): a
    // consequence of the kill, not of the extension. Anything else still fails the last test.
    for (let i = messages.length - 1; i >= 0; i--) {
      const m = messages[i];
      if (m.at >= since && /connection to server is erroring[\s\S]*EPIPE/.test(m.text)) messages.splice(i, 1);
    }
  }
  // The new server lints: a file opened now gets its diagnostics.
  const fresh = copyFixture('go.Dockerfile', 'restarted', 'Dockerfile');
  await open(fresh);
  await expectDiagnostics(fresh, EXPECTED['go.Dockerfile'], 'diagnostics from the restarted server');
});

/**
 * Runs a command of the extension and returns its result and the information message it showed (through the
 * message spy), which must start with "Dockerfile Slim:".
 */
async function runCommand(id, ...args) {
  assert.ok(await commandRegistered(id), `the extension does not register the command ${id}`);
  const from = messages.length;
  const result = await vscode.commands.executeCommand(id, ...args);
  let shown = null;
  if (messageSpy) {
    shown = await waitFor(`an information message starting with "Dockerfile Slim:" after ${id}`, () =>
      messages.slice(from).find((m) => m.kind === 'Information' && m.text.startsWith('Dockerfile Slim:')),
    );
    log(`${id} message: ${shown.text}`);
  } else {
    log(`${id}: message not checked, the vscode API object cannot be wrapped in this host`);
  }
  return { result, shown: shown && shown.text };
}

/**
 * What slimming the Dockerfile fixture reports. The unsafe fixes: --no-install-recommends, exec-form CMD, and
 * the split into a build and a runtime stage, which also settles build-dependencies-kept (the compilers stay
 * in the build stage). runs-as-root is the one finding no fix covers (build-dependencies-kept has no fix of its
 * own either, so it counts as a change by hand until the split is applied).
 */
const SLIM_MESSAGES = {
  skip: 'Dockerfile Slim: applied 2 safe fixes (≈ −20 MB est.); left: 3 fixes to review, 2 findings to change by hand.',
  apply: 'Dockerfile Slim: applied 2 safe fixes and 4 unsafe fixes (≈ −230 MB est.); left: 1 finding to change by hand.',
};
/** The parts of a SlimResult a test pins (the remaining findings are pinned by their diagnostics). */
const brief = (r) => ({ applied: r.applied, safeFixes: r.safeFixes, unsafeFixes: r.unsafeFixes, estimatedBytes: r.estimatedBytes, left: r.left, message: r.message });

test('"Slim this Dockerfile" with unsafe: skip applies exactly the safe fixes', async () => {
  const uri = copyFixture('Dockerfile', 'slim-skip');
  const { doc } = await open(uri);
  await expectDiagnostics(uri, EXPECTED.Dockerfile);
  const original = doc.getText();
  const expected = cliFix(original, path.dirname(uri.fsPath));
  assert.notEqual(expected, original, 'the CLI finds no safe fix: the fixture no longer exercises slimming');
  const { result, shown } = await runCommand(SLIM_COMMAND, uri, { unsafe: 'skip' });
  assert.equal(doc.getText(), expected, 'the text after slimming (unsafe: skip) is not `dockerfile-slim fix --stdout`');
  assert.deepEqual(brief(result), { applied: true, safeFixes: 2, unsafeFixes: 0, estimatedBytes: 19_860_000, left: { safe: 0, unsafe: 3, manual: 2 }, message: SLIM_MESSAGES.skip });
  if (messageSpy) assert.equal(shown, SLIM_MESSAGES.skip);
  await expectDiagnostics(uri, EXPECTED.Dockerfile.filter((r) => !SAFELY_FIXED.has(r[0])), 'the diagnostics after slimming');
});

test('"Slim this Dockerfile" with unsafe: apply applies every fix, as `fix --unsafe` does', async () => {
  const uri = copyFixture('Dockerfile', 'slim-apply');
  const { doc } = await open(uri);
  await expectDiagnostics(uri, EXPECTED.Dockerfile);
  const expected = cliFix(doc.getText(), path.dirname(uri.fsPath), { unsafe: true });
  assert.notEqual(expected, cliFix(doc.getText(), path.dirname(uri.fsPath)), 'the fixture has no unsafe fix');
  const { result, shown } = await runCommand(SLIM_COMMAND, uri.toString(), { unsafe: 'apply' });
  assert.equal(doc.getText(), expected, 'the text after slimming (unsafe: apply) is not `dockerfile-slim fix --unsafe --stdout`');
  // The apt lists (19.86 MB, measured) and the --no-install-recommends fixes (estimated from Debian's package data).
  assert.deepEqual(brief(result), { applied: true, safeFixes: 2, unsafeFixes: 4, estimatedBytes: 229_657_296, left: { safe: 0, unsafe: 0, manual: 1 }, message: SLIM_MESSAGES.apply });
  if (messageSpy) assert.equal(shown, SLIM_MESSAGES.apply);
  // Only the findings without an automatic fix are left.
  await expectDiagnostics(
    uri,
    [['runs-as-root', 11, 5, 11, 21, 'Information']],
    'the diagnostics after slimming with unsafe fixes',
  );
});

test('"Slim this Dockerfile" twice: the second run changes nothing', async () => {
  const uri = copyFixture('go.Dockerfile', 'slim-twice');
  const { doc, editor } = await open(uri);
  await expectDiagnostics(uri, EXPECTED['go.Dockerfile']);
  const expected = cliFix(doc.getText(), path.dirname(uri.fsPath), { unsafe: true });
  // Without a URI the command works on the active editor.
  assert.equal(vscode.window.activeTextEditor, editor);
  const first = await runCommand(SLIM_COMMAND, undefined, { unsafe: 'apply' });
  assert.equal(first.result.applied, true);
  // Neither change has a size estimate: no saving is claimed.
  assert.equal(first.result.message, 'Dockerfile Slim: applied 2 safe fixes and 1 unsafe fix (saving not estimated); left: 1 finding to change by hand.');
  assert.equal(doc.getText(), expected);
  assert.ok(expected.includes('COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\n'), 'the CA bundle is copied');
  assert.ok(expected.endsWith('CMD ["/app", "--listen", ":8080"]\n'), 'CMD is in exec form');
  await expectDiagnostics(uri, EXPECTED['go.Dockerfile'].filter((r) => r[0] === 'runs-as-root'), 'only runs-as-root after slimming');
  const version = doc.version;
  const second = await runCommand(SLIM_COMMAND, undefined, { unsafe: 'apply' });
  assert.equal(doc.version, version, 'the second run edited the document');
  assert.equal(doc.getText(), expected);
  assert.deepEqual(brief(second.result), {
    applied: false,
    safeFixes: 0,
    unsafeFixes: 0,
    estimatedBytes: null,
    left: { safe: 0, unsafe: 0, manual: 1 },
    message: 'Dockerfile Slim: nothing to fix automatically; left: 1 finding to change by hand.',
  });
});

test('"Show estimated savings" shows the estimate and leaves the file alone', async () => {
  if (!messageSpy) skip('messages cannot be observed in this host (frozen vscode API object)');
  const uri = copyFixture('Dockerfile', 'savings');
  const { doc } = await open(uri);
  await expectDiagnostics(uri, EXPECTED.Dockerfile);
  const original = doc.getText();
  const version = doc.version;
  // The same plan as "Slim this Dockerfile": two safe fixes (one estimated), the split (estimated: the build
  // packages it leaves behind, minus what it adds) and the exec-form CMD, then what the slimmed text still has:
  // --no-install-recommends in the runtime stage (the one in the build stage lies inside the split, which wins),
  // and runs-as-root (by hand).
  const message = 'Dockerfile Slim: safe fixes: ≈ 20 MB est. (1 of 2 not estimated); unsafe fixes: ≈ 206 MB est. (1 of 3 not estimated); changes by hand: not estimated.';
  const { result, shown } = await runCommand(SAVINGS_COMMAND);
  assert.equal(shown, message);
  // apt-lists-left and --no-install-recommends carry estimates; nothing is reported as 0 B.
  assert.deepEqual(result, {
    safe: { bytes: 19_860_000, count: 2, estimated: 1 },
    unsafe: { bytes: 205_956_272, count: 3, estimated: 2 },
    manual: { bytes: 0, count: 1, estimated: 0 },
    message,
  });
  assert.equal(doc.version, version, 'showing the savings edited the document');
  assert.equal(doc.getText(), original);
  assert.equal(doc.isDirty, false);
});

test('"Slim this Dockerfile" is offered as a refactoring on the first line only', async () => {
  const uri = fixtureUri('Dockerfile');
  await open(uri);
  await expectDiagnostics(uri, EXPECTED.Dockerfile);
  const at = async (line) =>
    (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, new vscode.Range(line, 0, line, 0), SLIM_KIND)).map((a) => [
      a.title,
      a.kind && a.kind.value,
      a.command && a.command.command,
      a.command && (a.command.arguments || []).map(String),
    ]);
  assert.deepEqual(await at(0), [['Slim this Dockerfile (safe fixes now, unsafe ones for review)', SLIM_KIND, SLIM_COMMAND, [uri.toString()]]]);
  assert.deepEqual(await at(3), [], 'offered on line 4');
  // A file with nothing to fix automatically gets no offer.
  const alpine = fixtureUri('alpine.Dockerfile');
  await open(alpine);
  await expectDiagnostics(alpine, EXPECTED['alpine.Dockerfile']);
  const none = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', alpine, new vscode.Range(0, 0, 0, 0), SLIM_KIND);
  assert.deepEqual(none.map((a) => a.title), []);
});

test('no internal errors, warnings or error messages from the extension', async () => {
  const broken = vscode.languages
    .getDiagnostics()
    .flatMap(([uri, ds]) => ds.filter((d) => d.source === SOURCE && codeOf(d) === 'internal-error').map((d) => `${vscode.workspace.asRelativePath(uri)}: ${d.message}`));
  assert.deepEqual(broken, [], `Dockerfile Slim reported internal errors:\n${broken.join('\n')}`);
  const complaints = messages.filter((m) => m.kind !== 'Information').map((m) => `${m.kind}: ${m.text}`);
  assert.deepEqual(complaints, [], `the extension showed warnings or errors:\n${complaints.join('\n')}`);
});

// ---------------------------------------------------------------------------------------------------------

/** Puts the workbench back between tests: dirty editors are reverted (no save prompt), all editors closed. */
async function afterEach() {
  for (const doc of vscode.workspace.textDocuments) {
    if (!doc.isDirty || doc.uri.scheme !== 'file') continue;
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

exports.run = async function run() {
  installMessageSpy();
  log(`VS Code ${vscode.version}, ${process.release.name} ${process.version}, message spy ${messageSpy ? 'on' : 'off'}`);
  await runAll({ afterEach, suiteName: 'extension-host suite' });
};
