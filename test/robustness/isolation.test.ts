import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { allRules, fix, INTERNAL_ERROR, lint, type Finding, type Rule } from '../../server/src/engine/index.js';
import { engineReady } from '../support/engine.js';

const TEXT = 'FROM scratch\nCOPY app /app\nCMD ./app\n';
/** The real rule these tests run beside the failing ones (one is enough, and later rules change nothing here). */
const SHELL_FORM = allRules.filter((r) => r.meta.id === 'shell-form-command');
const AT_START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function rule(id: string, check: Rule['check']): Rule {
  return { meta: { ...SHELL_FORM[0]!.meta, id, fix: 'none', related: [] }, check };
}

const brief = (findings: readonly Finding[]): [string, number, string][] => findings.map((f) => [f.ruleId, f.range.start.line, f.severity]);

describe('a rule that fails cannot take down the others', () => {
  before(() => engineReady);

  it('an exception becomes one internal-error finding naming the rule; the other rules still report', () => {
    const findings = lint(TEXT, undefined, [
      rule('throws', () => {
        throw new Error('index out of range');
      }),
      ...SHELL_FORM,
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
      ['shell-form-command', 2, 'error'],
    ]);
  });

  it('whatever is thrown (a string, undefined), and wherever the rule sits in the list', () => {
    const findings = lint(TEXT, undefined, [
      ...SHELL_FORM,
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
        ...SHELL_FORM,
        rule('throws', () => {
          throw new Error('boom');
        }),
      ],
    });
    assert.equal(result.text, 'FROM scratch\nCOPY app /app\nCMD ["./app"]\n');
    assert.deepEqual(
      result.applied.map((a) => a.ruleId),
      ['shell-form-command'],
    );
    assert.deepEqual(brief(result.remaining), [[INTERNAL_ERROR, 0, 'error']]);
  });
});

describe('the rules of one file share one context, pointed at each rule in turn', () => {
  before(() => engineReady);

  const LINE = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 4 } });
  function speaking(id: string, line: number, take: boolean): Rule {
    return {
      meta: { ...SHELL_FORM[0]!.meta, id, defaultSeverity: 'warning', fix: 'none', related: [] },
      messages: { says: { en: `${id} says {n}`, 'zh-cn': `${id} 说 {n}` } },
      // `take`: the rule takes report and t out of the context first (as most rules do), or calls them on it.
      check: take
        ? ({ report, t }) => report({ range: LINE(line), message: t('says', { n: line }) })
        : (ctx) => ctx.report({ range: LINE(line), message: ctx.t('says', { n: line }), severity: 'error' }),
    };
  }
  const rules = [speaking('first', 1, true), speaking('second', 2, false), speaking('third', 0, true)];

  it('each finding names the rule that reported it, at that rule’s severity, in its own messages', () => {
    assert.deepEqual(
      lint(TEXT, { rules: { third: 'info' } }, rules).map((f) => [f.ruleId, f.severity, f.message]),
      [
        ['third', 'info', 'third says 0'],
        ['first', 'warning', 'first says 1'],
        // A rule may raise its own severity when none is configured for it.
        ['second', 'error', 'second says 2'],
      ],
    );
  });

  it('in the language asked for, and a configured severity still wins over the rule’s own', () => {
    assert.deepEqual(
      lint(TEXT, { locale: 'zh-cn', rules: { second: 'info', first: 'off' } }, rules).map((f) => [f.ruleId, f.severity, f.message]),
      [
        ['third', 'warning', 'third 说 0'],
        ['second', 'info', 'second 说 2'],
      ],
    );
  });
});
