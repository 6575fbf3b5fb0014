import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CodeActionRequest,
  ExecuteCommandRequest,
  type AnnotatedTextEdit,
  type ApplyWorkspaceEditParams,
  type ChangeAnnotation,
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
const SAFE_TEXT = 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nCMD node server.js\n';
const GO = 'FROM golang:1.25\nRUN apt-get update && apt-get install -y --no-install-recommends git\nWORKDIR /app\nCOPY . .\nRUN go build -o /app/hello .\nCMD ["/app/hello"]\n';

type Choose = (edits: AnnotatedTextEdit[], annotations: Record<string, ChangeAnnotation>) => AnnotatedTextEdit[] | null;
/** "Apply" in VS Code's preview as it opens: the edits whose annotation needs no confirmation. */
const asOffered: Choose = (edits, annotations) => edits.filter((e) => !(e.annotationId && annotations[e.annotationId]?.needsConfirmation));
const all: Choose = (edits) => edits;

interface Result {
  applied: boolean;
  safeFixes: number;
  unsafeFixes: number;
  estimatedBytes: number | null;
  left: { safe: number; unsafe: number; manual: number };
  remaining: { ruleId: string; fix: string }[];
  message: string;
}

describe('"Slim this Dockerfile" over the language server', () => {
  let lsp: LspHarness;
  let received: ApplyWorkspaceEditParams[] = [];
  let choose: Choose = asOffered;

  before(async () => {
    lsp = await LspHarness.start({ capabilities: WITH_ANNOTATIONS });
    received = lsp.actAsEditor((edits, annotations) => choose(edits, annotations));
  });
  after(() => lsp.stop());

  const slim = async (uri: string, how: Choose, options?: object): Promise<Result> => {
    choose = how;
    received.length = 0;
    return (await lsp.connection.sendRequest(ExecuteCommandRequest.type, { command: 'dockerfileSlim.slimDocument', arguments: options ? [uri, options] : [uri] })) as Result;
  };
  const editsOf = (i: number): { edits: AnnotatedTextEdit[]; annotations: Record<string, ChangeAnnotation> } => ({
    edits: (received[i]!.edit.documentChanges![0] as TextDocumentEdit).edits as AnnotatedTextEdit[],
    annotations: received[i]!.edit.changeAnnotations ?? {},
  });

  it('sends one edit: the safe group pre-ticked, each unsafe fix one edit of its own that needs confirmation', async () => {
    const uri = 'file:///slim/a/Dockerfile';
    await lsp.open(uri, TEXT);
    const result = await slim(uri, asOffered);
    assert.equal(received.length, 1);
    assert.equal(received[0]!.label, 'Slim this Dockerfile');
    assert.deepEqual((received[0]!.edit.documentChanges![0] as TextDocumentEdit).textDocument, { uri, version: 1 });
    const { edits, annotations } = editsOf(0);
    assert.deepEqual(
      edits.map((e) => [e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character, e.newText, annotations[e.annotationId]!.label, annotations[e.annotationId]!.needsConfirmation]),
      [
        [1, 37, 1, 41, ' --no-install-recommends -y ca-certificates ', 'Add --no-install-recommends (and ca-certificates, which curl only recommends; ≈ −662 kB est.) — unsafe', true],
        [1, 45, 1, 45, ' && rm -rf /var/lib/apt/lists/*', 'Safe fixes (1) — ≈ −20 MB est.', false],
        [2, 4, 2, 18, '["node", "server.js"]', 'Convert CMD to exec form — unsafe — not estimated', true],
      ],
    );
    // Applied as offered: the safe group, nothing else; the numbers are those of what was applied.
    assert.equal(lsp.text(uri), SAFE_TEXT);
    assert.deepEqual(
      { ...result, remaining: result.remaining.map((r) => [r.ruleId, r.fix]) },
      {
        applied: true,
        safeFixes: 1,
        unsafeFixes: 0,
        estimatedBytes: 19_860_000,
        left: { safe: 0, unsafe: 2, manual: 1 },
        remaining: [
          ['runs-as-root', 'none'],
          ['apt-recommends-installed', 'unsafe'],
          ['shell-form-command', 'unsafe'],
        ],
        message: 'Dockerfile Slim: applied 1 safe fix (≈ −20 MB est.); left: 2 fixes to review, 1 finding to change by hand.',
      },
    );
  });

  it('every subset of the edits applies cleanly, and the result counts exactly the ticked ones', async () => {
    const uri = 'file:///slim/b/Dockerfile';
    await lsp.open(uri, TEXT);
    // Tick only the exec-form change (untick the safe group and the other unsafe fix).
    const result = await slim(uri, (edits) => edits.filter((e) => e.newText.startsWith('["node"')));
    assert.equal(lsp.text(uri), 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\nCMD ["node", "server.js"]\n');
    assert.deepEqual([result.safeFixes, result.unsafeFixes, result.estimatedBytes], [0, 1, null]);
    assert.equal(result.message, 'Dockerfile Slim: applied 1 unsafe fix (saving not estimated); left: 2 fixes to review, 1 finding to change by hand.');
    // Everything, on what is left: the two other fixes.
    const rest = await slim(uri, all);
    assert.equal(lsp.text(uri), 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install --no-install-recommends -y ca-certificates curl && rm -rf /var/lib/apt/lists/*\nCMD ["node", "server.js"]\n');
    // apt lists (19.86 MB, measured) and curl's recommends less ca-certificates (661,504 B, from Debian's data).
    assert.deepEqual([rest.safeFixes, rest.unsafeFixes, rest.estimatedBytes, rest.left], [1, 1, 20_521_504, { safe: 0, unsafe: 0, manual: 1 }]);
  });

  it('a split is one edit, taken whole or not at all; the safe fixes it carries are applied anyway when it is left unticked', async () => {
    const uri = 'file:///slim/g/Dockerfile';
    await lsp.open(uri, GO);
    const result = await slim(uri, asOffered);
    const { edits, annotations } = editsOf(0);
    assert.equal(edits.length, 1, 'one edit: the preview cannot tick part of it');
    const label = annotations[edits[0]!.annotationId]!.label;
    assert.match(label, /^Split into a build stage and a runtime stage: runs on "scratch" \(≈ −\d+ MB est\.\) — unsafe \(with 2 safe fixes on these lines\)$/);
    assert.equal(annotations[edits[0]!.annotationId]!.needsConfirmation, true);
    const split = applyEdits(GO, edits);
    assert.match(split, /^FROM golang:1\.25 AS build\nRUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf \/var\/lib\/apt\/lists\/\*\n/);
    assert.match(split, /\nFROM scratch\n/);
    // Left unticked: the split is not applied, the safe fix it carried is, in a second edit.
    assert.equal(received.length, 2);
    assert.equal(received[1]!.label, 'Slim this Dockerfile: safe fixes');
    assert.equal(lsp.text(uri), GO.replace('install -y --no-install-recommends git', 'install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*').replace('go build', 'go build -ldflags="-s -w"'));
    assert.deepEqual([result.safeFixes, result.unsafeFixes, result.estimatedBytes], [2, 0, 19_860_000]);
    assert.equal(result.message, 'Dockerfile Slim: applied 2 safe fixes (≈ −20 MB est.); left: 1 fix to review, 1 finding to change by hand.');
  });

  it('a ticked split carries its safe fix and is counted with it', async () => {
    const uri = 'file:///slim/h/Dockerfile';
    await lsp.open(uri, GO);
    const result = await slim(uri, all);
    assert.equal(received.length, 1);
    assert.match(lsp.text(uri), /\nFROM scratch\n/);
    // The apt lists (19.86 MB) plus the split's own estimate: golang → scratch (992.47 MB) and the git install
    // it leaves in the build stage (git is in the golang image already: only apt's layer overhead, 951,812 B).
    assert.deepEqual([result.safeFixes, result.unsafeFixes, result.estimatedBytes], [2, 1, 19_860_000 + 992_470_000 + 951_812]);
    assert.match(result.message, /^Dockerfile Slim: applied 2 safe fixes and 1 unsafe fix \(≈ −1\.0 GB est\.\)/);
  });

  it('without a preview (no change annotations) only the safe fixes are applied, and the message says why', async () => {
    const plain = await LspHarness.start({ capabilities: { ...WITH_ANNOTATIONS, workspace: { ...WITH_ANNOTATIONS.workspace, workspaceEdit: { documentChanges: true } } } });
    try {
      const got = plain.actAsEditor((edits) => edits);
      const uri = 'file:///slim/p/Dockerfile';
      await plain.open(uri, TEXT);
      const result = (await plain.connection.sendRequest(ExecuteCommandRequest.type, { command: 'dockerfileSlim.slimDocument', arguments: [uri] })) as Result;
      assert.equal(got.length, 1);
      assert.equal(plain.text(uri), SAFE_TEXT);
      assert.equal(result.message, 'Dockerfile Slim: applied 1 safe fix (≈ −20 MB est.); left: 2 fixes to review, 1 finding to change by hand (unsafe fixes need a client with a preview, or `dockerfile-slim fix --unsafe`).');
    } finally {
      await plain.stop();
    }
  });

  it('is idempotent: on the slimmed text it sends nothing', async () => {
    const uri = 'file:///slim/c/Dockerfile';
    await lsp.open(uri, 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install --no-install-recommends -y ca-certificates curl && rm -rf /var/lib/apt/lists/*\nCMD ["node", "server.js"]\n');
    const result = await slim(uri, all, { unsafe: 'apply' });
    assert.equal(received.length, 0);
    assert.equal(result.applied, false);
    // runs-as-root has no automatic fix: it is reported, not applied.
    assert.equal(result.message, 'Dockerfile Slim: nothing to fix automatically; left: 1 finding to change by hand.');
  });

  it('reports a refused edit honestly', async () => {
    const uri = 'file:///slim/d/Dockerfile';
    await lsp.open(uri, TEXT);
    const result = await slim(uri, () => null);
    assert.equal(result.applied, false);
    assert.equal(lsp.text(uri), TEXT);
    assert.equal(result.message, 'Dockerfile Slim: nothing applied; left: 3 fixes to review, 1 finding to change by hand.');
  });

  it('"Show estimated savings" agrees with the plan: by real fix safety, "not estimated" rather than 0', async () => {
    const uri = 'file:///slim/e/Dockerfile';
    await lsp.open(uri, TEXT);
    received.length = 0;
    const r = (await lsp.connection.sendRequest(ExecuteCommandRequest.type, { command: 'dockerfileSlim.estimateSavings', arguments: [uri] })) as {
      safe: { bytes: number; count: number; estimated: number };
      unsafe: { bytes: number; count: number; estimated: number };
      message: string;
    };
    assert.equal(received.length, 0);
    assert.deepEqual([r.safe, r.unsafe], [
      { bytes: 19_860_000, count: 1, estimated: 1 },
      { bytes: 661_504, count: 2, estimated: 1 },
    ]);
    assert.equal(r.message, 'Dockerfile Slim: safe fixes: ≈ 20 MB est.; unsafe fixes: ≈ 662 kB est. (1 of 2 not estimated); changes by hand: not estimated.');
  });

  it('an unsafe quick fix that restructures the file opens the preview; a one-line unsafe fix does not', async () => {
    const uri = 'file:///slim/q/Dockerfile';
    const published = await lsp.open(uri, GO);
    const quickFixes = async (code: string) => {
      const diagnostic = published.diagnostics.find((d) => d.code === code)!;
      return (await lsp.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] } })) as {
        title: string;
        edit?: { documentChanges: TextDocumentEdit[]; changeAnnotations?: Record<string, ChangeAnnotation> };
      }[];
    };
    const [split] = await quickFixes('build-in-final-stage');
    assert.match(split!.title, /^Split into a build stage and a runtime stage.*\(unsafe\)$/);
    // One edit over the whole range the split changes, so the preview cannot take part of it.
    const edits = split!.edit!.documentChanges[0]!.edits as AnnotatedTextEdit[];
    assert.equal(edits.length, 1);
    assert.equal(edits[0]!.annotationId, 'dockerfile-slim.confirm');
    assert.deepEqual(edits[0]!.range.start, { line: 0, character: 16 });
    const split1 = applyEdits(GO, edits);
    assert.match(split1, /^FROM golang:1\.25 AS build\n/);
    assert.match(split1, /\nFROM scratch\n/);
    assert.deepEqual(split!.edit!.changeAnnotations, {
      'dockerfile-slim.confirm': { label: `${split!.title}`, description: 'may change what is installed or how it starts: review it', needsConfirmation: true },
    });
    const plainUri = 'file:///slim/r/Dockerfile';
    const { diagnostics } = await lsp.open(plainUri, TEXT);
    const recommends = diagnostics.find((d) => d.code === 'apt-recommends-installed')!;
    const [oneLine] = (await lsp.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: plainUri }, range: recommends.range, context: { diagnostics: [recommends], only: ['quickfix'] } })) as {
      edit: { documentChanges: TextDocumentEdit[]; changeAnnotations?: unknown };
    }[];
    assert.equal(oneLine!.edit.changeAnnotations, undefined);
    assert.equal((oneLine!.edit.documentChanges[0]!.edits[0] as AnnotatedTextEdit).annotationId, undefined);
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
