import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { allRules, analyze, resetCaches, type DockerfileModel } from '../../server/src/engine/index.js';
import { compileSteps, installedToolchain, isCCompilerPackage } from '../../server/src/engine/model/builds.js';
import { buildModel } from '../../server/src/engine/model/model.js';
import { runRead, runsOf } from '../../server/src/engine/model/runs.js';
import { engineReady } from '../support/engine.js';

/**
 * The compile steps of a RUN and the toolchain installed before each of its commands are read in two parts:
 * what a RUN's own words say (its commands as compile steps, its package installs and removals) is kept per
 * read of the RUN (`runRead`), so an edit elsewhere does not read it again; what the RUNs before it decide (a
 * `pip install` builds only after a C compiler was installed; the toolchain in the image) is read again in one
 * pass per stage. Each case edits a version whose facts were asked, parses the new text from it (as the
 * language server does), and compares the answers, and the two build rules' findings, with those of the same
 * text from scratch with every cache emptied.
 */
const TEXT = [
  'FROM python:3.12-slim AS a',
  'RUN apt-get update && apt-get install -y gcc libffi-dev',
  'RUN echo one',
  'FROM a AS b',
  'RUN pip install cffi && make -C src',
  'RUN apk add --virtual .build clang && pip install numpy && apk del .build',
  'FROM b AS c',
  'RUN pip wheel . && apt-get purge -y gcc && pip install pyyaml',
  'RUN pip install six',
  'RUN apt-get install -y --no-install-recommends \\',
  '    libssl-dev',
  'CMD ["python", "/app/main.py"]',
  '',
].join('\n');

const RULES = allRules.filter((r) => r.meta.id === 'build-dependencies-kept' || r.meta.id === 'build-in-final-stage');

/** The facts as data: compile steps by place and label; the toolchain before each command, and after each RUN. */
function facts(model: DockerfileModel): string {
  const runs = runsOf(model.stages);
  const steps = compileSteps(runs).map((s) => `${s.inst.index}:${s.start}-${s.end} ${s.kind} ${s.label}`);
  const toolchain = runs.map((r) => ({
    at: r.index,
    before: (r.run.script?.commands ?? []).map((c) => installedToolchain(r.stage!, r, c.start).join(' ')),
    compilers: (r.run.script?.commands ?? []).map((c) => installedToolchain(r.stage!, r, c.start, isCCompilerPackage).join(' ')),
    after: installedToolchain(r.stage!, r, Infinity).join(' '),
    // A test of one name (apt-recommends-installed asks so) and a point in an earlier stage of the chain.
    gcc: installedToolchain(model.stages[model.stages.length - 1]!, r, Infinity, (n) => n === 'gcc').join(' '),
  }));
  const chains = model.stages.map((s) => installedToolchain(s, null, Infinity).join(' '));
  return JSON.stringify({ steps, toolchain, chains });
}

function findings(text: string, previous?: DockerfileModel): { model: DockerfileModel; findings: string } {
  const a = analyze(text, {}, RULES, previous);
  return { model: a.model!, findings: JSON.stringify(a.findings) };
}

function scratch(text: string): { facts: string; findings: string } {
  resetCaches();
  const f = facts(buildModel(text));
  resetCaches();
  return { facts: f, findings: findings(text).findings };
}

/** The new version parsed from the last one (whose facts and findings were asked), and which RUNs kept their read. */
function edited(from: string, to: string): { facts: string; findings: string; kept: number[] } {
  resetCaches();
  const last = buildModel(from);
  facts(last);
  const now = buildModel(to, last);
  const kept = now.instructions.filter((i) => i.run && last.instructions[i.index]?.run && runRead(i.run) === runRead(last.instructions[i.index]!.run!)).map((i) => i.index);
  const f = facts(now);
  // The rules, on a version parsed from one they ran on.
  resetCaches();
  const lastRun = findings(from).model;
  return { facts: f, findings: findings(to, lastRun).findings, kept };
}

