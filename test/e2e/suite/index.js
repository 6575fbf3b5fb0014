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
/** Rules whose findings on the fixtures this suite asserts exactly. */
const KNOWN = new Set(['apt-lists-left', 'apt-recommends-installed', 'shell-form-command']);
const SLIM_COMMAND = 'dockerfileSlim.slim';
const SAVINGS_COMMAND = 'dockerfileSlim.showSavings';

/** Expected findings of the known rules: [code, startLine, startChar, endLine, endChar, severity]. */
const EXPECTED = {
  Dockerfile: [
    ['apt-lists-left', 3, 4, 3, 18, 'Warning'],
    ['apt-recommends-installed', 3, 22, 3, 37, 'Warning'],
    ['shell-form-command', 11, 4, 11, 40, 'Warning'],
  ],
  'go.Dockerfile': [['shell-form-command', 10, 4, 10, 23, 'Error']],
  Containerfile: [['apt-lists-left', 2, 4, 2, 18, 'Warning']],
};
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

/** The text with every safe fix applied, as the CLI computes it (`fix --stdout`) for a file in `dir`. */
function cliSafeFix(text, dir) {
  const cli = path.join(extension().extensionPath, 'server', 'out', 'cli.js');
  assert.ok(fs.existsSync(cli), `the CLI bundle is missing: ${cli} (run npm run build)`);
  const file = path.join(dir, 'oracle-input.Dockerfile');
  fs.writeFileSync(file, text);
  try {
    // In desktop VS Code the extension host runs in Electron, which acts as Node with ELECTRON_RUN_AS_NODE.
    const r = spawnSync(process.execPath, [cli, 'fix', '--stdout', file], {
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      timeout: 30_000,
    });
    assert.equal(r.status, 0, `dockerfile-slim fix --stdout failed: ${r.stderr}`);
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
  assert.match(lists.message, /^`apt-get update` leaves \/var\/lib\/apt\/lists in this layer: remove it in the same RUN\./);
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
  assert.deepEqual(titles, ['Remove the apt lists at the end of this RUN', 'Ignore apt-lists-left for this instruction']);
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
      ['Add --no-install-recommends (unsafe)', false],
      ['Ignore apt-recommends-installed for this instruction', false],
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
    const expected = cliSafeFix(dirty, path.dirname(uri.fsPath));
    assert.notEqual(expected, dirty, 'the CLI finds nothing to fix: the fixture no longer exercises fix-all');

    await vscode.commands.executeCommand('workbench.action.files.save');
    await waitFor('the fixed file on disk', () => !doc.isDirty && fs.readFileSync(uri.fsPath, 'utf8') === expected, {
      state: () => JSON.stringify(fs.readFileSync(uri.fsPath, 'utf8')),
    });
    assert.equal(doc.getText(), expected);
    const lines = expected.split('\n');
    assert.ok(lines.some((l) => l.startsWith(APT_LINE) && l.endsWith('&& rm -rf /var/lib/apt/lists/*')), 'the apt lists are removed');
    assert.ok(lines.includes(CMD_LINE), 'the unsafe exec-form conversion was not applied on save');
    await expectDiagnostics(uri, EXPECTED.Dockerfile.filter((r) => r[0] !== 'apt-lists-left'), 'the diagnostics after fix-all');
  } finally {
    await setWorkspaceSetting('editor', 'codeActionsOnSave', undefined);
  }
});

test('hover on FROM alpine:3.20 shows the musl note', async () => {
  const uri = fixtureUri('alpine.Dockerfile');
  const { doc } = await open(uri);
  const line = doc.getText().split('\n').indexOf('FROM alpine:3.20');
  assert.ok(line >= 0);
  await waitFor('the extension to be active', () => extension().isActive);
  const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, new vscode.Position(line, 7));
  const text = hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
  if (text.trim() === '') skip('the language server returns no hover on FROM lines yet (base-image cards are not merged)');
  assert.match(text, /musl/, `the hover on FROM alpine:3.20 does not mention musl: ${JSON.stringify(text)}`);
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
  }
  // The new server lints: a file opened now gets its diagnostics.
  const fresh = copyFixture('go.Dockerfile', 'restarted', 'Dockerfile');
  await open(fresh);
  await expectDiagnostics(fresh, EXPECTED['go.Dockerfile'], 'diagnostics from the restarted server');
});

test('"Slim this Dockerfile" rewrites the active Dockerfile with all safe fixes', async () => {
  if (!(await commandRegistered(SLIM_COMMAND))) skip(`the command ${SLIM_COMMAND} is not registered by the extension yet`);
  const uri = copyFixture('Dockerfile', 'slim');
  const { doc } = await open(uri);
  await expectDiagnostics(uri, EXPECTED.Dockerfile);
  const original = doc.getText();
  const expected = cliSafeFix(original, path.dirname(uri.fsPath));
  const since = Date.now();
  // Not awaited on its own: a command that opens a picker resolves only when the picker closes.
  const running = Promise.resolve(vscode.commands.executeCommand(SLIM_COMMAND)).catch((e) => e);
  await waitFor('the slimmed text in the editor', () => doc.getText() === expected, { state: () => JSON.stringify(doc.getText()) });
  if (messageSpy) {
    const shown = await waitFor('an information message starting with "Dockerfile Slim:"', () =>
      messages.find((m) => m.at >= since && m.kind === 'Information' && m.text.startsWith('Dockerfile Slim:')),
    );
    log(`slim message: ${shown.text}`);
  } else {
    log('slim message not checked: the vscode API object cannot be wrapped in this host');
  }
  const outcome = await Promise.race([running, new Promise((r) => setTimeout(() => r('pending'), 0))]);
  if (outcome instanceof Error) throw outcome;
});

test('"Show estimated savings" shows a Dockerfile Slim message and leaves the file alone', async () => {
  if (!(await commandRegistered(SAVINGS_COMMAND))) skip(`the command ${SAVINGS_COMMAND} is not registered by the extension yet`);
  if (!messageSpy) skip('messages cannot be observed in this host (frozen vscode API object)');
  const uri = copyFixture('Dockerfile', 'savings');
  const { doc } = await open(uri);
  await expectDiagnostics(uri, EXPECTED.Dockerfile);
  const original = doc.getText();
  const since = Date.now();
  const running = Promise.resolve(vscode.commands.executeCommand(SAVINGS_COMMAND)).catch((e) => e);
  const shown = await waitFor('an information message starting with "Dockerfile Slim:"', () =>
    messages.find((m) => m.at >= since && m.kind === 'Information' && m.text.startsWith('Dockerfile Slim:')),
  );
  log(`savings message: ${shown.text}`);
  assert.equal(doc.getText(), original, 'showing the savings changed the document');
  const outcome = await Promise.race([running, new Promise((r) => setTimeout(() => r('pending'), 0))]);
  if (outcome instanceof Error) throw outcome;
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
