import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { generateDockerfile } from '../../bench/lib/generate.js';
import { allRules, analyze, resetCaches, sizeHints, type DockerfileModel, type RuleLevel } from '../../server/src/engine/index.js';
import { aptInstallEstimates } from '../../server/src/engine/model/aptInstalls.js';
import { unchangedPrefix } from '../../server/src/engine/model/incremental.js';
import { COMPARED_FIELDS } from '../../server/src/engine/model/layerCarry.js';
import { stageLayers, type StageLayers } from '../../server/src/engine/model/layers.js';
import { newCreation } from '../../server/src/engine/model/layerWalk.js';
import { buildModel, type Inst } from '../../server/src/engine/model/model.js';
import { mutate, mutation, SEED_FILES } from '../support/arbitraries.js';
import { corpusFiles } from '../support/corpus.js';
import { engineReady } from '../support/engine.js';

/**
 * Layer records as data, to compare a carried walk with a walk from scratch: instructions by index (each must
 * be an instruction of `model`), commands by place, the test's `marker` left out.
 */
function plain(model: DockerfileModel, layers: StageLayers): string {
  return JSON.stringify(layers, (key, value: unknown) => {
    if (key === 'marker') return undefined;
    if (value && typeof value === 'object' && 'node' in value && 'keyword' in value) {
      const inst = value as Inst;
      assert.equal(model.instructions[inst.index], inst, 'a record names an instruction of its own model');
      return `inst ${inst.index}`;
    }
    if ((key === 'cmd' || key === 'download') && value !== undefined) return `cmd ${(value as { start: number }).start}`;
    return value;
  });
}


/**
 * While a user types, the engine keeps what it worked out for texts it saw before (the shell parse of every
 * RUN, by its text) and reuses it for the unchanged instructions of the next version; the language server also
 * hands it the model of the document's last version, whose unchanged instructions are not parsed again
 * (`model/incremental.ts`). These tests lint each edited text twice: after the versions before it, each given
 * the model of the one before (what the editor does), and again from scratch with every cache emptied. The
 * findings (messages, ranges, fixes with their edits, estimates) and the size hints must be the same.
 */
const SEED = 20_261_207;
const levels: Record<string, RuleLevel> = Object.fromEntries(allRules.map((r) => [r.meta.id, r.meta.defaultSeverity === 'off' ? 'warning' : r.meta.defaultSeverity]));

function analysed(text: string, previous?: DockerfileModel | null): { model: DockerfileModel | null; result: string } {
  const a = analyze(text, { rules: levels }, undefined, previous);
  return { model: a.model, result: JSON.stringify({ findings: a.findings, hints: a.model ? sizeHints(a.model) : null }) };
}

function result(text: string): string {
  return analysed(text).result;
}

/**
 * The results of linting `versions` in order with the caches kept between them, each given the model of the
 * version before, then each from scratch.
 */
function compare(versions: readonly string[]): { step: number; incremental: string; scratch: string }[] {
  resetCaches();
  let previous: DockerfileModel | null = null;
  const incremental = versions.map((text) => {
    const a = analysed(text, previous);
    previous = a.model;
    return a.result;
  });
  return versions.map((text, step) => {
    resetCaches();
    return { step, incremental: incremental[step]!, scratch: result(text) };
  });
}

function assertSame(versions: readonly string[]): void {
  for (const { step, incremental, scratch } of compare(versions)) {
    if (incremental === scratch) continue;
    let d = 0;
    while (incremental[d] === scratch[d]) d++;
    assert.fail(`version ${step} differs when linted after the ones before it, at ${JSON.stringify(incremental.slice(d - 80, d + 80))}; text ${JSON.stringify(versions[step]).slice(0, 600)}`);
  }
}

