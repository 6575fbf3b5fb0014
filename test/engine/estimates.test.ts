import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { aptClosure, aptNames, InstalledPackages, loadBearingRecommends, minbasePackages } from '../../server/src/engine/catalog/debianPackages.js';
import { parseImageRef } from '../../server/src/engine/catalog/imageRef.js';
import { lookupImage } from '../../server/src/engine/catalog/images.js';
import { packageSetOf } from '../../server/src/engine/catalog/packageSets.js';
import { formatBasis } from '../../server/src/engine/catalog/basis.js';
import { analyze, EstimateTally, lint, resetCaches, savingsSummary, sizeHints, slimPlan, totalEstimate } from '../../server/src/engine/index.js';
import { buildModel } from '../../server/src/engine/model/model.js';
import { planSplit, SPLIT_TITLE } from '../../server/src/engine/split/split.js';
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

  it('a set of installed packages answers as aptClosure and loadBearingRecommends do, once per question and set', () => {
    const base = minbasePackages('bookworm');
    const root = InstalledPackages.root(base);
    assert.equal(InstalledPackages.root(base), root);
    assert.equal(root.packages, base);
    for (const [names, recommends, slim] of [[['curl'], true, false], [['curl'], false, true], [['cmake', 'no-such-package'], false, false], [['awk'], true, true]] as const) {
      const c = root.closure('bookworm', aptNames(names), recommends, slim);
      assert.deepEqual(c, aptClosure('bookworm', names, { recommends, installed: base, slim }));
      assert.equal(root.closure('bookworm', aptNames([...names]), recommends, slim), c, 'asked again: the same answer');
      assert.deepEqual(root.loadBearingRecommends('bookworm', aptNames(names), slim), loadBearingRecommends('bookworm', names, base));
    }
    const curlNames = aptNames(['curl']);
    assert.notEqual(root.closure('bookworm', curlNames, true, false), root.closure('bookworm', curlNames, false, false));
    assert.notDeepEqual(root.closure('trixie', curlNames, false, false), root.closure('bookworm', curlNames, false, false));
    // Installing adds the closure; the same install on the same set gives the same set, and the base is unchanged.
    const curl = root.closure('bookworm', curlNames, false, false);
    const after = root.adding('bookworm', curlNames, false, curl);
    assert.deepEqual([...after.packages].sort(), [...base, ...curl.packages].sort());
    assert.equal(root.adding('bookworm', aptNames(['curl']), false, curl), after);
    assert.equal(base.has('curl'), false);
    assert.deepEqual(after.closure('bookworm', curlNames, true, false), aptClosure('bookworm', ['curl'], { recommends: true, installed: after.packages }));
    // Removing takes the names out (not what they brought); removing what is not there changes nothing.
    const removed = after.removing(['curl', 'not-installed']);
    assert.deepEqual([...removed.packages].sort(), [...after.packages].filter((p) => p !== 'curl').sort());
    assert.ok(removed.packages.has('libcurl4'));
    assert.equal(after.removing(['curl', 'not-installed']), removed);
    assert.equal(root.removing(['curl']), root);
    // Words as written: one holding a space is not two names.
    const two = after.removing(['curl', 'libcurl4']);
    assert.notEqual(after.removing(['curl libcurl4']), two);
    assert.ok(two.packages.size === after.packages.size - 2 && after.removing(['curl libcurl4']) === after);
    // Nothing added: the same set.
    assert.equal(after.adding('bookworm', curlNames, false, after.closure('bookworm', curlNames, false, false)), after);
    // resetCaches forgets them: the next lint works its closures out again.
    resetCaches();
    const again = InstalledPackages.root(base);
    assert.notEqual(again, root);
    assert.notEqual(again.closure('bookworm', curlNames, false, false), curl);
    assert.deepEqual(again.closure('bookworm', curlNames, false, false), curl);
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
    assert.match(formatBasis(setOf('python:3.12-slim')!.source), /docker-library\/python/);
  });

  it('Ubuntu says which Debian release stands in; old or unknown releases and other distributions get none', () => {
    assert.match(formatBasis(setOf('ubuntu:22.04')!.source), /^Ubuntu 22\.04, estimated from Debian bookworm/);
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
    // In Chinese the word goes; a hint with no unit word is the same in both languages.
    assert.deepEqual(sizeHints(model!, 'zh-cn').map((h) => h.label), ['≈ 18 MB（压缩后）']);
    const apt = analyze('FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\n').model!;
    assert.deepEqual(sizeHints(apt, 'zh-cn').map((h) => h.label), sizeHints(apt).map((h) => h.label));
  });

  it('the basis of a size hint is in the locale asked for; the cited sources stay as they are', () => {
    const { model } = analyze('FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n');
    assert.deepEqual(
      sizeHints(model!, 'zh-cn').map((h) => h.basis),
      [
        '估计值：debian:bookworm-slim（linux/amd64，2026-08-04），未压缩；来源：debian:bookworm and -slim made with debuerreotype by bench/image-size/setup.sh, podman image inspect, 2026-12-07',
        '估计值：apt 在 debian:bookworm-slim 上新增软件包的 Debian Installed-Size（debian:bookworm 的软件包（按 bookworm 索引的 debootstrap minbase；bookworm 的 88 个软件包与 debuerreotype 制作的镜像相同）），数据取自 Debian bookworm 12.15 main amd64 软件包索引（11 Jul 2026）；另加该层中重写的 apt 和 dpkg 数据库 952 kB；另加 apt-get update 留下的软件包列表 20 MB（在 Debian bookworm 上执行 apt-get update 后的 apt 列表，用 buildah 实测（其他发行版本和镜像源会有不同））',
      ],
    );
    // English is the default and reads as it did when the basis was an English sentence.
    assert.equal(
      sizeHints(model!)[1]!.basis,
      "estimate: Debian Installed-Size of the packages apt adds on debian:bookworm-slim (debian:bookworm's packages (debootstrap minbase per the bookworm index; for bookworm the same 88 packages as an image made with debuerreotype)), from the Debian bookworm 12.15 main amd64 package index of 11 Jul 2026; plus 952 kB of apt and dpkg databases rewritten in the layer; plus 20 MB of package lists left by apt-get update (apt lists after apt-get update on Debian bookworm, measured with buildah (other releases and mirrors differ))",
    );
    const ubuntu = analyze('FROM ubuntu:22.04\nRUN apt-get install -y --no-install-recommends curl\nRUN apt-get update\n').model!;
    assert.deepEqual(
      sizeHints(ubuntu, 'zh-cn').map((h) => h.basis),
      [
        '估计值：apt 在 ubuntu:22.04 上新增软件包的 Debian Installed-Size（Ubuntu 22.04，按 Debian bookworm 的软件包数据估计（Ubuntu 的软件包及其大小有所不同）），数据取自 Debian bookworm 12.15 main amd64 软件包索引（11 Jul 2026）；另加该层中重写的 apt 和 dpkg 数据库 952 kB',
        '估计值：apt-get update 留下的软件包列表 20 MB（在 Debian bookworm 上执行 apt-get update 后的 apt 列表，用 buildah 实测（其他发行版本和镜像源会有不同））',
      ],
    );
    assert.deepEqual(
      sizeHints(analyze('FROM python:3.12-alpine\n').model!, 'zh-cn').map((h) => h.basis),
      ['估计值：python:3.12-alpine（linux/amd64，2026-09-17），镜像仓库中存储的压缩后大小；来源：docker-library/repo-info repos/python/remote/3.12-alpine.md'],
    );
  });

  it("the basis of a finding's estimate is in the findings' language (JSON and SARIF show it as it is)", () => {
    const text = 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\n';
    const bases = (locale: 'en' | 'zh-cn') => lint(text, { locale }).filter((f) => f.estimate).map((f) => [f.ruleId, f.estimate!.basis]);
    assert.deepEqual(bases('zh-cn'), [
      ['apt-lists-left', '在 Debian bookworm 上执行 apt-get update 后的 apt 列表，用 buildah 实测（其他发行版本和镜像源会有不同）'],
      [
        'apt-recommends-installed',
        '估计值：apt 在 debian:bookworm-slim 上新增软件包的 Debian Installed-Size（debian:bookworm 的软件包（按 bookworm 索引的 debootstrap minbase；bookworm 的 88 个软件包与 debuerreotype 制作的镜像相同）），数据取自 Debian bookworm 12.15 main amd64 软件包索引（11 Jul 2026）；含 Recommends 与不含之差（保留 ca-certificates）',
      ],
    ]);
    assert.deepEqual(bases('en'), [
      ['apt-lists-left', 'apt lists after apt-get update on Debian bookworm, measured with buildah (other releases and mirrors differ)'],
      [
        'apt-recommends-installed',
        "estimate: Debian Installed-Size of the packages apt adds on debian:bookworm-slim (debian:bookworm's packages (debootstrap minbase per the bookworm index; for bookworm the same 88 packages as an image made with debuerreotype)), from the Debian bookworm 12.15 main amd64 package index of 11 Jul 2026; with Recommends minus without (keeping ca-certificates)",
      ],
    ]);
  });

  it('one figure attached by two rules counts once in totals (build-essential kept, and the split that leaves it behind)', () => {
    const text = dockerfile`
      FROM debian:bookworm-slim
      RUN apt-get update && apt-get install -y --no-install-recommends build-essential && rm -rf /var/lib/apt/lists/*
      COPY . /src
      RUN make -C /src
      CMD ["/src/app"]
    `;
    const findings = lint(text);
    const kept = findings.find((f) => f.ruleId === 'build-dependencies-kept')!;
    assert.equal(kept.estimate?.id, 'build-essential:stage0');
    // The split's estimate names the same figure as one of its parts; the rest of the install (what
    // Debian's data counts beyond the measured layer) is its own part.
    const split = findings.find((f) => f.ruleId === 'build-in-final-stage')!;
    assert.equal(split.estimate?.id, 'split:stage0');
    assert.deepEqual(split.estimate?.parts, [
      { id: 'build-essential:stage0', bytes: 300_840_000 },
      { id: 'apt-install@48', bytes: 8_545_732 },
    ]);
    assert.equal(split.estimate?.bytes, 309_385_732);
    assert.equal(totalEstimate(findings.map((f) => f.estimate)), 309_385_732);
    const s = savingsSummary(slimPlan(text));
    assert.equal(s.safe.bytes + s.unsafe.bytes + s.manual.bytes, 309_385_732);
  });

  it('a part is counted once however the figures are grouped', () => {
    const tally = new EstimateTally();
    assert.equal(tally.add({ bytes: 5, id: 'a' }), 5);
    assert.equal(tally.add({ bytes: 12, id: 'split', parts: [{ id: 'a', bytes: 5 }, { id: 'b', bytes: 7 }] }), 7);
    assert.equal(tally.add({ bytes: 7, id: 'b' }), 0);
    assert.equal(totalEstimate([{ bytes: 12, parts: [{ id: 'a', bytes: 5 }, { id: 'b', bytes: 7 }] }, { bytes: 5, id: 'a' }, { bytes: 1 }]), 13);
  });

  it('totalEstimate counts estimates without an id each', () => {
    assert.equal(totalEstimate([{ bytes: 1 }, { bytes: 1 }, { bytes: 5, id: 'a' }, { bytes: 5, id: 'a' }, undefined]), 7);
  });
});

