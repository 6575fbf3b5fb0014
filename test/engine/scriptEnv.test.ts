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
});
