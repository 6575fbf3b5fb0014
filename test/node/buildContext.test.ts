import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BuildContextCache, buildContextFor } from '../../server/src/node/buildContext.js';
import { DirectoryNames } from '../../server/src/node/dirNames.js';

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

/** The fields of a context as read one by one (the cache's objects are fresh per Dockerfile; they compare by value). */
function fields(info: ReturnType<typeof buildContextFor>): Record<string, unknown> {
  return { ...info };
}

describe("a run's build-context cache (the CLI over many Dockerfiles)", () => {
  it('gives each Dockerfile what buildContextFor gives: different directories, a shared one, <name>.dockerignore, links, a case variant, a name outside ASCII', () => {
    const target = dir({ 'package.json': '{"scripts":{"start":"node a.js"}}', repo: null });
    const a = dir({ '.dockerignore': 'a\n', 'api.Dockerfile.dockerignore': 'b\n', '.git': null, 'go.mod': 'module a\n', Dockerfile: '', 'api.Dockerfile': '' });
    const b = dir({ 'package.json': '{"scripts":{"start":"node b.js"}}', 'Cargo.toml': '[package]\nname = "b"\n', '.git': 'gitdir: x\n', Dockerfile: '' });
    const c = dir({ 'PACKAGE.JSON': '{}', '.DOCKERIGNORE': 'c\n', 'Dockerfile.dockerignore': null, Dockerfile: '' });
    const d = dir({ 'café.txt': '', '.dockerignore': 'd\n', 'Dockerfile.é': '', 'Dockerfile.é.dockerignore': 'own\n' });
    const e = dir({});
    symlinkSync(join(target, 'package.json'), join(e, 'package.json'));
    symlinkSync(join(target, 'repo'), join(e, '.git'));
    symlinkSync(join(target, 'nowhere'), join(e, '.dockerignore'));
    const files = [join(a, 'Dockerfile'), join(a, 'api.Dockerfile'), join(b, 'Dockerfile'), join(c, 'Dockerfile'), join(d, 'Dockerfile'), join(d, 'Dockerfile.é'), join(e, 'Dockerfile'), join(a, 'Dockerfile')];
    const cache = new BuildContextCache();
    for (const f of files) assert.deepEqual(fields(cache.forDockerfile(f)), fields(buildContextFor(f)), f);
    // What the directories hold, as read: a check that the comparison above is not of empty answers.
    // (c: its Dockerfile.dockerignore is a directory, so what is excluded is unknown; e: a dangling link is no file.)
    assert.deepEqual(
      files.map((f) => cache.forDockerfile(f).dockerignore),
      ['a\n', 'b\n', null, undefined, 'd\n', 'own\n', null, 'a\n'],
    );
    assert.equal(cache.forDockerfile(join(b, 'Dockerfile')).packageScripts?.['start'], 'node b.js');
    assert.equal(cache.forDockerfile(join(e, 'Dockerfile')).packageScripts?.['start'], 'node a.js');
    assert.equal(cache.forDockerfile(join(a, 'Dockerfile')).goMod, 'module a\n');
    assert.equal(cache.forDockerfile(join(b, 'Dockerfile')).cargoToml, '[package]\nname = "b"\n');
  });

  it('reads a directory when an answer is first looked at, not before; the answer looks like buildContextFor\'s in every way (keys, `in`, a spread copy)', () => {
    const d = dir({ Dockerfile: '' });
    const cache = new BuildContextCache();
    const early = cache.forDockerfile(join(d, 'Dockerfile'));
    writeFileSync(join(d, '.dockerignore'), '.git\n');
    assert.equal(early.dockerignore, '.git\n');
    const plain = buildContextFor(join(d, 'Dockerfile'));
    assert.deepEqual(Object.keys(early), Object.keys(plain));
    assert.equal('packageScripts' in plain, false);
    assert.equal('packageScripts' in early, false);
    assert.equal('dockerignore' in early, true);
    assert.deepEqual({ ...early, dockerignore: 'x' }, { ...plain, dockerignore: 'x' });
    assert.deepEqual(early, plain);
  });

  it('reads a directory once: a file added later is not seen until the run forgets what it saw (a fix wrote files)', () => {
    const d = dir({ Dockerfile: '' });
    const cache = new BuildContextCache();
    assert.equal(cache.forDockerfile(join(d, 'Dockerfile')).dockerignore, null);
    writeFileSync(join(d, '.dockerignore'), '.git\n');
    writeFileSync(join(d, 'package.json'), '{}');
    assert.equal(cache.forDockerfile(join(d, 'Dockerfile')).dockerignore, null);
    assert.equal(cache.forDockerfile(join(d, 'Dockerfile')).hasPackageJson, false);
    cache.forget();
    assert.deepEqual(fields(cache.forDockerfile(join(d, 'Dockerfile'))), fields(buildContextFor(join(d, 'Dockerfile'))));
    assert.equal(cache.forDockerfile(join(d, 'Dockerfile')).dockerignore, '.git\n');
    assert.equal(cache.forDockerfile(join(d, 'Dockerfile')).hasPackageJson, true);
  });

  it('a directory that can be searched but not listed is asked name by name', { skip: process.getuid?.() === 0 ? 'root lists every directory' : false }, () => {
    const d = dir({ '.dockerignore': 'y\n', 'package.json': '{}' });
    chmodSync(d, 0o311);
    try {
      assert.deepEqual(fields(new BuildContextCache().forDockerfile(join(d, 'Dockerfile'))), fields(buildContextFor(join(d, 'Dockerfile'))));
    } finally {
      chmodSync(d, 0o755);
    }
  });
});

