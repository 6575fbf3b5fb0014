import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyze, resetCaches } from '../../server/src/engine/index.js';
import { aptListsLeft } from '../../server/src/engine/model/aptLists.js';
import { buildEnvironmentTool } from '../../server/src/engine/model/buildEnvironment.js';
import { copiesOf, copyInfo } from '../../server/src/engine/model/copies.js';
import { buildModel, type DockerfileModel } from '../../server/src/engine/model/model.js';
import { runRead } from '../../server/src/engine/model/runs.js';
import { engineReady } from '../support/engine.js';

/**
 * Facts kept per read of a RUN (`runRead`): `aptListsLeft`'s update command and the build-environment tools
 * of a stage's RUNs. The RUNs an edit did not touch, before it (the same RUN info) or after it (moved), keep
 * their read, so the last version's answer is taken for them; what the stage builds on is asked again. Each
 * case edits a version whose facts were asked, parses the new text from it (as the language server does), and
 * compares the answers with those of the same text parsed from scratch with every cache emptied.
 */
const TEXT = [
  'FROM debian:bookworm AS a',
  'RUN apt-get update && apt-get install -y debootstrap',
  'RUN echo one',
  'FROM a AS b',
  'RUN apt-get update && apt-get install -y curl',
  'RUN apt-get update && apt-get install -y wget && rm -rf /var/lib/apt/lists/*',
  'FROM b AS c',
  'RUN apt-get update && apt-get install -y live-build',
  'RUN echo three',
  '',
].join('\n');

/** The facts as data: RUNs by index, update commands by place and name. */
function facts(model: DockerfileModel): string {
  const lists = [...aptListsLeft(model)].map(([inst, cmd]) => `${inst.index}:${cmd.start}-${cmd.end} ${cmd.name} ${cmd.args.map((a) => a.value).join(' ')}`);
  const tools = model.stages.map((s) => buildEnvironmentTool(s));
  return JSON.stringify({ lists, tools });
}

function scratch(text: string): string {
  resetCaches();
  return facts(buildModel(text));
}

/** The new version parsed from the last one (whose facts were asked), its facts, and which RUNs kept their read. */
function edited(from: string, to: string): { facts: string; kept: number[] } {
  resetCaches();
  const last = buildModel(from);
  facts(last);
  const now = buildModel(to, last);
  const kept = now.instructions.filter((i) => i.run && last.instructions[i.index]?.run && runRead(i.run) === runRead(last.instructions[i.index]!.run!)).map((i) => i.index);
  return { facts: facts(now), kept };
}

