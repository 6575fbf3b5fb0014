import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { collectIgnores, ignoreListEnd, parseIgnoreComment } from '../../server/src/engine/ignore.js';
import { lint } from '../../server/src/engine/index.js';
import { buildModel } from '../../server/src/engine/model/model.js';
import { dockerfile } from '../support/dockerfile.js';
import { engineReady } from '../support/engine.js';

/** Rule id and 0-based line of each finding of these rules. */
function hits(text: string, ids: readonly string[]): string[] {
  return lint(text)
    .filter((f) => ids.includes(f.ruleId))
    .map((f) => `${f.ruleId}@${f.range.start.line}`);
}

const SHELL_FORM = ['shell-form-command'];

describe('ignore comments: ours, hadolint and BuildKit', () => {
  before(() => engineReady);

  it('parses each form into a scope and rule keys', () => {
    const cases: [string, ReturnType<typeof parseIgnoreComment>][] = [
      ['# dockerfile-slim ignore=apt-lists-left, runs-as-root', { scope: 'instruction', ids: ['apt-lists-left', 'runs-as-root'] }],
      ['# dockerfile-slim global ignore=runs-as-root', { scope: 'global', ids: ['runs-as-root'] }],
      ['# hadolint stage ignore=DL3008,DL3009', { scope: 'stage', ids: ['hadolint:DL3008', 'hadolint:DL3009'] }],
      ['# check=skip=JSONArgsRecommended,StageNameCasing;error=true', { scope: 'instruction', ids: ['buildkit:JSONArgsRecommended', 'buildkit:StageNameCasing'] }],
      ['#check = error=true; skip=all', { scope: 'instruction', ids: ['buildkit:*'] }],
      ['# check=error=true', null],
      ['# syntax=docker/dockerfile:1', null],
      ['# just a comment', null],
    ];
    for (const [line, want] of cases) assert.deepEqual(parseIgnoreComment(line), want, line);
  });

  it('BuildKit check=skip in the directive header silences the mapped rule for the whole file', () => {
    const body = dockerfile`
      FROM debian:bookworm-slim
      CMD echo one
      FROM debian:bookworm-slim
      CMD echo two
    `;
    assert.deepEqual(hits(body, SHELL_FORM), ['shell-form-command@3']);
    for (const header of ['# check=skip=JSONArgsRecommended', '# check=skip=StageNameCasing,JSONArgsRecommended;error=true', '# check=skip=all']) {
      const text = `# syntax=docker/dockerfile:1\n${header}\n${body}`;
      assert.deepEqual(hits(text, SHELL_FORM), [], header);
    }
    // Another check's name does not silence it; a directive below the header is not a file-wide one.
    assert.deepEqual(hits(`# check=skip=StageNameCasing\n${body}`, SHELL_FORM), ['shell-form-command@4']);
    assert.deepEqual(hits(`# a comment first\n# check=skip=all\n${body}`, SHELL_FORM), ['shell-form-command@5']);
  });

  it('BuildKit check=skip right above one instruction silences it there only', () => {
    const text = dockerfile`
      FROM debian:bookworm-slim AS one
      # check=skip=JSONArgsRecommended
      CMD echo one
      FROM debian:bookworm-slim
      CMD echo two
    `;
    // Only the final stage's CMD counts for shell-form-command; silence it and nothing is left.
    const silenced = text.replace('FROM debian:bookworm-slim\nCMD', 'FROM debian:bookworm-slim\n# check=skip=JSONArgsRecommended\nCMD');
    assert.deepEqual(hits(text, SHELL_FORM), ['shell-form-command@4']);
    assert.deepEqual(hits(silenced, SHELL_FORM), []);
  });

  it('a stage pragma covers the rest of its stage (or the stage whose FROM it precedes), not the others', () => {
    const text = dockerfile`
      FROM debian:bookworm AS build
      RUN apt-get update && apt-get install -y gcc
      # hadolint stage ignore=DL3009
      FROM debian:bookworm
      RUN apt-get update && apt-get install -y curl
      RUN apt-get update && apt-get install -y git
    `;
    const lists = ['apt-lists-left'];
    const before = hits(text.replace('# hadolint stage ignore=DL3009\n', ''), lists);
    assert.deepEqual(before, ['apt-lists-left@3', 'apt-lists-left@4']);
    assert.deepEqual(hits(text, lists), []);
    const inside = dockerfile`
      FROM debian:bookworm
      RUN apt-get update && apt-get install -y curl
      # dockerfile-slim stage ignore=apt-lists-left
      RUN apt-get update && apt-get install -y git
    `;
    assert.deepEqual(hits(inside, lists), ['apt-lists-left@1']);
  });
});

describe('ignore comments in a file that names neither word (read without going line by line)', () => {
  it('finds nothing where no comment can be one, and still finds them in any letter case', () => {
    const none = collectIgnores(buildModel('FROM scratch\n# a comment\nRUN true\n'));
    assert.deepEqual([none.global.size, none.byLine.size], [0, 0]);
    const upper = collectIgnores(buildModel('# CHECK=skip=JSONArgsRecommended\nFROM scratch\n# DOCKERFILE-SLIM IGNORE=a\nRUN true\n# Dockerfile-Slim Global Ignore=b\n'));
    assert.deepEqual([...upper.global].sort(), ['b', 'buildkit:JSONArgsRecommended']);
    assert.deepEqual([...(upper.byLine.get(3) ?? [])], ['a']);
  });
});

describe('ignore comments: one grammar for reading them and for adding an id', () => {
  before(() => engineReady);

  // [comment line, where its id list ends (null: not a local dockerfile-slim ignore comment)]
  const cases: [string, number | null][] = [
    ['# dockerfile-slim ignore=a', 26],
    ['  # dockerfile-slim ignore=a,b', 30],
    ['#dockerfile-slim   ignore = a , b   ', 33],
    ['# dockerfile-slim ignore=a,b # why', 28],
    ['\t# dockerfile-slim ignore=apt-lists-left', 40],
    ['# dockerfile-slim global ignore=a', null],
    ['# dockerfile-slim stage ignore=a', null],
    ['# check=skip=JSONArgsRecommended', null],
    ['# hadolint ignore=DL3009', null],
    ['# dockerfile-slim ignore=', null],
    ['# just a comment', null],
    ['RUN true', null],
  ];

  for (const [line, end] of cases) {
    it(`${JSON.stringify(line)} → ${end}`, () => {
      assert.equal(ignoreListEnd(line), end);
      if (end === null) return;
      // Adding `,c` where the list ends makes the engine read the new id for the instruction below, and
      // keeps the ids it read before.
      const ids = (comment: string): string[] => [...(collectIgnores(buildModel(`FROM scratch\n${comment}\nRUN true\n`)).byLine.get(2) ?? [])].sort();
      const before = ids(line);
      const after = ids(`${line.slice(0, end)},c${line.slice(end)}`);
      assert.deepEqual(after, [...before, 'c'].sort());
    });
  }
});
