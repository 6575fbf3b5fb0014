import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { isIgnored, parseDockerignore } from '../../server/src/engine/dockerignore.js';
import { normalizePath, pathRelation, resolvePath } from '../../server/src/engine/model/paths.js';
import { commandCount, needsGrouping, shellEffects } from '../../server/src/engine/model/shellEffects.js';
import { buildModel } from '../../server/src/engine/model/model.js';
import { engineReady } from '../support/engine.js';

describe('layers: paths', () => {
  it('normalizes absolute paths and refuses relative ones', () => {
    assert.equal(normalizePath('/a/./b//c/../d/'), '/a/b/d');
    assert.equal(normalizePath('/'), '/');
    assert.equal(normalizePath('a/b'), null);
    assert.equal(normalizePath('/..'), null);
  });

  it('gives paths in normal form back as they are, and normalizes every other shape', () => {
    // What normalizePath answers, written out segment by segment (the long way it takes for paths not in normal form).
    const reference = (p: string): string | null => {
      if (!p.startsWith('/')) return null;
      const out: string[] = [];
      for (const seg of p.split('/')) {
        if (seg === '' || seg === '.') continue;
        if (seg !== '..') out.push(seg);
        else if (out.pop() === undefined) return null;
      }
      return `/${out.join('/')}`;
    };
    const cases = ['/', '/a', '/a/b', '/.a', '/a/..b', '/a/b..', '/a/.../b', '/a.', '/..a/b', '//', '/a/', '/a//b', '/.', '/./a', '/a/.', '/a/./b', '/..', '/a/..', '/a/../b', '/a/b/..', '///a', '/a/b/c/../../..', '/a/b/c/../../../..'];
    for (const p of cases) assert.equal(normalizePath(p), reference(p), p);
    // A path in normal form comes back as the same string.
    for (const p of ['/a', '/opt/app/.cache', '/usr/local/lib/python3.12/site-packages']) assert.equal(normalizePath(p), p);
    // Random paths over the characters that matter.
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let k = 0; k < 2000; k++) {
      let p = '/';
      for (let i = next(9); i > 0; i--) p += '/.a'[next(3)]!;
      assert.equal(normalizePath(p), reference(p), p);
    }
  });

  it('resolves against the working directory and home', () => {
    assert.equal(resolvePath('x.tgz', '/build', '/root'), '/build/x.tgz');
    assert.equal(resolvePath('~/.cache/pip', '/build', '/root'), '/root/.cache/pip');
    assert.equal(resolvePath('~/.npm', '/build', null), null);
    assert.equal(resolvePath('x', null, '/root'), null);
    assert.equal(resolvePath('~user/x', '/', '/root'), null);
  });

  it('relates a removed path (or glob) to a created one', () => {
    assert.equal(pathRelation('/tmp/x.tgz', false, '/tmp/x.tgz'), 'covers');
    assert.equal(pathRelation('/opt', false, '/opt/app'), 'covers');
    assert.equal(pathRelation('/opt/app/docs', false, '/opt/app'), 'inside');
    assert.equal(pathRelation('/tmp/*.tgz', true, '/tmp/x.tgz'), 'covers');
    assert.equal(pathRelation('/tmp/*.zip', true, '/tmp/x.tgz'), null);
    assert.equal(pathRelation('/var/lib/apt/lists/*', true, '/var/lib/apt/lists'), 'covers');
    assert.equal(pathRelation('/var/lib/apt/lists/*', false, '/var/lib/apt/lists'), 'inside');
    assert.equal(pathRelation('/src/[ab]', true, '/src/b'), 'covers');
  });

  it('reads .dockerignore like BuildKit: parents, **, negation, last match wins', () => {
    const patterns = parseDockerignore('# comment\nnode_modules\n**/*.log\ndocs/\n!docs/keep.md\n')!;
    assert.equal(isIgnored(patterns, 'node_modules'), true);
    assert.equal(isIgnored(patterns, 'node_modules/x/index.js'), true);
    assert.equal(isIgnored(patterns, 'src/node_modules'), false);
    assert.equal(isIgnored(patterns, 'a/b/debug.log'), true);
    assert.equal(isIgnored(patterns, 'docs/guide.md'), true);
    assert.equal(isIgnored(patterns, 'docs/keep.md'), false);
    assert.equal(isIgnored(patterns, './tests'), false);
  });
});

describe('layers: what a script leaves for later commands', () => {
  before(() => engineReady);
  const count = (script: string, limit?: number): number => {
    const model = buildModel(`FROM debian:bookworm\nRUN ${script}\n`);
    return commandCount(model, model.stages[0]!.instructions[0]!.run!, limit);
  };
  const effects = (script: string): ReturnType<typeof shellEffects> => {
    const model = buildModel(`FROM debian:bookworm\nRUN ${script}\n`);
    return shellEffects(model, model.stages[0]!.instructions[0]!.run!);
  };

  it('finds state changes, background jobs and early exits', () => {
    assert.deepEqual(effects('apt-get update && apt-get install -y curl'), { state: null, background: false, ends: null });
    assert.deepEqual(effects('cd /src && make'), { state: '`cd`', background: false, ends: null });
    assert.deepEqual(effects('(cd /src && make)'), { state: null, background: false, ends: null });
    assert.deepEqual(effects('export A=1'), { state: '`export`', background: false, ends: null });
    assert.deepEqual(effects('make && A=1'), { state: 'a variable assignment or declaration', background: false, ends: null });
    assert.deepEqual(effects('echo ${A:=1}'), { state: 'an assignment inside an expansion', background: false, ends: null });
    assert.deepEqual(effects('dockerd & sleep 1'), { state: null, background: true, ends: null });
    assert.deepEqual(effects('[ -f x ] || exit 0'), { state: null, background: false, ends: '`exit`' });
    assert.deepEqual(effects('exec nginx'), { state: null, background: false, ends: '`exec`' });
    assert.deepEqual(effects('FOO=1 make'), { state: null, background: false, ends: null });
  });

  it('knows when a script must be grouped after &&', () => {
    const model = buildModel('FROM debian:bookworm\nRUN a && b\nRUN a || b\nRUN a; b\nRUN a &\nRUN if a; then b; fi\n');
    const runs = model.stages[0]!.instructions.map((i) => needsGrouping(model, i.run!));
    assert.deepEqual(runs, [false, true, true, true, false]);
  });

  it('counts commands, assignments included', () => {
    assert.equal(count('set -eux; adduser app'), 2);
    assert.equal(count('export A=1 && make'), 2);
    assert.equal(count('A=1; B=2 make'), 2);
    assert.equal(count('echo "$(date)" "a=b"'), 1);
  });

  it('stops counting once past a limit, and agrees with the full count up to it', () => {
    // Three commands: past a limit of 1 before any statement is read.
    assert.equal(count('a && b && c', 1), 3);
    // One command, then the assignment statement takes it past 1; the last statement is not read.
    assert.equal(count('A=1; B=2 make; export C=3', 1), 2);
    assert.equal(count('A=1; B=2 make; export C=3'), 3);
    assert.equal(count('A=1; B=2 make; export C=3', 3), 3);
    assert.equal(count('set -eux; adduser app', 2), 2);
  });
});
