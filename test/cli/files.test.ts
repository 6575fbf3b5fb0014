import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FileError, readDockerfile } from '../../server/src/cli/files.js';

/** What a strict decoder says of the bytes (the reading `readDockerfile` keeps): the text and BOM, or that it fails. */
function strict(bytes: Buffer): { text: string; bom: boolean } | 'invalid' {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return 'invalid';
  }
  return text.startsWith('\uFEFF') ? { text: text.slice(1), bom: true } : { text, bom: false };
}

describe('reading a Dockerfile as strict UTF-8', () => {
  it('reads exactly what a fatal TextDecoder reads, and refuses what it refuses (edge sequences and random bytes)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dfslim-utf8-'));
    const edges = [
      [0xef, 0xbb, 0xbf, 0x46],
      [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf],
      [0xc0, 0x80],
      [0xc1, 0xbf],
      [0xc2, 0x80],
      [0xe0, 0x80, 0x80],
      [0xe0, 0xa0, 0x80],
      [0xed, 0xa0, 0x80],
      [0xed, 0x9f, 0xbf],
      [0xef, 0xbf, 0xbf],
      [0xf0, 0x8f, 0xbf, 0xbf],
      [0xf0, 0x90, 0x80, 0x80],
      [0xf4, 0x8f, 0xbf, 0xbf],
      [0xf4, 0x90, 0x80, 0x80],
      [0xf5, 0x80, 0x80, 0x80],
      [0xe2, 0x82],
      [0x41, 0xe2, 0x82, 0xac, 0x0a],
      [0xff],
      [],
    ];
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 256;
    const useful = [0x00, 0x0a, 0x0d, 0x41, 0x7f, 0x80, 0xbf, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff];
    for (let n = 0; n < 300; n++) edges.push(Array.from({ length: 1 + (random() % 9) }, () => (random() % 2 ? useful[random() % useful.length]! : random())));
    let valid = 0;
    edges.forEach((bytes, i) => {
      const path = join(dir, `f${i}`);
      writeFileSync(path, Buffer.from(bytes));
      const want = strict(Buffer.from(bytes));
      if (want === 'invalid') {
        assert.throws(() => readDockerfile(path), FileError, `bytes ${bytes.join(',')}`);
      } else {
        valid++;
        assert.deepEqual(readDockerfile(path), want, `bytes ${bytes.join(',')}`);
      }
    });
    // Both kinds were met.
    assert.ok(valid > 20 && valid < edges.length - 20, `${valid} valid of ${edges.length}`);
  });
});
