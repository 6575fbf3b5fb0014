import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Tests that build real images need buildah, root (rootful storage) and the local base images that
 * `ONLY=none bash bench/image-size/setup.sh` makes. Elsewhere they are skipped with the reason shown; CI sets
 * DOCKERFILE_SLIM_BUILD_TESTS=require, so a missing piece fails there instead of skipping.
 */
export function buildSkipReason(images: readonly string[] = ['localhost/busybox:latest']): string | undefined {
  const reason = missing(images);
  if (reason && process.env.DOCKERFILE_SLIM_BUILD_TESTS === 'require') throw new Error(`DOCKERFILE_SLIM_BUILD_TESTS=require, but ${reason}`);
  return reason ? `skipped: ${reason}` : undefined;
}

function missing(images: readonly string[]): string | undefined {
  if (process.platform !== 'linux') return 'image builds are tested on Linux only';
  if (process.getuid?.() !== 0) return 'image builds need root (rootful buildah storage)';
  if (spawnSync('buildah', ['--version']).status !== 0) return 'buildah is not installed (apt-get install buildah podman; see .ci/run)';
  for (const image of images) {
    if (spawnSync('podman', ['image', 'exists', image]).status !== 0) return `${image} is missing (make it with \`ONLY=none bash bench/image-size/setup.sh\`)`;
  }
  return undefined;
}

/** How the tests build here: buildah, chroot isolation (crun does not work on every host), no registry. */
export const TEST_BUILD = { builders: ['buildah'], flags: ['--isolation=chroot', '--pull=never'] } as const;

/** How the tests run containers here: Podman with runc and lowered limits (see ../shared/notes/image-lab.md). */
export const TEST_RUN_FLAGS = ['--runtime=runc', '--ulimit=nofile=1024:1024', '--ulimit=nproc=1024:1024'] as const;

/** A build context in a fresh temporary directory; Buffers are written as they are. */
export function context(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dfslim-measure-'));
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return dir;
}

/** `n` bytes that do not compress and differ run to run (so no builder cache can serve them). */
export function noise(n: number): Buffer {
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(Math.random() * 256);
  return out;
}
