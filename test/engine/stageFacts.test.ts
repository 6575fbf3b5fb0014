import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { buildModel } from '../../server/src/engine/model/model.js';
import { defaultsToNonRoot, fromImage, imageHasCaBundle, isRootUser, shippedImage, stageHasShell, stageImageFacts, stageImageRef, stageLibc } from '../../server/src/engine/model/stageFacts.js';
import { lastUser, workdirAt } from '../../server/src/engine/model/timeline.js';
import { dockerfile } from '../support/dockerfile.js';
import { engineReady } from '../support/engine.js';

describe('stageFacts', () => {
  before(() => engineReady);

  it('follows FROM aliases and ARG defaults to the catalog', () => {
    const m = buildModel(dockerfile`
      ARG GO=1.25
      ARG RUNTIME
      FROM golang:${'${GO}'}-alpine AS build
      FROM build AS test
      FROM gcr.io/distroless/static-debian12:nonroot AS run
      FROM ${'${RUNTIME}'}
      FROM run
    `);
    const [build, test, run, unknown, final] = m.stages as [never, never, never, never, never];
    assert.equal(stageImageRef(test)?.tag, '1.25-alpine');
    assert.equal(stageImageFacts(test)?.family, 'golang');
    assert.equal(stageLibc(build), 'musl');
    assert.equal(stageLibc(final), 'none');
    assert.equal(stageHasShell(final), false);
    assert.equal(stageHasShell(build), true);
    assert.equal(stageImageRef(unknown), null);
    assert.equal(stageHasShell(unknown), null);
    assert.equal(stageLibc(unknown), null);
    assert.equal(defaultsToNonRoot(stageImageRef(run)!, stageImageFacts(run)), true);
    assert.equal(imageHasCaBundle(stageImageFacts(build)), true);
  });

  it('shippedImage: the stage that ships (before a final test stage), its root image and its facts', () => {
    const m = buildModel(dockerfile`
      FROM golang:1.25-alpine AS build
      FROM build AS app
      FROM app AS test
      RUN go test ./...
    `);
    const image = shippedImage(m)!;
    assert.equal(image.stage, m.stages[1]);
    assert.equal(image.ref?.familiarName, 'golang');
    assert.equal(image.ref?.tag, '1.25-alpine');
    assert.equal(image.facts?.family, 'golang');
    const unknown = shippedImage(buildModel('FROM example.com/team/app:1\n'))!;
    assert.equal(unknown.ref?.tag, '1');
    assert.equal(unknown.facts, null);
    assert.equal(shippedImage(buildModel('ARG X\n')), null);
  });

  it('images outside the catalog are taken to have a shell, unless named distroless or chiseled', () => {
    const m = buildModel(dockerfile`
      FROM example.com/team/app:1
      FROM mcr.microsoft.com/azurelinux/distroless/minimal:3.0
      FROM mcr.microsoft.com/dotnet/monitor/base:8.1.3-ubuntu-chiseled-amd64
      FROM mcr.microsoft.com/dotnet/monitor/base:8.1.3-azurelinux-distroless-amd64
      FROM example.com/distroless/tools:debug
    `);
    assert.equal(stageImageFacts(m.stages[0]!), null);
    assert.deepEqual(m.stages.map((s) => stageHasShell(s)), [true, false, false, false, true]);
  });

  it('a file that a COPY or ADD of the chain puts at /bin/sh is a shell', () => {
    const m = buildModel(dockerfile`
      ARG BASE
      FROM scratch AS a
      COPY --from=busybox:1.36 /bin/busybox /bin/sh
      FROM a AS b
      FROM scratch AS c
      ADD tools/sh /usr/bin/
      FROM scratch AS d
      COPY tools/shell /bin/
      FROM scratch AS e
      COPY <<EOF /bin/sh
      echo hi
      EOF
      FROM ${'${BASE}'} AS f
      COPY sh /bin/
      FROM ${'${BASE}'} AS g
    `);
    assert.deepEqual(m.stages.map((s) => stageHasShell(s)), [true, true, true, false, false, true, null]);
  });

  it('fromImage gives offsets of the image word and parses it with the global ARGs', () => {
    const text = 'ARG V=22\nFROM --platform=$BUILDPLATFORM node:${V} AS web\n';
    const m = buildModel(text);
    const f = fromImage(m, m.stages[0]!)!;
    assert.equal(f.text, 'node:${V}');
    assert.equal(text.slice(f.start, f.end), 'node:${V}');
    assert.equal(f.ref?.tag, '22');
    assert.equal(f.ref?.tagText, '${V}');
  });

  it('workdirAt: WORKDIR chain, relative joins, ENV expansion, image defaults', () => {
    const m = buildModel(dockerfile`
      FROM golang:1.25 AS a
      FROM debian:bookworm AS b
      ENV APP=/srv/app
      WORKDIR $APP
      WORKDIR ../build
      FROM b AS c
      WORKDIR sub
      FROM debian:bookworm AS d
      WORKDIR $NOPE
    `);
    const [a, b, c, d] = m.stages as [never, never, never, never];
    assert.deepEqual(workdirAt(a), { dir: '/go', fromInstructions: false });
    assert.deepEqual(workdirAt(b), { dir: '/srv/build', fromInstructions: true });
    assert.deepEqual(workdirAt(c), { dir: '/srv/build/sub', fromInstructions: true });
    assert.deepEqual(workdirAt(d), { dir: null, fromInstructions: true });
  });

  it('lastUser and isRootUser', () => {
    const m = buildModel('FROM debian AS a\nUSER app\nFROM a\nUSER 0:0\n');
    const u = lastUser(m.stages[1]!)!;
    assert.equal(u.value, '0:0');
    assert.equal(isRootUser(u.value), true);
    assert.equal(isRootUser('root'), true);
    assert.equal(isRootUser('1000:0'), false);
    assert.equal(lastUser(m.stages[0]!)!.value, 'app');
  });
});
