import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { allRules, fix, INTERNAL_ERROR, lint, type Finding, type Rule } from '../../server/src/engine/index.js';
import { engineReady } from '../support/engine.js';

const TEXT = 'FROM scratch\nCOPY app /app\nUSER 1000\nCMD ./app\n';
const AT_START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function rule(id: string, check: Rule['check']): Rule {
  return { meta: { ...allRules[0]!.meta, id, fix: 'none', related: [] }, check };
}

const brief = (findings: readonly Finding[]): [string, number, string][] => findings.map((f) => [f.ruleId, f.range.start.line, f.severity]);

describe('a rule that fails cannot take down the others', () => {
  before(() => engineReady);

  it('an exception becomes one internal-error finding naming the rule; the other rules still report', () => {
    const findings = lint(TEXT, undefined, [
      rule('throws', () => {
        throw new Error('index out of range');
      }),
      ...allRules,
    ]);
    assert.deepEqual(findings[0], {
      ruleId: INTERNAL_ERROR,
      severity: 'error',
      message: 'Rule throws failed on this file and was skipped: index out of range. Please report this with the Dockerfile.',
      range: AT_START,
      fixes: [],
    });
    assert.deepEqual(brief(findings), [
      [INTERNAL_ERROR, 0, 'error'],
      ['shell-form-command', 3, 'error'],
    ]);
  });

  it('whatever is thrown (a string, undefined), and wherever the rule sits in the list', () => {
    const findings = lint(TEXT, undefined, [
      ...allRules,
      rule('throws-string', () => {
        throw 'plain string';
      }),
      rule('throws-undefined', () => {
        throw undefined;
      }),
    ]);
    assert.deepEqual(
      findings.filter((f) => f.ruleId === INTERNAL_ERROR).map((f) => f.message),
      [
        'Rule throws-string failed on this file and was skipped: plain string. Please report this with the Dockerfile.',
        'Rule throws-undefined failed on this file and was skipped: undefined. Please report this with the Dockerfile.',
      ],
    );
    assert.equal(findings.filter((f) => f.ruleId === 'shell-form-command').length, 1);
  });

  it('findings reported before the exception are kept', () => {
    const findings = lint(TEXT, undefined, [
      rule('half-way', (ctx) => {
        ctx.report({ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } }, message: 'first' });
        throw new RangeError('then failed');
      }),
    ]);
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.message]),
      [
        [INTERNAL_ERROR, 'Rule half-way failed on this file and was skipped: then failed. Please report this with the Dockerfile.'],
        ['half-way', 'first'],
      ],
    );
  });

  it('a switched-off rule is not run, so it cannot fail', () => {
    const throwing = rule('throws', () => {
      throw new Error('boom');
    });
    assert.deepEqual(lint(TEXT, { rules: { throws: 'off' } }, [throwing]), []);
  });

  it('fix applies the other rules’ fixes and leaves the internal error among the remaining findings', () => {
    const result = fix(TEXT, undefined, {
      rules: [
        ...allRules,
        rule('throws', () => {
          throw new Error('boom');
        }),
      ],
    });
    assert.equal(result.text, 'FROM scratch\nCOPY app /app\nUSER 1000\nCMD ["./app"]\n');
    assert.deepEqual(
      result.applied.map((a) => a.ruleId),
      ['shell-form-command'],
    );
    assert.deepEqual(brief(result.remaining), [[INTERNAL_ERROR, 0, 'error']]);
  });
});