describe('the split\'s saving (one estimator: fix title, finding estimate, totals)', () => {
  before(() => engineReady);

  it('python:3.12 → python:3.12-slim: the base-image change is credited to the split (not "≈ 20 MB")', () => {
    const text = dockerfile`
      FROM python:3.12
      RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev && rm -rf /var/lib/apt/lists/*
      WORKDIR /app
      COPY . .
      RUN pip install --no-cache-dir -r requirements.txt
      CMD ["python", "app.py"]
    `;
    const r = planSplit(buildModel(text));
    assert.ok(!('reason' in r));
    assert.equal(r.fix.title, `${SPLIT_TITLE}: runs on \`python:3.12-slim\` (≈ −949 MB est.)`);
    assert.deepEqual(r.saving.parts, [
      { id: 'image:python:3.11.16-trixie->python:3.11.15-slim-trixie', bytes: 975_160_000 },
      { id: 'apt-install@39', bytes: 951_812 },
      { id: 'split-runtime-packages:stage0', bytes: -3_528_196 },
      { id: 'split-venv:stage0', bytes: -23_090_000 },
    ]);
    assert.equal(r.saving.bytes, 949_493_616);
    assert.match(formatBasis(r.saving.basis), /^estimate, uncompressed: base image `python:3\.11\.16-trixie` 1\.1 GB → `python:3\.11\.15-slim-trixie` 125 MB/);
    // The finding carries the same figure, and "Show estimated savings" counts it once, as unsafe.
    const finding = lint(text).find((f) => f.ruleId === 'build-in-final-stage')!;
    assert.deepEqual(finding.estimate, { bytes: r.saving.bytes, basis: formatBasis(r.saving.basis), id: 'split:stage0', parts: r.saving.parts });
    const s = savingsSummary(slimPlan(text));
    assert.equal(s.unsafe.bytes, 949_493_616);
  });

  it('node:20 (yarn) → node:20-slim and golang → scratch: image figures; no figure → "saving not estimated", no estimate on the finding', () => {
    const node = planSplit(buildModel('FROM node:20\nWORKDIR /app\nCOPY . .\nRUN yarn && yarn build\nCMD ["yarn", "start"]\n'));
    assert.ok(!('reason' in node));
    assert.equal(node.fix.title, `${SPLIT_TITLE}: runs on \`node:20-slim\` (≈ −903 MB est.)`);
    assert.equal(node.saving.bytes, 1_130_000_000 - 227_340_000);
    const go = planSplit(buildModel('FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]\n'));
    assert.ok(!('reason' in go));
    assert.deepEqual(go.saving.parts, [{ id: 'image:golang:1.19.5-bullseye->scratch', bytes: 992_470_000 }]);
    const maven = 'FROM maven:3.9-eclipse-temurin-21\nWORKDIR /src\nCOPY . .\nRUN mvn package\nCMD ["java", "-jar", "target/app.jar"]\n';
    const m = planSplit(buildModel(maven));
    assert.ok(!('reason' in m));
    assert.equal(m.fix.title, `${SPLIT_TITLE}: runs on \`eclipse-temurin:21-jre\` (saving not estimated)`);
    assert.equal(formatBasis(m.saving.basis), 'estimate, uncompressed: not estimated: `maven:3.9-eclipse-temurin-21` → `eclipse-temurin:21-jre`');
    assert.equal(formatBasis(m.saving.basis, 'zh-cn'), '估计值，未压缩：未估计：`maven:3.9-eclipse-temurin-21` → `eclipse-temurin:21-jre`');
    assert.equal(lint(maven).find((f) => f.ruleId === 'build-in-final-stage')!.estimate, undefined);
  });
});