describe('facts kept per read of a RUN', () => {
  before(async () => {
    await engineReady;
  });

  it('an edit in a later stage: the earlier stages keep their RUNs\' reads, and the answers are those from scratch', () => {
    const to = TEXT.replace('echo three', 'echo three four');
    const e = edited(TEXT, to);
    assert.deepEqual(e.kept, [1, 2, 4, 5, 7]);
    assert.equal(e.facts, scratch(to));
  });

  it('an edit in an earlier stage that moves the RUNs after it: they keep their reads, their commands at the new places', () => {
    const to = TEXT.replace('echo one', 'echo one two three');
    const e = edited(TEXT, to);
    assert.deepEqual(e.kept, [1, 4, 5, 7, 8]);
    const fresh = scratch(to);
    assert.equal(e.facts, fresh);
    // The moved update commands are those of the new text.
    assert.notEqual(fresh, scratch(TEXT));
    assert.match(fresh, /"7:\d+-\d+ apt-get update"/);
  });

  it('an edit that changes what the later stages build on: their RUNs keep their reads, the answers change as from scratch', () => {
    // alpine has no apt: no layer of a stage built on it keeps lists, though the RUNs are the same.
    const to = TEXT.replace('FROM debian:bookworm AS a', 'FROM alpine:3.19 AS a');
    const e = edited(TEXT, to);
    assert.deepEqual(e.kept, [1, 2, 4, 5, 7, 8]);
    assert.equal(e.facts, scratch(to));
    assert.notEqual(scratch(to), scratch(TEXT));
    // The ancestor's RUN runs the tool it installs: the later stages' answer changes with it.
    const runs = TEXT.replace('echo one', 'debootstrap bookworm /rootfs');
    const r = edited(TEXT, runs);
    assert.deepEqual(r.kept, [1, 4, 5, 7, 8]);
    assert.equal(r.facts, scratch(runs));
    assert.match(scratch(TEXT), /"tools":\["debootstrap","debootstrap","debootstrap"\]/);
    assert.match(scratch(runs), /"tools":\[null,null,"live-build"\]/);
  });

  it('a RUN read again (its text, or the SHELL in force, changed) gets a new read and a fresh answer', () => {
    const to = TEXT.replace('apt-get install -y curl', 'apt-get install -y curl && rm -rf /var/lib/apt/lists/*');
    const e = edited(TEXT, to);
    assert.ok(!e.kept.includes(4));
    assert.equal(e.facts, scratch(to));
    assert.doesNotMatch(scratch(to), /"4:/);
    const shell = TEXT.replace('FROM b AS c\n', 'FROM b AS c\nSHELL ["/bin/bash", "-c"]\n');
    const s = edited(TEXT, shell);
    assert.equal(s.facts, scratch(shell));
  });
});

/**
 * A COPY/ADD's words are read once per dockerfile-ast node (`copies.ts`): an instruction the incremental parse
 * kept has its words moved by as much as it moved; `--from`'s ARG substitution and the stage it names are read
 * again for each version.
 */
const COPIES = [
  'ARG SRC=a',
  'FROM debian:bookworm AS a',
  'RUN echo one',
  'COPY app.txt /opt/app.txt',
  'FROM a AS b',
  'COPY --from=a /opt/app.txt ./one.txt',
  'COPY ["x y", "/srv/"]',
  'FROM b AS c',
  'COPY --from=${SRC} /opt/app.txt /two.txt',
  'ADD https://example.com/f.tar.gz /tmp/',
  '',
].join('\n');

function copies(model: DockerfileModel): string {
  return JSON.stringify(copiesOf(model, model.stages).map((c) => ({ ...c, inst: c.inst.index, fromStage: c.fromStage?.index ?? null })));
}

function copiesEdited(from: string, to: string): { now: DockerfileModel; last: DockerfileModel; copies: string } {
  resetCaches();
  const last = buildModel(from);
  copies(last);
  const now = buildModel(to, last);
  return { now, last, copies: copies(now) };
}

function copiesScratch(text: string): string {
  resetCaches();
  return copies(buildModel(text));
}

describe('COPY/ADD words kept per node', () => {
  before(async () => {
    await engineReady;
  });

  it('an edit in a later stage: the COPYs before it keep their words (the same objects), and the answers are those from scratch', () => {
    const to = COPIES.replace('f.tar.gz', 'g.tar.gz');
    const e = copiesEdited(COPIES, to);
    assert.equal(e.copies, copiesScratch(to));
    const dest = (m: DockerfileModel): unknown => copyInfo(m, m.instructions[5]!)!.dest;
    assert.equal(dest(e.now), dest(e.last));
  });

  it('an edit in an earlier stage that moves the COPYs after it: their words at the new places', () => {
    const to = COPIES.replace('echo one', 'echo one two three');
    const e = copiesEdited(COPIES, to);
    assert.equal(e.now.instructions[5]!.node, e.last.instructions[5]!.node);
    assert.equal(e.copies, copiesScratch(to));
    assert.notEqual(copiesScratch(to), copiesScratch(COPIES));
  });

  it('an edit of what a kept COPY names (the stage, the global ARG): read again for the new version', () => {
    const renamed = COPIES.replace('FROM debian:bookworm AS a', 'FROM debian:bookworm AS z');
    const r = copiesEdited(COPIES, renamed);
    assert.equal(r.now.instructions[5]!.node, r.last.instructions[5]!.node);
    assert.equal(r.copies, copiesScratch(renamed));
    assert.match(r.copies, /"inst":5,"from":\{[^}]*\},"fromValue":"a","fromStage":null/);
    const arg = COPIES.replace('ARG SRC=a', 'ARG SRC=b');
    const g = copiesEdited(COPIES, arg);
    assert.equal(g.now.instructions[8]!.node, g.last.instructions[8]!.node);
    assert.equal(g.copies, copiesScratch(arg));
    assert.match(g.copies, /"fromValue":"b","fromStage":1/);
  });
});

