import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CodeActionRequest,
  ExecuteCommandRequest,
  HoverRequest,
  InlayHintRequest,
  type CodeAction,
  type Diagnostic,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { applyEdits, editsFor, LspHarness } from './lspHarness';

const DOCS = 'https://github.com/dockerfile-slim/dockerfile-slim/blob/main/docs/rules/';
const APT = 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\n';
const LISTS_MESSAGE = '"apt-get update" leaves /var/lib/apt/lists in this layer: remove it in the same RUN. (≈ 20 MB)';
const RECOMMENDS_MESSAGE = '"apt-get install" without "--no-install-recommends" also installs the packages these recommend. (≈ 662 kB)';

const listsDiagnostic: Diagnostic = {
  range: { start: { line: 1, character: 4 }, end: { line: 1, character: 18 } },
  severity: 2,
  source: 'dockerfile-slim',
  code: 'apt-lists-left',
  codeDescription: { href: `${DOCS}apt-lists-left.md` },
  message: LISTS_MESSAGE,
  data: {
    ruleId: 'apt-lists-left',
    fixes: 2,
    safeFixes: 1,
    estimate: { bytes: 19_860_000, basis: 'apt lists after apt-get update on Debian bookworm, measured with buildah (other releases and mirrors differ)' },
  },
};
const recommendsDiagnostic: Diagnostic = {
  range: { start: { line: 1, character: 22 }, end: { line: 1, character: 37 } },
  severity: 2,
  source: 'dockerfile-slim',
  code: 'apt-recommends-installed',
  codeDescription: { href: `${DOCS}apt-recommends-installed.md` },
  message: RECOMMENDS_MESSAGE,
  data: {
    ruleId: 'apt-recommends-installed',
    fixes: 1,
    safeFixes: 0,
    estimate: {
      bytes: 661_504,
      basis:
        "estimate: Debian Installed-Size of the packages apt adds on debian:bookworm-slim (debian:bookworm's packages (debootstrap minbase per the bookworm index; for bookworm the same 88 packages as an image made with debuerreotype)), from the Debian bookworm 12.15 main amd64 package index of 11 Jul 2026; with Recommends minus without (keeping ca-certificates)",
      id: 'apt-recommends@48',
    },
  },
};

const codes = (p: PublishDiagnosticsParams): string[] => p.diagnostics.map((d) => String(d.code));

