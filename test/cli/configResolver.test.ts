import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigResolver, type ConfigResult } from '../../server/src/cli/loadConfig.js';
import { buildContextFor } from '../../server/src/node/buildContext.js';
import { CONFIG_FILE } from '../../server/src/node/projectConfig.js';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'dfslim-resolver-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

/** What a resolver says of a file, in plain data: the rules and context, or the error, and the source. */
function plain(r: ConfigResult): unknown {
  return 'error' in r ? r : { rules: r.config.rules, context: { ...r.config.context }, source: r.source };
}

describe('the configuration and build context of each Dockerfile in one run (ConfigResolver)', () => {
  it('files in different directories get their own nearest config and context; a nested config wins below it; a directory with none above has the defaults', () => {
    const root = tree({
      [`a/${CONFIG_FILE}`]: '{"rules":{"runs-as-root":"off"}}',
      'a/Dockerfile': 'FROM alpine\n',
      'a/.dockerignore': '.git\n',
      [`a/nested/${CONFIG_FILE}`]: '{"rules":{"runs-as-root":"error"}}',
      'a/nested/Dockerfile': 'FROM alpine\n',
      'a/nested/package.json': '{}',
      'a/plain/Dockerfile': 'FROM alpine\n',
      'b/Dockerfile': 'FROM alpine\n',
      [`c/${CONFIG_FILE}`]: '{nope',
      'c/Dockerfile': 'FROM alpine\n',
    });
    const files = ['a/Dockerfile', 'a/nested/Dockerfile', 'a/plain/Dockerfile', 'b/Dockerfile', 'c/Dockerfile', 'a/Dockerfile', 'a/nested/Dockerfile'].map((f) => join(root, f));
    const resolver = new ConfigResolver({ 'apt-lists-left': 'warning' });
    const got = files.map((f) => plain(resolver.forFile(f)));
    // Each as a resolver of its own (nothing shared between files) says.
    assert.deepEqual(
      got,
      files.map((f) => plain(new ConfigResolver({ 'apt-lists-left': 'warning' }).forFile(f))),
    );
    const at = (i: number) => got[i] as { rules: Record<string, string>; context: Record<string, unknown>; source: string | null };
    assert.deepEqual(at(0).rules, { 'runs-as-root': 'off', 'apt-lists-left': 'warning' });
    assert.equal(at(0).source, join(root, 'a', CONFIG_FILE));
    assert.equal(at(0).context['dockerignore'], '.git\n');
    assert.deepEqual(at(1).rules, { 'runs-as-root': 'error', 'apt-lists-left': 'warning' });
    assert.equal(at(1).source, join(root, 'a', 'nested', CONFIG_FILE));
    assert.equal(at(1).context['hasPackageJson'], true);
    assert.equal(at(1).context['dockerignore'], null);
    assert.deepEqual(at(2).rules, { 'runs-as-root': 'off', 'apt-lists-left': 'warning' });
    assert.equal(at(2).source, join(root, 'a', CONFIG_FILE));
    for (const i of [0, 1, 2, 3]) assert.deepEqual(at(i).context, { ...buildContextFor(files[i]!) }, files[i]);
    // b has no config between it and the file system's root (the temporary directory has none: checked here).
    const outside = new ConfigResolver({}).forFile(join(tmpdir(), 'Dockerfile'));
    if (!('error' in outside) && outside.source === null) {
      assert.deepEqual(at(3).rules, { 'apt-lists-left': 'warning' });
      assert.equal(at(3).source, null);
    }
    assert.ok('error' in (got[4] as object) && (got[4] as { error: string }).error.startsWith(`${join(root, 'c', CONFIG_FILE)}: invalid JSON`));
  });

  it('after forgetContexts, a file written beside a Dockerfile during the run is seen by the next one', () => {
    const root = tree({ 'Dockerfile': 'FROM alpine\n', 'api.Dockerfile': 'FROM alpine\n' });
    const resolver = new ConfigResolver({});
    const first = resolver.forFile(join(root, 'Dockerfile'));
    assert.ok(!('error' in first) && first.config.context?.dockerignore === null);
    writeFileSync(join(root, '.dockerignore'), '.git\n');
    resolver.forgetContexts();
    const second = resolver.forFile(join(root, 'api.Dockerfile'));
    assert.ok(!('error' in second) && second.config.context?.dockerignore === '.git\n');
  });
});
