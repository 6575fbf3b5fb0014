import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CodeActionRequest, DidChangeWatchedFilesNotification, FileChangeType, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { LspHarness } from './lspHarness';

const APT = 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\n';
const levels = (p: PublishDiagnosticsParams): [string, number | undefined][] => p.diagnostics.map((d) => [String(d.code), d.severity]);

/** A project with `.dockerfile-slim.json` at its root and the Dockerfile one directory down. */
function project(root: string, name: string, config: string): { uri: string; configPath: string } {
  const dir = join(root, name);
  mkdirSync(join(dir, 'app'), { recursive: true });
  const configPath = join(dir, '.dockerfile-slim.json');
  writeFileSync(configPath, config);
  const dockerfile = join(dir, 'app', 'Dockerfile');
  writeFileSync(dockerfile, APT);
  return { uri: pathToFileURL(dockerfile).href, configPath };
}

describe('settings: project file, editor settings, clients without workspace/configuration', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'dockerfile-slim-lsp-'));
  });
  after(() => {
    rmSync(root, { recursive: true, force: true });
  });

  describe('a client without workspace/configuration nor code action literals', () => {
    let lsp: LspHarness;
    before(async () => {
      lsp = await LspHarness.start({ capabilities: {} });
    });
    after(async () => {
      await lsp.stop();
    });

    it('uses the defaults and the nearest .dockerfile-slim.json, and never asks for settings', async () => {
      const { uri } = project(root, 'plain', '{ "rules": { "apt-recommends-installed": "off", "apt-lists-left": "error" } }');
      assert.deepEqual(levels(await lsp.open(uri, APT)), [['apt-lists-left', 1]]);
      assert.deepEqual(lsp.configurationItems, []);
    });

    it('re-reads the project file when the client reports it changed', async () => {
      const { uri, configPath } = project(root, 'watched', '{ "rules": { "apt-lists-left": "off" } }');
      assert.deepEqual(levels(await lsp.open(uri, APT)), [['apt-recommends-installed', 2]]);
      writeFileSync(configPath, '{ "rules": { "apt-recommends-installed": "info" } }');
      const next = lsp.nextDiagnostics(uri);
      await lsp.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(configPath).href, type: FileChangeType.Changed }] });
      assert.deepEqual(levels(await next), [['apt-lists-left', 2], ['apt-recommends-installed', 3]]);
    });

    it('answers no code actions to a client that cannot take CodeAction literals', async () => {
      const { uri } = project(root, 'literals', '{}');
      const published = await lsp.open(uri, APT);
      const actions = await lsp.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: published.diagnostics[0]!.range,
        context: { diagnostics: published.diagnostics },
      });
      assert.deepEqual(actions, []);
    });

    it('warns once about a project file that is not JSON, and lints with the defaults', async () => {
      const broken = '{ "rules": ';
      const { uri, configPath } = project(root, 'broken', broken);
      let reason = '';
      try {
        JSON.parse(broken);
      } catch (e) {
        reason = (e as Error).message;
      }
      const before = lsp.shownMessages.length;
      assert.deepEqual(levels(await lsp.open(uri, APT)), [['apt-lists-left', 2], ['apt-recommends-installed', 2]]);
      const next = lsp.nextDiagnostics(uri);
      await lsp.changeConfiguration();
      await next;
      assert.deepEqual(lsp.shownMessages.slice(before), [{ type: 2, message: `Dockerfile Slim: ${configPath}: invalid JSON (${reason}). Its settings are ignored.` }]);
    });
  });

  describe('a VS Code-like client', () => {
    let lsp: LspHarness;
    before(async () => {
      lsp = await LspHarness.start();
    });
    after(async () => {
      await lsp.stop();
    });

    it('editor settings win over the project file; "default" falls through to it', async () => {
      const { uri } = project(root, 'layered', '{ "rules": { "apt-recommends-installed": "off", "apt-lists-left": "info" } }');
      lsp.settingsFor = (item) => (item.scopeUri === uri ? { rules: { 'apt-recommends-installed': 'error', 'apt-lists-left': 'default', 'shell-form-command': '' } } : {});
      assert.deepEqual(levels(await lsp.open(uri, APT)), [['apt-lists-left', 3], ['apt-recommends-installed', 1]]);
      assert.deepEqual(lsp.configurationItems, [{ scopeUri: uri, section: 'dockerfileSlim' }]);
      assert.deepEqual(lsp.shownMessages, []);
    });

    it('"enable": false silences the document (no diagnostics, no code actions); true or unset lints it', async () => {
      const off = project(root, 'disabled', '{ "rules": { "apt-lists-left": "error" } }');
      const on = project(root, 'enabled', '{}');
      lsp.settingsFor = (item) => (item.scopeUri === off.uri ? { enable: false, rules: { 'apt-recommends-installed': 'error' } } : { enable: true });
      const published = await lsp.open(off.uri, APT);
      assert.deepEqual(levels(published), []);
      const actions = await lsp.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: off.uri },
        range: { start: { line: 1, character: 0 }, end: { line: 1, character: 10 } },
        context: { diagnostics: [] },
      });
      assert.deepEqual(actions, []);
      assert.deepEqual(levels(await lsp.open(on.uri, APT)), [['apt-lists-left', 2], ['apt-recommends-installed', 2]]);
    });
  });
});
