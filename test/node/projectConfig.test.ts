import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CONFIG_FILE, findProjectConfig, type ProjectConfig } from '../../server/src/node/projectConfig.js';

function tree(): string {
  const root = mkdtempSync(join(tmpdir(), 'dfslim-proj-'));
  mkdirSync(join(root, 'a', 'b', 'c'), { recursive: true });
  mkdirSync(join(root, 'a', 'd'), { recursive: true });
  mkdirSync(join(root, 'e', CONFIG_FILE), { recursive: true });
  mkdirSync(join(root, 'f'), { recursive: true });
  writeFileSync(join(root, 'a', CONFIG_FILE), '{"rules":{"runs-as-root":"off"}}');
  writeFileSync(join(root, 'f', CONFIG_FILE), '{nope');
  return root;
}

describe('the nearest project configuration', () => {
  it('walks up to the nearest file; a directory of that name is no file; invalid JSON is an error', () => {
    const root = tree();
    assert.deepEqual(findProjectConfig(join(root, 'a', 'b', 'c')), { path: join(root, 'a', CONFIG_FILE), raw: { rules: { 'runs-as-root': 'off' } } });
    const e = findProjectConfig(join(root, 'e'));
    assert.ok(e === null || e.path !== join(root, 'e', CONFIG_FILE));
    const f = findProjectConfig(join(root, 'f'));
    assert.ok(f !== null && 'error' in f && f.error.startsWith(`${join(root, 'f', CONFIG_FILE)}: invalid JSON`));
  });

  it('with a memo, gives the same answers and keeps one for every directory a walk passed', () => {
    const root = tree();
    const memo = new Map<string, ProjectConfig>();
    const dirs = [join(root, 'a', 'b', 'c'), join(root, 'a', 'd'), join(root, 'a', 'b'), join(root, 'e'), join(root, 'f')];
    for (const d of dirs) assert.deepEqual(findProjectConfig(d, memo), findProjectConfig(d));
    for (const d of [join(root, 'a', 'b', 'c'), join(root, 'a', 'b'), join(root, 'a', 'd'), join(root, 'a')]) {
      assert.equal((memo.get(d) as { path: string } | null)?.path, join(root, 'a', CONFIG_FILE), d);
    }
    // A later walk stops at the first directory it knows: a file added since is not seen in this run.
    writeFileSync(join(root, 'a', 'b', CONFIG_FILE), '{}');
    assert.equal(findProjectConfig(join(root, 'a', 'b', 'c'), memo)?.path, join(root, 'a', CONFIG_FILE));
    assert.equal(findProjectConfig(join(root, 'a', 'b', 'c'))?.path, join(root, 'a', 'b', CONFIG_FILE));
  });
});
