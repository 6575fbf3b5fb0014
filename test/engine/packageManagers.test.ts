import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { lint } from '../../server/src/engine/index.js';
import { installOf, removalOf } from '../../server/src/engine/model/builds.js';
import { PACKAGE_MANAGERS, PACKAGE_MANAGER_NAMES, packageManagerNamed } from '../../server/src/engine/model/packageManagers.js';
import { installsPackages, packageCall, packageOperands, removesPackages } from '../../server/src/engine/model/packages.js';
import { parseShell } from '../../server/src/engine/model/shell.js';
import { engineReady } from '../support/engine.js';

/** The only command of a one-command script. */
function command(source: string) {
  const cmds = parseShell(source).commands;
  assert.equal(cmds.length, 1, source);
  return cmds[0]!;
}

describe('the package-manager table', () => {
  before(() => engineReady);

  it('names each command once, and every family has what the readers ask for', () => {
    const seen = new Map<string, string>();
    for (const m of PACKAGE_MANAGER_NAMES) {
      const f = PACKAGE_MANAGERS[m];
      for (const c of f.commands) {
        assert.equal(seen.get(c), undefined, `${c} is in ${seen.get(c)} and ${m}`);
        seen.set(c, m);
        assert.equal(packageManagerNamed(c), m);
      }
      assert.ok(f.cacheDirs.length > 0 && f.cacheDirs.every((d) => d.startsWith('/')), m);
      assert.ok(f.fetching.has(f.install), `${m}: installing fetches`);
      assert.ok(f.remove.size > 0, m);
    }
    assert.equal(packageManagerNamed('pip'), null);
    assert.equal(packageManagerNamed(null), null);
  });

  // [install command, family, package names every reader must see]
  const installs: [string, string, string[]][] = [
    ['apt-get -o Dpkg::Options::=--force-confdef install -y --no-install-recommends gcc=12.2.0-14 libc6-dev', 'apt', ['gcc', 'libc6-dev']],
    ['apt -t bookworm-backports install -y curl', 'apt', ['curl']],
    ['apt-get --default-release bookworm install make', 'apt', ['make']],
    ['apk add --no-cache --virtual .build-deps gcc musl-dev', 'apk', ['gcc', 'musl-dev']],
    ['apk -X http://mirror/v3.19/main add --repositories-file /dev/null curl', 'apk', ['curl']],
    ['dnf --setopt install_weak_deps=False install -y gcc', 'dnf', ['gcc']],
    ['dnf5 in -y gcc', 'dnf', ['gcc']],
    ['microdnf --enablerepo ubi-8 install gcc', 'dnf', ['gcc']],
    ['tdnf install -y --releasever 3.0 gcc', 'tdnf', ['gcc']],
    ['yum --enablerepo epel -y install gcc-c++', 'yum', ['gcc-c++']],
    ['yum localinstall -y make', 'yum', ['make']],
    ['zypper --non-interactive in -r repo gcc', 'zypper', ['gcc']],
    ['zypper -n install --from oss make', 'zypper', ['make']],
  ];

  for (const [source, family, names] of installs) {
    it(`${source}: the same family and packages for packages.ts and builds.ts`, () => {
      const cmd = command(source);
      const call = packageCall(cmd);
      assert.ok(call, 'a package-manager call');
      assert.equal(call.manager, family);
      assert.ok(installsPackages(call), 'an install');
      assert.equal(removesPackages(call), false);
      assert.deepEqual(packageOperands(call).map((w) => w.value!.split('=')[0]), names);
      const install = installOf(cmd);
      assert.ok(install, 'builds.ts sees the install');
      assert.equal(install.manager, family);
      assert.deepEqual(install.packages.map((p) => p.name), names);
      assert.equal(removalOf(cmd), null);
    });
  }

  // [remove command, names builds.ts and packages.ts read, auto-remove]
  const removals: [string, string[], boolean][] = [
    ['apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false gcc', ['gcc'], true],
    ['apt-get autoremove -y', [], true],
    ['apk del .build-deps', ['.build-deps'], false],
    ['dnf remove -y gcc', ['gcc'], false],
    ['yum erase gcc', ['gcc'], false],
    ['tdnf autoremove gcc', ['gcc'], true],
    ['zypper rm -y gcc', ['gcc'], false],
  ];
  for (const [source, names, auto] of removals) {
    it(`${source}: a removal of ${names.join(', ') || 'nothing named'} for packages.ts and builds.ts`, () => {
      const cmd = command(source);
      const call = packageCall(cmd)!;
      assert.ok(removesPackages(call));
      assert.deepEqual(packageOperands(call).map((w) => w.value), names);
      assert.deepEqual(removalOf(cmd), { names, auto });
      assert.equal(installOf(cmd), null);
    });
  }

  // The rules that read installs agree on them: build-dependencies-kept names the compiler every family
  // installs, and the same install and a removal in a later RUN is a later-layer cleanup.
  const families: [string, string, string][] = [
    ['debian:bookworm', 'apt-get install -y gcc', 'apt-get purge -y gcc'],
    ['alpine:3.19', 'apk add gcc', 'apk del gcc'],
    ['fedora:40', 'dnf install -y gcc', 'dnf remove -y gcc'],
    ['centos:7', 'yum install -y gcc', 'yum remove -y gcc'],
  ];
  for (const [image, install, remove] of families) {
    it(`${install} then ${remove}: build-dependencies-kept and cleanup-in-later-layer read the same install`, () => {
      const text = `FROM ${image}\nRUN ${install}\nRUN ${remove}\nCMD ["/app"]\n`;
      const found = lint(text).filter((f) => f.ruleId === 'build-dependencies-kept' || f.ruleId === 'cleanup-in-later-layer');
      const kept = found.find((f) => f.ruleId === 'build-dependencies-kept');
      const cleanup = found.find((f) => f.ruleId === 'cleanup-in-later-layer');
      assert.ok(cleanup, 'the later removal is reported');
      assert.equal(cleanup.range.start.line, 2);
      assert.match(cleanup.message, /\bgcc\b/);
      // The removal is in another RUN: the compiler stays in the install's layer, so it is still reported.
      assert.ok(kept, 'the kept compiler is reported');
      assert.equal(kept.range.start.line, 1);
      assert.match(kept.message, /\bgcc\b/);
    });
  }
});
