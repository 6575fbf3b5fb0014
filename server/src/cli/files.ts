import { chmodSync, chownSync, closeSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import type * as Crypto from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { describeIoError } from './discover.js';
import { ct } from './messages.js';

const BOM = '\uFEFF';

/** A Dockerfile as read from disk: its text without the byte-order mark, and whether it had one. */
export interface SourceFile {
  text: string;
  bom: boolean;
}

/** A file that could not be read, written or decoded; the message names the problem in a few words. */
export class FileError extends Error {}

/** Reads a file as strict UTF-8; a leading BOM is removed and remembered so a write can put it back. */
export function readDockerfile(path: string): SourceFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new FileError(describeIoError(error));
  }
  // Checked first, then decoded (a fatal TextDecoder per file cost more than both; a BOM stays in the text).
  if (!isUtf8(bytes)) throw new FileError(ct('notUtf8', { offset: firstInvalidUtf8(bytes) }));
  const text = bytes.toString('utf8');
  if (text.startsWith(BOM)) return { text: text.slice(1), bom: true };
  return { text, bom: false };
}

/** The text to write back: the BOM is restored when the file had one. */
export function withBom(file: SourceFile, text: string): string {
  return file.bom ? BOM + text : text;
}

/**
 * Replaces a file's content all at once: the new content goes to a temporary file in the same directory,
 * which then takes the file's place with a rename. Readers see the old file or the new one, never a part.
 * The mode (and, where allowed, the owner) of the old file is kept; a symlink is followed, not replaced.
 * A file that does not exist yet is created with mode 0644 (less the umask).
 */
export function writeFileAtomic(path: string, content: string): void {
  let target = path;
  let mode: number | null = null;
  let owner: { uid: number; gid: number } | null = null;
  try {
    target = realpathSync(path);
    const st = statSync(target);
    mode = st.mode & 0o7777;
    owner = { uid: st.uid, gid: st.gid };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new FileError(describeIoError(error));
  }
  const temp = join(dirname(target), `.${basename(target)}.${(require('node:crypto') as typeof Crypto).randomBytes(6).toString('hex')}.dockerfile-slim.tmp`);
  let fd: number | null = null;
  try {
    fd = openSync(temp, 'wx', mode ?? 0o644);
    writeSync(fd, content, null, 'utf8');
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    if (mode !== null) chmodSync(temp, mode);
    if (owner) {
      try {
        chownSync(temp, owner.uid, owner.gid);
      } catch {
        // Only root may give a file away; everyone else keeps their own ownership.
      }
    }
    if (process.env['DOCKERFILE_SLIM_TEST_FAIL_WRITE'] === '1') throw new Error('simulated failure before rename (DOCKERFILE_SLIM_TEST_FAIL_WRITE)');
    renameSync(temp, target);
  } catch (error) {
    if (fd !== null) {
      try {
        closeSync(fd);
      } catch {
        // already closed or never opened
      }
    }
    try {
      unlinkSync(temp);
    } catch {
      // the temporary file was never created
    }
    throw error instanceof FileError ? error : new FileError(describeIoError(error));
  }
}

/** Offset of the first byte that is not part of a valid UTF-8 sequence (for the error message). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return i;
    }
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return i;
}