describe('compile steps and toolchains kept per read of a RUN', () => {
  before(async () => {
    await engineReady;
  });

  it('from scratch: pip installs build only after a C compiler, the toolchain follows installs, groups and purges', () => {
    const f = JSON.parse(scratch(TEXT).facts) as { steps: string[]; chains: string[] };
    assert.deepEqual(
      f.steps.map((s) => s.replace(/^\d+:\d+-\d+ /, '')),
      ['pip pip install', 'make make', 'pip pip install', 'pip pip wheel'],
    );
    assert.deepEqual(f.chains, ['gcc', 'gcc', '']);
  });

  it('an edit in a later stage: the earlier RUNs keep their reads, and the answers are those from scratch', () => {
    const to = TEXT.replace('pip install six', 'pip install six seven');
    const e = edited(TEXT, to);
    assert.deepEqual(e.kept, [1, 2, 4, 5, 7, 9]);
    const fresh = scratch(to);
    assert.equal(e.facts, fresh.facts);
    assert.equal(e.findings, fresh.findings);
  });

  it('an edit that moves the RUNs after it: they keep their reads, their steps at the new places', () => {
    const to = TEXT.replace('echo one', 'echo one two three');
    const e = edited(TEXT, to);
    assert.deepEqual(e.kept, [1, 4, 5, 7, 8, 9]);
    const fresh = scratch(to);
    assert.equal(e.facts, fresh.facts);
    assert.equal(e.findings, fresh.findings);
    assert.notEqual(fresh.facts, scratch(TEXT).facts);
    // build-dependencies-kept's finding on the moved RUN, with its words and fix.
    assert.match(fresh.findings, /Those are libssl-dev: remove them.*"line":10,"character":14.*apt-get purge -y --auto-remove libssl-dev/);
  });

  it('removing gcc from an earlier RUN: the later pip install is no build any more, though its RUN keeps its read', () => {
    const to = TEXT.replace('apt-get install -y gcc libffi-dev', 'apt-get install -y libffi-dev');
    const e = edited(TEXT, to);
    assert.ok(e.kept.includes(4) && e.kept.includes(8));
    const fresh = scratch(to);
    assert.equal(e.facts, fresh.facts);
    assert.equal(e.findings, fresh.findings);
    const steps = (JSON.parse(fresh.facts) as { steps: string[] }).steps.map((s) => s.replace(/^\d+:\d+-\d+ /, ''));
    // `pip install cffi` (no compiler before it) is no build; the one after clang is.
    assert.deepEqual(steps, ['make make', 'pip pip install', 'pip pip wheel']);
    assert.notEqual(fresh.findings, scratch(TEXT).findings);
  });

  it('adding a compiler in an earlier RUN, or removing the purge: later answers change as from scratch', () => {
    const added = TEXT.replace('RUN echo one', 'RUN apt-get install -y build-essential');
    const a = edited(TEXT, added);
    assert.equal(a.facts, scratch(added).facts);
    assert.equal(a.findings, scratch(added).findings);
    assert.match(scratch(added).facts, /"chains":\["gcc build-essential","gcc build-essential","build-essential"\]/);
    const kept = TEXT.replace(' && apt-get purge -y gcc', '');
    const k = edited(TEXT, kept);
    assert.equal(k.facts, scratch(kept).facts);
    assert.equal(k.findings, scratch(kept).findings);
    assert.match(scratch(kept).facts, /"chains":\["gcc","gcc","gcc"\]/);
  });

  it('a RUN read again under another SHELL, and a stage built FROM another: answers as from scratch', () => {
    const shell = TEXT.replace('FROM b AS c\n', 'FROM b AS c\nSHELL ["/bin/bash", "-c"]\n');
    const s = edited(TEXT, shell);
    assert.equal(s.facts, scratch(shell).facts);
    assert.equal(s.findings, scratch(shell).findings);
    const from = TEXT.replace('FROM b AS c', 'FROM python:3.12-slim AS c');
    const f = edited(TEXT, from);
    assert.equal(f.facts, scratch(from).facts);
    assert.equal(f.findings, scratch(from).findings);
    assert.match(scratch(from).facts, /"chains":\["gcc","gcc",""\]/);
  });
});
