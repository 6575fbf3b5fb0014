import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ErrorCodes,
  ExecuteCommandRequest,
  HoverRequest,
  ResponseError,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { LspHarness } from './lspHarness';

/**
 * The real server over stdio under abuse: malformed frames and JSON, unknown methods, bad parameters,
 * messages out of order, positions past the end, storms of changes and of open/close. After each, the
 * process must still run and answer, and never publish diagnostics older than ones it already published.
 */
const APT = 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\n';
const APT_CODES = ['apt-lists-left', 'apt-recommends-installed'];
const codes = (p: PublishDiagnosticsParams): string[] => p.diagnostics.map((d) => String(d.code));
const frame = (body: string, header = `Content-Length: ${Buffer.byteLength(body)}`): string => `${header}\r\n\r\n${body}`;

/** Deterministic pseudo-random numbers for the storms. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return x / 2_147_483_648;
  };
}

describe('language server under abuse (stdio)', { timeout: 120_000 }, () => {
  let lsp: LspHarness;
  let n = 0;
  const fresh = (): string => `untitled:Abuse-${++n}`;

  const raw = (text: string): Promise<void> => new Promise((resolve, reject) => lsp.child.stdin!.write(text, (e) => (e ? reject(e) : resolve())));

  /** The server is running, answers a request and lints a new document (a deaf server fails, not hangs). */
  async function assertAnswers(): Promise<void> {
    assert.equal(lsp.child.exitCode, null, 'the server exited');
    let timer: NodeJS.Timeout | undefined;
    const deaf = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the server did not answer within 15 s')), 15_000);
    });
    try {
      const hover = lsp.connection.sendRequest(HoverRequest.type, { textDocument: { uri: 'untitled:none' }, position: { line: 0, character: 0 } });
      assert.equal(await Promise.race([hover, deaf]), null);
      assert.deepEqual(codes(await Promise.race([lsp.open(fresh(), APT), deaf])), APT_CODES);
    } finally {
      clearTimeout(timer);
    }
  }

  before(async () => {
    lsp = await LspHarness.start();
  });
  after(async () => {
    await lsp.stop();
    assert.equal(lsp.child.exitCode, 0, 'shutdown then exit ends the process with 0');
  });

  it('a header without a valid Content-Length, or none: the input is dropped up to the next message', async () => {
    const logged = lsp.logs.length;
    await raw(frame('{"jsonrpc":"2.0","id":900,"method":"shutdown"}', 'Content-Length: abc'));
    await assertAnswers();
    await raw(frame('{"jsonrpc":"2.0","id":901,"method":"shutdown"}', 'Content-Type: application/vscode-jsonrpc; charset=utf-8'));
    await assertAnswers();
    await raw(frame('{}', 'Content-Length: -1'));
    await raw('this is not a header at all\r\n\r\n');
    await assertAnswers();
    const drops = lsp.logs.slice(logged).filter((l) => l.startsWith('Dropped'));
    // Three drops at least: the last two bad inputs may arrive in one read and go as one.
    assert.ok(drops.length >= 3, drops.join('\n'));
    assert.match(drops[0]!, /^Dropped \d+ bytes of input that were not an LSP message: a header without a valid Content-Length\.$/);
  });

  it('a Content-Length larger than the body: in step again with the next message', async () => {
    await raw('Content-Length: 5000\r\n\r\n{"jsonrpc":"2.0","method":"x"}\r\n');
    await assertAnswers();
    // Without a line break before the next header, the declared length eats what follows; then it recovers.
    await raw('Content-Length: 300\r\n\r\n{}');
    for (let i = 0; i < 3; i++) await raw(frame(JSON.stringify({ jsonrpc: '2.0', method: '$/lost', params: { i, padding: 'x'.repeat(60) } })));
    await raw(`${' '.repeat(300)}\r\n`);
    await assertAnswers();
  });

  it('invalid JSON, JSON that is no message, and a body cut short: ignored', async () => {
    for (const body of ['{not json', '[]', '42', 'null', '{"jsonrpc":"2.0"}', '{"jsonrpc":"2.0","id":{},"method":7}', '\u0000\u0001', '{"jsonrpc":"2.0","method":"textDocument/didOpen","params":"x"}']) {
      await raw(frame(body));
    }
    await raw('Content-Length: 5\r\n\r\n{"a":1}\r\n\r\n');
    await assertAnswers();
  });

  it('unknown methods: a request gets MethodNotFound, a notification is ignored', async () => {
    await assert.rejects(lsp.connection.sendRequest('dockerfileSlim/noSuchMethod', { a: 1 }), (e: unknown) => e instanceof ResponseError && e.code === ErrorCodes.MethodNotFound);
    await lsp.connection.sendNotification('dockerfileSlim/noSuchNotification', { a: 1 });
    await lsp.connection.sendNotification('$/noSuchNotification', {});
    assert.equal(await lsp.connection.sendRequest(ExecuteCommandRequest.type, { command: 'no.such.command', arguments: [1, 2] }), null);
    await assertAnswers();
  });

  it('requests with parameters of the wrong shape: answered with an error or nothing, never a crash', async () => {
    const attempts: [string, unknown][] = [
      ['textDocument/hover', { textDocument: 5 }],
      ['textDocument/hover', { textDocument: { uri: 'untitled:none' }, position: { line: 'a', character: null } }],
      ['textDocument/hover', {}],
      ['textDocument/codeAction', { textDocument: { uri: 42 }, range: null, context: null }],
      ['textDocument/codeAction', {}],
      ['workspace/executeCommand', { command: 'dockerfileSlim.applyAllSafeFixes', arguments: [{ uri: 1 }] }],
      ['workspace/executeCommand', { command: 'dockerfileSlim.slimDocument', arguments: [null, 'x'] }],
      ['workspace/executeCommand', { command: 'dockerfileSlim.estimateSavings', arguments: ['untitled:none'] }],
      ['workspace/executeCommand', {}],
    ];
    for (const [method, params] of attempts) {
      try {
        await lsp.connection.sendRequest(method, params);
      } catch (error) {
        assert.ok(error instanceof ResponseError, `${method}: ${String(error)}`);
      }
    }
    await assertAnswers();
  });

  it('out of order: change before open, close of an unknown document, open twice, change after close', async () => {
    const uri = fresh();
    await lsp.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 5 }, contentChanges: [{ text: 'RUN apt-get update\n' }] });
    await lsp.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: 'untitled:never-opened' } });
    const first = await lsp.open(uri, APT, 1);
    assert.deepEqual(codes(first), APT_CODES);
    // A second open of the same document replaces its text.
    const again = lsp.nextDiagnostics(uri, (p) => p.version === 7);
    await lsp.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'dockerfile', version: 7, text: 'FROM scratch\nCMD ./app\n' } });
    assert.deepEqual(codes(await again), ['runs-as-root', 'shell-form-command']);
    const closed = lsp.nextDiagnostics(uri);
    await lsp.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    assert.deepEqual((await closed).diagnostics, []);
    const count = lsp.published.length;
    await lsp.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 9 }, contentChanges: [{ text: APT }] });
    await assertAnswers();
    assert.deepEqual(
      lsp.published.slice(count).filter((p) => p.uri === uri),
      [],
      'nothing published for a closed document',
    );
  });

  it('positions past the end: changes are clamped, requests answered', async () => {
    const uri = fresh();
    await lsp.open(uri, 'FROM debian:bookworm-slim\n');
    const far = { line: 10_000, character: 10_000 };
    const published = lsp.nextDiagnostics(uri, (p) => p.version === 2);
    // Inserting at a position past the end appends; the harness's copy applies the same rule.
    assert.equal(await lsp.change(uri, [{ range: { start: far, end: far }, text: 'RUN apt-get update && apt-get install -y curl\n' }]), 2);
    assert.equal(lsp.text(uri), APT);
    assert.deepEqual(codes(await published), APT_CODES);
    assert.equal(await lsp.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: far }), null);
    const actions = await lsp.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: far, end: { line: 20_000, character: 0 } }, context: { diagnostics: [] } });
    assert.deepEqual(actions, []);
    // A reversed range and negative numbers.
    const odd = await lsp.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 5, character: 3 }, end: { line: -1, character: -4 } }, context: { diagnostics: [] } });
    assert.ok(Array.isArray(odd));
    await assertAnswers();
  });

  it('1,000 changes in a burst, typed at random places: the last publish is the last version, never an older one after a newer', async () => {
    const uri = fresh();
    await lsp.open(uri, APT);
    const start = lsp.published.length;
    const next = random(42);
    const alphabet = ['a', ' ', '\n', '\\', '&', '"', 'RUN apt-get update ', 'é', '😀', '\r\n'];
    let version = 1;
    const sends: Promise<number>[] = [];
    for (let i = 0; i < 1000; i++) {
      const doc = lsp.doc(uri);
      const length = doc.getText().length;
      const a = doc.positionAt(Math.floor(next() * (length + 1)));
      const b = next() < 0.3 ? doc.positionAt(Math.min(length, doc.offsetAt(a) + Math.floor(next() * 5))) : a;
      const text = next() < 0.2 ? '' : alphabet[Math.floor(next() * alphabet.length)]!;
      sends.push(lsp.change(uri, [{ range: { start: a, end: b }, text }]));
    }
    version = (await Promise.all(sends)).at(-1)!;
    assert.equal(version, 1001);
    const last = await lsp.nextDiagnostics(uri, (p) => p.version === version);
    // The same text opened as a new document gets the same diagnostics.
    const finalText = lsp.text(uri);
    const reference = await lsp.open(fresh(), finalText);
    assert.deepEqual(last.diagnostics, reference.diagnostics);

    const versions = lsp.published
      .slice(start)
      .filter((p) => p.uri === uri)
      .map((p) => p.version!);
    assert.deepEqual([...versions].sort((x, y) => x - y), versions, 'versions never go back');
    assert.equal(versions.at(-1), 1001);
    await assertAnswers();
  });

  it('an open/close storm of 300 documents: each ends with empty diagnostics, nothing published after its close', async () => {
    const uris = Array.from({ length: 300 }, () => fresh());
    const start = lsp.published.length;
    for (const [i, uri] of uris.entries()) {
      await lsp.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'dockerfile', version: 1, text: APT } });
      if (i % 3 === 0) await lsp.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: 'FROM scratch\nCMD ./app\n' }] });
      await lsp.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    }
    // A change after the storm: its debounced lint comes after anything the storm still had pending.
    await assertAnswers();
    const marker = fresh();
    await lsp.open(marker, APT);
    await lsp.replace(marker, 'FROM scratch\n');
    for (const uri of uris) {
      const mine = lsp.published.slice(start).filter((p) => p.uri === uri);
      assert.ok(mine.length >= 1, `${uri}: no publish at all`);
      assert.deepEqual(mine.at(-1)!.diagnostics, [], `${uri}: the last publish is not the cleared one`);
    }
  });
});
