// The part of `fix` that writes file edits, tested directly; test/cli/fix.test.ts runs it through a rule.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyFileEdits, collectFileEdits } from '../../server/src/cli/fileEdits.js';

describe('file edits next to the Dockerfile', () => {
  it('creates a file that is missing and never overwrites one that exists', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dfslim-fe-'));
    const dockerfile = join(dir, 'Dockerfile');
    const first = applyFileEdits(dockerfile, [{ path: '.dockerignore', kind: 'create', text: '.git\nnode_modules\n' }]);
    assert.deepEqual(first, { notes: ['.dockerignore: created'], errors: [] });
    assert.equal(readFileSync(join(dir, '.dockerignore'), 'utf8'), '.git\nnode_modules\n');
    const again = applyFileEdits(dockerfile, [{ path: '.dockerignore', kind: 'create', text: 'other\n' }]);
    assert.deepEqual(again, { notes: ['.dockerignore: already exists, left as it is'], errors: [] });
    assert.equal(readFileSync(join(dir, '.dockerignore'), 'utf8'), '.git\nnode_modules\n');
  });

  it('appends on a new line, or creates the file when appending to nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dfslim-fe-'));
    writeFileSync(join(dir, '.dockerignore'), '.git');
    const r = applyFileEdits(join(dir, 'Dockerfile'), [
      { path: '.dockerignore', kind: 'append', text: 'node_modules\n' },
      { path: 'sub/../other.ignore', kind: 'append', text: 'x\n' },
    ]);
    assert.deepEqual(r, { notes: ['.dockerignore: appended to', 'sub/../other.ignore: created'], errors: [] });
    assert.equal(readFileSync(join(dir, '.dockerignore'), 'utf8'), '.git\nnode_modules\n');
    assert.equal(readFileSync(join(dir, 'other.ignore'), 'utf8'), 'x\n');
    assert.deepEqual(readdirSync(dir).sort(), ['.dockerignore', 'other.ignore']);
  });

  it('appends after the line break the file uses when its last line has none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dfslim-fe-'));
    writeFileSync(join(dir, '.dockerignore'), 'dist\r\n.git');
    writeFileSync(join(dir, 'one.ignore'), 'dist');
    const r = applyFileEdits(join(dir, 'Dockerfile'), [
      { path: '.dockerignore', kind: 'append', text: 'node_modules\r\n' },
      { path: 'one.ignore', kind: 'append', text: '.git\n' },
    ]);
    assert.deepEqual(r, { notes: ['.dockerignore: appended to', 'one.ignore: appended to'], errors: [] });
    assert.equal(readFileSync(join(dir, '.dockerignore'), 'utf8'), 'dist\r\n.git\r\nnode_modules\r\n');
    assert.equal(readFileSync(join(dir, 'one.ignore'), 'utf8'), 'dist\n.git\n');
  });

  it('refuses paths outside the Dockerfile directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dfslim-fe-'));
    const dockerfile = join(dir, 'Dockerfile');
    const r = applyFileEdits(dockerfile, [
      { path: '../escape', kind: 'create', text: 'x' },
      { path: '/etc/escape', kind: 'create', text: 'x' },
    ]);
    assert.deepEqual(r.notes, []);
    assert.deepEqual(r.errors, [
      `${dockerfile}: refusing to write ../escape, which is outside the Dockerfile's directory`,
      `${dockerfile}: refusing to write /etc/escape, which is outside the Dockerfile's directory`,
    ]);
    assert.deepEqual(readdirSync(dir), []);
  });

  it('collects each distinct edit of the applied fixes once', () => {
    const edit = { path: '.dockerignore', kind: 'append' as const, text: 'node_modules\n' };
    const edits = collectFileEdits([
      { ruleId: 'a', title: 'A', safety: 'safe', fileEdits: [edit] },
      { ruleId: 'b', title: 'B', safety: 'safe' },
      { ruleId: 'c', title: 'C', safety: 'safe', fileEdits: [{ ...edit }, { ...edit, text: '.git\n' }] },
    ]);
    assert.deepEqual(edits, [edit, { ...edit, text: '.git\n' }]);
  });
});
