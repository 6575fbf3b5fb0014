import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { ExecuteCommandRequest } from 'vscode-languageserver-protocol/node';
import type { VerifyRequestOptions, VerifyResult } from '../../server/src/lsp/protocol.js';
import { buildSkipReason, context, noise, TEST_BUILD, TEST_RUN_FLAGS } from '../support/builder.js';
import { LspHarness } from './lspHarness';

let lsp: LspHarness;
const verify = async (uri: string, options: Partial<VerifyRequestOptions>) =>
  (await lsp.connection.sendRequest(ExecuteCommandRequest.type, { command: 'dockerfileSlim.verifyDocument', arguments: [uri, options] })) as VerifyResult | null;

const BEFORE = 'FROM localhost/busybox\nCOPY blob.bin /data/blob.bin\nRUN chmod 755 /data/blob.bin\nCMD ["echo", "hello"]\n';
const AFTER = 'FROM localhost/busybox\nCOPY --chmod=755 blob.bin /data/blob.bin\nCMD ["echo", "hello"]\n';
const BUILD = { builders: [...TEST_BUILD.builders], buildFlags: [...TEST_BUILD.flags], runFlags: [...TEST_RUN_FLAGS] };

describe('language server: verify by building', () => {
  before(async () => {
    lsp = await LspHarness.start();
  });
  after(async () => {
    await lsp.stop();
  });

  it('answers null without the text from before; refuses a document not on disk, and a text that did not change', async () => {
    const untitled = 'untitled:Dockerfile-verify';
    await lsp.open(untitled, AFTER);
    assert.equal(await verify(untitled, {}), null);
    assert.deepEqual(await verify(untitled, { original: BEFORE }), {
      ok: false,
      failure: 'cannot-verify',
      message: 'Dockerfile Slim: only a Dockerfile on disk can be verified (its folder is the build context).',
    });
    const uri = pathToFileURL(join(context({ Dockerfile: BEFORE }), 'Dockerfile')).toString();
    await lsp.open(uri, BEFORE);
    assert.deepEqual(await verify(uri, { original: BEFORE, estimatedBytes: 5 }), {
      ok: false,
      failure: 'cannot-verify',
      estimatedBytes: 5,
      message: 'Dockerfile Slim: nothing to verify: the text is the same as before "Slim this Dockerfile".',
    });
  });

  it('an unknown builder is named, and nothing is built', async () => {
    const uri = pathToFileURL(join(context({ Dockerfile: AFTER }), 'Dockerfile')).toString();
    await lsp.open(uri, AFTER);
    assert.deepEqual(await verify(uri, { original: BEFORE, builders: ['nonexistent-builder'] }), {
      ok: false,
      failure: 'cannot-verify',
      estimatedBytes: null,
      message: 'Dockerfile Slim: unknown builder "nonexistent-builder" (supported: docker, podman, buildah)',
    });
  });
});

describe('language server: verify by building, real builds', { skip: buildSkipReason() }, () => {
  before(async () => {
    lsp = await LspHarness.start();
  });
  after(async () => {
    await lsp.stop();
  });

  it('builds the text from before and the editor text, runs both, and puts the measured saving next to the estimate', async () => {
    const dir = context({ Dockerfile: BEFORE, 'blob.bin': noise(300_000) });
    const uri = pathToFileURL(join(dir, 'Dockerfile')).toString();
    await lsp.open(uri, AFTER);
    const phases: string[] = [];
    const logs: string[] = [];
    lsp.connection.onNotification('dockerfileSlim/measureProgress', (p: { uri: string; message: string }) => void (p.uri === uri && phases.push(p.message)));
    lsp.connection.onNotification('dockerfileSlim/buildLog', (p: { uri: string; text: string }) => void (p.uri === uri && logs.push(p.text)));
    const result = await verify(uri, { ...BUILD, original: BEFORE, estimatedBytes: 300_000 });
    assert.ok(result?.ok, result?.message);
    assert.equal(result.builder, 'buildah');
    assert.equal(result.estimatedBytes, 300_000);
    // The chmod layer held a second copy of the 300,000-byte file (plus its tar header).
    assert.ok(result.originalBytes! - result.slimBytes! >= 300_000 && result.originalBytes! - result.slimBytes! < 310_000, `${result.originalBytes} - ${result.slimBytes}`);
    assert.match(
      result.message,
      /^Dockerfile Slim: verified by building with buildah: original [\d.]+ MB, slimmed [\d.]+ MB, 30\d\.\d kB saved, measured \(estimated ≈ 300\.0 kB\); the slimmed container exits with 0 like the original's, with the same first line\.$/,
    );
    assert.deepEqual(phases, ['original: building with buildah', 'original: saving the image', 'original: reading the layers', 'slim: building with buildah', 'slim: saving the image', 'slim: reading the layers']);
    assert.match(logs.join(''), /COPY --chmod=755 blob\.bin \/data\/blob\.bin/);
  });

  it('a slimmed text that does not build is reported as such', async () => {
    const dir = context({ Dockerfile: BEFORE, 'blob.bin': noise(1000) });
    const uri = pathToFileURL(join(dir, 'Dockerfile')).toString();
    await lsp.open(uri, 'FROM localhost/busybox\nRUN exit 3\n');
    const result = await verify(uri, { ...BUILD, original: BEFORE });
    assert.deepEqual(
      { ...result, originalBytes: typeof result?.originalBytes },
      {
        ok: false,
        failure: 'slim-build',
        builder: 'buildah',
        originalBytes: 'number',
        slimBytes: null,
        estimatedBytes: null,
        message: 'Dockerfile Slim: the slimmed Dockerfile does not build with buildah (the original does); the build log is in the "Dockerfile Slim: build" output.',
      },
    );
  });

  it('a slimmed container that stops where the original stays up is reported, with both sizes', async () => {
    const dir = context({ Dockerfile: 'x' });
    const uri = pathToFileURL(join(dir, 'Dockerfile')).toString();
    await lsp.open(uri, 'FROM localhost/busybox\nCMD ["sh", "-c", "echo gone; exit 4"]\n');
    const result = await verify(uri, { ...BUILD, original: 'FROM localhost/busybox\nCMD ["sleep", "60"]\n' });
    assert.equal(result?.failure, 'slim-run');
    assert.match(result!.message, /^Dockerfile Slim: the slimmed image builds \(original [\d.]+ MB, slimmed [\d.]+ MB\) but does not run like the original: the slim image's container exits with 4 but the original's stays up; its last output: gone\.$/);
  });
});
