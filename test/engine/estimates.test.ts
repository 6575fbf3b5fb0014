import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { aptClosure, loadBearingRecommends, minbasePackages } from '../../server/src/engine/catalog/debianPackages.js';
import { parseImageRef } from '../../server/src/engine/catalog/imageRef.js';
import { lookupImage } from '../../server/src/engine/catalog/images.js';
import { packageSetOf } from '../../server/src/engine/catalog/packageSets.js';
import { analyze, lint, savingsSummary, sizeHints, slimPlan, totalEstimate } from '../../server/src/engine/index.js';
import { engineReady } from '../support/engine.js';
import { dockerfile } from '../support/ruleTester.js';

const setOf = (image: string) => {
  const ref = parseImageRef(image)!;
  return packageSetOf(ref, lookupImage(ref)!);
};

describe('Debian package data', () => {
  it('the minimal set computed from the bookworm index is the package set of a real debian:bookworm-slim', () => {
    // dpkg-query -W in localhost/debian:bookworm-slim, made with debuerreotype by bench/image-size/setup.sh.
    const measured = readFileSync(join(__dirname, '..', 'fixtures', 'debian-bookworm-slim.packages.txt'), 'utf8').trim().split('\n');
    assert.deepEqual([...minbasePackages('bookworm')].sort(), measured.sort());
  });

  it('an install adds its closure minus what is installed; Recommends only when asked', () => {
    const base = minbasePackages('bookworm');
    const withRecs = aptClosure('bookworm', ['curl'], { recommends: true, installed: base });
    const without = aptClosure('bookworm', ['curl'], { recommends: false, installed: base });
    assert.equal(withRecs.packages[0], 'curl');
    assert.ok(without.packages.includes('libcurl4'));
    assert.ok(!without.packages.includes('libc6'), 'libc6 is in the base');
    assert.ok(!without.packages.includes('ca-certificates'), 'only recommended (by libcurl4)');
    assert.ok(withRecs.packages.includes('ca-certificates'));
    assert.ok(withRecs.bytes > without.bytes);
    assert.deepEqual(aptClosure('bookworm', ['no-such-package'], { recommends: true, installed: base }), { packages: [], bytes: 0, unknown: ['no-such-package'] });
    // A virtual package is installed through a provider.
    assert.equal(aptClosure('bookworm', ['awk'], { recommends: false, installed: new Set() }).unknown.length, 0);
  });

  it('-slim images leave docs out: the same install is estimated smaller there', () => {
    const base = minbasePackages('bookworm');
    const full = aptClosure('bookworm', ['wget'], { recommends: false, installed: base });
    const slim = aptClosure('bookworm', ['wget'], { recommends: false, installed: base, slim: true });
    assert.ok(slim.bytes < full.bytes / 2, `${slim.bytes} vs ${full.bytes}`);
  });

  it('load-bearing recommends come from the data: build tools recommending build tools, and ca-certificates', () => {
    const base = minbasePackages('bookworm');
    assert.deepEqual(loadBearingRecommends('bookworm', ['cmake'], base).map((l) => l.add), ['gcc', 'make', 'ca-certificates']);
    assert.deepEqual(loadBearingRecommends('bookworm', ['gcc'], base), [{ add: 'libc6-dev', for: 'gcc' }]);
    assert.deepEqual(loadBearingRecommends('bookworm', ['curl'], base), [{ add: 'ca-certificates', for: 'curl' }]);
    assert.deepEqual(loadBearingRecommends('bookworm', ['vim'], base), []);
    // build-essential depends on what gcc recommends.
    assert.deepEqual(loadBearingRecommends('bookworm', ['build-essential', 'gcc'], base), []);
  });
});

describe('package sets of catalogued images', () => {
  it('debian by suite; python slim adds its runtime packages; buildpack-deps images their lists', () => {
    assert.equal(setOf('debian:bookworm-slim')!.suite, 'bookworm');
    assert.equal(setOf('debian:bookworm-slim')!.slim, true);
    assert.equal(setOf('debian:bookworm')!.slim, false);
    assert.equal(setOf('debian:12')!.suite, 'bookworm');
    assert.equal(setOf('debian:trixie-slim')!.suite, 'trixie');
    assert.ok(setOf('python:3.12-slim-bookworm')!.packages.has('netbase'));
    assert.ok(!setOf('debian:bookworm-slim')!.packages.has('netbase'));
    assert.ok(setOf('python:3.12-bookworm')!.packages.has('libc6-dev'));
    assert.match(setOf('python:3.12-slim')!.source, /docker-library\/python/);
  });

  it('Ubuntu says which Debian release stands in; old or unknown releases and other distributions get none', () => {
    assert.match(setOf('ubuntu:22.04')!.approximation!, /Debian bookworm/);
    assert.equal(setOf('ubuntu:20.04'), null);
    assert.equal(setOf('debian:bullseye-slim'), null);
    assert.equal(setOf('alpine:3.20'), null);
  });
});

