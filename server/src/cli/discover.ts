import { readdirSync, statSync, type Dirent } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { ct } from './messages.js';

const SKIPPED_DIRS = new Set(['node_modules', '.git']);

/** Names a Dockerfile goes by: the ones VS Code's `dockerfile` language and BuildKit users use. */
export function isDockerfileName(name: string): boolean {
  // `Dockerfile.dockerignore` is BuildKit's per-Dockerfile ignore file, not a Dockerfile.
  if (name.endsWith('.dockerignore')) return false;
  return (
    name === 'Dockerfile' ||
    name === 'Containerfile' ||
    name.startsWith('Dockerfile.') ||
    name.startsWith('Containerfile.') ||
    name.endsWith('.dockerfile') ||
    name.endsWith('.Dockerfile')
  );
}

/**
 * The files to check, one at a time: each PATH that is a file, and the Dockerfiles found under each PATH that
 * is a directory (recursively, in name order, not following directory symlinks). Problems (a missing path, a
 * directory without Dockerfiles, an unreadable directory) go to `onError`; the walk goes on.
 */
export function* discover(paths: readonly string[], onError: (message: string) => void): Generator<string> {
  const seen = new Set<string>();
  for (const path of paths) {
    let isDir: boolean;
    try {
      const st = statSync(path);
      if (!st.isDirectory() && !st.isFile()) {
        onError(ct('notRegular', { path }));
        continue;
      }
      isDir = st.isDirectory();
    } catch (error) {
      onError(ct('pathProblem', { path, problem: describeIoError(error) }));
      continue;
    }
    if (!isDir) {
      const full = resolvedPath(path);
      if (!seen.has(full)) {
        seen.add(full);
        yield path;
      }
      continue;
    }
    let found = 0;
    for (const file of walk(path, onError)) {
      found++;
      const full = resolvedPath(file);
      if (seen.has(full)) continue;
      seen.add(full);
      yield file;
    }
    if (found === 0) onError(ct('noDockerfiles', { path }));
  }
}

function* walk(dir: string, onError: (message: string) => void): Generator<string> {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    onError(ct('pathProblem', { path: dir, problem: describeIoError(error) }));
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) yield* walk(path, onError);
    } else if (isDockerfileName(entry.name)) {
      if (entry.isFile()) {
        yield path;
      } else if (entry.isSymbolicLink()) {
        // A link to a Dockerfile counts; a link to a directory is not followed (no cycles).
        try {
          if (statSync(path).isFile()) yield path;
        } catch {
          // dangling link: nothing to check
        }
      }
    }
  }
}

/** An absolute POSIX path with no empty, `.` or `..` segment and no trailing slash: `resolve` gives it back as it is. */
const NORMAL_ABSOLUTE = /^(?!.*(?:\/\/|\/\.\.?(?:\/|$)|.\/$))\//s;

/**
 * `resolve(path)`, without its work for a path that is already absolute and normalised (a run over a corpus
 * passes thousands of them; resolve's normalisation was a per-character loop for each).
 */
export function resolvedPath(path: string): string {
  return sep === '/' && NORMAL_ABSOLUTE.test(path) ? path : resolve(path);
}

/** A short, lower-case reason for a failed file operation, without the stack or the syscall name. */
export function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return ct('ioNoEntry');
    case 'EACCES':
    case 'EPERM':
      return ct('ioDenied');
    case 'EISDIR':
      return ct('ioIsDir');
    case 'ENOTDIR':
      return ct('ioNotDir');
    case 'EROFS':
      return ct('ioReadOnly');
    case 'ENOSPC':
      return ct('ioNoSpace');
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
