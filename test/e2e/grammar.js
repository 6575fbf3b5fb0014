#!/usr/bin/env node
// The grammar tests again, this time with VS Code's own Dockerfile, shell and Python grammars (from the
// code-server that setup.sh installed), so the injection is proven against the grammar users really have.
'use strict';
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { env } = require('./lib/env');

const ext = path.resolve(path.dirname(env.CODE_SERVER_ENTRY), '..', '..', 'lib', 'vscode', 'extensions');
const grammars = [
  path.join(env.REPO, 'syntaxes', 'dockerfile-slim.injection.tmLanguage.json'),
  path.join(ext, 'docker', 'syntaxes', 'docker.tmLanguage.json'),
  path.join(ext, 'shellscript', 'syntaxes', 'shell-unix-bash.tmLanguage.json'),
  path.join(ext, 'python', 'syntaxes', 'MagicPython.tmLanguage.json'),
  path.join(ext, 'javascript', 'syntaxes', 'JavaScript.tmLanguage.json'),
];
const missing = grammars.filter((g) => !existsSync(g));
if (missing.length > 0) {
  console.error(`[grammar] missing grammar files (run test/e2e/setup.sh): ${missing.join(', ')}`);
  process.exit(1);
}
const bin = require.resolve('vscode-tmgrammar-test/dist/unit.js', { paths: [env.REPO] });
const r = spawnSync(process.execPath, [bin, '-c', ...grammars.flatMap((g) => ['-g', g]), path.join(env.REPO, 'test', 'grammar', 'real', '*.dockerfile')], {
  encoding: 'utf8',
});
process.stdout.write(r.stdout);
process.stderr.write(r.stderr.split('\n').filter((l) => !l.startsWith('grammar not found')).join('\n'));
console.log(r.status === 0 ? '[grammar] pass: the injection works on VS Code\'s own grammars' : '[grammar] FAIL');
process.exit(r.status === 0 ? 0 : 1);
