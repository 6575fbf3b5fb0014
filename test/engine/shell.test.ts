import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { clearShellCache, parseShell, type ShellCommand } from '../../server/src/engine/model/shell.js';
import { engineReady } from '../support/engine.js';

/** A command in short: name, nested, span, then each argument as [text, value]. */
const brief = (c: ShellCommand) => [c.name, c.nested, c.start, c.end, c.args.map((a) => [a.text, a.value])];

describe('shell script model (the tree walk)', () => {
  before(() => engineReady);

  it('reads assignments, unwraps sudo and env, and removes quotes only from static words', () => {
    clearShellCache();
    const s = parseShell(`FOO=bar BAZ="x y" X= sudo -u me env A=1 apt-get install -y "curl" 'wget' a\\ b x"y"z "$V" $'c' # note`);
    assert.equal(s.commands.length, 1);
    const c = s.commands[0]!;
    assert.deepEqual(c.nameWord, { text: 'apt-get', value: 'apt-get', start: 40, end: 47 });
    assert.deepEqual(brief(c), [
      'apt-get',
      false,
      0,
      93,
      [
        ['install', 'install'],
        ['-y', '-y'],
        ['"curl"', 'curl'],
        ["'wget'", 'wget'],
        ['a\\ b', 'a b'],
        ['x"y"z', 'xyz'],
        ['"$V"', null],
        ["$'c'", null],
      ],
    ]);
    assert.deepEqual(c.assignments, [
      { name: 'FOO', value: 'bar', start: 0, end: 7 },
      { name: 'BAZ', value: 'x y', start: 8, end: 17 },
      { name: 'X', value: '', start: 18, end: 20 },
      { name: 'A', value: '1', start: 36, end: 39 },
    ]);
    assert.deepEqual(s.comments, [{ start: 94, end: 100 }]);
    assert.deepEqual([s.hasError, s.codeStart, s.codeEnd], [false, 0, 93]);
    assert.deepEqual(s.statements, [{ start: 0, end: 93, type: 'command', after: '' }]);
  });

  it('lists commands inside substitutions and functions as nested, after the command that holds them', () => {
    const s = parseShell('echo "$(apt-get update)" && f() { rm -rf /x; }; cat <(ls) `pwd`');
    assert.deepEqual(s.commands.map(brief), [
      ['echo', false, 0, 24, [['"$(apt-get update)"', null]]],
      ['apt-get', true, 8, 22, [['update', 'update']]],
      ['rm', true, 34, 43, [['-rf', '-rf'], ['/x', '/x']]],
      ['cat', false, 48, 63, [['<(ls)', null], ['`pwd`', null]]],
      ['ls', true, 54, 56, []],
      ['pwd', true, 59, 62, []],
    ]);
    assert.deepEqual(s.statements, [
      { start: 0, end: 46, type: 'list', after: ';' },
      { start: 48, end: 63, type: 'command', after: '' },
    ]);
    assert.equal(s.codeEnd, 63);
  });

  it('lists declarations as commands named by their keyword, NAME=value as one word; marks the subshell a command runs in', () => {
    const s = parseShell('export A=1 B "C=$x" && declare -x D="2 3"; (readonly E=4; local F) && X=1 go env');
    assert.deepEqual(s.commands.map(brief), [
      ['export', false, 0, 19, [['A=1', 'A=1'], ['B', 'B'], ['"C=$x"', null]]],
      ['declare', false, 23, 41, [['-x', '-x'], ['D="2 3"', 'D=2 3']]],
      ['readonly', false, 44, 56, [['E=4', 'E=4']]],
      ['local', false, 58, 65, [['F', 'F']]],
      ['go', false, 70, 80, [['env', 'env']]],
    ]);
    assert.deepEqual(s.commands[0]!.nameWord, { text: 'export', value: 'export', start: 0, end: 6 });
    assert.deepEqual(s.commands.map((c) => c.subshell ?? null), [null, null, { start: 43, end: 66 }, { start: 43, end: 66 }, null]);
    assert.deepEqual(s.commands[4]!.assignments, [{ name: 'X', value: '1', start: 70, end: 73 }]);
  });

  it('counts a trailing operator as code, and keeps the statements of a broken script', () => {
    const trailing = parseShell('a && b ; ');
    assert.deepEqual(trailing.statements, [{ start: 0, end: 6, type: 'list', after: ';' }]);
    assert.equal(trailing.codeEnd, 8);
    const background = parseShell('a; b &');
    assert.deepEqual(background.statements.map((x) => x.after), [';', '&']);
    assert.equal(background.codeEnd, 6);
    const broken = parseShell('echo "unterminated');
    assert.equal(broken.hasError, true);
    assert.deepEqual(broken.statements, [
      { start: 0, end: 4, type: 'command', after: '' },
      { start: 5, end: 18, type: 'ERROR', after: '' },
    ]);
    assert.equal(broken.codeEnd, 18);
  });

  it('takes the basename of a command path and unescapes double-quoted text', () => {
    const c = parseShell('/usr/bin/apt-get "$@" "a\\$b\\"c"').commands[0]!;
    assert.deepEqual(c.nameWord, { text: '/usr/bin/apt-get', value: '/usr/bin/apt-get', start: 0, end: 16 });
    assert.deepEqual(brief(c), ['apt-get', false, 0, 31, [['"$@"', null], ['"a\\$b\\"c"', 'a$b"c']]]);
  });
});
