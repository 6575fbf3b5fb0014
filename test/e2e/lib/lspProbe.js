// A bare LSP client over stdio (Content-Length framing, no library), used to ask the language server a
// question directly, e.g. whether it has a hover for a position yet, so a UI step can tell "not built yet"
// (skip) from "built but not shown" (fail).
'use strict';
const { spawnGroup, stopGroup } = require('./processes');

/**
 * Starts `node <server> --stdio`, initializes, opens `text` as `uri`, runs `ask(request)` and shuts down.
 * `request(method, params)` resolves with the result (rejects on an error response or after `timeoutMs`).
 */
async function withServer(serverPath, { uri, text, languageId = 'dockerfile', timeoutMs = 15_000 }, ask) {
  const child = spawnGroup(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const pending = new Map();
  let nextId = 1;
  let buffer = Buffer.alloc(0);
  child.stderr.resume();
  child.stdout.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const headerEnd = buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString())[1]);
      if (buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8'));
      buffer = buffer.subarray(headerEnd + 4 + length);
      if (message.id !== undefined && message.method !== undefined) {
        // A request from the server (configuration, registration, showMessageRequest): answer with null.
        send({ jsonrpc: '2.0', id: message.id, result: null });
      } else if (message.id !== undefined && pending.has(message.id)) {
        const { resolve, reject, timer } = pending.get(message.id);
        clearTimeout(timer);
        pending.delete(message.id);
        if (message.error) reject(new Error(`${message.error.code}: ${message.error.message}`));
        else resolve(message.result);
      }
    }
  });
  function send(message) {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    child.stdin.write(body);
  }
  const notify = (method, params) => send({ jsonrpc: '2.0', method, params });
  const request = (method, params) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`no answer to ${method} within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      pending.set(id, { resolve, reject, timer });
      send({ jsonrpc: '2.0', id, method, params });
    });
  try {
    await request('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    notify('initialized', {});
    notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return await ask(request);
  } finally {
    await request('shutdown', null).catch(() => {});
    notify('exit', null);
    await stopGroup(child.pid, 2000);
  }
}

module.exports = { withServer };
