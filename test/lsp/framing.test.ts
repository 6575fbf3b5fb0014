import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { FramingFilter } from '../../server/src/lsp/framing.js';

const frame = (body: string, header = `Content-Length: ${Buffer.byteLength(body)}`): string => `${header}\r\n\r\n${body}`;

/** Feeds the chunks through a filter; returns what comes out and the drops it reported. */
function run(chunks: readonly (string | Buffer)[]): { out: string; drops: string[] } {
  const drops: string[] = [];
  const filter = new FramingFilter((reason, bytes) => drops.push(`${reason}: ${bytes}`));
  const out: Buffer[] = [];
  filter.on('data', (b: Buffer) => out.push(b));
  for (const c of chunks) filter.write(typeof c === 'string' ? Buffer.from(c) : c);
  filter.end();
  return { out: Buffer.concat(out).toString(), drops };
}

const ping = frame('{"jsonrpc":"2.0","id":1,"method":"ping"}');
const pong = frame('{"jsonrpc":"2.0","id":2,"method":"pong","params":{"text":"Content-Length: 5\\r\\n\\r\\né😀"}}');

describe('LSP framing filter', () => {
  it('passes well-framed messages through unchanged, however the bytes are chunked', () => {
    const message = fc.record({ id: fc.nat(), text: fc.string({ unit: 'binary', maxLength: 80 }), typed: fc.boolean() }).map(({ id, text, typed }) => {
      const body = JSON.stringify({ jsonrpc: '2.0', id, method: 'textDocument/didOpen', params: { text } });
      const length = `Content-Length: ${Buffer.byteLength(body)}`;
      return frame(body, typed ? `${length}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8` : length);
    });
    fc.assert(
      fc.property(fc.array(message, { minLength: 1, maxLength: 5 }), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 10 }), (messages, sizes) => {
        const bytes = Buffer.from(messages.join(''));
        const chunks: Buffer[] = [];
        for (let at = 0, k = 0; at < bytes.length; k++) {
          const size = sizes[k % sizes.length]!;
          chunks.push(bytes.subarray(at, at + size));
          at += size;
        }
        const r = run(chunks);
        assert.deepEqual(r.drops, []);
        assert.equal(r.out, bytes.toString());
      }),
      { seed: 3, numRuns: 300 },
    );
  });

  it('drops a header without a valid Content-Length and reads on from the next header', () => {
    assert.deepEqual(run([frame('{}', 'Content-Length: abc'), ping]), { out: ping, drops: ['a header without a valid Content-Length: 25'] });
    assert.deepEqual(run([frame('{}', 'Content-Type: x'), pong]), { out: pong, drops: ['a header without a valid Content-Length: 21'] });
    assert.deepEqual(run([frame('{}', 'Content-Length: -5'), ping]).out, ping);
    assert.deepEqual(run([frame('{}', 'garbage line without colon'), ping]).out, ping);
  });

  it('drops stray bytes between messages', () => {
    const r = run([ping, 'hello\r\n\r\n', '\0\0junk', pong, 'Conten', 't-Length: 2\r\n\r\n{}']);
    assert.deepEqual(r, { out: `${ping}${pong}Content-Length: 2\r\n\r\n{}`, drops: ['a header without a valid Content-Length: 9', 'a header without a valid Content-Length: 6'] });
  });

  it('a body cut short by the next header on a new line: dropped, the next message kept', () => {
    const r = run(['Content-Length: 200\r\n\r\n{"jsonrpc":\n', ping]);
    assert.deepEqual(r, { out: ping, drops: ['a body shorter than its Content-Length (200): 35'] });
    assert.deepEqual(run(['Content-Length: 200\r\n\r\n', ping]).out, ping);
  });

  it('a body cut short with the next message right after it: in step again once the declared length has passed', () => {
    const r = run(['Content-Length: 60\r\n\r\n{}', ping, pong, ping]);
    assert.ok(r.out.endsWith(pong + ping), JSON.stringify(r.out));
  });

  it('a Content-Length too short: the cut body goes on (jsonrpc reports its JSON), the rest is dropped', () => {
    const r = run(['Content-Length: 5\r\n\r\n{"a":1}\r\n\r\n', ping]);
    assert.deepEqual(r, { out: `Content-Length: 5\r\n\r\n{"a":${ping}`, drops: ['a header without a valid Content-Length: 6'] });
  });

  it('says so when the input ends inside a message', () => {
    assert.deepEqual(run([ping, 'Content-Length: 10\r\n\r\n{"a"']).drops, ['input ended inside a message: 4']);
  });
});