describe('language server over stdio', () => {
  let lsp: LspHarness;
  let n = 0;
  const fresh = (): string => `untitled:Dockerfile-${++n}`;

  before(async () => {
    lsp = await LspHarness.start();
  });
  after(async () => {
    await lsp.stop();
  });

  async function codeActions(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const result = await lsp.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range,
      context: only ? { diagnostics, only } : { diagnostics },
    });
    return (result ?? []) as CodeAction[];
  }

  it('announces its capabilities', () => {
    const caps = lsp.result.capabilities;
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
    assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.dockerfile-slim', 'refactor.rewrite.dockerfile-slim'], resolveProvider: false });
    assert.deepEqual(caps.executeCommandProvider, {
      commands: ['dockerfileSlim.applyAllSafeFixes', 'dockerfileSlim.slimDocument', 'dockerfileSlim.estimateSavings', 'dockerfileSlim.measureDocument', 'dockerfileSlim.verifyDocument'],
    });
    assert.deepEqual(caps.codeLensProvider, { resolveProvider: false });
    assert.equal(caps.hoverProvider, true);
  });

  it('publishes exact diagnostics when a Dockerfile opens, with the settings it asked for', async () => {
    const uri = fresh();
    const before = lsp.configurationItems.length;
    const published = await lsp.open(uri, APT);
    assert.equal(published.version, 1);
    assert.deepEqual(published.diagnostics, [listsDiagnostic, recommendsDiagnostic]);
    assert.deepEqual(lsp.configurationItems.slice(before), [{ scopeUri: uri, section: 'dockerfileSlim' }]);
  });

  it('offers the fix and the ignore action; the applied fix clears the diagnostic', async () => {
    const uri = fresh();
    await lsp.open(uri, APT);
    const actions = await codeActions(uri, [listsDiagnostic]);
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.isPreferred]),
      [
        ['Remove the apt lists at the end of this RUN', 'quickfix', true],
        ['Keep the cache in a BuildKit cache mount on /var/cache/apt and /var/lib/apt/lists (needs BuildKit) (unsafe)', 'quickfix', false],
        ['Ignore apt-lists-left for this instruction', 'quickfix', undefined],
        ['Fix all safe problems in this file', 'quickfix', undefined],
      ],
    );
    // "Fix all safe problems" is the fix-all edit, offered in the quick-fix menu.
    assert.equal(applyEdits(lsp.text(uri), editsFor(actions[3]!.edit!, uri)), 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n');
    assert.deepEqual(actions[0]!.diagnostics, [listsDiagnostic]);
    assert.deepEqual(actions[0]!.edit, {
      documentChanges: [
        {
          textDocument: { uri, version: 1 },
          edits: [{ range: { start: { line: 1, character: 45 }, end: { line: 1, character: 45 } }, newText: ' && rm -rf /var/lib/apt/lists/*' }],
        },
      ],
    });
    const fixed = applyEdits(lsp.text(uri), editsFor(actions[0]!.edit!, uri));
    assert.equal(fixed, 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n');
    const after = await lsp.replace(uri, fixed);
    assert.deepEqual(codes(after), ['apt-recommends-installed']);
  });

  it('marks unsafe fixes in the title and never prefers them', async () => {
    const uri = fresh();
    await lsp.open(uri, APT);
    const actions = await codeActions(uri, [recommendsDiagnostic]);
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred]),
      [
        ['Add --no-install-recommends (and ca-certificates, which curl only recommends; ≈ −662 kB est.) (unsafe)', false],
        ['Ignore apt-recommends-installed for this instruction', undefined],
        ['Fix all safe problems in this file', undefined],
      ],
    );
    const fixed = applyEdits(lsp.text(uri), editsFor(actions[0]!.edit!, uri));
    assert.equal(fixed, 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install --no-install-recommends -y ca-certificates curl\n');
  });

  it('answers no quick fixes for diagnostics that no longer match a finding', async () => {
    const uri = fresh();
    await lsp.open(uri, APT);
    const moved = { ...listsDiagnostic, range: { start: { line: 1, character: 5 }, end: { line: 1, character: 18 } } };
    const foreign = { ...listsDiagnostic, source: 'hadolint' };
    assert.deepEqual(await codeActions(uri, [moved, foreign]), []);
  });

  it('source.fixAll applies the safe fixes only, as one edit; the command returns the same edit', async () => {
    const uri = fresh();
    await lsp.open(uri, APT);
    const actions = await codeActions(uri, [], ['source.fixAll']);
    assert.equal(actions.length, 1);
    assert.equal(actions[0]!.kind, 'source.fixAll.dockerfile-slim');
    assert.equal(actions[0]!.title, 'Apply all safe Dockerfile Slim fixes');
    const fixed = applyEdits(lsp.text(uri), editsFor(actions[0]!.edit!, uri));
    assert.equal(fixed, 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n');

    const viaCommand = await lsp.connection.sendRequest(ExecuteCommandRequest.type, { command: 'dockerfileSlim.applyAllSafeFixes', arguments: [uri] });
    assert.deepEqual(viaCommand, actions[0]!.edit);

    // Quick-fix requests do not get the source action, and source requests get no quick fixes.
    assert.deepEqual((await codeActions(uri, [listsDiagnostic], ['quickfix'])).map((a) => a.kind), ['quickfix', 'quickfix', 'quickfix', 'quickfix']);
    assert.deepEqual((await codeActions(uri, [listsDiagnostic], ['source'])).map((a) => a.kind), ['source.fixAll.dockerfile-slim']);

    await lsp.replace(uri, fixed);
    assert.deepEqual(await codeActions(uri, [], ['source.fixAll.dockerfile-slim']), []);
    assert.equal(await lsp.connection.sendRequest(ExecuteCommandRequest.type, { command: 'dockerfileSlim.applyAllSafeFixes', arguments: [uri] }), null);
  });

  it('the ignore action inserts the comment above the instruction, indented, with the document line ending', async () => {
    const uri = fresh();
    const crlf = 'FROM debian:bookworm-slim\r\n  RUN echo start \\\r\n   && apt-get update && apt-get install -y curl\r\n';
    const opened = await lsp.open(uri, crlf);
    assert.deepEqual(codes(opened), ['apt-lists-left', 'apt-recommends-installed']);
    const lists = opened.diagnostics[0]!;
    assert.equal(lists.range.start.line, 2);
    const ignore = (await codeActions(uri, [lists])).find((a) => a.title === 'Ignore apt-lists-left for this instruction')!;
    const ignored = applyEdits(lsp.text(uri), editsFor(ignore.edit!, uri));
    assert.equal(ignored, 'FROM debian:bookworm-slim\r\n  # dockerfile-slim ignore=apt-lists-left\r\n  RUN echo start \\\r\n   && apt-get update && apt-get install -y curl\r\n');
    const afterFirst = await lsp.replace(uri, ignored);
    assert.deepEqual(codes(afterFirst), ['apt-recommends-installed']);

    // A second rule joins the comment that is already there.
    const second = (await codeActions(uri, [afterFirst.diagnostics[0]!])).find((a) => a.title === 'Ignore apt-recommends-installed for this instruction')!;
    const both = applyEdits(lsp.text(uri), editsFor(second.edit!, uri));
    assert.equal(both, 'FROM debian:bookworm-slim\r\n  # dockerfile-slim ignore=apt-lists-left,apt-recommends-installed\r\n  RUN echo start \\\r\n   && apt-get update && apt-get install -y curl\r\n');
    assert.deepEqual(codes(await lsp.replace(uri, both)), []);
  });

  it('re-lints with new settings after didChangeConfiguration', async () => {
    const uri = fresh();
    assert.deepEqual(codes(await lsp.open(uri, APT)), ['apt-lists-left', 'apt-recommends-installed']);
    lsp.settingsFor = () => ({ rules: { 'apt-lists-left': 'off', 'apt-recommends-installed': 'error', 'shell-form-command': 'default' } });
    try {
      const next = lsp.nextDiagnostics(uri);
      await lsp.changeConfiguration();
      const relinted = await next;
      assert.equal(relinted.version, 1);
      assert.deepEqual(codes(relinted), ['apt-recommends-installed']);
      assert.equal(relinted.diagnostics[0]!.severity, 1);
    } finally {
      lsp.settingsFor = () => ({});
      const next = lsp.nextDiagnostics(uri);
      await lsp.changeConfiguration();
      assert.deepEqual(codes(await next), ['apt-lists-left', 'apt-recommends-installed']);
    }
  });

  it('shows per-instruction size estimates as inlay hints, with their source; off with dockerfileSlim.sizeHints false', async () => {
    assert.equal(lsp.result.capabilities.inlayHintProvider, true);
    const uri = fresh();
    await lsp.open(uri, 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nCOPY . /app\n');
    const range = { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } };
    const hints = (await lsp.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range })) ?? [];
    assert.deepEqual(
      hints.map((h) => [h.position, h.label, h.paddingLeft]),
      [
        [{ line: 0, character: 25 }, '≈ 78 MB', true],
        [{ line: 1, character: 69 }, '≈ +32 MB', true],
      ],
    );
    assert.match(String(hints[1]!.tooltip), /^Dockerfile Slim size estimate \(not a measurement\): estimate: Debian Installed-Size/);
    // Only the requested lines.
    const second = await lsp.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 10 } } });
    assert.deepEqual((second ?? []).map((h) => h.label), ['≈ +32 MB']);
    lsp.settingsFor = () => ({ sizeHints: false });
    try {
      await lsp.changeConfiguration();
      assert.equal(await lsp.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range }), null);
    } finally {
      lsp.settingsFor = () => ({});
      await lsp.changeConfiguration();
    }
  });

  it('warns once, with a notification, about invalid settings', async () => {
    const uri = fresh();
    const shownBefore = lsp.shownMessages.length;
    lsp.settingsFor = () => ({ rules: { 'apt-lists-left': 'loud', 'no-such-rule': 'off' } });
    try {
      const next = lsp.nextDiagnostics(uri);
      await lsp.changeConfiguration();
      await lsp.open(uri, APT);
      await next;
      // Re-reading the same invalid settings does not warn again.
      const again = lsp.nextDiagnostics(uri);
      await lsp.changeConfiguration();
      assert.deepEqual(codes(await again), ['apt-lists-left', 'apt-recommends-installed']);
    } finally {
      lsp.settingsFor = () => ({});
    }
    assert.deepEqual(lsp.shownMessages.slice(shownBefore), [
      {
        type: 2,
        message: 'Dockerfile Slim settings: ignored rule "apt-lists-left": level must be one of off, info, warning, error; unknown rule "no-such-rule".',
      },
    ]);
    assert.deepEqual(lsp.messageRequests, []);
  });

  it('answers [] and null for documents it does not know, and keeps working', async () => {
    const unknown = 'file:///nowhere/Dockerfile';
    assert.deepEqual(await codeActions(unknown, [listsDiagnostic]), []);
    assert.deepEqual(await codeActions(unknown, [], ['source.fixAll']), []);
    assert.equal(await lsp.connection.sendRequest(HoverRequest.type, { textDocument: { uri: unknown }, position: { line: 0, character: 0 } }), null);
    assert.equal(await lsp.connection.sendRequest(ExecuteCommandRequest.type, { command: 'dockerfileSlim.applyAllSafeFixes', arguments: [unknown] }), null);
    assert.equal(await lsp.connection.sendRequest(ExecuteCommandRequest.type, { command: 'dockerfileSlim.applyAllSafeFixes', arguments: [] }), null);
    const uri = fresh();
    assert.deepEqual(codes(await lsp.open(uri, APT)), ['apt-lists-left', 'apt-recommends-installed']);
  });

  it('hovers base images and package-manager flags, escaped and untrusted; nothing elsewhere or past the end', async () => {
    const uri = fresh();
    await lsp.open(uri, `${APT}FROM alpine:3.20\n`);
    const hover = (line: number, character: number) => lsp.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
    const image = (await hover(0, 7)) as { contents: { kind: string; value: string }; range: unknown };
    assert.equal(image.contents.kind, 'markdown');
    assert.ok(image.contents.value.startsWith('**debian\\:bookworm\\-slim** · Debian, slim'), image.contents.value);
    assert.deepEqual(image.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 25 } });
    const flag = (await hover(1, 39)) as { contents: { value: string } };
    assert.ok(flag.contents.value.startsWith('**apt-get -y**'), flag.contents.value);
    const alpine = (await hover(2, 7)) as { contents: { value: string } };
    assert.match(alpine.contents.value, /128 KiB stack/);
    assert.doesNotMatch(alpine.contents.value, /\]\(command:/);
    for (const [line, character] of [[1, 10], [40, 99]] as const) assert.equal(await hover(line, character), null);
  });

  it('debounces a burst of 200 changes and never publishes a stale version after a newer one', async () => {
    const uri = fresh();
    const clean = 'RUN echo hi';
    const dirty = 'RUN apt-get update && apt-get install -y curl';
    await lsp.open(uri, APT);
    const start = lsp.published.length;
    // Change k (0-based) makes version k + 2; even versions hold the clean line, odd ones the dirty line.
    const expected = (version: number): string[] => (version % 2 === 0 ? [] : ['apt-lists-left', 'apt-recommends-installed']);
    let line = dirty;
    const sends: Promise<number>[] = [];
    for (let i = 0; i < 200; i++) {
      const next = line === dirty ? clean : dirty;
      sends.push(lsp.change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: line.length } }, text: next }]));
      line = next;
    }
    const lastOfBurst = lsp.nextDiagnostics(uri, (p) => p.version === 201);
    assert.equal((await Promise.all(sends)).at(-1), 201);
    assert.deepEqual(codes(await lastOfBurst), expected(201));
    // One more change: any publish still pending from the burst would arrive before this one.
    const marker = await lsp.replace(uri, 'FROM debian:bookworm-slim\nCMD node server.js\n');
    assert.deepEqual(codes(marker), ['runs-as-root', 'shell-form-command']);

    const burst = lsp.published.slice(start).filter((p) => p.uri === uri && p.version !== 202);
    const versions = burst.map((p) => p.version!);
    assert.deepEqual([...versions].sort((a, b) => a - b), versions, 'versions never go back');
    assert.equal(new Set(versions).size, versions.length, 'no version published twice');
    for (const p of burst) assert.deepEqual(codes(p), expected(p.version!), `diagnostics of version ${p.version} match its text`);
    assert.equal(versions.at(-1), 201);
    // On an idle machine this is exactly [201]; a scheduling stall of a whole debounce period inside the
    // burst may legitimately publish an intermediate version, never 200 of them.
    assert.ok(versions.length <= 10, `${versions.length} publishes for one burst: ${versions.join(', ')}`);
  });

  it('clears diagnostics on close', async () => {
    const uri = fresh();
    await lsp.open(uri, APT);
    const closed = await lsp.close(uri);
    assert.deepEqual(closed, { uri, diagnostics: [] });
  });

  it('does not lint .dockerignore files that match the Dockerfile.* pattern', async () => {
    const published = await lsp.open('file:///project/Dockerfile.dockerignore', 'RUN apt-get update\n');
    assert.deepEqual(published.diagnostics, []);
  });
});