describe('estimates in findings, hints and totals', () => {
  before(() => engineReady);

  it('per-instruction hints: the base image (uncompressed when known) and each apt install, with a basis', () => {
    const { model } = analyze(dockerfile`
      FROM debian:bookworm-slim
      RUN apt-get update && apt-get install -y --no-install-recommends curl
      RUN apt-get install -y not-a-debian-package
      COPY . /app
    `);
    const hints = sizeHints(model!);
    assert.deepEqual(hints.map((h) => [h.range.start.line, h.label]), [
      [0, '≈ 78 MB'],
      [1, '≈ +32 MB'],
    ]);
    assert.match(hints[0]!.basis, /^estimate: debian:bookworm-slim .*uncompressed/);
    assert.match(hints[1]!.basis, /^estimate: Debian Installed-Size .* bookworm 12\.15/);
    // The update's lists stay in that layer (apt-lists-left), and the hint counts them.
    assert.match(hints[1]!.basis, /; plus 20 MB of package lists left by apt-get update \(apt lists after apt-get update on Debian bookworm, measured with buildah/);
  });

  it('the package lists an update leaves are in the hint of its RUN, once, and not when the RUN removes them', () => {
    const { model } = analyze(dockerfile`
      FROM debian:bookworm-slim
      RUN apt-get update
      RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
      RUN rm -rf /var/lib/apt/lists/* && apt-get update
      RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update
    `);
    const hints = sizeHints(model!);
    assert.deepEqual(hints.map((h) => [h.range.start.line, h.label]), [
      [0, '≈ 78 MB'],
      [1, '≈ +20 MB'],
      [2, '≈ +12 MB'],
      [3, '≈ +20 MB'],
    ]);
    assert.equal(hints[1]!.bytes, 19_860_000);
    assert.match(hints[1]!.basis, /^estimate: 20 MB of package lists left by apt-get update \(apt lists after apt-get update on Debian bookworm/);
    // The rule and the hints agree on which RUNs leave the lists.
    const flagged = lint(model!.text).filter((f) => f.ruleId === 'apt-lists-left').map((f) => f.range.start.line);
    assert.deepEqual(flagged, [1, 3]);
  });

  it('an image known only by its compressed size says so', () => {
    const { model } = analyze('FROM python:3.12-alpine\n');
    assert.deepEqual(sizeHints(model!).map((h) => h.label), ['≈ 18 MB compressed']);
  });

  it('one figure attached by two rules counts once in totals (build-essential kept)', () => {
    const text = dockerfile`
      FROM debian:bookworm-slim
      RUN apt-get update && apt-get install -y --no-install-recommends build-essential && rm -rf /var/lib/apt/lists/*
      COPY . /src
      RUN make -C /src
      CMD ["/src/app"]
    `;
    const findings = lint(text);
    const carrying = findings.filter((f) => f.estimate?.id === 'build-essential:stage0').map((f) => f.ruleId);
    assert.deepEqual(carrying.sort(), ['build-dependencies-kept', 'build-in-final-stage']);
    const s = savingsSummary(slimPlan(text));
    assert.equal(s.safe.bytes + s.unsafe.bytes + s.manual.bytes, 300_840_000);
    assert.equal(totalEstimate(findings.map((f) => f.estimate)), 300_840_000);
  });

  it('totalEstimate counts estimates without an id each', () => {
    assert.equal(totalEstimate([{ bytes: 1 }, { bytes: 1 }, { bytes: 5, id: 'a' }, { bytes: 5, id: 'a' }, undefined]), 7);
  });
});

describe('split estimate (for the split fix title)', () => {
  before(() => engineReady);

  it('base-image change plus the apt installs left in the build stage', async () => {
    const { splitEstimate } = await import('../../server/src/engine/model/splitEstimate.js');
    const { model } = analyze(dockerfile`
      FROM debian:bookworm
      RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev && rm -rf /var/lib/apt/lists/*
      COPY hello.c .
      RUN gcc -o /hello hello.c
    `);
    const stage = model!.stages[0]!;
    const toSlim = splitEstimate(model!, stage, 'debian:bookworm-slim')!;
    const installs = sizeHints(model!).find((h) => h.range.start.line === 1)!.bytes;
    assert.equal(toSlim.bytes, 43_500_000 + installs);
    assert.match(toSlim.basis, /^estimate: base image ≈ 44 MB: uncompressed size difference/);
    assert.equal(toSlim.id, 'split:stage0');
    // An unknown runtime image: only the packages.
    assert.equal(splitEstimate(model!, stage, 'example.com/runtime:1')!.bytes, installs);
  });
});
