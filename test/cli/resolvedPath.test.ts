import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { resolvedPath } from '../../server/src/cli/discover.js';

describe('resolvedPath (resolve without its work for a normalised absolute path)', () => {
  it('equals path.resolve for written and generated paths, absolute and relative', () => {
    const paths = ['/', '//', '/a', '/a/', '//a', '/a//b', '/a/./b', '/a/../b', '/a/.', '/a/..', '/.', '/..', '/a/.b', '/a/..b', '/a/b.', '/a/b..', '/a b/c', '/a\nb', 'a', './a', '', '.', '../x', '/work/shared/corpus/docker-library_php/8.2/alpine3.24/zts/Dockerfile'];
    let seed = 3;
    const random = (n: number): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    const parts = ['/', '/', 'a', '.', '..', 'b.', '.c'];
    for (let n = 0; n < 3000; n++) {
      let p = '';
      for (let k = 1 + random(7); k > 0; k--) p += parts[random(parts.length)];
      paths.push(p);
    }
    let untouched = 0;
    for (const p of paths) {
      assert.equal(resolvedPath(p), resolve(p), JSON.stringify(p));
      if (resolvedPath(p) === p) untouched++;
    }
    assert.ok(untouched > 100, `${untouched} already normalised`);
  });
});
