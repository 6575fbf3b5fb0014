import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { parseShell } from '../../server/src/engine/model/shell.js';
import { scriptExports } from '../../server/src/engine/model/scriptEnv.js';
import { engineReady } from '../support/engine.js';

/**
 * What `probe` sees after the script, as dash and bash do it (each row was checked with
 * `X=0 dash -c '<script>; env | grep ^X='` and the same with bash; `export -n` and `declare +x` are bash's:
 * dash stops the script at `export -n` ("Illegal option -n") and has no `declare`).
 * `inherited` are the names in the RUN's environment (ENV, ARG); `undefined` = taken out of the environment.
 */
const ROWS: [string, string, string[], Record<string, string | null | undefined>][] = [
  ['a bare assignment of a new variable: a shell variable, not in the environment', 'X=1', [], {}],
  ['a bare assignment joined with &&', 'X=1 && true', [], {}],
  ['a bare assignment of an inherited (exported) variable changes its value', 'X=1', ['X'], { X: '1' }],
  ['two bare assignments in one statement', 'X=1 Y=2', ['Y'], { Y: '2' }],
  ['a bare assignment from an expansion', 'X=$(date)', ['X'], { X: null }],
  ['+= of an inherited variable', 'X+=1', ['X'], { X: null }],
  ['export NAME after the assignment exports it', 'X=1; export X', [], { X: '1' }],
  ['export NAME before the assignment: the value set later is exported', 'export X; X=2', [], { X: '2' }],
  ['export NAME alone: exported, but it has no value', 'export X', [], {}],
  ['export NAME of an inherited variable keeps its value', 'export X', ['X'], {}],
  ['unset NAME takes an inherited variable out', 'unset X', ['X'], { X: undefined }],
  ['unset -v NAME too', 'unset -v X', ['X'], { X: undefined }],
  ['unset -f NAME is a function', 'unset -f X', ['X'], {}],
  ['unset ends the export: a later assignment is a shell variable', 'unset X; X=3', ['X'], { X: undefined }],
  ['unset, then export and assign again', 'unset X; export X=4', ['X'], { X: '4' }],
  ['unset, then export without a value: exported, no value', 'unset X; export X', ['X'], { X: undefined }],
  ['an export then unset', 'export X=1; unset X', [], {}],
  ['export -n (bash) takes it out', 'export -n X', ['X'], { X: undefined }],
  ['export -n, then an assignment: still a shell variable', 'export -n X; X=4', ['X'], { X: undefined }],
  ['declare +x (bash) takes it out', 'declare +x X', ['X'], { X: undefined }],
  ['declare -x after a bare assignment exports it', 'X=9; declare -x X', [], { X: '9' }],
  ['readonly of an inherited variable', 'readonly X=8', ['X'], { X: '8' }],
  ['a bare assignment in a subshell that ended', '(X=5)', ['X'], {}],
  ['unset in a subshell that ended', '(unset X)', ['X'], {}],
  ['a bare assignment in a function body or a command substitution', 'f() { X=2; }; echo $(X=3)', ['X'], {}],
  ['a prefix assignment is the command\'s own, not the script\'s', 'X=6 true', ['X'], {}],
];

describe('scriptExports: what a RUN\'s own statements put in a later command\'s environment (issue #20)', () => {
  before(() => engineReady);
  for (const [name, script, inherited, expected] of ROWS) {
    it(`${name}: ${script}`, () => {
      const parsed = parseShell(`${script}; probe`);
      const probe = parsed.commands.find((c) => c.name === 'probe')!;
      const got = scriptExports(parsed, probe, (n) => inherited.includes(n));
      assert.deepEqual(Object.fromEntries(got), expected);
    });
  }
  it('a statement after the command does not reach it', () => {
    const parsed = parseShell('probe; X=1; unset Y');
    assert.deepEqual([...scriptExports(parsed, parsed.commands[0]!, () => true)], []);
  });
  it('inside the subshell, the subshell\'s own statements count', () => {
    const parsed = parseShell('(X=5; unset Y; probe)');
    const probe = parsed.commands.find((c) => c.name === 'probe')!;
    assert.deepEqual(Object.fromEntries(scriptExports(parsed, probe, () => true)), { X: '5', Y: undefined });
  });

  /**
   * An assignment before a POSIX special built-in stays in dash and not in bash. Each row was run here with
   * `env -i X=0 Y=0 dash -c '<script>; env'` (X, Y inherited) and `env -i dash -c …` (not), and with bash
   * (dash 0.5, bash 5): [name, script, inherited, in dash, in bash].
   */
  const SPECIAL: [string, string, string[], Record<string, string | null | undefined>, Record<string, string | null | undefined>][] = [
    ['a prefix before `:` of an inherited variable stays (dash)', 'X=7 :', ['X'], { X: '7' }, {}],
    ['a prefix before `:` of a new variable: a shell variable only', 'X=7 :', [], {}, {}],
    ['… which a later export puts in the environment (dash)', 'X=7 :; export X', [], { X: '7' }, {}],
    ['eval, set, . and readonly are special built-ins too', 'X=7 eval true; Y=8 set -e', ['X', 'Y'], { X: '7', Y: '8' }, {}],
    ['two prefixes, a line continuation between', 'X=7 \\\n  Y=8 . /dev/null', ['X', 'Y'], { X: '7', Y: '8' }, {}],
    ['a prefix before export stays, and export NAME exports NAME', 'X=7 export Y', ['X'], { X: '7' }, {}],
    ['a prefix from an expansion', 'X=$(date) :', ['X'], { X: null }, {}],
    ['a regular built-in keeps nothing', 'X=7 true', ['X'], {}, {}],
    ['a function call keeps nothing', 'f() { :; }; X=7 f', ['X'], {}, {}],
    ['`command :` is not a special built-in call', 'X=7 command :', ['X'], {}, {}],
    ['`env X=7 :` gives the variable to env, not to the shell', 'env X=7 :', ['X'], {}, {}],
    ['in a subshell that ended', '(X=7 :)', ['X'], {}, {}],
  ];
  for (const [name, script, inherited, dash, bash] of SPECIAL) {
    it(`${name}: ${script}`, () => {
      const text = `${script}; probe`;
      const parsed = parseShell(text);
      const probe = parsed.commands.find((c) => c.name === 'probe')!;
      assert.deepEqual(Object.fromEntries(scriptExports(parsed, probe, (n) => inherited.includes(n), () => text)), dash, 'dash');
      assert.deepEqual(Object.fromEntries(scriptExports(parsed, probe, (n) => inherited.includes(n))), bash, 'bash');
    });
  }
});
