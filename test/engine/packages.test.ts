import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { buildModel, runsOf } from '../../server/src/engine/model/model.js';
import {
  cacheLeftBehind,
  callLabel,
  cleanCommandFor,
  cleansCache,
  configTextBefore,
  copiesFileBefore,
  fetchesPackages,
  installsPackages,
  packageCalls,
  removesDir,
} from '../../server/src/engine/model/packages.js';
import { parseShell } from '../../server/src/engine/model/shell.js';
import { dockerfile } from '../support/dockerfile.js';
import { engineReady } from '../support/engine.js';

const calls = (source: string) => packageCalls(parseShell(source));

describe('package-manager calls', () => {
  before(() => engineReady);

  it('finds the family, the subcommand past global options, and resolves aliases', () => {
    const found = calls(
      'yum -y install a; dnf --nodocs install b; zypper --non-interactive in c; microdnf install d; dnf --setopt install_weak_deps=False in e; ' +
        'zypper --root /r cc; apk -X http://repo add f; /usr/bin/dnf5 group install g; yum groupinstall h; apk cache clean; apt-get -o X=1 install i',
    );
    assert.deepEqual(
      found.map((c) => [c.manager, c.sub.value, c.verb.value, c.action, callLabel(c)]),
      [
        ['yum', 'install', 'install', 'install', 'yum install'],
        ['dnf', 'install', 'install', 'install', 'dnf install'],
        ['zypper', 'in', 'in', 'install', 'zypper in'],
        ['dnf', 'install', 'install', 'install', 'microdnf install'],
        ['dnf', 'in', 'in', 'install', 'dnf in'],
        ['zypper', 'cc', 'cc', 'clean', 'zypper cc'],
        ['apk', 'add', 'add', 'add', 'apk add'],
        ['dnf', 'group', 'install', 'install', 'dnf5 group install'],
        ['yum', 'groupinstall', 'groupinstall', 'install', 'yum groupinstall'],
        ['apk', 'cache', 'clean', 'clean', 'apk cache clean'],
        ['apt', 'install', 'install', 'install', 'apt-get install'],
      ],
    );
  });

  it('skips calls whose subcommand is not static, and commands that are no package manager', () => {
    assert.deepEqual(calls('dnf $OPTS install a; echo yum install; yumdownloader x; apk --print-arch'), []);
  });

  it('tells installs, fetches and cleans apart', () => {
    const found = calls(
      'dnf install a; dnf up; zypper ref; dnf remove a; dnf clean all; dnf clean packages; zypper clean; zypper clean -a; zypper cc -m -M; apk cache purge; zypper lr',
    );
    assert.deepEqual(
      found.map((c) => [callLabel(c), installsPackages(c), fetchesPackages(c), cleansCache(c)]),
      [
        ['dnf install', true, true, null],
        ['dnf up', false, true, null],
        ['zypper ref', false, true, null],
        ['dnf remove', false, false, null],
        ['dnf clean', false, false, 'all'],
        ['dnf clean', false, false, 'partial'],
        ['zypper clean', false, false, 'partial'],
        ['zypper clean', false, false, 'all'],
        ['zypper cc', false, false, 'all'],
        ['apk cache purge', false, false, 'all'],
        ['zypper lr', false, false, null],
      ],
    );
  });

  it('removesDir: the directory, its contents, or a parent', () => {
    const cmds = parseShell('rm -rf /var/cache/apk/*; rm -rf "/var/cache/yum"; rm -rf /var/cache/*; rm -f /etc/apk/cache.txt; rm -rf cache').commands;
    assert.deepEqual(
      cmds.map((c) => removesDir(c, ['/var/cache/apk', '/var/cache/yum'])),
      [true, true, true, false, false],
    );
  });

  it('cacheLeftBehind: the first fill after the last cleanup; mounts and cleanups after it count', () => {
    const m = buildModel(dockerfile`
      FROM fedora:40
      RUN dnf clean all && dnf install -y a && dnf install -y b
      RUN dnf install -y a && rm -rf /var/cache/dnf
      RUN --mount=type=cache,target=/var/cache/libdnf5 dnf5 install -y a
      RUN zypper -n in a && zypper clean
    `);
    const runs = runsOf(m.stages);
    const left = runs.map((r) => cacheLeftBehind(r.run, r.run.script?.commands.some((c) => c.name === 'zypper') ? ['zypper'] : ['dnf'], ['dnf', 'yum', 'zypper']));
    assert.equal(left[0]?.fill.cmd.args.at(-1)?.value, 'a');
    assert.equal(left[0]?.partialClean, null);
    assert.equal(left[1], null);
    assert.equal(left[2], null);
    assert.equal(callLabel(left[3]!.partialClean!), 'zypper clean');
  });

  it('cleanCommandFor keeps sudo and the install root', () => {
    const m = buildModel(dockerfile`
      FROM fedora:40
      RUN sudo dnf install -y --installroot /staging a
      RUN zypper -R "/t t" in a
      RUN dnf install --installroot "$ROOT" a
    `);
    const found = runsOf(m.stages).map((r) => cleanCommandFor(m, packageCalls(r.run.script!)[0]!));
    assert.deepEqual(found, ['sudo dnf --installroot /staging clean all', `zypper -R '/t t' clean --all`, null]);
  });

  it('configTextBefore blanks skipped commands; copiesFileBefore sees copied configuration', () => {
    const m = buildModel(dockerfile`
      FROM fedora:40 AS base
      RUN echo install_weak_deps=False >> /etc/dnf/dnf.conf
      FROM base
      COPY dnf.conf /etc/dnf/
      RUN dnf install --setopt=tsflags=nodocs a && dnf install b
    `);
    const inst = runsOf(m.stages).at(-1)!;
    const second = inst.run.script!.commands[1]!;
    const text = configTextBefore(m, inst, second.start, (c) => c.name === 'dnf');
    assert.match(text, /echo install_weak_deps=False/);
    assert.doesNotMatch(text, /tsflags/);
    assert.equal(copiesFileBefore(inst, ['/etc/dnf/dnf.conf']), true);
    assert.equal(copiesFileBefore(inst, ['/etc/zypp/zypp.conf']), false);
  });
});
