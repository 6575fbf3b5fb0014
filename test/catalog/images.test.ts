import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseImageRef } from '../../server/src/engine/catalog/imageRef';
import { catalogFamilies, lookupImage, slimTagFor, type ImageFacts } from '../../server/src/engine/catalog/images';

function ref(text: string, vars: Record<string, string> = {}) {
  const r = parseImageRef(text, (n) => vars[n]);
  assert.ok(r, `parses ${text}`);
  return r;
}

function facts(text: string, vars: Record<string, string> = {}): ImageFacts | null {
  return lookupImage(ref(text, vars));
}

/** family, variant, libc, shell, package manager, toolchain, size in MB (null = unknown). */
type Summary = [string, string, string, boolean, string, boolean, number | null];

function summary(text: string, vars: Record<string, string> = {}): Summary | null {
  const f = facts(text, vars);
  if (f === null) return null;
  return [f.family, f.variant, f.libc, f.hasShell, f.packageManager, f.isToolchain, f.approxCompressedSize?.mb ?? null];
}

const LOOKUPS: [string, Summary | null][] = [
  // node
  ['node', ['node', 'full', 'glibc', true, 'apt', true, 408.5]],
  ['node:22', ['node', 'full', 'glibc', true, 'apt', true, 408.5]],
  ['node:22-bookworm', ['node', 'full', 'glibc', true, 'apt', true, 408.5]],
  ['node:22-slim', ['node', 'slim', 'glibc', true, 'apt', false, 79.9]],
  ['node:22-bookworm-slim', ['node', 'slim', 'glibc', true, 'apt', false, 79.9]],
  ['node:22-alpine', ['node', 'alpine', 'musl', true, 'apk', false, 60.7]],
  ['node:22-alpine3.20', ['node', 'alpine', 'musl', true, 'apk', false, 60.7]],
  ['docker.io/library/node:lts-alpine', ['node', 'alpine', 'musl', true, 'apk', false, 60.7]],
  ['public.ecr.aws/docker/library/node:22-slim', ['node', 'slim', 'glibc', true, 'apt', false, 79.9]],
  // python
  ['python:3.12', ['python', 'full', 'glibc', true, 'apt', true, 410.9]],
  ['python:3.12-slim-bookworm', ['python', 'slim', 'glibc', true, 'apt', false, 43.2]],
  ['python:3.12-alpine3.20', ['python', 'alpine', 'musl', true, 'apk', false, 18.0]],
  ['python:3.12-windowsservercore-ltsc2022', ['python', 'windows', 'windows', true, 'none', false, null]],
  // golang
  ['golang:1.25', ['golang', 'full', 'glibc', true, 'apt', true, 305.3]],
  ['golang:1.25-alpine', ['golang', 'alpine', 'musl', true, 'apk', true, 64.4]],
  ['golang:1.25-nanoserver', ['golang', 'windows', 'windows', true, 'none', true, null]],
  // rust, gcc
  ['rust:1', ['rust', 'full', 'glibc', true, 'apt', true, null]],
  ['rust:1-slim', ['rust', 'slim', 'glibc', true, 'apt', true, 319.1]],
  ['rust:1-alpine', ['rust', 'alpine', 'musl', true, 'apk', true, null]],
  ['gcc:14', ['gcc', 'full', 'glibc', true, 'apt', true, null]],
  // Java
  ['openjdk:18', ['openjdk', 'oraclelinux', 'glibc', true, 'microdnf', true, null]],
  ['openjdk:15', ['openjdk', 'oraclelinux', 'glibc', true, 'yum', true, null]],
  ['openjdk:18-jdk-oraclelinux7', ['openjdk', 'oraclelinux', 'glibc', true, 'yum', true, null]],
  ['openjdk:11', ['openjdk', 'full', 'glibc', true, 'apt', true, null]],
  ['openjdk:11-jre-slim', ['openjdk', 'slim', 'glibc', true, 'apt', false, null]],
  ['eclipse-temurin:21', ['eclipse-temurin', 'ubuntu', 'glibc', true, 'apt', true, 230.1]],
  ['eclipse-temurin:21-jdk', ['eclipse-temurin', 'ubuntu', 'glibc', true, 'apt', true, 230.1]],
  ['eclipse-temurin:21-jre', ['eclipse-temurin', 'ubuntu', 'glibc', true, 'apt', false, 121.1]],
  ['eclipse-temurin:21-jre-alpine-3.24', ['eclipse-temurin', 'alpine', 'musl', true, 'apk', false, null]],
  ['eclipse-temurin:21-jdk-ubi9-minimal', ['eclipse-temurin', 'ubi-minimal', 'glibc', true, 'microdnf', true, null]],
  ['maven:3.9-eclipse-temurin-21', ['maven', 'ubuntu', 'glibc', true, 'apt', true, null]],
  ['maven:3.9-eclipse-temurin-21-alpine', ['maven', 'alpine', 'musl', true, 'apk', true, null]],
  ['maven:3-amazoncorretto-21', null],
  ['gradle:8-jdk21-alpine', ['gradle', 'alpine', 'musl', true, 'apk', true, null]],
  ['gradle:8-jdk21', ['gradle', 'ubuntu', 'glibc', true, 'apt', true, null]],
  // ruby, php
  ['ruby:3.3', ['ruby', 'full', 'glibc', true, 'apt', true, null]],
  ['ruby:3.3-slim-bookworm', ['ruby', 'slim', 'glibc', true, 'apt', false, null]],
  ['ruby:3.3-alpine', ['ruby', 'alpine', 'musl', true, 'apk', false, null]],
  ['php:8.3-fpm', ['php', 'debian', 'glibc', true, 'apt', true, null]],
  ['php:8.3-fpm-alpine3.20', ['php', 'alpine', 'musl', true, 'apk', false, null]],
  // .NET
  ['mcr.microsoft.com/dotnet/sdk:8.0', ['dotnet-sdk', 'debian', 'glibc', true, 'apt', true, null]],
  ['mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-ltsc2022', ['dotnet-sdk', 'windows', 'windows', true, 'none', true, null]],
  ['mcr.microsoft.com/dotnet/aspnet:8.0', ['dotnet-runtime', 'debian', 'glibc', true, 'apt', false, null]],
  ['mcr.microsoft.com/dotnet/aspnet:10.0', ['dotnet-runtime', 'ubuntu', 'glibc', true, 'apt', false, null]],
  ['mcr.microsoft.com/dotnet/aspnet:8.0-noble-chiseled', ['dotnet-runtime', 'chiseled', 'glibc', false, 'none', false, null]],
  ['mcr.microsoft.com/dotnet/aspnet:8.0-alpine', ['dotnet-runtime', 'alpine', 'musl', true, 'apk', false, null]],
  ['mcr.microsoft.com/dotnet/runtime:8.0-azurelinux3.0', ['dotnet-runtime', 'azurelinux', 'glibc', true, 'tdnf', false, null]],
  [
    'mcr.microsoft.com/dotnet/runtime-deps:8.0-azurelinux3.0-distroless',
    ['dotnet-runtime', 'azurelinux-distroless', 'glibc', false, 'none', false, null],
  ],
  // buildpack-deps, debian, ubuntu, alpine, busybox
  ['buildpack-deps:bookworm', ['buildpack-deps', 'full', 'glibc', true, 'apt', true, null]],
  ['buildpack-deps:bookworm-curl', ['buildpack-deps', 'curl', 'glibc', true, 'apt', false, null]],
  ['buildpack-deps:noble-scm', ['buildpack-deps', 'scm', 'glibc', true, 'apt', false, null]],
  ['debian:bookworm', ['debian', 'full', 'glibc', true, 'apt', false, 48.5]],
  ['debian:bookworm-slim', ['debian', 'slim', 'glibc', true, 'apt', false, 28.2]],
  ['debian:12-slim', ['debian', 'slim', 'glibc', true, 'apt', false, 28.2]],
  ['debian:trixie', ['debian', 'full', 'glibc', true, 'apt', false, 49.3]],
  ['debian:trixie-slim', ['debian', 'slim', 'glibc', true, 'apt', false, 29.8]],
  ['debian:bookworm-backports', ['debian', 'full', 'glibc', true, 'apt', false, null]],
  ['ubuntu:24.04', ['ubuntu', 'full', 'glibc', true, 'apt', false, 29.8]],
  ['ubuntu:22.04', ['ubuntu', 'full', 'glibc', true, 'apt', false, null]],
  ['alpine:3.24', ['alpine', 'alpine', 'musl', true, 'apk', false, 3.8]],
  // No figure for 3.20 itself: the newest release's, which the card names (alpine:3.24.2).
  ['alpine:3.20', ['alpine', 'alpine', 'musl', true, 'apk', false, 3.8]],
  ['busybox', ['busybox', 'glibc', 'glibc', true, 'none', false, 2.2]],
  ['busybox:musl', ['busybox', 'musl', 'musl', true, 'none', false, 0.886]],
  ['busybox:1.38-uclibc', ['busybox', 'uclibc', 'uclibc', true, 'none', false, 0.774]],
  // distroless
  ['gcr.io/distroless/static-debian12', ['distroless', 'static', 'none', false, 'none', false, 2]],
  ['gcr.io/distroless/static-debian12:nonroot', ['distroless', 'static', 'none', false, 'none', false, 2]],
  ['gcr.io/distroless/static-debian12:debug', ['distroless', 'static', 'none', true, 'none', false, 2]],
  ['gcr.io/distroless/base-nossl-debian12', ['distroless', 'base-nossl', 'glibc', false, 'none', false, null]],
  ['gcr.io/distroless/base-debian12', ['distroless', 'base', 'glibc', false, 'none', false, null]],
  ['gcr.io/distroless/cc-debian12:latest', ['distroless', 'cc', 'glibc', false, 'none', false, null]],
  ['gcr.io/distroless/java21-debian12', ['distroless', 'java', 'glibc', false, 'none', false, null]],
  ['gcr.io/distroless/nodejs22-debian12:debug-nonroot', ['distroless', 'nodejs', 'glibc', true, 'none', false, null]],
  ['gcr.io/distroless/python3-debian12', ['distroless', 'python3', 'glibc', false, 'none', false, null]],
  ['gcr.io/distroless/something-new', null],
  // chainguard / wolfi
  ['cgr.dev/chainguard/static', ['chainguard', 'static', 'none', false, 'none', false, null]],
  ['cgr.dev/chainguard/wolfi-base', ['chainguard', 'wolfi-base', 'glibc', true, 'apk', false, null]],
  ['cgr.dev/chainguard/glibc-dynamic', ['chainguard', 'glibc-dynamic', 'glibc', false, 'none', false, null]],
  ['cgr.dev/chainguard/node:latest', ['chainguard', 'runtime', 'glibc', false, 'none', false, null]],
  ['cgr.dev/chainguard/node:latest-dev', ['chainguard', 'runtime', 'glibc', true, 'apk', false, null]],
  ['cgr.dev/chainguard/go:latest', ['chainguard', 'toolchain', 'glibc', false, 'none', true, null]],
  // scratch and unknowns
  ['scratch', ['scratch', 'scratch', 'none', false, 'none', false, 0]],
  ['bitnami/node:22', null],
  ['localhost:5000/app:1', null],
];

