import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseWasteLimit } from '../../server/src/cli/commands/measure.js';
import { buildSkipReason, noise, TEST_BUILD } from '../support/builder.js';
import { cli, project } from './helpers.js';

const BUILD_FLAGS = TEST_BUILD.flags.map((f) => `--build-flag=${f}`);

describe('measure: arguments', () => {
  it('reads --max-waste as bytes or a percentage', () => {
    assert.deepEqual(parseWasteLimit('20MB'), { bytes: 20_000_000 });
    assert.deepEqual(parseWasteLimit('512kB'), { bytes: 512_000 });
    assert.deepEqual(parseWasteLimit('1MiB'), { bytes: 1_048_576 });
    assert.deepEqual(parseWasteLimit('1000'), { bytes: 1000 });
    assert.deepEqual(parseWasteLimit('2.5%'), { percent: 2.5 });
  });

  it('a bad --max-waste, no PATH or two PATHs are usage errors (exit 2)', () => {
    const dir = project({ Dockerfile: 'FROM scratch\n' });
    for (const args of [['--max-waste', 'lots', join(dir, 'Dockerfile')], ['--max-waste', '120%', join(dir, 'Dockerfile')], [], [join(dir, 'Dockerfile'), join(dir, 'Dockerfile')]]) {
      const r = cli(['measure', ...args]);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /dockerfile-slim: .*(--max-waste|PATH)/);
    }
  });

  it('no builder installed: one message listing the supported builders, exit 2', () => {
    const dir = project({ Dockerfile: 'FROM scratch\n' });
    const r = cli(['measure', join(dir, 'Dockerfile')], { env: { PATH: join(dir, 'no-bin') } });
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr.trim(),
      `dockerfile-slim: ${join(dir, 'Dockerfile')}: No container builder found: tried docker, podman, buildah. Install one of Docker (with buildx), Podman or Buildah, or set the order of builders to try.`,
    );
    assert.equal(r.stdout, '');
  });

  it('an unknown builder name is named', () => {
    const dir = project({ Dockerfile: 'FROM scratch\n' });
    const r = cli(['measure', '--builder', 'kaniko', join(dir, 'Dockerfile')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown builder "kaniko" \(supported: docker, podman, buildah\)/);
  });
});

describe('measure: the CLI on a real build', { skip: buildSkipReason() }, () => {
  const dir = project({ Dockerfile: 'FROM localhost/busybox\nCOPY blob.bin /data/blob.bin\nRUN chmod 755 /data/blob.bin\n', 'blob.bin': noise(200_000) }, false);
  const dockerfile = join(dir, 'Dockerfile');

  it('JSON: each step with its line, bytes and waste; --max-waste under the waste exits 1', () => {
    const r = cli(['measure', '--format', 'json', ...BUILD_FLAGS, '--builder', 'buildah', '--max-waste', '100kB', dockerfile]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /200\.0 kB wasted \(\d+\.\d%\) is over --max-waste 100kB/);
    const json = JSON.parse(r.stdout);
    assert.equal(json.builder, 'buildah');
    assert.equal(json.wastedBytes, 200_000);
    assert.equal(json.overMaxWaste, true);
    assert.deepEqual(
      json.steps.map((s: { kind: string; line: number; instruction: string; wastedBytes: number; hidesBytes: number }) => [s.kind, s.line, s.instruction, s.wastedBytes, s.hidesBytes]),
      [
        ['base', 1, 'FROM localhost/busybox', 0, 0],
        ['instruction', 2, 'COPY blob.bin /data/blob.bin', 200_000, 0],
        ['instruction', 3, 'RUN chmod 755 /data/blob.bin', 0, 200_000],
      ],
    );
    assert.deepEqual(json.waste.map((w: { storedBy: { line: number }; hiddenBy: { line: number }; paths: unknown }) => [w.storedBy.line, w.hiddenBy.line, w.paths]), [[2, 3, [{ path: 'data/blob.bin', bytes: 200_000 }]]]);
    assert.ok(Math.abs(json.layerBytes - json.imageBytes) / json.imageBytes < 0.01);
  });

  it('text: a table by line, the stage total and the waste sentence; within --max-waste exits 0', () => {
    const r = cli(['measure', ...BUILD_FLAGS, '--builder', 'buildah', '--max-waste', '10%', dockerfile]);
    // 200 kB of a ~2.5 MB image is about 8%.
    assert.equal(r.code, 0, r.stderr);
    const out = r.stdout.split('\n');
    assert.match(out[0]!, /built with buildah in [\d.]+ s; layers [\d.]+ MB \(podman image inspect: [\d.]+ MB, 0\.\d\d% apart\)/);
    assert.match(out[3]!, /^ {5}2 {2}COPY blob\.bin \/data\/blob\.bin +20\d\.\d kB +200\.0 kB {2}200\.0 kB overwritten by line 3$/);
    assert.match(out[4]!, /^ {5}3 {2}RUN chmod 755 \/data\/blob\.bin +20\d\.\d kB +hides 200\.0 kB of line 2$/);
    assert.ok(r.stdout.includes('200.0 kB wasted: line 3 (RUN) replaces a file that line 2 (COPY) stored; the image keeps both copies: /data/blob.bin (200.0 kB).'));
  });
});
