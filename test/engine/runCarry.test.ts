import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { resetCaches } from '../../server/src/engine/index.js';
import { aptListsLeft } from '../../server/src/engine/model/aptLists.js';
import { buildEnvironmentTool } from '../../server/src/engine/model/buildEnvironment.js';
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
