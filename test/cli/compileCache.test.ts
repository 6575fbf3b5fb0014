import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Module from 'node:module';
import { describe, it } from 'node:test';
import { cli, project } from './helpers.js';

const DOCKERFILE = 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\n';

// Node ≥ 22.1 keeps the cache itself (module.enableCompileCache), in its own layout.
const ownCache = typeof (Module as unknown as { enableCompileCache?: unknown }).enableCompileCache === 'function';

describe('the CLI loader keeps V8 code cache in the user cache directory', { skip: ownCache && 'Node keeps its own compile cache here' }, () => {
  const dir = project({ Dockerfile: DOCKERFILE });
  const file = join(dir, 'Dockerfile');
  const expected = cli(['check', '--format', 'json', file], { env: { DOCKERFILE_SLIM_NO_COMPILE_CACHE: '1' } });

  it('the first run writes one cache file, later runs read it, and every run answers the same', () => {
    const cache = mkdtempSync(join(tmpdir(), 'dfslim-xdg-'));
    const env = { XDG_CACHE_HOME: cache };
    const first = cli(['check', '--format', 'json', file], { env });
    assert.deepEqual(first, expected);
    const files = readdirSync(join(cache, 'dockerfile-slim'));
    assert.equal(files.length, 1, files.join(', '));
    assert.match(files[0]!, /^cli-\d+-\d+-v[\d.]+-\w+\.cache$/);
    const path = join(cache, 'dockerfile-slim', files[0]!);
    const bytes = readFileSync(path);
    assert.ok(bytes.length > 1000);
    assert.deepEqual(cli(['check', '--format', 'json', file], { env }), expected);
    // Accepted by V8, so not written again.
    assert.deepEqual(readFileSync(path), bytes);
  });

  it('a damaged cache file is rejected by V8, the run is unchanged, and the file is written anew', () => {
    const cache = mkdtempSync(join(tmpdir(), 'dfslim-xdg-'));
    const env = { XDG_CACHE_HOME: cache };
    cli(['check', '--format', 'json', file], { env });
    const [name] = readdirSync(join(cache, 'dockerfile-slim'));
    const path = join(cache, 'dockerfile-slim', name!);
    writeFileSync(path, Buffer.alloc(5000, 7));
    assert.deepEqual(cli(['check', '--format', 'json', file], { env }), expected);
    assert.notDeepEqual(readFileSync(path), Buffer.alloc(5000, 7));
    assert.deepEqual(cli(['check', '--format', 'json', file], { env }), expected);
  });

  it('a run that reads no Dockerfile writes no cache (it would hold start-up code only); the first run that lints writes it', () => {
    const cache = mkdtempSync(join(tmpdir(), 'dfslim-xdg-'));
    const env = { XDG_CACHE_HOME: cache };
    assert.equal(cli(['--version'], { env }).code, 0);
    assert.equal(cli(['check', '--help'], { env }).code, 0);
    assert.equal(cli(['check', '--no-such-option'], { env }).code, 2);
    assert.equal(cli(['check', join(dir, 'missing', 'Dockerfile')], { env }).code, 2);
    assert.deepEqual(readdirSync(cache), []);
    assert.deepEqual(cli(['check', '--format', 'json', file], { env }), expected);
    assert.equal(readdirSync(join(cache, 'dockerfile-slim')).length, 1);
  });

  it('the count of Dockerfiles its run read heads the file; a run over more than twice as many (and at least 8) writes it again, others do not', () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 9; i++) many[`app${i}/Dockerfile`] = `FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl${i}\n`;
    const root = project(many);
    const files = Object.keys(many).map((f) => join(root, f));
    const cache = mkdtempSync(join(tmpdir(), 'dfslim-xdg-'));
    const env = { XDG_CACHE_HOME: cache };
    const read = (): Buffer => {
      const names = readdirSync(join(cache, 'dockerfile-slim'));
      assert.equal(names.length, 1, names.join(', '));
      return readFileSync(join(cache, 'dockerfile-slim', names[0]!));
    };
    const expectedMany = cli(['check', '--format', 'json', ...files], { env: { DOCKERFILE_SLIM_NO_COMPILE_CACHE: '1' } });
    cli(['check', '--format', 'json', files[0]!], { env });
    const one = read();
    assert.equal(one.toString('latin1', 0, 4), 'DFSC');
    assert.equal(one.readUInt32LE(4), 1);
    // Two files: more than twice one, but fewer than 8: kept.
    cli(['check', '--format', 'json', files[0]!, files[1]!], { env });
    assert.deepEqual(read(), one);
    assert.deepEqual(cli(['check', '--format', 'json', ...files], { env }), expectedMany);
    const nine = read();
    assert.equal(nine.readUInt32LE(4), 9);
    assert.notDeepEqual(nine, one);
    // As many, or fewer: kept, and the answers are the same with the new cache.
    assert.deepEqual(cli(['check', '--format', 'json', ...files], { env }), expectedMany);
    cli(['check', '--format', 'json', files[0]!], { env });
    assert.deepEqual(read(), nine);
  });

  it('a cache file without its header (an older layout) is written anew', () => {
    const cache = mkdtempSync(join(tmpdir(), 'dfslim-xdg-'));
    const env = { XDG_CACHE_HOME: cache };
    cli(['check', '--format', 'json', file], { env });
    const [name] = readdirSync(join(cache, 'dockerfile-slim'));
    const path = join(cache, 'dockerfile-slim', name!);
    // V8's data alone, as the loader wrote it before the header existed.
    writeFileSync(path, readFileSync(path).subarray(8));
    assert.deepEqual(cli(['check', '--format', 'json', file], { env }), expected);
    const bytes = readFileSync(path);
    assert.equal(bytes.toString('latin1', 0, 4), 'DFSC');
    assert.equal(bytes.readUInt32LE(4), 1);
  });

  it('no cache is written when it is turned off or the directory cannot be made', () => {
    const cache = mkdtempSync(join(tmpdir(), 'dfslim-xdg-'));
    assert.deepEqual(cli(['check', '--format', 'json', file], { env: { XDG_CACHE_HOME: cache, DOCKERFILE_SLIM_NO_COMPILE_CACHE: '1' } }), expected);
    assert.deepEqual(readdirSync(cache), []);
    const blocked = join(cache, 'file');
    writeFileSync(blocked, '');
    assert.deepEqual(cli(['check', '--format', 'json', file], { env: { XDG_CACHE_HOME: blocked } }), expected);
  });

  it('writing a cache deletes other builds\' caches older than 30 days and all but the 7 most recent others, and temporary files of killed runs; other files stay', () => {
    const cache = mkdtempSync(join(tmpdir(), 'dfslim-xdg-'));
    const own = join(cache, 'dockerfile-slim');
    mkdirSync(own);
    const day = 24 * 3600;
    const now = Date.now() / 1000;
    const make = (name: string, ageDays: number): void => {
      writeFileSync(join(own, name), 'x');
      utimesSync(join(own, name), now - ageDays * day, now - ageDays * day);
    };
    // Nine other builds' caches 1..9 days old, one 40 days old; temporary files; a file not ours.
    for (let i = 1; i <= 9; i++) make(`cli-${i}-1-v20.0.0-x64.cache`, i);
    make('cli-old-1-v18.0.0-x64.cache', 40);
    make('cli-1-1-v20.0.0-x64.cache.123.tmp', 1);
    make('cli-2-1-v20.0.0-x64.cache.456.tmp', 0.001);
    make('notes.txt', 400);
    assert.deepEqual(cli(['check', '--format', 'json', file], { env: { XDG_CACHE_HOME: cache } }), expected);
    const left = readdirSync(own).sort();
    const written = left.filter((n) => /^cli-\d+-\d+-v[\d.]+-\w+\.cache$/.test(n) && !/^cli-\d-1-v20\.0\.0-x64\.cache$/.test(n));
    assert.equal(written.length, 1, left.join(', '));
    const expectedLeft = [...written, 'cli-1-1-v20.0.0-x64.cache', 'cli-2-1-v20.0.0-x64.cache', 'cli-2-1-v20.0.0-x64.cache.456.tmp', 'cli-3-1-v20.0.0-x64.cache', 'cli-4-1-v20.0.0-x64.cache', 'cli-5-1-v20.0.0-x64.cache', 'cli-6-1-v20.0.0-x64.cache', 'cli-7-1-v20.0.0-x64.cache', 'notes.txt'].sort();
    assert.deepEqual(left, expectedLeft);
    // A run that reads the cache writes nothing, so it deletes nothing.
    make('cli-old-2-v18.0.0-x64.cache', 50);
    cli(['check', '--format', 'json', file], { env: { XDG_CACHE_HOME: cache } });
    assert.ok(readdirSync(own).includes('cli-old-2-v18.0.0-x64.cache'));
  });
});
