import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { measureReport, type ImageLayerFiles, type LayerEntry } from '../../server/src/engine/index.js';
import { measureText } from '../../server/src/cli/commands/measure.js';
import { setCliLocale } from '../../server/src/cli/messages.js';
import type { Measurement } from '../../server/src/node/measure.js';
import { engineReady } from '../support/engine.js';

const file = (path: string, size: number): LayerEntry => ({ path, size, type: 'file' });
const dir = (path: string): LayerEntry => ({ path, size: 0, type: 'directory' });
const layer = (...entries: LayerEntry[]): ImageLayerFiles => ({ bytes: 512 * (entries.length + 2) + entries.reduce((s, e) => s + e.size, 0), entries });
const TEXT = 'FROM localhost/busybox\nCOPY blob.bin /data/blob.bin\nRUN chmod 755 /data/blob.bin\n';
const HISTORY = ['/bin/sh', '/bin/sh -c #(nop) COPY file:1 in /data/blob.bin ', '/bin/sh -c chmod 755 /data/blob.bin'].map((createdBy) => ({ createdBy, emptyLayer: false }));
const LAYERS = [layer(dir('bin'), file('bin/busybox', 2_000_000)), layer(dir('data'), file('data/blob.bin', 300_000)), layer(dir('data'), file('data/blob.bin', 300_000))];

/** `measure`'s text report of a made-up build, in one language. */
function report(locale: 'en' | 'zh-cn'): string[] {
  const m: Measurement = { builder: { name: 'buildah', command: 'buildah' }, report: measureReport(TEXT, { history: HISTORY, layers: LAYERS, imageBytes: null }), buildSeconds: 3.42 };
  setCliLocale(locale);
  try {
    return measureText('Dockerfile', m, TEXT.split('\n')).split('\n');
  } finally {
    setCliLocale('en');
  }
}

describe('measure: the text report in both languages', () => {
  before(() => engineReady);

  it('English', () => {
    assert.deepEqual(report('en'), [
      'Dockerfile: built with buildah in 3.4 s; layers 2.6 MB',
      '  line  instruction                                           size    wasted  notes',
      '     1  FROM localhost/busybox                              2.0 MB',
      '     2  COPY blob.bin /data/blob.bin                      302.0 kB  300.0 kB  300.0 kB overwritten by line 3',
      '     3  RUN chmod 755 /data/blob.bin                      302.0 kB            hides 300.0 kB of line 2',
      'Stage 0 total: 2.6 MB (base 2.0 MB + 604.1 kB from this Dockerfile)',
      'Wasted: 300.0 kB (11.5% of the layers), each hidden copy counted once',
      '  300.0 kB wasted: line 3 (RUN) replaces a file that line 2 (COPY) stored; the image keeps both copies: /data/blob.bin (300.0 kB).',
      '',
    ]);
  });

  it('Simplified Chinese: the same columns (a CJK character is two columns wide)', () => {
    const zh = report('zh-cn');
    assert.deepEqual(zh, [
      'Dockerfile：用 buildah 构建，耗时 3.4 秒；各层合计 2.6 MB',
      '    行  指令                                                  大小      浪费  说明',
      '     1  FROM localhost/busybox                              2.0 MB',
      '     2  COPY blob.bin /data/blob.bin                      302.0 kB  300.0 kB  300.0 kB 被第 3 行覆盖',
      '     3  RUN chmod 755 /data/blob.bin                      302.0 kB            遮盖了第 2 行的 300.0 kB',
      '阶段 0 合计：2.6 MB（基础镜像 2.0 MB + 此 Dockerfile 的 604.1 kB）',
      '浪费：300.0 kB（占各层的 11.5%），每份被遮盖的副本只计一次',
      '  浪费 300.0 kB：第 3 行（RUN）替换了第 2 行（COPY）存入的 1 个文件；镜像保留了两份副本：/data/blob.bin（300.0 kB）。',
      '',
    ]);
  });
});
