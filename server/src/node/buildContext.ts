import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BuildContextInfo } from '../engine/index.js';

/**
 * What the engine may know about the build context of a Dockerfile on disk. The context is taken to be the
 * Dockerfile's directory, which is what `docker build .` next to it uses. Reads only; never runs anything.
 */
export function buildContextFor(dockerfilePath: string): BuildContextInfo {
  const dir = dirname(dockerfilePath);
  const info: BuildContextInfo = { hasPackageJson: existsSync(join(dir, 'package.json')) };
  // BuildKit reads `<Dockerfile>.dockerignore` first, then `.dockerignore` at the context root.
  for (const candidate of [`${dockerfilePath}.dockerignore`, join(dir, '.dockerignore')]) {
    try {
      info.dockerignore = readFileSync(candidate, 'utf8');
      return info;
    } catch {
      // not there (or unreadable): try the next one
    }
  }
  info.dockerignore = null;
  return info;
}
