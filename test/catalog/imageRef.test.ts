import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatImageRef, parseImageRef, type ImageRef } from '../../server/src/engine/catalog/imageRef';

const SHA = 'sha256:' + 'ab12'.repeat(16);

/** The fields a rule cares about, for exact comparison. */
function shape(ref: ImageRef | null) {
  if (ref === null) return null;
  return {
    registry: ref.registry,
    repository: ref.repository,
    name: ref.name,
    tag: ref.tag,
    digest: ref.digest,
    unresolved: ref.unresolved,
    tagStart: ref.tagStart,
    tagEnd: ref.tagEnd,
  };
}

type Row = [input: string, vars: Record<string, string> | null, expected: ReturnType<typeof shape>];

const hub = (repository: string, tag: string | null, tagStart: number | null, tagEnd: number | null, digest: string | null = null) => ({
  registry: 'docker.io',
  repository,
  name: repository.split('/').pop()!,
  tag,
  digest,
  unresolved: false,
  tagStart,
  tagEnd,
});

const ROWS: Row[] = [
  ['node', null, hub('library/node', null, null, null)],
  ['node:22', null, hub('library/node', '22', 5, 7)],
  ['node:22-bookworm-slim', null, hub('library/node', '22-bookworm-slim', 5, 21)],
  ['library/node:22', null, hub('library/node', '22', 13, 15)],
  ['docker.io/library/node:22', null, hub('library/node', '22', 23, 25)],
  ['index.docker.io/library/node:22', null, hub('library/node', '22', 29, 31)],
  ['bitnami/node:22', null, hub('bitnami/node', '22', 13, 15)],
  ['my_org/app__x.y-z:1', null, hub('my_org/app__x.y-z', '1', 18, 19)],
  [
    'localhost:5000/app:1',
    null,
    { registry: 'localhost:5000', repository: 'app', name: 'app', tag: '1', digest: null, unresolved: false, tagStart: 19, tagEnd: 20 },
  ],
  [
    'localhost/app',
    null,
    { registry: 'localhost', repository: 'app', name: 'app', tag: null, digest: null, unresolved: false, tagStart: null, tagEnd: null },
  ],
  [
    'LOCALHOST:5000/app',
    null,
    { registry: 'LOCALHOST:5000', repository: 'app', name: 'app', tag: null, digest: null, unresolved: false, tagStart: null, tagEnd: null },
  ],
  [
    'registry.example.com:443/team/app/api:v1.2.3',
    null,
    { registry: 'registry.example.com:443', repository: 'team/app/api', name: 'api', tag: 'v1.2.3', digest: null, unresolved: false, tagStart: 38, tagEnd: 44 },
  ],
  [
    'gcr.io/distroless/static-debian12',
    null,
    { registry: 'gcr.io', repository: 'distroless/static-debian12', name: 'static-debian12', tag: null, digest: null, unresolved: false, tagStart: null, tagEnd: null },
  ],
  [
    'mcr.microsoft.com/dotnet/aspnet:8.0',
    null,
    { registry: 'mcr.microsoft.com', repository: 'dotnet/aspnet', name: 'aspnet', tag: '8.0', digest: null, unresolved: false, tagStart: 32, tagEnd: 35 },
  ],
  [`node@${SHA}`, null, hub('library/node', null, null, null, SHA)],
  [`node:22@${SHA}`, null, hub('library/node', '22', 5, 7, SHA)],
  [
    `localhost:5000/app@${SHA}`,
    null,
    { registry: 'localhost:5000', repository: 'app', name: 'app', tag: null, digest: SHA, unresolved: false, tagStart: null, tagEnd: null },
  ],
  [
    'scratch',
    null,
    { registry: '', repository: 'scratch', name: 'scratch', tag: null, digest: null, unresolved: false, tagStart: null, tagEnd: null },
  ],
  ['node:${NODE_VERSION}', { NODE_VERSION: '22' }, hub('library/node', '22', 5, 20)],
  ['node:$NODE_VERSION-alpine', { NODE_VERSION: '22' }, hub('library/node', '22-alpine', 5, 25)],
  ['node:${NODE_VERSION:-20}', null, hub('library/node', '20', 5, 24)],
  ['node:${NODE_VERSION:-20}', { NODE_VERSION: '22' }, hub('library/node', '22', 5, 24)],
  ['node:${NODE_VERSION:-20}', { NODE_VERSION: '' }, hub('library/node', '20', 5, 24)],
  ['node:${NODE_VERSION-20}', { NODE_VERSION: '' }, null],
  ['node:${NODE_VERSION:?required}', { NODE_VERSION: '22' }, hub('library/node', '22', 5, 30)],
  ['python:${PY:-3.12}-slim', null, hub('library/python', '3.12-slim', 7, 23)],
  [
    'node:${NODE_VERSION}',
    null,
    { ...hub('library/node', '${NODE_VERSION}', 5, 20), unresolved: true },
  ],
  [
    '${REGISTRY}/app:${TAG}',
    null,
    { registry: '${REGISTRY}', repository: 'app', name: 'app', tag: '${TAG}', digest: null, unresolved: true, tagStart: 16, tagEnd: 22 },
  ],
  // The whole reference comes from one variable: the tag exists but cannot be edited on its own.
  ['${BASE_IMAGE}', { BASE_IMAGE: 'python:3.12-slim' }, hub('library/python', '3.12-slim', null, null)],
  ['Node:22', null, null],
  ['docker.io/Library/node', null, null],
  ['', null, null],
  ['node:', null, null],
  ['node:22 AS build', null, null],
  ['node@sha256:abc', null, null],
  ['node:-bad', null, null],
  ['app___x', null, null],
  ['node:${UNCLOSED', null, null],
  ['/node', null, null],
];

