import { allRules, type Rule } from '../engine/index.js';

/**
 * TEST-ONLY. With `DOCKERFILE_SLIM_TEST_THROWING_RULE=1` in the environment, `check` and `fix` run one more
 * rule, `test-throwing-rule`, that throws on every file. The CLI tests use it to show that a failing rule is
 * isolated (the other rules still report), surfaces as an `internal-error` finding and makes the run exit
 * with 2. It adds a fixed, built-in rule: no code is loaded from anywhere. Like
 * `DOCKERFILE_SLIM_TEST_FAIL_WRITE` (files.ts), it is not part of the documented interface.
 */
export const THROWING_RULE_ENV = 'DOCKERFILE_SLIM_TEST_THROWING_RULE';

const throwingRule: Rule = {
  meta: {
    id: 'test-throwing-rule',
    summary: 'Throws on every file (tests only)',
    rationale: 'Shows that a rule that fails is isolated from the others.',
    category: 'internal',
    defaultSeverity: 'warning',
    fix: 'none',
    related: [],
  },
  check() {
    throw new Error(`simulated rule failure (${THROWING_RULE_ENV})`);
  },
};

/** The rules the CLI runs: every rule, plus the throwing one when the test hook is set. */
export function cliRules(): readonly Rule[] {
  return process.env[THROWING_RULE_ENV] === '1' ? [...allRules, throwingRule] : allRules;
}
