import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ApplyWorkspaceEditRequest,
  CodeActionRequest,
  ExecuteCommandRequest,
  type AnnotatedTextEdit,
  type ApplyWorkspaceEditParams,
  type ClientCapabilities,
  type TextDocumentEdit,
} from 'vscode-languageserver-protocol/node';
import { applyEdits, LspHarness, VSCODE_LIKE } from './lspHarness';

const WITH_ANNOTATIONS: ClientCapabilities = {
  ...VSCODE_LIKE,
  workspace: {
    ...VSCODE_LIKE.workspace,
    applyEdit: true,
    workspaceEdit: { documentChanges: true, resourceOperations: ['create'], changeAnnotationSupport: { groupsOnLabel: true } },
  },
};

const TEXT = 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\nCMD node server.js\n';
const FULL_LINE = 'RUN apt-get update && apt-get install --no-install-recommends -y ca-certificates curl && rm -rf /var/lib/apt/lists/*\n';

describe('"Slim this Dockerfile" over the language server', () => {
  let lsp: LspHarness;
  const received: ApplyWorkspaceEditParams[] = [];
  let answer = true;

  before(async () => {
    lsp = await LspHarness.start({ capabilities: WITH_ANNOTATIONS });
    lsp.connection.onRequest(ApplyWorkspaceEditRequest.type, (p) => {
      received.push(p);
      return { applied: answer };
    });
  });
  after(() => lsp.stop());

  const slim = (uri: string, options?: object): Promise<unknown> =>
    lsp.connection.sendRequest(ExecuteCommandRequest.type, { command: 'dockerfileSlim.slimDocument', arguments: options ? [uri, options] : [uri] });

  it('sends one edit: safe changes applied as they are, each unsafe change needing confirmation', async () => {
    const uri = 'file:///slim/a/Dockerfile';
    await lsp.open(uri, TEXT);
    received.length = 0;
    const result = (await slim(uri)) as { applied: boolean; safeFixes: number; unsafeFixes: number; estimatedBytes: number; message: string };
    assert.equal(received.length, 1);
    const { edit, label } = received[0]!;
    assert.equal(label, 'Slim this Dockerfile');
    const docEdit = edit.documentChanges![0] as TextDocumentEdit;
    assert.deepEqual(docEdit.textDocument, { uri, version: 1 });
    const edits = docEdit.edits as AnnotatedTextEdit[];
    assert.deepEqual(
      edits.map((e) => [e.range.start.line, e.range.end.line, e.newText, edit.changeAnnotations![e.annotationId]!.needsConfirmation]),
      [
        [1, 2, FULL_LINE, true],
        [2, 3, 'CMD ["node", "server.js"]\n', true],
      ],
    );
    assert.deepEqual(edit.changeAnnotations![edits[0]!.annotationId]!.label, 'apt-lists-left, apt-recommends-installed');
    assert.equal(applyEdits(TEXT, edits), `FROM debian:bookworm-slim\n${FULL_LINE}CMD ["node", "server.js"]\n`);
    assert.equal(result.applied, true);
    assert.equal(result.safeFixes, 1);
    assert.equal(result.unsafeFixes, 2);
    // apt lists (19.86 MB, measured) and what --no-install-recommends saves on curl (646 KiB, from Debian's data).
    assert.equal(result.estimatedBytes, 19_860_000 + 646 * 1024);
    assert.equal(result.message, 'Dockerfile Slim: applied 1 safe fix, and the unsafe fixes you confirmed (2 proposed), 1 finding needs a manual change; estimated saving ≈ 21 MB (an estimate from measured examples).');
  });

  it('a change that only safe fixes make carries the safe annotation; skip leaves unsafe ones out', async () => {
    const uri = 'file:///slim/b/Dockerfile';
    const text = 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nCMD node server.js\n';
    await lsp.open(uri, text);
    received.length = 0;
    await slim(uri);
    const edits = (received[0]!.edit.documentChanges![0] as TextDocumentEdit).edits as AnnotatedTextEdit[];
    const annotations = received[0]!.edit.changeAnnotations!;
    assert.deepEqual(
      edits.map((e) => [e.range.start.line, annotations[e.annotationId]!.needsConfirmation]),
      [
        [1, false],
        [2, true],
      ],
    );
    received.length = 0;
    const skipped = (await slim(uri, { unsafe: 'skip' })) as { unsafeFixes: number; message: string };
    const only = (received[0]!.edit.documentChanges![0] as TextDocumentEdit).edits as AnnotatedTextEdit[];
    assert.equal(applyEdits(text, only), 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nCMD node server.js\n');
    assert.equal(skipped.unsafeFixes, 0);
    assert.match(skipped.message, /1 unsafe fix left out/);
  });

  it('is idempotent: on the slimmed text it sends nothing', async () => {
    const uri = 'file:///slim/c/Dockerfile';
    await lsp.open(uri, `FROM debian:bookworm-slim\n${FULL_LINE}CMD ["node", "server.js"]\n`);
    received.length = 0;
    const result = (await slim(uri, { unsafe: 'apply' })) as { applied: boolean; message: string };
    assert.equal(received.length, 0);
    assert.equal(result.applied, false);
    // runs-as-root has no automatic fix: it is reported, not applied.
    assert.equal(result.message, 'Dockerfile Slim: nothing to fix automatically, 1 finding needs a manual change.');
  });

  it('reports a refused edit honestly', async () => {
    const uri = 'file:///slim/d/Dockerfile';
    await lsp.open(uri, TEXT);
    answer = false;
    const result = (await slim(uri, { unsafe: 'apply' })) as { applied: boolean; message: string };
    answer = true;
    assert.equal(result.applied, false);
    assert.match(result.message, /^Dockerfile Slim: no change was applied/);
  });

  it('a multi-stage split is one reviewable change: every unsafe edit shares its annotation', async () => {
    const uri = 'file:///slim/g/Dockerfile';
    const text = 'FROM golang:1.25\nWORKDIR /app\nCOPY . .\nRUN go build -o /app/hello .\nEXPOSE 8080\nCMD ["/app/hello"]\n';
    await lsp.open(uri, text);
    received.length = 0;
    await slim(uri);
    const edits = (received[0]!.edit.documentChanges![0] as TextDocumentEdit).edits as AnnotatedTextEdit[];
    const annotations = received[0]!.edit.changeAnnotations!;
    assert.ok(edits.length > 1, 'the split touches several places');
    assert.deepEqual([...new Set(edits.map((e) => e.annotationId))], ['dockerfile-slim.unsafe.build-in-final-stage']);
    assert.equal(annotations['dockerfile-slim.unsafe.build-in-final-stage']!.needsConfirmation, true);
    assert.match(annotations['dockerfile-slim.unsafe.build-in-final-stage']!.label, /^Split into a build stage and a runtime stage/);
    const after = applyEdits(text, edits);
    assert.match(after, /^FROM golang:1\.25 AS build\n/);
    assert.match(after, /\nFROM scratch\n/);
  });

  it('estimated savings change nothing', async () => {
    const uri = 'file:///slim/e/Dockerfile';
    await lsp.open(uri, TEXT);
    received.length = 0;
    const r = (await lsp.connection.sendRequest(ExecuteCommandRequest.type, { command: 'dockerfileSlim.estimateSavings', arguments: [uri] })) as { safe: number; message: string };
    assert.equal(received.length, 0);
    assert.equal(r.safe, 19_860_000);
    assert.equal(r.message, 'Dockerfile Slim: estimated saving ≈ 21 MB (an estimate): ≈ 20 MB from safe fixes, ≈ 662 kB from unsafe fixes, ≈ 0 B from manual changes.');
  });

  it('offers "Slim this Dockerfile" as a code action on the first line only', async () => {
    const uri = 'file:///slim/f/Dockerfile';
    await lsp.open(uri, TEXT);
    const at = async (line: number) =>
      ((await lsp.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: { start: { line, character: 0 }, end: { line, character: 0 } },
        context: { diagnostics: [] },
      })) ?? []) as { title: string; kind?: string; command?: { command: string; arguments?: unknown[] } }[];
    const first = await at(0);
    assert.deepEqual(first.map((a) => [a.kind, a.command?.command, a.command?.arguments]), [['refactor.rewrite.dockerfile-slim', 'dockerfileSlim.slim', [uri]]]);
    assert.deepEqual(await at(1), []);
  });
});
