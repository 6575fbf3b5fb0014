import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cleanPath, compilePatterns, contextAfterFileEdits, isIgnored, lineBreakOf, parseDockerignore } from '../../server/src/engine/dockerignore.js';

/** The paths of `paths` that the ignore file leaves out of the context. */
function excluded(dockerignore: string, paths: string[]): string[] {
  const patterns = parseDockerignore(dockerignore);
  assert.ok(patterns, `malformed: ${JSON.stringify(dockerignore)}`);
  return paths.filter((p) => isIgnored(patterns, p));
}

describe('.dockerignore patterns', () => {
  it('reads lines as BuildKit does: # in column 1, trimming, cleaning, no leading /', () => {
    const patterns = parseDockerignore('\uFEFF# comment\n  .git/  \r\n\n/node_modules\n./a/../b//c/\n!  /keep\n #not-a-comment\n');
    assert.deepEqual(
      patterns?.map((p) => `${p.negated ? '!' : ''}${p.pattern}`),
      ['.git', 'node_modules', 'b/c', '!keep', '#not-a-comment'],
    );
    assert.deepEqual(parseDockerignore(''), []);
    assert.deepEqual(parseDockerignore('/\n')?.map((p) => p.pattern), ['/']);
  });

  it('cleans paths like Go filepath.Clean', () => {
    assert.equal(cleanPath(''), '.');
    assert.equal(cleanPath('./'), '.');
    assert.equal(cleanPath('.//x/./y/'), 'x/y');
    assert.equal(cleanPath('a/../../b'), '../b');
    assert.equal(cleanPath('/../a'), '/a');
    assert.equal(cleanPath('//'), '/');
  });

  it('a directory pattern excludes what is inside it', () => {
    assert.deepEqual(excluded('.git\n', ['.git', '.git/HEAD', '.git/objects/pack', '.github', 'src/.git', '.gitignore']), ['.git', '.git/HEAD', '.git/objects/pack']);
    assert.deepEqual(excluded('node_modules\n', ['node_modules/a/b', 'web/node_modules/a']), ['node_modules/a/b']);
  });

  it('* and ? stay inside one path element; ** crosses any number', () => {
    assert.deepEqual(excluded('*/node_modules\n', ['node_modules/x', 'web/node_modules/x', 'a/b/node_modules/x']), ['web/node_modules/x']);
    assert.deepEqual(excluded('**/node_modules\n', ['node_modules/x', 'web/node_modules/x', 'a/b/node_modules/x', 'node_modules2']), [
      'node_modules/x',
      'web/node_modules/x',
      'a/b/node_modules/x',
    ]);
    assert.deepEqual(excluded('**/*.md\n', ['README.md', 'docs/a/b.md', 'docs/md']), ['README.md', 'docs/a/b.md']);
    assert.deepEqual(excluded('a/**/b\n', ['a/b', 'a/x/y/b', 'b']), ['a/b', 'a/x/y/b']);
    assert.deepEqual(excluded('.git?\n', ['.git', '.gitx', '.git/x']), ['.gitx']);
    assert.deepEqual(excluded('.*\n', ['.git/objects', '.env', 'src/.env', 'a.b']), ['.git/objects', '.env']);
    assert.deepEqual(excluded('**\n', ['a', 'b/c']), ['a', 'b/c']);
  });

  it('a trailing ** takes everything below, and what starts with the text before it', () => {
    assert.deepEqual(excluded('.git/**\n', ['.git', '.git/HEAD', '.git/a/b', '.github']), ['.git/HEAD', '.git/a/b']);
    assert.deepEqual(excluded('tmp**\n', ['tmp', 'tmpfile', 'tm']), ['tmp', 'tmpfile']);
  });

  it('character classes and escapes', () => {
    assert.deepEqual(excluded('[.]git\n', ['.git', 'xgit']), ['.git']);
    assert.deepEqual(excluded('log[0-9]\n', ['log1', 'loga']), ['log1']);
    assert.deepEqual(excluded('[^a]x\n', ['ax', 'bx']), ['bx']);
    assert.deepEqual(excluded('\\*.txt\n', ['*.txt', 'a.txt']), ['*.txt']);
    assert.deepEqual(excluded('a+b(c)\n', ['a+b(c)', 'aab(c)']), ['a+b(c)']);
  });

  it('the last matching pattern decides; ! re-includes', () => {
    assert.deepEqual(excluded('*.md\n!README.md\n', ['a.md', 'README.md']), ['a.md']);
    assert.deepEqual(excluded('*.md\n!README*.md\nREADME-secret.md\n', ['README.md', 'README-secret.md', 'x.md']), ['README-secret.md', 'x.md']);
    assert.deepEqual(excluded('*\n!src\n', ['.git/objects/pack', 'node_modules/a', 'src/index.js', 'src', 'package.json']), ['.git/objects/pack', 'node_modules/a', 'package.json']);
    assert.deepEqual(excluded('.git\n!.git/objects\n', ['.git/HEAD', '.git/objects/pack']), ['.git/HEAD']);
    assert.deepEqual(excluded('!.git\n', ['.git']), [], 'an exception alone excludes nothing');
    assert.deepEqual(excluded('.git\n!.git\n.git\n', ['.git/x']), ['.git/x']);
  });

  it('never excludes the context root', () => {
    const patterns = parseDockerignore('*\n**\n.\n')!;
    assert.equal(isIgnored(patterns, '.'), false);
    assert.equal(isIgnored(patterns, './'), false);
    assert.equal(isIgnored(patterns, './a'), true);
  });

  it('a malformed pattern makes the whole file unreadable', () => {
    // `[z-a]` passes Go's filepath.Match but not the regular expression patternmatcher builds from it.
    for (const bad of ['[\n', 'a[b\n', 'x[]\n', '[]a]\n', '[a-]\n', '[-a]\n', '[z-a]\n', 'a\\\n', '!\n', '!  \n']) {
      assert.equal(parseDockerignore(bad), null, JSON.stringify(bad));
    }
    for (const good of [']a]x\n', '[\\]]\n', '[a-z]\n', '[^\\-]\n', 'a]\n']) {
      assert.notEqual(parseDockerignore(good), null, JSON.stringify(good));
    }
  });

  it('COPY --exclude patterns, one by one', () => {
    const patterns = compilePatterns(['.git', ' node_modules/ ', ''])!;
    assert.deepEqual(patterns.map((p) => p.pattern), ['.git', 'node_modules']);
    assert.equal(isIgnored(patterns, 'node_modules/a'), true);
    assert.equal(compilePatterns(['a[']), null);
  });
});