/**
 * Facts the rules read per read of a RUN, kept for the RUNs an edit did not touch or only moved: the package
 * managers a RUN calls (`runManagers`: apk-cache-kept, rpm-weak-deps-installed, the yum/dnf/zypper cache rules),
 * apt downloading without a cache mount (the apt cache-mount fix), apt reading lists before an update of its own
 * (apt-lists-left), pip installs with the cache on and pip configuration in a RUN's text (pip-cache-kept), apt
 * installs keeping recommends (apt-recommends-installed) and the number of commands a RUN chains
 * (consecutive-run). Each version is analysed from the one before (its model given, as the language server does)
 * and from scratch with every cache emptied: the findings, fixes included, must be the same, and they must change
 * along the way.
 */
const RULES = [
  'FROM debian:bookworm AS base',
  'RUN apt-get update && apt-get install -y curl',
  'RUN apt-get install -y wget',
  'RUN pip install requests',
  'RUN echo one',
  'RUN echo two',
  'COPY app.conf /etc/app.conf',
  'ENV APP_CONFIG_FILE=/etc/app.conf',
  'FROM base AS app',
  'RUN apk add curl && apk add git',
  'RUN dnf install -y gcc',
  'RUN zypper install -y make',
  'RUN pip3 install flask && python3 -m pip install django',
  'RUN apt-get update && apt-get install -y --no-install-recommends jq',
  'RUN echo three',
  'RUN echo four',
  'RUN apt-get upgrade -y',
  'RUN pecl install redis && npm install && yarn install && composer install',
  'RUN go build -o /app . && conda install numpy',
  '',
].join('\n');

function findings(text: string, previous?: DockerfileModel | null): { model: DockerfileModel | null; json: string } {
  const a = analyze(text, {}, undefined, previous);
  return { model: a.model, json: JSON.stringify(a.findings) };
}

/** Analyses `versions` in order, each from the one before; asserts each equals its analysis from scratch. Returns the scratch results. */
function sameAsScratch(versions: readonly string[]): string[] {
  resetCaches();
  let previous: DockerfileModel | null = null;
  const incremental = versions.map((text) => {
    const a = findings(text, previous);
    previous = a.model;
    return a.json;
  });
  return versions.map((text, step) => {
    resetCaches();
    const scratch = findings(text).json;
    assert.equal(incremental[step], scratch, `version ${step}: ${JSON.stringify(text)}`);
    return scratch;
  });
}

/** The versions that type `word` at `at` three characters at a time, then delete it again; the whole word is in the middle one. */
function typing(text: string, at: number, word: string): string[] {
  const lengths: number[] = [];
  for (let i = 0; i < word.length; i += 3) lengths.push(i);
  const out = [...lengths, word.length, ...lengths.reverse()].map((n) => text.slice(0, at) + word.slice(0, n) + text.slice(at));
  return out;
}