describe('parseImageRef', () => {
  for (const [input, vars, expected] of ROWS) {
    it(`${JSON.stringify(input)}${vars ? ` with ${JSON.stringify(vars)}` : ''}`, () => {
      const ref = parseImageRef(input, vars ? (n) => vars[n] : undefined);
      assert.deepEqual(shape(ref), expected);
      if (ref && ref.tagStart !== null && ref.tagEnd !== null) {
        assert.equal(ref.tagText, input.slice(ref.tagStart, ref.tagEnd));
      }
    });
  }

  it('keeps the table large enough', () => {
    assert.ok(ROWS.length >= 25);
  });

  it('names Docker Hub official images familiarly', () => {
    const ref = parseImageRef('docker.io/library/node:22')!;
    assert.equal(ref.familiarName, 'node');
    assert.equal(ref.isOfficial, true);
    assert.equal(parseImageRef('bitnami/node')!.familiarName, 'bitnami/node');
    assert.equal(parseImageRef('bitnami/node')!.isOfficial, false);
    assert.equal(parseImageRef('gcr.io/distroless/cc')!.familiarName, 'gcr.io/distroless/cc');
  });

  it('lists unresolved variables once, in order', () => {
    const ref = parseImageRef('${REGISTRY}/app:${TAG}-${REGISTRY}')!;
    assert.deepEqual(ref.unresolvedVariables, ['REGISTRY', 'TAG']);
    assert.equal(ref.unresolved, true);
  });

  it('gives the insertion point for a missing tag', () => {
    assert.equal(parseImageRef('node')!.tagInsertOffset, 4);
    assert.equal(parseImageRef(`localhost:5000/app@${SHA}`)!.tagInsertOffset, 18);
    assert.equal(parseImageRef('node:22')!.tagInsertOffset, null);
    assert.equal(parseImageRef('$IMG', (n) => (n === 'IMG' ? 'node' : undefined))!.tagInsertOffset, 4);
  });

  it('treats only bare scratch as the empty image', () => {
    assert.equal(parseImageRef('scratch')!.isScratch, true);
    assert.equal(parseImageRef('scratch:latest')!.isScratch, false);
    assert.equal(parseImageRef('${BASE}', (n) => (n === 'BASE' ? 'scratch' : undefined))!.isScratch, true);
  });

  it('asks no variable of a reference without `$`, and answers as without the lookup (the kept reference)', () => {
    const asked: string[] = [];
    const lookup = (n: string): string | undefined => {
      asked.push(n);
      return 'x';
    };
    for (const [input] of ROWS.filter(([t]) => !t.includes('$'))) {
      assert.equal(parseImageRef(input, lookup), parseImageRef(input), input);
    }
    assert.deepEqual(asked, []);
    // With a `$`, the lookup is asked and the literal characters around the variable keep their places.
    const ref = parseImageRef('ghcr.io/o/app-$V:1.2-${T}', (n) => ({ V: 'cli', T: 'slim' })[n])!;
    assert.deepEqual([ref.registry, ref.repository, ref.tag, ref.unresolved], ['ghcr.io', 'o/app-cli', '1.2-slim', false]);
    assert.equal(ref.tagStart, 'ghcr.io/o/app-$V:'.length);
    assert.equal(ref.tagEnd, 'ghcr.io/o/app-$V:1.2-${T}'.length);
  });

  it('lets a replacement of the tag range produce the new reference', () => {
    const text = 'python:${PY}-bookworm';
    const ref = parseImageRef(text, (n) => (n === 'PY' ? '3.12' : undefined))!;
    assert.equal(ref.tagText, '${PY}-bookworm');
    const edited = text.slice(0, ref.tagStart!) + '${PY}-slim-bookworm' + text.slice(ref.tagEnd!);
    assert.equal(edited, 'python:${PY}-slim-bookworm');
  });
});

describe('formatImageRef', () => {
  it('prints the familiar form', () => {
    assert.equal(formatImageRef(parseImageRef('docker.io/library/node:22')!), 'node:22');
    assert.equal(formatImageRef(parseImageRef(`localhost:5000/app:1@${SHA}`)!), `localhost:5000/app:1@${SHA}`);
    assert.equal(formatImageRef(parseImageRef('scratch')!), 'scratch');
  });
});