describe('lookupImage', () => {
  for (const [text, expected] of LOOKUPS) {
    it(text, () => assert.deepEqual(summary(text), expected));
  }

  it('covers every family in the catalog', () => {
    const seen = new Set(LOOKUPS.map(([, s]) => s?.[0]).filter((f): f is string => f !== undefined));
    assert.deepEqual(catalogFamilies().filter((f) => !seen.has(f)), []);
  });

  it('uses literal parts of a tag that still has variables', () => {
    assert.deepEqual(summary('node:${NODE_VERSION}-alpine'), ['node', 'alpine', 'musl', true, 'apk', false, 60.7]);
    assert.deepEqual(summary('golang:${GO}-alpine${ALPINE}'), ['golang', 'alpine', 'musl', true, 'apk', true, 64.4]);
    assert.deepEqual(summary('python:${PY}-bookworm'), ['python', 'full', 'glibc', true, 'apt', true, 410.9]);
    assert.equal(summary('node:${NODE_VERSION}'), null);
    assert.equal(summary('${BASE_IMAGE}'), null);
    assert.deepEqual(summary('node:${NODE_VERSION}', { NODE_VERSION: '22-slim' }), ['node', 'slim', 'glibc', true, 'apt', false, 79.9]);
    assert.deepEqual(summary('alpine:${ALPINE_VERSION}'), ['alpine', 'alpine', 'musl', true, 'apk', false, 3.8]);
  });

  it('dates and sources every size figure', () => {
    for (const [text, s] of LOOKUPS) {
      const size = s ? facts(text)?.approxCompressedSize : null;
      if (!size) continue;
      assert.match(size.date, /^\d{4}-\d{2}-\d{2}$|^\d{4}–\d{4}$|^n\/a$/, text);
      assert.ok(size.source.length > 10, text);
      assert.ok(size.measuredImage.length > 0, text);
    }
    const node = facts('node:22-slim')!.approxCompressedSize!;
    assert.deepEqual(node, {
      mb: 79.9,
      measuredImage: 'node:22-slim',
      platform: 'linux/amd64',
      date: '2026-09-19',
      source: 'docker-library/repo-info repos/node/remote/22-slim.md',
      // 227.34 MiB × 1,048,576 = 238,381,793 bytes.
      uncompressedMb: 238.4,
      uncompressedSource: 'docker-library/repo-info repos/node/local/22-slim.md: node:22-bookworm-slim, linux/amd64, 2026-09-19, "Virtual Size: ~ 227.34 Mb" (MiB)',
    });
  });

  it('states the uncompressed size (what `docker images` shows) where a source gives it, in MB from the MiB the source prints', () => {
    const uncompressed = (text: string) => facts(text)?.approxCompressedSize?.uncompressedMb ?? null;
    assert.deepEqual(
      ['alpine:3.24', 'alpine:3.20', 'node:22', 'node:22-slim', 'node:22-alpine', 'python:3.12', 'python:3.12-slim', 'golang:1.25', 'golang:1.25-alpine', 'debian:bookworm', 'debian:bookworm-slim', 'debian:trixie', 'debian:trixie-slim', 'ubuntu:24.04', 'eclipse-temurin:21-jdk', 'eclipse-temurin:21-jre', 'scratch'].map(uncompressed),
      [8.8, 8.8, 1213.3, 238.4, 175.5, 1191.9, 125, 888.8, 225.7, 121.4, 77.9, 125.7, 82.5, 82, 497.9, 333.6, 0],
    );
    // Known only compressed: the figure says nothing about the uncompressed size.
    assert.deepEqual(['python:3.12-alpine', 'rust:1-slim', 'busybox:musl'].map(uncompressed), [null, null, null]);
  });

  it('reports contents for minimal images', () => {
    assert.equal(facts('gcr.io/distroless/base-debian12')!.contents, 'static + glibc + OpenSSL');
    assert.equal(facts('scratch')!.contents, 'nothing: only the files you COPY in');
    assert.equal(facts('node:22')!.contents, null);
  });
});

