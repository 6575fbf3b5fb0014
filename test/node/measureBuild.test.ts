import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { MeasureReport } from '../../server/src/engine/index.js';
import { measureDockerfile, type MeasureOptions } from '../../server/src/node/measure.js';
import { buildSkipReason, context, noise, TEST_BUILD } from '../support/builder.js';
import { engineReady } from '../support/engine.js';

/**
 * Real images, built with buildah, measured from their saved layers. Every expected figure is worked out
 * by hand from the Dockerfile: the bytes a step writes are chosen (head -c N, files of N bytes), so the
 * waste is known before the build. Each report's layer sum must be within 1% of `podman image inspect`.
 */
async function measure(files: Record<string, string | Buffer>, options: MeasureOptions = {}): Promise<{ report: MeasureReport; log: string }> {
  const dir = context(files);
  const path = join(dir, 'Dockerfile');
  let log = '';
  const { report } = await measureDockerfile(path, readFileSync(path, 'utf8'), { ...TEST_BUILD, onLog: (t) => (log += t), ...options });
  assert.ok(report.imageBytes !== null && report.imageBytes > 0, 'podman gives the image size');
  const apart = Math.abs(report.layerBytes - report.imageBytes!) / report.imageBytes!;
  assert.ok(apart < 0.01, `layer sum ${report.layerBytes} vs podman image inspect ${report.imageBytes}: ${(apart * 100).toFixed(2)}% apart`);
  return { report, log };
}

const lines = (report: MeasureReport) => report.steps.map((s) => [s.keyword, s.range.start.line + 1]);
const links = (report: MeasureReport) => report.links.map((l) => [report.steps[l.producer]!.range.start.line + 1, report.steps[l.hider]!.range.start.line + 1, l.kind, l.bytes, l.paths.map((p) => p.path)]);

/** A layer holds its files' bytes plus tar headers (512 B per entry) and padding: a few kB on top. */
function about(bytes: number, content: number): void {
  assert.ok(bytes >= content && bytes < content + 8192, `${bytes} bytes for ${content} bytes of content`);
}