describe('rules reading facts kept per read of a RUN', () => {
  before(async () => {
    await engineReady;
  });

  const after = (s: string): number => RULES.indexOf(s) + s.length;

  it('edits before the RUNs move them: their findings and fixes at the new places, as from scratch', () => {
    const results = sameAsScratch(typing(RULES, after('echo one'), ' more words'));
    assert.notEqual(results[0], results[(results.length - 1) / 2]);
    for (const id of ['apt-lists-left', 'apt-recommends-installed', 'pip-cache-kept', 'apk-cache-kept', 'rpm-weak-deps-installed', 'dnf-cache-kept', 'zypper-cache-kept', 'consecutive-run', 'pecl-cache-kept', 'npm-cache-kept', 'language-package-cache-kept', 'go-binary-unstripped', 'distro-upgrade-in-image']) {
      assert.match(results[0]!, new RegExp(`"ruleId":"${id}"`), id);
    }
  });

  it('edits of a RUN change its own facts: pip, apk, apt and dnf options, a third command, a removal of pear\'s files, a strip', () => {
    const pip = sameAsScratch(typing(RULES, after('pip install'), ' --no-cache-dir'));
    assert.notEqual(pip[0], pip[(pip.length - 1) / 2]);
    const apk = sameAsScratch(typing(RULES, after('apk add'), ' --no-cache'));
    assert.notEqual(apk[0], apk[(apk.length - 1) / 2]);
    const lists = sameAsScratch(typing(RULES, after('apt-get install -y wget'), ' && rm -rf /var/lib/apt/lists/*'));
    assert.notEqual(lists[0], lists[(lists.length - 1) / 2]);
    const recommends = sameAsScratch(typing(RULES, after('apt-get update && apt-get install -y'), ' --no-install-recommends'));
    assert.notEqual(recommends[0], recommends[(recommends.length - 1) / 2]);
    const count = sameAsScratch(typing(RULES, after('echo three'), ' && a && b'));
    assert.notEqual(count[0], count[(count.length - 1) / 2]);
    const dnf = sameAsScratch(typing(RULES, after('dnf install -y gcc'), ' --setopt=install_weak_deps=False && dnf clean all'));
    assert.notEqual(dnf[0], dnf[(dnf.length - 1) / 2]);
    const pecl = sameAsScratch(typing(RULES, after('pecl install redis'), ' && rm -rf /tmp/pear'));
    assert.notEqual(pecl[0], pecl[(pecl.length - 1) / 2]);
    const upgrade = sameAsScratch(typing(RULES, after('apt-get upgrade -y'), ' curl'));
    assert.notEqual(upgrade[0], upgrade[(upgrade.length - 1) / 2]);
    const strip = sameAsScratch(typing(RULES, after('go build -o /app .'), ' && strip /app'));
    assert.notEqual(strip[0], strip[(strip.length - 1) / 2]);
  });

  it('a RUN, COPY or ENV that configures pip, a RUN that configures pecl, or a mount of apt\'s cache changes the findings of the RUNs after it', () => {
    const config = 'RUN pip config set global.no-cache-dir false\n';
    const at = RULES.indexOf('RUN pip install requests');
    const versions = [RULES, RULES.slice(0, at) + config + RULES.slice(at), RULES];
    const results = sameAsScratch(versions);
    assert.notEqual(results[0], results[1]);
    const copied = sameAsScratch(typing(RULES, at, 'COPY pip.conf /etc/pip.conf\n'));
    assert.notEqual(copied[0], copied[(copied.length - 1) / 2]);
    const env = sameAsScratch(typing(RULES, at, 'ENV PIP_CONFIG_FILE=/etc/pip.conf\n'));
    assert.notEqual(env[0], env[(env.length - 1) / 2]);
    const pear = sameAsScratch(typing(RULES, at, 'RUN pecl config-set temp_dir /var/tmp/pear\n'));
    assert.notEqual(pear[0], pear[(pear.length - 1) / 2]);
    const mount = sameAsScratch(typing(RULES, after('apt-get install -y wget') - 'apt-get install -y wget'.length, '--mount=type=cache,target=/var/cache/apt/archives '));
    assert.notEqual(mount[0], mount[(mount.length - 1) / 2]);
  });
});
