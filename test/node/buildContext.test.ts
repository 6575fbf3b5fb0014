import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildContextFor } from '../../server/src/node/buildContext.js';

function dir(files: Record<string, string | null>): string {
  const d = mkdtempSync(join(tmpdir(), 'dfslim-ctx-'));
  for (const [name, text] of Object.entries(files)) {
    if (text === null) mkdirSync(join(d, name));
    else writeFileSync(join(d, name), text);
  }
  return d;
}

describe('the build context beside a Dockerfile', () => {
  it('nothing there: no ignore file, no .git, no package.json', () => {
    assert.deepEqual(buildContextFor(join(dir({}), 'Dockerfile')), { dockerignore: null, hasGitDir: false, hasPackageJson: false, goMod: null, cargoToml: null });
  });

  it('reads .dockerignore, and sees a .git directory and a package.json', () => {
    const d = dir({ '.dockerignore': '.git\n', '.git': null, 'package.json': '{}' });
    assert.deepEqual(buildContextFor(join(d, 'Dockerfile')), { dockerignore: '.git\n', hasGitDir: true, hasPackageJson: true, goMod: null, cargoToml: null });
  });

  it('reads the string scripts of package.json; none when it has none or is not JSON', () => {
    const d = dir({ 'package.json': '{"scripts": {"start": "node server.js", "x": 1}}' });
    assert.deepEqual(buildContextFor(join(d, 'Dockerfile')), { dockerignore: null, hasGitDir: false, hasPackageJson: true, goMod: null, cargoToml: null, packageScripts: { start: 'node server.js' } });
    const broken = dir({ 'package.json': '{"scripts": ' });
    assert.deepEqual(buildContextFor(join(broken, 'Dockerfile')), { dockerignore: null, hasGitDir: false, hasPackageJson: true, goMod: null, cargoToml: null });
  });

  it('prefers <Dockerfile name>.dockerignore and says which file it read', () => {
    const d = dir({ '.dockerignore': 'a\n', 'api.Dockerfile.dockerignore': 'b\n' });
    assert.deepEqual(buildContextFor(join(d, 'api.Dockerfile')), { dockerignore: 'b\n', dockerignorePath: 'api.Dockerfile.dockerignore', hasGitDir: false, hasPackageJson: false, goMod: null, cargoToml: null });
    assert.deepEqual(buildContextFor(join(d, 'Dockerfile')), { dockerignore: 'a\n', hasGitDir: false, hasPackageJson: false, goMod: null, cargoToml: null });
  });

  it('a .git file (a worktree) is no .git directory; an ignore file that cannot be read is unknown', () => {
    const d = dir({ '.git': 'gitdir: /elsewhere\n', '.dockerignore': null, 'package.json': null, 'go.mod': null });
    assert.deepEqual(buildContextFor(join(d, 'Dockerfile')), { hasGitDir: false, hasPackageJson: false, goMod: undefined, cargoToml: null });
  });

  it('reads go.mod at the context root (which Go modules need cgo)', () => {
    const goMod = 'module forum\n\nrequire github.com/mattn/go-sqlite3 v1.14.16\n';
    assert.deepEqual(buildContextFor(join(dir({ 'go.mod': goMod }), 'Dockerfile')), { dockerignore: null, hasGitDir: false, hasPackageJson: false, goMod, cargoToml: null });
  });

  it('reads Cargo.toml at the context root (the program `cargo run` starts); a directory of that name is unknown', () => {
    const cargoToml = '[package]\nname = "crab_manager"\n';
    assert.deepEqual(buildContextFor(join(dir({ 'Cargo.toml': cargoToml }), 'Dockerfile')), { dockerignore: null, hasGitDir: false, hasPackageJson: false, goMod: null, cargoToml });
    assert.equal(buildContextFor(join(dir({ 'Cargo.toml': null }), 'Dockerfile')).cargoToml, undefined);
  });

  // What is beside the Dockerfile is asked with `stat`: links are followed, names compared as the file system does.
  it('follows symbolic links as stat does: to a file, to a directory, and a dangling one', () => {
    const target = dir({ 'package.json': '{}', 'ignore': 'x\n', repo: null });
    const d = dir({});
    symlinkSync(join(target, 'package.json'), join(d, 'package.json'));
    symlinkSync(join(target, 'ignore'), join(d, '.dockerignore'));
    symlinkSync(join(target, 'repo'), join(d, '.git'));
    symlinkSync(join(target, 'nowhere'), join(d, 'go.mod'));
    assert.deepEqual(buildContextFor(join(d, 'Dockerfile')), { dockerignore: 'x\n', hasGitDir: true, hasPackageJson: true, goMod: null, cargoToml: null });
  });

  it('a name in another case is what stat says of it (nothing, on a case-sensitive file system)', () => {
    const d = dir({ 'PACKAGE.JSON': '{}', 'GO.MOD': 'module x\n' });
    const caseSensitive = !existsSync(join(d, 'package.json'));
    const got = buildContextFor(join(d, 'Dockerfile'));
    assert.equal(got.hasPackageJson, !caseSensitive);
    assert.equal(got.goMod, caseSensitive ? null : 'module x\n');
  });

  it('a directory that can be searched but not listed is still read, name by name', { skip: process.getuid?.() === 0 ? 'root lists every directory' : false }, () => {
    const d = dir({ '.dockerignore': 'y\n', 'package.json': '{}' });
    chmodSync(d, 0o311);
    try {
      assert.deepEqual(buildContextFor(join(d, 'Dockerfile')), { dockerignore: 'y\n', hasGitDir: false, hasPackageJson: true, goMod: null, cargoToml: null });
    } finally {
      chmodSync(d, 0o755);
    }
  });
});
