import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dominantEol, LineTable } from '../../server/src/engine/text.js';

/** Line starts as LSP and dockerfile-ast count them: after `\r\n`, `\n` and a lone `\r`. */
function referenceStarts(text: string): number[] {
  const starts = [0];
  const re = /\r\n|\n|\r/g;
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index + m[0].length);
  return starts;
}

function referenceEol(text: string): string {
  const count = (re: RegExp): number => text.match(re)?.length ?? 0;
  const crlf = count(/\r\n/g);
  const lf = count(/(?<!\r)\n/g);
  const cr = count(/\r(?!\n)/g);
  if (crlf > lf && crlf >= cr) return '\r\n';
  if (cr > lf && cr > crlf) return '\r';
  return '\n';
}

describe('line table and line ending (text without a CR takes the string-search path)', () => {
  it('starts lines and picks the dominant line ending as the reference does, with and without CR', () => {
    let seed = 11;
    const random = (n: number): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    const pieces = ['a', 'RUN x', '\n', '\n', '\r\n', '\r', ' ', '\\', '\u2028', '#'];
    const texts = ['', '\n', '\r', '\r\n', 'a', 'a\n', '\n\n', 'a\r\nb\nc\rd', '\r\r\n\n'];
    for (let n = 0; n < 400; n++) {
      const noCr = n % 2 === 0;
      let t = '';
      for (let k = random(30); k > 0; k--) t += pieces[random(noCr ? 4 : pieces.length)];
      texts.push(noCr ? t.replace(/\r/g, '') : t);
    }
    let withCr = 0;
    for (const text of texts) {
      if (text.includes('\r')) withCr++;
      const lines = new LineTable(text);
      assert.deepEqual(lines.starts, referenceStarts(text), JSON.stringify(text));
      assert.equal(dominantEol(text), referenceEol(text), JSON.stringify(text));
      for (let l = 0; l < lines.lineCount; l++) assert.ok(!/[\r\n]/.test(lines.lineText(l)), JSON.stringify(text));
    }
    assert.ok(withCr > 100 && withCr < texts.length - 100, `${withCr} of ${texts.length} with CR`);
  });
});
