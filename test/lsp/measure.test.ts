import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { CodeLensRequest, ExecuteCommandRequest, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import type { MeasureResult } from '../../server/src/lsp/protocol.js';
import { buildSkipReason, context, noise, TEST_BUILD } from '../support/builder.js';
import { LspHarness } from './lspHarness';

let lsp: LspHarness;
const lenses = async (uri: string) => (await lsp.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? [];

const TEXT = 'FROM localhost/busybox\nENV A=1\nCOPY blob.bin /data/blob.bin\nRUN chmod 755 /data/blob.bin\n';

describe('language server: measure', () => {
  before(async () => {
    lsp = await LspHarness.start();
  });
  after(async () => {
    await lsp.stop();
  });

  it('no code lenses before a measurement; a document not on disk cannot be measured', async () => {
    const uri = 'untitled:Dockerfile-measure';
    await lsp.open(uri, TEXT);
    assert.deepEqual(await lenses(uri), []);
    const result = (await lsp.connection.sendRequest(ExecuteCommandRequest.type, { command: 'dockerfileSlim.measureDocument', arguments: [uri] })) as MeasureResult;
    assert.deepEqual(result, { ok: false, message: 'Dockerfile Slim: only a Dockerfile on disk can be measured (its folder is the build context).' });
  });

  it('an unknown builder in the settings is named', async () => {
    const dir = context({ Dockerfile: TEXT });
    const uri = pathToFileURL(join(dir, 'Dockerfile')).toString();
    await lsp.open(uri, TEXT);
    const none = (await lsp.connection.sendRequest(ExecuteCommandRequest.type, { command: 'dockerfileSlim.measureDocument', arguments: [uri, { builders: ['nonexistent-builder'] }] })) as MeasureResult;
    assert.deepEqual(none, { ok: false, message: 'Dockerfile Slim: unknown builder "nonexistent-builder" (supported: docker, podman, buildah)' });
  });
});

describe('language server: measure a real build', { skip: buildSkipReason() }, () => {
  before(async () => {
    lsp = await LspHarness.start();
  });
  after(async () => {
    await lsp.stop();
  });

  it('shows the measured sizes as code lenses and the waste on both lines, until the text changes', async () => {
    const dir = context({ Dockerfile: TEXT, 'blob.bin': noise(250_000) });
    const uri = pathToFileURL(join(dir, 'Dockerfile')).toString();
    await lsp.open(uri, TEXT);
    const logs: string[] = [];
    const phases: string[] = [];
    lsp.connection.onNotification('dockerfileSlim/buildLog', (p: { text: string }) => void logs.push(p.text));
    lsp.connection.onNotification('dockerfileSlim/measureProgress', (p: { message: string }) => void phases.push(p.message));
    const result = (await lsp.connection.sendRequest(ExecuteCommandRequest.type, {
      command: 'dockerfileSlim.measureDocument',
      arguments: [uri, { builders: [...TEST_BUILD.builders], buildFlags: [...TEST_BUILD.flags] }],
    })) as MeasureResult;
    assert.equal(result.ok, true, result.message);
    assert.equal(result.wastedBytes, 250_000);
    assert.match(result.message, /^Dockerfile Slim: measured with buildah in \d+ s: [\d.]+ MB; 250\.0 kB wasted in one place \(see Problems\)\.$/);
    assert.deepEqual(phases, ['building with buildah', 'saving the image', 'reading the layers']);
    assert.match(logs.join(''), /STEP 3\/4: COPY blob\.bin \/data\/blob\.bin/);

    const published = await waitFor(() => lsp.published.filter((p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'layer-waste')).at(-1));
    const waste = published.diagnostics.filter((d) => d.code === 'layer-waste');
    const message = 'Measured: 250.0 kB wasted: line 4 (RUN) replaces a file that line 3 (COPY) stored; the image keeps both copies: /data/blob.bin (250.0 kB).';
    assert.deepEqual(
      waste.map((d) => [d.range.start.line, d.severity, d.message, d.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line, r.message])]),
      [
        [2, 2, message, [[uri, 3, 'replaced here']]],
        [3, 2, message, [[uri, 2, 'stored here']]],
      ],
    );

    const titles = (await lenses(uri)).map((l) => [l.range.start.line, l.command?.title]);
    assert.equal(titles.length, 3);
    assert.match(String(titles[0]![1]), /^Measured \(buildah\): base image [\d.]+ MB · stage total [\d.]+ MB, 50\d\.\d kB from this file · 250\.0 kB wasted$/);
    assert.deepEqual(titles[0]![0], 0);
    assert.match(String(titles[1]![1]), /^Measured: 25\d\.\d kB · 250\.0 kB of it hidden later$/);
    assert.deepEqual(titles[1]![0], 2);
    assert.match(String(titles[2]![1]), /^Measured: 25\d\.\d kB · hides 250\.0 kB stored below$/);

    // An edit makes the figures stale: they go.
    const next = await lsp.replace(uri, `${TEXT}# edited\n`);
    assert.deepEqual(next.diagnostics.filter((d) => d.code === 'layer-waste'), []);
    assert.deepEqual(await lenses(uri), []);
  });
});

async function waitFor(get: () => PublishDiagnosticsParams | undefined, ms = 15_000): Promise<PublishDiagnosticsParams> {
  const end = Date.now() + ms;
  for (;;) {
    const value = get();
    if (value) return value;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