describe('the build context after file edits', () => {
  it('creates the ignore file only when there is none', () => {
    const created = contextAfterFileEdits({ dockerignore: null, hasGitDir: true }, [{ path: '.dockerignore', kind: 'create', text: '.git\n' }]);
    assert.deepEqual(created, { dockerignore: '.git\n', hasGitDir: true });
    const kept = { dockerignore: 'dist\n' };
    assert.equal(contextAfterFileEdits(kept, [{ path: '.dockerignore', kind: 'create', text: '.git\n' }]), kept);
  });

  it('appends after the line break the file uses when its last line has none', () => {
    const edit = { path: './.dockerignore', kind: 'append' as const, text: '.git\r\n' };
    assert.equal(contextAfterFileEdits({ dockerignore: 'a\r\nb' }, [edit]).dockerignore, 'a\r\nb\r\n.git\r\n');
    assert.equal(contextAfterFileEdits({ dockerignore: 'a\n' }, [edit]).dockerignore, 'a\n.git\r\n');
    assert.equal(contextAfterFileEdits({ dockerignore: 'a' }, [edit]).dockerignore, 'a\n.git\r\n');
    assert.equal(contextAfterFileEdits({ dockerignore: '' }, [edit]).dockerignore, '.git\r\n');
    assert.equal(contextAfterFileEdits({ dockerignore: null }, [edit]).dockerignore, '.git\r\n');
  });

  it('edits the file the context was read from, and leaves an unknown context unknown', () => {
    const specific = { dockerignore: 'dist\n', dockerignorePath: 'api.Dockerfile.dockerignore' };
    assert.equal(contextAfterFileEdits(specific, [{ path: '.dockerignore', kind: 'append', text: '.git\n' }]), specific);
    assert.equal(contextAfterFileEdits(specific, [{ path: 'api.Dockerfile.dockerignore', kind: 'append', text: '.git\n' }]).dockerignore, 'dist\n.git\n');
    const unknown = { hasPackageJson: true };
    assert.equal(contextAfterFileEdits(unknown, [{ path: '.dockerignore', kind: 'create', text: '.git\n' }]), unknown);
  });

  it('line breaks', () => {
    assert.equal(lineBreakOf('a\r\nb\n'), '\r\n');
    assert.equal(lineBreakOf('a\rb'), '\r');
    assert.equal(lineBreakOf('ab'), '\n');
  });
});
