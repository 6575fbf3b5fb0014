import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  alignHistory,
  hiddenCopies,
  historyKeyword,
  measureReport,
  normalizeLayerPath,
  wasteSentence,
  type ImageLayerFiles,
  type LayerEntry,
} from '../../server/src/engine/index.js';
import { engineReady } from '../support/engine.js';

const file = (path: string, size: number): LayerEntry => ({ path, size, type: 'file' });
const dir = (path: string): LayerEntry => ({ path, size: 0, type: 'directory' });
const layer = (...entries: LayerEntry[]): ImageLayerFiles => ({ bytes: 512 * (entries.length + 2) + entries.reduce((s, e) => s + e.size, 0), entries });

describe('measure: hidden copies in a layer stack', () => {
  it('normalizes tar paths', () => {
    assert.equal(normalizeLayerPath('./usr/bin/'), 'usr/bin');
    assert.equal(normalizeLayerPath('/etc//hosts'), 'etc/hosts');
    assert.equal(normalizeLayerPath('./'), '');
  });

  it('a whiteout deletes one file: hidden once, by the deleting layer', () => {
    const copies = hiddenCopies([{ entries: [dir('data/'), file('data/a', 100), file('data/b', 7)] }, { entries: [dir('data/'), file('data/.wh.a', 0)] }]);
    assert.deepEqual(copies, [{ path: 'data/a', bytes: 100, producer: 0, hider: 1, kind: 'deleted' }]);
  });

  it('a whiteout on a directory deletes everything below it', () => {
    const copies = hiddenCopies([{ entries: [dir('app'), file('app/x', 10), dir('app/lib'), file('app/lib/y', 20), file('keep', 5)] }, { entries: [file('.wh.app', 0)] }]);
    assert.deepEqual(
      copies.map((c) => [c.path, c.bytes]).sort(),
      [
        ['app/lib/y', 20],
        ['app/x', 10],
      ],
    );
  });

  it('an opaque marker hides the lower layers’ content of its directory, not its own layer’s', () => {
    const copies = hiddenCopies([
      { entries: [dir('d'), file('d/old', 300), file('e', 1)] },
      { entries: [dir('d'), file('d/.wh..wh..opq', 0), file('d/new', 4)] },
      { entries: [file('d/.wh.new', 0)] },
    ]);
    assert.deepEqual(copies, [
      { path: 'd/old', bytes: 300, producer: 0, hider: 1, kind: 'deleted' },
      { path: 'd/new', bytes: 4, producer: 1, hider: 2, kind: 'deleted' },
    ]);
  });

  it('a replaced file counts each hidden copy once, never the visible one', () => {
    // The same path written three times (100, 200, 50 bytes): 300 bytes are hidden, not 350 or 3 × anything.
    const copies = hiddenCopies([{ entries: [file('f', 100)] }, { entries: [file('f', 200)] }, { entries: [file('f', 50)] }]);
    assert.deepEqual(copies, [
      { path: 'f', bytes: 100, producer: 0, hider: 1, kind: 'overwritten' },
      { path: 'f', bytes: 200, producer: 1, hider: 2, kind: 'overwritten' },
    ]);
  });

  it('a directory replaced by a file hides the directory’s files; a directory entry seen again hides nothing', () => {
    const copies = hiddenCopies([{ entries: [dir('x'), file('x/a', 9), dir('y'), file('y/b', 3)] }, { entries: [file('x', 1), dir('y')] }]);
    assert.deepEqual(copies, [{ path: 'x/a', bytes: 9, producer: 0, hider: 1, kind: 'overwritten' }]);
  });

  it('deleting what does not exist, and empty files, hide nothing', () => {
    assert.deepEqual(hiddenCopies([{ entries: [file('empty', 0)] }, { entries: [file('.wh.empty', 0), file('.wh.never', 0)] }]), []);
  });
});

describe('measure: history entries to instructions', () => {
  it('reads the keyword of buildah/podman, classic Docker and BuildKit entries', () => {
    assert.equal(historyKeyword('/bin/sh -c #(nop) COPY file:07e9 in /data/blob.bin '), 'COPY');
    assert.equal(historyKeyword('/bin/sh -c #(nop)  ENV A=1'), 'ENV');
    assert.equal(historyKeyword('/bin/sh -c chmod 755 /data/blob.bin'), 'RUN');
    assert.equal(historyKeyword('|1 FOO=bar /bin/sh -c rm /data/blob.bin'), 'RUN');
    assert.equal(historyKeyword('RUN /bin/sh -c apt-get update # buildkit'), 'RUN');
    assert.equal(historyKeyword('COPY app /app # buildkit'), 'COPY');
    assert.equal(historyKeyword('WORKDIR /app'), 'WORKDIR');
  });

  it('pairs from the end, skips entries the builder added, and leaves the base at the front', () => {
    const history = ['/bin/sh', '/bin/sh -c #(nop) CMD ["sh"]', '/bin/sh -c #(nop) ENV A=1', '/bin/sh -c echo', '/bin/sh -c #(nop) LABEL x=1'].map((createdBy) => ({ createdBy, emptyLayer: false }));
    const { pairs, baseEnd } = alignHistory(history, [{ keyword: 'ENV' }, { keyword: 'RUN' }]);
    assert.deepEqual([...pairs].sort(), [
      [2, 0],
      [3, 1],
    ]);
    assert.equal(baseEnd, 2);
  });
});