describe('incremental analysis equals analysis from scratch', () => {
  let files: string[] = [];
  before(async () => {
    await engineReady;
    files = corpusFiles().map(([, text]) => text);
    if (files.length === 0) files = [...SEED_FILES];
  });

  it('typing an option into an apt install of a 200-line file, one character at a time, and deleting it again', () => {
    const text = generateDockerfile(200);
    const at = text.indexOf('apt-get install -y \\\n', text.length / 2) + 'apt-get install -y'.length;
    assert.ok(at > text.length / 2);
    const word = ' --no-install-recommends';
    const versions = [text];
    for (let i = 1; i <= word.length; i++) versions.push(text.slice(0, at) + word.slice(0, i) + text.slice(at));
    for (let i = word.length - 1; i >= 0; i--) versions.push(text.slice(0, at) + word.slice(0, i) + text.slice(at));
    assertSame(versions);
    // The edit changes the findings: the test compares something that moves.
    assert.notEqual(result(versions[word.length]!), result(text));
  });

  it('edits that change what other instructions mean: SHELL, the escape directive, a continuation, a heredoc, a stage name', () => {
    const base = 'FROM debian:bookworm AS build\nRUN apt-get update && apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*\nFROM build\nRUN echo hi\nCMD node app.js\n';
    assertSame([
      base,
      base.replace('FROM debian:bookworm AS build\n', 'FROM debian:bookworm AS build\nSHELL ["pwsh", "-c"]\n'),
      `# escape=\`\n${base}`,
      base.replace('apt-get install -y curl\n', 'apt-get install -y curl \\\n'),
      base.replace('RUN echo hi\n', 'RUN <<EOF\napt-get install -y jq\nEOF\n'),
      base.replace('FROM build\n', 'FROM builder\n'),
      base.replace(/\n/g, '\r\n'),
      base,
    ]);
  });

  it('typing and deleting line breaks, continuations, heredoc markers and comment lines one character at a time', () => {
    const base = [
      'FROM debian:bookworm AS build',
      'RUN apt-get update \\',
      '    && apt-get install -y curl \\',
      '    && rm -rf /var/lib/apt/lists/*',
      'RUN curl -fsSL https://example.com/a.tar.gz -o /tmp/a.tar.gz',
      'RUN tar -xzf /tmp/a.tar.gz -C /opt && rm /tmp/a.tar.gz',
      'COPY <<EOF /etc/app.conf',
      'key=value',
      'EOF',
      'RUN pip install requests',
      'FROM build AS final',
      'ONBUILD RUN apt-get install -y jq',
      'RUN echo done',
      'CMD ["/opt/a/bin/a"]',
      '',
    ].join('\n');
    // Each piece is typed at the start or end of a line, one character a version, then deleted the same way.
    const typed = (text: string, at: number, piece: string): string[] => {
      const out: string[] = [];
      for (let i = 1; i <= piece.length; i++) out.push(text.slice(0, at) + piece.slice(0, i) + text.slice(at));
      for (let i = piece.length - 1; i >= 0; i--) out.push(text.slice(0, at) + piece.slice(0, i) + text.slice(at));
      return out;
    };
    const lineStart = (n: number): number => base.split('\n').slice(0, n).join('\n').length + (n > 0 ? 1 : 0);
    const lineEnd = (n: number): number => lineStart(n) + base.split('\n')[n]!.length;
    const versions = [base];
    versions.push(...typed(base, lineEnd(4), ' \\'), base); // a continuation joins the next RUN to this one
    versions.push(...typed(base, lineEnd(3), '\n# note'), base); // a comment line after a continued RUN
    versions.push(...typed(base, lineEnd(2), '\n'), base); // an empty line inside a continuation
    versions.push(...typed(base, lineEnd(4), ' <<EOF'), base); // a heredoc opened: the lines after it are its body
    versions.push(...typed(base, lineStart(8), 'X'), base); // the heredoc's terminator no longer ends it
    versions.push(...typed(base, lineStart(7), 'RUN rm -rf /var/lib/apt/lists/*\n'), base);
    versions.push(...typed(base, lineStart(10), 'FROM alpine\n'), base); // a new stage: the later ones move
    versions.push(...typed(base, lineEnd(0), 'x'), base); // a stage renamed: the stage FROM it has no parent in the file
    versions.push(...typed(base, lineStart(1), 'SHELL ["pwsh", "-c"]\n'), base); // every later RUN has another shell
    versions.push(...typed(base, lineEnd(11), ' && rm -rf /var/lib/apt/lists/*'), base); // an ONBUILD trigger
    versions.push(...typed(base, lineStart(14), 'RUN echo last'), base); // at the end of the file
    assertSame(versions);
    assertSame([base, base.replace(/\n/g, '\r\n'), ...typed(base.replace(/\n/g, '\r\n'), lineEnd(4) + 4, ' \\\r\n'), base.replace(/\n/g, '\r')]);
  });

  it('edits to ENV, WORKDIR, USER, ARG, FROM, COPY --from, heredoc bodies and continuations that later instructions depend on, typed and as whole lines, LF and CRLF', () => {
    const base = [
      'ARG BASE=debian:bookworm',
      'FROM ${BASE} AS build',
      'ENV PIP_NO_CACHE_DIR=1',
      'WORKDIR /src',
      'RUN apt-get update && apt-get install -y --no-install-recommends gcc \\',
      '    && rm -rf /var/lib/apt/lists/*',
      'COPY . .',
      'RUN pip install -r requirements.txt',
      'RUN curl -fsSL https://example.com/a.tar.gz -o a.tar.gz && tar -xzf a.tar.gz',
      'RUN <<EOF',
      'set -e',
      'apt-get update',
      'apt-get install -y make',
      'EOF',
      'USER app',
      'RUN go build -o /out/app ./cmd/app',
      'FROM build',
      'COPY --from=build /out/app /usr/local/bin/app',
      'RUN rm -rf /src/a.tar.gz',
      'CMD ["app"]',
      '',
    ].join('\n');
    const lines = base.split('\n');
    // Each edit as a whole new text; between the base and it, the edit typed (or deleted) one character at a time.
    const wholeLine = (n: number, line: string | null): string => {
      const l = [...lines];
      if (line === null) l.splice(n, 1);
      else l.splice(n, 0, line);
      return l.join('\n');
    };
    const replaced = (from: string, to: string): string => {
      assert.ok(base.includes(from), from);
      return base.replace(from, to);
    };
    const edits = [
      replaced('ENV PIP_NO_CACHE_DIR=1', 'ENV PIP_NO_CACHE=1'), // pip's cache back on for the later pip install
      wholeLine(2, null), // the ENV line deleted
      replaced('WORKDIR /src', 'WORKDIR /srv'), // the tarball is downloaded elsewhere: the later rm misses it
      wholeLine(3, null),
      replaced('USER app', 'USER root'),
      wholeLine(14, null),
      replaced('ARG BASE=debian:bookworm', 'ARG BASE=alpine:3.20'), // another base: other package facts for every stage
      replaced('FROM ${BASE} AS build', 'FROM ${BASE} AS builder'), // the COPY --from names no stage now
      wholeLine(16, null), // the last FROM removed: one stage, which ships
      wholeLine(16, 'FROM build AS final'), // a FROM added: the stage after builds FROM the first
      wholeLine(9, 'FROM debian:bookworm AS middle'), // a FROM in the middle: the heredoc RUN moves to another stage
      replaced('apt-get install -y make', 'apt-get install -y make && rm -rf /var/lib/apt/lists/*'), // in a heredoc
      replaced('EOF\nUSER', 'EOX\nUSER'), // the heredoc no longer ends: the lines after it are its body
      replaced('gcc \\\n', 'gcc\n'), // a continuation removed: its next line is an instruction of its own
      replaced('tar -xzf a.tar.gz', 'tar -xzf a.tar.gz \\'), // a continuation added: the heredoc RUN joins it
      wholeLine(5, '# a comment inside the continuation'),
      wholeLine(5, ''), // an empty line inside the continuation
    ];
    const typed = (from: string, to: string): string[] => {
      let p = 0;
      while (p < from.length && p < to.length && from[p] === to[p]) p++;
      let s = 0;
      while (s < from.length - p && s < to.length - p && from[from.length - 1 - s] === to[to.length - 1 - s]) s++;
      const removed = from.slice(p, from.length - s);
      const added = to.slice(p, to.length - s);
      const out: string[] = [];
      // Delete what the edit removes one character at a time, then type what it adds.
      for (let k = removed.length - 1; k >= 0; k--) out.push(from.slice(0, p) + removed.slice(0, k) + from.slice(from.length - s));
      for (let k = 1; k <= added.length; k++) out.push(from.slice(0, p) + added.slice(0, k) + from.slice(from.length - s));
      return out;
    };
    for (const eol of ['\n', '\r\n']) {
      const conv = (t: string): string => t.replace(/\n/g, eol);
      const before = result(conv(base));
      for (const edited of edits) {
        // Typed, whole, and back again (whole-line jumps as an editor's paste or undo makes them).
        const versions = [base, ...typed(base, edited), edited, base, edited, ...typed(edited, base)].map(conv);
        assertSame(versions);
        // Each edit changes what is found: the comparison is between results that move.
        assert.notEqual(result(conv(edited)), before, JSON.stringify(edited));
      }
    }
  });

  it('whole lines inserted, deleted and moved in corpus files, several in a row (150 sequences)', () => {
    const lineEdit = fc.record({ kind: fc.constantFrom('insert', 'delete', 'duplicate', 'join', 'split'), at: fc.nat(100_000), from: fc.nat(100_000), col: fc.nat(200) });
    fc.assert(
      fc.property(fc.nat(files.length - 1), fc.array(lineEdit, { minLength: 1, maxLength: 6 }), (i, edits) => {
        const versions = [files[i]!];
        for (const e of edits) {
          const lines = versions[versions.length - 1]!.split('\n');
          const at = e.at % (lines.length + 1);
          const from = lines[e.from % lines.length] ?? '';
          if (e.kind === 'insert') lines.splice(at, 0, from);
          else if (e.kind === 'delete') lines.splice(at, 1);
          else if (e.kind === 'duplicate') lines.splice(at, 0, ...lines.slice(at, at + 3));
          else if (e.kind === 'join' && at + 1 < lines.length) lines.splice(at, 2, lines[at]! + lines[at + 1]!);
          else if (e.kind === 'split' && at < lines.length) lines.splice(at, 1, lines[at]!.slice(0, e.col), lines[at]!.slice(e.col));
          versions.push(lines.join('\n'));
        }
        for (const { incremental, scratch } of compare(versions)) if (incremental !== scratch) return false;
        return true;
      }),
      { seed: SEED + 1, numRuns: 150 },
    );
  });

  it('single characters typed and deleted anywhere in corpus files, ten in a row (150 sequences)', () => {
    const keystroke = fc.record({ at: fc.nat(1_000_000), char: fc.constantFrom('\\', '\n', '\r', '<', 'E', 'O', 'F', ' ', '#', '"', '[', ']', '-', 'x', '`', '$'), del: fc.boolean() });
    fc.assert(
      fc.property(fc.nat(files.length - 1), fc.array(keystroke, { minLength: 1, maxLength: 10 }), (i, keys) => {
        const versions = [files[i]!];
        for (const k of keys) {
          const t = versions[versions.length - 1]!;
          const at = Math.floor((k.at / 1_000_001) * (t.length + 1));
          versions.push(k.del ? t.slice(0, at) + t.slice(at + 1) : t.slice(0, at) + k.char + t.slice(at));
        }
        for (const { incremental, scratch } of compare(versions)) if (incremental !== scratch) return false;
        return true;
      }),
      { seed: SEED + 2, numRuns: 150 },
    );
  });

  it('keeps the parse of the instructions before and after an edit that keeps the number of lines, and moves their RUNs', () => {
    // With RUNs after the edit of every shape a moved script has: assignments, a subshell, bare assignments and unset, exec form, a comment.
    const text = `${generateDockerfile(200)}RUN X=1 env Y=2 make -C /src && (cd /a && A=1 make) # built\nRUN A=1; unset B; echo $A\nRUN ["/bin/sh", "-c", "echo hi"]\n`;
    const at = text.indexOf('apt-get install -y \\\n', text.length / 2) + 'apt-get install -y'.length;
    const edited = `${text.slice(0, at)} -q${text.slice(at)}`;
    const before = buildModel(text);
    const after = buildModel(edited, before);
    assert.equal(after.instructions.length, before.instructions.length);
    const changed = before.instructions.findIndex((i) => i.start <= at && at < i.end);
    assert.ok(changed > 10 && changed < before.instructions.length - 10);
    const same = after.instructions.map((inst, k) => inst.node === before.instructions[k]!.node);
    // The edited instruction (the last one starting before the edit) is parsed again, nothing else.
    assert.deepEqual(same.map((s, k) => (s ? -1 : k)).filter((k) => k >= 0), [changed]);
    const run = after.instructions.find((i, k) => k > changed && i.run?.script)!;
    const was = before.instructions[run.index]!;
    assert.equal(run.run!.bodyStart, was.run!.bodyStart + 3);
    assert.equal(run.run!.script!.commands[0]!.start, was.run!.script!.commands[0]!.start + 3);
    assert.equal(after.instructions[1]!.run, before.instructions[1]!.run);
    // Every moved RUN is the RUN a parse of the new text reads, word for word (deep-equal: the same fields, present or absent).
    const scratch = buildModel(edited);
    const moved = after.instructions.filter((i) => i.index > changed && i.run);
    assert.ok(moved.length > 10 && moved.some((i) => i.run!.script!.commands.some((c) => c.assignments.length > 0 && c.subshell)) && moved.some((i) => i.run!.script!.variables?.length));
    for (const inst of moved) assert.deepStrictEqual(inst.run, scratch.instructions[inst.index]!.run);
    // An edit that adds a line keeps the instructions before it only.
    const split = buildModel(`${text.slice(0, at)}\n${text.slice(at)}`, before);
    assert.ok(split.instructions.slice(0, changed).every((inst, k) => inst.node === before.instructions[k]!.node));
    assert.ok(split.instructions.slice(changed).every((inst) => !before.instructions.some((b) => b.node === inst.node)));
  });

  it('carries the layer walk of the stages before an edit over to the new version, on its instructions, equal to a walk from scratch', () => {
    const text = generateDockerfile(400);
    const before = buildModel(text);
    for (const stage of before.stages) stageLayers(before, stage);
    const lastFrom = before.stages[before.stages.length - 1]!.fromInst;
    const at = text.indexOf('apt-get install -y', lastFrom.end) + 'apt-get install -y'.length;
    assert.ok(at > lastFrom.end);
    const edited = `${text.slice(0, at)} -q${text.slice(at)}`;
    const after = buildModel(edited, before);
    // Every stage but the last lies in the instructions the versions share.
    assert.ok(unchangedPrefix(after)!.count > lastFrom.index);
    const scratch = buildModel(edited);
    for (let k = 0; k < after.stages.length; k++) {
      const carried = stageLayers(after, after.stages[k]!);
      assert.equal(plain(after, carried), plain(scratch, stageLayers(scratch, scratch.stages[k]!)), `stage ${k}`);
      if (k < after.stages.length - 1) assert.notEqual(carried, stageLayers(before, before.stages[k]!));
    }
    assert.ok(stageLayers(after, after.stages[0]!).creations.length > 10);
    // The apt estimates of those stages likewise (every stage installs with apt).
    aptInstallEstimates(before);
    const estimates = (model: DockerfileModel): string => plain(model, [...aptInstallEstimates(model).values()] as never);
    assert.equal(estimates(after), estimates(scratch));
    assert.ok(aptInstallEstimates(after).size > 10);
  });

  it('carries the layer walk of the stages after an edit of one RUN when the walk after its stage is the same, moved; walks them again otherwise', () => {
    const text = [
      'FROM debian:bookworm AS a',
      'ADD https://example.com/x.tgz /tmp/',
      'ADD https://example.com/z.txt /tmp/',
      'RUN curl -fsSL -o /tmp/y.bin https://example.com/y.bin && mkdir -p /opt/d',
      'FROM a AS b',
      'RUN echo one \\\\',
      '    && apt-get install -y curl',
      'RUN mkdir -p /opt/e && rm -f /tmp/z.txt',
      'FROM b AS c',
      'RUN tar -xzf /tmp/x.tgz && rm -rf /tmp/x.tgz /tmp/y.bin',
      'FROM debian:bookworm AS d',
      'RUN apt-get update',
      'RUN rm -rf /var/lib/apt/lists/*',
      'FROM c',
      'RUN apt-get purge -y curl',
      '',
    ].join('\n');
    /** Which stages of `edited` (linted after `text`) are carried over: the last version's removal records are marked (a walk copies none). */
    const carried = (edited: string): number[] => {
      const before = buildModel(text);
      for (const stage of before.stages) {
        for (const r of stageLayers(before, stage).removals) (r as { marker?: boolean }).marker = true;
      }
      const after = buildModel(edited, before);
      const scratch = buildModel(edited);
      const out: number[] = [];
      for (let k = 0; k < after.stages.length; k++) {
        const layers = stageLayers(after, after.stages[k]!);
        assert.equal(plain(after, layers), plain(scratch, stageLayers(scratch, scratch.stages[k]!)), `stage ${k} of ${JSON.stringify(edited)}`);
        if ((layers.removals[0] as { marker?: boolean } | undefined)?.marker) out.push(k);
      }
      return out;
    };
    const model = buildModel(text);
    // Records of every kind that name instructions and commands of earlier stages, b's edited RUN among them.
    assert.deepEqual(stageLayers(model, model.stages[2]!).removals.map((r) => [r.kind, r.names, r.source.index]), [['path', ['/tmp/y.bin'], 3]]);
    assert.equal(stageLayers(model, model.stages[2]!).extractions.length, 1);
    assert.deepEqual(model.stages.map((stage) => stageLayers(model, stage).removals.length > 0), [false, true, true, true, true]);
    assert.deepEqual(stageLayers(model, model.stages[4]!).removals.map((r) => [r.kind, r.names, r.source.index]), [['package', ['curl'], 5]]);
    // A character typed in stage b's RUN: c, d and the last stage after it are walked no more (a, before it, has no removal to mark).
    assert.deepEqual(carried(text.replace('echo one', 'echo onex')), [2, 3, 4]);
    // More commands in it, writing nothing: the same.
    assert.deepEqual(carried(text.replace('echo one', 'echo one; echo two')), [2, 3, 4]);
    // A RUN that writes another path: the walk after b differs, so c and the last stage (FROM c) are walked again; d is not FROM b.
    assert.deepEqual(carried(text.replace('mkdir -p /opt/e', 'mkdir -p /opt/f')), [3]);
    assert.deepEqual(carried(text.replace('apt-get install -y curl', 'apt-get install -y wget')), [3]);
    // Not a RUN (the timeline may change): nothing after it is carried. An added line: nothing after it either.
    assert.deepEqual(carried(text.replace('FROM b AS c', 'FROM b AS cc')), [1]);
    assert.deepEqual(carried(text.replace('RUN mkdir', 'RUN true\nRUN mkdir')), []);
    // An edit in stage a: every later stage builds FROM it but d, and the walk after a is the same.
    assert.deepEqual(carried(text.replace('https://example.com/y.bin', 'https://example.com/v2/y.bin')), [1, 2, 3, 4]);
    // The walk after b differs only in what b removed again (a path made and removed, a cache filled and cleaned):
    // c and the last stage read what they read before, and are carried with this version's removed creations.
    assert.deepEqual(carried(text.replace('echo one', 'mkdir -p /opt/g && rm -rf /opt/g')), [2, 3, 4]);
    assert.deepEqual(carried(text.replace('echo one', 'apt-get update && rm -rf /var/lib/apt/lists/*')), [2, 3, 4]);
    // b removes what c removes, extracts or downloads: c reads another walk (its removal, its extraction) and is walked again.
    // After c the same paths are gone in both versions: the last stage, FROM c, reads what it read before.
    assert.deepEqual(carried(text.replace('echo one', 'rm -f /tmp/y.bin')), [3, 4]);
    assert.deepEqual(carried(text.replace('echo one', 'rm -f /tmp/x.tgz')), [3, 4]);
    // b removes a path of a that nothing later reads: the live creations after b differ, so c is walked again.
    assert.deepEqual(carried(text.replace('echo one', 'rm -rf /opt/d')), [3]);
    // b purges what the last stage purges: the packages after b differ.
    assert.deepEqual(carried(text.replace('echo one', 'true')), [2, 3, 4]);
    assert.deepEqual(carried(text.replace('apt-get install -y curl', 'apt-get install -y curl && apt-get purge -y curl')), [3]);
  });

  it('carries the apt estimates of the stages after an edited RUN only when they start from the same packages and no Recommends setting changed', () => {
    const text = [
      'FROM debian:bookworm AS a',
      'RUN apt-get update && apt-get install -y curl',
      'FROM a AS b',
      'RUN echo one',
      'FROM b AS c',
      'RUN apt-get install -y git wget',
      'FROM debian:bookworm AS d',
      'RUN apt-get install -y git',
      '',
    ].join('\n');
    /** The stages of `edited`'s estimates (linted after `text`) that are the last version's (the same basis object). */
    const carried = (edited: string): number[] => {
      const before = buildModel(text);
      const bases = new Set([...aptInstallEstimates(before).values()].map((e) => e.basis));
      const after = buildModel(edited, before);
      const scratch = buildModel(edited);
      const estimates = (m: DockerfileModel): string => plain(m, [...aptInstallEstimates(m).values()] as never);
      assert.equal(estimates(after), estimates(scratch), JSON.stringify(edited));
      return [...new Set([...aptInstallEstimates(after).values()].filter((e) => bases.has(e.basis)).map((e) => e.inst.stage!.index))];
    };
    assert.deepEqual(carried(text.replace('echo one', 'echo onex')), [0, 2, 3]);
    // b installs a package: c starts from other packages (d, FROM the image, does not).
    assert.deepEqual(carried(text.replace('echo one', 'apt-get install -y git')), [0, 3]);
    // b turns Recommends off for the installs after it: no stage after it is carried.
    assert.deepEqual(carried(text.replace('echo one', "echo 'APT::Install-Recommends \"false\";' > /etc/apt/apt.conf.d/99norecommends")), [0]);
  });

  it('compares every field of a creation when it decides whether a walk is the last version\'s', () => {
    const model = buildModel('FROM debian:bookworm\nRUN mkdir -p /opt/a\n');
    const fields = Object.keys(newCreation({ path: '/opt/a', shape: 'tree', inst: model.instructions[1]!, verb: 'created' }));
    assert.deepEqual(fields.sort(), Object.keys(COMPARED_FIELDS).sort());
    assert.deepEqual(Object.keys(stageLayers(model, model.stages[0]!).creations[0]!).sort(), fields);
  });

  it('carries a stage after an edited RUN whose walk differs from the last version only in removed creations, equal to a walk from scratch, typed one character at a time', () => {
    // The bench's file: its middle RUN (`apt-get update` then `rm -rf /var/lib/apt/lists/*`) typed into, as the scaling suite does.
    // Each stage FROM another removes a directory an earlier one unpacked (a record to mark).
    const lines = generateDockerfile(1200)
      .split('\n')
      .flatMap((line, i) => (line.startsWith('FROM stage') ? [line, `RUN rm -rf /opt/app${i % 7}`] : [line]));
    const text = lines.join('\n');
    const runs = lines.map((l, i) => (l.startsWith('RUN apt-get update') ? i : -1)).filter((i) => i >= 0);
    const target = runs[Math.floor(runs.length / 2)]!;
    const versions = [text];
    for (let n = 1; n <= 4; n++) versions.push([...lines.slice(0, target), lines[target]!.replace(' \\', `${'x'.repeat(n)} \\`), ...lines.slice(target + 1)].join('\n'));
    const at = lines.slice(0, target).join('\n').length + 1;
    let previous: DockerfileModel | null = null;
    for (const [v, version] of versions.entries()) {
      // The last version's removal records are marked: a carried stage's are copies of them, a walk makes new ones.
      if (previous) for (const stage of previous.stages) for (const r of stageLayers(previous, stage).removals) (r as { marker?: boolean }).marker = true;
      const model = buildModel(version, previous);
      const scratch = buildModel(version);
      const carried: number[] = [];
      for (let k = 0; k < model.stages.length; k++) {
        const layers = stageLayers(model, model.stages[k]!);
        assert.equal(plain(model, layers), plain(scratch, stageLayers(scratch, scratch.stages[k]!)), `version ${v}, stage ${k}`);
        if ((layers.removals[0] as { marker?: boolean } | undefined)?.marker) carried.push(k);
      }
      const edited = model.instructions.find((i) => i.start === at)!.stage!.index;
      assert.ok(edited > 0 && edited < model.stages.length - 1);
      // The stages after the one typed in (each with removals to mark) are carried; that one is walked again.
      const after = model.stages.filter((s) => s.index > edited).map((s) => s.index);
      assert.ok(after.every((k) => stageLayers(model, model.stages[k]!).removals.length > 0));
      assert.deepEqual(carried.filter((k) => k >= edited), v === 0 ? [] : after);
      // The apt estimates likewise: those of the stages after the edited one are the last version's (the same basis
      // object, which an estimate worked out again makes anew), equal to those from scratch.
      const estimates = (m: DockerfileModel): string => plain(m, [...aptInstallEstimates(m).values()] as never);
      assert.equal(estimates(model), estimates(scratch));
      if (previous) {
        const bases = new Set([...aptInstallEstimates(previous).values()].map((e) => e.basis));
        const kept = [...aptInstallEstimates(model).values()].filter((e) => e.inst.stage!.index > edited);
        assert.ok(kept.length > 10 && kept.every((e) => bases.has(e.basis)));
        assert.ok([...aptInstallEstimates(model).values()].some((e) => e.inst.stage!.index === edited && !bases.has(e.basis)));
      }
      previous = model;
    }
  });

  it('parses the whole text again after 64 versions in a row that kept nodes of the one before', () => {
    const text = generateDockerfile(60);
    const at = text.indexOf('apt-get install -y') + 'apt-get install -y'.length;
    let model = buildModel(text);
    const shared: boolean[] = [];
    for (let v = 1; v <= 66; v++) {
      const next = buildModel(`${text.slice(0, at)}${' -q'.repeat(v)}${text.slice(at)}`, model);
      shared.push(next.instructions[next.instructions.length - 1]!.node === model.instructions[model.instructions.length - 1]!.node);
      model = next;
    }
    assert.deepEqual(shared.map((s, k) => (s ? -1 : k + 1)).filter((v) => v > 0), [65]);
  });

  it('edits in one stage that change what later stages build FROM or copy from it, typed one character at a time, LF and CRLF', () => {
    const base = [
      'FROM debian:bookworm AS a',
      'RUN apt-get update && apt-get install -y curl',
      'RUN mkdir -p /opt/tool && curl -fsSL -o /opt/tool/t.tgz https://example.com/t.tgz',
      'ENV PIP_NO_CACHE_DIR=1',
      'FROM a AS b',
      'RUN pip install requests',
      'RUN apt-get install -y build-essential',
      'FROM b AS c',
      'COPY --from=a /opt/tool /opt/tool',
      'RUN tar -xzf /opt/tool/t.tgz -C /opt && rm /opt/tool/t.tgz',
      'CMD ["/opt/tool/run"]',
      '',
    ].join('\n');
    const edits: [string, string][] = [
      ['mkdir -p /opt/tool && curl -fsSL -o /opt/tool/t.tgz', 'mkdir -p /opt/tools && curl -fsSL -o /opt/tools/t.tgz'], // a writes elsewhere: what c copies and removes changes
      ['apt-get update && apt-get install -y curl', 'apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*'], // b's install finds no lists now
      ['ENV PIP_NO_CACHE_DIR=1', 'ENV PIP_NO_CACHE=1'], // b inherits no setting: pip's cache kept
      ['FROM a AS b', 'FROM a AS bb'], // c builds FROM a stage no longer named: an image
      ['COPY --from=a', 'COPY --from=0'], // c copies from the first stage by its index
      ['FROM b AS c', 'FROM debian:bookworm-slim AS c'], // c no longer builds on b: a and b do not ship
      ['apt-get install -y build-essential', 'apt-get install -y --no-install-recommends build-essential'],
    ];
    const typed = (from: string, to: string): string[] => {
      let p = 0;
      while (p < from.length && p < to.length && from[p] === to[p]) p++;
      let s = 0;
      while (s < from.length - p && s < to.length - p && from[from.length - 1 - s] === to[to.length - 1 - s]) s++;
      const out: string[] = [];
      for (let k = from.length - s - 1; k >= p; k--) out.push(from.slice(0, k) + from.slice(from.length - s));
      for (let k = p + 1; k <= to.length - s; k++) out.push(from.slice(0, p) + to.slice(p, k) + to.slice(to.length - s));
      return out;
    };
    for (const eol of ['\n', '\r\n']) {
      const conv = (t: string): string => t.replace(/\n/g, eol);
      const before = result(conv(base));
      for (const [from, to] of edits) {
        assert.ok(base.includes(from), from);
        const edited = base.replace(from, to);
        assertSame([base, ...typed(base, edited), edited, base, ...typed(base, edited)].map(conv));
        // Each edit changes what is found, so the comparison is between results that move.
        assert.notEqual(result(conv(edited)), before, to);
      }
    }
  });

  it('finds the edit wherever it lies against the 1,024-character blocks the versions are compared in', () => {
    const text = generateDockerfile(300);
    assert.ok(text.length > 8 * 1024);
    /** Each instruction as the parse reads it: where it is, its keyword and its arguments. */
    const read = (model: DockerfileModel): string[] => model.instructions.map((i) => `${i.start}-${i.end} ${i.keyword} ${i.node.getArguments().map((a) => a.getValue()).join(' ')}`);
    // At block boundaries from the start and from the end, and at the line ends nearest them (the last
    // character of an instruction, so that a prefix or suffix found a few characters too long or too short
    // would put the edit in the instruction next to it).
    const places = [1023, 1024, 1025, 2048, 4096, text.length - 1024, text.length - 2048, text.length - 1];
    for (const b of [1024, 2048, 3072, 4096, text.length - 1024, text.length - 2048, text.length - 3072]) places.push(text.lastIndexOf('\n', b), text.indexOf('\n', b));
    for (const at of places) {
      for (const edited of [`${text.slice(0, at)}x${text.slice(at)}`, `${text.slice(0, at)}${text.slice(at + 1)}`]) {
        const incremental = buildModel(edited, buildModel(text));
        assert.deepEqual(read(incremental), read(buildModel(edited)), `edit at ${at}`);
        assert.ok(incremental.instructions.length > 100 && unchangedPrefix(incremental)!.count > 0);
      }
    }
  });

  it('random edits of files made of several corpus files one after the other (120 sequences)', () => {
    const keystroke = fc.record({ at: fc.nat(1_000_000), char: fc.constantFrom('\\', '\n', 'x', ' ', '#', '-', 'F', 'A', '$', '<'), del: fc.boolean() });
    const step = fc.oneof(fc.array(mutation, { minLength: 1, maxLength: 2 }).map((m) => ({ m, k: null })), fc.array(keystroke, { minLength: 1, maxLength: 4 }).map((k) => ({ m: null, k })));
    fc.assert(
      fc.property(fc.array(fc.nat(files.length - 1), { minLength: 2, maxLength: 4 }), fc.array(step, { minLength: 1, maxLength: 5 }), (picked, steps) => {
        const versions = [picked.map((i) => files[i]!).join('\n')];
        for (const st of steps) {
          let t = versions[versions.length - 1]!;
          if (st.m) t = mutate(t, st.m);
          else
            for (const k of st.k!) {
              // Keystrokes one version each, as typed.
              const at = Math.floor((k.at / 1_000_001) * (t.length + 1));
              t = k.del ? t.slice(0, at) + t.slice(at + 1) : t.slice(0, at) + k.char + t.slice(at);
              versions.push(t);
            }
          if (st.m) versions.push(t);
        }
        for (const { incremental, scratch } of compare(versions)) if (incremental !== scratch) return false;
        return true;
      }),
      { seed: SEED + 3, numRuns: 120 },
    );
  });

  it('random edits of corpus files, several in a row (250 sequences)', () => {
    fc.assert(
      fc.property(fc.nat(files.length - 1), fc.array(fc.array(mutation, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 4 }), (i, steps) => {
        const versions = [files[i]!];
        for (const s of steps) versions.push(mutate(versions[versions.length - 1]!, s));
        for (const { incremental, scratch } of compare(versions)) if (incremental !== scratch) return false;
        return true;
      }),
      { seed: SEED, numRuns: 250 },
    );
  });
});