describe('measure: real builds with buildah (busybox base)', { skip: buildSkipReason() }, () => {
  before(() => engineReady);

  it('COPY then RUN chmod stores the file twice: the copy is wasted, on both lines', async () => {
    const { report } = await measure({ Dockerfile: 'FROM localhost/busybox\nCOPY blob.bin /data/blob.bin\nRUN chmod 755 /data/blob.bin\n', 'blob.bin': noise(300_000) });
    assert.deepEqual(lines(report), [
      ['FROM', 1],
      ['COPY', 2],
      ['RUN', 3],
    ]);
    assert.deepEqual(links(report), [[2, 3, 'overwritten', 300_000, ['data/blob.bin']]]);
    assert.equal(report.wastedBytes, 300_000);
    about(report.steps[1]!.bytes, 300_000);
    about(report.steps[2]!.bytes, 300_000);
    assert.equal(report.steps[1]!.wastedBytes, 300_000);
    assert.equal(report.steps[2]!.hidesBytes, 300_000);
  });

  it('podman as the builder gives the same layers and waste as buildah (the adapter reads either the same way)', async () => {
    const files = { Dockerfile: 'FROM localhost/busybox\nCOPY blob.bin /data/blob.bin\nRUN chmod 755 /data/blob.bin\n', 'blob.bin': noise(200_000) };
    let used = '';
    const { report } = await measure(files, { builders: ['podman'], afterBuild: async (builder) => void (used = builder.name) });
    assert.equal(used, 'podman');
    assert.deepEqual(links(report), [[2, 3, 'overwritten', 200_000, ['data/blob.bin']]]);
    assert.equal(report.wastedBytes, 200_000);
    about(report.steps[1]!.bytes, 200_000);
  });

  it('a file written three times: each hidden copy once (100 kB + 200 kB), the visible one not at all', async () => {
    const { report } = await measure({
      Dockerfile: 'FROM localhost/busybox\nRUN head -c 100000 /dev/urandom > /f\nRUN head -c 200000 /dev/urandom > /f\nRUN head -c 50000 /dev/urandom > /f\n',
    });
    assert.deepEqual(links(report), [
      [3, 4, 'overwritten', 200_000, ['f']],
      [2, 3, 'overwritten', 100_000, ['f']],
    ]);
    assert.equal(report.wastedBytes, 300_000);
    assert.deepEqual(report.topPaths, [{ path: 'f', bytes: 300_000 }]);
  });

  it('a directory removed in a later RUN: every file below it, with its path', async () => {
    const { report } = await measure({
      Dockerfile: 'FROM localhost/busybox\nCOPY app/ /app/\nRUN rm -rf /app\n',
      'app/a.bin': noise(100_000),
      'app/lib/b.bin': noise(50_000),
    });
    assert.deepEqual(links(report), [[2, 3, 'deleted', 150_000, ['app/a.bin', 'app/lib/b.bin']]]);
    assert.equal(report.links[0]!.pathCount, 2);
    // The deleting layer stores only whiteouts.
    assert.ok(report.steps[2]!.bytes < 8192);
  });

  it('a directory removed and made again (an opaque directory): the old content is wasted, the new is not', async () => {
    const { report } = await measure({
      Dockerfile: 'FROM localhost/busybox\nRUN mkdir /d && head -c 70000 /dev/urandom > /d/old\nRUN rm -rf /d && mkdir /d && head -c 3000 /dev/urandom > /d/new\n',
    });
    assert.deepEqual(links(report), [[2, 3, 'deleted', 70_000, ['d/old']]]);
    about(report.steps[2]!.bytes, 3000);
  });

  it('multi-stage: only the final stage is in the image; a small COPY --from wastes nothing', async () => {
    const { report } = await measure({
      Dockerfile:
        'FROM localhost/busybox AS build\nRUN head -c 500000 /dev/urandom > /big && head -c 1000 /dev/urandom > /small\nFROM localhost/busybox\nCOPY --from=build /small /small\n',
    });
    assert.deepEqual(lines(report), [
      ['FROM', 3],
      ['COPY', 4],
    ]);
    assert.equal(report.wastedBytes, 0);
    about(report.steps[1]!.bytes, 1000);
    assert.equal(report.stage.index, 1);
  });
});

describe('measure: real builds with buildah (Debian slim base, apt)', { skip: buildSkipReason(['localhost/debian:bookworm-slim']) }, () => {
  before(() => engineReady);

  it('apt lists removed in a separate RUN: the lists are wasted, on the line that fetched them and the one that removed them', async () => {
    // The RUN prints the lists' size as `find` sees it inside the container; the measure must agree to the byte.
    const { report, log } = await measure({
      Dockerfile:
        "FROM localhost/debian:bookworm-slim\nRUN apt-get update && find /var/lib/apt/lists -type f -printf '%s\\n' | awk '{s+=$1} END {print \"LISTS_BYTES=\" s}'\nRUN rm -rf /var/lib/apt/lists/*\n",
    });
    const listed = Number(/LISTS_BYTES=(\d+)/.exec(log)?.[1]);
    assert.ok(listed > 1_000_000, `apt-get update fetched ${listed} bytes of lists`);
    assert.equal(report.links.length, 1);
    const [link] = report.links;
    assert.deepEqual([report.steps[link!.producer]!.range.start.line + 1, report.steps[link!.hider]!.range.start.line + 1, link!.kind], [2, 3, 'deleted']);
    assert.equal(link!.bytes, listed);
    assert.equal(report.wastedBytes, listed);
    assert.ok(link!.paths.every((p) => p.path.startsWith('var/lib/apt/lists/')), link!.paths.map((p) => p.path).join(', '));
  });
});
