/**
 * The built CLI and language server where users get them: the files `npm pack` puts in the package (what
 * `npm i -g`, npx and pre-commit's `language: node` install), laid out as `npm i -g` lays them out, and the
 * files `vsce` puts in the .vsix. Each copy holds only the listed files (no node_modules), so a bundle that
 * needs a file the package lacks fails here.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspHarness } from '../lsp/lspHarness.js';
import { cli, project, SMELLY } from './helpers.js';

const ROOT = resolve(__dirname, '..', '..');
const ownCache = typeof (Module as unknown as { enableCompileCache?: unknown }).enableCompileCache === 'function';

function copyListed(files: readonly string[], into: string): void {
  for (const f of files) {
    mkdirSync(dirname(join(into, f)), { recursive: true });
    copyFileSync(join(ROOT, f), join(into, f));
  }
}

describe('the npm package, installed globally (npm i -g)', () => {
  const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
  const listed = pack.status === 0 ? (JSON.parse(pack.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path) : [];

  it('ships the loader, the bundle it loads and both grammars; bin names the loader', () => {
    assert.equal(pack.status, 0, pack.stderr);
    for (const f of ['package.json', 'server/out/cli.js', 'server/out/cli-main.js', 'server/out/web-tree-sitter.wasm', 'server/out/tree-sitter-bash.wasm']) assert.ok(listed.includes(f), `${f} is not in the package`);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    assert.deepEqual(pkg.bin, { 'dockerfile-slim': './server/out/cli.js' });
    assert.match(readFileSync(join(ROOT, 'server/out/cli.js'), 'utf8'), /^#!\/usr\/bin\/env node\n/);
  });

  it('runs through the bin link from another directory, answers as the built CLI does, and keeps its code cache', () => {
    // npm i -g: the package in <prefix>/lib/node_modules/<name>, a link <prefix>/bin/<bin> to the bin file, made executable.
    const prefix = mkdtempSync(join(tmpdir(), 'dfslim-global-'));
    const pkgDir = join(prefix, 'lib', 'node_modules', 'dockerfile-slim');
    copyListed(listed.filter((f) => f === 'package.json' || f.startsWith('server/out/')), pkgDir);
    chmodSync(join(pkgDir, 'server/out/cli.js'), 0o755);
    mkdirSync(join(prefix, 'bin'));
    const bin = join(prefix, 'bin', 'dockerfile-slim');
    symlinkSync('../lib/node_modules/dockerfile-slim/server/out/cli.js', bin);

    const dir = project({ Dockerfile: SMELLY });
    const expected = cli(['check', '--format', 'json', 'Dockerfile'], { cwd: dir, env: { DOCKERFILE_SLIM_NO_COMPILE_CACHE: '1' } });
    assert.equal(expected.code, 1);
    const cache = mkdtempSync(join(tmpdir(), 'dfslim-xdg-'));
    const env = { ...process.env, XDG_CACHE_HOME: cache, PATH: `${dirname(process.execPath)}${delimiter}${process.env['PATH'] ?? ''}` };
    const run = () => spawnSync(bin, ['check', '--format', 'json', 'Dockerfile'], { cwd: dir, env, encoding: 'utf8' });
    const first = run();
    assert.deepEqual({ code: first.status, stdout: first.stdout, stderr: first.stderr }, expected);
    const cached = readdirSync(join(cache, 'dockerfile-slim'));
    assert.ok(cached.length >= 1, 'no code cache written');
    if (!ownCache) assert.match(cached[0]!, /^cli-\d+-\d+-v[\d.]+-\w+\.cache$/);
    const second = run();
    assert.deepEqual({ code: second.status, stdout: second.stdout, stderr: second.stderr }, expected);
    assert.deepEqual(readdirSync(join(cache, 'dockerfile-slim')), cached);
  });
});

describe('the .vsix', () => {
  const vsce = spawnSync(process.execPath, [join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
  const listed = vsce.stdout.split('\n').filter((l) => l !== '');

  it('ships the language server and both grammars; the CLI goes with the npm package, not here', () => {
    assert.equal(vsce.status, 0, vsce.stderr);
    for (const f of ['client/out/extension.js', 'server/out/server.js', 'server/out/web-tree-sitter.wasm', 'server/out/tree-sitter-bash.wasm']) assert.ok(listed.includes(f), `${f} is not in the .vsix`);
    // The loader without the bundle it loads (or the bundle without its loader) would be a broken command.
    assert.equal(listed.includes('server/out/cli.js'), listed.includes('server/out/cli-main.js'));
  });

  it('its language server, alone with the packaged files, publishes diagnostics', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dfslim-vsix-'));
    copyListed(listed, dir);
    const lsp = await LspHarness.start({ server: join(dir, 'server', 'out', 'server.js') });
    try {
      const published = await lsp.open(pathToFileURL(join(project({ Dockerfile: SMELLY }), 'Dockerfile')).href, SMELLY);
      assert.ok(published.diagnostics.some((d) => d.code === 'apt-lists-left'), JSON.stringify(published.diagnostics.map((d) => d.code)));
    } finally {
      await lsp.stop();
    }
  });
});