describe('slimmerAlternatives', () => {
  const alts = (text: string) => facts(text)!.slimmerAlternatives.map((a) => a.image);
  const ROWS: [string, string[]][] = [
    ['node:22', ['node:22-slim', 'gcr.io/distroless/nodejs22-debian12']],
    ['node:22-bookworm', ['node:22-bookworm-slim', 'gcr.io/distroless/nodejs22-debian12']],
    ['node:18', ['node:18-slim']],
    ['node', ['node:slim']],
    ['node:22-slim', ['gcr.io/distroless/nodejs22-debian12']],
    ['public.ecr.aws/docker/library/node:22', ['public.ecr.aws/docker/library/node:22-slim', 'gcr.io/distroless/nodejs22-debian12']],
    ['python:3.12', ['python:3.12-slim', 'gcr.io/distroless/python3-debian12']],
    ['python:3.12-bookworm', ['python:3.12-slim-bookworm', 'gcr.io/distroless/python3-debian12']],
    ['golang:1.25', ['scratch', 'gcr.io/distroless/static-debian12', 'gcr.io/distroless/base-debian12']],
    ['rust:1', ['gcr.io/distroless/cc-debian12', 'gcr.io/distroless/static-debian12']],
    ['eclipse-temurin:21-jdk', ['eclipse-temurin:21-jre', 'gcr.io/distroless/java21-debian12']],
    ['eclipse-temurin:21-jre', ['gcr.io/distroless/java21-debian12']],
    ['maven:3.9-eclipse-temurin-17', ['eclipse-temurin:17-jre', 'gcr.io/distroless/java17-debian12']],
    ['openjdk:18', []],
    ['openjdk:17-jdk-slim', ['eclipse-temurin:17-jre', 'gcr.io/distroless/java17-debian12']],
    ['mcr.microsoft.com/dotnet/sdk:8.0', ['mcr.microsoft.com/dotnet/aspnet:8.0', 'mcr.microsoft.com/dotnet/runtime:8.0']],
    ['mcr.microsoft.com/dotnet/aspnet:8.0', ['mcr.microsoft.com/dotnet/aspnet:8.0-noble-chiseled']],
    ['debian:bookworm', ['debian:bookworm-slim']],
    ['buildpack-deps:bookworm', ['debian:bookworm-slim']],
    ['gcr.io/distroless/static-debian12:debug-nonroot', ['gcr.io/distroless/static-debian12:nonroot']],
    ['gcr.io/distroless/base-debian12:debug', ['gcr.io/distroless/base-debian12:latest']],
    ['cgr.dev/chainguard/python:latest-dev', ['cgr.dev/chainguard/python:latest']],
    ['alpine:3.24', []],
    ['scratch', []],
  ];
  for (const [text, expected] of ROWS) {
    it(text, () => assert.deepEqual(alts(text), expected));
  }

  it('never lists an Alpine image', () => {
    for (const [text] of LOOKUPS) {
      const f = facts(text);
      for (const a of f?.slimmerAlternatives ?? []) assert.doesNotMatch(a.image, /alpine/, text);
    }
  });
});

