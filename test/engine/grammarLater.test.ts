import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint, ShellParserNotReady } from '../../server/src/engine/index.js';
import { shellParserReady } from '../../server/src/engine/model/shell.js';
import { loadEngine } from '../../server/src/node/loadEngine.js';

// This file never awaits test/support/engine.ts: it checks what `lint` does before the grammar is loaded
// (node:test runs each file in its own process).

const SIMPLE = 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\nCMD ["curl", "--version"]\n';
const HEREDOC = 'FROM debian:bookworm\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\nCMD ["curl", "--version"]\n';
const SHELL_FORM_CMD = 'FROM debian:bookworm\nCMD curl --version; echo $((1 + 2))\n';

describe('lint before the shell grammar is loaded', () => {
  it('lints scripts the fast path reads; a script that needs tree-sitter throws ShellParserNotReady, not a finding; after loading, the same', async () => {
    assert.equal(shellParserReady(), false);
    const simple = lint(SIMPLE);
    assert.ok(simple.some((f) => f.ruleId === 'apt-lists-left'));
    // In the model's RUNs and in a rule (shell-form-command reads the CMD's script): neither becomes an internal error.
    assert.throws(() => lint(HEREDOC), ShellParserNotReady);
    assert.throws(() => lint(SHELL_FORM_CMD), ShellParserNotReady);
    assert.equal(shellParserReady(), false);
    await loadEngine();
    assert.deepEqual(lint(SIMPLE), simple);
    const heredoc = lint(HEREDOC);
    assert.ok(heredoc.some((f) => f.ruleId === 'apt-lists-left'));
    assert.ok(!heredoc.some((f) => f.ruleId === 'internal-error'));
    assert.ok(lint(SHELL_FORM_CMD).some((f) => f.ruleId === 'shell-form-command'));
  });
});