describe('directory listings that say a name is not there', () => {
  it('says "not there" only for a listed directory, with no entry of the name in any letter case; else "ask stat"', () => {
    const d = dir({ 'Go.Mod': '', '.dockerignore': '' });
    const names = new DirectoryNames();
    assert.equal(names.mayHold(d, 'go.mod'), true);
    assert.equal(names.mayHold(d, 'GO.MOD'), true);
    assert.equal(names.mayHold(d, '.dockerignore'), true);
    assert.equal(names.mayHold(d, 'package.json'), false);
    // Not listed yet, and not to be listed: ask stat.
    const other = dir({});
    assert.equal(names.mayHold(other, 'package.json', false), true);
    assert.equal(names.mayHold(other, 'package.json'), false);
    // A name outside ASCII is always asked (file systems may normalise it).
    assert.equal(names.mayHold(d, 'é.dockerignore'), true);
    // A directory that is gone (or cannot be listed): ask stat.
    const gone = dir({});
    rmSync(gone, { recursive: true });
    assert.equal(names.mayHold(gone, 'package.json'), true);
  });

  it('does not use a listing with an entry outside ASCII (case folding and normalisation beyond ASCII)', () => {
    const d = dir({ 'ｐackage.json': '', 'x': '' });
    assert.equal(new DirectoryNames().mayHold(d, 'package.json'), true);
    assert.equal(new DirectoryNames().mayHold(d, 'go.mod'), true);
  });

  it('does not list a directory whose size says it holds many entries (reading them all would cost more than the stats)', () => {
    const d = dir({ 'x': '' });
    assert.equal(new DirectoryNames().mayHold(d, 'go.mod'), false);
    assert.equal(new DirectoryNames(0).mayHold(d, 'go.mod'), true);
  });

  it('forgets its listings when asked', () => {
    const d = dir({});
    const names = new DirectoryNames();
    assert.equal(names.mayHold(d, 'go.mod'), false);
    writeFileSync(join(d, 'go.mod'), '');
    assert.equal(names.mayHold(d, 'go.mod'), false);
    names.forget();
    assert.equal(names.mayHold(d, 'go.mod'), true);
  });
});
