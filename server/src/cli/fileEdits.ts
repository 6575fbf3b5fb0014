import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import type { AppliedFix, FileEdit } from '../engine/index.js';
import { describeIoError } from './discover.js';
import { writeFileAtomic } from './files.js';

/** The file edits of the applied fixes, each distinct edit once, in order. */
export function collectFileEdits(applied: readonly AppliedFix[]): FileEdit[] {
  const seen = new Set<string>();
  const edits: FileEdit[] = [];
  for (const a of applied) {
    for (const e of a.fileEdits ?? []) {
      const key = JSON.stringify([e.path, e.kind, e.text]);
      if (seen.has(key)) continue;
      seen.add(key);
      edits.push(e);
    }
  }
  return edits;
}

/**
 * Creates or appends to files beside the Dockerfile (such as `.dockerignore`), each written atomically, the
 * append after a line break when the file's last line has none.
 * Paths are relative to the Dockerfile's directory and must stay inside it; `create` never overwrites.
 * Returns a note per edit done or skipped, and one-line errors.
 */
export function applyFileEdits(dockerfilePath: string, edits: readonly FileEdit[]): { notes: string[]; errors: string[] } {
  const notes: string[] = [];
  const errors: string[] = [];
  const base = dirname(dockerfilePath);
  for (const edit of edits) {
    const rel = normalize(edit.path);
    if (edit.path === '' || isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`)) {
      errors.push(`${dockerfilePath}: refusing to write ${edit.path}, which is outside the Dockerfile's directory`);
      continue;
    }
    const target = join(base, rel);
    try {
      if (edit.kind === 'create') {
        if (existsSync(target)) {
          notes.push(`${edit.path}: already exists, left as it is`);
          continue;
        }
        writeFileAtomic(target, edit.text);
        notes.push(`${edit.path}: created`);
        continue;
      }
      let current: string | null = null;
      try {
        current = readFileSync(target, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      // A last line without its line break gets one, of the kind the file uses.
      const joiner = current === null || current === '' || /[\r\n]$/.test(current) ? '' : (/\r\n|\n|\r/.exec(current)?.[0] ?? '\n');
      writeFileAtomic(target, (current ?? '') + joiner + edit.text);
      notes.push(`${edit.path}: ${current === null ? 'created' : 'appended to'}`);
    } catch (error) {
      errors.push(`${target}: could not write: ${error instanceof Error && !('code' in error) ? error.message : describeIoError(error)}`);
    }
  }
  return { notes, errors };
}
