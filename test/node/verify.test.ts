import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { verifySlim, type VerifyOptions } from '../../server/src/node/verify.js';
import { cli } from '../cli/helpers.js';
import { buildSkipReason, context, noise, TEST_BUILD, TEST_RUN_FLAGS } from '../support/builder.js';
import { engineReady } from '../support/engine.js';

/** Verify by building: both files are built with buildah and run once with podman (runc). */
const OPTIONS: VerifyOptions = { builders: [...TEST_BUILD.builders], flags: [...TEST_BUILD.flags], runFlags: [...TEST_RUN_FLAGS], waitMs: 2000 };

describe('verify by building (buildah + podman)', { skip: buildSkipReason() }, () => {
  before(() => engineReady);

  it('a slim file that does not build is reported, with the reason', async () => {
    const dir = context({ Dockerfile: 'FROM localhost/busybox\nCMD ["echo", "hi"]\n' });
    const v = await verifySlim(join(dir, 'Dockerfile'), 'FROM localhost/busybox\nCMD ["echo", "hi"]\n', 'FROM localhost/busybox\nRUN exit 3\nCMD ["echo", "hi"]\n', 0, OPTIONS);
    assert.equal(v.ok, false);
    assert.equal(v.slimBytes, null);
    assert.deepEqual(v.original, { state: 'exited', exitCode: 0, log: 'hi', firstLine: 'hi', probed: [], answered: [] });
    assert.match(v.problem!, /^the slim Dockerfile does not build: the build failed \(buildah bud exited with \d+\): /);
    assert.match(v.buildLog!, /exit 3/);
  });

  it('a slim container that stops where the original stays up is reported', async () => {
    const dir = context({ Dockerfile: 'x' });
    const v = await verifySlim(join(dir, 'Dockerfile'), 'FROM localhost/busybox\nCMD ["sleep", "60"]\n', 'FROM localhost/busybox\nCMD ["sh", "-c", "echo gone; exit 4"]\n', 0, OPTIONS);
    assert.equal(v.ok, false);
    assert.deepEqual([v.original.state, v.slim?.state, v.slim?.exitCode], ['running', 'exited', 4]);
    assert.equal(v.problem, "the slim image's container exits with 4 but the original's stays up; its last output: gone");
  });

  it('fix --unsafe --verify: builds both, reports the measured saving, and writes the file', () => {
    const original = 'FROM localhost/busybox\nCOPY blob.bin /data/blob.bin\nRUN chmod 755 /data/blob.bin\nCMD echo hello\n';
    const dir = context({ Dockerfile: original, 'blob.bin': noise(300_000) });
    const path = join(dir, 'Dockerfile');
    const r = cli(['fix', '--unsafe', '--verify', '--builder', 'buildah', ...TEST_BUILD.flags.map((f) => `--build-flag=${f}`), ...TEST_RUN_FLAGS.map((f) => `--run-flag=${f}`), path]);
    assert.equal(r.code, 0, r.stderr);
    // COPY --chmod stores the file once: the 300,000-byte copy (and its tar header) is the saving.
    assert.match(r.stdout, new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: verify \\(buildah\\): original [\\d.]+ MB, slim [\\d.]+ MB: measured saving 30\\d\\.\\d kB; container: original exits with 0, slim exits with 0, same first line$`, 'm'));
    const fixed = readFileSync(path, 'utf8');
    assert.notEqual(fixed, original);
    assert.match(fixed, /COPY --chmod=755 blob\.bin \/data\/blob\.bin/);
  });
});
