// Builds a changed copy of the extension in a temp dir, with the project's own build (esbuild.mjs) and
// packaging (vsce), for the self-test: e.g. a rule that throws, to prove the suites fail readably.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { env } = require('./env');

// Everything the package holds (see .vscodeignore), the sources it is built from, and the suite.
const COPY = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore', 'esbuild.mjs', 'tsconfig.json', 'client/src', 'server/src', 'docs', 'images', 'schemas', 'syntaxes', 'media', 'test/e2e/suite'];

/**
 * patches: { 'relative/path.ts': (source) => newSource }. Returns { dir, vsix? , dispose() }.
 * A patch must change its file; otherwise the variant would silently be the product itself.
 */
function buildVariant(name, patches, { vsix = false } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dse2e-variant-${name}-`));
  const dispose = () => {
    if (!env.KEEP) fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const p of COPY) {
      const from = path.join(env.REPO, p);
      if (fs.existsSync(from)) fs.cpSync(from, path.join(dir, p), { recursive: true });
    }
    fs.symlinkSync(fs.realpathSync(path.join(env.REPO, 'node_modules')), path.join(dir, 'node_modules'));
    for (const [file, patch] of Object.entries(patches)) {
      const target = path.join(dir, file);
      const before = fs.readFileSync(target, 'utf8');
      const after = patch(before);
      if (after === before) throw new Error(`the ${name} patch no longer applies to ${file} (its source changed): update test/e2e/selftest.js`);
      fs.writeFileSync(target, after);
    }
    run(dir, process.execPath, ['esbuild.mjs', '--production']);
    const result = { dir, dispose };
    if (vsix) {
      result.vsix = path.join(dir, `${name}.vsix`);
      run(dir, process.execPath, [path.join(env.REPO, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '-o', result.vsix]);
    }
    return result;
  } catch (error) {
    dispose();
    throw error;
  }
}

function run(cwd, cmd, args) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 180_000 });
  if (r.status !== 0) throw new Error(`${path.basename(args[0])} ${args.slice(1).join(' ')} failed in ${cwd}:\n${r.stdout}\n${r.stderr}`);
}

module.exports = { buildVariant };