describe('slimTagFor', () => {
  const ROWS: [string, Record<string, string>, string | null][] = [
    ['node:22', {}, '22-slim'],
    ['node:22-bookworm', {}, '22-bookworm-slim'],
    ['node:22.11.0-bookworm', {}, '22.11.0-bookworm-slim'],
    ['node:lts', {}, 'lts-slim'],
    ['node:latest', {}, 'slim'],
    ['node:22-slim', {}, null],
    ['node:22-bookworm-slim', {}, null],
    ['node:22-alpine', {}, null],
    // -onbuild images exist to compile dependencies downstream; there is no -onbuild-slim.
    ['node:6-onbuild', {}, null],
    ['python:3.6-onbuild', {}, null],
    ['ruby:onbuild', {}, null],
    ['python:3.12', {}, '3.12-slim'],
    ['python:3.12-bookworm', {}, '3.12-slim-bookworm'],
    ['python:3.12-trixie', {}, '3.12-slim-trixie'],
    ['python:bookworm', {}, 'slim-bookworm'],
    ['python:latest', {}, 'slim'],
    ['python:3.12-alpine3.20', {}, null],
    ['python:3.12-windowsservercore-ltsc2022', {}, null],
    ['ruby:3.3-bookworm', {}, '3.3-slim-bookworm'],
    ['rust:1.80-bookworm', {}, '1.80-slim-bookworm'],
    ['rust:1-slim', {}, null],
    ['debian:bookworm', {}, 'bookworm-slim'],
    ['debian:12', {}, '12-slim'],
    ['debian:bookworm-20240904', {}, 'bookworm-20240904-slim'],
    ['debian:latest', {}, null],
    ['debian:bookworm-backports', {}, null],
    ['openjdk:11-jdk', {}, '11-jdk-slim'],
    ['openjdk:18-jdk-bullseye', {}, '18-jdk-slim-bullseye'],
    ['openjdk:18', {}, null],
    ['golang:1.25', {}, null],
    ['ubuntu:24.04', {}, null],
    ['alpine:3.20', {}, null],
    ['gcr.io/distroless/base-debian12', {}, null],
    ['scratch', {}, null],
    ['bitnami/node:22', {}, null],
    ['node', {}, null],
    [`node:22@sha256:${'0'.repeat(64)}`, {}, null],
    // Variables: the replacement keeps them when the changed part is literal.
    ['node:${NODE_VERSION}', { NODE_VERSION: '22' }, '${NODE_VERSION}-slim'],
    ['python:${PY}-bookworm', { PY: '3.12' }, '${PY}-slim-bookworm'],
    ['python:${PY}-bookworm', {}, '${PY}-slim-bookworm'],
    ['python:${TAG}', { TAG: '3.12-bookworm' }, null],
    ['node:${TAG}', { TAG: '22-slim' }, null],
    ['node:${NODE_VERSION}', {}, null],
  ];
  for (const [text, vars, expected] of ROWS) {
    it(`${text}${Object.keys(vars).length ? ` with ${JSON.stringify(vars)}` : ''}`, () => {
      assert.equal(slimTagFor(ref(text, vars)), expected);
    });
  }
});