describe('measure: the report', () => {
  before(() => engineReady);
  const text = 'FROM localhost/busybox\nENV A=1\nCOPY blob.bin /data/blob.bin\nRUN chmod 755 /data/blob.bin \\\n && true\nRUN rm /data/blob.bin\n';
  const history = [
    { createdBy: '/bin/sh', emptyLayer: false },
    { createdBy: '/bin/sh -c #(nop) ENV A=1', emptyLayer: true },
    { createdBy: '/bin/sh -c #(nop) COPY file:1 in /data/blob.bin ', emptyLayer: false },
    { createdBy: '/bin/sh -c chmod 755 /data/blob.bin && true', emptyLayer: false },
    { createdBy: '/bin/sh -c rm /data/blob.bin', emptyLayer: false },
  ];
  const layers = [
    layer(dir('bin'), file('bin/busybox', 2000)),
    layer(dir('data'), file('data/blob.bin', 300)),
    layer(dir('data'), file('data/blob.bin', 300)),
    layer(dir('data'), file('data/.wh.blob.bin', 0)),
  ];

  it('maps layers to their lines, counts waste once and links both lines', () => {
    const report = measureReport(text, { history, layers, imageBytes: 4000 });
    assert.deepEqual(
      report.steps.map((s) => [s.kind, s.keyword, s.range.start.line, s.range.end.line, s.layers, s.bytes, s.wastedBytes, s.hidesBytes]),
      [
        ['base', 'FROM', 0, 0, [0], layers[0]!.bytes, 0, 0],
        ['instruction', 'ENV', 1, 1, [], 0, 0, 0],
        ['instruction', 'COPY', 2, 2, [1], layers[1]!.bytes, 300, 0],
        ['instruction', 'RUN', 3, 4, [2], layers[2]!.bytes, 300, 300],
        ['instruction', 'RUN', 5, 5, [3], layers[3]!.bytes, 0, 300],
      ],
    );
    assert.equal(report.wastedBytes, 600);
    assert.equal(report.layerBytes, layers.reduce((s, l) => s + l.bytes, 0));
    assert.deepEqual(report.topPaths, [{ path: 'data/blob.bin', bytes: 600 }]);
    assert.deepEqual(
      report.links.map((l) => [l.producer, l.hider, l.kind, l.bytes, l.pathCount]),
      [
        [2, 3, 'overwritten', 300, 1],
        [3, 4, 'deleted', 300, 1],
      ],
    );
    assert.equal(
      wasteSentence(report, report.links[0]!),
      '300 B wasted: line 4 (RUN) replaces a file that line 3 (COPY) stored; the image keeps both copies: /data/blob.bin (300 B).',
    );
    assert.equal(
      wasteSentence(report, report.links[1]!),
      '300 B wasted: line 6 (RUN) deletes a file that line 4 (RUN) stored; the image still stores it: /data/blob.bin (300 B).',
    );
    assert.deepEqual(report.notes, []);
  });

  it('puts the static estimates beside the measured step', () => {
    const report = measureReport(text, { history, layers, imageBytes: null }, {
      findings: [{ ruleId: 'some-rule', severity: 'warning', message: 'm', range: { start: { line: 4, character: 1 }, end: { line: 4, character: 3 } }, fixes: [], estimate: { bytes: 42, basis: 'b' } }],
    });
    assert.deepEqual(report.steps[3]!.estimates, [{ ruleId: 'some-rule', bytes: 42, basis: 'b' }]);
  });

  it('multi-stage: the final stage chain only; a stage built FROM another stage includes that stage’s lines', () => {
    const ms = 'FROM localhost/busybox AS build\nRUN make\nFROM localhost/busybox AS base\nRUN setup\nFROM base\nCOPY --from=build /out /out\n';
    const h = [
      { createdBy: '/bin/sh', emptyLayer: false },
      { createdBy: '/bin/sh -c setup', emptyLayer: false },
      { createdBy: '/bin/sh -c #(nop) COPY dir:1 in /out ', emptyLayer: false },
    ];
    const ls = [layer(file('bin/busybox', 5)), layer(file('etc/conf', 3)), layer(file('out', 2))];
    const report = measureReport(ms, { history: h, layers: ls, imageBytes: null });
    assert.deepEqual(
      report.steps.map((s) => [s.keyword, s.range.start.line, s.layers]),
      [
        ['FROM', 2, [0]],
        ['RUN', 3, [1]],
        ['COPY', 5, [2]],
      ],
    );
    assert.equal(report.stage.index, 2);
    const build = measureReport(ms, { history: [h[0]!, { createdBy: '/bin/sh -c make', emptyLayer: false }], layers: [ls[0]!, ls[1]!], imageBytes: null }, { target: 'build' });
    assert.deepEqual(
      build.steps.map((s) => [s.keyword, s.range.start.line]),
      [
        ['FROM', 0],
        ['RUN', 1],
      ],
    );
  });

  it('says so when history and layers do not line up, and still reports', () => {
    const report = measureReport(text, { history: history.slice(0, 3), layers, imageBytes: null });
    assert.match(report.notes.join('\n'), /4 layers but 2 history entries/);
    assert.match(report.notes.join('\n'), /no history entry: RUN \(line 4\), RUN \(line 6\)/);
  });

  it('an unknown target is an error, not a guess', () => {
    assert.throws(() => measureReport(text, { history, layers, imageBytes: null }, { target: 'nope' }), /no stage named "nope"/);
  });
});
