// copy-context-unfiltered through the real language server: the build context is read from disk beside the
// Dockerfile, and the quick fix creates or extends the ignore file.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import {
  CodeActionRequest,
  DidChangeWatchedFilesNotification,
  ExecuteCommandRequest,
  FileChangeType,
  type ApplyWorkspaceEditParams,
  type CodeAction,
  type Diagnostic,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { LspHarness, VSCODE_LIKE } from './lspHarness';

const RULE = 'copy-context-unfiltered';
const TEXT = 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nCMD ["node", "server.js"]\n';

/** A project directory: a `.git` directory, a package.json, and the given files. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dfslim-lsp-ctx-'));
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, 'package.json'), '{}\n');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const ours = (p: PublishDiagnosticsParams): Diagnostic[] => p.diagnostics.filter((d) => d.code === RULE);

describe('copy-context-unfiltered over the language server', () => {
  let lsp: LspHarness;
  let applied: ApplyWorkspaceEditParams[] = [];

  before(async () => {
    lsp = await LspHarness.start({
      capabilities: { ...VSCODE_LIKE, workspace: { ...VSCODE_LIKE.workspace, applyEdit: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'], changeAnnotationSupport: {} } } },
    });
    applied = lsp.actAsEditor((edits) => edits);
  });
  after(() => lsp.stop());

  const codeActions = async (uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> =>
    ((await lsp.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: only ? { diagnostics, only } : { diagnostics },
    })) ?? []) as CodeAction[];

  it('no .dockerignore: the quick fix creates one; once it is on disk the diagnostic goes', async () => {
    const dir = project({ Dockerfile: TEXT });
    const uri = pathToFileURL(join(dir, 'Dockerfile')).href;
    const ignoreUri = pathToFileURL(join(dir, '.dockerignore')).href;
    const diagnostics = ours(await lsp.open(uri, TEXT));
    assert.deepEqual(
      diagnostics.map((d) => [d.range, d.severity, d.message]),
      [
        [
          { start: { line: 2, character: 5 }, end: { line: 2, character: 6 } },
          2,
          '"COPY ." copies the whole build context into the image, including ".git" and "node_modules", as there is no ".dockerignore".',
        ],
      ],
    );
    const actions = await codeActions(uri, diagnostics);
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred]),
      [
        ['Create ".dockerignore" excluding ".git" and "node_modules" (unsafe)', false],
        [`Ignore ${RULE} for this instruction`, undefined],
        ['Fix all safe problems in this file', undefined],
      ],
    );
    assert.deepEqual(actions[0]!.edit, {
      documentChanges: [
        { kind: 'create', uri: ignoreUri, options: { ignoreIfExists: true } },
        { textDocument: { uri: ignoreUri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '.git\nnode_modules\nnpm-debug.log\n' }] },
      ],
    });

    // The editor writes the file; the client's watcher reports it; the server lints again.
    writeFileSync(join(dir, '.dockerignore'), '.git\nnode_modules\nnpm-debug.log\n');
    const next = lsp.nextDiagnostics(uri);
    await lsp.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: ignoreUri, type: FileChangeType.Created }] });
    assert.deepEqual(ours(await next), []);
  });

  it('an ignore file of its own beside the Dockerfile: the fix appends to it, with its line breaks', async () => {
    const dir = project({ 'api.Dockerfile': TEXT, 'api.Dockerfile.dockerignore': '.git\r\ndist', '.dockerignore': '.git\nnode_modules\n' });
    const uri = pathToFileURL(join(dir, 'api.Dockerfile')).href;
    const ignoreUri = pathToFileURL(join(dir, 'api.Dockerfile.dockerignore')).href;
    const diagnostics = ours(await lsp.open(uri, TEXT));
    assert.deepEqual(
      diagnostics.map((d) => d.message),
      ['"COPY ." copies the whole build context into the image, including "node_modules", which "api.Dockerfile.dockerignore" does not exclude.'],
    );
    const [fix] = await codeActions(uri, diagnostics);
    assert.equal(fix!.title, 'Add "node_modules" to "api.Dockerfile.dockerignore" (unsafe)');
    assert.deepEqual(fix!.edit, {
      documentChanges: [
        { textDocument: { uri: ignoreUri, version: null }, edits: [{ range: { start: { line: 1, character: 4 }, end: { line: 1, character: 4 } }, newText: '\r\nnode_modules\r\n' }] },
      ],
    });
  });

  it('fix-all and "Slim this Dockerfile" edit the Dockerfile only and leave the ignore file to the quick fix', async () => {
    const dir = project({ Dockerfile: TEXT });
    const uri = pathToFileURL(join(dir, 'Dockerfile')).href;
    await lsp.open(uri, TEXT);
    // npm-cache-kept has a safe fix; copy-context-unfiltered's fix writes another file, so neither takes it.
    const fixAll = await codeActions(uri, [], ['source.fixAll']);
    assert.deepEqual(
      fixAll.map((a) => [a.title, a.edit?.documentChanges?.map((c) => ('textDocument' in c ? c.textDocument.uri : c.kind))]),
      [['Apply all safe Dockerfile Slim fixes', [uri]]],
    );
    applied.length = 0;
    const result = (await lsp.connection.sendRequest(ExecuteCommandRequest.type, { command: 'dockerfileSlim.slimDocument', arguments: [uri, { unsafe: 'apply' }] })) as {
      safeFixes: number;
      unsafeFixes: number;
      left: { safe: number; unsafe: number; manual: number };
    };
    // Left: the ignore-file fix (unsafe, not part of the plan) and runs-as-root (no fix).
    assert.deepEqual([result.safeFixes, result.unsafeFixes, result.left], [1, 0, { safe: 0, unsafe: 1, manual: 1 }]);
    assert.equal(applied.length, 1);
    assert.deepEqual(
      applied[0]!.edit.documentChanges!.map((c) => ('textDocument' in c ? c.textDocument.uri : c.kind)),
      [uri],
    );
  });
});
