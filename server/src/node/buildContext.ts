import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { BuildContextInfo } from '../engine/index.js';

/**
 * What the engine may know about the build context of a Dockerfile on disk. The context is taken to be the
 * Dockerfile's directory, which is what `docker build .` next to it uses (a build run from elsewhere, with
 * `-f`, has another context that cannot be known here). Reads only; never runs anything.
 */
export function buildContextFor(dockerfilePath: string): BuildContextInfo {
  const dir = dirname(dockerfilePath);
  const info: BuildContextInfo = { hasPackageJson: kindOf(join(dir, 'package.json')) === 'file', hasGitDir: kindOf(join(dir, '.git')) === 'dir', goMod: smallFileOf(dir, 'go.mod'), cargoToml: smallFileOf(dir, 'Cargo.toml') };
  if (info.hasPackageJson) {
    const scripts = packageScripts(join(dir, 'package.json'));
    if (scripts) info.packageScripts = scripts;
  }
  // BuildKit reads `<Dockerfile name>.dockerignore` beside the Dockerfile first, then `.dockerignore` at the
  // context root.
  for (const name of [`${basename(dockerfilePath)}.dockerignore`, '.dockerignore']) {
    // Usually neither is there: ask without an exception (building one costs more than the look).
    if (kindOf(join(dir, name)) === null) continue;
    try {
      info.dockerignore = readFileSync(join(dir, name), 'utf8');
      if (name !== '.dockerignore') info.dockerignorePath = name;
      return info;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') continue;
      // There but unreadable (a directory, no permission): what it excludes is unknown.
      delete info.dockerignore;
      return info;
    }
  }
  info.dockerignore = null;
  return info;
}

/** The string-valued `scripts` of a package.json; null when it has none or cannot be read or parsed. */
function packageScripts(path: string): Record<string, string> | null {
  try {
    const scripts: unknown = (JSON.parse(readFileSync(path, 'utf8')) as { scripts?: unknown } | null)?.scripts;
    if (typeof scripts !== 'object' || scripts === null || Array.isArray(scripts)) return null;
    const out: Record<string, string> = {};
    for (const [name, text] of Object.entries(scripts)) if (typeof text === 'string') out[name] = text;
    return Object.keys(out).length > 0 ? out : null;
  } catch {
    return null;
  }
}

/**
 * A manifest at the context root: go.mod (which modules need cgo), Cargo.toml (the program `cargo run` starts);
 * null when there is none, undefined when unreadable or over 1 MB.
 */
function smallFileOf(dir: string, name: string): string | null | undefined {
  const path = join(dir, name);
  const kind = kindOf(path);
  if (kind === null) return null;
  try {
    return kind === 'file' && statSync(path).size <= 1_000_000 ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

function kindOf(path: string): 'file' | 'dir' | 'other' | null {
  try {
    const s = statSync(path, { throwIfNoEntry: false });
    if (!s) return null;
    return s.isFile() ? 'file' : s.isDirectory() ? 'dir' : 'other';
  } catch {
    return null;
  }
}
