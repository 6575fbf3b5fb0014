import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';

const root = join(__dirname, '..', '..');
const fixtures = join(__dirname, 'fixtures');

/** Runs vscode-tmgrammar-test on the grammar test files with the given host and embedded grammars. */
export function runGrammarTests(grammars: readonly string[], cases: string): { code: number | null; output: string } {
  const bin = require.resolve('vscode-tmgrammar-test/dist/unit.js');
  const args = [bin, '-c', '-g', join(root, 'syntaxes', 'dockerfile-slim.injection.tmLanguage.json'), ...grammars.flatMap((g) => ['-g', g]), cases];
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}

it('the injected grammar: heredoc bodies as shell (or the #! language), directive and ignore comments (stand-in host grammar)', () => {
  const grammars = ['dockerfile-host', 'shell-stub', 'python-stub'].map((g) => join(fixtures, `${g}.tmLanguage.json`));
  const r = runGrammarTests(grammars, join(__dirname, 'heredoc.dockerfile'));
  assert.equal(r.code, 0, r.output);
  // The runner can fail: the same file with a wrong expectation.
  const wrong = join(mkdtempSync(join(tmpdir(), 'dfslim-grammar-')), 'wrong.dockerfile');
  writeFileSync(wrong, readFileSync(join(__dirname, 'heredoc.dockerfile'), 'utf8').replace('# <- source.shell support.function.builtin.shell', '# <- string.unquoted.heredoc.dockerfile'));
  const bad = runGrammarTests(grammars, wrong);
  assert.notEqual(bad.code, 0);
  assert.match(bad.output, /Missing required scopes: \[ string\.unquoted\.heredoc\.dockerfile \]/);
});
