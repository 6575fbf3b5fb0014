import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LspHarness } from './lspHarness';

describe('transports', () => {
  it('serves over --node-ipc as VS Code starts it (TransportKind.ipc)', async () => {
    const lsp = await LspHarness.start({ transport: 'ipc' });
    try {
      const published = await lsp.open('untitled:Dockerfile', 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\n');
      assert.deepEqual(
        published.diagnostics.map((d) => d.code),
        ['apt-lists-left', 'apt-recommends-installed'],
      );
    } finally {
      await lsp.stop();
    }
  });
});
